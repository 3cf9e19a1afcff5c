package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/store"
)

// Watches are standing queries: sitrep POSTs each event that newly matches a watch's filter (a new
// event, or an update that makes a stored event match, say its third outlet for min_sources=3) to
// the watch's webhook, once per event and watch, as {"watch": ID, "change": "new"|"updated",
// "event": {...}}. Deliveries are retried three times; watches are kept in the store.

const (
	maxWatchBody  = 64 << 10
	watchQueue    = 1000 // deliveries waiting per watch before new ones are dropped (and logged)
	deliveryTries = 3
)

// retryDelay is the wait before the second and third delivery attempts.
var retryDelay = []time.Duration{500 * time.Millisecond, 2 * time.Second}

type watchers struct {
	s    *Server
	mu   sync.Mutex
	list map[string]*watcher
	wg   sync.WaitGroup
}

type watcher struct {
	store.Watch
	f     store.EventFilter
	queue chan delivery
	stop  chan struct{}
	sent  map[string]bool // events already delivered (guarded by watchers.mu)
}

type delivery struct {
	Watch  string    `json:"watch"`
	Change string    `json:"change"`
	Event  doc.Event `json:"event"`
}

func newWatchers(s *Server) *watchers { return &watchers{s: s, list: map[string]*watcher{}} }

// load starts the stored watches.
func (ws *watchers) load(ctx context.Context) error {
	list, err := ws.s.cfg.Store.Watches(ctx)
	if err != nil {
		return err
	}
	for _, w := range list {
		v, err := url.ParseQuery(w.Filter)
		if err == nil {
			var f store.EventFilter
			if f, err = ParseFilter(v); err == nil {
				ws.start(w, f)
				continue
			}
		}
		ws.s.log.Warn("stored watch has a filter this version does not read; skipped", "watch", w.ID, "filter", w.Filter, "err", err)
	}
	return nil
}

func (ws *watchers) start(w store.Watch, f store.EventFilter) {
	f.Limit = 0
	wt := &watcher{Watch: w, f: f, queue: make(chan delivery, watchQueue), stop: make(chan struct{}), sent: map[string]bool{}}
	ws.mu.Lock()
	ws.list[w.ID] = wt
	ws.mu.Unlock()
	ws.wg.Add(1)
	go func() {
		defer ws.wg.Done()
		ws.deliverAll(wt)
	}()
}

// offer queues a change for every watch it newly matches.
func (ws *watchers) offer(c store.Change) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	for _, wt := range ws.list {
		if wt.sent[c.Event.ID] || !wt.f.Match(c.Event) {
			continue
		}
		wt.sent[c.Event.ID] = true
		d := delivery{Watch: wt.ID, Change: "updated", Event: c.Event}
		if c.New {
			d.Change = "new"
		}
		select {
		case wt.queue <- d:
		default:
			ws.s.metrics.webhook("dropped")
			ws.s.log.Warn("watch queue full; event not delivered", "watch", wt.ID, "event", c.Event.ID)
		}
	}
}

func (ws *watchers) deliverAll(wt *watcher) {
	for {
		select {
		case <-wt.stop:
			return
		case d := <-wt.queue:
			ws.deliver(wt, d)
		}
	}
}

// deliver posts one event to the webhook, retrying on failure (a transport error or a status other
// than 2xx).
func (ws *watchers) deliver(wt *watcher, d delivery) {
	body, err := json.Marshal(d)
	if err != nil {
		ws.s.log.Error("watch delivery", "watch", wt.ID, "err", err)
		return
	}
	for try := 0; try < deliveryTries; try++ {
		if try > 0 {
			select {
			case <-wt.stop:
				return
			case <-time.After(retryDelay[try-1]):
			}
		}
		err = ws.post(wt, body)
		if err == nil {
			ws.s.metrics.webhook("delivered")
			ws.s.log.Info("watch delivered", "watch", wt.ID, "event", d.Event.ID)
			return
		}
		ws.s.log.Warn("watch delivery failed", "watch", wt.ID, "event", d.Event.ID, "try", try+1, "err", err)
	}
	ws.s.metrics.webhook("failed")
}

func (ws *watchers) post(wt *watcher, body []byte) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-wt.stop:
			cancel()
		case <-ctx.Done():
		}
	}()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, wt.Webhook, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "sitrep-watch")
	req.Header.Set("X-Sitrep-Watch", wt.ID)
	resp, err := ws.s.cfg.WebhookClient.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("webhook answered %s", resp.Status)
	}
	return nil
}

func (ws *watchers) remove(id string) bool {
	ws.mu.Lock()
	wt, ok := ws.list[id]
	delete(ws.list, id)
	ws.mu.Unlock()
	if ok {
		close(wt.stop)
	}
	return ok
}

func (ws *watchers) count() int {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	return len(ws.list)
}

func (ws *watchers) close() {
	ws.mu.Lock()
	for id, wt := range ws.list {
		close(wt.stop)
		delete(ws.list, id)
	}
	ws.mu.Unlock()
	ws.wg.Wait()
}

// watchRequest is the body of POST /api/watches. Filter is the listing's parameters, as a query
// string ("country=SYR&type=ASSAULT") or an object ({"country": "SYR", "min_sources": 2}).
type watchRequest struct {
	Filter  json.RawMessage `json:"filter"`
	Webhook string          `json:"webhook"`
}

// postWatch is POST /api/watches.
func (s *Server) postWatch(w http.ResponseWriter, r *http.Request) {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxWatchBody))
	dec.DisallowUnknownFields()
	var req watchRequest
	if err := dec.Decode(&req); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body larger than %d bytes", maxWatchBody))
			return
		}
		writeError(w, http.StatusBadRequest, `body: want {"filter": {...} or "a=b&c=d", "webhook": "https://..."}: `+err.Error())
		return
	}
	// Anything after the object means the client sent something else than it thinks.
	if err := dec.Decode(&struct{}{}); err != io.EOF {
		writeError(w, http.StatusBadRequest, "body: want one JSON object, found more after it")
		return
	}
	v, err := filterValues(req.Filter)
	if err != nil {
		writeError(w, http.StatusBadRequest, "filter: "+err.Error())
		return
	}
	for _, k := range []string{"limit", "cursor"} {
		if v.Has(k) {
			writeError(w, http.StatusBadRequest, (&ParamError{k, "not a parameter of a watch (it gets every matching event)"}).Error())
			return
		}
	}
	f, err := ParseFilter(v)
	if err != nil {
		writeError(w, http.StatusBadRequest, "filter: "+err.Error())
		return
	}
	if err := checkWebhook(req.Webhook); err != nil {
		writeError(w, http.StatusBadRequest, "webhook: "+err.Error())
		return
	}
	wt := store.Watch{ID: newID(), Filter: FilterValues(f).Encode(), Webhook: req.Webhook, Created: time.Now().UTC()}
	if err := s.cfg.Store.AddWatch(r.Context(), wt); err != nil {
		s.internal(w, r, err)
		return
	}
	s.watches.start(wt, f)
	s.log.Info("watch added", "watch", wt.ID, "filter", wt.Filter, "webhook", wt.Webhook)
	w.Header().Set("Location", "/api/watches/"+wt.ID)
	writeJSON(w, http.StatusCreated, wt)
}

// listWatches is GET /api/watches.
func (s *Server) listWatches(w http.ResponseWriter, r *http.Request) {
	list, err := s.cfg.Store.Watches(r.Context())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"watches": list})
}

// deleteWatch is DELETE /api/watches/{id}.
func (s *Server) deleteWatch(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	err := s.cfg.Store.DeleteWatch(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusNotFound, "no watch with id "+quote(id))
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.watches.remove(id)
	w.WriteHeader(http.StatusNoContent)
}

// filterValues reads a watch's filter: absent or null (every event), a query string, or an object
// of strings and numbers.
func filterValues(raw json.RawMessage) (url.Values, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return url.Values{}, nil
	}
	var qs string
	if err := json.Unmarshal(raw, &qs); err == nil {
		return url.ParseQuery(strings.TrimPrefix(qs, "?"))
	}
	var obj map[string]any
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, errors.New(`want an object such as {"country": "SYR"} or a query string such as "country=SYR"`)
	}
	v := url.Values{}
	for k, x := range obj {
		switch x := x.(type) {
		case string:
			v.Set(k, x)
		case float64:
			v.Set(k, strconv.FormatFloat(x, 'f', -1, 64))
		default:
			return nil, fmt.Errorf("%q: want a string or a number", k)
		}
	}
	return v, nil
}

// checkWebhook accepts an absolute http or https URL with a host.
func checkWebhook(s string) error {
	if s == "" {
		return errors.New("missing: give the URL sitrep should POST matching events to")
	}
	if len(s) > 2048 {
		return errors.New("longer than 2048 bytes")
	}
	u, err := url.Parse(s)
	if err != nil {
		return errors.New("not a URL")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("want an http or https URL, got scheme %q", u.Scheme)
	}
	if u.Host == "" {
		return errors.New("the URL has no host")
	}
	return nil
}

func newID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return "w-" + hex.EncodeToString(b)
}
