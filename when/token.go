package when

import (
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	kWord uint8 = iota + 1
	kNum
	kPunct
)

// Number suffixes (letters glued to the digits).
const (
	sufNone  uint8 = iota
	sufOrd         // 1st, 2nd, 3rd, 20th
	sufS           // 1990s
	sufTime        // 10am, 5pm
	sufT           // the "T" of an ISO timestamp: 2025-12-20T10:00
	sufOther       // 5km, 3x, ...
)

// tok is one word, number or punctuation mark of a sentence. Offsets are relative to the sentence.
type tok struct {
	s, e  int32
	val   int32 // number value (0 when the number has more than 9 digits)
	kind  uint8
	cls   uint8 // lexicon class (words only)
	id    uint8 // lexicon id: month 1..12, weekday 0..6 (Sunday = 0), keyword, unit, number word value
	ch    byte  // punctuation, normalised: every dash is '-', every apostrophe '\''
	nd    uint8 // number of digits
	suf   uint8 // number suffix
	sp    bool  // whitespace (or the start of the text) before the token
	caps  bool  // word starts with an upper-case ASCII letter
	comma bool  // number written with thousands separators ("1,200")
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return (c|0x20)-'a' < 26 }

func isSpaceRune(r rune) bool {
	return r == 0x85 || r == 0xA0 || r == 0x1680 || (0x2000 <= r && r <= 0x200B) || r == 0x2028 ||
		r == 0x2029 || r == 0x202F || r == 0x205F || r == 0x3000 || r == 0xFEFF
}

// mayHoldDate is a first pass that builds nothing: it reports whether text has a word or number that
// a date expression needs (see tokenize). Most news sentences have none and cost only this pass.
func mayHoldDate(text string) bool {
	n := len(text)
	for i := 0; i < n; {
		c := text[i]
		switch {
		case isLetter(c):
			start := i
			var key uint64
			for i < n && isLetter(text[i]) {
				key = key<<5 | uint64(text[i]|0x20-'a'+1)
				i++
			}
			if i-start <= maxPack && (i == n || text[i] < utf8.RuneSelf) {
				if l, ok := lookupKey(key); ok && l.trigger {
					return true
				}
			}
		case isDigit(c):
			start := i
			for i < n && isDigit(text[i]) {
				i++
			}
			if i-start == 4 || i < n && (text[i] == '/' || text[i]|0x20 == 's') {
				return true
			}
		default:
			i++
		}
	}
	return false
}

// tokenize splits s.text into tokens. It is a byte loop over ASCII with a rune path for the rest, and
// it looks every short ASCII word up in the lexicon once, so the matchers compare small integers.
// It sets s.trigger when the sentence holds anything a date expression needs (a month, a weekday,
// a relative-day word, a unit, a four-digit number, a numeric date), so most sentences stop here.
func (s *scanner) tokenize() {
	text := s.text
	toks := s.toks[:0]
	n := len(text)
	sp := true
	trigger := false
	for i := 0; i < n; {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			sp = true
			i++
			continue
		case isDigit(c):
			t := tok{s: int32(i), kind: kNum, sp: sp}
			v, nd := int32(0), 0
			for i < n && isDigit(text[i]) {
				if nd < 9 {
					v = v*10 + int32(text[i]-'0')
				}
				nd++
				i++
			}
			// thousands separators: "1,200", "12,000,000" (groups of exactly three digits)
			if nd <= 3 {
				for i+3 < n && text[i] == ',' && isDigit(text[i+1]) && isDigit(text[i+2]) && isDigit(text[i+3]) &&
					(i+4 == n || !isDigit(text[i+4])) {
					t.comma = true
					nd += 3
					i += 4
				}
			}
			if nd > 9 || t.comma {
				v = 0
			}
			t.val = v
			if nd > 255 {
				nd = 255
			}
			t.nd = uint8(nd)
			j := i
			for j < n && isLetter(text[j]) {
				j++
			}
			if j == i+1 && text[i]|0x20 == 't' && j < n && isDigit(text[j]) {
				j = i // ISO 8601 "2025-12-20T10:00": the T starts the time
			}
			if j > i {
				t.suf = numSuffix(text[i:j])
				i = j
			}
			t.e = int32(i)
			if (nd == 4 && t.suf == sufNone || t.suf == sufS) && !t.comma {
				trigger = true
			}
			toks = append(toks, t)
		case isLetter(c):
			t := tok{s: int32(i), kind: kWord, sp: sp, caps: 'A' <= c && c <= 'Z'}
			var key uint64
			for i < n && isLetter(text[i]) {
				key = key<<5 | uint64(text[i]|0x20-'a'+1)
				i++
			}
			ascii := true
			for i < n && text[i] >= utf8.RuneSelf {
				r, w := utf8.DecodeRuneInString(text[i:])
				if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
					break
				}
				ascii = false
				i += w
				for i < n && isLetter(text[i]) {
					i++
				}
			}
			t.e = int32(i)
			if ascii && i-int(t.s) <= maxPack {
				if l, ok := lookupKey(key); ok {
					t.cls, t.id = l.cls, l.id
					if l.trigger {
						trigger = true
					}
				}
			}
			toks = append(toks, t)
		case c < utf8.RuneSelf:
			t := tok{s: int32(i), e: int32(i + 1), kind: kPunct, ch: c, sp: sp}
			switch c {
			case '`':
				t.ch = '\''
			case '/':
				if len(toks) > 0 && toks[len(toks)-1].kind == kNum && !sp && i+1 < n && isDigit(text[i+1]) {
					trigger = true
				}
			}
			i++
			toks = append(toks, t)
		default:
			r, w := utf8.DecodeRuneInString(text[i:])
			if isSpaceRune(r) {
				sp = true
				i += w
				continue
			}
			if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
				// a word that starts outside ASCII: never in the lexicon
				t := tok{s: int32(i), kind: kWord, sp: sp}
				i += w
				for i < n {
					if isLetter(text[i]) || isDigit(text[i]) {
						i++
						continue
					}
					if text[i] < utf8.RuneSelf {
						break
					}
					r, w := utf8.DecodeRuneInString(text[i:])
					if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
						break
					}
					i += w
				}
				t.e = int32(i)
				toks = append(toks, t)
				break
			}
			t := tok{s: int32(i), e: int32(i + w), kind: kPunct, ch: 'o', sp: sp}
			switch r {
			case '‐', '‑', '‒', '–', '—', '−':
				t.ch = '-'
			case '’', '‘', 'ʼ', '´', 'ʹ':
				t.ch = '\''
			}
			i += w
			toks = append(toks, t)
		}
		sp = false
	}
	s.toks = toks
	s.trigger = trigger
}

func numSuffix(suf string) uint8 {
	if len(suf) > 3 {
		return sufOther
	}
	var b [3]byte
	for i := 0; i < len(suf); i++ {
		b[i] = suf[i] | 0x20
	}
	switch string(b[:len(suf)]) {
	case "st", "nd", "rd", "th":
		return sufOrd
	case "s":
		return sufS
	case "am", "pm", "h", "hrs":
		return sufTime
	case "t":
		return sufT
	}
	return sufOther
}
