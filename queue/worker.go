package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep-dev/sitrep/doc"
)

// Worker takes documents from the stream and hands each to Handle; a document is acknowledged
// only after Handle returned without error, so its write has committed.
type Worker struct {
	JS jetstream.JetStream
	// Handle stores one document (pipeline.Pipeline.Add). It must be safe for Concurrency calls at
	// once and idempotent: a document may come again after a worker died before acknowledging it.
	Handle func(ctx context.Context, d doc.Document) error
	// Concurrency is how many documents this worker handles at once (default 1).
	Concurrency int
	// AckWait is how long the server waits for an acknowledgement before it gives the document to
	// another worker (default 2 minutes); a worker extends it while a document is being handled.
	AckWait time.Duration
	// MaxDeliver is how many times a document that keeps failing is tried before it is dropped
	// with an error in the log (default 5).
	MaxDeliver int
	Logger     *slog.Logger
}

// Stats counts what Run did.
type Stats struct {
	Handled, Failed, Dropped int
}

// pullExpiry is how long one pull request waits on the server for a message.
const pullExpiry = 5 * time.Second

// Run handles documents until ctx is cancelled, then finishes the documents in hand and returns.
func (w *Worker) Run(ctx context.Context) (Stats, error) {
	conc := max(w.Concurrency, 1)
	ackWait := w.AckWait
	if ackWait <= 0 {
		ackWait = 2 * time.Minute
	}
	maxDeliver := w.MaxDeliver
	if maxDeliver <= 0 {
		maxDeliver = 5
	}
	log := w.Logger
	if log == nil {
		log = slog.Default()
	}
	cons, err := w.JS.CreateOrUpdateConsumer(ctx, Stream, jetstream.ConsumerConfig{
		Durable:       Consumer,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       ackWait,
		MaxDeliver:    maxDeliver + 1, // the last delivery is the one that drops it, with a log line
		MaxAckPending: 10000,
	})
	if err != nil {
		return Stats{}, fmt.Errorf("consumer %s: %w", Consumer, err)
	}
	// A short pull expiry: the client notices a lost pull request (its heartbeats stop) after two
	// heartbeats, half the expiry each; with the 30 s default a worker could sit idle for a minute
	// while documents waited, as when a dead worker's connection went away under load.
	it, err := cons.Messages(jetstream.PullMaxMessages(conc), jetstream.PullExpiry(pullExpiry))
	if err != nil {
		return Stats{}, fmt.Errorf("consumer %s: %w", Consumer, err)
	}
	go func() {
		<-ctx.Done()
		it.Stop()
	}()

	var (
		mu    sync.Mutex
		stats Stats
		wg    sync.WaitGroup
	)
	msgs := make(chan jetstream.Msg)
	// documents in hand are finished even after ctx is cancelled: a write cut off halfway would
	// only be redone by another worker
	handleCtx := context.WithoutCancel(ctx)
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := range msgs {
				outcome := w.handle(handleCtx, m, ackWait, maxDeliver, log)
				mu.Lock()
				switch outcome {
				case handled:
					stats.Handled++
				case failed:
					stats.Failed++
				case dropped:
					stats.Dropped++
				}
				mu.Unlock()
			}
		}()
	}
	for {
		m, err := it.Next()
		if err != nil {
			close(msgs)
			wg.Wait()
			if errors.Is(err, jetstream.ErrMsgIteratorClosed) || ctx.Err() != nil {
				return stats, nil
			}
			return stats, err
		}
		msgs <- m
	}
}

type outcome int

const (
	handled outcome = iota
	failed          // to be tried again
	dropped         // a bad message, or tried too often
)

func (w *Worker) handle(ctx context.Context, m jetstream.Msg, ackWait time.Duration, maxDeliver int, log *slog.Logger) outcome {
	origin := m.Headers().Get(originHeader)
	var d doc.Document
	if err := json.Unmarshal(m.Data(), &d); err != nil {
		log.Error("dropping a message that is not a document", "origin", origin, "err", err)
		m.Term()
		return dropped
	}
	d.Origin = origin
	delivered := uint64(1)
	if md, err := m.Metadata(); err == nil {
		delivered = md.NumDelivered
	}
	if delivered > uint64(maxDeliver) {
		log.Error("dropping a document that failed every time", "doc", d.ID, "origin", origin, "deliveries", delivered-1)
		m.Term()
		return dropped
	}
	// keep the server from handing the document to another worker while this one works on it
	stop := make(chan struct{})
	go func() {
		t := time.NewTicker(ackWait / 3)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				m.InProgress()
			}
		}
	}()
	err := w.Handle(ctx, d)
	close(stop)
	if err != nil {
		log.Warn("document failed; it will be tried again", "doc", d.ID, "origin", origin, "delivery", delivered, "err", err)
		m.NakWithDelay(time.Duration(delivered) * time.Second)
		return failed
	}
	if err := m.DoubleAck(ctx); err != nil {
		// stored but not acknowledged: the next delivery finds it stored and adds nothing
		log.Warn("acknowledgement lost", "doc", d.ID, "err", err)
	}
	return handled
}
