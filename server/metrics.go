package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Metrics in the Prometheus text format (version 0.0.4), written by hand: a few counters, gauges
// and one histogram do not need a client library.

var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type reqKey struct {
	route, method string
	code          int
}

type histogram struct {
	counts []uint64 // per bucket, not cumulative
	sum    float64
	n      uint64
}

type metrics struct {
	mu            sync.Mutex
	start         time.Time
	requests      map[reqKey]uint64
	latency       map[string]*histogram // by route
	docsPosted    map[bool]uint64       // by added
	ingestErrors  uint64
	ingestSeconds float64
	recent        []time.Time // times of documents added through the API in the last minute
	eventsWritten map[bool]uint64
	webhooks      map[string]uint64
}

func newMetrics() *metrics {
	return &metrics{start: time.Now(), requests: map[reqKey]uint64{}, latency: map[string]*histogram{},
		docsPosted: map[bool]uint64{}, eventsWritten: map[bool]uint64{}, webhooks: map[string]uint64{}}
}

// instrument counts a route's requests by status and times them.
func (s *Server) instrument(route string, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		h(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		s.metrics.request(route, r.Method, sw.status, time.Since(start))
	})
}

func (m *metrics) request(route, method string, code int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[reqKey{route, method, code}]++
	h := m.latency[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(latencyBuckets))}
		m.latency[route] = h
	}
	sec := d.Seconds()
	for i, b := range latencyBuckets {
		if sec <= b {
			h.counts[i]++
			break
		}
	}
	h.sum += sec
	h.n++
}

func (m *metrics) ingested(added bool, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.docsPosted[added]++
	m.ingestSeconds += d.Seconds()
	if added {
		now := time.Now()
		m.recent = append(m.recent, now)
		m.trim(now)
	}
}

// trim drops the times older than a minute.
func (m *metrics) trim(now time.Time) {
	i := sort.Search(len(m.recent), func(i int) bool { return now.Sub(m.recent[i]) < time.Minute })
	m.recent = m.recent[i:]
}

func (m *metrics) ingestError() {
	m.mu.Lock()
	m.ingestErrors++
	m.mu.Unlock()
}

func (m *metrics) eventWritten(isNew bool) {
	m.mu.Lock()
	m.eventsWritten[isNew]++
	m.mu.Unlock()
}

func (m *metrics) webhook(result string) {
	m.mu.Lock()
	m.webhooks[result]++
	m.mu.Unlock()
}

// serveMetrics is GET /metrics.
func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
	defer cancel()
	st, err := s.cfg.Store.Stats(ctx)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	p := &promWriter{w: w}
	p.family("sitrep_documents", "gauge", "Documents stored.")
	p.sample("sitrep_documents", nil, float64(st.Documents))
	p.family("sitrep_events", "gauge", "Events stored.")
	p.sample("sitrep_events", nil, float64(st.Events))
	p.family("sitrep_mentions", "gauge", "Event mentions stored.")
	p.sample("sitrep_mentions", nil, float64(st.Mentions))

	m := s.metrics
	m.mu.Lock()
	defer m.mu.Unlock()
	m.trim(time.Now())
	p.family("sitrep_ingest_documents_total", "counter", "Documents posted to the API, by whether they were new (added) or already stored.")
	p.sample("sitrep_ingest_documents_total", []string{"added", "true"}, float64(m.docsPosted[true]))
	p.sample("sitrep_ingest_documents_total", []string{"added", "false"}, float64(m.docsPosted[false]))
	p.family("sitrep_ingest_errors_total", "counter", "Posted documents the pipeline failed to store.")
	p.sample("sitrep_ingest_errors_total", nil, float64(m.ingestErrors))
	p.family("sitrep_ingest_seconds_total", "counter", "Time spent in the ingest pipeline for posted documents.")
	p.sample("sitrep_ingest_seconds_total", nil, m.ingestSeconds)
	p.family("sitrep_ingest_rate", "gauge", "Documents added through the API per second, over the last minute.")
	p.sample("sitrep_ingest_rate", nil, float64(len(m.recent))/60)
	p.family("sitrep_events_written_total", "counter", "Events written to the store since the server started (by any process), new or updated.")
	p.sample("sitrep_events_written_total", []string{"change", "new"}, float64(m.eventsWritten[true]))
	p.sample("sitrep_events_written_total", []string{"change", "updated"}, float64(m.eventsWritten[false]))
	p.family("sitrep_stream_clients", "gauge", "Open /api/stream connections.")
	p.sample("sitrep_stream_clients", nil, float64(s.hub.count()))
	p.family("sitrep_watches", "gauge", "Active watches.")
	p.sample("sitrep_watches", nil, float64(s.watches.count()))
	p.family("sitrep_webhook_deliveries_total", "counter", "Watch deliveries by result.")
	for _, res := range []string{"delivered", "failed", "dropped"} {
		p.sample("sitrep_webhook_deliveries_total", []string{"result", res}, float64(m.webhooks[res]))
	}

	p.family("sitrep_http_requests_total", "counter", "HTTP requests by route, method and status code.")
	keys := make([]reqKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.route != b.route {
			return a.route < b.route
		}
		if a.method != b.method {
			return a.method < b.method
		}
		return a.code < b.code
	})
	for _, k := range keys {
		p.sample("sitrep_http_requests_total", []string{"route", k.route, "method", k.method, "code", strconv.Itoa(k.code)}, float64(m.requests[k]))
	}
	p.family("sitrep_http_request_duration_seconds", "histogram", "HTTP request latency by route.")
	routes := make([]string, 0, len(m.latency))
	for r := range m.latency {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	for _, route := range routes {
		h := m.latency[route]
		var cum uint64
		for i, b := range latencyBuckets {
			cum += h.counts[i]
			p.sample("sitrep_http_request_duration_seconds_bucket", []string{"route", route, "le", strconv.FormatFloat(b, 'g', -1, 64)}, float64(cum))
		}
		p.sample("sitrep_http_request_duration_seconds_bucket", []string{"route", route, "le", "+Inf"}, float64(h.n))
		p.sample("sitrep_http_request_duration_seconds_sum", []string{"route", route}, h.sum)
		p.sample("sitrep_http_request_duration_seconds_count", []string{"route", route}, float64(h.n))
	}
	p.family("sitrep_uptime_seconds", "gauge", "Seconds since the server started.")
	p.sample("sitrep_uptime_seconds", nil, time.Since(m.start).Seconds())
}

type promWriter struct{ w io.Writer }

func (p *promWriter) family(name, typ, help string) {
	fmt.Fprintf(p.w, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
}

// sample writes one line; labels are name, value pairs.
func (p *promWriter) sample(name string, labels []string, v float64) {
	var b strings.Builder
	b.WriteString(name)
	if len(labels) > 0 {
		b.WriteByte('{')
		for i := 0; i+1 < len(labels); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(labels[i])
			b.WriteString(`="`)
			b.WriteString(labelEscaper.Replace(labels[i+1]))
			b.WriteByte('"')
		}
		b.WriteByte('}')
	}
	b.WriteByte(' ')
	b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
	b.WriteByte('\n')
	io.WriteString(p.w, b.String())
}

var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
