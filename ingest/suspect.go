package ingest

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
)

// What a reader accepts but warns about (Options.Warn): input that is valid yet probably not what
// the user meant, where refusing it would lose data.

// functionWords are frequent words that carry no topic, by language: together they make up a third
// or more of any prose. English ones tell English text; the others are common function words of
// the European languages written in Latin script, left out where they are English words too
// ("die", "war", "in", "a").
var functionWords = map[string]bool{} // true: English

func init() {
	for _, w := range strings.Fields(`the of and to in a on at by for with from was were is are has have had
		been be as that this which who it its their they he she his her an or not but after into over
		than said says also would will during near between against about when while`) {
		functionWords[w] = true
	}
	for _, w := range strings.Fields(`de la le les des et du une est dans pour sur aux qui que ont été
		el los las y del por una fue según der das und ist von mit dem nicht ein eine zu auf für wurde
		wurden sich il di che della per sono nel alla os dos em com uma foram dan yang dari untuk dengan
		pada ini itu`) {
		functionWords[w] = false
	}
}

// minWords: a shorter text (a headline, "Sirens in Odesa.") is too short to judge.
const minWords = 12

// languageSample is how much of a text is looked at: a few thousand words.
const languageSample = 16 << 10

// languageWarning says when text does not look like English: the dictionaries, the sentence
// model and the stemmer are English, so such a document yields few or no events. A text is taken
// for another language when most of its letters are not Latin (Arabic, Cyrillic, ...), or when
// it holds more function words of other languages than English ones. The sample corpus has at
// least 16 % English function words in every report; telegraphic English headlines have few
// function words of either kind, so they are left alone.
func languageWarning(text string) error {
	// The start of a long text tells its language as well as the whole would, at a bounded cost.
	if len(text) > languageSample {
		cut := languageSample
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	words, english, foreign := 0, 0, 0
	latin, letters := 0, 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		words++
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
				if unicode.Is(unicode.Latin, r) {
					latin++
				}
			}
		}
		if isEnglish, ok := functionWords[strings.ToLower(w)]; ok {
			if isEnglish {
				english++
			} else {
				foreign++
			}
		}
	}
	if words < minWords || (2*latin >= letters && foreign <= english) {
		return nil
	}
	return fmt.Errorf("text does not look like English (%d of %d words are common English words): sitrep reads English, so expect few or no events", english, words)
}

// idTracker finds a record id (JSONL "id", feed GUID) that comes back in the same file with
// another text. Both records are kept, since documents are identified by source and text, not
// by the input's id, but the input most likely holds a correction or a mix-up worth a look.
type idTracker struct {
	seen map[string]idSeen
}

type idSeen struct {
	where    string // "line 3", "item 2"
	textHash uint64 // not the text itself, so the map stays small
}

// check records id at where and returns a warning when an earlier record had it with another text.
func (t *idTracker) check(id, where, text string) error {
	if id == "" {
		return nil
	}
	if t.seen == nil {
		t.seen = map[string]idSeen{}
	}
	h := xxhash.Sum64String(text)
	first, ok := t.seen[id]
	if !ok {
		t.seen[id] = idSeen{where, h}
		return nil
	}
	if first.textHash == h {
		return nil // the same record twice: the store keeps one
	}
	return fmt.Errorf("id %q also at %s with another text: both kept (documents are identified by source and text)", id, first.where)
}
