//go:build unix

package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The catalogue of hostile and broken inputs (issue #9): each is read the way `sitrep ingest`
// reads it, and must give its clear error (naming the file, the line or item, and what is wrong,
// with the limit where one was hit) or its warning, and never a panic or a hang. Big inputs are
// made here at run time, never committed.

const hugeLine = 50 << 20 // the catalogue's "50 MB single line"

// catalogueCase is one hostile input.
type catalogueCase struct {
	name string
	// make writes the input under dir and returns what to read: a file or a directory (walked
	// with WalkSkipped, then every file read), or, when stream is set, the stream to read as
	// standard input in format ext.
	make   func(t *testing.T, dir string) string
	stream func() io.Reader
	ext    string
	opt    Options
	// asUser reads without root's right to read anything (the permission cases).
	asUser bool

	wantErr     string   // the fatal error contains this ("" means no fatal error)
	wantIs      error    // and is this, when set
	wantBad     []string // each record error, in order, contains its string
	wantWarn    []string // each warning, in order, contains its string
	wantDocs    int      // documents read
	wantText    string   // the first document's text contains this
	wantDate    string   // the first document's publication date, when set (YYYY-MM-DD)
	wantSkipped []string // each skipped entry, in order, ends with its string
}

func TestCatalogue(t *testing.T) {
	for _, c := range catalogue() {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			var r catalogueResult
			var name string
			if c.stream != nil {
				name = "stdin"
				r = readStream(c)
			} else {
				name = c.make(t, dir)
				read := func() catalogueResult { return readPath(name, c.opt) }
				if c.asUser {
					r = asUnprivileged(t, read)
				} else {
					r = read()
				}
			}
			checkCatalogue(t, c, name, r)
		})
	}
}

type catalogueResult struct {
	docs    int
	text    string
	date    string
	bad     []RecordError
	warns   []RecordError
	err     error
	skipped []Skipped
	took    time.Duration
}

// readPath reads a file, or walks a directory and reads what it lists, as `sitrep ingest` does.
func readPath(path string, opt Options) (r catalogueResult) {
	start := time.Now()
	defer func() { r.took = time.Since(start) }()
	opt.Warn = func(e RecordError) { r.warns = append(r.warns, e) }
	files, skipped, err := WalkSkipped([]string{path})
	r.skipped = skipped
	if err != nil {
		r.err = err
		return r
	}
	for _, f := range files {
		docs, bad, err := Read(f, opt)
		r.bad = append(r.bad, bad...)
		if err != nil {
			r.err = errors.Join(r.err, err)
		}
		for _, d := range docs {
			if r.docs == 0 {
				r.text, r.date = d.Text, d.Published.Format(time.DateOnly)
			}
			r.docs++
		}
	}
	return r
}

func readStream(c catalogueCase) (r catalogueResult) {
	start := time.Now()
	opt := c.opt
	opt.Warn = func(e RecordError) { r.warns = append(r.warns, e) }
	docs, bad, err := ReadReader(c.stream(), "-", c.ext, opt)
	r.bad, r.err, r.docs, r.took = bad, err, len(docs), time.Since(start)
	if len(docs) > 0 {
		r.text, r.date = docs[0].Text, docs[0].Published.Format(time.DateOnly)
	}
	return r
}

func checkCatalogue(t *testing.T, c catalogueCase, name string, r catalogueResult) {
	t.Helper()
	if r.took > 5*time.Second {
		t.Errorf("took %v", r.took)
	}
	switch {
	case c.wantErr == "" && r.err != nil:
		t.Errorf("unexpected error: %v", r.err)
	case c.wantErr != "" && r.err == nil:
		t.Errorf("no error, want one saying %q", c.wantErr)
	case c.wantErr != "":
		msg := r.err.Error()
		if !strings.HasPrefix(msg, name+": ") || strings.Count(msg, name) != 1 {
			t.Errorf("error %q does not name %q once, at the start", msg, name)
		}
		if !strings.Contains(msg, c.wantErr) {
			t.Errorf("error %q does not say %q", msg, c.wantErr)
		}
		if c.wantIs != nil && !errors.Is(r.err, c.wantIs) {
			t.Errorf("error %q is not %v", msg, c.wantIs)
		}
	}
	matchAll(t, "record error", r.bad, c.wantBad, name)
	matchAll(t, "warning", r.warns, c.wantWarn, name)
	if r.docs != c.wantDocs {
		t.Errorf("%d documents, want %d", r.docs, c.wantDocs)
	}
	if !strings.Contains(r.text, c.wantText) {
		t.Errorf("text %q does not contain %q", clipText(r.text), c.wantText)
	}
	if c.wantDate != "" && r.date != c.wantDate {
		t.Errorf("published %s, want %s", r.date, c.wantDate)
	}
	var skipped []string
	for _, s := range r.skipped {
		skipped = append(skipped, s.String())
	}
	if len(skipped) != len(c.wantSkipped) {
		t.Errorf("skipped %q, want %q", skipped, c.wantSkipped)
	}
	for i := range min(len(skipped), len(c.wantSkipped)) {
		if !strings.HasSuffix(skipped[i], c.wantSkipped[i]) || !strings.HasPrefix(skipped[i], name) {
			t.Errorf("skipped %q, want %q under %s", skipped[i], c.wantSkipped[i], name)
		}
	}
}

// matchAll checks record errors or warnings: as many as wanted, each naming the input and saying
// what its string says.
func matchAll(t *testing.T, what string, got []RecordError, want []string, name string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%ss %q, want %d saying %q", what, errorStrings(got), len(want), want)
		return
	}
	for i, e := range got {
		if msg := e.Error(); !strings.HasPrefix(msg, name) || !strings.Contains(msg, want[i]) {
			t.Errorf("%s %q does not name %s and say %q", what, msg, name, want[i])
		}
	}
}

func clipText(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// file makes a case's input: one file with these bytes.
func file(name string, data []byte) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
}

// bigFile writes prefix, n bytes of filler words on one line, and suffix, without holding them in
// memory.
func bigFile(name, prefix string, n int, suffix string) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		w.WriteString(prefix)
		io.Copy(w, hugeFiller(n))
		w.WriteString(suffix)
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		return p
	}
}

// hugeFiller is n bytes of "shelling " on one line.
func hugeFiller(n int) io.Reader {
	return io.LimitReader(&wordReader{}, int64(n))
}

// fillerBlock is copied whole, not byte by byte: under the race detector every byte written in a
// loop is checked, and 50 MB of that takes seconds.
var fillerBlock = bytes.Repeat([]byte("shelling "), 1<<16)

type wordReader struct{ off int }

func (w *wordReader) Read(p []byte) (int, error) {
	n := copy(p, fillerBlock[w.off:])
	w.off = (w.off + n) % len(fillerBlock)
	return n, nil
}

// tree makes a directory of files (path → content; "->target" makes a symbolic link instead).
func tree(entries map[string]string) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string {
		root := filepath.Join(dir, "in")
		for p, content := range entries {
			full := filepath.Join(root, p)
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			var err error
			if target, ok := strings.CutPrefix(content, "->"); ok {
				err = os.Symlink(target, full)
			} else {
				err = os.WriteFile(full, []byte(content), 0o644)
			}
			if err != nil {
				t.Skipf("cannot make %s: %v", p, err)
			}
		}
		return root
	}
}

// withMode makes the input, then sets the mode of the file or directory it returns.
func withMode(mode fs.FileMode, mk func(*testing.T, string) string) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string {
		p := mk(t, dir)
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(p, 0o755) }) // so TempDir can remove it
		return p
	}
}

func rssFeed(items string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test Wire</title>` + items + `</channel></rss>`
}

func catalogue() []catalogueCase {
	now := time.Now().UTC()
	tomorrow := now.Add(24 * time.Hour).Format(time.DateOnly)
	// Within what file systems store (ext4 stops in 2446) and what the HTML date extractor
	// accepts (a year ahead), but far past the 48 h allowed.
	monthsAhead := midnightUTC(now.AddDate(0, 6, 0))
	u16Feed := `<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>Test Wire</title>` +
		`<item><guid>u</guid><description>` + english + `</description></item></channel></rss>`
	var deepXML strings.Builder
	deepXML.WriteString(`<rss version="2.0"><channel><title>T</title><item><guid>d1</guid><description>` + english + `</description>`)
	deepXML.WriteString(strings.Repeat("<x>", 100000) + strings.Repeat("</x>", 100000))
	deepXML.WriteString(`</item></channel></rss>`)

	cases := []catalogueCase{
		// Empty and zero-byte files.
		{name: "zero bytes .txt", make: file("empty.txt", nil), wantErr: "empty file", wantIs: ErrEmpty},
		{name: "zero bytes .jsonl", make: file("empty.jsonl", nil), wantErr: "empty file", wantIs: ErrEmpty},
		{name: "zero bytes .html", make: file("empty.html", nil), wantErr: "empty file", wantIs: ErrEmpty},
		{name: "zero bytes .rss", make: file("empty.rss", nil), wantErr: "empty file", wantIs: ErrEmpty},
		{name: "zero bytes on stdin", stream: func() io.Reader { return strings.NewReader("") }, ext: "jsonl", wantErr: "empty file", wantIs: ErrEmpty},
		{name: "white space only .txt", make: file("blank.txt", []byte(" \n\t\r\n ")), wantErr: "no text: only white space", wantIs: ErrNoText},
		{name: "blank lines only .jsonl", make: file("blank.jsonl", []byte("\n \n\t\n")), wantErr: "no text: only blank lines", wantIs: ErrNoText},
		{name: "white space only .html", make: file("blank.html", []byte("  \n ")), wantErr: "no article text found", wantIs: ErrNoText},
		{name: "white space only .xml", make: file("blank.xml", []byte("  \n ")), wantErr: "not an RSS or Atom feed: only white space", wantIs: ErrNotFeed},

		// Invalid UTF-8 and binary content.
		{name: "invalid UTF-8 .txt", make: file("latin1.txt", []byte("Caf\xe9 shelled.")), wantErr: "invalid UTF-8 at byte offset 3", wantIs: ErrInvalidUTF8},
		{name: "invalid UTF-8 in a JSONL record", make: file("bad.jsonl", []byte("{\"text\":\"caf\xe9\"}\n"+goodRecord+"\n")),
			wantBad: []string{"bad.jsonl:1: invalid UTF-8 at byte offset 12 of the line"}, wantDocs: 1},
		{name: "invalid UTF-8 in a feed", make: file("bad.rss", []byte(rssFeed("<item><guid>a</guid><description>caf\xe9</description></item>"))),
			wantErr: "parsing RSS: XML syntax error on line 1: invalid UTF-8"},
		// A page without a declared charset is legacy windows-1252 by the HTML standard's rule.
		{name: "undeclared windows-1252 .html", make: file("legacy.html", []byte("<html><body><article><p>Frappe a\xe9rienne pr\xe8s de Gaza, selon la d\xe9fense civile.</p></article></body></html>")),
			wantDocs: 1, wantText: "Frappe aérienne près de Gaza"},
		{name: "binary content named .txt", make: file("scan.txt", []byte("%PDF-1.4\n\x00\x01\x02binary")), wantErr: "binary content", wantIs: ErrBinary},
		{name: "binary content named .jsonl", make: file("data.jsonl", []byte("PK\x03\x04\x00\x00zip")), wantErr: "binary content", wantIs: ErrBinary},

		// UTF-16 with a byte-order mark is decoded; without one it is binary.
		{name: "UTF-16 LE with BOM .txt", make: file("u16.txt", utf16(english, false)), wantDocs: 1, wantText: "Sheikh Maqsoud"},
		{name: "UTF-16 BE with BOM .jsonl", make: file("u16.jsonl", utf16(goodRecord+"\n", true)), wantDocs: 1, wantText: "Basra"},
		{name: "UTF-16 with BOM .rss", make: file("u16.rss", utf16(u16Feed, false)), wantDocs: 1, wantText: "Aleppo"},
		{name: "UTF-16 with BOM .html", make: file("u16.html", utf16("<html><body><article><p>"+english+"</p></article></body></html>", false)), wantDocs: 1, wantText: "Aleppo"},
		{name: "UTF-16 without BOM", make: file("nobom.txt", utf16(english, false)[2:]), wantErr: "binary content", wantIs: ErrBinary},

		// A 50 MB single line: refused against the limit the error names, without reading it into
		// memory; the JSONL reader goes on with the next line.
		{name: "50 MB line .jsonl", make: bigFile("huge.jsonl", `{"text":"`, hugeLine, "\"}\n"+goodRecord+"\n"),
			wantBad: []string{"huge.jsonl:1: line too large: more than 16 MiB (MaxLineBytes, --max-line-bytes)"}, wantDocs: 1, wantText: "Basra"},
		{name: "50 MB line .jsonl on stdin", ext: "jsonl",
			stream: func() io.Reader {
				return io.MultiReader(strings.NewReader(`{"text":"`), hugeFiller(hugeLine), strings.NewReader("\"}\n"+goodRecord+"\n"))
			},
			wantBad: []string{"stdin:1: line too large: more than 16 MiB (MaxLineBytes, --max-line-bytes)"}, wantDocs: 1},
		{name: "50 MB line .txt", make: bigFile("huge.txt", "", hugeLine, ""), wantErr: "too large: more than 10 MiB (MaxDocBytes, --max-doc-bytes)", wantIs: ErrTooLarge},
		{name: "50 MB line .txt on stdin", ext: "txt", stream: func() io.Reader { return hugeFiller(hugeLine) },
			wantErr: "too large: more than 10 MiB (MaxDocBytes, --max-doc-bytes)", wantIs: ErrTooLarge},
		{name: "50 MB line .html", make: bigFile("huge.html", "<p>", hugeLine, "</p>"), wantErr: "too large: more than 10 MiB (MaxDocBytes, --max-doc-bytes)", wantIs: ErrTooLarge},
		{name: "50 MB line .rss", make: bigFile("huge.rss", `<rss version="2.0"><channel><title>T</title><item><description>`, hugeLine, "</description></item></channel></rss>"),
			opt: Options{MaxDocBytes: 4 << 20}, wantErr: "too large: more than 40 MiB (10×MaxDocBytes, --max-doc-bytes)", wantIs: ErrTooLarge},
		{name: "a JSONL line over a configured limit", make: file("long.jsonl", []byte(`{"text":"`+strings.Repeat("a", 2000)+`"}`+"\n"+goodRecord)),
			opt: Options{MaxLineBytes: 1000}, wantBad: []string{"long.jsonl:1: line too large: more than 1000 bytes (MaxLineBytes, --max-line-bytes)"}, wantDocs: 1},

		// Deep nesting.
		{name: "deeply nested HTML", make: file("deep.html", []byte(strings.Repeat("<div>", 100000)+english+strings.Repeat("</div>", 100000))),
			wantErr: "parsing HTML: html: open stack of elements exceeds 512 nodes"},
		{name: "deeply nested XML in a feed item", make: file("deep.rss", []byte(deepXML.String())), wantDocs: 1, wantText: "Aleppo"},
		{name: "deeply nested JSON", make: file("deep.jsonl", []byte(`{"id":`+strings.Repeat("[", 100000)+strings.Repeat("]", 100000)+`,"text":"x"}`+"\n"+goodRecord)),
			wantBad: []string{"deep.jsonl:1: invalid JSON: invalid character '[' exceeded max depth"}, wantDocs: 1},

		// An XML entity-expansion bomb: the references stay as written, nothing is fetched.
		{name: "entity bomb in a feed", make: file("bomb.rss", []byte(entityBomb())), wantDocs: 1, wantText: "Before &lol9; and &xxe; after."},

		// Unknown extensions.
		{name: "unknown extension named", make: file("report.pdf", []byte("%PDF-1.4")), wantErr: `unsupported file type ".pdf" (want .txt, .html, .htm, .xml, .rss, .atom, .jsonl)`, wantIs: ErrUnsupported},
		{name: "no extension named", make: file("README", []byte("notes")), wantErr: `unsupported file type ""`, wantIs: ErrUnsupported},
		{name: "unknown extensions in a directory", make: tree(map[string]string{"a.txt": english, "report.pdf": "%PDF", "notes.docx": "PK", "sub/photo.jpg": "\xff\xd8", ".hidden.pdf": "x"}),
			wantDocs: 1, wantSkipped: []string{`notes.docx: skipped: unsupported file type ".docx"`, `report.pdf: skipped: unsupported file type ".pdf"`, `photo.jpg: skipped: unsupported file type ".jpg"`}},

		// Symbolic link loops.
		{name: "symlink loops in a directory", make: tree(map[string]string{"a.txt": english, "sub/b.jsonl": goodRecord, "sub/up": "->..", "self": "->self", "x": "->y", "y": "->x", "alias.txt": "->a.txt"}),
			wantDocs: 2, wantSkipped: []string{"self: skipped: broken link or link loop: too many levels of symbolic links",
				"x: skipped: broken link or link loop: too many levels of symbolic links", "y: skipped: broken link or link loop: too many levels of symbolic links"}},
		{name: "a symlink loop named", make: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "loop.txt")
			if err := os.Symlink("loop.txt", p); err != nil {
				t.Skip(err)
			}
			return p
		}, wantErr: "too many levels of symbolic links"},

		// Unreadable files and directories, and other things that are not files.
		{name: "unreadable file", make: withMode(0, file("secret.txt", []byte(english))), asUser: true, wantErr: "permission denied", wantIs: fs.ErrPermission},
		{name: "unreadable directory", make: withMode(0, tree(map[string]string{"a.txt": english})), asUser: true, wantErr: "permission denied", wantIs: fs.ErrPermission},
		{name: "a named pipe", make: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "pipe.jsonl")
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skip(err)
			}
			return p
		}, wantErr: "not a regular file (a named pipe)", wantIs: ErrNotRegular},

		// Duplicate ids with different text: both kept, with a warning.
		{name: "duplicate JSONL ids", make: file("dup.jsonl", []byte(`{"id":"r1","text":"`+english+`"}`+"\n"+`{"id":"r2","text":"Clashes in Goma."}`+"\n"+
			`{"id":"r1","text":"Clashes in Bukavu."}`+"\n"+`{"id":"r2","text":"Clashes in Goma."}`+"\n")),
			wantDocs: 4, wantWarn: []string{`dup.jsonl:3: id "r1" also at line 1 with another text: both kept`}},
		{name: "duplicate feed GUIDs", make: file("dup.rss", []byte(rssFeed(`<item><guid>g</guid><description>Clashes in Goma.</description></item><item><guid>g</guid><description>Clashes in Bukavu.</description></item>`))),
			wantDocs: 2, wantWarn: []string{`dup.rss: item 2 (g): id "g" also at item 1 with another text`}},

		// Dates far in the future.
		{name: "JSONL published far ahead", make: file("future.jsonl", []byte(`{"id":"f","published":"2999-01-01","text":"Clashes in Goma."}`+"\n"+`{"published":"`+tomorrow+`","text":"Clashes in Goma."}`)),
			wantBad: []string{`future.jsonl:1: record "f": invalid "published" "2999-01-01": date in the future: 2999-01-01T00:00:00Z is more than 48 h ahead of now (MaxFuture)`}, wantDocs: 1},
		{name: "JSONL published far ahead, check off", make: file("future.jsonl", []byte(`{"published":"2999-01-01","text":"Clashes in Goma."}`)), opt: Options{MaxFuture: -1}, wantDocs: 1},
		{name: "feed item dated far ahead", make: file("future.rss", []byte(rssFeed(`<item><guid>f</guid><pubDate>Fri, 01 Jan 2999 10:00:00 GMT</pubDate><description>Clashes in Goma.</description></item>`))),
			wantBad: []string{"future.rss: item 1 (f): date in the future: 2999-01-01T10:00:00Z is more than 48 h ahead"}},
		{name: "page dated far ahead", make: file("future.html", []byte(`<html><head><meta property="article:published_time" content="`+monthsAhead.Format(time.RFC3339)+`"></head><body><article><p>`+english+`</p></article></body></html>`)),
			opt: Options{Published: time.Date(2025, 12, 24, 0, 0, 0, 0, time.UTC)}, wantDocs: 1, wantDate: "2025-12-24",
			wantWarn: []string{"future.html: page date ignored: date in the future: " + monthsAhead.Format(time.RFC3339) + " is more than 48 h ahead"}},
		{name: "page dated years ahead", make: file("future.html", []byte(`<html><head><meta property="article:published_time" content="2999-01-01T10:00:00Z"></head><body><article><p>`+english+`</p></article></body></html>`)),
			opt: Options{Published: time.Date(2025, 12, 24, 0, 0, 0, 0, time.UTC)}, wantDocs: 1, wantDate: "2025-12-24"}, // the extractor drops it itself
		{name: "text file modified far ahead", make: func(t *testing.T, dir string) string {
			p := file("future.txt", []byte(english))(t, dir)
			if err := os.Chtimes(p, monthsAhead, monthsAhead); err != nil {
				t.Skip(err)
			}
			return p
		}, wantErr: "modification time: date in the future: " + monthsAhead.Format(time.RFC3339) + " is more than 48 h ahead of now (MaxFuture): give the date with --published", wantIs: ErrFuture},

		// Non-English text: read, with a warning that few events will come of it.
		{name: "Arabic .txt", make: file("ar.txt", []byte(arabic)), wantDocs: 1, wantText: "حلب", wantWarn: []string{"ar.txt: text does not look like English (0 of "}},
		{name: "Russian and French JSONL", make: file("mixed.jsonl", []byte(`{"text":"`+russian+`"}`+"\n"+goodRecord+"\n"+`{"text":"`+french+`"}`)),
			wantDocs: 3, wantWarn: []string{"mixed.jsonl:1: text does not look like English", "mixed.jsonl:3: text does not look like English"}},
		{name: "Spanish feed item", make: file("es.rss", []byte(rssFeed(`<item><guid>e</guid><description>`+spanish+`</description></item>`))),
			wantDocs: 1, wantWarn: []string{"es.rss: item 1 (e): text does not look like English"}},
		{name: "English headline", make: file("headline.txt", []byte("Russia strikes Kharkiv power grid overnight; 40 drones downed, 3 missiles hit energy sites, blackouts across region")), wantDocs: 1},
	}
	if runtime.GOOS == "linux" {
		// A file whose reading fails part way (here at once): /proc/self/mem reads EIO at offset 0.
		cases = append(cases, catalogueCase{name: "read error", make: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "mem.txt")
			if err := os.Symlink("/proc/self/mem", p); err != nil {
				t.Skip(err)
			}
			return p
		}, wantErr: "mem.txt: read: input/output error"})
	}
	return cases
}

func entityBomb() string {
	var dtd strings.Builder
	dtd.WriteString(`<!ENTITY lol "lol">`)
	prev := "lol"
	for i := 1; i <= 9; i++ {
		name := "lol" + string(rune('0'+i))
		dtd.WriteString(`<!ENTITY ` + name + ` "` + strings.Repeat("&"+prev+";", 10) + `">`)
		prev = name
	}
	dtd.WriteString(`<!ENTITY xxe SYSTEM "file:///etc/passwd">`)
	return `<?xml version="1.0"?><!DOCTYPE rss [` + dtd.String() + `]><rss version="2.0"><channel><title>Laughs &lol9;</title>` +
		`<item><guid>b1</guid><description>Before &lol9; and &xxe; after.</description></item></channel></rss>`
}
