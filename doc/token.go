package doc

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Token is a word or number of the text, with its normalised form for dictionary look-ups.
type Token struct {
	Text string // as written
	Norm string // lower case, diacritics and apostrophes removed
	Span Span
	// Punct is the punctuation (if any) between this token and the previous one, e.g. "," or ".".
	Punct string
	// Hyphen is true when the token follows the previous one across a hyphen with no space
	// ("ez-Zor"), so matchers can treat "Deir ez-Zor" and "Deir Ezzor" alike.
	Hyphen bool
	// Possessive is true when the word was followed by "'s" ("Hezbollah's"), which is not in Text.
	Possessive bool
	// Ayn is true when an apostrophe right after the word, outside any quotation, writes a letter
	// of its name ("Mare'" for Mari', "Sa'da'"): a transliteration, not an English word.
	Ayn bool
}

// IsCapitalised reports whether the token starts with an upper-case letter.
func (t Token) IsCapitalised() bool {
	if len(t.Text) > 0 && t.Text[0] < utf8.RuneSelf {
		return 'A' <= t.Text[0] && t.Text[0] <= 'Z'
	}
	return startsUpper(t.Text)
}

// startsUpper is IsCapitalised for a text that starts with a non-ASCII rune (or is empty).
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// IsNumber reports whether the token is all digits (commas allowed inside, as in "1,200").
func (t Token) IsNumber() bool {
	if t.Text == "" {
		return false
	}
	for i := 0; i < len(t.Text); i++ {
		if c := t.Text[i]; c >= utf8.RuneSelf {
			return isNumber(t.Text[i:])
		} else if (c < '0' || c > '9') && c != ',' {
			return false
		}
	}
	return true
}

// isNumber is IsNumber for text that is not ASCII.
func isNumber(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) && r != ',' {
			return false
		}
	}
	return true
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʿ', 'ʾ', 'ʼ', '`', '´':
		return true
	}
	return false
}

// isPossessive reports whether rest (the text after an apostrophe) is a possessive "s" ending a word.
func isPossessive(rest string) bool {
	if len(rest) == 0 || (rest[0] != 's' && rest[0] != 'S') {
		return false
	}
	if len(rest) == 1 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest[1:])
	return !isWordRune(r)
}

func firstRune(s string) rune {
	r, _ := decodeRune(s)
	return r
}

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

func isWordRune(r rune) bool {
	if r < 0x300 { // below the first combining mark: letters and digits only
		if r < utf8.RuneSelf {
			return asciiWord[r]
		}
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// decodeRune is utf8.DecodeRuneInString with the ASCII case inline.
func decodeRune(s string) (rune, int) {
	if len(s) > 0 && s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	}
	return utf8.DecodeRuneInString(s)
}

// Tokenize splits text into word and number tokens with byte spans relative to text, offset by base
// (so a sentence's tokens carry document offsets). Apostrophes inside a word stay in it ("Ra's",
// "Hezbollah's" becomes one token whose Norm drops the apostrophe); hyphens split words and mark the
// next token. A number with thousands separators or a decimal point ("1,200", "2.5") is one token.
func Tokenize(text string, base int) []Token {
	n := wordStarts(text)
	if n == 0 {
		return nil
	}
	// one allocation: every token starts a run of word runes
	return AppendTokens(make([]Token, 0, n), text, base)
}

// AppendTokens is Tokenize appending to toks, so that a caller tokenizing many sentences can reuse
// one buffer.
func AppendTokens(toks []Token, text string, base int) []Token {
	first := len(toks)
	// The Norm of a capitalised ASCII word is its lower-case form. Rather than a string per word,
	// the words are lowered one after another into one string, made when the text is done: until
	// then their Norm is the word as written (the only Norms that hold capitals).
	var lbuf [256]byte
	lowered := lbuf[:0]
	i := 0
	punctStart := 0
	quoteOpen := false
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if !asciiWord[c] {
				i++
				continue
			}
		} else if r, w := utf8.DecodeRuneInString(text[i:]); !isWordRune(r) {
			i += w
			continue
		}
		start := i
		ascii := true
		for i < len(text) {
			var r rune
			w := 1
			if c := text[i]; c < utf8.RuneSelf {
				if asciiWord[c] {
					i++
					continue
				}
				r = rune(c)
			} else {
				r, w = utf8.DecodeRuneInString(text[i:])
				if isWordRune(r) {
					ascii = false
					i += w
					continue
				}
			}
			// apostrophe or number separator inside a word: keep going if a word rune follows
			if r != ' ' && i+w < len(text) && (r == ',' || r == '.' || isApostrophe(r)) {
				next, _ := decodeRune(text[i+w:])
				prev, _ := utf8.DecodeLastRuneInString(text[start:i])
				if isApostrophe(r) && unicode.IsLetter(next) && unicode.IsLetter(prev) && !(isPossessive(text[i+w:]) && utf8.RuneCountInString(text[start:i]) > 2) {
					ascii = false
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
		switch {
		case !ascii:
			t.Norm = Normalize(t.Text)
		case !hasUpper(t.Text):
			t.Norm = t.Text
		default:
			lowered = appendLower(lowered, t.Text)
			t.Norm = t.Text
		}
		if start > 0 && text[start-1] != ' ' {
			// a quotation opens where an apostrophe stands before a word with a space before it
			if r, w := utf8.DecodeLastRuneInString(text[:start]); isApostrophe(r) && (start == w || text[start-w-1] == ' ') {
				quoteOpen = true
			}
		}
		if i < len(text) && text[i] != ' ' {
			if r, w := decodeRune(text[i:]); isApostrophe(r) && isPossessive(text[i+w:]) && utf8.RuneCountInString(t.Text) > 2 {
				t.Possessive = true
				i += w + 1
			} else if isApostrophe(r) && (i+w == len(text) || !isWordRune(firstRune(text[i+w:]))) {
				if quoteOpen {
					quoteOpen = false // the apostrophe closes the quotation
				} else if last, _ := utf8.DecodeLastRuneInString(t.Text); unicode.IsLetter(last) && last != 's' && last != 'S' {
					t.Ayn = true
				}
			}
		}

		if len(toks) > first && between != "" && between != " " { // (a lone space: no hyphen, no punctuation)
			t.Hyphen = strings.ContainsFunc(between, isHyphen) &&
				strings.TrimFunc(between, func(r rune) bool { return isHyphen(r) || isApostrophe(r) }) == ""
			t.Punct = strings.TrimSpace(between)
		}
		toks = append(toks, t)
		punctStart = i
	}
	if len(lowered) > 0 {
		lower := string(lowered)
		for k := first; k < len(toks); k++ {
			if n := len(toks[k].Norm); hasUpper(toks[k].Norm) {
				toks[k].Norm, lower = lower[:n], lower[n:]
			}
		}
	}
	return toks
}

// wordStarts counts the runs of word runes in text: at least the number of tokens.
func wordStarts(text string) int {
	n := 0
	in := false
	for i := 0; i < len(text); {
		var word bool
		if c := text[i]; c < utf8.RuneSelf {
			word = asciiWord[c]
			i++
		} else {
			r, w := utf8.DecodeRuneInString(text[i:])
			word = isWordRune(r)
			i += w
		}
		if word && !in {
			n++
		}
		in = word
	}
	return n
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// appendLower appends s with its ASCII letters lowered.
func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// Normalize folds a word for look-ups: NFD, combining marks and apostrophes removed, lower case.
// "Ash Shaddādah" and "ash shaddadah" normalise alike; "Ra's" becomes "ras".
func Normalize(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] == '\'' || s[i] == '`' {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) || isApostrophe(r) {
			continue
		}
		r = unicode.ToLower(r)
		if f, ok := unaccented[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// unaccented folds the Latin letters that carry no combining mark to decompose ("Diyarbakır",
// "Łódź", "Ħal"), so the press's ASCII spellings match them.
var unaccented = map[rune]string{'ı': "i", 'ł': "l", 'ø': "o", 'đ': "d", 'ð': "d", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'ħ': "h", 'þ': "th", 'ŀ': "l"}
