// Command loadtest drives `sitrep serve` on loopback with a mixed query load at a fixed rate while
// documents are being posted, and reports latency percentiles, the achieved rate, answers by
// status and errors. It exits non-zero when there were errors or the p99 is over the target.
//
//	go run ./tools/loadtest -bin bin/sitrep [-duration 60s] [-rate 1000] [-post-rate 3] [-p99 50ms]
//
// It builds nothing: it runs the given binary to ingest the sample corpus into a fresh database
// in a temporary directory, then serves that database on 127.0.0.1 at a port the system picks,
// with rate limiting off. The load is open-loop: request i is due at start + i/rate whatever
// happened to the ones before, and its latency counts from when it was due, so a slow answer
// delays no later request and a stall shows in the figures instead of lowering the rate. Only
// loopback is ever addressed, and the run is bounded in time and in the number of requests.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/sitrep-dev/sitrep/ingest"
)

// Bounds on what one run may do, whatever the flags say.
const (
	maxDuration = 10 * time.Minute
	maxRequests = 2_000_000
)

type config struct {
	bin, corpus            string
	duration               time.Duration
	rate, postRate         float64
	p99                    time.Duration
	maxErrors, maxInFlight int
	timeout                time.Duration
	seed                   uint64
}

func main() {
	var c config
	flag.StringVar(&c.bin, "bin", "bin/sitrep", "the sitrep binary to run (make build makes it)")
	flag.StringVar(&c.corpus, "corpus", "testdata/corpus", "documents to ingest first and to re-post with new sources")
	flag.DurationVar(&c.duration, "duration", 60*time.Second, "how long to send queries (at most 10m)")
	flag.Float64Var(&c.rate, "rate", 1000, "queries per second, sent on a fixed schedule")
	flag.Float64Var(&c.postRate, "post-rate", 3, "documents posted per second meanwhile (0: none)")
	flag.DurationVar(&c.p99, "p99", 50*time.Millisecond, "fail when the queries' 99th percentile latency is above this")
	flag.IntVar(&c.maxErrors, "max-errors", 0, "fail when more requests than this fail")
	flag.IntVar(&c.maxInFlight, "max-in-flight", 512, "queries outstanding at once; one due beyond this is not sent and counts as an error")
	flag.DurationVar(&c.timeout, "timeout", 10*time.Second, "give up on one request after this (an error)")
	flag.Uint64Var(&c.seed, "seed", 1, "seed of the query mix")
	flag.Parse()
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})))
	ok, err := run(c)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(2)
	}
	if !ok {
		os.Exit(1)
	}
}

func run(c config) (bool, error) {
	if c.duration <= 0 || c.duration > maxDuration {
		return false, fmt.Errorf("-duration %v: want more than 0 and at most %v", c.duration, maxDuration)
	}
	total := int(c.rate * c.duration.Seconds())
	if c.rate <= 0 || total < 1 || total > maxRequests {
		return false, fmt.Errorf("-rate %v for %v makes %d requests: want 1 to %d", c.rate, c.duration, total, maxRequests)
	}
	if c.postRate < 0 || c.postRate > 100 {
		return false, fmt.Errorf("-post-rate %v: want 0 to 100", c.postRate)
	}
	if c.maxInFlight < 1 {
		return false, fmt.Errorf("-max-in-flight %d: want at least 1", c.maxInFlight)
	}
	dir, err := os.MkdirTemp("", "sitrep-loadtest")
	if err != nil {
		return false, err
	}
	defer os.RemoveAll(dir)
	db := filepath.Join(dir, "load.db")

	slog.Info("ingesting the corpus", "corpus", c.corpus)
	ing := exec.Command(c.bin, "ingest", "--db", db, "--progress", "none", c.corpus)
	if out, err := ing.CombinedOutput(); err != nil {
		return false, fmt.Errorf("%s ingest: %v\n%s", c.bin, err, out)
	}
	posts, err := postBodies(c.corpus)
	if err != nil {
		return false, err
	}

	token := randomHex(16)
	srv, base, err := startServer(c.bin, db, token, filepath.Join(dir, "serve.log"))
	if err != nil {
		return false, err
	}
	defer srv.stop()

	client := newClient(c.timeout, c.maxInFlight)
	mix, err := buildMix(client, base, c.seed)
	if err != nil {
		return false, err
	}
	slog.Info("load", "server", base, "queries", total, "rate", c.rate, "duration", c.duration, "post_rate", c.postRate, "urls", len(mix.urls))

	load1 := loadAverage()
	ctx, cancel := context.WithCancel(context.Background())
	var postRes results
	var postWG sync.WaitGroup
	if c.postRate > 0 {
		postWG.Add(1)
		go func() {
			defer postWG.Done()
			postLoop(ctx, client, base, token, posts, c.postRate, &postRes)
		}()
	}
	res, elapsed := queryLoop(client, mix, total, c.rate, c.maxInFlight)
	cancel()
	postWG.Wait()
	load2 := loadAverage()
	if err := srv.stop(); err != nil {
		slog.Warn("server did not stop cleanly", "err", err)
	}

	fmt.Printf("sitrep loadtest: %s, %d CPUs (%s/%s, %s), load average %s before, %s after\n",
		base, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version(), load1, load2)
	fmt.Printf("queries: %d due over %v at %.0f/s (open loop), %d answered in %.1f s: %.1f/s achieved\n",
		total, c.duration, c.rate, res.count(), elapsed.Seconds(), float64(res.count())/elapsed.Seconds())
	res.print("queries")
	if c.postRate > 0 {
		postRes.print("posts")
	}
	errs := res.errors() + postRes.errors()
	p99 := res.percentile(0.99)
	ok := errs <= c.maxErrors && p99 <= c.p99
	verdict := "PASS"
	if !ok {
		verdict = "FAIL"
	}
	fmt.Printf("%s: %d errors (at most %d), query p99 %s (at most %s)\n", verdict, errs, c.maxErrors, ms(p99), ms(c.p99))
	if !ok && srv.log != "" {
		fmt.Printf("server log: %s\n", srv.logTail())
	}
	return ok, nil
}

// --- the server ---

type server struct {
	cmd     *exec.Cmd
	log     string
	done    chan error
	stopped bool
	err     error
}

var servingURL = regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)

// startServer runs `sitrep serve` on a loopback port the system picks and waits for /healthz.
func startServer(bin, db, token, logPath string) (*server, string, error) {
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, "", err
	}
	cmd := exec.Command(bin, "serve", "--db", db, "--addr", "127.0.0.1:0", "--rate-limit", "0")
	cmd.Env = append(os.Environ(), "SITREP_API_TOKEN="+token)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", fmt.Errorf("%s serve: %w", bin, err)
	}
	s := &server{cmd: cmd, log: logPath, done: make(chan error, 1)}
	addrc := make(chan string, 1)
	go func() {
		// Keep reading: a server whose stderr pipe fills up stops.
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			fmt.Fprintln(logf, sc.Text())
			if m := servingURL.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case addrc <- m[1]:
				default:
				}
			}
		}
		logf.Close()
	}()
	go func() { s.done <- cmd.Wait() }()
	var addr string
	select {
	case addr = <-addrc:
	case err := <-s.done:
		s.stopped = true
		return nil, "", fmt.Errorf("%s serve exited: %v (log: %s)", bin, err, s.logTail())
	case <-time.After(60 * time.Second):
		s.stop()
		return nil, "", fmt.Errorf("%s serve printed no address in 60 s (log: %s)", bin, s.logTail())
	}
	if host, _, _ := net.SplitHostPort(addr); host != "127.0.0.1" {
		s.stop()
		return nil, "", fmt.Errorf("server address %s is not loopback", addr)
	}
	base := "http://" + addr
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, base, nil
			}
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, "", fmt.Errorf("%s/healthz not answering 200 in 30 s: %v", base, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// stop asks the server to shut down (SIGTERM) and kills it if it has not in 10 s.
func (s *server) stop() error {
	if s.stopped {
		return s.err
	}
	s.stopped = true
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case s.err = <-s.done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		s.err = errors.Join(errors.New("killed after 10 s"), <-s.done)
	}
	return s.err
}

func (s *server) logTail() string {
	b, _ := os.ReadFile(s.log)
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return strings.TrimSpace(string(b))
}

func newClient(timeout time.Duration, conns int) *http.Client {
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			Proxy:               nil, // loopback only, never through a proxy
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
			MaxIdleConns:        conns + 16,
			MaxIdleConnsPerHost: conns + 16,
			IdleConnTimeout:     90 * time.Second,
			DisableCompression:  true,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// --- the query mix ---

type request struct {
	kind, url string
}

type mix struct {
	urls    []request
	weights []int // cumulative
}

func (m *mix) pick(r *mrand.Rand) request {
	n := r.IntN(m.weights[len(m.weights)-1])
	i := sort.SearchInts(m.weights, n+1)
	return m.urls[i]
}

// eventSummary is what the mix needs of an event.
type eventSummary struct {
	ID       string `json:"id"`
	Type     string `json:"type"`
	Date     struct{ Start string }
	Location *struct {
		Name, Country string
		Lat, Lon      float64
	}
	Actor1    *struct{ Name string }
	Documents []string
}

// buildMix reads the stored events through the API and makes the query mix from them: listings
// with each kind of filter, next pages, the other formats, single events and documents, health.
func buildMix(client *http.Client, base string, seed uint64) (*mix, error) {
	var list struct {
		Events []eventSummary `json:"events"`
	}
	if err := getJSON(client, base+"/api/events?limit=1000", &list); err != nil {
		return nil, err
	}
	if len(list.Events) == 0 {
		return nil, errors.New("the corpus gave no events to query")
	}
	r := mrand.New(mrand.NewPCG(seed, seed^0x5eed))
	m := &mix{}
	total := 0
	add := func(kind string, weight int, query url.Values, path string) {
		u := base + path
		if len(query) > 0 {
			u += "?" + query.Encode()
		}
		m.urls = append(m.urls, request{kind, u})
		total += weight
		m.weights = append(m.weights, total)
	}
	pick := func() eventSummary { return list.Events[r.IntN(len(list.Events))] }
	q := func(kv ...string) url.Values {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	add("latest", 40, q("limit", "50"), "/api/events")
	for range 20 {
		e := pick()
		add("single event", 10, nil, "/api/events/"+url.PathEscape(e.ID))
		if len(e.Documents) > 0 {
			add("document", 5, nil, "/api/documents/"+url.PathEscape(e.Documents[0]))
		}
		add("type", 8, q("type", e.Type, "limit", "50"), "/api/events")
		if l := e.Location; l != nil {
			add("country", 10, q("country", l.Country, "limit", "50"), "/api/events")
			add("bbox", 6, q("bbox", fmt.Sprintf("%.2f,%.2f,%.2f,%.2f", l.Lon-2, l.Lat-2, l.Lon+2, l.Lat+2)), "/api/events")
			if name := firstWord(l.Name); name != "" {
				add("q", 8, q("q", name), "/api/events")
				add("q+country+since", 4, q("q", name, "country", l.Country, "since", "2025-01-01"), "/api/events")
			}
			add("geojson", 3, q("country", l.Country, "format", "geojson"), "/api/events")
			add("csv", 3, q("country", l.Country, "format", "csv"), "/api/events")
		}
		if a := e.Actor1; a != nil && a.Name != "" {
			add("actor", 6, q("actor", a.Name), "/api/events")
		}
		if t, err := time.Parse(time.DateOnly, e.Date.Start); err == nil {
			add("since/until", 6, q("since", t.AddDate(0, 0, -7).Format(time.DateOnly), "until", t.AddDate(0, 0, 7).Format(time.DateOnly)), "/api/events")
		}
		add("jsonl", 2, q("type", e.Type, "format", "jsonl", "limit", "20"), "/api/events")
	}
	add("min_sources", 4, q("min_sources", "2"), "/api/events")
	// Next pages: follow the cursor of a few small first pages.
	for _, first := range []url.Values{q("limit", "5"), q("limit", "10", "min_sources", "1"), q("limit", "3", "since", "2025-01-01")} {
		var page struct {
			NextCursor string `json:"next_cursor"`
		}
		if err := getJSON(client, base+"/api/events?"+first.Encode(), &page); err != nil {
			return nil, err
		}
		if page.NextCursor != "" {
			first.Set("cursor", page.NextCursor)
			add("cursor page", 8, first, "/api/events")
		}
	}
	add("healthz", 20, nil, "/healthz")
	return m, nil
}

func firstWord(s string) string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '-' || r == '\'' })
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

func getJSON(client *http.Client, u string, v any) error {
	resp, err := client.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 500))
		return fmt.Errorf("GET %s: %s %s", u, resp.Status, b)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// --- sending ---

// queryLoop sends total queries on a fixed schedule from a dispatcher goroutine; each runs in its
// own goroutine, at most maxInFlight at once.
func queryLoop(client *http.Client, m *mix, total int, rate float64, maxInFlight int) (*results, time.Duration) {
	res := newResults()
	r := mrand.New(mrand.NewPCG(7, 11))
	sem := make(chan struct{}, maxInFlight)
	var wg sync.WaitGroup
	interval := float64(time.Second) / rate
	start := time.Now().Add(50 * time.Millisecond)
	for i := range total {
		due := start.Add(time.Duration(float64(i) * interval))
		if d := time.Until(due); d > 0 {
			time.Sleep(d)
		}
		req := m.pick(r)
		select {
		case sem <- struct{}{}:
		default:
			res.add(req.kind, 0, 0, 0, "not sent: too many in flight")
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			sent := time.Now()
			status, errText := get(client, req.url)
			now := time.Now()
			res.add(req.kind, status, now.Sub(due), now.Sub(sent), errText)
		}()
	}
	wg.Wait()
	return res, time.Since(start)
}

func get(client *http.Client, u string) (int, string) {
	resp, err := client.Get(u)
	if err != nil {
		return 0, errClass(err)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return resp.StatusCode, "reading the body: " + errClass(err)
	}
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, resp.Status
	}
	return resp.StatusCode, ""
}

func errClass(err error) string {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "timeout"
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return "connection refused"
	}
	if errors.Is(err, syscall.ECONNRESET) {
		return "connection reset"
	}
	s := err.Error()
	if len(s) > 80 {
		s = s[:80]
	}
	return s
}

// postBodies are the corpus documents as JSON bodies; postLoop gives each post a new source so
// that every one is a new document through the whole pipeline (extraction, fusion, store).
func postBodies(corpus string) ([]map[string]string, error) {
	files, err := ingest.Walk([]string{corpus})
	if err != nil {
		return nil, err
	}
	var out []map[string]string
	for _, f := range files {
		docs, _, err := ingest.Read(f, ingest.Options{MaxFuture: -1, Warn: func(ingest.RecordError) {}})
		if err != nil {
			continue // the corpus's deliberately bad files
		}
		for _, d := range docs {
			out = append(out, map[string]string{"source": d.Source, "title": d.Title, "text": d.Text,
				"published": d.Published.Format(time.RFC3339)})
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no documents to post", corpus)
	}
	return out, nil
}

func postLoop(ctx context.Context, client *http.Client, base, token string, bodies []map[string]string, rate float64, res *results) {
	tick := time.NewTicker(time.Duration(float64(time.Second) / rate))
	defer tick.Stop()
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		d := maps(bodies[i%len(bodies)])
		d["source"] = fmt.Sprintf("%s (load %d)", d["source"], i)
		d["id"] = fmt.Sprintf("load-%d", i)
		body, _ := json.Marshal(d)
		req, err := http.NewRequestWithContext(context.Background(), "POST", base+"/api/documents", bytes.NewReader(body))
		if err != nil {
			res.add("post", 0, 0, 0, err.Error())
			continue
		}
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		start := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			res.add("post", 0, time.Since(start), time.Since(start), errClass(err))
			continue
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		errText := ""
		if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
			errText = resp.Status
		}
		res.add("post", resp.StatusCode, time.Since(start), time.Since(start), errText)
	}
}

func maps(m map[string]string) map[string]string {
	out := make(map[string]string, len(m)+2)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// --- results ---

type sample struct {
	kind             string
	status           int
	latency, service time.Duration
	err              string
}

type results struct {
	mu      sync.Mutex
	samples []sample
}

func newResults() *results { return &results{} }

func (r *results) add(kind string, status int, latency, service time.Duration, err string) {
	r.mu.Lock()
	r.samples = append(r.samples, sample{kind, status, latency, service, err})
	r.mu.Unlock()
}

func (r *results) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, s := range r.samples {
		if s.status != 0 {
			n++
		}
	}
	return n
}

func (r *results) errors() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, s := range r.samples {
		if s.err != "" {
			n++
		}
	}
	return n
}

func (r *results) percentile(p float64) time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	return pct(latencies(r.samples, func(s sample) time.Duration { return s.latency }), p)
}

func latencies(ss []sample, f func(sample) time.Duration) []time.Duration {
	out := make([]time.Duration, 0, len(ss))
	for _, s := range ss {
		if s.status != 0 {
			out = append(out, f(s))
		}
	}
	slices.Sort(out)
	return out
}

// pct is the nearest-rank percentile of sorted durations.
func pct(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p*float64(len(sorted))+0.999999) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }

func (r *results) print(what string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	byStatus := map[int]int{}
	errs := map[string]int{}
	kinds := map[string][]sample{}
	for _, s := range r.samples {
		byStatus[s.status]++
		if s.err != "" {
			errs[s.err]++
		}
		kinds[s.kind] = append(kinds[s.kind], s)
	}
	line := func(name string, ss []sample) {
		lat := latencies(ss, func(s sample) time.Duration { return s.latency })
		svc := latencies(ss, func(s sample) time.Duration { return s.service })
		fmt.Printf("  %-18s %7d  p50 %8s  p95 %8s  p99 %8s  max %8s   (service p50 %s, p99 %s)\n", name, len(ss),
			ms(pct(lat, 0.50)), ms(pct(lat, 0.95)), ms(pct(lat, 0.99)), ms(pct(lat, 1)), ms(pct(svc, 0.50)), ms(pct(svc, 0.99)))
	}
	fmt.Printf("%s: latency from when each was due (service: from when it was sent)\n", what)
	line("all", r.samples)
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	if len(names) > 1 {
		for _, k := range names {
			line(k, kinds[k])
		}
	}
	var st []string
	for code, n := range byStatus {
		label := fmt.Sprint(code)
		if code == 0 {
			label = "no answer"
		}
		st = append(st, fmt.Sprintf("%s: %d", label, n))
	}
	sort.Strings(st)
	fmt.Printf("  by status: %s\n", strings.Join(st, ", "))
	if len(errs) == 0 {
		fmt.Printf("  errors: 0\n")
		return
	}
	for e, n := range errs {
		fmt.Printf("  error %q: %d\n", e, n)
	}
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
