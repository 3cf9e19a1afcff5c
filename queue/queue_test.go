package queue

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/queue/natstest"
)

func docs(n int) []doc.Document {
	var out []doc.Document
	for i := range n {
		d := doc.Document{Source: "Test Wire", Text: fmt.Sprintf("Report %d: shelling hit the town.", i),
			Published: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Origin: fmt.Sprintf("wire.jsonl:%d", i+1)}
		d.ID = doc.ContentID(d.Source, d.Text)
		out = append(out, d)
	}
	return out
}

// store is the handler's side: what was stored, idempotent by content id like the real stores.
type store struct {
	mu      sync.Mutex
	stored  map[string]doc.Document
	handled int
}

func (s *store) add(d doc.Document) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stored == nil {
		s.stored = map[string]doc.Document{}
	}
	s.stored[d.ID] = d
	s.handled++
}

// connect is one worker's connection, closed when the test ends.
func connect(t *testing.T, url string) jetstream.JetStream {
	t.Helper()
	nc, js, err := Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return js
}

func publish(t *testing.T, url string, ds []doc.Document) {
	t.Helper()
	ctx := context.Background()
	nc, js, err := Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	p := NewPublisher(js, 7) // a small window: Publish flushes on the way
	for _, d := range ds {
		if err := p.Publish(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Flush(ctx); err != nil {
		t.Fatal(err)
	}
}

// waitDrained waits until no document waits or is in flight.
func waitDrained(t *testing.T, url string) {
	t.Helper()
	ctx := context.Background()
	nc, js, err := Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := WaitDrained(ctx, js, 50*time.Millisecond); err != nil {
		t.Fatal(err)
	}
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// Every document published is handled, with its origin, by one of several workers; a document
// published twice is queued once.
func TestWorkersDrainTheQueue(t *testing.T) {
	url := natstest.Server(t)
	ds := docs(60)
	publish(t, url, ds)
	publish(t, url, ds[:10]) // a re-run of ingest within the duplicate window
	var st store
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range 3 {
		w := &Worker{JS: connect(t, url), Concurrency: 2, Logger: quiet, Handle: func(ctx context.Context, d doc.Document) error {
			st.add(d)
			return nil
		}}
		wg.Add(1)
		go func() { defer wg.Done(); w.Run(ctx) }()
	}
	waitDrained(t, url)
	cancel()
	wg.Wait()
	if len(st.stored) != len(ds) || st.handled != len(ds) {
		t.Errorf("%d documents stored, %d handled; want %d each (the re-sent ten dropped by the server)", len(st.stored), st.handled, len(ds))
	}
	for _, d := range ds {
		if got := st.stored[d.ID]; got.Origin != d.Origin || got.Text != d.Text || !got.Published.Equal(d.Published) {
			t.Errorf("document %s arrived as %+v", d.ID, got)
		}
	}
}

// A worker that stops answering mid-document (it died) loses nothing: once the acknowledgement
// wait has passed, another worker gets the document.
func TestDeadWorkersDocumentGoesToAnother(t *testing.T) {
	url := natstest.Server(t)
	ds := docs(20)
	publish(t, url, ds)
	ctx := context.Background()

	// the first worker takes one document and hangs on it; then its connection goes, as when the
	// process is killed: no acknowledgement, no more heartbeats
	hung := make(chan string, 1)
	release := make(chan struct{})
	deadCtx, kill := context.WithCancel(ctx)
	deadConn, deadJS, err := Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	dead := &Worker{JS: deadJS, AckWait: time.Second, Logger: quiet, Handle: func(ctx context.Context, d doc.Document) error {
		select {
		case hung <- d.ID:
		default:
		}
		<-release
		return errors.New("died")
	}}
	go dead.Run(deadCtx)
	victim := <-hung
	kill()
	deadConn.Close()

	var st store
	liveCtx, stop := context.WithCancel(ctx)
	live := &Worker{JS: connect(t, url), AckWait: time.Second, Logger: quiet, Handle: func(ctx context.Context, d doc.Document) error {
		st.add(d)
		return nil
	}}
	done := make(chan struct{})
	go func() { live.Run(liveCtx); close(done) }()
	deadline := time.Now().Add(40 * time.Second)
	for {
		st.mu.Lock()
		_, got := st.stored[victim]
		n := len(st.stored)
		st.mu.Unlock()
		if got && n == len(ds) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 40 s the live worker stored %d of %d documents; the hung one's (%s) stored: %v", n, len(ds), victim, got)
		}
		time.Sleep(50 * time.Millisecond)
	}
	close(release)
	stop()
	<-done
}

// A message that is not a document is dropped at once; a document that fails every time is tried
// MaxDeliver times, then dropped; neither blocks the queue.
func TestBadMessagesAreDropped(t *testing.T) {
	url := natstest.Server(t)
	ctx := context.Background()
	js := connect(t, url)
	if _, err := js.Publish(ctx, Subject, []byte("{not json")); err != nil {
		t.Fatal(err)
	}
	ds := docs(3)
	publish(t, url, ds)
	poison := ds[1].ID
	var mu sync.Mutex
	tries := map[string]int{}
	runCtx, stop := context.WithCancel(ctx)
	w := &Worker{JS: js, MaxDeliver: 3, Logger: quiet, Handle: func(ctx context.Context, d doc.Document) error {
		mu.Lock()
		defer mu.Unlock()
		tries[d.ID]++
		if d.ID == poison {
			return errors.New("always fails")
		}
		return nil
	}}
	var stats Stats
	done := make(chan struct{})
	go func() { stats, _ = w.Run(runCtx); close(done) }()
	waitDrained(t, url)
	stop()
	<-done
	if tries[poison] != 3 || tries[ds[0].ID] != 1 || tries[ds[2].ID] != 1 {
		t.Errorf("tries %v: want the poison document 3 times, the others once", tries)
	}
	if stats.Handled != 2 || stats.Failed != 3 || stats.Dropped != 2 {
		t.Errorf("stats %+v, want 2 handled, 3 failed, 2 dropped (the junk and the poison)", stats)
	}
}
