// Package server is sitrep's HTTP API and web page, served from the one binary by `sitrep serve`:
// event listings with the store's filters in four formats, each event with its evidence, document
// upload through the ingest pipeline, a live stream of new and updated events (Server-Sent Events),
// webhooks for standing queries, an OpenAPI document, health and Prometheus metrics.
//
// Security defaults: writes (POST /api/documents, watches) need Authorization: Bearer with the
// configured token, compared in constant time, and are off when no token is set; request bodies are
// size-limited; the http.Server has read and write timeouts; each client can be rate-limited
// (Config.RateLimit, a token bucket per IP address); no CORS headers are sent; every answer
// carries a Content-Security-Policy that allows only the server's own origin.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/sitrep-dev/sitrep/pipeline"
	"github.com/sitrep-dev/sitrep/store"
	"github.com/sitrep-dev/sitrep/web"
)

// Store is what the server reads and writes (store.Served): the store.Store interface plus the
// evidence of an event, the change feed behind the stream and the watches.
type Store = store.Served

// Config configures a Server. Store is required; the rest have defaults.
type Config struct {
	Store Store
	// Pipeline ingests posted documents (its Store must be Store). Nil turns document upload off.
	Pipeline *pipeline.Pipeline
	// Token is the bearer token that writes need (SITREP_API_TOKEN); "" turns writes off.
	Token  string
	Logger *slog.Logger
	// UI is the built web page (index.html and assets/); nil uses the one embedded by package web.
	UI fs.FS
	// PollInterval is how often the change feed is read for the stream and watches (default 1s);
	// the server's own writes are pushed at once.
	PollInterval time.Duration
	// MaxBodyBytes caps a POST /api/documents body (default 32 MiB).
	MaxBodyBytes int64
	// WebhookClient posts to watches' webhooks (default: 10 s timeout, no redirects).
	WebhookClient *http.Client
	// RateLimit limits each client's requests (429 with Retry-After past it); the zero value leaves
	// limiting off. `sitrep serve` sets DefaultRateLimit and DefaultRateBurst.
	RateLimit RateLimit
}

// Server serves the API and the web page. Create it with New; Close stops its background work.
type Server struct {
	cfg     Config
	log     *slog.Logger
	mux     *http.ServeMux
	handler http.Handler
	metrics *metrics
	hub     *hub
	watches *watchers
	writeMu sync.Mutex // pipeline.Add is not safe for concurrent use
	encoded encodedEvents
	ui      fs.FS
	cancel  context.CancelFunc
	done    chan struct{}
}

// route is one pattern the mux serves; openapi.json documents exactly these.
type route struct {
	method, path string // path in ServeMux syntax: "/api/events/{id}"
	handler      http.HandlerFunc
}

func (s *Server) routes() []route {
	return []route{
		{"GET", "/api/events", s.listEvents},
		{"GET", "/api/events/{id}", s.getEvent},
		{"GET", "/api/documents/{id}", s.getDocument},
		{"POST", "/api/documents", s.auth(s.postDocuments)},
		{"GET", "/api/stream", s.stream},
		{"GET", "/api/watches", s.auth(s.listWatches)},
		{"POST", "/api/watches", s.auth(s.postWatch)},
		{"DELETE", "/api/watches/{id}", s.auth(s.deleteWatch)},
		{"GET", "/openapi.json", s.openAPI},
		{"GET", "/healthz", s.healthz},
		{"GET", "/metrics", s.serveMetrics},
		{"GET", "/{$}", s.index},
		{"GET", "/assets/{file...}", s.asset},
	}
}

// New starts a server's background work (the change feed, watch deliveries) and returns it.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("server: no store")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = time.Second
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = 32 << 20
	}
	if cfg.WebhookClient == nil {
		cfg.WebhookClient = &http.Client{
			Timeout:       10 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	ui := cfg.UI
	if ui == nil {
		ui = web.Dist()
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{cfg: cfg, log: cfg.Logger, mux: http.NewServeMux(), metrics: newMetrics(), ui: ui, cancel: cancel, done: make(chan struct{})}
	for _, r := range s.routes() {
		s.mux.Handle(r.method+" "+r.path, s.instrument(r.path, r.handler))
	}
	s.handler = s.logRequests(s.mux)
	if cfg.RateLimit.enabled() {
		// Outside the request log: a flood of refused requests is logged by the limiter, once a
		// minute per client, not once per request.
		lim := newLimiter(cfg.RateLimit, s.log, func(r *http.Request) { s.metrics.request("rate_limited", r.Method, http.StatusTooManyRequests, 0) })
		s.handler = lim.middleware(s.handler)
	}
	s.handler = s.secure(s.handler)
	last, err := cfg.Store.LastChange(ctx)
	if err != nil {
		cancel()
		return nil, fmt.Errorf("server: change feed: %w", err)
	}
	s.watches = newWatchers(s)
	if err := s.watches.load(ctx); err != nil {
		cancel()
		return nil, fmt.Errorf("server: watches: %w", err)
	}
	s.hub = newHub(s, last)
	go func() {
		defer close(s.done)
		s.hub.run(ctx)
	}()
	return s, nil
}

// Handler is the server's http.Handler (for httptest and for callers with their own http.Server).
func (s *Server) Handler() http.Handler { return s.handler }

// Close stops the change feed, the streams and the watch deliveries.
func (s *Server) Close() {
	s.cancel()
	<-s.done
	s.watches.close()
}

// ListenAndServe serves on addr until ctx ends, then shuts down gracefully. ready, if not nil, is
// called with the bound address once the listener is open.
func (s *Server) ListenAndServe(ctx context.Context, addr string, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	hs := s.httpServer()
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.hub.closeStreams()
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return hs.Shutdown(shut)
}

// timeouts of the http.Server; a variable so a test can shorten them to watch them act.
var timeouts = struct{ readHeader, read, write, idle time.Duration }{
	readHeader: 10 * time.Second,
	read:       2 * time.Minute, // a large upload on a slow link
	write:      time.Minute,     // the stream lifts it for itself
	idle:       2 * time.Minute,
}

// httpServer is the http.Server ListenAndServe runs: no client may hold a connection open by
// sending its request, or reading the answer, slowly.
func (s *Server) httpServer() *http.Server {
	return &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: timeouts.readHeader,
		ReadTimeout:       timeouts.read,
		WriteTimeout:      timeouts.write,
		IdleTimeout:       timeouts.idle,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// secure sets the security headers of every answer. No CORS headers: browsers keep other origins out.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
		next.ServeHTTP(w, r)
	})
}

// statusWriter records the status and size of an answer.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach Flush and SetWriteDeadline.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests logs each request with log/slog, and answers requests no route matches with JSON
// (404, or 405 with Allow when the path exists for other methods).
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		if _, pattern := s.mux.Handler(r); pattern == "" {
			s.unmatched(sw, r)
		} else {
			next.ServeHTTP(sw, r)
		}
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		level := slog.LevelInfo
		if sw.status >= 500 {
			level = slog.LevelError
		}
		s.log.Log(r.Context(), level, "http", "method", r.Method, "path", r.URL.Path, "status", sw.status,
			"bytes", sw.bytes, "duration", time.Since(start).Round(time.Microsecond), "remote", r.RemoteAddr)
	})
}

func (s *Server) unmatched(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{"GET", "POST", "DELETE"} {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, p := s.mux.Handler(probe); p != "" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.metrics.request("unmatched", r.Method, http.StatusMethodNotAllowed, 0)
		writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed on %s (allowed: %s)", r.Method, r.URL.Path, strings.Join(allow, ", ")))
		return
	}
	s.metrics.request("unmatched", r.Method, http.StatusNotFound, 0)
	writeError(w, http.StatusNotFound, fmt.Sprintf("no such path: %s (see /openapi.json)", r.URL.Path))
}

// apiError is the body of every error answer.
type apiError struct {
	Error string `json:"error"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, apiError{Error: msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// internal logs an unexpected error and answers 500 without its details.
func (s *Server) internal(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		return // the client went away
	}
	s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	writeError(w, http.StatusInternalServerError, "internal error (logged on the server)")
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	if _, err := s.cfg.Store.LastChange(ctx); err != nil {
		s.log.Error("health check", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "error": "store not answering"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "writes": s.writesEnabled()})
}

func (s *Server) writesEnabled() bool { return s.cfg.Token != "" && s.cfg.Pipeline != nil }
