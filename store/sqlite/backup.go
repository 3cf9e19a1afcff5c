package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/sitrep-dev/sitrep/store"
)

// Backup writes a consistent copy of the live database to path (VACUUM INTO: readers and the
// writer may go on meanwhile), then opens the copy and checks it with SQLite's integrity check. It
// returns the copy's counts. path must not exist.
func (s *Store) Backup(ctx context.Context, path string) (store.Stats, error) {
	if _, err := os.Stat(path); err == nil {
		return store.Stats{}, fmt.Errorf("backup %s: already exists (refusing to overwrite)", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return store.Stats{}, fmt.Errorf("backup %s: %w", path, err)
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return store.Stats{}, fmt.Errorf("backup %s: %w", path, err)
	}
	copyStore, err := Open(ctx, path)
	if err != nil {
		return store.Stats{}, fmt.Errorf("backup %s: the copy does not open: %w", path, err)
	}
	defer copyStore.Close()
	var check string
	if err := copyStore.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		return store.Stats{}, fmt.Errorf("backup %s: integrity check failed: %s %v", path, check, err)
	}
	return copyStore.Stats(ctx)
}
