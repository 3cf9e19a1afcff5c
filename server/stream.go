package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/sitrep-dev/sitrep/store"
)

// The change feed: the hub reads the store's changes (every PollInterval, and at once after the
// server's own writes) and hands each to the streams whose filter it passes and to the watches.
// Reading the store rather than hooking the server's writes means events that another process
// stores (`sitrep ingest` on the same database) reach the streams too.

const (
	changeBatch  = 500
	streamBuffer = 256   // changes a slow stream client may fall behind before it is cut off
	maxReplay    = 10000 // changes a reconnecting client (Last-Event-ID) is sent at most
	heartbeat    = 15 * time.Second
)

type hub struct {
	s     *Server
	last  int64
	pokeC chan struct{}

	mu     sync.Mutex
	subs   map[*subscriber]struct{}
	closed bool
}

type subscriber struct {
	f  store.EventFilter
	ch chan store.Change // closed when the stream must end (shutdown, or the client fell behind)
}

func newHub(s *Server, last int64) *hub {
	return &hub{s: s, last: last, pokeC: make(chan struct{}, 1), subs: map[*subscriber]struct{}{}}
}

func (h *hub) run(ctx context.Context) {
	t := time.NewTicker(h.s.cfg.PollInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			h.closeStreams()
			return
		case <-t.C:
		case <-h.pokeC:
		}
		h.poll(ctx)
	}
}

// poke asks for a poll now.
func (h *hub) poke() {
	select {
	case h.pokeC <- struct{}{}:
	default:
	}
}

func (h *hub) poll(ctx context.Context) {
	for ctx.Err() == nil {
		changes, err := h.s.cfg.Store.Changes(ctx, h.last, changeBatch)
		if err != nil {
			if ctx.Err() == nil {
				h.s.log.Error("change feed", "err", err)
			}
			return
		}
		for _, c := range changes {
			h.last = c.Seq
			h.broadcast(c)
			if !c.Removed { // watches announce events stored, not those fusion folded away
				h.s.metrics.eventWritten(c.New)
				h.s.watches.offer(c)
			}
		}
		if len(changes) < changeBatch {
			return
		}
	}
}

func (h *hub) broadcast(c store.Change) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for sub := range h.subs {
		if !sub.f.Match(c.Event) {
			continue
		}
		select {
		case sub.ch <- c:
		default: // the client is too slow: end its stream; it reconnects with Last-Event-ID
			close(sub.ch)
			delete(h.subs, sub)
			h.s.log.Warn("stream client fell behind; stream closed")
		}
	}
}

func (h *hub) subscribe(f store.EventFilter) *subscriber {
	sub := &subscriber{f: f, ch: make(chan store.Change, streamBuffer)}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		close(sub.ch)
		return sub
	}
	h.subs[sub] = struct{}{}
	return sub
}

func (h *hub) unsubscribe(sub *subscriber) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.subs[sub]; ok {
		delete(h.subs, sub)
		close(sub.ch)
	}
}

func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}

// closeStreams ends every stream (the server is shutting down).
func (h *hub) closeStreams() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for sub := range h.subs {
		close(sub.ch)
		delete(h.subs, sub)
	}
}

// stream is GET /api/stream: Server-Sent Events, one per event stored or updated from now on that
// passes the filter (the listing's parameters less limit and cursor). Each has id: the change's
// sequence number, event: "new" or "updated" with data: the event as JSON, or "removed" (fusion
// found the event to be part of another) with data: {"id", "merged_into"}; a removal passes the
// filter its event's last state passed. A client reconnecting with
// Last-Event-ID gets what it missed first. A comment line keeps idle connections open.
func (s *Server) stream(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	for _, k := range []string{"limit", "cursor", "format"} {
		if v.Has(k) {
			writeError(w, http.StatusBadRequest, (&ParamError{k, "not a parameter of the stream (it sends every matching event as it is stored)"}).Error())
			return
		}
	}
	f, err := ParseFilter(v)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	f.Limit = 0
	var resume int64 = -1
	if id := r.Header.Get("Last-Event-ID"); id != "" {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n < 0 {
			writeError(w, http.StatusBadRequest, "Last-Event-ID: want an id this stream sent, got "+quote(id))
			return
		}
		resume = n
	}
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Time{}) // a stream outlives the server's write timeout
	sub := s.hub.subscribe(f)
	defer s.hub.unsubscribe(sub)

	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, ": sitrep stream\nretry: 2000\n\n")
	if err := rc.Flush(); err != nil {
		return
	}
	var sent int64
	if resume >= 0 {
		sent = resume
		for replayed := 0; replayed < maxReplay; {
			changes, err := s.cfg.Store.Changes(r.Context(), sent, changeBatch)
			if err != nil {
				s.log.Warn("stream replay", "err", err)
				return
			}
			for _, c := range changes {
				sent = c.Seq
				if f.Match(c.Event) {
					if writeChange(w, c) != nil {
						return
					}
					replayed++
				}
			}
			if len(changes) < changeBatch {
				break
			}
		}
		if rc.Flush() != nil {
			return
		}
	}
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case c, ok := <-sub.ch:
			if !ok {
				return
			}
			if c.Seq <= sent {
				continue // already sent by the replay
			}
			sent = c.Seq
			if writeChange(w, c) != nil || rc.Flush() != nil {
				return
			}
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		}
	}
}

// removal is the data of a "removed" stream event.
type removal struct {
	ID         string `json:"id"`
	MergedInto string `json:"merged_into,omitempty"` // the event it is now part of; "" when its reports went nowhere
}

func writeChange(w http.ResponseWriter, c store.Change) error {
	var data []byte
	var err error
	kind := "updated"
	switch {
	case c.Removed:
		kind = "removed"
		data, err = json.Marshal(removal{ID: c.Event.ID, MergedInto: c.Into})
	case c.New:
		kind = "new"
		data, err = json.Marshal(c.Event)
	default:
		data, err = json.Marshal(c.Event)
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "id: %d\nevent: %s\ndata: %s\n\n", c.Seq, kind, data)
	return err
}
