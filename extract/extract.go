// Package extract codes events from a document's text: for each sentence, the action its trigger words
// name, who acted on whom, with what certainty, where, when, how many died, and according to whom.
// It is a pure function of the document and the loaded dictionaries; an Extractor is safe for
// concurrent use.
package extract

import (
	"strings"
	"sync"

	"github.com/neurosnap/sentences"
	"github.com/neurosnap/sentences/english"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/geo"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// Extractor turns documents into mentions.
type Extractor struct {
	lex *lexicon.Lexicon
	gaz *geo.Gazetteer
}

var splitter = sync.OnceValues(func() (*sentences.DefaultSentenceTokenizer, error) {
	return english.NewSentenceTokenizer(nil)
})

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

// Sentences splits a document's text into sentences, never across paragraphs (blank lines), with
// spans into the text. Leading and trailing space is trimmed from each span.
func Sentences(text string) []doc.Sentence {
	tok, _ := splitter()
	var out []doc.Sentence
	start := 0
	for start < len(text) {
		end := strings.Index(text[start:], "\n\n")
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		para := text[start:end]
		for _, s := range tok.Tokenize(para) {
			a, b := start+s.Start, start+s.End
			for a < b && isSpace(text[a]) {
				a++
			}
			for b > a && isSpace(text[b-1]) {
				b--
			}
			if a < b {
				out = append(out, doc.Sentence{Index: len(out), Span: doc.Span{Start: a, End: b}, Text: text[a:b]})
			}
		}
		start = end + 2
	}
	return out
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// Extract returns the events the document asserts, one mention per event: sentences about the same
// event are merged into the richest record.
func (x *Extractor) Extract(d doc.Document) []doc.Mention {
	sents := Sentences(d.Text)
	parsed := make([]*sentence, len(sents))
	found := make([][]geo.Found, len(sents))
	for i, s := range sents {
		parsed[i] = x.parse(d, s)
		found[i] = parsed[i].places
	}
	ctx := x.gaz.DocumentContext(found)
	// the actors' countries point to where the events are: "Houthi", "Iraqi police", "Hezbollah"
	for _, s := range parsed {
		for _, h := range s.actors {
			if c := h.Actor.Country; c != "" && h.Actor.Kind != lexicon.KindPerson {
				ctx.Countries[c] += 2
			}
		}
	}
	st := &docState{doc: d, ctx: ctx, kindCountry: map[string]string{}}
	var mentions []doc.Mention
	for _, s := range parsed {
		x.resolvePlaces(s, st)
		if m, ok := x.code(s, st); ok {
			mentions = append(mentions, m)
		}
	}
	mentions = mergeWithinDocument(mentions)
	for i := range mentions {
		x.refineFromLaterSentences(&mentions[i], parsed)
	}
	return mentions
}

// refineFromLaterSentences lets the sentences after a protest's own tell how it was met: "Police
// intervened and fired tear gas."
func (x *Extractor) refineFromLaterSentences(m *doc.Mention, parsed []*sentence) {
	if m.ACLEDSubType != "Peaceful protest" {
		return
	}
	for _, s := range parsed {
		if s.Span.Start <= m.Evidence.Span.Start || len(s.triggers) > 0 && s.hasProtestWord() {
			continue
		}
		switch {
		case s.cue("excessive") != nil:
			m.ACLEDSubType, m.Mode, m.CAMEO = "Excessive force against protesters", "", "145"
			return
		case s.cue("intervention") != nil:
			m.ACLEDSubType = "Protest with intervention"
		}
	}
}

// docState carries what earlier sentences established to later ones: the last place and date an
// event was coded with, and the actors named so far (for "the group").
type docState struct {
	doc       doc.Document
	ctx       geo.Context
	lastPlace *doc.Place
	lastDate  *doc.When
	actors    []doc.Actor
	// kindCountry is the country of the last actor of each kind named with one: "Israeli forces
	// ... Soldiers fired" makes the soldiers Israeli.
	kindCountry map[string]string
}
