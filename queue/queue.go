// Package queue spreads ingest over machines through a NATS JetStream work queue: `sitrep ingest
// --nats` publishes documents to a stream, and any number of `sitrep worker` processes take them,
// each document by exactly one worker at a time, extract, fuse and store them, and acknowledge each
// only after its write committed. A worker that dies mid-document never acknowledges it, so the
// server hands it to another worker once the acknowledgement wait runs out; the store's idempotence
// (content ids) makes that second delivery add nothing twice.
package queue

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Names of the stream, its subject and the workers' shared consumer.
const (
	Stream   = "SITREP_DOCUMENTS"
	Subject  = "sitrep.documents"
	Consumer = "sitrep-workers"
)

// originHeader carries doc.Document.Origin (where the document was read from), which its JSON
// leaves out, so a worker's messages name the file.
const originHeader = "Sitrep-Origin"

// Connect connects to the NATS server at url and makes sure the stream exists: a work queue (each
// message is removed once acknowledged), kept on disk by the server.
func Connect(ctx context.Context, url string) (*nats.Conn, jetstream.JetStream, error) {
	nc, err := nats.Connect(url, nats.Name("sitrep"), nats.MaxReconnects(-1), nats.ReconnectWait(500*time.Millisecond))
	if err != nil {
		return nil, nil, fmt.Errorf("nats %s: %w", url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, fmt.Errorf("nats %s: %w", url, err)
	}
	// an existing stream is left as it is: updating it while another process creates the consumer
	// is needless work for the server (and trips a data race inside nats-server 2.15)
	if _, err := js.Stream(ctx, Stream); err == nil {
		return nc, js, nil
	}
	_, err = js.CreateStream(ctx, jetstream.StreamConfig{
		Name:       Stream,
		Subjects:   []string{Subject},
		Retention:  jetstream.WorkQueuePolicy,
		Storage:    jetstream.FileStorage,
		Duplicates: 10 * time.Minute, // a document re-sent by a restarted ingest within this window is dropped by the server
	})
	if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
		err = nil // created by another process meanwhile
	}
	if err != nil {
		nc.Close()
		if errors.Is(err, jetstream.ErrJetStreamNotEnabled) {
			return nil, nil, fmt.Errorf("nats %s: JetStream is not enabled on this server (start it with -js)", url)
		}
		return nil, nil, fmt.Errorf("nats %s: create stream %s: %w", url, Stream, err)
	}
	return nc, js, nil
}

// Pending is how many documents wait in the queue and how many are being processed (delivered,
// not yet acknowledged).
func Pending(ctx context.Context, js jetstream.JetStream) (waiting, inFlight int, err error) {
	c, err := js.Consumer(ctx, Stream, Consumer)
	if errors.Is(err, jetstream.ErrConsumerNotFound) {
		s, err := js.Stream(ctx, Stream)
		if err != nil {
			return 0, 0, err
		}
		info, err := s.Info(ctx)
		if err != nil {
			return 0, 0, err
		}
		return int(info.State.Msgs), 0, nil
	}
	if err != nil {
		return 0, 0, err
	}
	info, err := c.Info(ctx)
	if err != nil {
		return 0, 0, err
	}
	return int(info.NumPending), info.NumAckPending, nil
}

// WaitDrained polls until no document waits or is in flight, two polls running, or ctx ends (then
// it says how many were left). One empty reading is not enough: a consumer that a worker has just
// created can report nothing pending before it has counted the stream.
func WaitDrained(ctx context.Context, js jetstream.JetStream, every time.Duration) error {
	empty := 0
	for {
		waiting, inFlight, err := Pending(ctx, js)
		if err == nil && waiting == 0 && inFlight == 0 {
			if empty++; empty == 2 {
				return nil
			}
		} else {
			empty = 0
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("queue not drained: %d waiting, %d in flight (%v): %w", waiting, inFlight, err, ctx.Err())
		case <-time.After(every):
		}
	}
}
