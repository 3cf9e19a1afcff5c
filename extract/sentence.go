package extract

import (
	"github.com/sitrep-dev/sitrep/internal/wordset"
	"strings"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/geo"
	"github.com/sitrep-dev/sitrep/lexicon"
	"github.com/sitrep-dev/sitrep/when"
	"iter"
)

// sentence is one sentence with everything the dictionaries, gazetteer and date rules found in it.
type sentence struct {
	doc.Sentence
	toks     []doc.Token
	actors   []lexicon.Hit // actor hits, places and outlets removed
	outlets  []lexicon.Hit
	triggers []lexicon.Hit
	cues     []lexicon.Hit
	places   []geo.Found
	resolved []resolvedPlace
	dates    []doc.When // looked for only in a sentence with a trigger: no other is coded
	// label is the type a monitor's label before a colon names ("Property destruction: ..."),
	// ending at token labelLast; nil if none
	label     *lexicon.Action
	labelLast int
	// money is the country whose own currency the sentence names ("the collapse of the Lebanese
	// pound"): no party, but a sign of where the report is; "" if none (the US dollar and the
	// euro are everyone's)
	money string
}

type resolvedPlace struct {
	found geo.Found
	place doc.Place
}

// parse fills ps with sentence s and what the dictionaries, gazetteer and date rules find in it.
func (x *Extractor) parse(ps *sentence, d doc.Document, s doc.Sentence, sc *scratch) {
	ps.Sentence = s
	ps.money = ""
	ps.toks = sc.tokenize(s)
	ps.places = x.gaz.Find(ps.toks)
	sc.hits = x.lex.AppendScan(sc.hits[:0], ps.toks)
	var names []lexicon.Hit
	ps.triggers, ps.cues, names = partitionHits(sc.sentHits.alloc(len(sc.hits)), sc.hits)
	ps.cues = ps.dropNamedReports(ps.cues)
	// A name is a place or an actor, not both. A bare country after a locative word is a place ("in
	// Syria"), else an actor ("Syria said"); any other actor or outlet name wins over a place it
	// overlaps ("Syrian Observatory", "US Air Force" against "The US"), but a longer place holds a
	// person's name ("Bandar Abbas" is no Mahmoud Abbas).
	keptPlaces := ps.places[:0] // (in place: Find's result is a new slice)
	for _, p := range ps.places {
		lost := false
		for _, h := range names {
			if overlaps(h.First, h.Last, p.First, p.Last) && !(h.Actor != nil && (h.Actor.AlsoPlace || h.Actor.Kind == lexicon.KindPerson) && (isLocative(p.Cue) || p.Bearing != "" || p.Qualifier != "" || p.Container || filedUnder(ps.toks, p.First) || longerName(p, h))) &&
				!(h.Outlet != nil && (p.Encloses || p.Container || p.Kind != "")) {
				// an outlet named like a province stands as the province where the text files a
				// place under it: "Kamfiruz village (Fars)" is not the Fars news agency
				lost = true
			}
		}
		if !lost {
			keptPlaces = append(keptPlaces, p)
		}
	}
	ps.places = nilIfEmpty(keptPlaces)
	actors := names[:0] // (in place: the actors are some of the names, in order)
	for _, h := range names {
		asPlace := false
		for _, p := range ps.places {
			asPlace = asPlace || overlaps(h.First, h.Last, p.First, p.Last)
		}
		switch {
		case asPlace:
		case h.Outlet != nil:
			ps.outlets = append(ps.outlets, h)
		default:
			actors = append(actors, h)
		}
	}
	for i, h := range actors {
		if h.Actor.EarlierKind != "" {
			// the Taliban of a 2020 report are insurgents, not the government
			if k := h.Actor.KindOn(d.Published); k != h.Actor.Kind {
				e := *h.Actor
				e.Kind = k
				actors[i].Actor = &e
			}
		}
	}
	ps.actors = ps.qualifyGeneric(nilIfEmpty(actors))
	ps.actors = ps.codedAs(ps.actors)
	ps.dropModifiers()
	ps.triggers = ps.senseOfSeize(ps.triggers)
	ps.triggers = ps.setOnFire(ps.triggers)
	ps.label, ps.labelLast = nil, -1
	ps.readLabel()
	if len(ps.triggers) > 0 {
		ps.dates = when.Find(s.Text, s.Span.Start, d.Published)
	}
}

// codedAs lets a monitor's note name a generic party: "military targets (coded as National
// Resistance Forces)" are the named force, at the words that name it.
func (s *sentence) codedAs(actors []lexicon.Hit) []lexicon.Hit {
	out := actors[:0]
	for i, h := range actors {
		if i+1 < len(actors) && h.Actor.IsGeneric() {
			n := actors[i+1]
			if k := n.First; k-h.Last <= 4 && s.norm(k-1) == "as" && s.norm(k-2) == "coded" && strings.ContainsAny(s.toks[k-2].Punct, "([") {
				continue // the named party, next, stands in its place
			}
		}
		out = append(out, h)
	}
	return nilIfEmpty(out)
}

// partitionHits splits a sentence's dictionary hits (the scan buffer, which the next sentence
// reuses) into triggers, cues and names, each in order, in dst (as long as hits). Each is capped so
// that appending to one copies it rather than overwriting the next.
func partitionHits(dst, hits []lexicon.Hit) (triggers, cues, names []lexicon.Hit) {
	if len(hits) == 0 {
		return nil, nil, nil
	}
	own := dst[:0]
	for _, h := range hits {
		if h.Action != nil {
			own = append(own, h)
		}
	}
	nt := len(own)
	for _, h := range hits {
		if h.Cue != nil {
			own = append(own, h)
		}
	}
	nc := len(own)
	for _, h := range hits {
		if h.Action == nil && h.Cue == nil {
			own = append(own, h)
		}
	}
	return nilIfEmpty(own[:nt:nt]), nilIfEmpty(own[nt:nc:nc]), nilIfEmpty(own[nc:])
}

// nilIfEmpty keeps "none found" a nil slice, as appending to nothing gives.
func nilIfEmpty[S ~[]E, E any](s S) S {
	if len(s) == 0 {
		return nil
	}
	return s
}

func overlaps(a1, a2, b1, b2 int) bool { return a1 <= b2 && b1 <= a2 }

// longerName reports a place name that holds a capital or country named as an actor: "Baghdad
// International Airport", "Mount Lebanon".
func longerName(p geo.Found, h lexicon.Hit) bool {
	return p.First <= h.First && h.Last <= p.Last && p.Last-p.First > h.Last-h.First
}

func isBareCountry(h lexicon.Hit) bool {
	return h.Actor != nil && (h.Actor.Kind == lexicon.KindCountry || h.Actor.Kind == lexicon.KindDemonym)
}

// placeTypeWords end a place phrase: "in Nehm district, Sanaa" files the district under Sanaa.
var placeTypeWords = wordset.SetFrom(map[string]bool{"district": true, "governorate": true, "province": true, "area": true,
	"village": true, "town": true, "city": true, "neighbourhood": true, "neighborhood": true, "camp": true,
	"subdistrict": true, "countryside": true})

// filedUnder reports a name right after "<place type word>," or in brackets: the area a place is
// filed under ("in Nehm district, Sanaa", "Tahrir Square (Baghdad)", "Roumieh prison (Matn, Mount
// Lebanon)"), a place even when it is also a capital standing for its government.
func filedUnder(toks []doc.Token, i int) bool {
	if i < 1 {
		return false
	}
	return toks[i].Punct == "," && placeTypeWords.Has(toks[i-1].Norm) ||
		strings.HasSuffix(toks[i].Punct, "(") ||
		toks[i].Punct == "," && inBrackets(toks, i)
}

// inAside reports a token inside a bracketed aside of at least three words: "(presumably referring
// to rocket or artillery weapons)", not a place's area ("(Al Hudaydah)").
func (s *sentence) inAside(i int) bool {
	open := -1
	for j := i; j >= 0 && i-j <= 12; j-- {
		if j < i && strings.Contains(s.toks[j+1].Punct, ")") {
			return false
		}
		if strings.ContainsAny(s.toks[j].Punct, "([") {
			open = j
			break
		}
	}
	if open < 0 {
		return false
	}
	for j := open + 1; j < len(s.toks) && j <= open+12; j++ {
		if strings.ContainsAny(s.toks[j].Punct, ")]") {
			return j-open >= 3
		}
	}
	return false
}

// buildingOf reports a name after a preposition of place ("outside the", "in front of the", "at
// the"): there it names a building.
func (s *sentence) buildingOf(i int) bool {
	k := i - 1
	if k >= 0 && s.norm(k) == "the" {
		k--
	}
	if k < 0 {
		return false
	}
	switch s.norm(k) {
	case "outside", "of", "at", "near", "to", "into", "toward", "towards", "before", "inside", "stormed", "entered":
		return true
	}
	return false
}

// usedWeapon reports a bare weapon noun that a verb or preposition of use governs: "with
// artillery", "fired artillery", "using drones".
func (s *sentence) usedWeapon(h lexicon.Hit) bool {
	if h.First == 0 || !forceWeapons.Has(s.norm(h.Last)) {
		return false
	}
	k := h.First - 1
	for k > 0 && (weaponQualifiers.Has(s.norm(k)) || s.isCount(k)) && s.toks[k+1].Punct == "" {
		k-- // "with heavy artillery", "launched a number of drones", "fired two armed drones"
	}
	switch s.norm(k) {
	case "with", "fired", "firing", "using", "used", "via", "launched", "launching":
		return true
	}
	return false
}

// weaponQualifiers may stand between a verb of firing and its weapon.
var weaponQualifiers = wordset.SetFrom(map[string]bool{"heavy": true, "light": true, "rocket": true, "a": true,
	"an": true, "the": true, "number": true, "of": true, "several": true, "dozens": true, "series": true,
	"wave": true, "waves": true, "swarm": true, "armed": true, "suicide": true, "kamikaze": true,
	"explosive-laden": true, "bomb-laden": true, "multiple": true, "more": true})

var forceWeapons = wordset.SetFrom(map[string]bool{"artillery": true, "drone": true, "drones": true, "warplanes": true, "warplane": true,
	"jets": true, "aircraft": true, "helicopters": true, "tanks": true, "gunboats": true})

// inGloss reports a token inside a bracketed gloss that guesses at what the text means:
// "(presumably referring to rocket or artillery weapons)", "(likely artillery)".
func (s *sentence) inGloss(i int) bool {
	if !s.inAside(i) {
		return false
	}
	for j := i; j >= 0 && i-j <= 12; j-- {
		if strings.ContainsAny(s.toks[j].Punct, "([") {
			return glossWords.Has(s.norm(j))
		}
	}
	return false
}

var glossWords = wordset.SetFrom(map[string]bool{"presumably": true, "possibly": true, "likely": true, "probably": true, "referring": true, "reportedly": true})

// inBrackets reports a token within a bracket opened a few words back, with nothing closing it in
// between: "(Matn, Mount Lebanon)".
func inBrackets(toks []doc.Token, i int) bool {
	for j := i - 1; j >= 1 && i-j <= 6; j-- {
		if strings.Contains(toks[j].Punct, ")") {
			return false
		}
		if strings.HasSuffix(toks[j].Punct, "(") {
			return true
		}
	}
	return false
}

// isLocative reports whether the word before a name makes it a place: "in Syria", "across Yemen".
func isLocative(cue string) bool { return cue != "" && cue != "by" && cue != "with" }

// cue returns the first cue hit of a kind, or nil.
func (s *sentence) cue(kind string) *lexicon.Hit {
	for i := range s.cues {
		if s.cues[i].Cue.Kind == kind {
			return &s.cues[i]
		}
	}
	return nil
}

// cuesOf returns every cue hit of a kind.
func (s *sentence) cuesOf(kind string) []lexicon.Hit {
	var out []lexicon.Hit
	for _, h := range s.cues {
		if h.Cue.Kind == kind {
			out = append(out, h)
		}
	}
	return out
}

// eachCue yields the cue hits of a kind without collecting them: the role rules ask for them per
// actor.
func (s *sentence) eachCue(kind string) iter.Seq[lexicon.Hit] {
	return func(yield func(lexicon.Hit) bool) {
		for _, h := range s.cues {
			if h.Cue.Kind == kind && !yield(h) {
				return
			}
		}
	}
}

// span is the document span of tokens first..last.
func (s *sentence) span(first, last int) doc.Span {
	return doc.Span{Start: s.toks[first].Span.Start, End: s.toks[last].Span.End}
}

// text is the document text of tokens first..last.
func (s *sentence) text(d doc.Document, first, last int) string {
	sp := s.span(first, last)
	return d.Text[sp.Start:sp.End]
}

// norm is the normalised word at i, or "" out of range.
func (s *sentence) norm(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.toks[i].Norm
}

// qualifyGeneric joins a named actor or a country word to the generic actor right after it: "al-Shabaab
// militants" is al-Shabaab, "Syrian rebels" are rebels of Syria, "Hayat Tahrir al-Sham-led rebels"
// are HTS; and a generic actor to the party it is tied to: "militants linked to al-Qaeda".
func (s *sentence) qualifyGeneric(hits []lexicon.Hit) []lexicon.Hit {
	out := hits[:0]
	for i := 0; i < len(hits); i++ {
		h := hits[i]
		if i+1 < len(hits) && h.Actor.IsGeneric() && !hits[i+1].Actor.IsGeneric() && s.tiedTo(h.Last, hits[i+1].First) {
			party := hits[i+1].Actor
			if !groupKinds.Has(party.Kind) && party.Kind != lexicon.KindCoalition {
				// "a militia loyal to the Ethiopian government" is a militia of Ethiopia
				e := *h.Actor
				e.Country = party.Country
				party = &e
			}
			out = append(out, lexicon.Hit{First: h.First, Last: hits[i+1].Last, Actor: party})
			i++
			continue
		}
		if i+1 < len(hits) && hits[i+1].First == h.Last+1 && isBareCountry(hits[i+1]) && groupKinds.Has(h.Actor.Kind) && !h.Actor.IsGeneric() &&
			s.toks[hits[i+1].First].Punct == "" {
			// "ISIS Yemen", "Hezbollah Lebanon": the country names the group's branch, not a party
			e := *h.Actor
			if e.Country == "" {
				e.Country = hits[i+1].Actor.Country
			}
			out = append(out, lexicon.Hit{First: h.First, Last: hits[i+1].Last, Actor: &e})
			i++
			continue
		}
		led := i+1 < len(hits) && hits[i+1].First == h.Last+2 && s.norm(h.Last+1) == "led" && s.toks[h.Last+1].Hyphen
		if i+1 < len(hits) && (hits[i+1].First == h.Last+1 || led || isBareCountry(h) && s.unitNameBetween(h.Last, hits[i+1].First)) && hits[i+1].Actor.IsGeneric() && !h.Actor.IsGeneric() {
			next := hits[i+1]
			joined := lexicon.Hit{First: h.First, Last: next.Last, Actor: h.Actor}
			if isBareCountry(h) {
				e := *next.Actor
				e.Country = h.Actor.Country
				joined.Actor = &e
			}
			out = append(out, joined)
			i++
			continue
		}
		out = append(out, h)
	}
	return out
}

// tiedTo reports words between a generic actor and a party that make the party its identity:
// "militants linked to al-Qaeda", "gunmen loyal to", "fighters affiliated with".
func (s *sentence) tiedTo(genericLast, partyFirst int) bool {
	gap := partyFirst - genericLast - 1
	if gap < 2 || gap > 3 {
		return false
	}
	w := s.norm(genericLast + 1)
	to := s.norm(genericLast + 2)
	if gap == 3 && !nominalMarkers.Has(s.norm(genericLast+3)) {
		return false
	}
	switch w {
	case "linked", "loyal", "allied", "aligned", "affiliated", "belonging":
		return to == "to" || to == "with"
	}
	return false
}

// modifierSuffixes after a party make it a descriptor of the next word, not a party to the event:
// "a Britain-based monitor", "US-backed forces".
var modifierSuffixes = wordset.SetFrom(map[string]bool{"based": true, "backed": true, "funded": true, "sponsored": true,
	"supported": true, "allied": true, "aligned": true, "trained": true, "armed": true, "controlled": true, "held": true})

// thingNouns after a bare demonym make it describe a thing, not name a party that acts: "passing
// Palestinian vehicles", "Palestinian houses", "Syrian territory" (whose owners may still be the
// target).
var thingNouns = wordset.SetFrom(map[string]bool{"vehicle": true, "vehicles": true, "car": true, "cars": true, "house": true,
	"houses": true, "home": true, "homes": true, "shop": true, "shops": true, "land": true, "lands": true,
	"property": true, "properties": true, "farmland": true, "farmlands": true, "crops": true, "trees": true,
	"olive": true, "flag": true, "flags": true, "territory": true, "airspace": true, "waters": true, "soil": true,
	"border": true, "currency": true, "products": true, "goods": true, "ships": true, "vessels": true})

// unitNameBetween reports one or two capitalised words between tokens a and b, the name of a
// unit: "Iraqi Federal Police", "Turkish Land Forces".
func (s *sentence) unitNameBetween(a, b int) bool {
	if b-a < 2 || b-a > 3 {
		return false
	}
	for k := a + 1; k <= b; k++ {
		if s.toks[k].Punct != "" && s.toks[k].Punct != "-" {
			return false
		}
		if k < b && !startsUpper(s.toks[k].Text) && !forceAdjectives.Has(s.norm(k)) {
			return false
		}
	}
	return true
}

// forceAdjectives may stand between a country and its forces: "Israeli naval forces", "Turkish
// border guards", "Iraqi security forces".
var forceAdjectives = wordset.SetFrom(map[string]bool{"naval": true, "navy": true, "air": true, "border": true,
	"security": true, "special": true, "occupation": true, "ground": true, "riot": true, "armed": true,
	"coast": true, "elite": true, "regular": true, "reserve": true})

// ownerOfThing reports a bare demonym, or "civilian", before a thing noun ("Palestinian vehicles",
// "gunmen in a civilian vehicle").
func (s *sentence) ownerOfThing(h lexicon.Hit) bool {
	k := h.Last + 1
	adjective := h.Actor.Kind == lexicon.KindDemonym || h.First == h.Last && s.norm(h.First) == "civilian"
	return adjective && k < len(s.toks) && s.toks[k].Punct == "" && thingNouns.Has(s.toks[k].Norm)
}

func (s *sentence) dropModifiers() {
	out := s.actors[:0]
	for _, h := range s.actors {
		if k := h.Last + 1; k < len(s.toks) && s.toks[k].Hyphen && modifierSuffixes.Has(s.toks[k].Norm) {
			continue
		}
		if h.First > 0 && s.toks[h.First].Hyphen && s.norm(h.First-1) == "anti" {
			continue // "anti-Houthi forces" fight the Houthis
		}
		if h.Actor.Kind == lexicon.KindGovernment && h.Actor.Country == "" && s.buildingOf(h.First) {
			continue // "protested outside the governor's office": the building, not the office's holder
		}
		if (h.Actor.Kind == lexicon.KindCountry || h.Actor.Kind == lexicon.KindDemonym) && currencyWords.Has(s.norm(h.Last+1)) {
			// "the rise of the US dollar", "the Turkish lira": money, no party
			if n := s.norm(h.Last + 1); s.money == "" && h.Actor.Country != "USA" && n != "euro" && n != "currency" {
				s.money = h.Actor.Country
			}
			continue
		}
		if h.Actor.IsGeneric() && h.Actor.Kind == lexicon.KindMilitary && (s.inGloss(h.First) || s.usedWeapon(h)) {
			// "(presumably referring to rocket or artillery weapons)", "targeted with artillery",
			// "fired artillery at": a weapon, no party
			continue
		}

		out = append(out, h)
	}
	s.actors = out
}

// currencyWords after a country's name make it its money.
var currencyWords = wordset.SetFrom(map[string]bool{"dollar": true, "dollars": true, "lira": true, "liras": true,
	"pound": true, "pounds": true, "rial": true, "rials": true, "riyal": true, "riyals": true, "dinar": true,
	"dinars": true, "currency": true, "toman": true, "tomans": true, "shekel": true, "shekels": true, "euro": true})

// senseOfSeize keeps "seized", "snatched" as abductions only when people are what was taken
// ("seized around 30 residents"); weapons, towns and goods are other triggers' business.
func (s *sentence) senseOfSeize(trigs []lexicon.Hit) []lexicon.Hit {
	out := trigs[:0]
	for _, t := range trigs {
		if t.Action.ACLEDSubType == "Abduction/forced disappearance" && t.Action.Specificity < 3 && !s.peopleAfter(t.Last) {
			if s.placeAfter(t.Last) {
				// "insurgents seized Qadis district headquarters": a place taken
				t.Action = &placeTaken
				out = append(out, t)
			}
			continue
		}
		out = append(out, t)
	}
	return out
}

// setOnFire reads "set <something> on fire" as one arson trigger ("set an activist's car on
// fire"): the words between are what burned, and the subject of "set" burned it.
func (s *sentence) setOnFire(trigs []lexicon.Hit) []lexicon.Hit {
	for i, t := range trigs {
		if s.norm(t.Last) != "fire" || t.First != t.Last || s.norm(t.First-1) != "on" {
			continue
		}
		for k := t.First - 2; k >= 0 && t.First-k <= 7; k-- {
			if n := s.norm(k); n == "set" || n == "sets" || n == "setting" {
				trigs[i] = lexicon.Hit{First: k, Last: t.Last, Action: &arson}
				break
			}
			if s.toks[k+1].Punct != "" {
				break
			}
		}
	}
	return trigs
}

var arson = lexicon.Action{Type: "COERCE", Mode: "seize", CAMEO: "171", ACLEDType: "Strategic developments", ACLEDSubType: "Looting/property destruction", Specificity: 3}

// placeTaken is territory taken: who took it (a state or not) settles the sub-event type.
var placeTaken = lexicon.Action{Type: "ASSAULT", CAMEO: "192", ACLEDType: "Battles", ACLEDSubType: "Non-state actor overtakes territory", Specificity: 3}

// placeAfter reports a place name as the object right after token i: "seized Qadis", "seized the
// town of Tal Tamr".
func (s *sentence) placeAfter(i int) bool {
	k := i + 1
	for ; k < len(s.toks) && k-i <= 6; k++ {
		if s.toks[k].Punct != "" && k > i+1 {
			break
		}
		n := s.norm(k)
		if positionNouns.Has(n) && !(n == "district" && k+1 < len(s.toks) && placeNouns.Has(s.norm(k+1))) {
			// "captured a military base", "seized the district headquarters", "captured on
			// Monday the port of Mokha", "captured five villages"
			return true
		}
		if objectStops.Has(n) {
			break
		}
	}
	for _, p := range s.places {
		if p.First > i && p.First <= i+3 && len(p.Candidates) > 0 && !s.clauseBreakBetween(i, p.First) {
			return true
		}
	}
	return false
}

// objectStops end the object of a verb of taking: "captured two soldiers near the village" took
// no village.
var objectStops = wordset.SetFrom(map[string]bool{"in": true, "near": true, "at": true, "from": true, "with": true, "by": true,
	"for": true, "after": true, "as": true, "to": true, "while": true, "who": true, "which": true, "during": true,
	"outside": true, "inside": true, "around": true, "off": true})

var placeNouns = wordset.SetFrom(map[string]bool{"town": true, "village": true, "city": true, "district": true, "area": true})

// positionNouns are the places and posts a force takes: "captured a military base".
var positionNouns = wordset.SetFrom(map[string]bool{"town": true, "village": true, "city": true, "base": true, "outpost": true,
	"outposts": true, "headquarters": true, "positions": true, "position": true, "hill": true, "hills": true,
	"hilltop": true, "hilltops": true, "airport": true, "airbase": true, "garrison": true, "checkpoint": true,
	"checkpoints": true, "villages": true, "towns": true, "district": true, "post": true, "posts": true,
	"neighborhood": true, "neighbourhood": true, "neighborhoods": true, "neighbourhoods": true, "areas": true,
	"port": true, "camp": true, "camps": true, "region": true, "territory": true, "suburb": true,
	"suburbs": true, "enclave": true, "stronghold": true, "strongholds": true, "island": true, "bridge": true,
	"crossing": true, "ridge": true, "mountain": true, "hamlet": true, "hamlets": true, "buildings": true,
	"compound": true, "compounds": true, "palace": true, "locality": true, "localities": true})

// peopleAfter reports people as the object right after token i: "30 residents", "a teacher",
// "two members of ...".
func (s *sentence) peopleAfter(i int) bool {
	k := i + 1
	for k < len(s.toks) && k-i <= 4 && (approxWords.Has(s.norm(k)) || nominalMarkers.Has(s.norm(k)) || s.isCount(k)) {
		k++
	}
	if countedNouns.Has(s.norm(k)) && !beVerbs.Has(s.norm(k)) {
		return true
	}
	for _, h := range s.actors {
		if h.First == k && (h.Actor.Kind == lexicon.KindCivilians || h.Actor.Kind == lexicon.KindPerson) {
			return true
		}
	}
	return false
}

// dropNamedReports drops report cues written with a capital inside the sentence: "Said" in "Arab
// Said", "Port Said" or "Ali Said" is a name, and the actor before it no source.
func (s *sentence) dropNamedReports(cues []lexicon.Hit) []lexicon.Hit {
	out := cues[:0]
	for _, c := range cues {
		if c.Cue.Kind == "report" && c.First > 0 && s.toks[c.First].Punct == "" && startsUpper(s.toks[c.First].Text) {
			continue
		}
		out = append(out, c)
	}
	return nilIfEmpty(out)
}
