// Package ingest reads outside input — plain text, HTML pages, RSS/Atom feeds and JSON Lines — and
// turns it into doc.Documents: plain UTF-8 text with paragraphs separated by a blank line, a source,
// a publication date in UTC and an id that depends only on the source and the text, so the same
// report read twice, from any format, gets the same id.
//
// A reader never trusts its input: sizes are capped, binary and mis-encoded files are refused with an
// error that names the file, and a bad record inside an otherwise readable file (a JSONL line, a feed
// item) is reported as a RecordError while reading goes on.
package ingest

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
)

// Default limits.
const (
	DefaultMaxDocBytes  = 10 << 20 // 10 MiB
	DefaultMaxLineBytes = 16 << 20 // 16 MiB
	// DefaultMaxFuture is how far ahead of now a publication date may be: time zones and clock
	// skew, not more. A later date is a mistake, and stored it would head every newest-first
	// listing.
	DefaultMaxFuture = 48 * time.Hour
	// feedFactor is how many times MaxDocBytes a whole feed file may be.
	feedFactor = 10
)

// Options tune the readers. The zero value is ready to use.
type Options struct {
	// Source overrides the source of a .txt document (default: file name without extension). For the
	// other formats it is the fallback when the input names no source (JSONL "source", the page's
	// site name, the feed title); the last fallback is the file name without extension.
	Source string
	// Published is the publication time of a .txt document (default: the date of the file's
	// modification time, at midnight UTC). For the other formats it is the fallback when the input
	// gives no date. Stored in UTC.
	Published time.Time
	// MaxDocBytes caps one document (default 10 MiB): a .txt or HTML file, a JSONL record's text, a
	// feed item's text. A whole feed file may be feedFactor (10) times as large. Larger input is an
	// error that names the limit.
	MaxDocBytes int
	// MaxLineBytes caps one JSONL line (default 16 MiB); a longer line is a RecordError and reading
	// goes on with the next line.
	MaxLineBytes int
	// MaxFuture is how far ahead of now a publication date in the input may be (default 48 h;
	// negative: no check). A JSONL record or feed item dated later is a RecordError, a .txt file
	// modified later an error; a page's later metadata date is ignored with a warning.
	MaxFuture time.Duration
	// Warn receives what a reader accepted but finds suspect: a record id repeated with another
	// text, text that does not look like English, a page's date ignored. Nil logs them with
	// log/slog at level Warn.
	Warn func(RecordError)
}

func (o Options) maxDoc() int {
	if o.MaxDocBytes <= 0 {
		return DefaultMaxDocBytes
	}
	return o.MaxDocBytes
}

func (o Options) maxLine() int {
	if o.MaxLineBytes <= 0 {
		return DefaultMaxLineBytes
	}
	return o.MaxLineBytes
}

// checkFuture refuses a date more than MaxFuture ahead of now.
func (o Options) checkFuture(t time.Time) error {
	ahead := o.MaxFuture
	if ahead < 0 {
		return nil
	}
	if ahead == 0 {
		ahead = DefaultMaxFuture
	}
	if limit := time.Now().Add(ahead); t.After(limit) {
		return fmt.Errorf("%w: %s is more than %s ahead of now (MaxFuture)", ErrFuture, t.UTC().Format(time.RFC3339), humanDuration(ahead))
	}
	return nil
}

func (o Options) warn(e RecordError) {
	if o.Warn != nil {
		o.Warn(e)
		return
	}
	slog.Warn(e.Error())
}

func humanDuration(d time.Duration) string {
	if d%time.Hour == 0 {
		return fmt.Sprintf("%d h", d/time.Hour)
	}
	return d.String()
}

// Errors a reader returns, wrapped with the file name and details; test with errors.Is.
var (
	ErrUnsupported = errors.New("unsupported file type")
	ErrEmpty       = errors.New("empty file")
	ErrNoText      = errors.New("no text")
	ErrBinary      = errors.New("binary content")
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	ErrTooLarge    = errors.New("too large")
	ErrNotFeed     = errors.New("not an RSS or Atom feed")
	ErrNotRegular  = errors.New("not a regular file")
	ErrFuture      = errors.New("date in the future")

	// errExtractorPanic wraps a panic recovered from a third-party parser (trafilatura, gofeed),
	// so hostile input costs one file, not the whole run. Fuzz tests fail on it.
	errExtractorPanic = errors.New("internal error in a third-party parser")
)

// RecordError is a bad record inside an otherwise readable file (a JSONL line, a feed item); the
// reader reports it and goes on with the next record.
type RecordError struct {
	Path string // the file (or the name given to ReadReader)
	Line int    // 1-based line for JSONL; 0 where lines mean nothing (feed items name themselves in Err)
	Err  error
}

// Error is "path:7: invalid JSON: ...", or "path: item 3 (guid): no text" when there is no line.
func (e RecordError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e RecordError) Unwrap() error { return e.Err }

// input is what the format readers know about where their bytes came from.
type input struct {
	name    string    // path or stream name, for messages and Origin
	base    string    // file name without extension: the last-resort source
	modTime time.Time // zero for streams
}

type readFunc func(r io.Reader, in input, opt Options) ([]doc.Document, []RecordError, error)

var formats = map[string]readFunc{
	".txt":   readText,
	".html":  readHTML,
	".htm":   readHTML,
	".xml":   readFeed,
	".rss":   readFeed,
	".atom":  readFeed,
	".jsonl": readJSONL,
}

const wantExts = ".txt, .html, .htm, .xml, .rss, .atom, .jsonl"

// Supported reports whether Read knows the extension of path (case-insensitive).
func Supported(path string) bool {
	_, ok := formats[strings.ToLower(filepath.Ext(path))]
	return ok
}

// Read reads one file by its extension (.txt, .html/.htm, .xml/.rss/.atom, .jsonl; case-insensitive)
// and returns its documents, the per-record errors, and a fatal error (unknown extension,
// unreadable, not a regular file, empty, binary content, not a feed, too large, ...) that always
// names the file.
func Read(path string, opt Options) (docs []doc.Document, bad []RecordError, err error) {
	ext := strings.ToLower(filepath.Ext(path))
	read, ok := formats[ext]
	if !ok {
		return nil, nil, unsupported(path, filepath.Ext(path))
	}
	// Look before opening: opening a named pipe blocks until something writes to it, and a device
	// may never end. The check is repeated on the open file, in case the path changed between.
	st, err := os.Stat(path)
	if err == nil {
		err = checkRegular(st)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	st, err = f.Stat()
	if err == nil {
		err = checkRegular(st)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	// Refuse an oversized file before reading it; streams are capped while reading.
	if limit := fileLimit(ext, opt); limit > 0 && st.Size() > int64(limit) {
		return nil, nil, fmt.Errorf("%s: %w", path, tooLarge(limit, limitName(ext)))
	}
	in := input{name: path, base: baseName(path), modTime: st.ModTime()}
	docs, bad, err = read(plainErrors{f}, in, opt)
	if err != nil {
		return nil, bad, fmt.Errorf("%s: %w", path, err)
	}
	return docs, bad, nil
}

// ReadReader is Read for a stream whose format is named by ext (".txt" or "txt", any case). name
// stands for the file in messages, Origin and the default source; "" or "-" mean standard input.
// A .txt document read this way has no modification time: without Options.Published its
// Published is zero.
func ReadReader(r io.Reader, name, ext string, opt Options) ([]doc.Document, []RecordError, error) {
	if name == "" || name == "-" {
		name = "stdin"
	}
	e := strings.ToLower(ext)
	if e != "" && !strings.HasPrefix(e, ".") {
		e = "." + e
	}
	read, ok := formats[e]
	if !ok {
		return nil, nil, unsupported(name, ext)
	}
	docs, bad, err := read(r, input{name: name, base: baseName(name)}, opt)
	if err != nil {
		return nil, bad, fmt.Errorf("%s: %w", name, err)
	}
	return docs, bad, nil
}

// plainErrors drops the *fs.PathError layer from read errors, so that the message names the file
// once: "x.txt: read: input/output error", not "x.txt: read x.txt: input/output error".
type plainErrors struct{ r io.Reader }

func (p plainErrors) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return n, err
}

func checkRegular(st fs.FileInfo) error {
	switch {
	case st.IsDir():
		return errors.New("is a directory")
	case !st.Mode().IsRegular():
		return fmt.Errorf("%w (%s)", ErrNotRegular, fileKind(st.Mode()))
	}
	return nil
}

func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return m.Type().String()
}

func unsupported(name, ext string) error {
	return fmt.Errorf("%s: %w %q (want %s)", name, ErrUnsupported, ext, wantExts)
}

// unwrapPath drops the *fs.PathError layer (which repeats the path) and keeps its cause, so that
// errors.Is(err, fs.ErrNotExist) still holds.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func baseName(path string) string {
	b := filepath.Base(path)
	if b == "." || b == string(filepath.Separator) {
		return ""
	}
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// fileLimit is the most bytes a whole file of this type may have; 0 means no limit (JSONL is read
// line by line).
func fileLimit(ext string, opt Options) int {
	switch ext {
	case ".jsonl":
		return 0
	case ".xml", ".rss", ".atom":
		return feedLimit(opt)
	}
	return opt.maxDoc()
}

func feedLimit(opt Options) int {
	n := opt.maxDoc()
	if n > (1<<62)/feedFactor {
		return 1 << 62
	}
	return n * feedFactor
}

// The limits' names in messages: the Options field, then the flag of `sitrep ingest` and
// `sitrep extract` that sets it.
var (
	docLimit      = "MaxDocBytes, --max-doc-bytes"
	lineLimit     = "MaxLineBytes, --max-line-bytes"
	feedLimitName = fmt.Sprintf("%d×MaxDocBytes, --max-doc-bytes", feedFactor)
)

func limitName(ext string) string {
	switch ext {
	case ".xml", ".rss", ".atom":
		return feedLimitName
	}
	return docLimit
}

func tooLarge(limit int, what string) error {
	return fmt.Errorf("%w: more than %s (%s)", ErrTooLarge, humanBytes(limit), what)
}

func humanBytes(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// readLimited reads all of r, or fails with ErrTooLarge once more than limit bytes arrive.
func readLimited(r io.Reader, limit int, what string) ([]byte, error) {
	n := int64(limit)
	if n < math.MaxInt64 {
		n++ // one byte more tells "too large" from "exactly the limit"
	}
	b, err := io.ReadAll(io.LimitReader(r, n))
	if err != nil {
		return nil, err
	}
	if len(b) > limit {
		return nil, tooLarge(limit, what)
	}
	return b, nil
}

// sourceOr returns the first non-blank of the given names, folded to one line.
func sourceOr(names ...string) string {
	for _, n := range names {
		if n = foldLine(n); n != "" {
			return n
		}
	}
	return ""
}

// newDoc fills in the derived fields of a document: the id and UTC time.
func newDoc(source, url, title string, published time.Time, text, origin string) doc.Document {
	if !published.IsZero() {
		published = published.UTC()
	}
	return doc.Document{
		ID:        doc.ContentID(source, text),
		Source:    source,
		URL:       strings.TrimSpace(url),
		Title:     foldLine(title),
		Published: published,
		Text:      text,
		Origin:    origin,
	}
}

// midnightUTC is the date of t in UTC at 00:00.
func midnightUTC(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
