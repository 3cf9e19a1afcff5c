package lexicon

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/doc"
)

func readFile(path string) ([]byte, error) { return os.ReadFile(path) }

// columns each file kind must have, in order.
var columns = map[string][]string{
	"countries": {"iso3", "iso2", "name", "aliases", "demonyms", "capitals", "leaders"},
	"actors":    {"name", "country", "kind", "aliases"},
	"outlets":   {"name", "country", "aliases"},
	"actions":   {"plover", "mode", "cameo", "acled_event_type", "acled_sub_event_type", "specificity", "triggers"},
	"cues":      {"kind", "value", "phrases"},
}

// records splits a TSV text into rows, checking the header and the column count, and naming the
// file and line of anything wrong.
func records(kind, name, text string) ([][]string, error) {
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("lexicon %s: not valid UTF-8", name)
	}
	want := columns[kind]
	var rows [][]string
	header := false
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if !header {
			header = true
			if strings.Join(f, "\t") != strings.Join(want, "\t") {
				return nil, fmt.Errorf("lexicon %s:%d: header must be %q", name, n+1, strings.Join(want, "<TAB>"))
			}
			continue
		}
		if len(f) < len(want) {
			// trailing empty list fields may be left off
			f = append(f, make([]string, len(want)-len(f))...)
		}
		if len(f) != len(want) {
			return nil, fmt.Errorf("lexicon %s:%d: %d fields, want %d (%s)", name, n+1, len(f), len(want), strings.Join(want, ", "))
		}
		if strings.TrimSpace(f[0]) == "" {
			return nil, fmt.Errorf("lexicon %s:%d: empty %s", name, n+1, want[0])
		}
		rows = append(rows, f)
	}
	if !header {
		return nil, fmt.Errorf("lexicon %s: no header line", name)
	}
	return rows, nil
}

func list(field string) []string {
	var out []string
	for _, s := range strings.Split(field, "|") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (l *Lexicon) load(kind, name, text string) error {
	rows, err := records(kind, name, text)
	if err != nil {
		return err
	}
	for _, f := range rows {
		switch kind {
		case "countries":
			c := &Country{ISO3: f[0], ISO2: f[1], Name: f[2], Aliases: list(f[3]), Demonyms: list(f[4]), Capitals: list(f[5]), Leaders: list(f[6])}
			l.Countries[c.ISO3] = c
		case "actors":
			e, err := actorKind(ActorEntry{Name: f[0], Country: f[1]}, f[2])
			if err != nil {
				return fmt.Errorf("lexicon %s: %s: %w", name, f[0], err)
			}
			l.addActor(e, append([]string{f[0]}, list(f[3])...)...)
		case "outlets":
			id := len(l.outlets)
			l.outlets = append(l.outlets, Outlet{Name: f[0], Country: f[1]})
			shared := -1
			for _, alias := range append([]string{f[0]}, list(f[2])...) {
				shared = l.addName(alias, nameRef{actor: -1, outlet: id}, shared)
			}
		case "actions":
			spec, err := strconv.Atoi(f[5])
			if err != nil || spec < 1 || spec > 3 {
				return fmt.Errorf("lexicon %s: specificity %q of %s must be 1, 2 or 3", name, f[5], f[0])
			}
			action := len(l.actions)
			l.actions = append(l.actions, Action{Type: f[0], Mode: f[1], CAMEO: f[2], ACLEDType: f[3], ACLEDSubType: f[4], Specificity: spec})
			ref, capsRef := -1, -1
			for _, p := range list(f[6]) {
				if !hasUpper(p) {
					if ref < 0 {
						ref = len(l.stemIDs)
						l.stemIDs = append(l.stemIDs, stemRef{action: action, cue: -1, lower: true})
					}
					l.triggers.Add(l.stemPhrase(p), ref)
					continue
				}
				// a trigger written in capitals ("IED", "VBIEDs") is an acronym, which the text
				// writes in capitals too: the lower-case rule that keeps "May" from being "may"
				// would reject it
				if isAcronym(strings.TrimSuffix(p, "s")) {
					// short ones only as written, as actor acronyms match: "IED", "IEDs"
					var exact []string
					for _, t := range doc.Tokenize(p, 0) {
						exact = append(exact, t.Text)
					}
					l.triggers.Add(l.stemPhrase(p), len(l.stemIDs))
					l.stemIDs = append(l.stemIDs, stemRef{action: action, cue: -1, exact: exact})
					continue
				}
				if capsRef < 0 {
					capsRef = len(l.stemIDs)
					l.stemIDs = append(l.stemIDs, stemRef{action: action, cue: -1})
				}
				l.triggers.Add(l.stemPhrase(p), capsRef)
			}
		case "cues":
			ref := len(l.stemIDs)
			l.stemIDs = append(l.stemIDs, stemRef{action: -1, cue: len(l.cues), lower: f[0] == "modality" || f[0] == "negation"})
			l.cues = append(l.cues, Cue{Kind: f[0], Value: f[1]})
			for _, p := range list(f[2]) {
				l.qualifier.Add(l.stemPhrase(p), ref)
			}
		}
	}
	return nil
}

func hasUpper(s string) bool { return !isLower(s) }

// stemPhrase returns the stems of a phrase's words (its keys in the trigger and qualifier
// matchers), remembering each word's stem for Scan's table.
func (l *Lexicon) stemPhrase(phrase string) []string {
	keys := Keys(phrase)
	if l.words.stems == nil {
		l.words.stems = map[string]string{}
	}
	for i, k := range keys {
		st, ok := l.words.stems[k]
		if !ok {
			st = Stem(k)
			l.words.stems[k] = st
		}
		keys[i] = st
	}
	return keys
}

// Nouns that turn a country or demonym into an actor of a kind: "Syrian army", "Iraq's police".
var kindNouns = map[string][]string{
	KindMilitary: {"army", "armed forces", "forces", "troops", "military", "soldiers", "soldier", "servicemen", "serviceman", "warplanes",
		"warplane", "jets", "fighter jets", "aircraft", "air force", "drone", "drones", "navy", "artillery",
		"special forces", "air defences", "air defenses", "tanks", "marines", "regime forces", "government forces",
		"pro-government forces", "military forces", "ground forces", "defence forces", "defense forces", "units", "gunboats", "helicopters",
		"gunboat", "warship", "warships", "coast guard", "coast guards", "coast guard command", "military vehicle", "military vehicles", "military convoy", "military patrol",
		"army forces", "army troops", "army soldiers", "army units", "government troops", "regime troops", "security personnel",
		"gendarmerie", "gendarmerie forces", "regime positions", "regime soldiers", "regime checkpoint",
		"regime checkpoints", "regime members", "regime army", "regime personnel", "regime outposts", "regime units",
		"regime artillery", "regime helicopters", "regime warplanes", "regime jets", "regime aircraft", "regime drones", "regime tanks",
		"regime sniper", "regime snipers", "regime vehicle", "regime vehicles", "regime military vehicle", "regime force", "regime patrol"},
	KindGovernment: {"government", "authorities", "officials", "ministry", "foreign ministry", "defence ministry",
		"defense ministry", "interior ministry", "president", "prime minister", "foreign minister", "cabinet",
		"parliament", "leaders", "leadership", "regime", "administration", "embassy", "envoy"},
	KindPolice: {"police", "police forces", "policemen", "policeman", "police officer", "police officers", "security forces", "riot police", "border guards", "border guard",
		"border police", "intelligence", "security services", "counter-terrorism forces",
		"police units", "police patrol", "security officers", "intelligence services"},
	KindCivilians: {"civilians", "residents", "villagers", "nationals", "citizens", "children", "women",
		"workers", "farmers", "refugees", "migrants", "fishermen", "people", "family", "families", "students"},
	KindProtesters: {"protesters", "protestors", "demonstrators", "rioters"},
}

// GenericKindName is the canonical name of a country-derived actor: "Military of Syria".
func GenericKindName(kind, country string) string {
	switch kind {
	case KindMilitary:
		return "Military of " + country
	case KindGovernment:
		return "Government of " + country
	case KindPolice:
		return "Police of " + country
	case KindCivilians:
		return "Civilians (" + country + ")"
	case KindProtesters:
		return "Protesters (" + country + ")"
	case KindUnknown:
		return "Unidentified armed group (" + country + ")"
	}
	return country
}

// addCountryActors turns every country row into actors: the country name, its demonyms, capitals
// (a metonym for the government), leaders, and each combination with a kind noun.
//
// The combinations (some 200,000 phrases) are not tokenised one by one: the keys of "Syrian army"
// are the keys of "Syrian" and then those of "army", since the tokenizer never joins words across a
// space, so each country word and each noun is tokenised once and their keys are concatenated. A
// combination is never an acronym (the nouns are lower case), so no exact spelling is kept.
func (l *Lexicon) addCountryActors() {
	kinds := []string{KindMilitary, KindGovernment, KindPolice, KindCivilians, KindProtesters}
	nouns := 0
	for _, kind := range kinds {
		nouns += len(kindNouns[kind])
	}
	adjs := 0
	for _, c := range l.Countries {
		adjs += 1 + len(c.Aliases) + len(c.Demonyms)
	}
	l.names.grow(adjs * nouns)
	nounKeys := map[string][][]int32{} // kind → the key numbers of each noun
	for _, kind := range kinds {
		for _, noun := range kindNouns[kind] {
			var kids []int32
			for _, k := range Keys(noun) {
				kids = append(kids, l.names.intern(k))
			}
			nounKeys[kind] = append(nounKeys[kind], kids)
		}
	}
	var adjNodes []int32 // the trie node after each country word
	for _, c := range sortedCountries(l.Countries) {
		names := append([]string{c.Name}, c.Aliases...)
		l.addActor(ActorEntry{Name: c.Name, Country: c.ISO3, Kind: KindCountry, AlsoPlace: true}, names...)
		l.addActor(ActorEntry{Name: c.Name, Country: c.ISO3, Kind: KindDemonym}, c.Demonyms...)
		l.addActor(ActorEntry{Name: GenericKindName(KindGovernment, c.Name), Country: c.ISO3, Kind: KindGovernment, AlsoPlace: true}, c.Capitals...)
		for _, person := range groupLeaders(c.Leaders) {
			l.addActor(ActorEntry{Name: person[0], Country: c.ISO3, Kind: KindPerson}, person...)
		}
		adjNodes = adjNodes[:0]
		for _, adj := range append(names, c.Demonyms...) {
			n := int32(0)
			for _, k := range Keys(adj) {
				n = l.names.child(n, l.names.intern(k))
			}
			adjNodes = append(adjNodes, n)
		}
		for _, kind := range kinds {
			id := len(l.actors)
			l.actors = append(l.actors, ActorEntry{Name: GenericKindName(kind, c.Name), Country: c.ISO3, Kind: kind})
			ref := len(l.nameIDs)
			l.nameIDs = append(l.nameIDs, nameRef{actor: id, outlet: -1})
			for _, adj := range adjNodes {
				for _, noun := range nounKeys[kind] {
					n := adj
					for _, kid := range noun {
						n = l.names.child(n, kid)
					}
					l.names.addID(n, ref)
				}
			}
		}
	}
	// kind nouns alone ("troops", "the police"): the extractor fills the country from context
	for _, kind := range []string{KindMilitary, KindPolice, KindProtesters} {
		l.addActor(ActorEntry{Name: "", Country: "", Kind: kind}, kindNouns[kind]...)
	}
}

// groupLeaders reads a leaders list such as "Vladimir Putin|Putin|Sergei Lavrov|Lavrov": a shorter
// name contained in the full name before it ("Putin", "al-Sharaa") is that person's short form.
func groupLeaders(names []string) [][]string {
	var out [][]string
	for _, n := range names {
		if len(out) > 0 {
			last := out[len(out)-1]
			full, short := Keys(last[0]), Keys(n)
			if len(short) > 0 && len(short) < len(full) &&
				strings.Contains(" "+strings.Join(full, " ")+" ", " "+strings.Join(short, " ")+" ") {
				out[len(out)-1] = append(last, n)
				continue
			}
		}
		out = append(out, []string{n})
	}
	return out
}

// actorKind reads an actors.tsv kind cell into e: a kind ("armed_group"), or a kind that changed on
// a day, written "government since 2021-08-15, armed_group before".
func actorKind(e ActorEntry, cell string) (ActorEntry, error) {
	kind, rest, changed := strings.Cut(cell, " since ")
	e.Kind = strings.TrimSpace(kind)
	if !changed {
		return e, nil
	}
	day, earlier, ok := strings.Cut(rest, ",")
	earlier = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(earlier), "before"))
	since, err := time.Parse(time.DateOnly, strings.TrimSpace(day))
	if !ok || err != nil || earlier == "" || e.Kind == "" {
		return e, fmt.Errorf("kind %q: want KIND, or KIND since YYYY-MM-DD, EARLIER-KIND before", cell)
	}
	e.EarlierKind, e.KindSince = earlier, since
	return e, nil
}
