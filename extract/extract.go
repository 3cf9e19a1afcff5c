// Package extract codes events from a document's text: for each sentence, the action its trigger words
// name, who acted on whom, with what certainty, where, when, how many died, and according to whom.
// It is a pure function of the document and the loaded dictionaries; an Extractor is safe for
// concurrent use.
package extract

import (
	"slices"
	"sync"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/geo"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// Extractor turns documents into mentions.
type Extractor struct {
	lex   *lexicon.Lexicon
	gaz   *geo.Gazetteer
	prior Prior // what the collection being read is about; nil for none
}

// New returns an Extractor over the given dictionaries and gazetteer.
func New(lex *lexicon.Lexicon, gaz *geo.Gazetteer) (*Extractor, error) {
	if _, err := splitter(); err != nil {
		return nil, err
	}
	return &Extractor{lex: lex, gaz: gaz}, nil
}

// Default returns an Extractor over the embedded dictionaries and gazetteer.
func Default() (*Extractor, error) {
	lex, err := lexicon.Default()
	if err != nil {
		return nil, err
	}
	gaz, err := geo.Default()
	if err != nil {
		return nil, err
	}
	return New(lex, gaz)
}

// read splits d into sentences and parses each, in sc; found holds each sentence's places.
func (x *Extractor) read(d doc.Document, sc *scratch) (parsed []*sentence, found [][]geo.Found) {
	sents := sentencesInto(sc.sentList, d.Text)
	sc.sentList = sents
	parsed = make([]*sentence, len(sents))
	all := sc.sentences(len(sents))
	found = make([][]geo.Found, len(sents))
	for i, s := range sents {
		parsed[i] = &all[i]
		x.parse(parsed[i], d, s, sc)
		found[i] = parsed[i].places
	}
	return parsed, found
}

// Extract returns the events the document asserts, one mention per event: sentences about the same
// event are merged into the richest record.
func (x *Extractor) Extract(d doc.Document) []doc.Mention {
	sc := scratchPool.Get().(*scratch)
	defer sc.release()
	parsed, found := x.read(d, sc)
	ctx := x.gaz.DocumentContext(found)
	ctx.Prior = x.prior
	// the actors' countries point to where the events are: "Houthi", "Iraqi police", "Hezbollah"
	for _, s := range parsed {
		for _, h := range s.actors {
			if c := h.Actor.Country; c != "" && h.Actor.Kind != lexicon.KindPerson {
				ctx.Countries[c] += 2
				if k := h.Actor.Kind; k == lexicon.KindMilitary || k == lexicon.KindPolice {
					// and its forces to the territory they police: "Israeli forces raided
					// Bethlehem" is not in Belém, Brazil
					for pair := range policePower {
						if pair[0] == c {
							ctx.Countries[pair[1]]++
						}
					}
				}
			} else if c == "" && h.Actor.Kind == lexicon.KindMilitary && s.norm(h.First) == "regime" {
				// "regime forces" with no country named: the press's name for Assad's army
				ctx.Countries["SYR"]++
			}
		}
	}
	st := &docState{doc: d, ctx: ctx, kindCountry: map[string]string{}}
	mentions := sc.mentions[:0]
	coded := map[*sentence]bool{}
	total := 0
	for _, s := range parsed {
		total += len(s.places)
	}
	resolved := slices.Grow(sc.resolved[:0], total) // each sentence takes its part
	sc.resolved = resolved
	for _, s := range parsed {
		n := len(resolved)
		s.resolved = resolved[n:n:min(total, n+len(s.places))]
		x.resolvePlaces(s, st)
		resolved = resolved[:n+len(s.resolved)]
		if m, ok := x.code(s, st); ok {
			mentions = append(mentions, m)
			coded[s] = true
		}
	}
	sc.mentions = mentions // (grown: kept for the next call)
	mentions = mergeWithinDocument(mentions)
	mentions = x.tollFromLaterSentences(d, mentions, parsed, coded)
	claimant := x.claimant(d, parsed, st)
	if p := codedPlace(parsed); p != nil {
		for i := range mentions {
			mentions[i].Location = p
		}
	}
	for i := range mentions {
		x.refineFromLaterSentences(&mentions[i], parsed)
		attributeClaim(&mentions[i], claimant)
	}
	return slices.Clone(nilIfEmpty(mentions))
}

// claimant finds a group that claimed responsibility in the report ("ISIL claimed responsibility
// for the incident"): the actor right before the claim.
func (x *Extractor) claimant(d doc.Document, parsed []*sentence, st *docState) *doc.Actor {
	for _, s := range parsed {
		for _, c := range s.cuesOf("modality") {
			if c.Cue.Value != doc.Claimed || !s.claimsResponsibility(c) {
				continue
			}
			for k := len(s.actors) - 1; k >= 0; k-- {
				h := s.actors[k]
				if h.Last < c.First && c.First-h.Last <= 3 && !h.Actor.IsGeneric() && h.Actor.Kind != lexicon.KindPerson {
					return x.actor(s, h, st, true)
				}
			}
		}
	}
	return nil
}

// claimsResponsibility tells a claim of responsibility from other uses of "claimed" ("claimed the
// lives of").
func (s *sentence) claimsResponsibility(c lexicon.Hit) bool {
	for k := c.Last; k < len(s.toks) && k <= c.Last+3; k++ {
		if n := s.norm(k); n == "responsibility" || n == "credit" {
			return true
		}
	}
	return false
}

// attributeClaim names the claimant as the perpetrator of an attack the report otherwise leaves
// to unknown assailants, as monitors code a claimed attack.
func attributeClaim(m *doc.Mention, claimant *doc.Actor) {
	if claimant == nil || m.Type != "ASSAULT" || m.Modality != doc.Occurred {
		return
	}
	if m.Actor1 == nil || m.Actor1.Kind == lexicon.KindUnknown {
		a := *claimant
		m.Actor1 = &a
	}
}

// refineFromLaterSentences lets the sentences after a protest's own tell how it was met: "Police
// intervened and fired tear gas."
func (x *Extractor) refineFromLaterSentences(m *doc.Mention, parsed []*sentence) {
	if m.ACLEDSubType == "Government regains territory" || m.ACLEDSubType == "Non-state actor overtakes territory" {
		peacefulHandover(m, parsed)
		return
	}
	if m.ACLEDSubType != "Peaceful protest" {
		return
	}
	for _, s := range parsed {
		if s.Span.Start <= m.Evidence.Span.Start || s.newProtest() {
			continue
		}
		switch {
		case s.metByForce("excessive"):
			m.ACLEDSubType, m.Mode, m.CAMEO = "Excessive force against protesters", "", "145"
			return
		case s.metByForce("intervention"):
			m.ACLEDSubType = "Protest with intervention"
		}
	}
}

// peacefulHandover makes territory taken a non-violent transfer when a later sentence says the
// other side withdrew ("The militants seized the area following the withdrawal of Puntland
// forces") and no sentence of the report tells of fighting.
func peacefulHandover(m *doc.Mention, parsed []*sentence) {
	withdrew := false
	for _, s := range parsed {
		for _, t := range s.triggers {
			if t.Action.ACLEDSubType == "Armed clash" && t.Action.Specificity == 3 && !s.backdropNegated(t) {
				return
			}
		}
		if s.Span.Start > m.Evidence.Span.Start && s.cue("peaceful") != nil {
			withdrew = true
		}
	}
	if withdrew {
		m.Type, m.CAMEO, m.Mode = "RETREAT", "0874", ""
		m.ACLEDType, m.ACLEDSubType = "Strategic developments", "Non-violent transfer of territory"
	}
}

// docState carries what earlier sentences established to later ones: the last place and date an
// event was coded with, and the parties named so far (for "the group", "its forces").
type docState struct {
	doc       doc.Document
	ctx       geo.Context
	lastPlace doc.Place // if havePlace
	lastDate  doc.When  // if haveDate
	havePlace bool
	haveDate  bool
	mem       memory
	// kindCountry is the country of the last actor of each kind named with one: "Israeli forces
	// ... Soldiers fired" makes the soldiers Israeli.
	kindCountry map[string]string
}

// scratch is the working memory of one Extract call, kept for the next one: made anew for each
// document, it was most of what extraction allocated (and the garbage collector then scanned).
type scratch struct {
	sentList []doc.Sentence
	sents    []sentence
	toks     []doc.Token   // the document's; each sentence's are a slice of them
	hits     []lexicon.Hit // the sentence being scanned
	sentHits hitArena      // each sentence's triggers, cues and names
	mentions []doc.Mention // before merging; the result is a copy of the merged ones
	resolved []resolvedPlace
}

// hitArena hands out the hit slices of a document's sentences from large chunks, kept from
// document to document.
type hitArena struct {
	chunks [][]lexicon.Hit
	cur    int // the chunk being filled
	used   int // its hits handed out
}

// alloc returns n hits, capped so that appending to them copies them elsewhere.
func (a *hitArena) alloc(n int) []lexicon.Hit {
	for {
		if a.cur == len(a.chunks) {
			a.chunks = append(a.chunks, make([]lexicon.Hit, max(n, 1024)))
		}
		if c := a.chunks[a.cur]; a.used+n <= len(c) {
			a.used += n
			return c[a.used-n : a.used : a.used]
		}
		a.cur, a.used = a.cur+1, 0
	}
}

// reset takes back every hit handed out.
func (a *hitArena) reset() {
	for _, c := range a.chunks[:min(a.cur, len(a.chunks))] {
		clear(c)
	}
	if a.cur < len(a.chunks) {
		clear(a.chunks[a.cur][:a.used])
	}
	a.cur, a.used = 0, 0
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooledTokens bounds the token buffer kept between documents (about 5 MB): a rare huge
// document should not pin its memory.
const maxPooledTokens = 1 << 16

// release lets go of the document and returns the scratch to the pool.
func (sc *scratch) release() {
	if cap(sc.toks) > maxPooledTokens || cap(sc.resolved) > maxPooledTokens/16 {
		*sc = scratch{} // a huge document's memory is not kept
	}
	clear(sc.sentList)
	clear(sc.sents)
	clear(sc.toks)
	clear(sc.mentions)
	clear(sc.resolved[:cap(sc.resolved)]) // (its length stays 0: the sentences fill it)
	sc.sentList, sc.sents, sc.toks, sc.hits, sc.mentions = sc.sentList[:0], sc.sents[:0], sc.toks[:0], sc.hits[:0], sc.mentions[:0]
	sc.resolved = sc.resolved[:0]
	sc.sentHits.reset()
	scratchPool.Put(sc)
}

// sentences returns n empty sentences.
func (sc *scratch) sentences(n int) []sentence {
	if cap(sc.sents) < n {
		sc.sents = make([]sentence, n)
	}
	sc.sents = sc.sents[:n]
	return sc.sents
}

// tokenize appends a sentence's tokens to the document's and returns them, capped so that nothing
// appended later reaches into the next sentence's.
func (sc *scratch) tokenize(s doc.Sentence) []doc.Token {
	first := len(sc.toks)
	sc.toks = doc.AppendTokens(sc.toks, s.Text, s.Span.Start)
	if len(sc.toks) == first {
		return nil
	}
	return sc.toks[first:len(sc.toks):len(sc.toks)]
}
