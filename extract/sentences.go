package extract

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/neurosnap/sentences/english"

	"github.com/sitrep-dev/sitrep/doc"
)

// Sentence splitting is Punkt (Kiss & Strunk 2006) with the English model and rules of
// github.com/neurosnap/sentences: its trained abbreviations ("u.s", "dec", "gen", "lt", "col"),
// collocations, frequent sentence starters and orthographic contexts, its supervised abbreviations
// ("sgt", "gov", "no") and its English pass for multi-period abbreviations ("F.B.I.") and closing
// quotes. The decisions are the library's, rule for rule (a differential test checks it); the
// implementation is ours: the library builds a heap object per word and runs several regular
// expressions on each, which made splitting the slowest stage of extraction. Here words are byte
// ranges into the paragraph and only words holding '.', '?' or '!' (and the word after them) are
// looked at.

// punkt is the trained English model.
type punkt struct {
	abbrev, colloc, starters, ortho map[string]int
}

// Orthographic context flags of the model (as neurosnap/sentences stores them).
const (
	orthoBegUc = 1 << 1
	orthoMidUc = 1 << 2
	orthoUnkUc = 1 << 3
	orthoBegLc = 1 << 4
	orthoMidLc = 1 << 5
	orthoUnkLc = 1 << 6
	orthoUc    = orthoBegUc + orthoMidUc + orthoUnkUc
	orthoLc    = orthoBegLc + orthoMidLc + orthoUnkLc
)

var splitter = sync.OnceValues(func() (*punkt, error) {
	t, err := english.NewSentenceTokenizer(nil) // loads the model and adds the supervised abbreviations
	if err != nil {
		return nil, err
	}
	return &punkt{abbrev: t.AbbrevTypes, colloc: t.Collocations, starters: t.SentStarters, ortho: t.OrthoContext}, nil
})

// Sentences splits a document's text into sentences, never across paragraphs (blank lines), with
// spans into the text. Leading and trailing space is trimmed from each span.
func Sentences(text string) []doc.Sentence {
	return sentencesInto(nil, text)
}

// sentencesInto is Sentences reusing buf's memory.
func sentencesInto(buf []doc.Sentence, text string) []doc.Sentence {
	p, err := splitter()
	if err != nil {
		// the model is embedded: this cannot happen; New reports it
		return nil
	}
	out := buf[:0]
	wp := wordsPool.Get().(*[]pword)
	words := (*wp)[:0]
	var breaks []int
	start := 0
	for start < len(text) {
		end := strings.Index(text[start:], "\n\n")
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		para := text[start:end]
		words, breaks = p.breaks(para, words[:0], breaks[:0])
		last := 0
		for _, e := range breaks {
			out = appendSentence(out, text, start+last, start+e)
			last = e
		}
		if last != len(para) {
			out = appendSentence(out, text, start+last, start+len(para))
		}
		start = end + 2
	}
	*wp = words
	wordsPool.Put(wp)
	return out
}

var wordsPool = sync.Pool{New: func() any { return new([]pword) }}

func appendSentence(out []doc.Sentence, text string, a, b int) []doc.Sentence {
	for a < b && isSpace(text[a]) {
		a++
	}
	for b > a && isSpace(text[b-1]) {
		b--
	}
	if a < b {
		out = append(out, doc.Sentence{Index: len(out), Span: doc.Span{Start: a, End: b}, Text: text[a:b]})
	}
	return out
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// pword is one whitespace-separated word of a paragraph, as Punkt's word tokenizer cuts it.
type pword struct {
	start, end int  // the word, spaces trimmed
	pos        int  // where a sentence ending with it ends: the white space after it, or the end
	punct      bool // holds '.', '?', '!' or '。': the only words that can end a sentence
	sentBreak  bool
	abbr       bool
}

// breaks appends to breaks the offsets in para after each word Punkt ends a sentence with (the
// text after the last one is the paragraph's last sentence); words is scratch space. Both are
// returned for reuse.
func (p *punkt) breaks(para string, words []pword, breaks []int) ([]pword, []int) {
	words = tokenizeWords(para, words)
	if len(words) == 0 {
		return words, breaks
	}
	text := func(w *pword) string { return para[w.start:w.end] }
	// type-based pass
	for k := range words {
		w := &words[k]
		if !w.punct {
			continue
		}
		tok := text(w)
		if hasSentEndChars(tok) {
			w.sentBreak = true
		} else if hasPeriodFinal(tok) && !strings.HasSuffix(tok, "..") {
			// the library cuts the token at its rune count less one, in bytes
			noPeriod := strings.ToLower(tok[:utf8.RuneCountInString(tok)-1])
			lastHyph := noPeriod
			if i := strings.LastIndexByte(noPeriod, '-'); i >= 0 {
				lastHyph = noPeriod[i+1:]
			}
			if p.abbrev[noPeriod] != 0 || p.abbrev[lastHyph] != 0 {
				w.abbr = true
			} else {
				w.sentBreak = true
			}
		}
	}
	// token-based pass: collocations, orthographic and sentence-starter heuristics, initials and
	// ordinals
	for k := 0; k+1 < len(words); k++ {
		one, two := &words[k], &words[k+1]
		tok := text(one)
		if !one.punct || !hasPeriodFinal(tok) {
			continue
		}
		typ := typeNoPeriod(tok)
		nextTyp := typeNoSentPeriod(text(two), two.sentBreak)
		initial := isInitial(tok)
		if p.colloc[typ+","+nextTyp] != 0 {
			one.sentBreak, one.abbr = false, true
			continue
		}
		if (one.abbr || strings.HasSuffix(tok, "..")) && !initial {
			if p.heuristic(text(two), two.sentBreak) == 1 {
				one.sentBreak = true
				continue
			}
			if firstUpper(text(two)) && p.starters[nextTyp] != 0 {
				one.sentBreak = true
				continue
			}
		}
		if tok == "." && text(two) == "." {
			one.sentBreak, two.sentBreak = false, false
			continue
		}
		if initial || typ == "##number##" {
			h := p.heuristic(text(two), two.sentBreak)
			if h == 0 {
				one.sentBreak, one.abbr = false, true
				continue
			}
			if h == -1 && initial && firstUpper(text(two)) && p.ortho[nextTyp]&orthoLc == 0 {
				one.sentBreak, one.abbr = false, true
				continue
			}
		}
	}
	// the English pass: list numbers, multi-period abbreviations, quotes after the period
	for k := 0; k+1 < len(words); k++ {
		one, two := &words[k], &words[k+1]
		if !one.punct {
			// none of the rules below can set a break on it, and it has none to clear
			continue
		}
		tok, next := text(one), text(two)
		if isListNumber(tok) || tok == "N°." {
			one.sentBreak = false
			continue
		}
		if strings.HasSuffix(tok, ".") && next == "." {
			one.sentBreak = false
			continue
		}
		unreliable, coord := hasUnreliableEndChars(tok), isCoordinatePartTwo(tok)
		if !hasMultiPeriodAbbr(tok) && tok != "." && !unreliable && !coord {
			continue
		}
		if isInitial(tok) {
			continue
		}
		one.abbr, one.sentBreak = true, false
		if p.heuristic(next, two.sentBreak) == 1 {
			one.sentBreak = true
			continue
		}
		if firstUpper(next) && (p.starters[typeNoSentPeriod(next, two.sentBreak)] != 0 || unreliable || tok == "." || coord) {
			one.sentBreak = true
		}
	}
	for k := range words {
		if words[k].sentBreak {
			breaks = append(breaks, words[k].pos)
		}
	}
	return words, breaks
}

// tokenizeWords cuts text at white space (and after the CJK stops), as Punkt's word tokenizer does,
// quirks included: a word is only cut off at the end of the text if the text's last rune is one
// byte long, and text with no word at all is one word, untrimmed. It keeps only the words Punkt's
// rules read: those that hold sentence-ending punctuation and the word after each.
func tokenizeWords(text string, words []pword) []pword {
	n := len(text)
	if n == 0 {
		return words
	}
	lastSpace := 0
	any, prevPunct := false, false
	for i := 0; i < n; {
		c := text[i]
		if ' ' < c && c < utf8.RuneSelf && i != n-1 {
			i++ // inside a word
			continue
		}
		var r rune
		w := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, w = utf8.DecodeRuneInString(text[i:])
		}
		at := i
		i += w
		cjk := r == '。' || r == '；' || r == '！' || r == '？'
		if at != n-1 && !cjk && !isSpaceRune(r) {
			continue
		}
		// (the library tests for the end of the text after stepping over a CJK stop)
		cursor := at
		if cjk {
			cursor += w
		}
		if cursor == n-1 {
			cursor = n
		}
		seg := text[lastSpace:cursor]
		a, b := 0, len(seg)
		for a < b {
			r, w := utf8.DecodeRuneInString(seg[a:])
			if !isSpaceRune(r) {
				break
			}
			a += w
		}
		for b > a {
			r, w := utf8.DecodeLastRuneInString(seg[:b])
			if !isSpaceRune(r) {
				break
			}
			b -= w
		}
		if a == b {
			continue
		}
		punct := hasPunct(seg[a:b])
		if punct || prevPunct {
			words = append(words, pword{start: lastSpace + a, end: lastSpace + b, pos: cursor, punct: punct})
		}
		any, prevPunct = true, punct
		lastSpace = cursor
	}
	if !any {
		words = append(words, pword{start: 0, end: n, pos: n, punct: hasPunct(text)})
	}
	return words
}

func isSpaceRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r >= '\t' && r <= '\r'
	}
	return unicode.IsSpace(r)
}

func hasPunct(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.', '?', '!':
			return true
		case "。"[0]:
			if strings.HasPrefix(s[i:], "。") {
				return true
			}
		}
	}
	return false
}

func hasPeriodFinal(s string) bool {
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "。")
}

// hasSentEndChars: the word ends with sentence punctuation (other than a bare final period), or a
// period, question or exclamation mark is followed by a bracket or quote inside it.
func hasSentEndChars(s string) bool {
	n := len(s)
	if n == 0 {
		return false
	}
	if s[n-1] == '?' || s[n-1] == '!' {
		return true
	}
	if endsWithPunctQuote(s) {
		return true
	}
	for i := 0; i+1 < n; i++ {
		switch s[i] {
		case '.':
			switch s[i+1] {
			case '[', '(', '"', '\'':
				return true
			}
		case '?', '!':
			switch s[i+1] {
			case '[', '(':
				return true
			}
		}
	}
	return false
}

// hasUnreliableEndChars: the word ends with '.', '?' or '!' and then a closing quote or bracket.
func hasUnreliableEndChars(s string) bool { return endsWithPunctQuote(s) }

// endsWithPunctQuote reports whether s ends with one of . ? ! followed by one of " ' ) ’ ”.
func endsWithPunctQuote(s string) bool {
	n := len(s)
	var before int
	switch {
	case n >= 2 && (s[n-1] == '"' || s[n-1] == '\'' || s[n-1] == ')'):
		before = n - 2
	case strings.HasSuffix(s, "’") || strings.HasSuffix(s, "”"):
		before = n - 4
		if before < 0 {
			return false
		}
	default:
		return false
	}
	switch s[before] {
	case '.', '?', '!':
		return true
	}
	return false
}

// isInitial: a single ASCII letter and a period ("J.").
func isInitial(s string) bool {
	return len(s) == 2 && s[1] == '.' && (s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z')
}

// isListNumber: digits, then at most one more character and a closing parenthesis ("12.", "3)").
func isListNumber(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return false
	}
	rest := s[i:]
	if rest == "" || rest == ")" {
		return true
	}
	r, w := utf8.DecodeRuneInString(rest)
	if r == '\n' {
		return false
	}
	rest = rest[w:]
	return rest == "" || rest == ")"
}

// isCoordinatePartTwo: digits and exactly three periods, the last one final ("1.2.3.").
func isCoordinatePartTwo(s string) bool {
	if len(s) == 0 || s[len(s)-1] != '.' {
		return false
	}
	dots := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.':
			dots++
		case c < '0' || c > '9':
			return false
		}
	}
	return dots == 3
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// hasMultiPeriodAbbr: the word holds a letter-period pair followed, after more letters, by another
// period ("F.B.I.", "U.S.", "e.g.").
func hasMultiPeriodAbbr(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] != '.' || !isWordByte(s[i-1]) {
			continue
		}
		j := i + 1
		for j < len(s) && isWordByte(s[j]) {
			j++
		}
		if j < len(s) && s[j] == '.' {
			return true
		}
	}
	return false
}

func firstUpper(s string) bool {
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func firstLower(s string) bool {
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// wordType is the word as the model knows it: lower case, a trailing number replaced by
// "##number##", commas removed.
func wordType(s string) string {
	typ := strings.ToLower(s)
	if s := numberSuffix(typ); s >= 0 {
		typ = typ[:s] + "##number##"
	}
	if len(typ) == 1 {
		return typ
	}
	if strings.IndexByte(typ, ',') >= 0 {
		typ = strings.ReplaceAll(typ, ",", "")
	}
	return typ
}

// numberSuffix returns where the leftmost match of -?[.,]?\d[\d,.-]*\.?$ starts in s, or -1.
func numberSuffix(s string) int {
	r := len(s)
	for r > 0 && isNumberByte(s[r-1]) {
		r--
	}
	digit := func(i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }
	sep := func(i int) bool { return i < len(s) && (s[i] == '.' || s[i] == ',') }
	for i := r; i < len(s); i++ {
		switch {
		case digit(i),
			sep(i) && digit(i+1),
			s[i] == '-' && (digit(i+1) || sep(i+1) && digit(i+2)):
			return i
		}
	}
	return -1
}

func isNumberByte(c byte) bool { return c >= '0' && c <= '9' || c == ',' || c == '.' || c == '-' }

func typeNoPeriod(s string) string {
	typ := wordType(s)
	if len(typ) > 1 && typ[len(typ)-1] == '.' {
		return typ[:len(typ)-1]
	}
	return typ
}

func typeNoSentPeriod(s string, sentBreak bool) string {
	if sentBreak {
		return typeNoPeriod(s)
	}
	return wordType(s)
}

// heuristic is Punkt's orthographic heuristic: 1 if the word starts a sentence, 0 if it does not,
// -1 if the model cannot tell.
func (p *punkt) heuristic(s string, sentBreak bool) int {
	switch s {
	case ";", ":", ",", ".", "!", "?", "；", "：", "，", "。", "！", "？":
		return 0
	}
	ctx := p.ortho[typeNoSentPeriod(s, sentBreak)]
	if firstUpper(s) && ctx&orthoLc > 0 && ctx&orthoMidUc == 0 {
		return 1
	}
	if firstLower(s) && (ctx&orthoUc > 0 || ctx&orthoBegLc == 0) {
		return 0
	}
	return -1
}
