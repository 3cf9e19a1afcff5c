package ingest

import (
	"fmt"
	"io"

	"github.com/sitrep-dev/sitrep/doc"
)

// readText reads a .txt file as one document. The text must be UTF-8 (a UTF-8 byte-order mark is
// dropped; UTF-16 with a byte-order mark is decoded). Paragraphs are separated by blank lines.
func readText(r io.Reader, in input, opt Options) ([]doc.Document, []RecordError, error) {
	raw, err := readLimited(r, opt.maxDoc(), docLimit)
	if err != nil {
		return nil, nil, err
	}
	s, err := decodeTextBytes(raw)
	if err != nil {
		return nil, nil, err
	}
	text := cleanText(s)
	if text == "" {
		return nil, nil, fmt.Errorf("%w: only white space", ErrNoText)
	}
	source := sourceOr(opt.Source, in.base, "stdin")
	published := opt.Published
	if published.IsZero() && !in.modTime.IsZero() {
		if err := opt.checkFuture(in.modTime); err != nil {
			return nil, nil, fmt.Errorf("modification time: %w: give the date with --published", err)
		}
		published = midnightUTC(in.modTime)
	}
	if w := languageWarning(text); w != nil {
		opt.warn(RecordError{Path: in.name, Err: w})
	}
	return []doc.Document{newDoc(source, "", "", published, text, in.name)}, nil, nil
}

// decodeTextBytes checks and decodes the bytes of a text file: empty, binary (a NUL byte) and
// invalid UTF-8 (with the byte offset in the file) are errors.
func decodeTextBytes(raw []byte) (string, error) {
	if len(raw) == 0 {
		return "", ErrEmpty
	}
	b, bomLen, converted := decodeBOM(raw)
	if looksBinary(b) {
		return "", ErrBinary
	}
	if !converted {
		if off := firstInvalidUTF8(b); off >= 0 {
			return "", fmt.Errorf("%w at byte offset %d (want UTF-8 or UTF-16 with a byte-order mark)", ErrInvalidUTF8, off+bomLen)
		}
	}
	return string(b), nil
}
