package server

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

type hook struct {
	watch string
	body  delivery
}

// receiver is a loopback webhook that fails its first `fail` calls with 500.
func receiver(t *testing.T, fail int32) (*httptest.Server, <-chan hook) {
	ch := make(chan hook, 10)
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= fail {
			w.WriteHeader(500)
			return
		}
		b, _ := io.ReadAll(r.Body)
		var d delivery
		if err := json.Unmarshal(b, &d); err != nil || r.Method != "POST" || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("webhook got %s %s: %v", r.Method, b, err)
		}
		ch <- hook{watch: r.Header.Get("X-Sitrep-Watch"), body: d}
	}))
	t.Cleanup(srv.Close)
	return srv, ch
}

func TestWatchWebhook(t *testing.T) {
	old := retryDelay
	retryDelay = []time.Duration{20 * time.Millisecond, 20 * time.Millisecond}
	defer func() { retryDelay = old }()
	e := newEnv(t, false)
	syrHook, syrGot := receiver(t, 1) // the first delivery fails: it is retried
	ukrHook, ukrGot := receiver(t, 0)
	var syrWatch struct{ ID, Filter, Webhook string }
	for _, w := range []struct{ body string }{
		{`{"filter": {"country": "SYR", "min_sources": 1}, "webhook": "` + syrHook.URL + `/hook"}`},
		{`{"filter": "country=UKR", "webhook": "` + ukrHook.URL + `"}`},
	} {
		code, hdr, body := e.do("POST", "/api/watches", testToken, "application/json", w.body)
		if code != 201 || !strings.HasPrefix(hdr.Get("Location"), "/api/watches/w-") {
			t.Fatalf("add watch: %d %s", code, body)
		}
		if syrWatch.ID == "" {
			json.Unmarshal([]byte(body), &syrWatch)
		}
	}
	if syrWatch.Filter != "country=SYR&min_sources=1" {
		t.Errorf("stored filter %q", syrWatch.Filter)
	}
	if code, _, body := e.do("POST", "/api/documents", testToken, "application/json", report); code != 201 {
		t.Fatalf("post: %d %s", code, body)
	}
	var first string
	select {
	case h := <-syrGot:
		first = h.body.Event.ID
		if h.watch != syrWatch.ID || h.body.Watch != syrWatch.ID || h.body.Change != "new" || h.body.Event.Location == nil || h.body.Event.Location.Country != "SYR" {
			t.Errorf("delivery: %+v", h)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the webhook got nothing within 5 s")
	}
	select {
	case h := <-ukrGot:
		t.Errorf("the UKR watch got %+v", h.body.Event.Location)
	case <-time.After(300 * time.Millisecond):
	}
	// the same event again (an identical report from another outlet updates it): not delivered twice
	again := strings.Replace(report, "Test Wire", "Other Wire", 1)
	e.do("POST", "/api/documents", testToken, "application/json", again)
	select {
	case h := <-syrGot:
		if h.body.Event.ID == first {
			t.Errorf("event %s delivered twice", first)
		}
	case <-time.After(300 * time.Millisecond):
	}

	// list, persistence, delete
	code, _, body := e.do("GET", "/api/watches", testToken, "", "")
	if code != 200 || strings.Count(body, `"id"`) != 2 {
		t.Errorf("list: %d %s", code, body)
	}
	restarted, err := New(e.srv.cfg)
	if err != nil {
		t.Fatal(err)
	}
	if n := restarted.watches.count(); n != 2 {
		t.Errorf("after a restart %d watches, want 2", n)
	}
	restarted.Close()
	if code, _, _ := e.do("DELETE", "/api/watches/"+syrWatch.ID, testToken, "", ""); code != 204 {
		t.Errorf("delete: %d", code)
	}
	if code, _, _ := e.do("DELETE", "/api/watches/"+syrWatch.ID, testToken, "", ""); code != 404 {
		t.Errorf("delete again: %d", code)
	}
	if e.srv.watches.count() != 1 {
		t.Errorf("%d watches running after the delete", e.srv.watches.count())
	}
}

func TestWatchErrors(t *testing.T) {
	e := newEnv(t, false)
	tests := []struct {
		name, token, body string
		code              int
		want              string
	}{
		{"no token", "", `{"webhook":"http://127.0.0.1:1/"}`, 401, "token"},
		{"wrong token", "x", `{"webhook":"http://127.0.0.1:1/"}`, 401, "token"},
		{"not json", testToken, `{`, 400, "body: want"},
		{"unknown field", testToken, `{"webhook":"http://127.0.0.1:1/","url":"x"}`, 400, "unknown field"},
		{"no webhook", testToken, `{"filter":{"country":"SYR"}}`, 400, "webhook: missing"},
		{"bad scheme", testToken, `{"webhook":"file:///etc/passwd"}`, 400, `want an http or https URL`},
		{"no host", testToken, `{"webhook":"http:///x"}`, 400, "no host"},
		{"bad filter", testToken, `{"filter":{"country":"Syria"},"webhook":"http://127.0.0.1:1/"}`, 400, `filter: invalid parameter "country"`},
		{"filter value type", testToken, `{"filter":{"country":["SYR"]},"webhook":"http://127.0.0.1:1/"}`, 400, "want a string or a number"},
		{"limit in filter", testToken, `{"filter":"limit=5","webhook":"http://127.0.0.1:1/"}`, 400, `"limit"`},
		{"too large", testToken, `{"webhook":"http://127.0.0.1:1/` + strings.Repeat("a", 70<<10) + `"}`, 413, "larger than"},
		{"two objects", testToken, `{"webhook":"http://127.0.0.1:1/"} {"webhook":"http://127.0.0.1:2/"}`, 400, "found more after it"},
		{"junk after the object", testToken, "{\"webhook\":\"http://127.0.0.1:1/\"}\n]", 400, "found more after it"},
	}
	for _, tc := range tests {
		code, _, body := e.do("POST", "/api/watches", tc.token, "application/json", tc.body)
		if code != tc.code || !strings.Contains(decode[apiError](t, body).Error, tc.want) {
			t.Errorf("%s: %d %s, want %d saying %q", tc.name, code, body, tc.code, tc.want)
		}
	}
	for _, r := range []struct{ method, path string }{{"GET", "/api/watches"}, {"DELETE", "/api/watches/w-1"}} {
		if code, _, _ := e.do(r.method, r.path, "", "", ""); code != 401 {
			t.Errorf("%s %s without a token: %d", r.method, r.path, code)
		}
	}
	off := newEnv(t, false, withToken(""))
	if code, _, _ := off.do("POST", "/api/watches", testToken, "application/json", `{"webhook":"http://127.0.0.1:1/"}`); code != 403 {
		t.Errorf("watches with writes off: %d", code)
	}
}
