package store

import (
	"testing"
	"testing/fstest"
)

func TestReadMigrations(t *testing.T) {
	good := fstest.MapFS{
		"m/0010_later.sql": {Data: []byte("SELECT 10;")},
		"m/0002_next.sql":  {Data: []byte("SELECT 2;")},
		"m/0001_init.sql":  {Data: []byte("SELECT 1;")},
		"m/notes.txt":      {Data: []byte("not a migration")},
	}
	ms, err := ReadMigrations(good, "m")
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, m := range ms {
		got = append(got, m.Version)
	}
	if len(got) != 3 || got[0] != 1 || got[1] != 2 || got[2] != 10 || ms[2].SQL != "SELECT 10;" || ms[0].Name != "0001_init.sql" {
		t.Errorf("migrations %v (%+v), want 1, 2, 10 in order", got, ms)
	}
	for name, fsys := range map[string]fstest.MapFS{
		"unnumbered":  {"m/init.sql": {Data: []byte("x")}},
		"same number": {"m/0001_a.sql": {Data: []byte("x")}, "m/0001_b.sql": {Data: []byte("y")}},
	} {
		if _, err := ReadMigrations(fsys, "m"); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
