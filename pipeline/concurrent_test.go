package pipeline

import (
	"context"
	"math/rand/v2"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/store"
	"github.com/sitrep-dev/sitrep/store/postgres"
	"github.com/sitrep-dev/sitrep/store/postgres/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// Three pipelines writing one PostgreSQL store at once, in a shuffled order, store the same events
// as one pipeline writing SQLite in file order: the fusion locks keep concurrent writers from fusing
// the same area blind to each other.
func TestConcurrentWritersEqualOneWriter(t *testing.T) {
	ctx := context.Background()
	_, want := run(t, nil)

	x, err := extractor()
	if err != nil {
		t.Fatal(err)
	}
	st, err := postgres.Open(ctx, pgtest.Database(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	docs := gold(t).Docs
	queue := make(chan int)
	go func() {
		for _, i := range rand.New(rand.NewPCG(5, 5)).Perm(len(docs)) {
			queue <- i
		}
		close(queue)
	}()
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := &Pipeline{Extractor: x, Store: slowWrites{st}}
			for i := range queue {
				if _, err := p.Add(ctx, docs[i]); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if got := snapshot(t, st); got != want {
		t.Errorf("three concurrent writers give other events than one:\n%s", firstDiff(want, got))
	}
}

// slowWrites widens the window between fusion's read and its write, as a busy database or a
// distant one would, so writers that did not lock would miss each other's events.
type slowWrites struct{ *postgres.Store }

func (s slowWrites) AddFused(ctx context.Context, f store.Fused) (bool, error) {
	time.Sleep(5 * time.Millisecond)
	return s.Store.AddFused(ctx, f)
}
