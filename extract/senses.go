package extract

import (
	"github.com/sitrep-dev/sitrep/internal/wordset"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/lexicon"
)

// Triggers are matched on stems, so a trigger word can stand in a sentence in a sense that names no
// event: "the storm" is weather, "a ban on protests" is the ban; and "a checkpoint blocked the
// road" is no demonstration but a restriction. dropFalseTriggers removes or recodes those hits. It
// runs once the sentence's references are resolved, since whether a road block is a protest
// depends on who blocked the road.
func (s *sentence) dropFalseTriggers() {
	if len(s.triggers) == 0 {
		return
	}
	// decide on every hit before removing any: the tests look at the sentence's other triggers
	var buf [16]int8
	verdict := buf[:0]
	if len(s.triggers) > len(buf) {
		verdict = make([]int8, 0, len(s.triggers))
	}
	const keep, drop, block = 0, 1, 2
	for _, t := range s.triggers {
		switch {
		case s.weatherStorm(t.First, t.Last) || s.stormDid(t) || s.bannedProtest(t) || s.weaponBesideVerb(t) || s.riotUnit(t.First, t.Last) || s.launchedNothing(t) || s.capturedNoPlace(t) || s.describedAs(t) || s.handedPeople(t) || s.bodyNotFound(t) || s.checkpointWord(t) || s.withoutWarning(t) || s.bannedGroup(t) || s.mission(t) || s.longFighting(t) || s.passiveInjury(t) || s.forcesMarched(t) || s.attackModifier(t):
			verdict = append(verdict, drop)
		case s.forceRoadBlock(t):
			verdict = append(verdict, block)
		default:
			verdict = append(verdict, keep)
		}
	}
	out := s.triggers[:0]
	for i, t := range s.triggers {
		switch verdict[i] {
		case drop:
			continue
		case block:
			t.Action = &forceBlock
		}
		out = append(out, t)
	}
	s.triggers = nilIfEmpty(out)
	// nor is a storm a sign of rioting ("stormed" is a riot cue too)
	cues := s.cues[:0]
	for _, c := range s.cues {
		if !s.weatherStorm(c.First, c.Last) && !s.riotUnit(c.First, c.Last) {
			cues = append(cues, c)
		}
	}
	s.cues = nilIfEmpty(cues)
}

// weaponBesideVerb reports a trigger that only names a weapon ("IED", a generic row of actions.tsv
// with a weapon's sub-event type) in a sentence whose verb names the attack: "an IED, planted by an
// unknown group, targeted a QSD vehicle" is coded from "targeted", which the roles hang on; the
// weapon still types the event as an instrument cue. A casualty word ("..., killing two soldiers")
// tells the outcome, not the act, and does not take over.
func (s *sentence) weaponBesideVerb(t lexicon.Hit) bool {
	if !namesWeapon(t) {
		return false
	}
	// "the hideouts contained small quantities of IEDs": weapons kept or found are no attack
	for k := t.First - 1; k >= 0 && t.First-k <= 5; k-- {
		if storedVerbs.Has(s.norm(k)) {
			return true
		}
	}
	for _, h := range s.triggers {
		if h.Action.Type == "ASSAULT" && !namesWeapon(h) && !s.isFatalWord(h) {
			return true
		}
	}
	return false
}

var storedVerbs = wordset.SetFrom(map[string]bool{"contained": true, "containing": true, "contains": true, "found": true, "discovered": true,
	"located": true, "uncovered": true, "seized": true, "confiscated": true, "stored": true, "storing": true, "manufacturing": true,
	"manufactured": true, "making": true, "defused": true, "dismantled": true, "cache": true, "caches": true, "depot": true})

func namesWeapon(t lexicon.Hit) bool {
	a := t.Action
	return a.Type == "ASSAULT" && a.Specificity == 1 && a.ACLEDSubType != "Attack"
}

// describedAs reports a verbal trigger used as a participle describing someone: "executed two men
// accused of spying", "a man wanted for killings" names no accusation as the event.
func (s *sentence) describedAs(t lexicon.Hit) bool {
	if t.Action.Type != "ACCUSE" || t.First == 0 || s.norm(t.Last+1) != "of" {
		return false
	}
	return !s.beVerb(t.First-1) && s.norm(t.First-1) != "publicly" && s.toks[t.First].Punct == ""
}

// bannedGroup reports "banned" as the adjective of a group's name ("targets of the banned Kurdistan
// Workers' Party"): no ban was imposed.
func (s *sentence) bannedGroup(t lexicon.Hit) bool {
	if t.First != t.Last || s.norm(t.First) != "banned" || t.Action.Type == "PROTEST" {
		return false
	}
	if p := s.norm(t.First - 1); p != "the" && p != "a" && p != "an" {
		return false // "the government banned the Brotherhood": a ban
	}
	for _, h := range s.actors {
		if h.First > t.Last && h.First <= t.Last+2 {
			return true
		}
	}
	return false
}

// checkpointWord reports "interception" used, as in Iraqi English, for a checkpoint ("killed a
// civilian on the interception near Dabshiya"): no weapon was stopped.
func (s *sentence) checkpointWord(t lexicon.Hit) bool {
	return t.Action.ACLEDSubType == "Disrupted weapons use" && s.norm(t.First) == "interception"
}

// withoutWarning reports "warning" in "fired without warning": no threat, an attack.
func (s *sentence) withoutWarning(t lexicon.Hit) bool {
	return t.Action.Type == "THREATEN" && s.norm(t.First) == "warning" && s.norm(t.First-1) == "without"
}

// bodyNotFound reports "the body of", "bodies of" in a sentence that finds no body: the phrase
// names a killing only where a body was found ("the body of a man was found with gunshot wounds"),
// not where bodies were handed over or buried.
func (s *sentence) bodyNotFound(t lexicon.Hit) bool {
	if n := s.norm(t.First); n != "the" && n != "bodies" || t.Action.Type != "ASSAULT" {
		return false
	}
	for k := range s.toks {
		switch s.norm(k) {
		case "found", "discovered", "recovered", "retrieved", "uncovered":
			return false
		}
	}
	return true
}

// handedOverThings are what is handed over that is no territory: "handed over the bodies of ten
// fighters", "handed over two detainees".
var handedOverThings = wordset.SetFrom(map[string]bool{"bodies": true, "body": true, "remains": true, "prisoners": true,
	"prisoner": true, "detainees": true, "detainee": true, "hostages": true, "hostage": true, "suspects": true,
	"suspect": true, "captives": true, "weapons": true, "corpses": true})

// handedPeople reports "handed over" with people, bodies or weapons as its object.
func (s *sentence) handedPeople(t lexicon.Hit) bool {
	if t.Action.Type != "RETREAT" || s.norm(t.First) != "handed" {
		return false
	}
	for k := t.Last + 1; k < len(s.toks) && k <= t.Last+4; k++ {
		if handedOverThings.Has(s.norm(k)) {
			return true
		}
	}
	return false
}

// capturedNoPlace reports "captured" (or "occupied") with no place or position as its object:
// "captured two soldiers" is no territory taken.
func (s *sentence) capturedNoPlace(t lexicon.Hit) bool {
	if n := s.norm(t.First); t.First != t.Last || n != "captured" && !strings.HasPrefix(n, "occup") {
		return false
	}
	return t.Action.ACLEDSubType == "Non-state actor overtakes territory" && !s.placeAfter(t.Last)
}

// launchedNothing reports "launched" with no weapon as its object: "launched 120 drones and seven
// missiles at Ukraine" is an attack, "launched an investigation" is not.
func (s *sentence) launchedNothing(t lexicon.Hit) bool {
	if t.First != t.Last || s.norm(t.First) != "launched" {
		return false
	}
	for c := range s.eachCue("instrument") {
		if c.First > t.Last && c.First-t.Last <= 5 {
			return false
		}
	}
	return true
}

// riotUnit reports "riot" naming a police unit or its kit: "riot police dispersed protesters",
// "officers in riot gear".
func (s *sentence) riotUnit(first, last int) bool {
	if first != last || s.norm(first) != "riot" {
		return false
	}
	switch s.norm(last + 1) {
	case "police", "policemen", "officers", "gear", "squad", "squads", "units", "unit", "control", "shields", "troops", "forces":
		return true
	}
	return false
}

// stormDid reports a generic verb whose subject is a storm: "a severe storm hit Gaza", "Storm
// Daniel struck Derna".
func (s *sentence) stormDid(t lexicon.Hit) bool {
	if t.Action.Specificity != 1 {
		return false
	}
	k := t.First - 1
	for k > 0 && startsUpper(s.toks[k].Text) {
		k-- // the storm's name
	}
	if k >= 0 && s.weatherStorm(k, k) {
		return true
	}
	// a participle after the storm's verb goes on telling what the storm did: "..., killing thousands"
	if !strings.HasSuffix(s.norm(t.First), "ing") {
		return false
	}
	for _, h := range s.triggers {
		if h.Last < t.First && h.Action.Specificity == 1 && s.stormDid(h) {
			return true
		}
	}
	return false
}

// weatherWords near "storm" make it weather.
var weatherWords = wordset.SetFrom(map[string]bool{"rain": true, "rains": true, "rainfall": true, "wind": true, "winds": true, "snow": true,
	"snowfall": true, "flood": true, "floods": true, "flooding": true, "flooded": true, "weather": true, "thunder": true,
	"thunderstorm": true, "lightning": true, "hail": true, "surge": true, "cyclone": true, "hurricane": true, "typhoon": true,
	"tropical": true, "dust": true, "sand": true, "sandstorm": true, "winter": true, "snowstorm": true, "rainstorm": true,
	"torrential": true, "meteorological": true, "forecast": true, "gusts": true, "downpour": true, "trees": true})

// stormNounMarkers before "storm" make it the noun: "the storm", "a severe storm".
var stormNounMarkers = wordset.SetFrom(map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "severe": true,
	"heavy": true, "powerful": true, "major": true, "strong": true, "violent": true, "fierce": true, "huge": true,
	"massive": true, "deadly": true, "big": true, "latest": true, "last": true, "first": true, "another": true})

// weatherStorm reports "storm" the noun (weather), which shares its stem with "stormed" (a riot or an
// assault): "The storm felled trees", "a storm brought heavy rain". "Stormed", "storming" and
// "protesters storm the building" stay triggers.
func (s *sentence) weatherStorm(first, last int) bool {
	if first != last {
		return false
	}
	if w := s.norm(first); w != "storm" && w != "storms" {
		return false
	}
	if first > 0 && (stormNounMarkers.Has(s.norm(first-1)) || weatherWords.Has(s.norm(first-1))) {
		return true
	}
	if first == 0 && first+1 < len(s.toks) && startsUpper(s.toks[first+1].Text) {
		return true // a named storm: "Storm Daniel hit Derna"
	}
	for k := max(0, first-3); k <= first+3 && k < len(s.toks); k++ {
		if weatherWords.Has(s.norm(k)) {
			return true
		}
	}
	return false
}

// banWords forbid what follows them ("a ban on rallies", "prohibited demonstrations") or, in the
// passive, what precedes them ("protests were banned").
var banWords = wordset.SetFrom(map[string]bool{"ban": true, "bans": true, "banned": true, "banning": true, "prohibit": true,
	"prohibits": true, "prohibited": true, "prohibiting": true, "prohibition": true, "forbid": true, "forbids": true,
	"forbade": true, "forbidden": true, "forbidding": true, "outlaw": true, "outlaws": true, "outlawed": true, "outlawing": true})

// banFillers may stand between a ban word and what it bans: "a ban on all public marches, protests
// and rallies".
var banFillers = wordset.SetFrom(map[string]bool{"on": true, "of": true, "a": true, "an": true, "the": true, "all": true, "any": true,
	"further": true, "public": true, "new": true, "planned": true, "and": true, "or": true, "street": true, "mass": true,
	"future": true, "large": true, "unauthorised": true, "unauthorized": true, "unlicensed": true, "gatherings": true,
	"sit": true, "ins": true, "in": true, "holding": true, "organising": true, "organizing": true, "staging": true,
	"forms": true, "kinds": true, "types": true, "press": true, "conferences": true, "conference": true, "statements": true,
	"meetings": true, "events": true, "other": true, "political": true, "outdoor": true, "open": true, "air": true})

// bannedProtest reports a protest word that is what a ban forbids: "the governor issued a ban on
// marches, protests and rallies" reports the ban, not a protest.
func (s *sentence) bannedProtest(t lexicon.Hit) bool {
	if t.Action.Type != "PROTEST" {
		return false
	}
	for k := t.First - 1; k >= 0 && t.First-k <= 8; k-- {
		w := s.norm(k)
		if banWords.Has(w) {
			return true
		}
		if !banFillers.Has(w) && !s.protestWordAt(k) {
			break
		}
	}
	// "protests were banned", "rallies are prohibited"
	k := t.Last + 1
	for k < len(s.toks) && k-t.Last <= 3 && (beVerbs.Has(s.norm(k)) || s.norm(k) == "also" || s.norm(k) == "now") {
		k++
	}
	return k > t.Last+1 && banWords.Has(s.norm(k))
}

// protestWordAt reports a protest trigger over token k: the other items of a list of banned gatherings.
func (s *sentence) protestWordAt(k int) bool {
	for _, h := range s.triggers {
		if h.Action.Type == "PROTEST" && h.First <= k && k <= h.Last {
			return true
		}
	}
	return false
}

// forceBlock is a road block by forces: a restriction of movement, coded as the curfews and closed
// crossings of actions.tsv are.
var forceBlock = lexicon.Action{Type: "COERCE", Mode: "restrict", CAMEO: "172", ACLEDType: "Strategic developments", ACLEDSubType: "Other", Specificity: 2}

// forceRoadBlock reports a road block (a protest trigger only below the words that name a protest)
// done by armed or state forces: "a regime checkpoint blocked the road" restricts movement, it is no
// demonstration. Only civilians, protesters and civilian groups block roads in protest.
func (s *sentence) forceRoadBlock(t lexicon.Hit) bool {
	if t.Action.ACLEDType != "Protests" || t.Action.Specificity != 2 {
		return false
	}
	if s.hasProtestWord() {
		return false
	}
	for k := len(s.actors) - 1; k >= 0; k-- {
		h := s.actors[k]
		if h.Last >= t.First {
			continue
		}
		switch h.Actor.Kind {
		case lexicon.KindCivilians, lexicon.KindProtesters, lexicon.KindPerson, lexicon.KindOrg:
			return false
		}
		return true
	}
	// with no party named, the force may be in the words right before the verb
	for k := max(0, t.First-3); k < t.First; k++ {
		if forceNouns.Has(s.norm(k)) {
			return true
		}
	}
	return false
}

// forceNouns are armed posts and units that are not actors in the dictionaries.
var forceNouns = wordset.SetFrom(map[string]bool{"checkpoint": true, "checkpoints": true, "regime": true, "army": true, "military": true,
	"troops": true, "soldiers": true, "police": true, "militia": true, "militiamen": true, "tanks": true, "forces": true,
	"roadblock": true, "gunmen": true, "fighters": true, "patrol": true})

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// mission reports a trigger that names a force's task, not something it did: "the coalition tasked
// with fighting Daesh", "forces charged with combating terrorism".
func (s *sentence) mission(t lexicon.Hit) bool {
	switch s.norm(t.First - 1) {
	case "with":
		p := s.norm(t.First - 2)
		return p == "tasked" || p == "charged" || p == "entrusted" || p == "mandated"
	case "of":
		return s.norm(t.First-2) == "charge" // "in charge of fighting"
	}
	return false
}

// longFighting reports a span of fighting counted in weeks, months or years ("ending eight weeks
// of fighting", "after years of clashes"): the war a report recalls, not an event of its day.
func (s *sentence) longFighting(t lexicon.Hit) bool {
	if t.Action.ACLEDSubType != "Armed clash" || s.norm(t.First-1) != "of" {
		return false
	}
	switch s.norm(t.First - 2) {
	case "weeks", "months", "years", "decades":
		return true
	}
	return false
}

// missionObject reports the party a force's task is against ("the coalition tasked with fighting
// the Islamic State withdrew"): not the subject of the verb after it.
func (s *sentence) missionObject(h lexicon.Hit) bool {
	k := h.First - 1
	if nominalMarkers.Has(s.norm(k)) {
		k--
	}
	return k >= 0 && strings.HasSuffix(s.norm(k), "ing") && s.mission(lexicon.Hit{First: k, Last: k})
}

// passiveInjury reports "wounded" or "injured" beside another trigger of the sentence, said of the
// victims ("four people were injured", "were seriously wounded in the blast") or with no object:
// an injury is an event's trigger only when someone does it to someone ("a sniper wounded a
// child", "injured by Saudi artillery"); otherwise it is a toll, and a toll alone may be an
// accident's.
func (s *sentence) passiveInjury(t lexicon.Hit) bool {
	if t.First != t.Last || !injuryWords.Has(s.norm(t.First)) {
		return false
	}
	for _, o := range s.triggers {
		if !injuryWords.Has(s.norm(o.Last)) {
			return true // another word tells the event; the wound is its toll
		}
	}
	k := t.First
	if s.norm(k+1) == "by" && k+1 < len(s.toks) && s.toks[k+1].Punct == "" {
		return false // "were injured by Saudi artillery": the agent did it
	}
	if k == 0 || s.beVerb(k-1) || strings.HasSuffix(s.norm(k-1), "ly") && s.beVerb(k-2) || injuryBefore.Has(s.norm(k-1)) || s.isCount(k-1) {
		return true // passive, or an adjective: "two wounded soldiers", "the wounded"
	}
	if k+1 >= len(s.toks) || s.toks[k+1].Punct != "" {
		return true
	}
	return injuryEnds.Has(s.norm(k + 1))
}

// injuryBefore before "wounded" make it a list's toll or an adjective.
var injuryBefore = wordset.SetFrom(map[string]bool{"and": true, "or": true, "the": true, "a": true, "an": true, "his": true,
	"her": true, "their": true, "its": true, "of": true, "were": true, "was": true, "been": true, "being": true,
	"got": true, "left": true, "critically": true, "seriously": true, "lightly": true, "slightly": true, "badly": true})

// injuryEnds after "wounded" leave it without an object: "wounded in the blast", "injured when".
var injuryEnds = wordset.SetFrom(map[string]bool{"in": true, "by": true, "when": true, "after": true, "as": true,
	"during": true, "while": true, "at": true, "on": true, "and": true, "or": true, "from": true, "following": true})

// forcesMarched reports "marched" said of armed forces: "troops marched deeper into a rebel-held
// neighbourhood" is an advance, not a demonstration.
func (s *sentence) forcesMarched(t lexicon.Hit) bool {
	if t.First != t.Last || t.Action.Type != "PROTEST" || !strings.HasPrefix(s.norm(t.First), "march") {
		return false
	}
	forces := false
	for _, h := range s.actors {
		switch h.Actor.Kind {
		case lexicon.KindProtesters, lexicon.KindCivilians:
			return false // a crowd marched
		case lexicon.KindMilitary, lexicon.KindArmedGroup, lexicon.KindMilitia, lexicon.KindCoalition:
			forces = forces || h.Last < t.First
		}
	}
	return forces
}

// attackModifier reports "attack" naming a kind of weapon with no party before it: "one-way attack
// drones", "designed to ram attack drones" are machines, not an attack.
func (s *sentence) attackModifier(t lexicon.Hit) bool {
	if t.First != t.Last || s.norm(t.First) != "attack" || t.Last+1 >= len(s.toks) || s.toks[t.Last+1].Punct != "" ||
		!attackVehicles.Has(s.norm(t.Last+1)) {
		return false
	}
	for _, h := range s.actors {
		if h.Last == t.First-1 {
			return false // "Russian attack helicopters struck ...": the party's machines attacking
		}
	}
	return true
}

var attackVehicles = wordset.SetFrom(map[string]bool{"drone": true, "drones": true, "helicopter": true, "helicopters": true,
	"aircraft": true, "submarine": true, "submarines": true, "boat": true, "boats": true, "jets": true, "jet": true,
	"craft": true, "uav": true, "uavs": true, "dog": true, "dogs": true})
