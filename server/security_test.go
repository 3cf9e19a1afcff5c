package server

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestTokenEqual(t *testing.T) {
	const want = "s3cret-token"
	tests := []struct {
		got  string
		want bool
	}{
		{"s3cret-token", true},
		{"s3cret-tokeN", false},
		{"s3cret-toke", false},   // a prefix
		{"s3cret-token2", false}, // longer
		{"", false},              // none
		{"S3CRET-TOKEN", false},  // case matters
		{"s3cret-token ", false}, // the caller trims; tokenEqual does not
		{"\x00s3cret-token", false},
	}
	for _, tt := range tests {
		if got := tokenEqual(tt.got, want); got != tt.want {
			t.Errorf("tokenEqual(%q, %q) = %v, want %v", tt.got, want, got, tt.want)
		}
	}
}

// Timing cannot be measured reliably in a test, so this checks the code instead: the configured
// token is only ever compared with "" (is it set?) or inside tokenEqual, which compares digests
// with subtle.ConstantTimeCompare. A plain == on the token would leak, through its timing, how
// many leading bytes a guess got right.
func TestTokenComparedInConstantTime(t *testing.T) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	isToken := func(e ast.Expr) bool {
		sel, ok := e.(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "Token"
	}
	isEmpty := func(e ast.Expr) bool {
		lit, ok := e.(*ast.BasicLit)
		return ok && lit.Value == `""`
	}
	constantTime := false
	for _, pkg := range pkgs {
		for _, f := range pkg.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncDecl:
					if n.Name.Name == "tokenEqual" {
						ast.Inspect(n.Body, func(m ast.Node) bool {
							if sel, ok := m.(*ast.SelectorExpr); ok && sel.Sel.Name == "ConstantTimeCompare" {
								constantTime = true
							}
							return true
						})
					}
				case *ast.BinaryExpr:
					if (n.Op == token.EQL || n.Op == token.NEQ) && (isToken(n.X) || isToken(n.Y)) && !isEmpty(n.X) && !isEmpty(n.Y) {
						t.Errorf("%s: the token is compared with %s", fset.Position(n.Pos()), n.Op)
					}
				case *ast.CallExpr:
					if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name != "tokenEqual" {
						for _, a := range n.Args {
							if isToken(a) && (sel.Sel.Name == "EqualFold" || sel.Sel.Name == "Equal" || sel.Sel.Name == "Compare" || sel.Sel.Name == "HasPrefix") {
								t.Errorf("%s: the token is compared with %s", fset.Position(n.Pos()), sel.Sel.Name)
							}
						}
					}
				}
				return true
			})
		}
	}
	if !constantTime {
		t.Error("tokenEqual does not use subtle.ConstantTimeCompare")
	}
}

// listen serves s on a loopback port with the real http.Server, shortened timeouts, and returns
// its address; the server stops with the test.
func listen(t *testing.T, s *Server) string {
	t.Helper()
	old := timeouts
	timeouts.readHeader, timeouts.read, timeouts.write, timeouts.idle = 300*time.Millisecond, 600*time.Millisecond, time.Second, 300*time.Millisecond
	t.Cleanup(func() { timeouts = old })
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- s.ListenAndServe(ctx, "127.0.0.1:0", func(a net.Addr) { addrc <- a.String() }) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	select {
	case a := <-addrc:
		return a
	case err := <-done:
		t.Fatalf("ListenAndServe: %v", err)
	}
	return ""
}

// Slow and oversized requests cannot hold a connection: the http.Server's timeouts and header
// limit close them.
func TestServerTimeoutsAndHeaderLimit(t *testing.T) {
	e := newEnv(t, false)
	hs := e.srv.httpServer()
	for name, d := range map[string]time.Duration{"ReadHeaderTimeout": hs.ReadHeaderTimeout, "ReadTimeout": hs.ReadTimeout,
		"WriteTimeout": hs.WriteTimeout, "IdleTimeout": hs.IdleTimeout} {
		if d <= 0 || d > 2*time.Minute {
			t.Errorf("%s = %v, want a bound of at most 2 minutes", name, d)
		}
	}
	if hs.MaxHeaderBytes <= 0 || hs.MaxHeaderBytes > 1<<20 {
		t.Errorf("MaxHeaderBytes = %d", hs.MaxHeaderBytes)
	}
	addr := listen(t, e.srv)
	tests := []struct {
		name string
		send string // what the client writes, then it goes quiet
		want string // the start of what it reads before the server closes ("" for nothing)
	}{
		{"headers never finished", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: 1", ""},
		{"body never finished", "POST /api/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + testToken +
			"\r\nContent-Length: 100000\r\n\r\n{\"text\": \"", "HTTP/1.1 400"},
		{"idle keep-alive", "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200"},
		{"headers over the limit", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", 100<<10) + "\r\n\r\n", "HTTP/1.1 431"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			start := time.Now()
			if _, err := io.WriteString(conn, tt.send); err != nil {
				t.Fatal(err)
			}
			conn.SetReadDeadline(time.Now().Add(10 * time.Second)) // the test's own bound
			got, err := io.ReadAll(bufio.NewReader(conn))
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatalf("the server kept the connection open for %v", time.Since(start))
			}
			if !strings.HasPrefix(string(got), tt.want) {
				t.Errorf("read %q, want it to start with %q", clipBody(string(got)), tt.want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("closed after %v", d)
			}
		})
	}
}

// Every parameter reaches SQL as a bound value: SQL in a parameter, a path or a cursor matches
// nothing (a query built by pasting it in would match every event, or fail with a 500), and the
// tables are intact afterwards.
func TestHostileParametersAreData(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	before, err := e.st.Stats(ctx)
	if err != nil || before.Events == 0 {
		t.Fatalf("corpus stats %+v, %v", before, err)
	}
	inject := []string{
		`zzqx' OR '1'='1`, `zzqx" OR "1"="1`, `zzqx'; DROP TABLE events; --`, `zzqx) OR 1=1 --`,
		`zzqx%' OR 1=1 --`, `zzqx*`, `zzqx NEAR(a b)`, "zzqx\x00' OR 1=1",
	}
	cursor := base64.RawURLEncoding.EncodeToString([]byte(`2999-01-01|' OR 1=1 --`))
	for _, s := range inject {
		for _, param := range []string{"q", "actor", "country", "type", "acled_type"} {
			path := "/api/events?" + url.Values{param: {s}}.Encode()
			code, body := e.get(path)
			switch code {
			case http.StatusOK:
				if n := len(decode[listAnswer](t, body).Events); n != 0 {
					t.Errorf("%s: %d events, want none", path, n)
				}
			case http.StatusBadRequest:
				if msg := decode[apiError](t, body).Error; !strings.Contains(msg, param) {
					t.Errorf("%s: 400 %q does not name %s", path, msg, param)
				}
			default:
				t.Errorf("%s: %d %s", path, code, clipBody(body))
			}
		}
		for _, path := range []string{"/api/events/" + url.PathEscape(s), "/api/documents/" + url.PathEscape(s)} {
			if code, body := e.get(path); code != http.StatusNotFound {
				t.Errorf("%s: %d %s, want 404", path, code, clipBody(body))
			}
		}
	}
	if code, body := e.get("/api/events?cursor=" + cursor); code >= 500 {
		t.Errorf("injected cursor: %d %s", code, body)
	}
	after, err := e.st.Stats(ctx)
	if err != nil || after != before {
		t.Errorf("stats after the hostile requests %+v, %v; before %+v", after, err, before)
	}
}

// Hostile documents posted to the API get the ingest readers' verdicts: refused with a 400 that
// names the line and says what is wrong, or stored with a warning in the answer.
func TestPostedHostileDocuments(t *testing.T) {
	e := newEnv(t, false)
	const russian = "Российская ракета попала в пятиэтажный жилой дом в Харькове в понедельник утром, погибли три человека и ещё двенадцать получили ранения."
	tests := []struct {
		name, body string
		code       int
		want       string // in the error, or in the warnings
	}{
		{"far future", `{"text":"Clashes in Goma.","published":"2999-01-01"}`, 400, `line 1: invalid "published" "2999-01-01": date in the future`},
		{"invalid UTF-8", "{\"text\":\"caf\xe9 shelled\"}", 400, "line 1: invalid UTF-8 at byte offset"},
		{"deep JSON", `{"id":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `,"text":"x"}`, 400, "exceeded max depth"},
		{"binary", "\x00\x01PK", 400, "body: binary content"},
		{"non-English", `{"source":"Wire","text":"` + russian + `"}`, 201, "line 1: text does not look like English"},
		{"same id, other text", `{"id":"r1","text":"Clashes in Goma on Monday."}` + "\n" + `{"id":"r1","text":"Clashes in Bukavu on Monday."}`, 201,
			`line 2: id "r1" also at line 1 with another text`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, body := e.do("POST", "/api/documents", testToken, "application/json", tt.body)
			if code != tt.code {
				t.Fatalf("%d %s, want %d", code, clipBody(body), tt.code)
			}
			var got struct {
				Error    string   `json:"error"`
				Warnings []string `json:"warnings"`
			}
			if err := json.Unmarshal([]byte(body), &got); err != nil {
				t.Fatal(err)
			}
			if said := got.Error + strings.Join(got.Warnings, "\n"); !strings.Contains(said, tt.want) {
				t.Errorf("answer %s does not say %q", clipBody(body), tt.want)
			}
		})
	}
}
