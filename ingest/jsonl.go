package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"github.com/sitrep-dev/sitrep/doc"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// jsonRecord is one JSONL line. Other fields are ignored; a field of the wrong type is an error.
type jsonRecord struct {
	ID        json.RawMessage `json:"id"` // string or number; only used to name the record in messages
	Source    string          `json:"source"`
	Published string          `json:"published"` // YYYY-MM-DD or RFC 3339
	URL       string          `json:"url"`
	Title     string          `json:"title"`
	Text      *string         `json:"text"` // required
}

// binarySniff is how much of a JSONL stream is checked for NUL bytes before reading lines.
const binarySniff = 8 << 10

// readJSONL reads JSON Lines, one document per object. Empty lines are skipped. A line that is not
// a JSON object, is longer than MaxLineBytes, has a field of the wrong type, lacks "text" or has a
// "published" that is neither YYYY-MM-DD nor RFC 3339 is a RecordError naming the line; the other
// lines are still read. The stream is read line by line, so the file as a whole has no size limit.
func readJSONL(r io.Reader, in input, opt Options) ([]doc.Document, []RecordError, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(4)
	if len(head) == 0 {
		if err != nil && err != io.EOF {
			return nil, nil, err
		}
		return nil, nil, ErrEmpty
	}
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		br.Discard(len(bomUTF8))
	case bytes.HasPrefix(head, bomUTF16LE), bytes.HasPrefix(head, bomUTF16BE):
		dec := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, dec), 64<<10)
	}
	if sniff, err := br.Peek(binarySniff); looksBinary(sniff) {
		return nil, nil, ErrBinary
	} else if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, nil, err
	}

	var docs []doc.Document
	var bad []RecordError
	var ids idTracker
	maxLine := opt.maxLine()
	for lineNo := 1; ; lineNo++ {
		line, tooLong, err := readLine(br, maxLine)
		if err != nil && err != io.EOF {
			return docs, bad, fmt.Errorf("line %d: %w", lineNo, err)
		}
		if tooLong {
			bad = append(bad, RecordError{Path: in.name, Line: lineNo, Err: fmt.Errorf("line %w", tooLarge(maxLine, lineLimit))})
		} else if len(bytes.TrimSpace(line)) > 0 {
			d, id, rerr := jsonlDoc(line, in, lineNo, opt)
			if rerr != nil {
				bad = append(bad, RecordError{Path: in.name, Line: lineNo, Err: rerr})
			} else {
				docs = append(docs, d)
				for _, w := range []error{ids.check(id, fmt.Sprintf("line %d", lineNo), d.Text), languageWarning(d.Text)} {
					if w != nil {
						opt.warn(RecordError{Path: in.name, Line: lineNo, Err: w})
					}
				}
			}
		}
		if err == io.EOF {
			if len(docs) == 0 && len(bad) == 0 {
				return nil, nil, fmt.Errorf("%w: only blank lines", ErrNoText)
			}
			return docs, bad, nil
		}
	}
}

// readLine reads through the next "\n" and returns the line without its line ending. A line of more
// than max bytes is consumed but not kept: tooLong is set instead. err is io.EOF at the end of
// input (line then holds the last, unterminated line, if any).
func readLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(chunk) > max+2 { // room for "\r\n"
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) > max {
			tooLong, line = true, nil
		}
		return line, tooLong, err
	}
}

// jsonlDoc decodes one non-blank line; id is the record's "id" as written ("" when absent).
func jsonlDoc(line []byte, in input, lineNo int, opt Options) (d doc.Document, id string, err error) {
	trimmed := bytes.TrimSpace(line)
	// encoding/json would quietly turn bad bytes into U+FFFD: the text would be stored damaged.
	if off := firstInvalidUTF8(trimmed); off >= 0 {
		lead := len(line) - len(bytes.TrimLeftFunc(line, unicode.IsSpace))
		return d, "", fmt.Errorf("%w at byte offset %d of the line (want UTF-8, or UTF-16 with a byte-order mark for the whole file)", ErrInvalidUTF8, lead+off)
	}
	if trimmed[0] != '{' {
		var v any
		if err := json.Unmarshal(trimmed, &v); err != nil {
			return d, "", fmt.Errorf("invalid JSON: %v", jsonErr(err))
		}
		return d, "", fmt.Errorf("not a JSON object (got %s)", jsonKind(v))
	}
	var rec jsonRecord
	if err := json.Unmarshal(trimmed, &rec); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return d, "", fmt.Errorf("%sfield %q: want %s, got %s", recName(rec.ID), te.Field, wantType(te.Field), te.Value)
		}
		return d, "", fmt.Errorf("invalid JSON: %v", jsonErr(err))
	}
	name := recName(rec.ID)
	if rec.Text == nil {
		return d, "", fmt.Errorf(`%smissing "text"`, name)
	}
	text := cleanText(*rec.Text)
	if text == "" {
		return d, "", fmt.Errorf(`%s"text" is empty`, name)
	}
	if len(text) > opt.maxDoc() {
		return d, "", fmt.Errorf(`%s"text" %w`, name, tooLarge(opt.maxDoc(), docLimit))
	}
	published := opt.Published
	if p := strings.TrimSpace(rec.Published); p != "" {
		t, err := parseDate(p)
		if err != nil {
			return d, "", fmt.Errorf(`%sinvalid "published" %q (want YYYY-MM-DD or RFC 3339)`, name, rec.Published)
		}
		if err := opt.checkFuture(t); err != nil {
			return d, "", fmt.Errorf(`%sinvalid "published" %q: %w`, name, rec.Published, err)
		}
		published = t
	}
	source := sourceOr(rec.Source, opt.Source, in.base, "stdin")
	return newDoc(source, rec.URL, rec.Title, published, text, fmt.Sprintf("%s:%d", in.name, lineNo)), idString(rec.ID), nil
}

// idString is a record's id as text: a JSON string unquoted, a number as written.
func idString(id json.RawMessage) string {
	id = bytes.TrimSpace(id)
	if len(id) == 0 || string(id) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(id, &s) == nil {
		return strings.TrimSpace(s)
	}
	return string(id)
}

// parseDate reads a date-only (midnight UTC) or RFC 3339 time.
func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, err
	}
	return t.UTC(), nil
}

// recName is `record "id": ` for messages, or "" when the record has no usable id.
func recName(id json.RawMessage) string {
	id = bytes.TrimSpace(id)
	if len(id) == 0 || string(id) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(id, &s) == nil {
		if s = foldLine(s); s == "" {
			return ""
		}
		if len(s) > 80 {
			s = strings.ToValidUTF8(s[:80], "") + "…"
		}
		return fmt.Sprintf("record %q: ", s)
	}
	if len(id) > 80 {
		return ""
	}
	return fmt.Sprintf("record %s: ", id)
}

func wantType(field string) string {
	if field == "id" {
		return "a string or number"
	}
	return "a string"
}

func jsonKind(v any) string {
	switch v.(type) {
	case []any:
		return "array"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}

// jsonErr shortens encoding/json's messages, which start with "json: " or "invalid character".
func jsonErr(err error) string {
	return strings.TrimPrefix(err.Error(), "json: ")
}
