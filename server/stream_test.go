package server

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/store"
)

// sse is one Server-Sent Event.
type sse struct {
	id, event string
	data      string
}

// subscribe opens a stream and returns its events on a channel (closed when the stream ends).
func subscribe(t *testing.T, e *env, query, lastID string) <-chan sse {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", e.ts.URL+"/api/stream?"+query, nil)
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("stream: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	out := make(chan sse, 100)
	go func() {
		defer close(out)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var cur sse
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if cur.data != "" {
					out <- cur
				}
				cur = sse{}
			case strings.HasPrefix(line, "id: "):
				cur.id = line[4:]
			case strings.HasPrefix(line, "event: "):
				cur.event = line[7:]
			case strings.HasPrefix(line, "data: "):
				cur.data = line[6:]
			}
		}
	}()
	return out
}

func TestStreamGetsPostedEvent(t *testing.T) {
	e := newEnv(t, false)
	syr := subscribe(t, e, "country=SYR", "")
	ukr := subscribe(t, e, "country=UKR", "")
	time.Sleep(100 * time.Millisecond) // both subscriptions registered
	if code, _, body := e.do("POST", "/api/documents", testToken, "application/json", report); code != 201 {
		t.Fatalf("post: %d %s", code, body)
	}
	var got sse
	select {
	case got = <-syr:
	case <-time.After(5 * time.Second):
		t.Fatal("no event on the stream within 5 s of the post")
	}
	var ev doc.Event
	if err := json.Unmarshal([]byte(got.data), &ev); err != nil {
		t.Fatal(err)
	}
	if got.event != "new" || got.id == "" || ev.Location == nil || ev.Location.Country != "SYR" {
		t.Errorf("stream event: %s %s %+v", got.event, got.id, ev.Location)
	}
	select {
	case x := <-ukr:
		t.Errorf("a stream filtered on UKR got %s", x.data)
	case <-time.After(300 * time.Millisecond):
	}
	// reconnecting from id 0 replays what was missed
	replay := subscribe(t, e, "country=SYR", "0")
	select {
	case r := <-replay:
		if r.id != got.id {
			t.Errorf("replay gave id %s, want %s", r.id, got.id)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no replay after Last-Event-ID: 0")
	}
	for _, q := range []string{"limit=5", "cursor=x", "bbox=1", "format=csv"} {
		if code, _ := e.get("/api/stream?" + q); code != 400 {
			t.Errorf("stream?%s: %d, want 400", q, code)
		}
	}
	req, _ := http.NewRequest("GET", e.ts.URL+"/api/stream", nil)
	req.Header.Set("Last-Event-ID", "x")
	if resp, err := e.ts.Client().Do(req); err != nil || resp.StatusCode != 400 {
		t.Errorf("bad Last-Event-ID: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
}

// When fusion folds one event into another, the stream says so: "removed" with the event it went
// into, then the update of that event.
func TestStreamAnnouncesRemovals(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	fused := func(text, id string, removed ...store.Removal) store.Fused {
		d := doc.Document{Source: "Wire " + text[:5], Text: text, Published: time.Date(2026, 1, 13, 0, 0, 0, 0, time.UTC)}
		d.ID = doc.ContentID(d.Source, d.Text)
		m := doc.Mention{Type: "ASSAULT", Modality: doc.Occurred,
			Location: &doc.Place{Name: "Idlib", Country: "SYR", Lat: 35.93, Lon: 36.63, Precision: doc.PrecisionCity},
			Date:     doc.When{Start: d.Published, End: d.Published, Precision: doc.DateDay},
			Evidence: doc.Evidence{Doc: d.ID, Sentence: text, Span: doc.Span{Start: 0, End: len(text)}}}
		ev := doc.Event{ID: id, Mention: m, Documents: []string{d.ID}, Supporting: []doc.Evidence{m.Evidence}}
		return store.Fused{Document: d, Mentions: []doc.Mention{m}, Removed: removed,
			Events: []store.EventWrite{{Event: ev, Members: []store.MentionKey{{Doc: d.ID}}, Change: "created"}}}
	}
	syr := subscribe(t, e, "country=SYR", "")
	time.Sleep(100 * time.Millisecond)
	for _, f := range []store.Fused{fused("Warplanes struck Idlib.", "ev-1"), fused("Jets hit Idlib.", "ev-2")} {
		if _, err := e.st.AddFused(ctx, f); err != nil {
			t.Fatal(err)
		}
		select {
		case x := <-syr:
			if x.event != "new" {
				t.Fatalf("first write announced as %q", x.event)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("no announcement of a new event within 5 s")
		}
	}
	if _, err := e.st.AddFused(ctx, fused("Idlib was bombed.", "ev-1", store.Removal{ID: "ev-2", Into: "ev-1", Change: "merged into ev-1"})); err != nil {
		t.Fatal(err)
	}
	var got []string
	for len(got) < 2 {
		select {
		case x := <-syr:
			got = append(got, x.event+" "+x.data)
		case <-time.After(5 * time.Second):
			t.Fatalf("after 5 s the stream gave %v", got)
		}
	}
	if got[0] != `removed {"id":"ev-2","merged_into":"ev-1"}` || !strings.HasPrefix(got[1], `updated {"id":"ev-1"`) {
		t.Errorf("stream after a merge:\n%s", strings.Join(got, "\n"))
	}
}
