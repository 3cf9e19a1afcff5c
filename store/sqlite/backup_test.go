package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/store"
)

func TestBackupIsACheckedCopy(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	for i := range 5 {
		d, ms, es := sample(fmt.Sprintf("Shelling hit Kharkiv district %d.", i), "Kyiv Evening Post", "2025-12-19", "UKR", "ASSAULT")
		if _, err := s.AddDocument(ctx, d, ms, es); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "copy.db")
	got, err := s.Backup(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := s.Stats(ctx)
	if got != want || got.Documents != 5 {
		t.Errorf("backup holds %+v, source %+v", got, want)
	}
	// the copy is a working store
	c, err := Open(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if evs, err := c.Events(ctx, store.EventFilter{}); err != nil || len(evs) != 5 {
		t.Errorf("events in the copy: %d, %v", len(evs), err)
	}
	if _, err := s.Backup(ctx, out); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("a second backup over the first must be refused, got %v", err)
	}
}
