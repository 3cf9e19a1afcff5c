package postgres

import (
	"context"
	"os"
	"testing"

	"github.com/sitrep-dev/sitrep/store"
	"github.com/sitrep-dev/sitrep/store/postgres/pgtest"
	"github.com/sitrep-dev/sitrep/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), pgtest.Database(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Served { return openTemp(t) })
}
