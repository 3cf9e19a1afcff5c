package ingest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWalk(t *testing.T) {
	root := t.TempDir()
	files := []string{
		"b.txt", "a.HTML", "feeds/wire.rss", "feeds/monitor.atom", "feeds/deep/x.jsonl",
		"notes.pdf", "README", ".hidden.txt", ".git/config.txt", "feeds/.cache/old.rss",
	}
	for _, f := range files {
		p := filepath.Join(root, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"feeds/deep/loop":  "..",                                 // a loop back to feeds/
		"self":             ".",                                  // a loop to the root
		"alias.txt":        "b.txt",                              // the same file twice
		"dangling.txt":     "nowhere.txt",                        // broken
		"outside":          filepath.Join(root, "feeds", "deep"), // a directory reached twice
		"feeds/deep/again": "again",                              // a link to itself (ELOOP)
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Skipf("symlinks unavailable: %v", err)
		}
	}
	rel := func(paths []string) []string {
		var out []string
		for _, p := range paths {
			r, err := filepath.Rel(root, p)
			if err != nil {
				r = p
			}
			out = append(out, filepath.ToSlash(r))
		}
		return out
	}

	tests := []struct {
		name  string
		paths []string
		want  []string
	}{
		{"directory", []string{root},
			[]string{"a.HTML", "b.txt", "feeds/deep/x.jsonl", "feeds/monitor.atom", "feeds/wire.rss"}},
		{"a file is listed whatever its type", []string{filepath.Join(root, "notes.pdf"), filepath.Join(root, ".hidden.txt")},
			[]string{"notes.pdf", ".hidden.txt"}},
		{"paths in order given, each sorted, no repeats", []string{filepath.Join(root, "feeds"), filepath.Join(root, "b.txt"), filepath.Join(root, "alias.txt"), root},
			[]string{"feeds/deep/x.jsonl", "feeds/monitor.atom", "feeds/wire.rss", "b.txt", "a.HTML"}},
		{"a symlinked directory as the root", []string{filepath.Join(root, "outside")},
			// outside -> feeds/deep, whose "loop" leads up to feeds: not a loop from here.
			[]string{"outside/loop/monitor.atom", "outside/loop/wire.rss", "outside/x.jsonl"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Walk(tt.paths)
			if err != nil {
				t.Fatal(err)
			}
			if g := strings.Join(rel(got), " "); g != strings.Join(tt.want, " ") {
				t.Errorf("Walk = %s\nwant   %s", g, strings.Join(tt.want, " "))
			}
		})
	}
}

func TestWalkErrors(t *testing.T) {
	root := t.TempDir()
	missing := filepath.Join(root, "missing")
	_, err := Walk([]string{root, missing})
	if err == nil || !errors.Is(err, fs.ErrNotExist) || !strings.HasPrefix(err.Error(), missing+": ") {
		t.Errorf("Walk(missing) error = %v", err)
	}
	if err := os.Symlink("nowhere", filepath.Join(root, "broken")); err == nil {
		_, err := Walk([]string{filepath.Join(root, "broken")})
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Walk(broken link) error = %v", err)
		}
	}
	got, err := Walk(nil)
	if err != nil || len(got) != 0 {
		t.Errorf("Walk(nil) = %v, %v", got, err)
	}
}
