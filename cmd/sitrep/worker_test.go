package main

import (
	"context"
	"encoding/json"
	"os/exec"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/queue"
	"github.com/sitrep-dev/sitrep/queue/natstest"
	"github.com/sitrep-dev/sitrep/store/postgres/pgtest"
)

// Three `sitrep worker` processes drain a queue filled by `sitrep ingest --nats` into PostgreSQL;
// one is killed with SIGKILL mid-stream. The store then equals a single `sitrep ingest` into SQLite:
// the same documents once, the same events with the same reports and records.
func TestWorkersKilledMidStreamEqualOneProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("runs four sitrep processes against PostgreSQL and NATS")
	}
	dir := t.TempDir()
	want := dir + "/single.db"
	if r := run(t, "", "ingest", "--db", want, "--progress", "none", corpus); r.code != 0 {
		t.Fatal(r.stderr)
	}
	pg := pgtest.Database(t)
	nats := natstest.Server(t)
	if r := run(t, "", "ingest", "--nats", nats, "--progress", "none", corpus); r.code != 0 {
		t.Fatalf("ingest --nats: %s", r.stderr)
	}
	// a second run within the duplicate window queues nothing more
	if r := run(t, "", "ingest", "--nats", nats, "--progress", "none", corpus); r.code != 0 {
		t.Fatalf("second ingest --nats: %s", r.stderr)
	}
	ctx := context.Background()
	nc, js, err := queue.Connect(ctx, nats)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	total, _, err := queue.Pending(ctx, js)
	if err != nil || total == 0 {
		t.Fatalf("queued %d documents, %v", total, err)
	}

	var workers []*exec.Cmd
	for range 3 {
		w := exec.Command(binary, "worker", "--nats", nats, "--db", pg, "--concurrency", "2", "--ack-wait", "3s")
		if err := w.Start(); err != nil {
			t.Fatal(err)
		}
		workers = append(workers, w)
	}
	defer func() {
		for _, w := range workers {
			w.Process.Kill()
			w.Wait()
		}
	}()
	// kill the first worker as soon as the workers are under way, documents in its hands
	deadline := time.Now().Add(60 * time.Second)
	for {
		waiting, _, err := queue.Pending(ctx, js)
		if err == nil && waiting < total {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the workers took no document in 60 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	workers[0].Process.Signal(syscall.SIGKILL)
	workers[0].Wait()
	if c, err := js.Consumer(ctx, queue.Stream, queue.Consumer); err == nil {
		if info, err := c.Info(ctx); err == nil {
			t.Logf("killed a worker with %d of %d documents waiting and %d in flight", info.NumPending, total, info.NumAckPending)
		}
	}
	drainCtx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	if err := queue.WaitDrained(drainCtx, js, 50*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	for _, w := range workers[1:] {
		w.Process.Signal(syscall.SIGTERM)
		if err := w.Wait(); err != nil {
			t.Errorf("worker after SIGTERM: %v", err)
		}
	}
	workers = nil

	if a, b := stats(t, want), stats(t, pg); a["documents"] != b["documents"] || a["events"] != b["events"] || a["mentions"] != b["mentions"] {
		t.Errorf("three workers (one killed) stored %v, one process %v", b, a)
	}
	if a, b := eventRecords(t, want), eventRecords(t, pg); a != b {
		t.Errorf("the events differ from a single process's:\n%s", firstLineDiff(a, b))
	}
}

// eventRecords is every event of a store as JSON, its version aside (how many steps it took to
// get there depends on the order documents arrived in), sorted.
func eventRecords(t *testing.T, db string) string {
	t.Helper()
	r := run(t, "", "events", "--db", db, "--format", "jsonl")
	if r.code != 0 {
		t.Fatalf("events --db %s: %s", db, r.stderr)
	}
	var lines []string
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var e map[string]any
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("events output: %v", err)
		}
		delete(e, "version")
		b, _ := json.Marshal(e)
		lines = append(lines, string(b))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func firstLineDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return "single: " + la[i] + "\nworkers: " + lb[i]
		}
	}
	return "different numbers of events"
}
