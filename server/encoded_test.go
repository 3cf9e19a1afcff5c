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
