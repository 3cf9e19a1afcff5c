package ingest

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
	"golang.org/x/text/unicode/norm"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decodeBOM looks at a byte-order mark: a UTF-8 one is dropped, UTF-16 (either order) is decoded
// to UTF-8. bomLen is the number of bytes the mark took (for byte offsets into the original),
// converted tells whether the result is a re-encoding rather than a slice of the input.
func decodeBOM(b []byte) (out []byte, bomLen int, converted bool) {
	switch {
	case bytes.HasPrefix(b, bomUTF8):
		return b[3:], 3, false
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(b, []byte{0, 0, 0xFE, 0xFF}):
		// UTF-32: rare, but otherwise its FF FE would pass for UTF-16 LE.
		out, err := utf32.UTF32(utf32.LittleEndian, utf32.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return b, 0, false
		}
		return out, 4, true
	case bytes.HasPrefix(b, bomUTF16LE), bytes.HasPrefix(b, bomUTF16BE):
		// ExpectBOM reads the order from the mark and drops it; bad surrogates become U+FFFD.
		out, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return b, 0, false
		}
		return out, 2, true
	}
	return b, 0, false
}

// looksBinary reports whether b holds a NUL byte, which no text format sitrep reads contains.
func looksBinary(b []byte) bool { return bytes.IndexByte(b, 0) >= 0 }

// firstInvalidUTF8 is the offset of the first byte that is not part of valid UTF-8, or -1.
func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// cleanText puts text into sitrep's canonical form: valid UTF-8 in NFC, paragraphs (runs of lines
// between blank lines) separated by exactly "\n\n", whitespace inside a paragraph folded to single
// spaces, control characters, soft hyphens and stray byte-order marks removed, no leading or
// trailing space.
func cleanText(s string) string {
	s = normalizeRunes(s)
	var b strings.Builder
	b.Grow(len(s))
	inPara := false // a word of the current paragraph has been written
	blank := false  // a blank line has been seen since the last word
	for len(s) > 0 {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		words := strings.Fields(line)
		if len(words) == 0 {
			blank = true
			continue
		}
		for _, w := range words {
			switch {
			case inPara && blank:
				b.WriteString("\n\n")
			case inPara:
				b.WriteByte(' ')
			}
			b.WriteString(w)
			inPara, blank = true, false
		}
	}
	return b.String()
}

// foldLine folds all whitespace, line breaks included, to single spaces: for titles and names.
func foldLine(s string) string {
	if s == "" {
		return ""
	}
	return strings.Join(strings.Fields(normalizeRunes(s)), " ")
}

// normalizeRunes makes s valid UTF-8 in NFC with "\n" line ends, turns control characters into
// spaces and drops invisible characters that only get in the way of matching (soft hyphen, BOM).
func normalizeRunes(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\r', r == '\u2028', r == '\u2029', r == '\u0085':
			return '\n'
		case r == '\u00AD', r == '\uFEFF':
			return -1
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return s
}
