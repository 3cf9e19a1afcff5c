package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/doc"
)

// writeFile writes data to name under a fresh temporary directory and returns the path.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// checkDoc asserts the invariants every returned document keeps, whatever the input.
func checkDoc(t testing.TB, d doc.Document) {
	t.Helper()
	if d.ID == "" {
		t.Errorf("%s: empty id", d.Origin)
	}
	if d.ID != doc.ContentID(d.Source, d.Text) {
		t.Errorf("%s: id %s is not ContentID(source, text)", d.Origin, d.ID)
	}
	for field, s := range map[string]string{"text": d.Text, "title": d.Title, "source": d.Source, "url": d.URL} {
		if !utf8.ValidString(s) {
			t.Errorf("%s: %s is not valid UTF-8: %q", d.Origin, field, s)
		}
	}
	if d.Text == "" {
		t.Errorf("%s: empty text", d.Origin)
	}
	if got := cleanText(d.Text); got != d.Text {
		t.Errorf("%s: text is not in canonical form:\n got %q\nwant %q", d.Origin, d.Text, got)
	}
	if strings.ContainsAny(d.Title, "\n\r\t") || strings.ContainsAny(d.Source, "\n\r\t") {
		t.Errorf("%s: title or source spans lines: %q / %q", d.Origin, d.Title, d.Source)
	}
	if !d.Published.IsZero() && d.Published.Location() != time.UTC {
		t.Errorf("%s: published %v is not UTC", d.Origin, d.Published)
	}
	if d.Origin == "" {
		t.Errorf("document %s has no origin", d.ID)
	}
}

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t, err = time.Parse(time.DateOnly, s)
	}
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func errorStrings(bad []RecordError) []string {
	var out []string
	for _, e := range bad {
		out = append(out, e.Error())
	}
	return out
}

func mkdir(p string) error { return os.MkdirAll(p, 0o755) }
