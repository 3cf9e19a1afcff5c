package ingest

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestUnsupported(t *testing.T) {
	tests := []struct {
		path, want string
	}{
		{"reports/brief.pdf", `reports/brief.pdf: unsupported file type ".pdf" (want .txt, .html, .htm, .xml, .rss, .atom, .jsonl)`},
		{"reports/README", `reports/README: unsupported file type "" (want .txt, .html, .htm, .xml, .rss, .atom, .jsonl)`},
		{"export.JSON", `export.JSON: unsupported file type ".JSON" (want .txt, .html, .htm, .xml, .rss, .atom, .jsonl)`},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			_, _, err := Read(tt.path, Options{}) // the type is checked before the file is opened
			if err == nil || err.Error() != tt.want {
				t.Errorf("Read error = %v, want %s", err, tt.want)
			}
			if !errors.Is(err, ErrUnsupported) {
				t.Errorf("error is not ErrUnsupported")
			}
		})
	}
	_, _, err := ReadReader(strings.NewReader("x"), "-", "pdf", Options{})
	if want := `stdin: unsupported file type "pdf" (want .txt, .html, .htm, .xml, .rss, .atom, .jsonl)`; err == nil || err.Error() != want {
		t.Errorf("ReadReader error = %v, want %s", err, want)
	}
}

func TestReadMissingAndDirectory(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "gone.txt")
	_, _, err := Read(missing, Options{})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error %v is not fs.ErrNotExist", err)
	}
	checkFatal(t, nil, err, missing, nil, "no such file")

	dir := filepath.Join(t.TempDir(), "feeds.xml")
	if err := mkdir(dir); err != nil {
		t.Fatal(err)
	}
	_, _, err = Read(dir, Options{})
	checkFatal(t, nil, err, dir, nil, "is a directory")
}

func TestReadReaderStdin(t *testing.T) {
	docs, bad, err := ReadReader(strings.NewReader(dolyna), "-", "TXT", Options{})
	if err != nil || len(bad) > 0 || len(docs) != 1 {
		t.Fatalf("ReadReader: %d docs, bad=%v, err=%v", len(docs), bad, err)
	}
	d := docs[0]
	checkDoc(t, d)
	if d.Origin != "stdin" || d.Source != "stdin" || !d.Published.IsZero() {
		t.Errorf("got origin %q source %q published %v; want stdin, stdin, zero", d.Origin, d.Source, d.Published)
	}
	pub := time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)
	docs, _, _ = ReadReader(strings.NewReader(dolyna), "", ".txt", Options{Source: "Wire", Published: pub})
	if docs[0].Source != "Wire" || !docs[0].Published.Equal(pub) {
		t.Errorf("options ignored: %+v", docs[0])
	}
}

// The same report under the same source has one id whatever the file format; another source or
// other words give another id.
func TestIDStability(t *testing.T) {
	jsonl, _, err := Read("testdata/reports.jsonl", Options{MaxLineBytes: 4096})
	if err != nil {
		t.Fatal(err)
	}
	fromJSONL := jsonl[0]
	txt, _, err := Read("testdata/ceasefire-2025-03-14.txt", Options{Source: "frontline monitor "})
	if err != nil {
		t.Fatal(err)
	}
	if txt[0].ID != fromJSONL.ID {
		t.Errorf("txt id %s != jsonl id %s for the same text and source", txt[0].ID, fromJSONL.ID)
	}
	html := "<html><head><meta property=\"og:site_name\" content=\"Frontline Monitor\"></head><body><article><p>" +
		strings.ReplaceAll(dolyna, "\n\n", "</p>\n<p>") + "</p></article></body></html>"
	page, _, err := ReadReader(strings.NewReader(html), "dolyna.html", ".html", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if page[0].Text != fromJSONL.Text {
		t.Errorf("html text %q != jsonl text %q", page[0].Text, fromJSONL.Text)
	}
	if page[0].ID != fromJSONL.ID {
		t.Errorf("html id %s != jsonl id %s", page[0].ID, fromJSONL.ID)
	}
	other, _, _ := Read("testdata/ceasefire-2025-03-14.txt", Options{Source: "Regional Wire"})
	if other[0].ID == fromJSONL.ID {
		t.Errorf("same id under another source")
	}
	again, _, _ := Read("testdata/reports.jsonl", Options{MaxLineBytes: 4096})
	for i := range jsonl {
		if again[i].ID != jsonl[i].ID {
			t.Errorf("reading twice changed id of %s", jsonl[i].Origin)
		}
	}
}

func TestRecordErrorFormat(t *testing.T) {
	e := RecordError{Path: "in/reports.jsonl", Line: 7, Err: errors.New("invalid JSON: unexpected end of JSON input")}
	if got, want := e.Error(), "in/reports.jsonl:7: invalid JSON: unexpected end of JSON input"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	e = RecordError{Path: "wire.rss", Err: ErrNoText}
	if got, want := e.Error(), "wire.rss: no text"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(e, ErrNoText) {
		t.Errorf("RecordError does not unwrap")
	}
}

// Every fixture, read concurrently (the CLI reads files in parallel), gives valid documents.
func TestFixturesConcurrently(t *testing.T) {
	files, err := Walk([]string{"testdata"})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 5 {
		t.Fatalf("Walk found only %v", files)
	}
	var wg sync.WaitGroup
	for range 3 {
		for _, f := range files {
			wg.Add(1)
			go func() {
				defer wg.Done()
				docs, _, err := Read(f, Options{MaxLineBytes: 4096})
				if err != nil {
					t.Errorf("%s: %v", f, err)
				}
				for _, d := range docs {
					checkDoc(t, d)
				}
			}()
		}
	}
	wg.Wait()
}
