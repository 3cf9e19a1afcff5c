package main

import (
	"bufio"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The rate-limit flags reach the server: a client past its burst gets 429 with Retry-After, the
// default leaves room for a page's requests, 0 turns limiting off, and a bad value is refused.
func TestServeRateLimitFlags(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	tests := []struct {
		name  string
		flags []string
		want  []int // statuses of quick successive GET /healthz
		err   string
	}{
		{"defaults (50/s, bursts of 100)", nil, repeat(200, 20), ""},
		{"a small burst", []string{"--rate-limit", "0.5", "--rate-burst", "2"}, []int{200, 200, 429, 429}, ""},
		{"off", []string{"--rate-limit", "0", "--rate-burst", "1"}, repeat(200, 20), ""},
		{"negative", []string{"--rate-limit", "-1"}, nil, "--rate-limit and --rate-burst: want 0 or more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, tt.flags...)
			if tt.err != "" {
				if r := run(t, "", args...); r.code == 0 || !strings.Contains(r.stderr, tt.err) {
					t.Errorf("exit %d, stderr %q; want it to say %q", r.code, r.stderr, tt.err)
				}
				return
			}
			base := startServe(t, args...)
			var got []int
			for range tt.want {
				resp, err := http.Get(base + "healthz")
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				got = append(got, resp.StatusCode)
				if resp.StatusCode == 429 && resp.Header.Get("Retry-After") != "2" {
					t.Errorf("Retry-After %q, want 2 (one request every 2 s)", resp.Header.Get("Retry-After"))
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("statuses %v, want %v", got, tt.want)
			}
		})
	}
}

func repeat(v, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// startServe runs `sitrep ARGS` (a serve command on port 0) and returns its base URL; the server
// is killed when the test ends.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "SITREP_API_TOKEN=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(sc.Text()); m != "" {
				select {
				case urls <- m:
				default:
				}
			}
		}
	}()
	select {
	case u := <-urls:
		return u
	case <-time.After(30 * time.Second):
		t.Fatal("serve printed no URL within 30 s")
	}
	return ""
}
