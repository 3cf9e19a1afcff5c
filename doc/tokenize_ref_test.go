package doc

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// tokenizeReference is Tokenize as first written, before its speed work: the fast version must
// return exactly the same tokens.
func tokenizeReference(text string, base int) []Token {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) }
	var toks []Token
	i := 0
	punctStart := 0
	quoteOpen := false
	for i < len(text) {
		r, w := utf8.DecodeRuneInString(text[i:])
		if !isWord(r) {
			i += w
			continue
		}
		start := i
		for i < len(text) {
			r, w := utf8.DecodeRuneInString(text[i:])
			if isWord(r) {
				i += w
				continue
			}
			if i+w < len(text) {
				next, _ := utf8.DecodeRuneInString(text[i+w:])
				prev, _ := utf8.DecodeLastRuneInString(text[start:i])
				if isApostrophe(r) && unicode.IsLetter(next) && unicode.IsLetter(prev) && !(isPossessive(text[i+w:]) && utf8.RuneCountInString(text[start:i]) > 2) {
					i += w
					continue
				}
				if (r == ',' || r == '.') && unicode.IsDigit(prev) && unicode.IsDigit(next) {
					i += w
					continue
				}
			}
			break
		}
		between := text[punctStart:start]
		t := Token{Text: text[start:i], Span: Span{base + start, base + i}}
		t.Norm = Normalize(t.Text)
		if start > 0 {
			if r, w := utf8.DecodeLastRuneInString(text[:start]); isApostrophe(r) && (start == w || text[start-w-1] == ' ') {
				quoteOpen = true
			}
		}
		if i < len(text) {
			if r, w := utf8.DecodeRuneInString(text[i:]); isApostrophe(r) && isPossessive(text[i+w:]) && utf8.RuneCountInString(t.Text) > 2 {
				t.Possessive = true
				i += w + 1
			} else if isApostrophe(r) {
				next, _ := utf8.DecodeRuneInString(text[i+w:])
				if i+w == len(text) || !isWord(next) {
					last, _ := utf8.DecodeLastRuneInString(t.Text)
					if quoteOpen {
						quoteOpen = false
					} else if unicode.IsLetter(last) && last != 's' && last != 'S' {
						t.Ayn = true
					}
				}
			}
		}
		if len(toks) > 0 && between != "" {
			t.Hyphen = strings.ContainsFunc(between, isHyphen) &&
				strings.TrimFunc(between, func(r rune) bool { return isHyphen(r) || isApostrophe(r) }) == ""
			t.Punct = strings.TrimSpace(between)
		}
		toks = append(toks, t)
		punctStart = i
	}
	return toks
}

var tokenPieces = []string{"Deir", "ez", "-", "Zor", "Hezbollah", "'s", "’s", "'", "’", "`", "Ra", "al", "Ayn", "1,200", "2.5", ",", ".",
	"U.S.", "Shaddādah", "İstanbul", "ŁÓDŹ", "Ħal", "ß", "e\u0301", "\u0301", "٣", "۲", "x", "S", "s", "  ", " ", "\n", "(", ")", "\"",
	"—", "‐", "‑", "\xff", "\u00a0", "ABC", "McCain", "o'clock", "d'Ivoire", "3", "4", "IDPs"}

func TestTokenizeMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 50000 {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			b.WriteString(tokenPieces[r.IntN(len(tokenPieces))])
		}
		s := b.String()
		if got, want := Tokenize(s, 7), tokenizeReference(s, 7); !slices.Equal(got, want) {
			t.Fatalf("Tokenize(%q)\n got %+v\nwant %+v", s, got, want)
		}
	}
}

func FuzzTokenizeMatchesReference(f *testing.F) {
	for _, s := range tokenPieces {
		f.Add(s + " " + s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Tokenize(s, 0), tokenizeReference(s, 0); !slices.Equal(got, want) {
			t.Fatalf("Tokenize(%q)\n got %+v\nwant %+v", s, got, want)
		}
	})
}
