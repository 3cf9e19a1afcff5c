//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The catalogue of hostile inputs as a user meets it (issue #9; ingest/catalogue_test.go has every
// case at the package level): what `sitrep ingest` and `sitrep extract` print on stderr for each
// bad input, naming the file and what is wrong, whether the exit status says so, and what was
// stored all the same.
func TestCLICatalogue(t *testing.T) {
	const (
		good    = `{"source":"Test Wire","published":"2025-12-20","text":"Protesters rallied in Basra on Friday against power cuts."}`
		english = "Government artillery shelled the Sheikh Maqsoud district of Aleppo on Wednesday, killing four civilians, local medics said."
		arabic  = "قصفت المدفعية الحكومية حي الشيخ مقصود في مدينة حلب يوم الأربعاء، مما أسفر عن مقتل أربعة مدنيين، بحسب ما أفاد مسعفون محليون في المدينة."
	)
	huge := `{"text":"` + strings.Repeat("shelling ", 50<<20/9) + "\"}\n" + good + "\n" // a 50 MB line, then a good one

	tests := []struct {
		name  string
		files map[string]string // under the input directory; "->target" is a symbolic link, "|fifo" a named pipe
		args  func(dir string) []string
		stdin string
		code  int      // exit status
		want  []string // lines of stderr contain these, "DIR" standing for the input directory
		docs  int      // documents stored (ingest only)
	}{
		{name: "a directory of bad and good files",
			files: map[string]string{
				"reports.jsonl": good + "\n" + `{"id":"f","published":"2999-01-01","text":"Clashes in Goma."}` + "\n" + "{\"text\":\"caf\xe9\"}\n",
				"empty.txt":     "", "brief.pdf": "%PDF-1.4", "self": "->self", "ar.txt": arabic,
			},
			args: func(dir string) []string { return []string{"ingest", dir} },
			code: 1, docs: 2,
			want: []string{
				`sitrep: warning: DIR/brief.pdf: skipped: unsupported file type ".pdf"`,
				"sitrep: warning: DIR/self: skipped: broken link or link loop: too many levels of symbolic links",
				"sitrep: warning: DIR/ar.txt: text does not look like English",
				"sitrep: DIR/empty.txt: empty file",
				`sitrep: DIR/reports.jsonl:2: record "f": invalid "published" "2999-01-01": date in the future: 2999-01-01T00:00:00Z is more than 48 h ahead of now (MaxFuture)`,
				"sitrep: DIR/reports.jsonl:3: invalid UTF-8 at byte offset 12 of the line",
				"2 bad records skipped", "1 files failed",
			}},
		{name: "a 50 MB line", files: map[string]string{"huge.jsonl": huge},
			args: func(dir string) []string { return []string{"ingest", filepath.Join(dir, "huge.jsonl")} },
			code: 1, docs: 1,
			want: []string{"sitrep: DIR/huge.jsonl:1: line too large: more than 16 MiB (MaxLineBytes, --max-line-bytes)", "1 bad records skipped"}},
		{name: "a 50 MB line on standard input", stdin: huge,
			args: func(string) []string { return []string{"extract", "--input-format", "jsonl", "-"} },
			code: 1, want: []string{"sitrep: stdin:1: line too large: more than 16 MiB (MaxLineBytes, --max-line-bytes)"}},
		{name: "limits set by flags", files: map[string]string{"long.jsonl": `{"text":"` + strings.Repeat("a", 200) + `"}` + "\n" + good, "report.txt": english},
			args: func(dir string) []string {
				return []string{"ingest", "--max-line-bytes", "150", "--max-doc-bytes", "100", dir}
			},
			code: 1, docs: 1,
			want: []string{"sitrep: DIR/long.jsonl:1: line too large: more than 150 bytes (MaxLineBytes, --max-line-bytes)",
				"sitrep: DIR/report.txt: too large: more than 100 bytes (MaxDocBytes, --max-doc-bytes)"}},
		{name: "a bad limit", args: func(dir string) []string { return []string{"ingest", "--max-line-bytes", "0", dir} },
			code: 1, want: []string{"--max-doc-bytes and --max-line-bytes: want a positive number of bytes"}},
		{name: "a named pipe given by name", files: map[string]string{"pipe.txt": "|fifo"},
			args: func(dir string) []string { return []string{"ingest", filepath.Join(dir, "pipe.txt")} },
			code: 1, want: []string{"sitrep: DIR/pipe.txt: not a regular file (a named pipe)"}},
		{name: "warnings alone do not fail", files: map[string]string{"ar.txt": arabic},
			args: func(dir string) []string { return []string{"ingest", dir} },
			code: 0, docs: 1, want: []string{"sitrep: warning: DIR/ar.txt: text does not look like English"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "in")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			for name, content := range tt.files {
				p := filepath.Join(dir, name)
				var err error
				switch {
				case strings.HasPrefix(content, "->"):
					err = os.Symlink(content[2:], p)
				case content == "|fifo":
					err = syscall.Mkfifo(p, 0o644)
				default:
					err = os.WriteFile(p, []byte(content), 0o644)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			db := filepath.Join(t.TempDir(), "s.db")
			args := tt.args(dir)
			if args[0] == "ingest" {
				args = append([]string{"ingest", "--db", db, "--progress", "none"}, args[1:]...)
			}
			r := run(t, tt.stdin, args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", r.code, tt.code, clip(r.stderr, 3000))
			}
			for _, w := range tt.want {
				if w = strings.ReplaceAll(w, "DIR", dir); !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, clip(r.stderr, 3000))
				}
			}
			if bytes.Contains([]byte(r.stderr), []byte("panic")) {
				t.Errorf("panic:\n%s", clip(r.stderr, 3000))
			}
			if _, err := os.Stat(db); err == nil || tt.docs > 0 {
				if s := stats(t, db); s["documents"] != tt.docs {
					t.Errorf("%d documents stored, want %d", s["documents"], tt.docs)
				}
			}
		})
	}
}
