package server

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/store/postgres"
	"github.com/sitrep-dev/sitrep/store/postgres/pgtest"
)

// postgresEnv is a server over a PostgreSQL database that other servers may share.
func postgresEnv(t *testing.T, url string) *env {
	t.Helper()
	st, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	return serveStore(t, st)
}

// Two `sitrep serve` instances over one PostgreSQL database are one service: a document posted to
// one is listed by the other, whose live stream announces its event.
func TestServersShareAPostgresStore(t *testing.T) {
	url := pgtest.Database(t)
	a, b := postgresEnv(t, url), postgresEnv(t, url)
	stream := subscribe(t, b, "country=SYR", "")
	time.Sleep(100 * time.Millisecond) // the subscription is registered
	if code, _, body := a.do("POST", "/api/documents", testToken, "application/json", report); code != 201 {
		t.Fatalf("post to the first server: %d %s", code, body)
	}
	var got sse
	select {
	case got = <-stream:
	case <-time.After(5 * time.Second):
		t.Fatal("the second server's stream announced nothing within 5 s of a post to the first")
	}
	var ev doc.Event
	if err := json.Unmarshal([]byte(got.data), &ev); err != nil {
		t.Fatal(err)
	}
	code, body := b.get("/api/events?country=SYR&format=json")
	if code != 200 {
		t.Fatalf("list on the second server: %d %s", code, body)
	}
	var page struct{ Events []doc.Event }
	if err := json.Unmarshal([]byte(body), &page); err != nil {
		t.Fatalf("listing %q: %v", body, err)
	}
	if len(page.Events) == 0 || page.Events[0].ID != ev.ID {
		t.Errorf("the second server lists %d SYR events, want the streamed %s first", len(page.Events), ev.ID)
	}
	if code, body := b.get("/api/events/" + ev.ID); code != 200 {
		t.Errorf("event %s on the second server: %d %s", ev.ID, code, body)
	}
}
