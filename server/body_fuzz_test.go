package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/pipeline"
	"github.com/sitrep-dev/sitrep/store/sqlite"
)

// fuzzServer is a server over its own empty database for a fuzz target. Its webhook client dials
// nothing: a fuzzed watch may name any URL, and the fuzzer must not send traffic anywhere.
func fuzzServer(f *testing.F, maxBody int64) *Server {
	f.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	x, err := extractor()
	if err != nil {
		f.Fatal(err)
	}
	srv, err := New(Config{
		Store: st, Pipeline: &pipeline.Pipeline{Extractor: x, Store: st}, Token: testToken,
		Logger:        slog.New(slog.NewTextHandler(io.Discard, nil)),
		MaxBodyBytes:  maxBody,
		WebhookClient: &http.Client{Transport: refuseAll{}},
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() {
		srv.Close()
		st.Close()
	})
	return srv
}

type refuseAll struct{}

func (refuseAll) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("the fuzz tests' webhook client sends nothing")
}

// fuzzPost sends a body and checks what every answer promises, whatever the body: no 5xx, a
// status from the documented set, JSON with a readable "error" on a 4xx.
func fuzzPost(t *testing.T, srv *Server, path string, body []byte, allowed ...int) (int, []byte) {
	t.Helper()
	r := httptest.NewRequest("POST", path, bytes.NewReader(body))
	r.Header.Set("Authorization", "Bearer "+testToken)
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	srv.Handler().ServeHTTP(w, r)
	ok := false
	for _, c := range allowed {
		ok = ok || w.Code == c
	}
	if !ok {
		t.Fatalf("POST %s %q: status %d (%s), want one of %v", path, clip(body), w.Code, clip(w.Body.Bytes()), allowed)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("POST %s: Content-Type %q", path, ct)
	}
	if w.Code >= 400 {
		var e apiError
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == "" || !utf8.ValidString(e.Error) {
			t.Fatalf("POST %s %q: error body %q (%v)", path, clip(body), clip(w.Body.Bytes()), err)
		}
	}
	return w.Code, w.Body.Bytes()
}

func clip(b []byte) string {
	if len(b) > 200 {
		return string(b[:200]) + "…"
	}
	return string(b)
}

// FuzzPostDocuments: any body to POST /api/documents is stored (201, or 200 when already stored)
// with every document it names readable back, or refused as a whole with 400 or 413; never a
// panic or a 5xx.
func FuzzPostDocuments(f *testing.F) {
	for _, s := range []string{
		report,
		`{"text":"Gunmen attacked a village near Menaka on Saturday, killing nine people."}`,
		"{\"source\":\"A\",\"text\":\"x\"}\n{\"source\":\"B\",\"published\":\"2025-12-21T10:00:00+03:00\",\"text\":\"Protesters marched in Bamako.\"}\n",
		`[{"text":"x"}]`, `"just a string"`, `{"text":5}`, `{"text":"x","published":"2999-01-01"}`,
		"{\"text\":\"caf\xe9\"}", "\xff\xfe{\x00\"\x00t\x00", `{"text":"` + strings.Repeat("a", 300) + `"}`,
		"{\"text\":\"x\"}\r\n\r\n{not json", `{"id":{"nested":[1,2,3]},"text":"y"}`, "{}", "null", "",
	} {
		f.Add([]byte(s))
	}
	srv := fuzzServer(f, 4<<10) // small, so the fuzzer reaches the limit
	f.Fuzz(func(t *testing.T, body []byte) {
		code, out := fuzzPost(t, srv, "/api/documents", body, 200, 201, 400, 413)
		if code >= 400 {
			return
		}
		var res struct {
			Added     int `json:"added"`
			Documents []struct {
				ID string `json:"id"`
			} `json:"documents"`
		}
		if err := json.Unmarshal(out, &res); err != nil || len(res.Documents) == 0 {
			t.Fatalf("answer %q: %v", clip(out), err)
		}
		for _, d := range res.Documents {
			if _, err := srv.cfg.Store.Document(context.Background(), d.ID); err != nil {
				t.Fatalf("posted document %s not stored: %v", d.ID, err)
			}
		}
	})
}

// FuzzPostWatch: any body to POST /api/watches makes a watch (201) whose filter the server reads
// back, or is refused with 400 or 413; never a panic or a 5xx.
func FuzzPostWatch(f *testing.F) {
	for _, s := range []string{
		`{"filter": {"country": "SYR", "min_sources": 2}, "webhook": "https://hooks.example/sitrep"}`,
		`{"filter": "country=UKR&type=ASSAULT&q=%22drone+strike%22", "webhook": "http://127.0.0.1:1/x"}`,
		`{"webhook": "https://hooks.example/"}`, `{"filter": null, "webhook": "ftp://x"}`,
		`{"filter": {"limit": 5}, "webhook": "https://h.example/"}`, `{"filter": {"bbox": [1,2,3,4]}}`,
		`{"filter": {"since": 20251201}, "webhook": "https://h.example/"}`, `{"filter": "%zz", "webhook": "https://h.example/"}`,
		`{"filter": {}, "webhook": "https://h.example/", "extra": 1}`, `{"filter": {"q": "\u0000"}, "webhook": "https://h.example/"}`,
		`{"filter": {"country": "SYR"}, "webhook": "https://h.example/"} trailing`, `[]`, `{`, "",
	} {
		f.Add([]byte(s))
	}
	srv := fuzzServer(f, 0)
	f.Fuzz(func(t *testing.T, body []byte) {
		code, out := fuzzPost(t, srv, "/api/watches", body, 201, 400, 413)
		if code != 201 {
			return
		}
		var w struct{ ID, Filter, Webhook string }
		if err := json.Unmarshal(out, &w); err != nil || w.ID == "" {
			t.Fatalf("answer %q: %v", clip(out), err)
		}
		if err := checkWebhook(w.Webhook); err != nil {
			t.Fatalf("watch %s accepted with webhook %q: %v", w.ID, w.Webhook, err)
		}
		// A stored filter the server cannot read again would be skipped at the next start.
		v, err := url.ParseQuery(w.Filter)
		if err == nil {
			_, err = ParseFilter(v)
		}
		if err != nil {
			t.Fatalf("watch %s stored filter %q, which does not read back: %v", w.ID, w.Filter, err)
		}
		// Each watch holds a goroutine: delete it so a long fuzzing run does not pile them up.
		r := httptest.NewRequest("DELETE", "/api/watches/"+w.ID, nil)
		r.Header.Set("Authorization", "Bearer "+testToken)
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, r)
		if rec.Code != http.StatusNoContent {
			t.Fatalf("DELETE watch %s: %d %s", w.ID, rec.Code, rec.Body.String())
		}
	})
}
