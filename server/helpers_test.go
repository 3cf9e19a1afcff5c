package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/pipeline"
	"github.com/sitrep-dev/sitrep/store"
	"github.com/sitrep-dev/sitrep/store/postgres/pgtest"
	"github.com/sitrep-dev/sitrep/store/sqlite"
)

const (
	testToken = "test-token-0123456789"
	corpusDir = "../testdata/corpus"
)

var extractor = sync.OnceValues(extract.Default)

// corpusDB is a database holding the sample corpus, built once per test binary; tests copy it.
var corpusDB = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "sitrep-server-corpus")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "corpus.db")
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return "", err
	}
	defer st.Close()
	x, err := extractor()
	if err != nil {
		return "", err
	}
	p := &pipeline.Pipeline{Extractor: x, Store: st}
	files, err := ingest.Walk([]string{corpusDir})
	if err != nil {
		return "", err
	}
	for _, f := range files {
		docs, _, err := ingest.Read(f, ingest.Options{})
		if err != nil {
			return "", fmt.Errorf("%s: %w", f, err)
		}
		for _, d := range docs {
			if _, err := p.Add(ctx, d); err != nil {
				return "", err
			}
		}
	}
	return path, nil
})

func TestMain(m *testing.M) {
	code := pgtest.Main(m) // m.Run, then stop the PostgreSQL server a test started, if any
	if path, err := corpusDB(); err == nil && path != "" {
		os.RemoveAll(filepath.Dir(path))
	}
	os.Exit(code)
}

// env is a server over its own database, served by httptest.
type env struct {
	t   *testing.T
	srv *Server
	ts  *httptest.Server
	st  *sqlite.Store
}

type envOption func(*Config)

func withToken(tok string) envOption { return func(c *Config) { c.Token = tok } }

// newEnv starts a server; withCorpus copies the sample corpus database first.
func newEnv(t *testing.T, withCorpus bool, opts ...envOption) *env {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "test.db")
	if withCorpus {
		src, err := corpusDB()
		if err != nil {
			t.Fatalf("building the corpus database: %v", err)
		}
		copyFile(t, src, path)
	}
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	e := serveStore(t, st, opts...)
	e.st = st
	return e
}

// serveStore starts a server over st (closed when the test ends), with the pipeline and token of
// the tests unless opts change them.
func serveStore(t *testing.T, st store.Served, opts ...envOption) *env {
	t.Helper()
	x, err := extractor()
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{
		Store: st, Pipeline: &pipeline.Pipeline{Extractor: x, Store: st}, Token: testToken,
		Logger:       slog.New(slog.NewTextHandler(io.Discard, nil)),
		PollInterval: 50 * time.Millisecond,
	}
	for _, o := range opts {
		o(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ts.CloseClientConnections()
		ts.Close()
		srv.Close()
		st.Close()
	})
	return &env{t: t, srv: srv, ts: ts}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// do sends a request and returns the status, headers and body.
func (e *env) do(method, path, token, contentType, body string) (int, http.Header, string) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.ts.URL+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func (e *env) get(path string) (int, string) {
	e.t.Helper()
	code, _, body := e.do("GET", path, "", "", "")
	return code, body
}

func decode[T any](t *testing.T, body string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("decoding %q: %v", clipBody(body), err)
	}
	return v
}

func clipBody(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

// report is a posted document the extractor codes as one event in Aleppo.
const report = `{"source": "Test Wire", "published": "2025-12-24", "title": "Shelling in Aleppo",
 "text": "ALEPPO — Government artillery shelled the Sheikh Maqsoud district of Aleppo on Wednesday, killing four civilians, local medics said."}`
