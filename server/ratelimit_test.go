package server

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock is a clock the tests move by hand, so refills happen without sleeping.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newTestLimiter(cfg RateLimit) (*limiter, *fakeClock, *atomic.Int64, http.Handler) {
	clock := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	var rejected atomic.Int64
	l := newLimiter(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), func(*http.Request) { rejected.Add(1) })
	l.now = clock.now
	h := l.middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	return l, clock, &rejected, h
}

// req is one request of a scenario: from whom, after how long, and the status it must get.
type req struct {
	remote string        // RemoteAddr
	xff    string        // X-Forwarded-For, if any
	after  time.Duration // clock moves this much before the request
	n      int           // sent this many times (default 1)
	want   int           // status of each
}

func TestRateLimit(t *testing.T) {
	const a, b = "192.0.2.1:5000", "198.51.100.7:6000"
	tests := []struct {
		name string
		cfg  RateLimit
		reqs []req
	}{
		{"a burst passes, the next request is refused", RateLimit{Rate: 1, Burst: 3}, []req{
			{remote: a, n: 3, want: 204}, {remote: a, want: 429}}},
		{"the bucket refills at the rate", RateLimit{Rate: 2, Burst: 2}, []req{
			{remote: a, n: 2, want: 204}, {remote: a, want: 429},
			{remote: a, after: 500 * time.Millisecond, want: 204}, {remote: a, want: 429},
			{remote: a, after: time.Second, n: 2, want: 204}, {remote: a, want: 429}}},
		{"clients have their own buckets", RateLimit{Rate: 1, Burst: 1}, []req{
			{remote: a, want: 204}, {remote: a, want: 429}, {remote: b, want: 204}, {remote: b, want: 429}}},
		{"another port of the same host is the same client", RateLimit{Rate: 1, Burst: 1}, []req{
			{remote: "192.0.2.1:1", want: 204}, {remote: "192.0.2.1:2", want: 429}}},
		{"an IPv6 /64 is one client", RateLimit{Rate: 1, Burst: 1}, []req{
			{remote: "[2001:db8:1:2::1]:80", want: 204}, {remote: "[2001:db8:1:2:ffff::9]:80", want: 429},
			{remote: "[2001:db8:1:3::1]:80", want: 204}}},
		{"an IPv4-mapped IPv6 address is the IPv4 client", RateLimit{Rate: 1, Burst: 1}, []req{
			{remote: "[::ffff:192.0.2.1]:80", want: 204}, {remote: a, want: 429}}},
		{"X-Forwarded-For is ignored unless trusted", RateLimit{Rate: 1, Burst: 1}, []req{
			{remote: a, xff: "203.0.113.1", want: 204}, {remote: a, xff: "203.0.113.2", want: 429}}},
		{"trusted X-Forwarded-For names the client", RateLimit{Rate: 1, Burst: 1, TrustForwardedFor: true}, []req{
			{remote: a, xff: "203.0.113.1", want: 204}, {remote: a, xff: "203.0.113.2", want: 204},
			{remote: b, xff: "10.0.0.9, 203.0.113.1", want: 429}}},
		{"trusted but junk X-Forwarded-For falls back to the connection", RateLimit{Rate: 1, Burst: 1, TrustForwardedFor: true}, []req{
			{remote: a, xff: "not-an-ip", want: 204}, {remote: a, want: 429}}},
		{"burst defaults to twice the rate", RateLimit{Rate: 2}, []req{
			{remote: a, n: 4, want: 204}, {remote: a, want: 429}}},
		{"a fractional rate gets a burst of one", RateLimit{Rate: 0.2}, []req{
			{remote: a, want: 204}, {remote: a, want: 429}, {remote: a, after: 5 * time.Second, want: 204}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, clock, rejected, h := newTestLimiter(tt.cfg)
			var wantRejected int64
			for i, rq := range tt.reqs {
				clock.advance(rq.after)
				for k := 0; k < max(1, rq.n); k++ {
					r := httptest.NewRequest("GET", "/api/events", nil)
					r.RemoteAddr = rq.remote
					if rq.xff != "" {
						r.Header.Set("X-Forwarded-For", rq.xff)
					}
					w := httptest.NewRecorder()
					h.ServeHTTP(w, r)
					if w.Code != rq.want {
						t.Fatalf("request %d.%d from %s (X-Forwarded-For %q): %d, want %d", i, k, rq.remote, rq.xff, w.Code, rq.want)
					}
					if rq.want == 429 {
						wantRejected++
						checkTooMany(t, w.Result())
					}
				}
			}
			if got := rejected.Load(); got != wantRejected {
				t.Errorf("%d rejections counted, want %d", got, wantRejected)
			}
		})
	}
}

// checkTooMany asserts what a refused client is told: a JSON error that says the limit, and when
// to come back.
func checkTooMany(t *testing.T, resp *http.Response) {
	t.Helper()
	secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
	if err != nil || secs < 1 {
		t.Errorf("Retry-After = %q, want a positive number of seconds", resp.Header.Get("Retry-After"))
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	var e apiError
	if err := json.NewDecoder(resp.Body).Decode(&e); err != nil || !strings.Contains(e.Error, "rate limit exceeded") ||
		!strings.Contains(e.Error, "retry after "+strconv.Itoa(secs)+" s") {
		t.Errorf("body %+v, %v", e, err)
	}
}

func TestRateLimitRetryAfter(t *testing.T) {
	tests := []struct {
		rate float64
		want string
	}{
		{10, "1"},  // a token every 100 ms: rounded up to the header's whole second
		{1, "1"},   // a token every second
		{0.5, "2"}, // every two seconds
		{0.01, "100"},
	}
	for _, tt := range tests {
		_, _, _, h := newTestLimiter(RateLimit{Rate: tt.rate, Burst: 1})
		var last *httptest.ResponseRecorder
		for range 2 {
			last = httptest.NewRecorder()
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = "192.0.2.1:1"
			h.ServeHTTP(last, r)
		}
		if last.Code != 429 || last.Header().Get("Retry-After") != tt.want {
			t.Errorf("rate %v: %d, Retry-After %q, want 429 and %s", tt.rate, last.Code, last.Header().Get("Retry-After"), tt.want)
		}
	}
}

// The table of clients stays within MaxClients however many addresses requests come from, and
// clients whose bucket has refilled are forgotten.
func TestRateLimitMemoryBounded(t *testing.T) {
	l, clock, _, h := newTestLimiter(RateLimit{Rate: 1, Burst: 2, MaxClients: 100})
	send := func(remote string) int {
		w := httptest.NewRecorder()
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = remote
		h.ServeHTTP(w, r)
		return w.Code
	}
	for i := range 1000 {
		if code := send("10.0." + strconv.Itoa(i/256) + "." + strconv.Itoa(i%256) + ":1"); code != 204 {
			t.Fatalf("client %d: first request %d", i, code)
		}
		if n := l.size(); n > 100 {
			t.Fatalf("after %d clients the table holds %d, want at most 100", i+1, n)
		}
	}
	// Two seconds on, every bucket is full again: the next new client's sweep forgets them all.
	clock.advance(2 * time.Second)
	send("192.0.2.200:1")
	if n := l.size(); n != 1 {
		t.Errorf("after the idle clients refilled the table holds %d, want 1", n)
	}
	// A client still short of tokens is kept by the sweep, so its limit holds.
	send("192.0.2.201:1")
	send("192.0.2.201:1")
	clock.advance(time.Minute)
	send("192.0.2.202:1") // sweeps: 192.0.2.201 has refilled by now
	if n := l.size(); n != 1 {
		t.Errorf("table holds %d after a minute, want 1", n)
	}
}

// Through the whole server: the refusal carries the security headers and shows in /metrics, and
// the zero Config does not limit.
func TestRateLimitServer(t *testing.T) {
	tests := []struct {
		name      string
		cfg       RateLimit
		wantLimit bool
	}{
		{"off by default", RateLimit{}, false},
		{"on", RateLimit{Rate: 1, Burst: 5}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, false, func(c *Config) { c.RateLimit = tt.cfg })
			var codes []int
			var last *http.Response
			for range 8 {
				resp, err := e.ts.Client().Get(e.ts.URL + "/healthz")
				if err != nil {
					t.Fatal(err)
				}
				codes = append(codes, resp.StatusCode)
				if resp.StatusCode == 429 {
					last = resp
					checkTooMany(t, resp)
				}
				resp.Body.Close()
			}
			refused := 0
			for _, c := range codes {
				if c == 429 {
					refused++
				}
			}
			if !tt.wantLimit {
				if refused > 0 {
					t.Fatalf("statuses %v: refused without a limit", codes)
				}
				return
			}
			// Within the test the bucket may gain one token back (a second passes rarely here).
			if refused < 2 || codes[0] != 200 || codes[4] != 200 {
				t.Fatalf("statuses %v: want 5 answered, then refusals", codes)
			}
			if last.Header.Get("Content-Security-Policy") == "" || last.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("the 429 lacks the security headers: %v", last.Header)
			}
			// /metrics is limited like any route, and this client is out of tokens.
			body := metricsText(e.srv)
			if !strings.Contains(body, `route="rate_limited"`) || !strings.Contains(body, `code="429"`) {
				t.Errorf("/metrics does not count the refusals:\n%s", body)
			}
		})
	}
}

// metricsText reads /metrics from its handler, past the limiter.
func metricsText(s *Server) string {
	w := httptest.NewRecorder()
	s.serveMetrics(w, httptest.NewRequest("GET", "/metrics", nil))
	return w.Body.String()
}
