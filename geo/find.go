package geo

import (
	"github.com/sitrep-dev/sitrep/internal/wordset"

	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/doc"
)

// Found is one place name in a sentence, with the words around it that bear on where it puts an
// event.
type Found struct {
	Span doc.Span // from the first to the last token of the name, trailing type word included
	Text string   // the tokens of Span, rebuilt from the tokens (separators as in the text)

	First, Last int // token indexes (inclusive) in the tokens passed to Find

	Candidates []Candidate // best first, before document context

	// Cue is the preposition before the name ("in", "near", "from", "of", "on", "at", "outside",
	// …), read across "the town of", "the province of" and adjectives; when there is none, the type
	// phrase itself ("town of", "province"). "" if neither.
	Cue string
	// Kind is the type word around the name, canonicalised: "city", "town", "village", "province"
	// (also governorate, oblast, region, state), "district", "countryside", "area", "camp",
	// "neighbourhood", "outskirts" (also suburbs, vicinity, edge), or "".
	Kind string
	// Qualifier is the part of the named area: "north", "south", "east", "west", "northeast",
	// "northwest", "southeast", "southwest", "central" ("northern Syria", "the north of Syria",
	// "eastern Deir ez-Zor"), or "".
	Qualifier string
	// OffsetKm and Bearing are set for "20 km north of Aleppo"; Bearing alone for "north of
	// Aleppo"; OffsetKm alone for "30 km from Aleppo".
	OffsetKm float64
	Bearing  string
	// Encloses is set on a division named as the area around a smaller place that the gazetteer
	// lacks ("Sfuhen village in Idleb governorate", "Al Far (Kitaf, Sadah)"): the event is in
	// its countryside, not at its seat.
	Encloses bool
	// Partial is set when the name runs on past the match with an article and a capitalised word
	// that the gazetteer has no longer name for ("Dur al Naft", "Liwa al-Tafuf", "Kut e Abdollah"):
	// the match is a prefix, most often of a place the gazetteer lacks. It counts for nothing in
	// the document context, and Resolve keeps it only in a country the rest of the document
	// points to.
	Partial bool
	// Facility is set when a word after the name makes it the name of a thing in or named after
	// the place ("Falka Square", "Damascus Gate", "Bogazici University", "Ulus square"): where
	// the sentence names another place, the event is there.
	Facility bool
	// Container is set on a name the text gives as the area around another name of the sentence
	// ("Sadah" in "Ar Raqw (Monabbih, Sadah)"); Inside on that other name.
	Container, Inside bool
	// Listed is set on a name that stands in a list of capitalised names ("took control of Sharq,
	// Arak, Al Hadurin, and Harur"), whether or not the gazetteer knows the others.
	Listed bool
}

const (
	maxNameTokens = 7
	maxCandidates = 16
	tierExact     = 0
	tierSkel      = 1
)

// scratch holds the buffers one Find call reuses; Find takes one from scratchPool, so that a
// sentence costs no allocation but its results.
type scratch struct {
	full, strip, sk []byte
	oneWord         bool // the name being ranked is one word of the text (see baseScore)
	posts           []uint32
	scored          []scored
	found           []Found
	cands           []Candidate // every ranked list of one Find call; out gets one copy of those kept
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Find returns the place names in one sentence's tokens, in text order, longest match first. A name
// must start with a capital letter (or an Arabic article before one, "al-Bab"); single words of two
// letters or fewer, common words (see stopwords) and words inside a longer proper noun ("Hassan
// Nasrallah", "New York Times") are not matched.
func (g *Gazetteer) Find(toks []doc.Token) []Found {
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	found := s.found[:0] // the names, in a buffer the next sentence reuses; out is made once
	s.cands = s.cands[:0]
	for i := 0; i < len(toks); {
		f, ok := g.matchAt(toks, i, s)
		if !ok {
			i++
			continue
		}
		found = append(found, f)
		i = f.Last + 1
	}
	defer func() {
		clear(found) // let go of the candidates
		s.found = found[:0]
	}()
	if len(found) == 0 {
		return nil
	}
	for k := range found {
		annotate(toks, found, k)
		found[k].Listed = listed(toks, found[k].First, found[k].Last)
		found[k].Facility = facility(toks, found[k].Last)
	}
	g.containers(toks, found)
	for k := range found {
		if len(found[k].Candidates) > 0 && enclosesUnknown(toks, found, k) {
			found[k].Encloses = true
		}
	}
	n := 0
	for _, f := range found {
		if len(f.Candidates) > 0 {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]Found, 0, n)
	total := 0
	for _, f := range found {
		if len(f.Candidates) > 0 {
			out = append(out, f)
			total += len(f.Candidates)
		}
	}
	slab := make([]Candidate, 0, total)
	for k := range out {
		c := out[k].Candidates
		slab = append(slab, c...)
		out[k].Candidates = slab[len(slab)-len(c) : len(slab) : len(slab)]
	}
	for k := range out {
		out[k].Text = spanText(toks, out[k].First, out[k].Last)
		out[k].Span = doc.Span{Start: toks[out[k].First].Span.Start, End: toks[out[k].Last].Span.End}
	}
	return out
}

func canStart(toks []doc.Token, i int) bool {
	t := &toks[i]
	if t.Text == "" {
		return false
	}
	if c := t.Text[0]; c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
		// lower case: only an article or "rural" before a capitalised word ("al-Bab", "rural
		// Damascus"); articles that are also English words ("at", "as", "an") only with a hyphen
		if i+1 >= len(toks) || !capital(&toks[i+1]) {
			return false
		}
		return t.Norm == "rural" || strongArticles.Has(t.Norm) || isArticle(t.Norm) && toks[i+1].Hyphen
	}
	if leadingCues.Has(t.Norm) && i+1 < len(toks) && capital(&toks[i+1]) {
		return false // a sentence's first word: "Near Ar Raqqah, one strike ..." (not Naraq)
	}
	return capital(t)
}

// leadingCues are prepositions that start a sentence before a place name, never the name itself.
// "In" and "At" stay out: "In Amenas", "At Tanf".
var leadingCues = wordSet(`near outside around toward towards across inside within between through
throughout beyond against via onto into along from`)

// capital is doc.Token.IsCapitalised without copying the token, the ASCII case inline.
func capital(t *doc.Token) bool {
	if s := t.Text; len(s) > 0 && s[0] < utf8.RuneSelf {
		return 'A' <= s[0] && s[0] <= 'Z'
	}
	return t.IsCapitalised()
}

// joinable reports whether token j continues a name that reached token j-1.
func joinable(toks []doc.Token, j int) bool {
	t := &toks[j]
	switch {
	case t.Hyphen, t.Punct == "":
	case t.Punct == "." && (utf8.RuneCountInString(toks[j-1].Text) == 1 || abbreviations.Has(toks[j-1].Norm)):
	case aynMarks[t.Punct] && isArticle(toks[j-1].Norm) && capital(t):
		// "Barţ al ‘Anān": the ayn written as an opening quote after the article
	default:
		return false
	}
	if t.IsNumber() {
		return numberedName(toks, j)
	}
	if t.Text == "" {
		return false
	}
	return capital(t) || t.Hyphen || connectors.Has(t.Norm)
}

// aynMarks are the marks that write an ayn (or hamza) at the start of a word.
var aynMarks = map[string]bool{"‘": true, "ʿ": true, "'": true, "`": true, "’": true, "ʾ": true}

// numberedName reports a number that is part of a name: "Kilo 16", the Hodeidah junction named by
// its distance marker.
func numberedName(toks []doc.Token, j int) bool {
	return j > 0 && toks[j].Punct == "" && toks[j-1].Norm == "kilo" && capital(&toks[j-1])
}

var abbreviations = wordSet("st mt ft pt")

// strongArticles are the article forms that are not English words.
var strongArticles = wordSet("al el ash esh az ez ar ath adh")

// canEnd reports whether token j may end a name.
func canEnd(toks []doc.Token, j int) bool {
	t := &toks[j]
	if t.IsNumber() {
		return numberedName(toks, j)
	}
	if (strongArticles.Has(t.Norm) || t.Norm == "e") && j+1 < len(toks) && (toks[j+1].Hyphen || toks[j+1].Punct == "") && capital(&toks[j+1]) {
		return false // "Umm Al-Kayf" is not "Umm Al"
	}
	if capital(t) {
		return true
	}
	return t.Hyphen && !connectors.Has(t.Norm)
}

// lastNorm is the normalised form of a name's last token, without an English possessive (the
// tokenizer already leaves "'s" out of Text and Norm and sets Possessive; this also covers tokens
// made otherwise).
func lastNorm(t doc.Token) string {
	n := t.Norm
	if !t.Possessive && len(n) > 3 && n[len(n)-1] == 's' && len(t.Text) > 2 {
		r, _ := utf8.DecodeLastRuneInString(t.Text[:len(t.Text)-1])
		if r == '\'' || r == '’' {
			return n[:len(n)-1]
		}
	}
	return n
}

func (g *Gazetteer) matchAt(toks []doc.Token, i int, s *scratch) (Found, bool) {
	if !canStart(toks, i) {
		return Found{}, false
	}
	if f, ok := g.sideAt(toks, i, s); ok {
		return f, true
	}
	maxJ := i
	for maxJ+1 < len(toks) && maxJ+1-i < maxNameTokens && joinable(toks, maxJ+1) {
		maxJ++
	}
	for j := maxJ; j >= i; j-- {
		if !canEnd(toks, j) {
			continue
		}
		content, contentTok := s.nameKeys(toks, i, j)
		if len(s.full) == 0 {
			continue
		}
		if i < j && allSingleLetters(toks[i:j+1]) && !acronyms.Has(string(s.full)) {
			continue // initials: "J. K."
		}
		// a site's name before its type word: "Ain al-Asad air base", "Balad airbase", "the Rafah
		// crossing" (a name that is also a town's is the town without the type word)
		if end, cl := sitePhrase(toks, j); end > j {
			if f, ok := g.siteAt(toks, i, j, end, cl, content, s); ok {
				return f, true
			}
		}
		single := content == 1
		if single && !g.singleOK(toks, i, j, contentTok, s) {
			continue
		}
		if !single && stopwords.Has(string(s.full)) && !typed(toks, i, j) {
			continue // "Red Sea", "Al Masirah"
		}
		if !boundaryOK(toks, i, j) {
			continue
		}
		posts, tier := g.lookup(s)
		if len(posts) == 0 {
			continue
		}
		if single && tier == tierSkel && len(s.sk) < 5 && !divisionAfter(toks, j) {
			continue // short skeletons join too much: "Shadaa" and Chad, unless typed: "Nehm district"
		}
		s.oneWord = i == j
		cands := g.rank(posts, tier, s)
		if single && tier == tierSkel && i == j && !notable(cands) && !locative(toks, i) && !settlementAfter(toks, j) {
			continue
		}
		part := partial(toks, j, maxJ)
		if single && tier == tierSkel && part {
			continue // "Jabal al-Zawiya": a word like a town's name, starting a longer name the gazetteer lacks
		}
		return Found{First: i, Last: j, Candidates: cands, Partial: part}, true
	}
	return Found{}, false
}

// sideForms are the Arabic adjectives that name a village after its namesake's side or level
// ("Mliha al-Gharbiyah" is western Mliha, "Shuyukh Fawqani" upper Shuyukh), by the English word the
// press often writes before the name instead.
var sideForms = wordset.Of(map[string][]string{
	"western":  {"gharbiyah", "gharbi"},
	"eastern":  {"sharqiyah", "sharqi"},
	"northern": {"shamaliyah", "shamali"},
	"southern": {"janubiyah", "janubi", "qibliyah", "qibli"},
	"upper":    {"fawqani", "ulya"},
	"lower":    {"tahtani", "sufla"},
})

// sideAt matches a side or level word and a name as the place the gazetteer names with the Arabic
// adjective after it: "Western Maliha" is Mliha al-Gharbiyah, "Upper Shyookh" Shuyukh Fawqani. A
// name with no such namesake is left to the rules for qualifiers ("northern Syria").
func (g *Gazetteer) sideAt(toks []doc.Token, i int, s *scratch) (Found, bool) {
	forms, ok := sideForms.Get(toks[i].Norm)
	if !ok || !capital(&toks[i]) || i+1 >= len(toks) || toks[i+1].Punct != "" || !capital(&toks[i+1]) {
		return Found{}, false
	}
	maxJ := i + 1
	for maxJ+1 < len(toks) && maxJ-i < maxNameTokens && joinable(toks, maxJ+1) {
		maxJ++
	}
	for j := maxJ; j > i; j-- {
		if !canEnd(toks, j) {
			continue
		}
		for _, form := range forms {
			for _, article := range []string{"al", ""} {
				s.nameKeys(toks, i+1, j)
				s.full = append(append(s.full, article...), form...)
				s.strip = append(s.strip, form...)
				posts, tier := g.lookup(s)
				if len(posts) == 0 {
					continue
				}
				s.oneWord = false
				return Found{First: i, Last: j, Candidates: g.rank(posts, tier, s)}, true
			}
		}
	}
	return Found{}, false
}

// nameKeys sets s.full and s.strip to the keys of the name in tokens i..j (see key.go) and returns
// how many of its tokens are not articles, and the last of those.
func (s *scratch) nameKeys(toks []doc.Token, i, j int) (content, contentTok int) {
	s.full, s.strip = s.full[:0], s.strip[:0]
	for k := i; k <= j; k++ {
		n := toks[k].Norm
		if k == j {
			n = lastNorm(toks[k])
		}
		s.full = append(s.full, n...)
		if k < j && isArticle(n) {
			continue
		}
		s.strip = append(s.strip, n...)
		content++
		contentTok = k
	}
	return content, contentTok
}

// facility reports whether the word after token j makes the name before it the name of a thing:
// "Falka Square", "Damascus Gate", "Ulus square", "Rammal supermarket".
func facility(toks []doc.Token, j int) bool {
	if j+1 >= len(toks) || toks[j+1].Punct != "" {
		return false
	}
	if n := toks[j+1].Norm; n == "center" || n == "centre" {
		// "the Al Bashir center" is a building; "Bodrum town center", "Nad Ali district centre" the town
		return !centreOf.Has(toks[j].Norm)
	}
	return facilityWords.Has(toks[j+1].Norm)
}

// centreOf are the words before "center" that make it the middle of a place, not a building.
var centreOf = wordSet(`town city district village province provincial county market`)

// partial reports whether the name that ends at token j runs on, up to maxJ, with an article and a
// capitalised word: "Dur al Naft", "Liwa al-Tafuf", "Islamabad e Gharb".
func partial(toks []doc.Token, j, maxJ int) bool {
	if j+2 > maxJ {
		return false
	}
	a, b := &toks[j+1], &toks[j+2]
	if !(a.Punct == "" || a.Hyphen) || !(b.Punct == "" || b.Hyphen) || !capital(b) {
		return false
	}
	// articles that are also English words ("as", "at", "an") only with a hyphen: "Aleppo as
	// Syrian forces advanced" goes on with an English word
	return strongArticles.Has(a.Norm) || a.Norm == "e" || a.Norm == "i" || isArticle(a.Norm) && (a.Hyphen || b.Hyphen)
}

// singleOK applies the rules for one-word names.
func (g *Gazetteer) singleOK(toks []doc.Token, i, j, c int, s *scratch) bool {
	t := toks[c]
	key := s.strip
	allCaps := isAllCaps(t.Text)
	if acronyms.Has(string(key)) {
		return allCaps && i == j
	}
	if utf8.RuneCount(key) <= 2 {
		return false
	}
	if allCaps && utf8.RuneCountInString(t.Text) > 1 {
		// "ALEPPO, Syria (Reuters) -": a dateline; otherwise an acronym (ISIS, SDF, NATO)
		if !(i == 0 && j+1 < len(toks) && toks[j+1].Punct == ",") {
			return false
		}
	}
	if i == 0 && !locative(toks, i) {
		// a capital at the start of a sentence proves nothing: keep the name only if some
		// candidate is more than a village
		if !g.anyNotable(s) {
			return false
		}
	}
	if i == j && mixedCase(t.Text) {
		return false // "VoJ", "IDPs"
	}
	// the stopword check is on the whole text, so "al-Bab" is not rejected for "bab"; "Mare'"
	// (Mari', its ayn written) is a transliteration, not the English word
	if stopwords.Has(string(s.full)) && !toks[j].Ayn {
		return typed(toks, i, j)
	}
	return true
}

// mixedCase reports whether a short word has a capital after its first letter.
func mixedCase(s string) bool {
	if len(s) > 5 {
		return false
	}
	for k, r := range s {
		if k > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// typed reports whether a type word follows ("Unity state") or precedes ("the town of Police") a
// name.
func typed(toks []doc.Token, i, j int) bool {
	if j+1 < len(toks) && toks[j+1].Punct == "" {
		switch toks[j+1].Norm {
		case "province", "governorate", "oblast", "state", "region", "district":
			return true
		}
	}
	if i >= 2 && toks[i-1].Norm == "of" {
		switch kindsBefore.Value(toks[i-2].Norm) {
		case "town", "city", "village", "province", "district":
			return true
		}
	}
	return false
}

// boundaryOK rejects a name that is part of a longer proper noun: a capitalised word right before
// or after it with only a space between ("Hassan Nasrallah", "New York Times"), unless that word is
// a cue, a direction or a type word ("In Aleppo", "Northern Syria", "Kharkiv Oblast").
func boundaryOK(toks []doc.Token, i, j int) bool {
	if i > 0 {
		p := toks[i-1]
		// "pro-Hadi", "anti-Houthi", "ex-Wagner": a prefix, not a place
		if toks[i].Hyphen && !p.IsCapitalised() && !isArticle(p.Norm) {
			return false
		}
		// "Hatta al-Jarash": the article belongs to the name before
		if isArticle(p.Norm) && !p.IsCapitalised() && i >= 2 && (toks[i].Hyphen || toks[i].Punct == "") && p.Punct == "" {
			if pp := toks[i-2]; pp.IsCapitalised() && !prepositions.Has(pp.Norm) && !capitalOK.Has(pp.Norm) && directions.Value(pp.Norm) == "" {
				return false
			}
		}
		if toks[i].Punct == "" && !toks[i].Hyphen && p.IsCapitalised() && !p.IsNumber() && !possessive(p) {
			n := p.Norm
			if !prepositions.Has(n) && directions.Value(n) == "" && !skipBefore.Has(n) && !capitalOK.Has(n) {
				return false
			}
		}
	}
	// "Jabal al-Zawiya", "Wadi Khalid": the name of a mountain, valley or river, not of the place
	if k := i - 1; k >= 0 && (toks[i].Punct == "" || toks[i].Hyphen) {
		if isArticle(toks[k].Norm) && k >= 1 {
			k--
		}
		if featureWords.Has(toks[k].Norm) && toks[k].IsCapitalised() {
			return false
		}
	}
	if j+1 < len(toks) {
		nx := toks[j+1]
		if nx.Punct == "" && !nx.Hyphen && nx.IsCapitalised() && !nx.IsNumber() && !nameSuffixes.Has(nx.Norm) && !isAllCaps(nx.Text) && !possessive(toks[j]) {
			return false
		}
		// "US-led", "Iran-backed", "Syria-based": an adjective, not a place of the event; "Eren-23",
		// "Eren-Blockade-12": the code name of an operation
		if nx.Hyphen && (!nx.IsCapitalised() || codeName(toks, j+1)) {
			return false
		}
		// "the US dollar", "Quds cruise missiles": a currency or a weapon named after a place
		if nx.Punct == "" && namedAfter.Has(nx.Norm) {
			return false
		}
	}
	return true
}

// codeName reports a chain of hyphen-joined words from token k that ends in a number: the code name
// of an operation ("Eren-Blockade-12").
func codeName(toks []doc.Token, k int) bool {
	for ; k < len(toks) && toks[k].Hyphen; k++ {
		if toks[k].IsNumber() {
			return true
		}
	}
	return false
}

// possessive reports whether a token ends in "'s".
func possessive(t doc.Token) bool {
	n := len(t.Text)
	return t.Possessive || n > 2 && t.Text[n-1] == 's' && (t.Text[n-2] == '\'' || strings.HasSuffix(t.Text[:n-1], "’"))
}

// capitalOK are capitalised words that may stand right before a place name.
var capitalOK = wordSet("and or but while as after before since during when where both then also so if because rural greater")

func isAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}

func allSingleLetters(toks []doc.Token) bool {
	for _, t := range toks {
		if utf8.RuneCountInString(t.Text) != 1 {
			return false
		}
	}
	return true
}

// lookup returns the postings for the keys in s: exact keys first, skeletons only if those miss.
func (g *Gazetteer) lookup(s *scratch) ([]uint32, int) {
	return g.lookupIn(&g.exact, &g.skel, s)
}

// lookupIn is lookup in the tables ex (exact keys) and sk (their skeletons).
func (g *Gazetteer) lookupIn(ex, sk *table, s *scratch) ([]uint32, int) {
	s.posts = ex.get(s.full, s.posts[:0])
	stripDiffers := string(s.strip) != string(s.full)
	if stripDiffers && len(s.strip) >= 3 {
		// the text's articles dropped: only names of countries where articles are dropped too
		// ("al-Raqqa" → Raqqa, but not "Al Mina" → any Mina)
		n := len(s.posts)
		s.posts = ex.get(s.strip, s.posts)
		out := s.posts[:n]
		for _, p := range s.posts[n:] {
			if g.entries[p&postingMask].article {
				out = append(out, p|flagStrip)
			}
		}
		s.posts = out
	}
	if len(s.posts) > 0 {
		return s.posts, tierExact
	}
	var ok bool
	if s.sk, ok = appendSkeleton(s.sk[:0], string(s.full)); ok && len(s.sk) >= 3 {
		s.posts = sk.get(s.sk, s.posts)
	}
	if stripDiffers && len(s.strip) >= 3 {
		if s.sk, ok = appendSkeleton(s.sk[:0], string(s.strip)); ok && len(s.sk) >= 3 {
			n := len(s.posts)
			s.posts = sk.get(s.sk, s.posts)
			for k := n; k < len(s.posts); k++ {
				s.posts[k] |= flagStrip
			}
		}
	}
	// Persian names written with I- or E- ("Islamabad e Gharb", Eslāmābād-e Gharb)
	if len(s.posts) == 0 && len(s.full) > 4 && s.full[0] == 'i' {
		var kb, sb [64]byte
		key := append(append(kb[:0], 'e'), s.full[1:]...)
		if k, ok := appendSkeleton(sb[:0], string(key)); ok && len(k) >= 3 {
			s.posts = sk.get(k, s.posts)
		}
	}
	// skeletons are for transliterations of Arabic, Persian and Pashto names only: elsewhere they
	// mostly join unrelated words ("Resistance" and Resistencia)
	// (and never for countries, whose spellings the table lists: "Bahraini" is not Bahrain)
	out := s.posts[:0]
	for _, p := range s.posts {
		if e := &g.entries[p&postingMask]; e.article && e.level != lvCountry {
			out = append(out, p)
		}
	}
	s.posts = out
	return s.posts, tierSkel
}

// scored is an entry index and its score, for rank.
type scored struct {
	i int32
	s float64
}

// rank turns postings into candidates, best first, at most maxCandidates.
func (g *Gazetteer) rank(posts []uint32, tier int, s *scratch) []Candidate {
	// one posting per entry, best flags
	slices.SortFunc(posts, func(a, b uint32) int { return int(a&postingMask) - int(b&postingMask) })
	out := posts[:0]
	for _, p := range posts {
		if n := len(out); n > 0 && out[n-1]&postingMask == p&postingMask {
			out[n-1] = mergePosting(out[n-1], p)
			continue
		}
		out = append(out, p)
	}
	sc := slices.Grow(s.scored[:0], len(out))[:len(out)]
	s.scored = sc
	for k, p := range out {
		i := int32(p & postingMask)
		sc[k] = scored{i, g.baseScore(&g.entries[i], p, tier, s.oneWord)}
	}
	slices.SortStableFunc(sc, func(a, b scored) int {
		if a.s != b.s {
			if a.s > b.s {
				return -1
			}
			return 1
		}
		return int(a.i - b.i)
	})
	if len(sc) > maxCandidates {
		sc = sc[:maxCandidates]
	}
	start := len(s.cands)
	for _, x := range sc {
		c := g.candidate(x.i, x.s)
		c.fuzzy = tier == tierSkel
		s.cands = append(s.cands, c)
	}
	return s.cands[start:len(s.cands):len(s.cands)]
}

// baseScore ranks an entry for a name without document context: level, feature and population,
// how the name matched, and a small prior for countries at war.
func (g *Gazetteer) baseScore(e *entry, p uint32, tier int, oneWord bool) float64 {
	lp := math.Log10(float64(e.pop) + 1)
	var s float64
	switch e.level {
	case lvCountry:
		s = 8 + 0.5*lp
	case lvRegion:
		s = 5 + 0.5*lp
	case lvAdmin1:
		s = 2 + 0.5*lp
	case lvAdmin2:
		s = 1 + 0.5*lp
	default:
		s = featureBonus(e.feature) + lp
		if e.site {
			// a site matched by a name with its type word: that is rarely anything else
			s = 1
			if e.large {
				s += 0.5
			}
		}
	}
	if p&flagMain != 0 {
		// a place's own name outweighs a feature class step: "Tafas" is Tafas in Daraa, not a
		// district seat in Turkey that lists it among its alternate names
		s += 1.5
	}
	if p&flagStrip != 0 {
		s -= 0.3
	}
	if oneWord && p&flagSpaced != 0 {
		// one word of the text that only a name of several words glued together spells: "Hamdan"
		// is not Handan in China, which lists the reading "Ham Dan"
		s -= 2
	}
	if tier == tierSkel {
		s -= 1.5
	}
	if conflictCountries.Has(e.iso3) {
		s += 0.5
	}
	return s
}

func featureBonus(f string) float64 {
	switch f {
	case "PPLC":
		return 2.5
	case "PPLA":
		return 2
	case "PPLA2":
		return 1
	case "PPLA3":
		return 0.5
	case "PPLA4", "PPL", "PPLA5", "PPLF", "PPLG", "PPLS", "STLMT":
		return 0
	case "PPLX":
		return -1.5
	}
	return -0.5
}

// anyNotable looks the keys in s up and reports whether an exact candidate has a population of at
// least 1,000, is an administrative seat, or is a division or country.
func (g *Gazetteer) anyNotable(s *scratch) bool {
	var buf [64]uint32
	posts := g.exact.get(s.full, buf[:0])
	if string(s.strip) != string(s.full) {
		posts = g.exact.get(s.strip, posts)
	}
	for _, p := range posts {
		e := &g.entries[p&postingMask]
		if e.level != lvCity || e.pop >= 1000 || e.feature == "PPLA" || e.feature == "PPLC" || e.feature == "PPLA2" {
			return true
		}
	}
	return len(posts) == 0 // no exact hit: leave it to the skeleton rules
}

// locative reports whether a preposition or type phrase stands right before token i ("in X",
// "near X", "the village of X").
func locative(toks []doc.Token, i int) bool {
	if i == 0 {
		return false
	}
	p := toks[i-1].Norm
	if p == "of" && i >= 2 {
		_, ok := kindsBefore.Get(toks[i-2].Norm)
		return ok
	}
	switch p {
	case "in", "near", "at", "outside", "from", "into", "towards", "toward", "around":
		return true
	}
	return false
}

// settlementAfter reports whether a settlement word follows token j ("Shadadah city", "Tawileh
// town"): that, like a preposition before, makes a one-word name a place rather than a person.
func settlementAfter(toks []doc.Token, j int) bool { return wordAfter(toks, j, &settlementWords) }

// divisionAfter reports a district or governorate word after token j ("Nehm district"): a
// transliteration of a division's name, not a person or a word.
func divisionAfter(toks []doc.Token, j int) bool { return wordAfter(toks, j, &divisionWords) }

var (
	settlementWords = wordset.SetFrom(map[string]bool{"city": true, "town": true, "village": true, "camp": true})
	divisionWords   = wordset.SetFrom(map[string]bool{"district": true, "governorate": true, "province": true, "subdistrict": true})
)

// wordAfter reports whether one of words follows token j with no punctuation between.
func wordAfter(toks []doc.Token, j int, words *wordset.Set) bool {
	return j+1 < len(toks) && toks[j+1].Punct == "" && words.Has(toks[j+1].Norm)
}

// notable reports whether any candidate is more than a hamlet: a skeleton match of one word must
// be, or it is too likely a person's name.
func notable(cands []Candidate) bool {
	for _, c := range cands {
		if c.Level != doc.PrecisionCity || c.Population >= 1000 || c.Feature == "PPLA" || c.Feature == "PPLC" || c.Feature == "PPLA2" {
			return true
		}
	}
	return false
}

// annotate reads the words around out[k]: a trailing type word, then backwards a qualifier, a
// distance and bearing, a type phrase and a preposition.
// listed reports whether the name in tokens first..last stands in a list of capitalised names: a
// comma or "and"/"or" between it and a capitalised word on either side.
func listed(toks []doc.Token, first, last int) bool {
	if first >= 1 {
		p := &toks[first-1]
		switch {
		case toks[first].Punct == "," && capital(p):
			return true
		case (p.Norm == "and" || p.Norm == "or") && first >= 2 && (capital(&toks[first-2]) || toks[first-1].Punct == ","):
			return true
		}
	}
	if j := last + 1; j < len(toks) {
		n := &toks[j]
		switch {
		case n.Punct == "," && capital(n):
			return true
		case (n.Norm == "and" || n.Norm == "or") && n.Punct == "" && j+1 < len(toks) && toks[j+1].Punct == "" && capital(&toks[j+1]):
			return true
		}
	}
	return false
}

func annotate(toks []doc.Token, out []Found, k int) {
	f := &out[k]
	// trailing type word: "Idlib province", "Jabalia refugee camp"
	if j := f.Last + 1; j < len(toks) && toks[j].Punct == "" && !toks[j].Hyphen && (k+1 >= len(out) || out[k+1].First > j) {
		n := toks[j].Norm
		if n == "refugee" && j+1 < len(toks) && toks[j+1].Norm == "camp" && toks[j+1].Punct == "" && (k+1 >= len(out) || out[k+1].First > j+1) {
			f.Kind, f.Last = "camp", j+1
		} else if kind, ok := kindsAfter.Get(n); ok {
			if (n != "state" && n != "region") || hasLevel(f.Candidates, doc.PrecisionAdmin1, doc.PrecisionRegion) {
				f.Kind, f.Last = kind, j
			}
		}
	}
	b := f.First - 1
	// qualifier right before: "northern Syria", "north-eastern Syria"
	if dir, nb := dirBackward(toks, b); dir != "" {
		f.Qualifier, b = dir, nb
	} else if b >= 0 && toks[b].Norm == "rural" {
		if f.Kind == "" {
			f.Kind = "countryside"
		}
		b--
	}
	phrase := ""
	if b >= 0 && toks[b].Norm == "of" {
		if dir, nb := dirBackward(toks, b-1); dir != "" && f.Qualifier == "" {
			// "20 km north of X", "north of X", "the north of X"
			if km, nb2 := distanceBackward(toks, nb); km > 0 {
				f.OffsetKm, f.Bearing, b = km, dir, nb2
			} else if nb >= 0 && toks[nb].Norm == "the" {
				f.Qualifier, b = dir, nb-1
			} else {
				f.Bearing, b = dir, nb
			}
		} else if b >= 1 {
			if kind, ok := kindsBefore.Get(toks[b-1].Norm); ok {
				if f.Kind == "" || f.Kind == "province" && kind == "countryside" {
					f.Kind = kind
				}
				phrase = toks[b-1].Norm + " of"
				b -= 2
			} else {
				f.Cue = "of"
				return
			}
		} else {
			f.Cue = "of"
			return
		}
	} else if b >= 1 && toks[b].Norm == "from" {
		// "30 km from X"
		if km, _ := distanceBackward(toks, b-1); km > 0 {
			f.OffsetKm, f.Cue = km, "near"
			return
		}
	}
	// "close to X"
	if b >= 1 && toks[b].Norm == "to" && toks[b-1].Norm == "close" {
		f.Cue = "near"
		return
	}
	// skip articles, adjectives and demonyms between the cue and the name
	for n := 0; b >= 0 && n < 5; n++ {
		t := toks[b]
		if skipBefore.Has(t.Norm) || (t.IsCapitalised() && !prepositions.Has(t.Norm) && n < 3 && !t.IsNumber() && demonymLike(t.Norm)) {
			b--
			continue
		}
		break
	}
	if b >= 0 && prepositions.Has(toks[b].Norm) {
		f.Cue = toks[b].Norm
		if f.Cue == "around" {
			f.Cue = "near"
		}
		return
	}
	if phrase != "" {
		f.Cue = phrase
		return
	}
	if f.Kind != "" && f.Cue == "" && f.Last > f.First && kindsAfter.Value(toks[f.Last].Norm) != "" {
		f.Cue = toks[f.Last].Norm
	}
	// a list: "in Aleppo, Idlib and Hama" — inherit the cue of the name before
	if k > 0 && f.Cue == "" && f.Bearing == "" && f.Qualifier == "" {
		p := out[k-1]
		if p.Last == f.First-1 && toks[f.First].Punct == "," ||
			p.Last == f.First-2 && (toks[f.First-1].Norm == "and" || toks[f.First-1].Norm == "or") {
			f.Cue = p.Cue
		}
	}
}

// demonymLike reports whether a capitalised word before a name reads as an adjective of
// nationality ("the Syrian town of", "the Kurdish-held city of").
func demonymLike(n string) bool {
	for _, suf := range []string{"ian", "ean", "an", "i", "ese", "ish", "ic"} {
		if strings.HasSuffix(n, suf) && len(n) > len(suf)+2 {
			return true
		}
	}
	return false
}

func hasLevel(cands []Candidate, levels ...string) bool {
	for _, c := range cands {
		if slices.Contains(levels, c.Level) {
			return true
		}
	}
	return false
}

// dirBackward reads a direction word ending at token b ("north", "north-eastern", "northeast")
// and returns it canonicalised with the index of the token before it.
func dirBackward(toks []doc.Token, b int) (string, int) {
	if b < 0 {
		return "", b
	}
	d := directions.Value(toks[b].Norm)
	if d == "" {
		return "", b
	}
	// "north-east", "north east", "north-eastern"
	if b >= 1 && (d == "east" || d == "west") {
		if p := directions.Value(toks[b-1].Norm); (p == "north" || p == "south") && (toks[b].Hyphen || toks[b].Punct == "") {
			return p + d, b - 2
		}
	}
	return d, b - 1
}

// distanceBackward reads "20 km", "20km", "20-kilometre", "five kilometres (three miles)" ending at
// token b and returns the distance in km and the index of the token before it.
func distanceBackward(toks []doc.Token, b int) (float64, int) {
	if b < 0 {
		return 0, b
	}
	// a parenthetical conversion: "(12 miles)"
	if b >= 3 {
		if _, ok := units.Get(toks[b].Norm); ok && strings.Contains(toks[b-1].Punct, "(") {
			if _, ok := number(toks[b-1]); ok {
				b -= 2
			}
		}
	}
	t := toks[b]
	// "20km"
	if i := strings.IndexFunc(t.Norm, func(r rune) bool { return r < '0' || r > '9' && r != '.' && r != ',' }); i > 0 {
		if f, ok := units.Get(t.Norm[i:]); ok {
			if v, err := strconv.ParseFloat(strings.ReplaceAll(t.Norm[:i], ",", ""), 64); err == nil {
				return v * f, skipApprox(toks, b-1)
			}
		}
	}
	f, ok := units.Get(t.Norm)
	if !ok || b < 1 {
		return 0, b
	}
	v, ok := number(toks[b-1])
	if !ok {
		return 0, b
	}
	return v * f, skipApprox(toks, b-2)
}

// skipApprox skips "about", "some", "around", "roughly", "nearly", "approximately" before a distance.
func skipApprox(toks []doc.Token, b int) int {
	if b >= 0 {
		switch toks[b].Norm {
		case "about", "some", "around", "roughly", "nearly", "approximately", "almost", "just", "only", "over", "under":
			return b - 1
		}
	}
	return b
}

func number(t doc.Token) (float64, bool) {
	if v, ok := numberWords.Get(t.Norm); ok {
		return v, true
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(t.Norm, ",", ""), 64)
	return v, err == nil && v >= 0
}

// spanText rebuilds the text of tokens first..last: each gap is the punctuation the tokenizer
// recorded, padded with spaces to the gap's length.
func spanText(toks []doc.Token, first, last int) string {
	if first == last {
		return toks[first].Text
	}
	var b strings.Builder
	for k := first; k <= last; k++ {
		if k > first {
			gap := toks[k].Span.Start - toks[k-1].Span.End
			p := toks[k].Punct
			if gap < len(p) {
				p = p[:max(gap, 0)]
			}
			spaces := strings.Repeat(" ", max(gap-len(p), 0))
			if aynMarks[p] {
				b.WriteString(spaces) // an opening mark: "al ‘Anān"
				b.WriteString(p)
			} else {
				b.WriteString(p)
				b.WriteString(spaces)
			}
		}
		b.WriteString(toks[k].Text)
	}
	return b.String()
}
