// Package lexicon holds sitrep's dictionaries — actors, countries, media outlets, event triggers and
// qualifying cue words — and finds them in a sentence's tokens in a single pass.
//
// The dictionaries ship embedded (data/*.tsv); users add their own files of the same formats with
// Load. Every file is plain UTF-8 TSV with a header line, so analysts can extend it in a spreadsheet.
package lexicon

import (
	"embed"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"

	"github.com/sitrep-dev/sitrep/doc"
)

//go:embed data/*.tsv
var embedded embed.FS

// Actor kinds. Country-derived actors are named "Military of X", "Government of X", etc.
const (
	KindMilitary   = "military"
	KindGovernment = "government"
	KindPolice     = "police"
	KindArmedGroup = "armed_group"
	KindCoalition  = "coalition"
	KindCivilians  = "civilians"
	KindProtesters = "protesters"
	KindPerson     = "person"
	KindMilitia    = "militia"
	KindOrg        = "organisation"
	KindUnknown    = "unidentified"
	// KindCountry is a bare country name ("Israel"); KindDemonym a bare adjective ("Israeli"). The
	// extractor decides from context whether they name a military, a government or a place.
	KindCountry = "country"
	KindDemonym = "demonym"
)

// ActorEntry is one canonical actor.
type ActorEntry struct {
	Name    string
	Country string // ISO3 or ""
	Kind    string
	// EarlierKind, when set, is the actor's kind before KindSince: the Taliban were an armed group
	// until they took Kabul on 15 August 2021, the government after. See KindOn.
	EarlierKind string
	KindSince   time.Time
	// AlsoPlace marks names that are places too (a country, a capital standing for its government):
	// after "in", "near" and the like the extractor reads them as places.
	AlsoPlace bool
}

// KindOn returns the actor's kind on a day: EarlierKind before KindSince, else Kind. A zero day
// (a report with no date) gets Kind.
func (a ActorEntry) KindOn(day time.Time) string {
	if a.EarlierKind != "" && !day.IsZero() && day.Before(a.KindSince) {
		return a.EarlierKind
	}
	return a.Kind
}

// IsGeneric reports a common-noun actor with no identity of its own — "Militants", "Gunmen", "Aid
// workers", or a bare kind noun such as "troops" — which a named actor or a country right before it
// qualifies ("al-Shabaab militants", "Syrian rebels").
func (a ActorEntry) IsGeneric() bool {
	if a.Name == "" {
		return true
	}
	if a.Country != "" || a.Kind == KindCoalition || a.Kind == KindOrg {
		return false
	}
	first := true
	for w := range strings.FieldsSeq(a.Name) {
		for k, c := range w {
			if unicode.IsUpper(c) && (k > 0 || !first) {
				return false
			}
		}
		first = false
	}
	return true
}

// Country is one row of countries.tsv.
type Country struct {
	ISO3, ISO2, Name                     string
	Aliases, Demonyms, Capitals, Leaders []string
}

// Outlet is a news outlet, monitor or official channel: a source, never an actor.
type Outlet struct {
	Name    string
	Country string
}

// Action is an event class a trigger phrase names.
type Action struct {
	Type, Mode, CAMEO       string // PLOVER type and mode, CAMEO code
	ACLEDType, ACLEDSubType string
	Specificity             int // 1 generic (refined by instrument cues), 2 specific, 3 names the event
}

// Cue qualifies an event: an instrument, a modality, a reporting verb, a fatality word, ...
type Cue struct {
	Kind, Value string
}

// Hit is one dictionary phrase found in a token sequence; First and Last are token indexes (inclusive).
// Exactly one of the pointers is set.
type Hit struct {
	First, Last int
	Actor       *ActorEntry
	Outlet      *Outlet
	Action      *Action
	Cue         *Cue
}

// Lexicon is the loaded dictionaries. It is immutable after Build and safe for concurrent use.
type Lexicon struct {
	Countries map[string]*Country // by ISO3
	actors    []ActorEntry
	outlets   []Outlet
	actions   []Action
	cues      []Cue
	names     Matcher // actors and outlets, on normalised words
	triggers  Matcher // actions, on word stems
	qualifier Matcher // cues, on word stems; apart from triggers so "were killed" never hides "killed"
	nameIDs   []nameRef
	stemIDs   []stemRef
	words     wordCache // normalised word → its keys in the matchers, for Scan
}

// nameRef says what a name-matcher id points at and, for short acronyms, the exact spelling required.
type nameRef struct {
	actor  int // index into actors, or -1
	outlet int // index into outlets, or -1
	exact  []string
}

// stemRef is one action or cue; all its phrases share the ref, so a phrase listed twice in
// different forms ("kill", "killing") yields one hit.
type stemRef struct {
	action int // index into actions, or -1
	cue    int
	lower  bool     // every token must be written in lower case ("may" the verb, not "May" the month)
	exact  []string // an acronym trigger's tokens as the text must write them ("IED", "IEDs")
}

var defaultOnce = sync.OnceValues(func() (*Lexicon, error) { return Build(nil) })

// Default returns the embedded dictionaries, built once.
func Default() (*Lexicon, error) { return defaultOnce() }

// Build loads the embedded dictionaries and then each extra file (a path whose base name says what it
// is: *actors*.tsv, *countries*.tsv, *outlets*.tsv, *actions*.tsv or *cues*.tsv).
func Build(extra []string) (*Lexicon, error) {
	l := &Lexicon{Countries: map[string]*Country{}}
	files, err := fs.Glob(embedded, "data/*.tsv")
	if err != nil {
		return nil, err
	}
	type src struct {
		name string
		read func() ([]byte, error)
	}
	var srcs []src
	for _, f := range files {
		srcs = append(srcs, src{f, func() ([]byte, error) { return embedded.ReadFile(f) }})
	}
	for _, f := range extra {
		srcs = append(srcs, src{f, func() ([]byte, error) { return readFile(f) }})
	}
	// countries first, so actors and leaders can refer to them
	order := []string{"countries", "actors", "outlets", "actions", "cues"}
	for _, kind := range order {
		for _, s := range srcs {
			if !strings.Contains(strings.ToLower(filepath.Base(s.name)), kind) {
				continue
			}
			b, err := s.read()
			if err != nil {
				return nil, fmt.Errorf("lexicon %s: %w", s.name, err)
			}
			if err := l.load(kind, s.name, string(b)); err != nil {
				return nil, err
			}
		}
	}
	for _, s := range srcs {
		base := strings.ToLower(filepath.Base(s.name))
		known := false
		for _, kind := range order {
			known = known || strings.Contains(base, kind)
		}
		if !known {
			return nil, fmt.Errorf("lexicon %s: the file name must say what it holds (actors, countries, outlets, actions or cues)", s.name)
		}
	}
	l.addCountryActors()
	l.words.freeze(l)
	return l, nil
}

// Keys splits a phrase as the tokenizer splits text and returns its normalised words.
func Keys(phrase string) []string {
	toks := doc.Tokenize(phrase, 0)
	keys := make([]string, len(toks))
	for i, t := range toks {
		keys[i] = t.Norm
	}
	return keys
}

// Stem is the key the trigger and cue matcher uses for a normalised word.
func Stem(norm string) string {
	if len(norm) <= 3 {
		return norm
	}
	return english.Stem(norm, false)
}

// writtenAs reports whether the tokens are written exactly as the words of an acronym entry.
func writtenAs(toks []doc.Token, words []string) bool {
	if len(toks) != len(words) {
		return false
	}
	for k, want := range words {
		if toks[k].Text != want {
			return false
		}
	}
	return true
}

// isAcronym reports whether an alias must match in its exact case: all capitals, at most 5 letters
// ("IS", "SDF", "RSF"), so that the verb "is" never reads as the Islamic State.
func isAcronym(alias string) bool {
	letters := 0
	for _, r := range alias {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r == '.' || r == '-' || r == ' ' || (r >= '0' && r <= '9'):
		default:
			return false
		}
	}
	return letters > 0 && letters <= 5
}

func (l *Lexicon) addActor(a ActorEntry, aliases ...string) {
	id := len(l.actors)
	l.actors = append(l.actors, a)
	shared := -1
	for _, alias := range aliases {
		shared = l.addName(alias, nameRef{actor: id, outlet: -1}, shared)
	}
}

// addName registers an alias of ref's actor or outlet. The aliases of one entry that match in any
// case share one name id (shared: -1 for the first; addName returns the id to pass next), since a
// hit names the entry, not the alias: 200,000 country-and-noun phrases need a few thousand ids.
func (l *Lexicon) addName(alias string, ref nameRef, shared int) int {
	alias = strings.TrimSpace(alias)
	keys := Keys(alias)
	if len(keys) == 0 {
		return shared
	}
	if isAcronym(alias) {
		for _, t := range doc.Tokenize(alias, 0) {
			ref.exact = append(ref.exact, t.Text)
		}
		l.names.Add(keys, len(l.nameIDs))
		l.nameIDs = append(l.nameIDs, ref)
		return shared
	}
	if shared < 0 {
		shared = len(l.nameIDs)
		l.nameIDs = append(l.nameIDs, ref)
	}
	l.names.Add(keys, shared)
	return shared
}

// Scan finds every dictionary phrase in toks (one sentence) in one pass per matcher: names (actors
// and outlets) on normalised words, actions and cues on stems. Hits come sorted by First.
func (l *Lexicon) Scan(toks []doc.Token) []Hit {
	var hbuf [16]Hit
	hits := l.AppendScan(hbuf[:0], toks)
	if len(hits) == 0 {
		return nil
	}
	return slices.Clone(hits)
}

// AppendScan is Scan appending the hits to dst, so that a caller scanning many sentences can reuse
// one buffer.
func (l *Lexicon) AppendScan(dst []Hit, toks []doc.Token) []Hit {
	hits := dst
	first := len(dst)
	// each token's key in the names, trigger and qualifier matchers
	var kbuf [3 * 64]int32
	buf := kbuf[:]
	n := len(toks)
	if 3*n > len(buf) {
		buf = make([]int32, 3*n)
	}
	keys, tkeys, qkeys := buf[:n], buf[n:2*n], buf[2*n:3*n]
	memo := l.getWordMemo()
	for i, t := range toks {
		k := l.keysOf(t.Norm, memo)
		keys[i], tkeys[i], qkeys[i] = k.name, k.trigger, k.qualifier
	}
	l.words.pool.Put(memo)
	l.names.scan(keys, func(first, last, id int) bool {
		ex := l.nameIDs[id].exact
		return ex == nil || writtenAs(toks[first:last+1], ex)
	}, func(first, last, k, id int) {
		if k > 0 {
			return // the first entry names the phrase
		}
		ref := l.nameIDs[id]
		h := Hit{First: first, Last: last}
		if ref.actor >= 0 {
			h.Actor = &l.actors[ref.actor]
		} else {
			h.Outlet = &l.outlets[ref.outlet]
		}
		hits = append(hits, h)
	})
	shouting := -1 // computed on first need: 1 when the sentence is written in capitals
	lowerOK := func(first, last, id int) bool {
		if ex := l.stemIDs[id].exact; ex != nil {
			return writtenAs(toks[first:last+1], ex)
		}
		if !l.stemIDs[id].lower {
			return true
		}
		if shouting < 0 {
			shouting = 0
			if allCaps(toks) {
				shouting = 1
			}
		}
		if shouting == 1 {
			return true // "TWO SUICIDE BOMBERS BLEW THEMSELVES UP": a wire headline's words are words
		}
		for k := first; k <= last; k++ {
			// a sentence's first word is capitalised without ceasing to be a verb or noun:
			// "Clashes erupted", "Air strikes hit"
			if !isLower(toks[k].Text) && !(k == 0 && isLower(toks[k].Text[1:])) {
				return false
			}
		}
		return true
	}
	emit := func(first, last, _, id int) {
		ref := l.stemIDs[id]
		h := Hit{First: first, Last: last}
		if ref.action >= 0 {
			h.Action = &l.actions[ref.action]
		} else {
			h.Cue = &l.cues[ref.cue]
		}
		hits = append(hits, h)
	}
	l.triggers.scan(tkeys, lowerOK, emit)
	l.qualifier.scan(qkeys, lowerOK, emit)
	sortHits(hits[first:])
	return hits
}

// allCaps reports a sentence written in capitals: at least four words of letters and no lower-case
// letter anywhere.
func allCaps(toks []doc.Token) bool {
	words := 0
	for _, t := range toks {
		if t.Text == "" {
			continue
		}
		for _, r := range t.Text {
			if unicode.IsLower(r) {
				return false
			}
		}
		if unicode.IsLetter([]rune(t.Text)[0]) {
			words++
		}
	}
	return words >= 4
}

// isLower reports whether strings.ToLower(s) == s without building the lower-case copy (ToLower
// replaces invalid UTF-8, so a string holding any is not lower case).
func isLower(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				return false
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 || unicode.ToLower(r) != r {
			return false // (ToLower replaces invalid bytes)
		}
		i += w
	}
	return true
}

func sortHits(h []Hit) {
	// insertion sort: a sentence has a handful of hits, already nearly in order
	for i := 1; i < len(h); i++ {
		for j := i; j > 0 && h[j].First < h[j-1].First; j-- {
			h[j], h[j-1] = h[j-1], h[j]
		}
	}
}
