package extract

import (
	"github.com/sitrep-dev/sitrep/internal/wordset"
	"slices"
	"strings"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/lexicon"
)

type roles struct {
	actor1, actor2 *doc.Actor
	unclear        bool // the roles were read against the usual order: confidence goes down
}

var beVerbs = wordset.SetFrom(map[string]bool{"was": true, "were": true, "been": true, "being": true, "is": true, "are": true, "got": true})

// words that introduce the target after a trigger: "strikes on", "attack against", "targeting"
var targetPreps = wordset.SetFrom(map[string]bool{"on": true, "against": true, "targeting": true, "at": true, "upon": true, "hitting": true, "killing": true, "into": true})

// words that end a clause for role purposes
var clauseBreaks = wordset.SetFrom(map[string]bool{";": true, ":": true, "—": true, "–": true})

// determiners and modifiers that mark a trigger as a noun: "an airstrike", "the attack", "a new wave of"
var nominalMarkers = wordset.SetFrom(map[string]bool{"a": true, "an": true, "the": true, "its": true, "their": true, "his": true, "her": true, "new": true, "fresh": true, "deadly": true, "suspected": true, "latest": true, "second": true, "another": true, "heavy": true, "renewed": true, "of": true})

// escortOf reports a party named as another's escort: "settlers, under the protection of Israeli
// soldiers, assaulted shepherds" (the settlers assault).
func (s *sentence) escortOf(i int) bool {
	if i < 2 {
		return false
	}
	switch [2]string{s.norm(i - 2), s.norm(i - 1)} {
	case [2]string{"protection", "of"}, [2]string{"escorted", "by"}, [2]string{"escort", "of"}, [2]string{"guarded", "by"}:
		return true
	}
	return false
}

func (x *Extractor) assignRoles(s *sentence, trig lexicon.Hit, st *docState) roles {
	var r roles
	before, after := -1, -1 // nearest actor hit before the trigger, first after
	support := s.inSupport(trig.First)
	for i, h := range s.actors {
		if h.Last < trig.First {
			if !support && s.inSupport(h.First) || s.ownerOfThing(h) || s.missionObject(h) || s.escortOf(h.First) {
				// "Turkish warplanes, supported by artillery, struck": artillery backs the act;
				// "settlers hurled stones at Palestinian vehicles and clashed": vehicles do not clash
				continue
			}
			if !s.isSourceActor(h) || before < 0 {
				before = i
			}
		} else if h.First > trig.Last && after < 0 && !s.clauseBreakBetween(trig.Last, h.First) && !s.isSourceActor(h) {
			after = i
		}
	}
	if subj := s.participleSubject(trig); subj >= 0 {
		// "NDS forces raided a hideout in Khogyani, killing four militants and arresting two": the
		// raiders kill and arrest, not the last party named before the participle
		before = subj
	}
	passive := trig.First > 0 && (s.beVerb(trig.First-1) || s.beVerb(trig.First-2) && s.norm(trig.First-1) != "" ||
		// "were captured and detained by the coast guard"
		s.norm(trig.First-1) == "and" && strings.HasSuffix(s.norm(trig.First-2), "ed") && s.beVerb(trig.First-3))
	by := -1 // actor after "by" following the trigger
	for i, h := range s.actors {
		if h.First > trig.Last && h.First-trig.Last <= 6 && s.precededBy(h.First, "by") {
			by = i
			break
		}
	}
	if k := s.killedBy(trig); k >= 0 && s.discovery(trig) {
		// "a young man's body was found near Jasim, killed by unknown gunmen": the killers act,
		// the dead are the target; in "police found the body of a man, killed by gunmen" the
		// finders are neither
		r := roles{actor1: x.actor(s, s.actors[k], st, true)}
		switch first := s.norm(trig.First); {
		case first != "found" && first != "discovered" && before >= 0:
			r.actor2 = x.actor(s, s.actors[before], st, false) // "a man's body was found"
		case after >= 0 && s.actors[after].First-trig.Last <= 4:
			r.actor2 = x.actor(s, s.actors[after], st, false) // "found the body of a young man"
		}
		return r
	}
	target := -1 // actor after a target preposition following the trigger
	for i, h := range s.actors {
		if h.First > trig.Last && h.First-trig.Last <= 8 && s.precededByAny(h.First, &targetPreps) && !s.isSourceActor(h) {
			target = i
			break
		}
	}
	adjacent := s.adjacentActor(trig.First)
	if adjacent >= 0 && (s.missionObject(s.actors[adjacent]) || s.escortOf(s.actors[adjacent].First)) {
		// "tasked with fighting the Islamic State withdrew": IS did not withdraw; "under the
		// protection of Israeli soldiers assaulted": the soldiers escort, they do not assault
		adjacent = -1
	}
	nominal := trig.First > 0 && (nominalMarkers.Has(s.norm(trig.First-1)) || s.toks[trig.First-1].Possessive || adjacent >= 0)

	b1, b2 := s.between(trig)
	elliptic := false // "Russian and Turkish troops": both sides are troops
	if b1 < 0 && (symmetric(trig) || s.exchange(trig)) && !s.withParty(trig) {
		b1, b2 = s.coordinated(trig)
		elliptic = b1 >= 0 && isBareCountry(s.actors[b1]) && !isBareCountry(s.actors[b2])
	}
	switch {
	case b1 >= 0:
		r.actor1 = x.actor(s, s.actors[b1], st, true)
		if b2 >= 0 {
			r.actor2 = x.actor(s, s.actors[b2], st, true)
		}
		if elliptic && r.actor2.Country != "" {
			kind := r.actor2.Kind
			if kind == lexicon.KindMilitary || kind == lexicon.KindPolice || kind == lexicon.KindGovernment {
				r.actor1.Kind, r.actor1.Name = kind, lexicon.GenericKindName(kind, x.lex.CountryName(r.actor1.Country))
			}
		}
	case passive:
		if by >= 0 {
			r.actor1 = x.actor(s, s.actors[by], st, true)
		}
		if before >= 0 {
			r.actor2 = x.actor(s, s.actors[before], st, false)
		}
	case nominal:
		if adjacent >= 0 {
			r.actor1 = x.actor(s, s.actors[s.coordinatedHead(adjacent)], st, true)
		} else if by >= 0 {
			r.actor1 = x.actor(s, s.actors[by], st, true)
		} else if before >= 0 && !s.isSourceActor(s.actors[before]) && (before != s.passiveVictim(trig) || s.fallenSide(trig, before)) {
			if subj, ok := s.objectOf(before); ok {
				// "it had killed a Hezbollah commander in a drone strike": the party before the
				// noun is the object of another verb, whose subject acts
				if subj >= 0 {
					r.actor1 = x.actor(s, s.actors[subj], st, true)
				}
				if target < 0 {
					target = before
				}
			} else {
				// "Israel launched an airstrike": the subject of a light verb acts (the first of
				// coordinated subjects: "Giants Brigade and pro-Hadi forces launched attacks")
				r.actor1 = x.actor(s, s.actors[s.coordinatedHead(before)], st, true)
			}
		}
		if target >= 0 {
			r.actor2 = x.actor(s, s.actors[target], st, false)
		} else if after >= 0 && after != by {
			r.actor2 = x.actor(s, s.actors[after], st, false)
			r.unclear = true
		}
	default:
		shared := -1 // "IS militants killed two shepherds and abducted three others": one subject, two verbs
		if before >= 0 && s.actors[before].Last == trig.First-2 && s.norm(trig.First-1) == "and" {
			if subj, ok := s.objectOf(before); ok && subj >= 0 {
				shared = subj
			} else if subj := s.partnerOf(before); subj >= 0 {
				// "pro-Hadi forces clashed with Houthi forces and took control of Jabal Ladah"
				shared = subj
			}
		}
		switch {
		case shared >= 0:
			r.actor1 = x.actor(s, s.actors[s.coordinatedHead(shared)], st, true)
		case before >= 0 && (before != s.passiveVictim(trig) || s.fallenSide(trig, before)):
			r.actor1 = x.actor(s, s.actors[s.coordinatedHead(before)], st, true)
		case by >= 0:
			// "three people were killed in airstrikes conducted by Turkish drones": the victims do
			// not act, the agent after "by" does
			r.actor1 = x.actor(s, s.actors[by], st, true)
		}
		switch {
		case target >= 0 && target != by:
			r.actor2 = x.actor(s, s.actors[target], st, false)
		case after >= 0 && after != by:
			r.actor2 = x.actor(s, s.actors[after], st, false)
		case shared >= 0:
			r.actor2 = x.actor(s, s.actors[before], st, false) // "... and abducted three others"
		}
		if r.actor1 == nil && r.actor2 != nil && by < 0 {
			r.unclear = true
		}
	}
	if r.actor2 == nil && trig.Action.Type == "ASSAULT" {
		r.actor2 = x.victims(s, trig, st)
	}
	if r.actor2 == nil && trig.Action.Type == "ASSAULT" {
		// "two people were killed in an Israeli strike": the subject of the passive was hit
		if v := s.passiveVictim(trig); v >= 0 {
			r.actor2 = x.actor(s, s.actors[v], st, false)
		}
	}
	if r.actor1 != nil && r.actor2 != nil && r.actor1.Span == r.actor2.Span {
		r.actor2 = nil
	}
	return r
}

// adjacentActor returns the actor hit that ends right before token i ("Israeli airstrike", "an IS
// attack", "Russia's shelling"), skipping one article, or -1.
func (s *sentence) adjacentActor(i int) int {
	for k, h := range s.actors {
		// an actor phrase may share its last word with the trigger: "Ukrainian drone" + "drone attack"
		if h.First < i && (h.Last == i-1 || h.Last == i || (h.Last == i-2 && nominalMarkers.Has(s.norm(i-1)))) && !s.punctBetween(h.Last, i) {
			return k
		}
	}
	return -1
}

// participleSubject returns the subject of the clause a participle trigger hangs on (", killing
// four", ", killing four and arresting two"): the sentence's first party that no preposition
// governs, or -1 when the trigger is no such participle.
func (s *sentence) participleSubject(trig lexicon.Hit) int {
	if !s.participle(trig.First) {
		return -1
	}
	for i, h := range s.actors {
		if h.Last >= trig.First {
			break
		}
		if s.isSourceActor(h) || s.inSupport(h.First) || s.ownerOfThing(h) || h.First > 0 && subjectlessPreps.Has(s.norm(h.First-1)) {
			continue
		}
		return i
	}
	return -1
}

// participle reports an -ing word that opens a clause after a comma, or follows "and" after such a
// clause: ", killing four militants and arresting two".
func (s *sentence) participle(i int) bool {
	if i <= 0 || !strings.HasSuffix(s.norm(i), "ing") {
		return false
	}
	if p := s.toks[i].Punct; p == "," {
		return true
	}
	if s.norm(i-1) != "and" {
		return false
	}
	for k := i - 2; k > 0 && k >= i-8; k-- {
		if s.toks[k].Punct == "," && strings.HasSuffix(s.norm(k), "ing") {
			return true
		}
		if s.toks[k].Punct != "" {
			return false
		}
	}
	return false
}

// subjectlessPreps govern a party that is no subject: "against the Taliban", "in Kabul".
var subjectlessPreps = wordset.SetFrom(map[string]bool{"against": true, "on": true, "in": true, "at": true, "with": true, "of": true,
	"by": true, "from": true, "near": true, "into": true, "to": true, "for": true, "targeting": true})

// personNoun reports a demonym at token i used as a noun for one person ("a Palestinian stabbed",
// "an Iraqi who"), not as an adjective ("an Israeli airstrike").
func (s *sentence) personNoun(i int) bool {
	if i+1 >= len(s.toks) || s.toks[i+1].Punct != "" {
		return true
	}
	switch n := s.norm(i + 1); n {
	case "was", "who", "had", "has", "is", "and":
		return true
	default:
		return strings.HasSuffix(n, "ed")
	}
}

// attackAfter reports an attack word right after token i ("Russian assaults", "Israeli strikes").
func (s *sentence) attackAfter(i int) bool {
	for _, t := range s.triggers {
		if t.First == i+1 && t.Action.Type == "ASSAULT" && !strings.HasSuffix(s.norm(t.First), "ed") {
			return true
		}
	}
	return false
}

// forceCountryBefore is the country of the force named last before a in its sentence, joined to
// it by "and" or a comma: the same country's other arm ("Turkish army warplanes and helicopters").
func (s *sentence) forceCountryBefore(a *doc.Actor) string {
	for i := len(s.actors) - 1; i >= 0; i-- {
		h := s.actors[i]
		if s.span(h.First, h.Last).Start >= a.Span.Start {
			continue
		}
		if h.Actor.Country == "" || h.Actor.Kind != lexicon.KindMilitary && h.Actor.Kind != lexicon.KindPolice {
			return ""
		}
		if k := h.Last + 1; k < len(s.toks) && (s.norm(k) == "and" || s.toks[k].Punct == ",") && s.span(k+1, k+1).Start <= a.Span.Start {
			return h.Actor.Country
		}
		return ""
	}
	return ""
}

// discovery reports a trigger that tells of the dead found ("a man's body was found", "found
// dead"): the people before it are the victims, the killers come after "by" if at all.
func (s *sentence) discovery(trig lexicon.Hit) bool {
	for k := trig.First; k <= trig.Last; k++ {
		if n := s.norm(k); n == "found" || n == "discovered" {
			return true
		}
	}
	return false
}

// killedBy returns the actor after "killed by", "shot by" and the like after the trigger, or -1.
func (s *sentence) killedBy(trig lexicon.Hit) int {
	for i, h := range s.actors {
		if h.First > trig.Last+1 && s.norm(h.First-1) == "by" && killVerbs.Has(s.norm(h.First-2)) {
			return i
		}
	}
	return -1
}

// beVerb reports a form of "be" at token i that is not the acronym of a party: "IS militants
// killed a shepherd" has no passive.
func (s *sentence) beVerb(i int) bool {
	if i < 0 || i >= len(s.toks) || !beVerbs.Has(s.norm(i)) {
		return false
	}
	for _, h := range s.actors {
		if h.First <= i && i <= h.Last {
			return false
		}
	}
	return true
}

// punctBetween reports punctuation between tokens a and b (a < b): "artillery, struck" is no
// "artillery strike".
func (s *sentence) punctBetween(a, b int) bool {
	for k := a + 1; k <= b && k < len(s.toks); k++ {
		if p := s.toks[k].Punct; p != "" && p != "-" {
			return true
		}
	}
	return false
}

// between finds "between X and Y" after the trigger: both sides of a clash.
func (s *sentence) between(trig lexicon.Hit) (int, int) {
	for k := trig.Last + 1; k < len(s.toks) && k <= trig.Last+4; k++ {
		if s.norm(k) != "between" {
			continue
		}
		first, second := -1, -1
		for i, h := range s.actors {
			if h.First > k && (s.isSourceActor(h) || s.clauseBreakBetween(k, h.First) || s.punctBetween(k, h.First)) {
				break // "clashes between the two sides, Turkish media said": the sides are not named
			}
			if h.First > k && first < 0 {
				first = i
			} else if first >= 0 && h.First > s.actors[first].Last && second < 0 {
				second = i
			}
		}
		return first, second
	}
	return -1, -1
}

// precededBy reports whether word stands right before token i, articles and modifiers skipped ("by a
// Turkish drone").
func (s *sentence) precededBy(i int, word string) bool {
	k := i - 1
	for k >= 0 && i-k <= 3 && nominalMarkers.Has(s.norm(k)) && s.norm(k) != word {
		k--
	}
	return k >= 0 && s.norm(k) == word
}

func (s *sentence) precededByAny(i int, words *wordset.Set) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if words.Has(s.norm(k)) {
			return true
		}
		if !nominalMarkers.Has(s.norm(k)) && k != i-1 {
			return false
		}
	}
	return false
}

func (s *sentence) clauseBreakBetween(a, b int) bool {
	for k := a + 1; k <= b && k < len(s.toks); k++ {
		if p := s.toks[k].Punct; p != "" && clauseBreaks.Has(p) {
			return true
		}
	}
	return false
}

// isSourceActor reports an actor that is cited rather than acting: "according to the army", "the
// ministry said".
func (s *sentence) isSourceActor(h lexicon.Hit) bool {
	if h.First >= 2 && s.norm(h.First-2) == "according" && s.norm(h.First-1) == "to" {
		return true
	}
	if h.First >= 3 && s.norm(h.First-3) == "according" && s.norm(h.First-2) == "to" {
		return true
	}
	for c := range s.eachCue("report") {
		if nounReport.Has(s.norm(c.First)) {
			continue // "military posts", "Kaduna state": a report verb's stem, but a noun
		}
		switch {
		case c.First == h.Last+1 && s.claimsAct(c):
			// "JNIM claimed an attack": a claimant acts
			return false
		case c.First == h.Last+1:
			return true
		case c.First > h.Last+1 && c.First-h.Last <= 6 && s.onlyPlaceWords(h.Last+1, c.First-1):
			// "Police in Nigeria's Zamfara State said"
			return true
		case c.Last < h.First && h.First-c.Last <= 2 && (c.Last+1 == h.First || nominalMarkers.Has(s.norm(c.Last+1))) &&
			s.toks[c.First].Punct == ",":
			// ", said the army"
			return true
		}
	}
	return false
}

var nounReport = wordset.SetFrom(map[string]bool{"post": true, "posts": true, "state": true, "states": true})

// isClaimant reports a party that claims an attack ("the Islamic State claimed the bombing"): it
// acts, and it is also the source of the claim.
func (s *sentence) isClaimant(h lexicon.Hit) bool {
	for c := range s.eachCue("report") {
		if c.First == h.Last+1 && s.claimsAct(c) {
			return true
		}
	}
	return false
}

// onlyPlaceWords reports whether tokens first..last describe where a speaker is ("in Nigeria's
// Zamfara State", "in Kabul") and nothing else: no action, no other party, no clause break.
func (s *sentence) onlyPlaceWords(first, last int) bool {
	if s.norm(first) != "in" && s.norm(first) != "from" && s.norm(first) != "for" {
		return false
	}
	for k := first; k <= last; k++ {
		if s.toks[k].Punct != "" {
			return false
		}
		for _, t := range s.triggers {
			if t.First <= k && k <= t.Last {
				return false
			}
		}
		for _, h := range s.actors {
			if h.First <= k && k <= h.Last {
				return false
			}
		}
	}
	return true
}

// symmetric triggers name actions of two sides alike: "X and Y clashed", "X and Y agreed".
func symmetric(trig lexicon.Hit) bool {
	switch trig.Action.Type {
	case "AGREE", "CONSULT", "COOPERATE":
		return true
	}
	return trig.Action.ACLEDSubType == "Armed clash" && trig.Action.Specificity == 3
}

// withParty reports a party after the trigger introduced by "with" ("held talks with a Hamas
// delegation"): then the parties before the trigger are one side.
func (s *sentence) withParty(trig lexicon.Hit) bool {
	for _, h := range s.actors {
		if h.First > trig.Last && h.First-trig.Last <= 4 && s.precededBy(h.First, "with") {
			return true
		}
	}
	return false
}

// coordinated finds "X and Y" right before a trigger ("Al-Shabaab militants and Somali troops
// fought"): the first side is actor1, the second actor2.
func (s *sentence) coordinated(trig lexicon.Hit) (int, int) {
	for i := 0; i+1 < len(s.actors); i++ {
		a, b := s.actors[i], s.actors[i+1]
		// one modifier may stand before the second side: "Houthi fighters and government troops",
		// "Houthi forces and pro-Hadi forces"
		gap := 3
		if p := s.norm(a.Last + 2); p == "pro" || p == "anti" {
			gap = 4
		}
		if b.Last >= trig.First || trig.First-b.Last > 3 || b.First < a.Last+2 || b.First > a.Last+gap || s.norm(a.Last+1) != "and" {
			continue
		}
		if s.clauseBreakBetween(a.First, trig.First) || i+2 < len(s.actors) && s.actors[i+2].Last < trig.First {
			continue
		}
		return i, i + 1
	}
	return -1, -1
}

// fallenSide reports armed dead who were a side of the clash that killed them: "two PKK
// militants were killed in clashes with Turkish forces" names the PKK as a party.
func (s *sentence) fallenSide(trig lexicon.Hit, i int) bool {
	a := s.actors[i].Actor
	return symmetric(trig) && (armedKinds.Has(a.Kind) || a.Kind == lexicon.KindMilitia) && s.withParty(trig)
}

// coordinatedHead is the first of the parties joined by "and" that end at actor hit i: in "regime
// forces and allied militias clashed with HTS" the forces act, the militias back them (monitors
// code the first-named side, the others as its associates). A bare country ("Russian and Syrian
// warplanes") is not a party of its own.
func (s *sentence) coordinatedHead(i int) int {
	for i > 0 {
		a, b := s.actors[i-1], s.actors[i]
		// (up to two words between "and" and the next party, three with a prefix: "and pro-Hadi forces")
		near := b.First <= a.Last+3 || b.First == a.Last+4 && s.toks[b.First-1].Hyphen
		if s.norm(a.Last+1) != "and" || !near || isBareCountry(a) || s.clauseBreakBetween(a.First, b.Last) {
			break
		}
		i--
	}
	return i
}

// objectOf reports whether the actor hit i is the object of a verb before it ("killed a Hezbollah
// commander", "targeting Houthi positions") and returns that verb's subject (the nearest actor before
// the verb that is not only cited), or -1.
func (s *sentence) objectOf(i int) (int, bool) {
	h := s.actors[i]
	k := h.First - 1
	for k >= 0 && h.First-k <= 3 && (nominalMarkers.Has(s.norm(k)) || s.isCount(k)) {
		k--
	}
	if k < 0 {
		return -1, false
	}
	verb := -1
	for _, t := range s.triggers {
		if t.Last == k && t.Action.Type == "ASSAULT" {
			verb = t.First
		}
	}
	if verb < 0 && !casualtyVerbs.Has(s.norm(k)) {
		return -1, false
	}
	if verb < 0 {
		verb = k
	}
	return s.subjectBefore(i, verb), true
}

// subjectBefore is the nearest actor hit before hit i that ends before token verb and is not only
// cited: the subject of that verb; or -1.
func (s *sentence) subjectBefore(i, verb int) int {
	for j := i - 1; j >= 0; j-- {
		if s.actors[j].Last < verb && !s.isSourceActor(s.actors[j]) {
			return j
		}
	}
	return -1
}

// partnerOf returns the subject of the fight verb whose partner is actor hit i ("clashed with
// Houthi forces", "fought against the SDF"), or -1.
func (s *sentence) partnerOf(i int) int {
	h := s.actors[i]
	k := h.First - 1
	for k >= 0 && h.First-k <= 4 && (nominalMarkers.Has(s.norm(k)) || s.toks[k].Hyphen || k+1 < len(s.toks) && s.toks[k+1].Hyphen && k+1 < h.First) {
		k-- // "with the", "with pro-Hadi"
	}
	if p := s.norm(k); p != "with" && p != "against" {
		return -1
	}
	k--
	for _, t := range s.triggers {
		if t.Last == k && t.Action.Type == "ASSAULT" {
			if j := s.subjectBefore(i, t.First); j >= 0 {
				return s.coordinatedHead(j)
			}
		}
	}
	return -1
}

func (s *sentence) isCount(k int) bool {
	_, _, ok := s.number(k)
	return ok
}

// passiveVictim is the subject of a passive casualty verb ("two people were killed in an Israeli
// strike", "three members of the SDF were killed when ..."), or -1: the party the attack hit.
func (s *sentence) passiveVictim(trig lexicon.Hit) int {
	for _, c := range s.cues {
		adverb := strings.HasSuffix(s.norm(c.First-1), "ly") // "were critically injured"
		if c.Cue.Kind != "fatal" && c.Cue.Kind != "injured" || !s.beVerb(c.First) && !s.beVerb(c.First-1) && !(adverb && s.beVerb(c.First-2)) {
			continue
		}
		for i := len(s.actors) - 1; i >= 0; i-- {
			h := s.actors[i]
			if h.Last < c.First && c.First-h.Last <= 3 && !s.isSourceActor(h) {
				return i
			}
		}
	}
	return -1
}

// militaryObjects, after a demonym, name a state's forces by what they hold or fire: "a Turkish base",
// "Turkish positions", "an Iraqi checkpoint", "intercepted Israeli missiles".
var militaryObjects = wordset.SetFrom(map[string]bool{"base": true, "bases": true, "position": true, "positions": true, "outpost": true,
	"outposts": true, "checkpoint": true, "checkpoints": true, "patrol": true, "patrols": true, "post": true, "posts": true,
	"missile": true, "missiles": true, "rocket": true, "rockets": true, "drone": true, "drones": true, "warplane": true,
	"warplanes": true, "jets": true, "aircraft": true, "helicopter": true, "helicopters": true})

// actor turns an actor hit into a doc.Actor, resolving bare countries and demonyms by their role: a
// country that acts in violence is its military, otherwise its government.
func (x *Extractor) actor(s *sentence, h lexicon.Hit, st *docState, acting bool) *doc.Actor {
	e := *h.Actor
	a := &doc.Actor{Text: s.text(st.doc, h.First, h.Last), Name: e.Name, Country: e.Country, Kind: e.Kind, Span: s.span(h.First, h.Last)}
	if e.Kind == lexicon.KindCountry || e.Kind == lexicon.KindDemonym {
		kind := lexicon.KindGovernment
		if trig, ok := s.mainTrigger(); ok && (trig.Action.Type == "ASSAULT" || trig.Action.Type == "THREATEN") && acting {
			kind = lexicon.KindMilitary
		}
		switch {
		case e.Kind == lexicon.KindDemonym && h.First > 0 && (s.norm(h.First-1) == "a" || s.norm(h.First-1) == "an") && s.personNoun(h.Last):
			// "a Palestinian stabbed a soldier": one person, not a state's army
			kind = lexicon.KindCivilians
		case e.Kind == lexicon.KindDemonym && s.attackAfter(h.Last):
			kind = lexicon.KindMilitary // "repelled 45 Russian assaults": the attackers' army
		case e.Kind == lexicon.KindDemonym && militaryObjects.Has(s.norm(h.Last+1)) && s.toks[min(h.Last+1, len(s.toks)-1)].Punct == "":
			kind = lexicon.KindMilitary // "attacked a Turkish base", "shelled Turkish positions"
		case !acting && e.Kind == lexicon.KindDemonym:
			kind = lexicon.KindCivilians
		}
		a.Kind = kind
		a.Name = lexicon.GenericKindName(kind, x.lex.CountryName(e.Country))
	}
	return a
}

// fillActorCountries gives actors named without a country ("troops", "civilians", "police") a
// country: for forces, that of the last force of their kind the report named ("Israeli forces ...
// soldiers fired"), else the country of the event's place; and names them as their kind of it.
func (x *Extractor) fillActorCountries(s *sentence, m *doc.Mention, st *docState) {
	if a := m.Actor2; a != nil && a.Kind == lexicon.KindUnknown && unarmedPeople(a.Text) {
		// "the bodies of two unidentified persons were found": unknown to the text, but victims;
		// "unidentified persons threw a grenade" are the attackers
		a.Kind, a.Name, a.Country = lexicon.KindCivilians, "", ""
	}
	for _, a := range []*doc.Actor{m.Actor1, m.Actor2} {
		if a != nil && a.Country != "" && a.Name == "" {
			// "Iraqi Federal Police": the force of the country its adjective names
			a.Name = lexicon.GenericKindName(a.Kind, x.lex.CountryName(a.Country))
			continue
		}
		if a != nil && a.Country != "" && (a.Kind == lexicon.KindCivilians || a.Kind == lexicon.KindProtesters) && !strings.Contains(a.Name, "(") {
			// "three Syrian shepherds": civilians of the country their adjective names
			a.Name = lexicon.GenericKindName(a.Kind, x.lex.CountryName(a.Country))
			continue
		}
		if a == nil || a.Country != "" {
			continue
		}
		if a.Kind == lexicon.KindMilitary && a.Name == "" && s.unidentifiedBefore(a.Span) {
			// "an unidentified drone", "unknown aircraft": whose the text does not know, so not
			// the country it struck
			a.Name = "Unidentified military forces"
			continue
		}
		country := ""
		if m.Location != nil {
			country = m.Location.Country
		}
		if a.Kind == lexicon.KindCoalition && a.Name == "Coalition" {
			// "the coalition" of a report from Yemen is the Saudi-led one; from Iraq or Syria, the
			// US-led one against the Islamic State
			switch country {
			case "YEM", "SAU":
				a.Name, a.Country = "Saudi-led coalition", "YEM"
			case "IRQ", "SYR":
				a.Name = "US-led coalition"
			}
			continue
		}
		switch a.Kind {
		case lexicon.KindMilitary, lexicon.KindPolice:
			if c := s.forceCountryBefore(a); c != "" {
				country = c // "Turkish army warplanes and helicopters": the helicopters are Turkish
			} else if c := st.kindCountry[a.Kind]; c != "" {
				country = c
			}
		case lexicon.KindCivilians, lexicon.KindProtesters:
		case lexicon.KindGovernment:
			if !(lexicon.ActorEntry{Name: a.Name, Kind: a.Kind}).IsGeneric() {
				continue
			}
		default:
			continue
		}
		if country == "" {
			continue
		}
		a.Country = country
		if a.Name == "" || a.Kind == lexicon.KindCivilians || a.Kind == lexicon.KindProtesters || a.Kind == lexicon.KindGovernment {
			a.Name = lexicon.GenericKindName(a.Kind, x.lex.CountryName(country))
		}
	}
}

// unidentifiedBefore reports "unidentified" or "unknown" right before the actor at sp: "an
// unidentified drone", "unknown aircraft".
func (s *sentence) unidentifiedBefore(sp doc.Span) bool {
	for k := 1; k < len(s.toks); k++ {
		if s.toks[k].Span.Start == sp.Start {
			n := s.norm(k - 1)
			return n == "unidentified" || n == "unknown"
		}
	}
	return false
}

// unarmedPeople reports a name of people that says nothing of arms: "unidentified persons",
// "unknown individuals" (not "gunmen", "assailants").
func unarmedPeople(text string) bool {
	f := strings.Fields(strings.ToLower(text))
	if len(f) == 0 || !unarmedHeads.Has(f[len(f)-1]) {
		return false
	}
	for _, w := range f {
		if strings.HasPrefix(w, "armed") || strings.HasPrefix(w, "masked") {
			return false // "armed men", "masked men"
		}
	}
	return true
}

var unarmedHeads = wordset.SetFrom(map[string]bool{"persons": true, "person": true, "individuals": true, "individual": true,
	"people": true, "men": true, "man": true})

// sources are the outlets the sentence cites, actors it cites ("the ministry said"), and the
// document's own outlet. An unnamed force or office ("police said") is that of the country the
// event happened in.
func (x *Extractor) sources(s *sentence, st *docState, country string) []doc.Attribution {
	var out []doc.Attribution
	add := func(name string, sp doc.Span) {
		if name == "" || slices.ContainsFunc(out, func(a doc.Attribution) bool { return a.Name == name }) {
			return
		}
		out = append(out, doc.Attribution{Name: name, Span: sp})
	}
	for _, h := range s.outlets {
		add(h.Outlet.Name, s.span(h.First, h.Last))
	}
	for _, h := range s.actors {
		if s.isSourceActor(h) || s.isClaimant(h) {
			a := x.actor(s, h, st, false)
			if h.Actor.Kind == lexicon.KindCountry || h.Actor.Kind == lexicon.KindDemonym {
				a.Name = lexicon.GenericKindName(lexicon.KindGovernment, x.lex.CountryName(h.Actor.Country))
			}
			if a.Name == "" && (a.Kind == lexicon.KindPolice || a.Kind == lexicon.KindMilitary || a.Kind == lexicon.KindGovernment) {
				// "Israeli forces arrested 12 Palestinians in the West Bank, the army said": the army
				// of the force the sentence names, else of the country the event is in
				c := country
				for _, o := range s.actors {
					if o.Actor.Kind == a.Kind && o.Actor.Country != "" && o.First != h.First {
						c = o.Actor.Country
						break
					}
				}
				if c != "" {
					a.Name = lexicon.GenericKindName(a.Kind, x.lex.CountryName(c))
				}
			}
			add(a.Name, a.Span)
		}
	}
	add(st.doc.Source, doc.Span{})
	return out
}

// crowdOfItsOwn kinds are groups (settlers, vigilantes, a party's supporters) whose country is
// theirs, not the one the text happens to name them in.
var crowdOfItsOwn = wordset.SetFrom(map[string]bool{lexicon.KindMilitia: true, lexicon.KindArmedGroup: true, lexicon.KindOrg: true})

// crowdActor makes the crowd itself the actor of a protest or riot: whoever the text says gathered
// ("retirees", "a women group", "protesters") are Protesters, or Rioters, of the country it
// happened in. A named organiser stays in the text but the actor is the crowd, as monitors code it.
func (x *Extractor) crowdActor(s *sentence, trig lexicon.Hit, m *doc.Mention) {
	if m.Type != "PROTEST" || m.Location == nil || m.Location.Country == "" {
		return
	}
	if m.Actor1 != nil && (m.Actor1.Kind == lexicon.KindPolice || m.Actor1.Kind == lexicon.KindMilitary) {
		// "police dispersed protesters": the crowd is the first party, the force the second
		m.Actor2 = m.Actor1
		m.Actor1 = nil
	}
	country := m.Location.Country
	if a := m.Actor1; a != nil && a.Country != "" && (crowdOfItsOwn.Has(a.Kind) || civilianSide(a) || crowdKind(a)) {
		// settlers rioting in the West Bank are Israeli rioters: a group with a country of its own
		// keeps it, as do foreigners named by their nationality ("Ukrainian nationals staged a
		// protest in Antalya", "Palestinian refugees" in Lebanon), where a crowd named by kind only
		// ("rioters", "residents") is of the place
		country = a.Country
	}
	name := lexicon.GenericKindName(lexicon.KindProtesters, x.lex.CountryName(country))
	if m.ACLEDType == "Riots" {
		name = "Rioters (" + x.lex.CountryName(country) + ")"
	}
	a := &doc.Actor{Name: name, Country: country, Kind: lexicon.KindProtesters}
	switch {
	case m.Actor1 != nil && m.Actor1.Kind != lexicon.KindGovernment:
		a.Text, a.Span = m.Actor1.Text, m.Actor1.Span
	default:
		a.Text, a.Span = m.Trigger.Text, m.Trigger.Span
	}
	if m.Actor1 != nil && m.Actor1.Kind == lexicon.KindGovernment && m.Actor2 == nil && !s.peopleWord(m.Actor1.Span) {
		// protests are mostly against the government the text names ("protested against Baghdad"),
		// but "Iraqis demonstrated" names the crowd
		m.Actor2 = m.Actor1
	}
	m.Actor1 = a
}

// peopleWord reports a plural demonym at span: "Iraqis", "Palestinians" are people, not a state.
func (s *sentence) peopleWord(sp doc.Span) bool {
	for _, h := range s.actors {
		if h.Actor.Kind == lexicon.KindDemonym && s.span(h.First, h.Last) == sp {
			return strings.HasSuffix(s.norm(h.Last), "s")
		}
	}
	return false
}

// unknownPerpetrator names the author of a bombing the text does not name: monitors code an IED
// or an attack by "unknown gunmen" to an unidentified armed group of the country. Generic armed
// actors ("militants", "gunmen") with no group named are that same unidentified group.
func (x *Extractor) unknownPerpetrator(trig lexicon.Hit, m *doc.Mention) {
	if m.Location == nil || m.Location.Country == "" || m.Type != "ASSAULT" || m.Modality != doc.Occurred {
		return
	}
	name := lexicon.GenericKindName(lexicon.KindUnknown, x.lex.CountryName(m.Location.Country))
	if a := m.Actor1; a != nil && a.Country == "" && (a.Kind == lexicon.KindUnknown || a.Name == "Militants") {
		a.Name, a.Kind, a.Country = name, lexicon.KindUnknown, m.Location.Country
		return
	}
	if m.Actor1 == nil && m.ACLEDSubType == "Remote explosive/landmine/IED" {
		m.Actor1 = &doc.Actor{Text: m.Trigger.Text, Name: name, Country: m.Location.Country, Kind: lexicon.KindUnknown, Span: m.Trigger.Span}
	}
}

// casualtyVerbs introduce the people an attack hit: "killing two civilians", "injuring a child".
var casualtyVerbs = wordset.SetFrom(map[string]bool{"killing": true, "killed": true, "injuring": true, "injured": true, "wounding": true,
	"wounded": true, "targeting": true, "hitting": true, "shot": true, "kidnapped": true, "abducted": true})

// victims finds the civilians an attack struck when no target stands next to the trigger: the first
// civilian actor after a casualty verb anywhere later in the sentence.
func (x *Extractor) victims(s *sentence, trig lexicon.Hit, st *docState) *doc.Actor {
	for _, h := range s.actors {
		if h.First <= trig.Last || h.Actor.Kind != lexicon.KindCivilians {
			continue
		}
		for k := h.First - 1; k >= 0 && k >= h.First-4; k-- {
			if casualtyVerbs.Has(s.norm(k)) {
				return x.actor(s, h, st, false)
			}
		}
	}
	return nil
}

// claimsAct reports a "claimed" followed by what was claimed: an attack or responsibility.
func (s *sentence) claimsAct(c lexicon.Hit) bool {
	if n := s.norm(c.First); n != "claimed" && n != "claims" && n != "claim" {
		return false
	}
	for _, t := range s.triggers {
		if t.First > c.Last && s.claimedObject(t) {
			return true
		}
	}
	return s.claimsResponsibility(c)
}

// reciprocal reports a trigger that needs two sides: "clashed", "fighting", "gunfight".
func reciprocal(trigger string) bool {
	t := strings.ToLower(trigger)
	for _, w := range []string{"clash", "fight", "fought", "battle", "skirmish", "exchange", "shootout", "feud", "dispute"} {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// clashWithin makes a clash that names one side only and no other ("two tribal militias clashed",
// "tribesmen clashed over a land dispute") a fight within that side: tribes, clans and families
// fight among themselves, and monitors code both sides alike. The dead of such a clash ("leaving
// one man dead") are not its other side.
func clashWithin(m *doc.Mention, text string) {
	if m.ACLEDSubType != "Armed clash" || m.Actor1 == nil || m.Actor1.Kind != lexicon.KindMilitia || !reciprocal(m.Trigger.Text) {
		return // ("militias attacked positions near Tafas" names one side only: whose positions is not said)
	}
	if b := m.Actor2; b != nil {
		if b.Kind != lexicon.KindCivilians || b.Span.Start < m.Trigger.Span.End {
			return
		}
		between := strings.Fields(text[m.Trigger.Span.End:b.Span.Start])
		if len(between) > 0 && (between[len(between)-1] == "with" || between[len(between)-1] == "against") {
			return
		}
	}
	a := *m.Actor1
	m.Actor2 = &a
}

// explosiveNouns name the explosive weapons a force defuses or seizes.
var explosiveNouns = wordset.SetFrom(map[string]bool{"ied": true, "ieds": true, "explosive": true, "explosives": true, "bomb": true,
	"bombs": true, "rocket": true, "rockets": true, "landmine": true, "landmines": true, "mine": true, "mines": true,
	"katyusha": true, "device": true, "devices": true})

// namesExplosive reports an explosive weapon named in the sentence.
func (s *sentence) namesExplosive() bool {
	for k := range s.toks {
		if explosiveNouns.Has(s.norm(k)) {
			return true
		}
	}
	return false
}

// impliedVictims names the civilians an event's type implies where the report names no one: the
// owners of destroyed or looted property ("soldiers demolished three agricultural rooms", "an arson
// attack on a wood workshop": homes, shops and farms are civilians', as monitors code them), and the
// target of an attack on civilians ("gunmen attacked the prayer leader of Gawardaz village").
func (x *Extractor) impliedVictims(s *sentence, m *doc.Mention) {
	if m.Actor2 != nil || m.Actor1 == nil || m.Location == nil || m.Location.Country == "" || m.Modality != doc.Occurred {
		return
	}
	iso3 := m.Location.Country
	if m.ACLEDSubType == "Disrupted weapons use" && stateForce(m.Actor1) && s.namesExplosive() {
		// "police defused an IED in Adhamiya": whoever planted it, unnamed
		m.Actor2 = &doc.Actor{Text: m.Trigger.Text, Name: lexicon.GenericKindName(lexicon.KindUnknown, x.lex.CountryName(iso3)),
			Country: iso3, Kind: lexicon.KindUnknown, Span: m.Trigger.Span}
		return
	}
	switch m.ACLEDSubType {
	case "Looting/property destruction", "Attack", "Abduction/forced disappearance":
	default:
		return
	}
	m.Actor2 = &doc.Actor{Text: m.Trigger.Text, Name: lexicon.GenericKindName(lexicon.KindCivilians, x.lex.CountryName(iso3)),
		Country: iso3, Kind: lexicon.KindCivilians, Span: m.Trigger.Span}
}

// armedGovernment makes a government that fights or strikes its armed forces ("Syrian regime and
// Russian warplanes carried out airstrikes", "the Turkish state shelled"): monitors code battles and
// strikes to a state's military, never to its government.
func (x *Extractor) armedGovernment(m *doc.Mention) {
	if m.ACLEDType != "Battles" && m.ACLEDType != "Explosions/Remote violence" {
		return
	}
	for _, a := range []**doc.Actor{&m.Actor1, &m.Actor2} {
		if g := *a; g != nil && g.Kind == lexicon.KindGovernment && g.Country != "" &&
			(g.Name == lexicon.GenericKindName(lexicon.KindGovernment, x.lex.CountryName(g.Country)) || g.Name == "Assad government") {
			// (a movement or administration that governs, the Taliban or the KRG, is coded as itself)
			army := *g
			army.Kind, army.Name = lexicon.KindMilitary, lexicon.GenericKindName(lexicon.KindMilitary, x.lex.CountryName(g.Country))
			*a = &army
		}
	}
}
