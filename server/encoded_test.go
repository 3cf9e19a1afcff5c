package server

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/store"
)

// The listing written from kept encodings is byte for byte what encoding eventList gives, for the
// first request and for the next ones served from the cache, and a new version is encoded afresh.
func TestKeptEncodingsMatchEventList(t *testing.T) {
	e := newEnv(t, true)
	events, err := e.st.Events(context.Background(), store.EventFilter{Limit: 20})
	if err != nil || len(events) == 0 {
		t.Fatalf("corpus events: %d, %v", len(events), err)
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	enc.Encode(eventList{Events: events, Count: len(events), NextCursor: "abc<&>"})
	var c encodedEvents
	for i := range 2 {
		var got bytes.Buffer
		if err := c.writeList(&got, events, "abc<&>"); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("pass %d: listing differs from eventList's encoding:\n got %.300s\nwant %.300s", i, got.String(), want.String())
		}
	}
	changed := events[0]
	changed.Version++
	changed.Confidence = 0.123
	j, err := c.encode(changed)
	if err != nil || !bytes.Contains(j, []byte(`"confidence":0.123`)) {
		t.Errorf("a new version was served from the cache: %.200s (%v)", j, err)
	}
	var empty bytes.Buffer
	c.writeList(&empty, []doc.Event{}, "")
	if empty.String() != "{\"events\":[],\"count\":0}\n" {
		t.Errorf("empty listing: %q", empty.String())
	}
}

// An event's detail is served from the cache until the event changes; then it is the new state,
// with the new report.
func TestEventDetailFollowsNewVersions(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	events, err := e.st.Events(ctx, store.EventFilter{Country: "SYR", Limit: 1})
	if err != nil || len(events) == 0 {
		t.Fatalf("a SYR event: %v", err)
	}
	ev := events[0]
	_, first := e.get("/api/events/" + ev.ID)
	if _, again := e.get("/api/events/" + ev.ID); again != first {
		t.Fatal("two reads of an unchanged event differ")
	}
	d := doc.Document{Source: "Later Wire", Text: "A later report on the same strike.", Published: ev.Date.Start}
	d.ID = doc.ContentID(d.Source, d.Text)
	m := ev.Mention
	m.Evidence = doc.Evidence{Doc: d.ID, Sentence: d.Text, Span: doc.Span{Start: 0, End: len(d.Text)}}
	ev.Supporting = append(ev.Supporting, m.Evidence)
	if _, err := e.st.AddDocument(ctx, d, []doc.Mention{m}, []doc.Event{ev}); err != nil {
		t.Fatal(err)
	}
	code, after := e.get("/api/events/" + ev.ID)
	var detail struct {
		Event   doc.Event
		Reports []struct{ Document struct{ ID string } }
	}
	if err := json.Unmarshal([]byte(after), &detail); code != 200 || err != nil {
		t.Fatalf("detail after the update: %d %v", code, err)
	}
	if detail.Event.Version <= ev.Version || detail.Reports[len(detail.Reports)-1].Document.ID != d.ID {
		t.Errorf("after a new report the detail is version %d (was %d) with reports %+v", detail.Event.Version, ev.Version, detail.Reports)
	}
}
