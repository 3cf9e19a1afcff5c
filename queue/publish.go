package queue

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep-dev/sitrep/doc"
)

// Publisher sends documents to the stream, several in flight at once, each acknowledged by the
// server before Flush returns.
type Publisher struct {
	js      jetstream.JetStream
	pending []jetstream.PubAckFuture
	max     int
}

// NewPublisher publishes to js with at most maxInFlight unacknowledged documents (default 256).
func NewPublisher(js jetstream.JetStream, maxInFlight int) *Publisher {
	if maxInFlight <= 0 {
		maxInFlight = 256
	}
	return &Publisher{js: js, max: maxInFlight}
}

// Publish sends one document. Its content id is the message id, so the server drops a document
// sent twice within the stream's duplicate window; workers drop later repeats (already stored).
func (p *Publisher) Publish(ctx context.Context, d doc.Document) error {
	if d.ID == "" {
		d.ID = doc.ContentID(d.Source, d.Text)
	}
	body, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("%s: %w", d.Origin, err)
	}
	msg := &nats.Msg{Subject: Subject, Data: body, Header: nats.Header{}}
	msg.Header.Set(jetstream.MsgIDHeader, d.ID)
	msg.Header.Set(originHeader, d.Origin)
	f, err := p.js.PublishMsgAsync(msg)
	if err != nil {
		return fmt.Errorf("%s: publish: %w", d.Origin, err)
	}
	p.pending = append(p.pending, f)
	if len(p.pending) >= p.max {
		return p.Flush(ctx)
	}
	return nil
}

// Flush waits until the server has acknowledged every document published so far.
func (p *Publisher) Flush(ctx context.Context) error {
	pending := p.pending
	p.pending = nil
	for _, f := range pending {
		select {
		case <-f.Ok():
		case err := <-f.Err():
			return fmt.Errorf("publish %s: %w", f.Msg().Header.Get(originHeader), err)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}
