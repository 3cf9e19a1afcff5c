package sqlite

import (
	"context"
	"time"

	"github.com/sitrep-dev/sitrep/store"
)

// AddWatch stores a watch (replacing one with the same id).
func (s *Store) AddWatch(ctx context.Context, w store.Watch) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO watches(id, filter, webhook, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET filter = excluded.filter, webhook = excluded.webhook`,
		w.ID, w.Filter, w.Webhook, w.Created.UTC().Format(time.RFC3339Nano))
	return err
}

// DeleteWatch removes a watch; store.ErrNotFound if there is none with this id.
func (s *Store) DeleteWatch(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM watches WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrNotFound
	}
	return nil
}

// Watches lists the stored watches, oldest first.
func (s *Store) Watches(ctx context.Context) ([]store.Watch, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT id, filter, webhook, created_at FROM watches ORDER BY created_at, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []store.Watch{}
	for rows.Next() {
		var w store.Watch
		var created string
		if err := rows.Scan(&w.ID, &w.Filter, &w.Webhook, &created); err != nil {
			return nil, err
		}
		w.Created, _ = time.Parse(time.RFC3339Nano, created)
		out = append(out, w)
	}
	return out, rows.Err()
}
