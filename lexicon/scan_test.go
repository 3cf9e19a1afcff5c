package lexicon

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/doc"
)

// The country-and-noun phrases are added from the keys of each part (addCountryActors): they must
// be the keys the tokenizer gives the whole phrase.
func TestCountryPhraseKeysConcatenate(t *testing.T) {
	lex, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range lex.Countries {
		for _, adj := range append(append([]string{c.Name}, c.Aliases...), c.Demonyms...) {
			for _, nouns := range kindNouns {
				for _, noun := range nouns {
					phrase := strings.TrimSpace(adj + " " + noun)
					if isAcronym(phrase) {
						t.Fatalf("%q reads as an acronym: the combinations would need exact spellings", phrase)
					}
					whole := Keys(phrase)
					if parts := append(Keys(adj), Keys(noun)...); !slices.Equal(whole, parts) {
						t.Fatalf("%q + %q: keys %q, whole phrase %q", adj, noun, parts, whole)
					}
				}
			}
		}
	}
}

// scanUncached is Scan the plain way: string keys for every token, stems computed afresh, through
// the exported Matcher.Scan.
func scanUncached(l *Lexicon, toks []doc.Token) []Hit {
	var hits []Hit
	norms := make([]string, len(toks))
	stems := make([]string, len(toks))
	for i, t := range toks {
		norms[i], stems[i] = t.Norm, Stem(t.Norm)
	}
	l.names.Scan(norms, func(first, last, id int) bool {
		ref := l.nameIDs[id]
		if ref.exact == nil {
			return true
		}
		if len(ref.exact) != last-first+1 {
			return false
		}
		for k, want := range ref.exact {
			if toks[first+k].Text != want {
				return false
			}
		}
		return true
	}, func(first, last int, ids []int) {
		ref := l.nameIDs[ids[0]]
		h := Hit{First: first, Last: last}
		if ref.actor >= 0 {
			h.Actor = &l.actors[ref.actor]
		} else {
			h.Outlet = &l.outlets[ref.outlet]
		}
		hits = append(hits, h)
	})
	lowerOK := func(first, last, id int) bool {
		if !l.stemIDs[id].lower {
			return true
		}
		for k := first; k <= last; k++ {
			if strings.ToLower(toks[k].Text) != toks[k].Text && !(k == 0 && strings.ToLower(toks[k].Text[1:]) == toks[k].Text[1:]) {
				return false
			}
		}
		return true
	}
	emit := func(first, last int, ids []int) {
		for _, id := range ids {
			ref := l.stemIDs[id]
			h := Hit{First: first, Last: last}
			if ref.action >= 0 {
				h.Action = &l.actions[ref.action]
			} else {
				h.Cue = &l.cues[ref.cue]
			}
			hits = append(hits, h)
		}
	}
	l.triggers.Scan(stems, lowerOK, emit)
	l.qualifier.Scan(stems, lowerOK, emit)
	sortHits(hits)
	return hits
}

// Scan's word table, stem memo and scratch buffers change nothing: on every sentence of the sample
// corpus, twice (the second time from the memo), it finds what a plain scan finds.
func TestScanMatchesUncachedScan(t *testing.T) {
	lex, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../testdata/corpus/*.jsonl")
	var sents []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var r struct{ Text string }
			if json.Unmarshal(sc.Bytes(), &r) == nil {
				sents = append(sents, strings.Split(r.Text, ". ")...)
			}
		}
		fh.Close()
	}
	if len(sents) < 100 {
		t.Fatalf("only %d sentences in the corpus", len(sents))
	}
	sents = append(sents, "IS fighters and the US-led coalition; Talks may resume in May.", strings.Repeat("Syrian army forces shelled Idlib ", 40))
	for pass := 0; pass < 2; pass++ {
		hits := 0
		for _, s := range sents {
			toks := doc.Tokenize(s, 0)
			got, want := lex.Scan(toks), scanUncached(lex, toks)
			if !slices.Equal(got, want) {
				t.Fatalf("Scan(%q)\n got %v\nwant %v", s, got, want)
			}
			hits += len(got)
		}
		if hits == 0 {
			t.Fatal("no hits at all")
		}
	}
}

// The word memo gives every word its keys, short words (kept in the table's slots) and long ones,
// across growth and the reset when it is full.
func TestWordMemo(t *testing.T) {
	lex, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	memo := lex.getWordMemo()
	words := []string{"", "killed", "shelling", "syrian", "army", "the", "a", "counterinsurgencies", "internationalisation", "antidisestablishmentarianism"}
	for i := range maxWordMemo + 5000 {
		words = append(words, fmt.Sprintf("w%dx", i), strings.Repeat("long", 5)+fmt.Sprint(i%300))
	}
	for pass := 0; pass < 2; pass++ {
		for _, w := range words {
			if got, want := lex.keysOf(w, memo), lex.wordKeysOf(w, ""); got != want {
				t.Fatalf("keysOf(%q) = %v, want %v", w, got, want)
			}
		}
	}
	if k := lex.keysOf("killed", memo); k.trigger < 0 {
		t.Errorf("killed: no trigger key %v", k)
	}
}
