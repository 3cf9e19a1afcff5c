package eval

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// Sitrep actor kinds the matcher knows. Extractor kinds outside this list only ever match by name.
const (
	KindMilitary     = "military"
	KindGovernment   = "government"
	KindPolice       = "police"
	KindArmedGroup   = "armed_group"
	KindCoalition    = "coalition"
	KindCivilians    = "civilians"
	KindProtesters   = "protesters"
	KindRioters      = "rioters"
	KindUnidentified = "unidentified"
	KindMilitia      = "militia"
)

// kindSynonyms folds kind spellings an extractor may use onto the names above.
var kindSynonyms = map[string]string{
	"army": KindMilitary, "armed_forces": KindMilitary, "security_forces": KindMilitary,
	"govt": KindGovernment, "state": KindGovernment,
	"civilian":  KindCivilians,
	"protester": KindProtesters, "protestors": KindProtesters, "demonstrators": KindProtesters,
	"rioter":  KindRioters,
	"unknown": KindUnidentified, "unidentified_armed_group": KindUnidentified,
	"armed group": KindArmedGroup, "armedgroup": KindArmedGroup, "rebels": KindArmedGroup, "insurgents": KindArmedGroup,
	"militias": KindMilitia,
}

func foldKind(k string) string {
	k = strings.ToLower(strings.TrimSpace(k))
	if s, ok := kindSynonyms[k]; ok {
		return s
	}
	return k
}

// Pattern is a gold actor read as "any actor of this kind from this country", e.g. ACLED's
// "Military Forces of Syria (2000-)" is {SYR, [military]}.
type Pattern struct {
	Country string   // ISO3; "" matches any country
	Kinds   []string // sitrep kinds that are compatible
	// AnyCountry lets an actor without a country match (an extractor rarely knows whose protesters
	// or which unidentified gunmen a text means); an actor with a different country never matches
	// unless Country is "".
	AnyCountry bool
	// Unnamed requires the armed_group or militia kinds to come without a canonical name: an
	// "Unidentified Armed Group" is not matched by a named group.
	Unnamed bool
}

// GoldActor is a gold actor name resolved for matching: the folded, alias-resolved names it goes
// by and the country+kind patterns it stands for.
type GoldActor struct {
	Raw      string
	Names    []string // canonical keys (foldName, then the alias table)
	Units    []Unit   // named sub-units of a state force
	Patterns []Pattern
}

// Unit is a named sub-unit of a state's forces ("Military Forces of Iraq (2014-) Popular
// Mobilization Forces"). Unit names are often generic ("Special Forces", "Border Guard"), so an
// actor with the unit's name matches only when its country is empty or the state's.
type Unit struct {
	Name    string // canonical key
	Country string // ISO3
}

// Scheme tells ParseGoldActor whose naming conventions a label follows: "Government of X" is the
// civilian government in ACLED but the state's side (army included) in UCDP.
const (
	SchemeACLED = "acled"
	SchemeUCDP  = "ucdp"
	SchemeGTD   = "gtd"
)

var (
	reYears   = regexp.MustCompile(`^\d{4}\s*-\s*(\d{4})?$`)
	reParen   = regexp.MustCompile(`\(([^()]*)\)`)
	reForces  = regexp.MustCompile(`(?i)^(military|police) forces of (.+)$`)
	reGovt    = regexp.MustCompile(`(?i)^government of (.+)$`)
	reAcronym = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9 .'&/-]{0,24}):\s+(.+)$`)
	reFormer  = regexp.MustCompile(`(?i)^former\s+`)
)

// ParseGoldActor resolves a raw gold actor label. The rules cover the naming patterns of ACLED,
// UCDP and GTD labels:
//
//	Military Forces of Syria (2000-)            → {SYR, military}
//	Military Forces of Iraq (2014-) Some Unit   → {IRQ, military}, or the unit's name (see Unit)
//	Police Forces of Iraq (2020-)               → {IRQ, police}
//	Government of Yemen (2017-)                 → {YEM, government}; UCDP: {YEM, government|military}
//	Former Military Forces of X (...)           → as without "Former"
//	Civilians (Yemen), Civilians                → any civilians actor, whatever its country
//	Protesters (Iraq), Rioters (Iraq)           → {IRQ or none, protesters|rioters}
//	Unidentified Armed Group (Iraq)             → {IRQ or none, unidentified, or unnamed armed_group}
//	Unidentified Tribal Militia (Yemen)         → the same
//	Militia (Iraq), Opposition Rebels (Syria)   → {country or none, armed_group|militia}
//	Some Tribal Militia (Yemen)                 → its name, or {YEM or none, unnamed armed_group}
//	Syrian insurgents (UCDP)                    → {SYR or none, armed_group|militia}
//	ABC: Some Name                              → names "abc" and "some name"
//	Some Group (Syria)                          → name "some group"; the country is not required
//	Some Group (SG)                             → names "some group" and "sg"
//	A and/or B (Country)                        → either A or B
//	A, B, C (UCDP, several groups on one side)  → any of A, B, C
//
// and any name is also looked up in the alias table (actor_aliases.tsv), which may add patterns
// ("Operation Restoring Hope" is the Saudi-led coalition and also matches {SAU, military}).
func ParseGoldActor(raw, scheme string) GoldActor {
	g := GoldActor{Raw: raw}
	for _, part := range strings.Split(raw, " and/or ") {
		if scheme == SchemeUCDP && strings.Contains(part, ", ") {
			for _, p := range strings.Split(part, ", ") {
				g.addLabel(strings.TrimSpace(p), scheme)
			}
			continue
		}
		g.addLabel(strings.TrimSpace(part), scheme)
	}
	g.Names = dedupe(g.Names)
	g.Units = dedupe(g.Units)
	g.Patterns = dedupePatterns(g.Patterns)
	return g
}

func (g *GoldActor) addLabel(s, scheme string) {
	s = reFormer.ReplaceAllString(s, "")
	if s == "" {
		return
	}
	// Parentheticals: year ranges are dropped, a country sets the country, "Pro-..." is an
	// affiliation, anything else is an alternative name ("... the Levant (ISIL)").
	country := ""
	var alts []string
	base, unit := s, ""
	if locs := reParen.FindAllStringSubmatchIndex(s, -1); locs != nil {
		base = strings.TrimSpace(s[:locs[0][0]])
		unit = strings.TrimSpace(s[locs[len(locs)-1][1]:])
		for _, l := range locs {
			inner := strings.TrimSpace(s[l[2]:l[3]])
			switch {
			case reYears.MatchString(inner):
			case CountryISO3(inner) != "" && !isISO3Only(inner):
				country = CountryISO3(inner)
			case strings.HasPrefix(strings.ToLower(inner), "pro-"):
			default:
				alts = append(alts, inner)
			}
		}
		if base == "" {
			base, unit = unit, ""
		}
	}

	lb := strings.ToLower(base)
	switch {
	case reForces.MatchString(base):
		m := reForces.FindStringSubmatch(base)
		kind := KindMilitary
		if strings.EqualFold(m[1], "police") {
			kind = KindPolice
		}
		g.addState(m[2], []string{kind}, unit)
		return
	case reGovt.MatchString(base):
		kinds := []string{KindGovernment}
		if scheme == SchemeUCDP {
			kinds = []string{KindGovernment, KindMilitary}
		}
		if !g.addState(reGovt.FindStringSubmatch(base)[1], kinds, unit) {
			g.addName(base)
		}
		return
	case lb == "civilians" || lb == "civilian":
		g.Patterns = append(g.Patterns, Pattern{Kinds: []string{KindCivilians}, AnyCountry: true})
		return
	case lb == "protesters" || lb == "rioters" || lb == "protestors":
		g.Patterns = append(g.Patterns, Pattern{Country: country, Kinds: []string{KindProtesters, KindRioters}, AnyCountry: true})
		return
	case strings.HasPrefix(lb, "unidentified ") || lb == "unknown": // GTD writes "Unknown" for no claimed group
		g.Patterns = append(g.Patterns, Pattern{Country: country,
			Kinds: []string{KindUnidentified, KindArmedGroup, KindMilitia}, AnyCountry: true, Unnamed: true})
		if strings.Contains(lb, "military") {
			g.Patterns = append(g.Patterns, Pattern{Country: country, Kinds: []string{KindMilitary}, AnyCountry: true})
		}
		return
	case lb == "militia" || lb == "opposition rebels" || lb == "rebels" || lb == "insurgents":
		g.Patterns = append(g.Patterns, Pattern{Country: country,
			Kinds: []string{KindArmedGroup, KindMilitia}, AnyCountry: true, Unnamed: lb == "militia"})
		for _, a := range alts { // "Militia (Some Leader)"
			g.addName(a)
		}
		return
	}
	for _, a := range alts {
		g.addName(a)
	}
	if unit != "" {
		g.addName(unit)
	}
	if f := strings.Fields(lb); len(f) == 2 && (f[1] == "insurgents" || f[1] == "rebels") && demonymISO3[f[0]] != "" {
		g.Patterns = append(g.Patterns, Pattern{Country: demonymISO3[f[0]],
			Kinds: []string{KindArmedGroup, KindMilitia}, AnyCountry: true})
		g.addName(base)
		return
	}
	// "ABC: Some Name" (ACLED's acronym prefix)
	if m := reAcronym.FindStringSubmatch(base); m != nil {
		g.addName(m[1])
		g.addName(m[2])
		return
	}
	g.addName(base)
	// Named tribal, clan and communal militias: the extractor will seldom know the tribe, so an
	// unnamed militia from the same country also counts.
	if strings.HasSuffix(lb, " militia") && country != "" {
		g.Patterns = append(g.Patterns, Pattern{Country: country,
			Kinds: []string{KindArmedGroup, KindMilitia}, AnyCountry: true, Unnamed: true})
	}
}

// addState adds the pattern of a state's forces or government, and its named unit; false when
// the country is not in the table.
func (g *GoldActor) addState(countryName string, kinds []string, unit string) bool {
	c := CountryISO3(countryName)
	if c == "" {
		return false
	}
	g.Patterns = append(g.Patterns, Pattern{Country: c, Kinds: kinds})
	if k := canonName(unit); k != "" {
		g.Units = append(g.Units, Unit{Name: k, Country: c})
		g.Patterns = append(g.Patterns, aliasTable().patterns[k]...)
	}
	return true
}

func isISO3Only(s string) bool {
	return len(s) == 3 && isASCIIUpper(s) && countryISO3[foldName(s)] == ""
}

// addName adds a name (and its alias-table patterns) to the actor.
func (g *GoldActor) addName(name string) {
	k := canonName(name)
	if k == "" {
		return
	}
	g.Names = append(g.Names, k)
	g.Patterns = append(g.Patterns, aliasTable().patterns[k]...)
}

// Match reports whether a sitrep actor is this gold actor: a canonical name of the actor (its
// Name, or failing that the words of the text, Text) equals one of the gold names after folding
// and alias resolution, or the actor's country and kind fit one of the gold patterns.
func (g GoldActor) Match(a *doc.Actor) bool {
	if a == nil {
		return false
	}
	country := strings.ToUpper(strings.TrimSpace(a.Country))
	for _, s := range []string{a.Name, a.Text} {
		k := canonName(s)
		if k == "" {
			continue
		}
		for _, n := range g.Names {
			if n == k {
				return true
			}
		}
		for _, u := range g.Units {
			if u.Name == k && (country == "" || country == u.Country) {
				return true
			}
		}
	}
	kind := foldKind(a.Kind)
	// a common-noun actor ("Tribesmen", "Militants", "Clan militia") names no group: it is the
	// unidentified tribal militia or armed group of the gold label
	unnamed := lexicon.ActorEntry{Name: strings.TrimSpace(a.Name), Country: a.Country, Kind: a.Kind}.IsGeneric()
	for _, p := range g.Patterns {
		if !p.fits(kind, country, unnamed) {
			continue
		}
		return true
	}
	return false
}

func (p Pattern) fits(kind, country string, unnamed bool) bool {
	ok := false
	for _, k := range p.Kinds {
		if k == kind {
			ok = true
			break
		}
	}
	if !ok {
		return false
	}
	if p.Unnamed && !unnamed && (kind == KindArmedGroup || kind == KindMilitia) {
		return false
	}
	switch {
	case p.Country == "":
		return true
	case country == "":
		return p.AnyCountry
	default:
		return country == p.Country
	}
}

// foldName folds a name for comparison: diacritics and apostrophes removed, lower case, every run
// of other non-letter, non-digit characters made one space, a leading "the" dropped.
func foldName(s string) string {
	s = doc.Normalize(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return strings.TrimPrefix(b.String(), "the ")
}

// canonName folds a name and resolves it through the alias table.
func canonName(s string) string {
	k := foldName(s)
	if k == "" {
		return ""
	}
	if c, ok := aliasTable().canon[k]; ok {
		return c
	}
	return k
}

//go:embed actor_aliases.tsv
var aliasTSV string

type aliases struct {
	canon    map[string]string    // folded alias or canonical name → folded canonical name
	patterns map[string][]Pattern // folded canonical name → patterns
}

var (
	aliasOnce sync.Once
	aliasData aliases
)

func aliasTable() aliases {
	aliasOnce.Do(func() {
		a, err := parseAliases(aliasTSV)
		if err != nil {
			panic("eval: actor_aliases.tsv: " + err.Error()) // the embedded table is tested
		}
		aliasData = a
	})
	return aliasData
}

// parseAliases reads the alias table format described at the top of actor_aliases.tsv.
func parseAliases(text string) (aliases, error) {
	a := aliases{canon: map[string]string{}, patterns: map[string][]Pattern{}}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) > 3 {
			return a, fmt.Errorf("line %d: %d columns, want 2 or 3", n+1, len(f))
		}
		c := foldName(f[0])
		if c == "" {
			return a, fmt.Errorf("line %d: empty canonical name", n+1)
		}
		names := []string{f[0]}
		if len(f) > 1 && f[1] != "" {
			names = append(names, strings.Split(f[1], "|")...)
		}
		for _, name := range names {
			k := foldName(name)
			if k == "" {
				return a, fmt.Errorf("line %d: empty alias", n+1)
			}
			if prev, dup := a.canon[k]; dup && prev != c {
				return a, fmt.Errorf("line %d: %q is already an alias of %q", n+1, name, prev)
			}
			a.canon[k] = c
		}
		if len(f) == 3 && f[2] != "" {
			for _, p := range strings.Split(f[2], "|") {
				country, kind, ok := strings.Cut(strings.TrimSpace(p), ":")
				if !ok || len(country) != 3 || !isASCIIUpper(country) || kind == "" {
					return a, fmt.Errorf("line %d: pattern %q, want ISO3:kind", n+1, p)
				}
				a.patterns[c] = append(a.patterns[c], Pattern{Country: country, Kinds: []string{foldKind(kind)}})
			}
		}
	}
	return a, nil
}

func dedupePatterns(ps []Pattern) []Pattern {
	var out []Pattern
	for _, p := range ps {
		if !slices.ContainsFunc(out, func(q Pattern) bool {
			return slices.Equal(p.Kinds, q.Kinds) && p.Country == q.Country && p.AnyCountry == q.AnyCountry && p.Unnamed == q.Unnamed
		}) {
			out = append(out, p)
		}
	}
	return out
}

func dedupe[T comparable](s []T) []T {
	seen := make(map[T]bool, len(s))
	out := s[:0]
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
