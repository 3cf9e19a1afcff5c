package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// `sitrep serve` prints its URL, serves the API over the database and stops cleanly on SIGTERM;
// `sitrep events` takes the same filters as the API.
func TestServeAndEventFilters(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	if r := run(t, "", "ingest", "--progress", "none", "--db", db, filepath.Join(corpus, "wires.jsonl")); r.code != 0 {
		t.Fatalf("ingest: %s", r.stderr)
	}

	// the CLI's filters
	r := run(t, "", "events", "--db", db, "--q", "rapid support", "--country", "sdn", "--format", "jsonl")
	if r.code != 0 || strings.TrimSpace(r.stdout) == "" {
		t.Fatalf("events --q --country: %d %s", r.code, r.stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var e struct {
			Location struct{ Country string } `json:"location"`
		}
		if json.Unmarshal([]byte(line), &e); e.Location.Country != "SDN" {
			t.Errorf("events --country sdn printed an event in %q", e.Location.Country)
		}
	}
	r = run(t, "", "events", "--db", db, "--limit", "2")
	if r.code != 0 || strings.Count(r.stdout, "\n") != 2 || !strings.Contains(r.stderr, "--cursor ") {
		t.Fatalf("events --limit 2: %d %q %s", r.code, r.stdout, r.stderr)
	}
	cursor := strings.TrimSpace(r.stderr[strings.Index(r.stderr, "--cursor ")+len("--cursor "):])
	if r2 := run(t, "", "events", "--db", db, "--limit", "2", "--cursor", cursor); r2.code != 0 || r2.stdout == r.stdout {
		t.Errorf("the next page: %d %s", r2.code, r2.stderr)
	}
	for _, bad := range [][]string{{"--bbox", "1,2"}, {"--min-sources", "x"}, {"--type", "FIGHTING"}, {"--since", "2025-12-31", "--until", "2025-12-01"}} {
		r := run(t, "", append([]string{"events", "--db", db}, bad...)...)
		if r.code == 0 || !strings.Contains(r.stderr, "sitrep: ") {
			t.Errorf("events %v: exit %d, %s", bad, r.code, r.stderr)
		}
	}
	if r := run(t, "", "events", "--db", db, "--bbox", "1,2"); !strings.Contains(r.stderr, "--bbox: want four numbers") {
		t.Errorf("the error does not name the flag: %s", r.stderr)
	}

	// serve
	cmd := exec.Command(binary, "serve", "--db", db, "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "SITREP_API_TOKEN=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(sc.Text()); m != "" {
				urls <- m
			}
		}
	}()
	var base string
	select {
	case base = <-urls:
	case <-time.After(30 * time.Second):
		t.Fatal("serve printed no URL within 30 s")
	}
	get := func(path string) (int, string) {
		resp, err := http.Get(base + strings.TrimPrefix(path, "/"))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/healthz"); code != 200 || !strings.Contains(body, `"writes":false`) {
		t.Errorf("healthz: %d %s", code, body)
	}
	if code, body := get("/api/events?country=SDN&limit=1"); code != 200 || !strings.Contains(body, `"next_cursor"`) {
		t.Errorf("events: %d %s", code, body)
	}
	resp, err := http.Post(base+"api/documents", "application/json", strings.NewReader(`{"text":"x"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Errorf("POST without SITREP_API_TOKEN on the server: %d, want 403", resp.StatusCode)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after SIGTERM: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("serve did not stop within 10 s of SIGTERM")
	}
}
