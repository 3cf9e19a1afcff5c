package when

import (
	"testing"
	"unicode/utf8"
)

// FuzzFind checks that Find never panics and that what it returns is well formed: spans inside the
// text (offset by base), Text equal to the spanned bytes, Start <= End at midnight UTC, expressions
// in order without overlap. The seed corpus is under testdata/fuzz/FuzzFind; the table cases are
// added as seeds too.
func FuzzFind(f *testing.F) {
	for _, c := range cases {
		f.Add(c.text, int64(0), int32(7))
	}
	f.Fuzz(func(t *testing.T, text string, day int64, base int32) {
		// publication days from 1900 to about 2100
		pub := toTime(civil(1900, 1, 1) + int(uint64(day)%73000))
		b := int(base)
		if b < 0 {
			b = -b
		}
		b %= 1 << 20
		got := Find(text, b, pub)
		prev := b
		for _, w := range got {
			checkWhen(t, text, b, w)
			if w.Span.Start < prev || w.Span.Len() == 0 {
				t.Fatalf("%q: span %v overlaps or is empty", text, w.Span)
			}
			prev = w.Span.End
			if utf8.ValidString(text) && !utf8.ValidString(w.Text) {
				t.Fatalf("%q: span %v cuts a rune", text, w.Span)
			}
		}
	})
}
