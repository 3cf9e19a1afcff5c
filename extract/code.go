package extract

import (
	"github.com/sitrep-dev/sitrep/internal/wordset"
	"strings"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/lexicon"
	"github.com/sitrep-dev/sitrep/when"
)

// violent types are preferred over verbal ones when a sentence has both: "vowed to retaliate for the
// airstrike" still reports an airstrike.
var typeRank = map[string]int{"ASSAULT": 3, "PROTEST": 3, "COERCE": 2}

// subRank breaks ties between equally specific triggers: "clashed ... and took control" is a change
// of territory, the clash being how it happened.
var subRank = map[string]int{"Government regains territory": 1, "Non-state actor overtakes territory": 1, "Disrupted weapons use": 2,
	"Headquarters or base established": 1}

// verbal types are things said or decided between parties: without a party they are not events.
var verbal = wordset.SetFrom(map[string]bool{"ACCUSE": true, "CONSULT": true, "REQUEST": true, "REJECT": true, "SUPPORT": true,
	"SANCTION": true, "AID": true, "CONCEDE": true, "COOPERATE": true, "MOBILIZE": true, "RETREAT": true})

// mainTrigger picks the trigger that names the sentence's event: the most specific, then the most
// violent, then the first.
func (s *sentence) mainTrigger() (lexicon.Hit, bool) {
	best := -1
	for i, h := range s.triggers {
		if best < 0 || s.outranks(h, s.triggers[best]) {
			best = i
		}
	}
	if best < 0 {
		return lexicon.Hit{}, false
	}
	return s.triggers[best], true
}

// outranks orders triggers: the most specific, then the most violent, then the most telling
// sub-type. A generic violent verb ("hit", "killed") with a weapon named in the sentence is as
// specific as a statement or a movement of forces, though still below a word that names the
// event: "a convoy was hit by a Turkish drone" is a drone strike, "clashed" still beats "attacked".
func (s *sentence) outranks(h, b lexicon.Hit) bool {
	if ah, ab := s.trailingArrest(h), s.trailingArrest(b); ah != ab && typeRank[h.Action.Type] != typeRank[b.Action.Type] {
		// "raided a hideout, killing four militants and arresting two": the raid is the event
		return ab
	}
	if rh, rb := s.arrestForProtest(h, b), s.arrestForProtest(b, h); rh != rb {
		// "arrested an activist on charges of organising an illegal protest": the protest is why
		return rh
	}
	if ph, pb := s.protestArrest(h, b), s.protestArrest(b, h); ph != pb {
		// "women gathered in Kadikoy; police intervened and detained 20": arrests at a gathering
		// are how the protest was met
		return ph
	}
	if sh, sb := s.strikeDoes(h, b), s.strikeDoes(b, h); sh != sb {
		// "one strike engaged an ISIL tactical unit and destroyed a vehicle": the strike is the
		// event, the rest what it hit
		return sh
	}
	if ph, pb := s.partInterception(h, b), s.partInterception(b, h); ph != pb {
		// "Israeli missiles targeted positions near the airport; air defences intercepted some of
		// them": the rest landed
		return pb
	}
	if ih, ib := s.interception(h, b), s.interception(b, h); ih != ib {
		// "fired a ballistic missile toward Marib; it was intercepted": the weapon never landed
		return ih
	}
	if dh, db := s.dispersal(h), s.dispersal(b); dh != db && h.Action.Specificity == b.Action.Specificity {
		// "police fired tear gas to disperse opposition supporters": a gathering met by force
		return dh
	}
	if ah, ab := s.inAside(h.First), s.inAside(b.First); ah != ab {
		// "attacked Turkish positions via heavy guns (presumably referring to rocket or artillery
		// weapons)": a bracketed aside explains, it reports no event of its own
		return ab
	}
	if gh, gb := s.grievance(h), s.grievance(b); gh != gb {
		// "families who say their children were kidnapped by the PKK staged a protest": the
		// protest is the event, the kidnapping its grievance
		return gb
	}
	if sh, sb := s.inSupport(h.First), s.inSupport(b.First); sh != sb {
		// "attacked Turkish forces, in conjunction with airstrikes": the attack is the event
		return sb
	}
	if wh, wb := s.weaponOf(h, b), s.weaponOf(b, h); wh != wb && s.anyInstrument("Attack") {
		// "carried out attacks via firearms, hand grenades and remote explosives": the grenades
		// are one of the weapons the attacks used, with small arms (a battle, see refineAssault)
		return wb
	}
	if oh, ob := s.assaultedObject(h), s.assaultedObject(b); oh != ob {
		// "attacked a convoy of Pakistani forces": the convoy is what was attacked, not a movement
		return ob
	}
	if ch, cb := s.freedCaptive(h), s.freedCaptive(b); ch != cb {
		// "Hamas released three Israeli hostages", "a hostage release deal": the release is the event
		return cb
	}
	if bh, bb := s.backdrop(h), s.backdrop(b); bh != bb && (h.Action.Type == "AGREE" || b.Action.Type == "AGREE" || s.sceneOf(h) || s.sceneOf(b)) {
		// "agreed a ceasefire after the worst fighting in decades": the fighting is the backdrop
		return bb
	}
	if dh, db := s.modality(h, h.Action.Type) == doc.Denied, s.modality(b, b.Action.Type) == doc.Denied; dh != db {
		// "entered the town without fighting": the fight that did not happen is no event
		return db
	}
	spec := func(x lexicon.Hit) int {
		if s.claimedObject(x) {
			return 7
		}
		if x.Action.Specificity == 1 && x.Action.Type == "ASSAULT" && s.cue("instrument") != nil {
			return 5
		}
		return 2 * x.Action.Specificity
	}
	if spec(h) != spec(b) {
		return spec(h) > spec(b)
	}
	if ih, ib := injuryWords.Has(s.norm(h.Last)), injuryWords.Has(s.norm(b.Last)); ih != ib {
		// "two soldiers were wounded when Taliban fighters attacked a checkpoint": a wound is
		// what an attack did; it is the event only when nothing else is named
		return ib
	}
	if typeRank[h.Action.Type] != typeRank[b.Action.Type] {
		return typeRank[h.Action.Type] > typeRank[b.Action.Type]
	}
	if vh, vb := s.namesVictim(h), s.namesVictim(b); vh != vb {
		// "two vigilantes were killed in a suicide attack": the word that names the victims is no action
		return vb
	}
	if ph, pb := s.passiveOutcome(h), s.passiveOutcome(b); ph != pb {
		// "two people were killed when a drone struck": the killing is the outcome, the strike the act
		return pb
	}
	return subRank[h.Action.ACLEDSubType] > subRank[b.Action.ACLEDSubType]
}

// injuryWords are the triggers that name only an outcome.
var injuryWords = wordset.SetFrom(map[string]bool{"wounded": true, "injured": true, "wounding": true, "injuring": true})

// weaponOf reports a weapon trigger w named, alone or in a list, after "via", "with" or "using"
// that follows the assault trigger t: w is t's instrument ("attacks via firearms and hand
// grenades", "targeted the base with IEDs").
func (s *sentence) weaponOf(w, t lexicon.Hit) bool {
	if t.Action.Type != "ASSAULT" || w.Action.Type != "ASSAULT" || t.Last >= w.First || w.First-t.Last > 12 {
		return false
	}
	for k := w.First - 1; k > t.Last; k-- {
		switch n := s.norm(k); {
		case n == "via" || n == "with" || n == "using":
			return true
		case n == "and" || n == "or" || n == "a" || n == "an" || n == "the" || n == "several" || n == "various" || n == "hand" || n == "remote":
		case s.toks[k].Punct == "," || s.toks[k+1].Punct == ",":
		default:
			// a word of another listed weapon, or the one adjective right before w ("heavy")
			if k < w.First-1 && !s.coveredByCue("instrument", lexicon.Hit{First: k, Last: k}) {
				return false
			}
		}
	}
	return false
}

// assaultedObject reports a movement-of-forces word (a convoy, a patrol) that is the object of an
// assault verb right before it.
func (s *sentence) assaultedObject(t lexicon.Hit) bool {
	return t.Action.Type == "MOBILIZE" && s.assaultOn(t) >= 0
}

// releaseWords name a release, after which a captive word names who was freed.
var releaseWords = wordset.SetFrom(map[string]bool{"released": true, "freed": true, "release": true, "releasing": true,
	"freeing": true, "releases": true})

// freedCaptive reports a detention or hostage word that names the people a release freed ("released
// three Israeli hostages", "freed a British couple detained since February", "a hostage release
// deal"), not a detention.
func (s *sentence) freedCaptive(t lexicon.Hit) bool {
	if t.Action.ACLEDSubType != "Abduction/forced disappearance" && t.Action.ACLEDSubType != "Arrests" {
		return false
	}
	switch s.norm(t.Last + 1) {
	case "release", "releases", "exchange", "swap", "deal":
		return true
	}
	for _, r := range s.triggers {
		if releaseWords.Has(s.norm(r.First)) && r.Last < t.First && t.First-r.Last <= 6 && !s.clauseBreakBetween(r.Last, t.First) {
			return true
		}
	}
	return false
}

// sceneOf reports a trigger that describes a place as "the scene of" an earlier event ("a town
// that was the scene of a deadly 2017 chemical attack"), whatever the types.
func (s *sentence) sceneOf(t lexicon.Hit) bool {
	for k := t.First - 1; k >= 0 && t.First-k <= 8; k-- {
		if s.norm(k) == "scene" && s.norm(k+1) == "of" {
			return true
		}
	}
	return false
}

// backdropWords open a phrase that sets the scene of the event rather than telling it: "after
// two weeks of fighting", "amid clashes", "the scene of the fiercest fighting".
var backdropWords = wordset.SetFrom(map[string]bool{"after": true, "following": true, "amid": true, "despite": true,
	"ending": true, "end": true, "scene": true, "halt": true, "stop": true})

// backdrop reports a trigger within a backdrop phrase (see backdropWords): up to eight words after
// its opening word, with no punctuation or other trigger between.
func (s *sentence) backdrop(h lexicon.Hit) bool {
	first := h.First // the start of the phrase so far: a compound ("chemical weapons attack") is one
	for k := h.First - 1; k >= 0 && first-k <= 8; k-- {
		if backdropWords.Has(s.norm(k)) {
			return true
		}
		if s.toks[k+1].Punct != "" {
			return false
		}
		for _, t := range s.triggers {
			if t.First <= k && k <= t.Last {
				if t.Last+1 != first {
					return false // another act between: "after X did Y"
				}
				first, k = t.First, t.First
				break
			}
		}
	}
	return false
}

// interceptWords stop a weapon in flight.
var interceptWords = wordset.SetFrom(map[string]bool{"intercepted": true, "downed": true, "intercept": true, "intercepting": true})

// interception reports an interception trigger d against a launch or strike trigger a: a missile
// or drone shot down before it hit is disrupted weapons use, as monitors code it.
func (s *sentence) interception(d, a lexicon.Hit) bool {
	if d.Action.ACLEDSubType != "Disrupted weapons use" || a.Action.Type != "ASSAULT" {
		return false
	}
	switch a.Action.ACLEDSubType {
	case "Shelling/artillery/missile attack", "Air/drone strike":
	case "Remote explosive/landmine/IED", "Grenade", "Suicide bomb":
		// "a landmine was defused", "engineers dismantled an IED": the device never went off
		return defuseWords.Has(s.norm(d.First))
	case "Armed clash":
		// "air defences confronted Israeli missiles and downed several"
		if !s.airDefence() {
			return false
		}
	default:
		return false
	}
	return s.intercepts(d) && !s.someIntercepted(d)
}

// defuseWords disarm a device before it goes off.
var defuseWords = wordset.SetFrom(map[string]bool{"defused": true, "dismantled": true, "defusing": true,
	"removed": true, "cleared": true, "demining": true, "disarmed": true})

// partInterception reports an interception d of only some of the weapons of assault a.
func (s *sentence) partInterception(d, a lexicon.Hit) bool {
	return d.Action.ACLEDSubType == "Disrupted weapons use" && a.Action.Type == "ASSAULT" && s.intercepts(d) && s.someIntercepted(d)
}

// someIntercepted reports an interception of only part of the weapons: "air defences intercepted
// some of them", "most of the missiles": the rest landed, and the attack is the event.
func (s *sentence) someIntercepted(d lexicon.Hit) bool {
	switch s.norm(d.Last + 1) {
	case "some", "most", "several", "part", "many", "a":
		return s.norm(d.Last+1) != "a" || s.norm(d.Last+2) == "number" || s.norm(d.Last+2) == "few"
	}
	return false
}

// intercepts reports a trigger that stops a weapon in flight: "intercepted", "downed", "shot down".
func (s *sentence) intercepts(t lexicon.Hit) bool {
	n := s.norm(t.First)
	return interceptWords.Has(n) || n == "shot" && s.norm(t.First+1) == "down"
}

// airDefence reports air defences named in the sentence.
func (s *sentence) airDefence() bool {
	for k := range s.toks {
		if s.norm(k) == "air" && strings.HasPrefix(s.norm(k+1), "defen") {
			return true
		}
	}
	return false
}

// protestArrest reports a protest trigger p against an arrest trigger a in a sentence whose
// arrests met the protest (not its grievance: "protesting the arrest of activists").
func (s *sentence) protestArrest(p, a lexicon.Hit) bool {
	return p.Action.Type == "PROTEST" && p.Action.ACLEDType == "Protests" && a.Action.ACLEDSubType == "Arrests" &&
		s.metByForce("intervention")
}

// arrestForProtest reports an arrest a, before protest word p, made for a protest rather than at
// one: "detain people who organise or participate in the demonstrations", "arrested activists in
// anticipation of mass protests", "detained before the president's rally".
func (s *sentence) arrestForProtest(a, p lexicon.Hit) bool {
	if a.Action.ACLEDSubType != "Arrests" || p.Action.ACLEDType != "Protests" || p.First < a.Last {
		return false
	}
	for k := p.First - 1; k > a.Last && k >= p.First-5; k-- {
		switch s.norm(k) {
		case "organise", "organising", "organize", "organizing", "organised", "organized", "participate",
			"participating", "participated", "anticipation", "ahead", "before", "inciting", "incite",
			"planning", "planned", "calling":
			return true
		}
	}
	return false
}

// dispersal reports a riot-control weapon in a sentence that says a crowd was dispersed.
func (s *sentence) dispersal(h lexicon.Hit) bool {
	if h.Action.ACLEDSubType != "Protest with intervention" || h.Action.Specificity != 1 {
		return false
	}
	for _, t := range s.toks {
		if strings.HasPrefix(t.Norm, "dispers") {
			return true
		}
	}
	return false
}

// governingVerb returns the attack verb a weapon trigger is the means of ("Taliban insurgents
// targeted an ANA outpost with mortar shells": the roles hang on "targeted"), else trig itself.
func (s *sentence) governingVerb(trig lexicon.Hit) lexicon.Hit {
	if trig.Action.Type != "ASSAULT" || trig.First < 2 {
		return trig
	}
	k := trig.First - 1
	for k > 0 && nominalMarkers.Has(s.norm(k)) {
		k--
	}
	if n := s.norm(k); n != "with" && n != "using" && n != "via" {
		return trig
	}
	for i := len(s.triggers) - 1; i >= 0; i-- {
		t := s.triggers[i]
		if t.Last < k && k-t.Last <= 8 && t.Action.Type == "ASSAULT" && t.Action.Specificity == 1 {
			return t
		}
	}
	return trig
}

// trailingArrest reports an arrest in a participle clause (", arresting two"), which tells how an
// operation ended.
func (s *sentence) trailingArrest(h lexicon.Hit) bool {
	return h.Action.ACLEDSubType == "Arrests" && s.participle(h.First)
}

// namesVictim reports a trigger word that names the subject of a passive casualty verb: the people
// something happened to ("vigilantes", "protesters" in "two vigilantes were killed").
func (s *sentence) namesVictim(h lexicon.Hit) bool {
	v := s.passiveVictim(h)
	return v >= 0 && overlaps(s.actors[v].First, s.actors[v].Last, h.First, h.Last)
}

// passiveOutcome reports a casualty verb in the passive ("were killed", "was shot dead"): it says
// what happened to the victims, not what the attacker did.
func (s *sentence) passiveOutcome(h lexicon.Hit) bool {
	return h.First > 0 && s.beVerb(h.First-1) && s.isFatalWord(h)
}

func (s *sentence) isFatalWord(h lexicon.Hit) bool { return s.coveredByCue("fatal", h) }

// coveredByCue reports a cue of the kind spanning all of h.
func (s *sentence) coveredByCue(kind string, h lexicon.Hit) bool {
	for c := range s.eachCue(kind) {
		if c.First <= h.First && h.Last <= c.Last {
			return true
		}
	}
	return false
}

// claimedObject reports a trigger that a claim is about ("JNIM claimed an attack", "claimed
// responsibility for the bombing"): it names the event, whatever the claim goes on to say.
func (s *sentence) claimedObject(h lexicon.Hit) bool {
	for c := range s.eachCue("modality") {
		if c.Cue.Value != doc.Claimed || c.Last >= h.First || h.First-c.Last > 5 {
			continue
		}
		k := c.Last + 1
		for k < h.First && (nominalMarkers.Has(s.norm(k)) || s.norm(k) == "responsibility" || s.norm(k) == "for" || s.isCount(k)) {
			k++
		}
		if k == h.First {
			return true
		}
	}
	return false
}

// code turns one sentence into a mention, or reports that it asserts no event.
func (x *Extractor) code(s *sentence, st *docState) (doc.Mention, bool) {
	x.resolveReferences(s, &st.mem)
	trig, ok := s.mainTrigger()
	// the structural readings a trigger word alone misses (parse reads dates for triggers only)
	if !ok || trig.Action.Specificity < 3 && trig.Action.Type != "ASSAULT" {
		if v := s.baseSetUp(); v >= 0 {
			if len(s.triggers) == 0 {
				s.dates = when.Find(s.Text, s.Span.Start, st.doc.Published)
			}
			trig, ok = lexicon.Hit{First: v, Last: v, Action: &baseAction}, true
		}
	}
	if !ok || disruptable(trig) {
		if v := s.disruption(); v >= 0 {
			if len(s.triggers) == 0 {
				s.dates = when.Find(s.Text, s.Span.Start, st.doc.Published)
			}
			trig, ok = lexicon.Hit{First: v, Last: v, Action: &disruptAction}, true
		}
	}
	if ok && s.label != nil {
		trig = s.labelled(trig)
	}
	if !ok && s.label != nil {
		// the label alone: "Movement of forces: On 3 May, ..." with no other word for it
		if len(s.dates) == 0 {
			s.dates = when.Find(s.Text, s.Span.Start, st.doc.Published)
		}
		trig, ok = lexicon.Hit{First: 0, Last: s.labelLast, Action: s.label}, true
	}
	if !ok || s.isBackground(trig) || isQuestion(s.Text) || trig.Action.Type == "ASSAULT" && s.accident() && s.strikeSubject(trig) < 0 {
		x.remember(s, st)
		return doc.Mention{}, false
	}
	d := st.doc
	a := *trig.Action
	m := doc.Mention{
		Type: a.Type, Mode: a.Mode, CAMEO: a.CAMEO, ACLEDType: a.ACLEDType, ACLEDSubType: a.ACLEDSubType,
		Trigger:  doc.Phrase{Text: s.text(d, trig.First, trig.Last), Span: s.span(trig.First, trig.Last)},
		Evidence: doc.Evidence{Doc: d.ID, Sentence: s.Text, Span: s.Span},
	}
	roles := x.assignRoles(s, s.governingVerb(trig), st)
	m.Actor1, m.Actor2 = roles.actor1, roles.actor2
	if s.label != nil && trig.Last == s.labelLast && m.Actor1 == nil && len(s.actors) > 0 {
		// only the label names the event: the sentence's first party is who it is about
		// ("Property destruction: ... Israeli military forces installed poles on Palestinian lands")
		m.Actor1 = x.actor(s, s.actors[0], st, true)
		if m.Actor2 != nil && m.Actor2.Span == m.Actor1.Span {
			m.Actor2 = nil
		}
	}
	cas := s.casualties()
	m.Fatalities, m.Injured = cas.killed, cas.injured
	if cas.civilians != nil {
		m.CivilianFatalities = cas.civilians
		m.CivilianEvidence = &doc.Quote{Doc: d.ID, Text: d.Text[cas.civilianSpan.Start:cas.civilianSpan.End], Span: cas.civilianSpan}
	}
	x.refineType(s, trig, &m)
	if m.Type == "AGREE" {
		// "handed over the bodies of 10 soldiers", "a truce after clashes killed 40": the dead an
		// agreement speaks of are no toll of it
		m.Fatalities, m.Injured, m.CivilianFatalities, m.CivilianEvidence = nil, nil, nil, nil
	}
	m.Modality = s.modality(trig, m.Type)
	m.Location, m.Origin = s.eventPlace()
	if m.Location == nil && st.havePlace {
		p := st.lastPlace
		m.Location = &p
	}
	if m.Location == nil {
		a1, a2 := s.notEmbassy(m.Actor1), s.notEmbassy(m.Actor2)
		if m.Type == "COERCE" && a1 != nil && stateForce(a1) && !policing(a1, a2) || m.Type == "THREATEN" {
			// "Lebanese army intelligence arrested a Syrian man": a state detains in its own land
			// (Israel's arrests of Palestinians are in the West Bank: see policePower);
			// "Kataib Hezbollah threatened US forces": a threat is made where its maker is
			m.Location = x.countryPlace(a2, a1, st)
		} else {
			m.Location = x.countryPlace(a1, a2, st)
		}
		if m.Location == nil && s.money != "" {
			// "protested in [a village the gazetteer lacks] against the collapse of the Lebanese
			// pound": the report is about the country whose money it names
			m.Location = x.countryPoint(s.money)
		}
	}
	m.Date = s.eventDate(st)
	country := ""
	if m.Location != nil {
		country = m.Location.Country
	}
	m.Sources = x.sources(s, st, country)
	x.crowdActor(s, trig, &m)
	x.unknownPerpetrator(trig, &m)
	x.fillActorCountries(s, &m, st)
	clashWithin(&m, d.Text)
	if a, b := m.Actor1, m.Actor2; a != nil && b != nil && a.Name == b.Name && a.Span != b.Span && !reciprocal(m.Trigger.Text) && m.ACLEDType != "Riots" {
		// one party on both sides of a one-sided act ("the Iraqi army opened fire at unidentified
		// drones" read as the army against itself): the second reading is wrong
		m.Actor2 = nil
	}
	x.armedGovernment(&m)
	foreignDetention(&m)
	x.remember(s, st)
	if m.Location != nil {
		st.lastPlace, st.havePlace = *m.Location, true
	}
	if m.Date.Precision != doc.DateReported {
		st.lastDate, st.haveDate = m.Date, true
	}
	// A generic trigger alone, with nobody, nowhere and no casualty, is not an event report; nor is a
	// statement, request or meeting with nobody making it.
	if trig.Action.Specificity == 1 && m.Actor1 == nil && m.Actor2 == nil && m.Fatalities == nil && len(s.places) == 0 {
		return doc.Mention{}, false
	}
	if (m.Type == "MOBILIZE" || m.Type == "RETREAT") && m.Actor1 == nil && m.Actor2 != nil && armedKinds.Has(m.Actor2.Kind) {
		// "army troops were deployed in the area": the forces moved are the ones acting
		m.Actor1, m.Actor2 = m.Actor2, nil
	}
	if verbal.Has(m.Type) && m.Actor1 == nil {
		return doc.Mention{}, false
	}
	s.applyLabel(&m)
	x.plantedBy(s, st, &m)
	m.Confidence = confidence(trig, roles, s, m)
	x.impliedVictims(s, &m) // after confidence: a victim inferred is no role the text made clear
	return m, true
}

// remember keeps the parties of a sentence for later coreference ("the group", "its forces").
func (x *Extractor) remember(s *sentence, st *docState) {
	st.mem.rememberReferents(s)
	for _, h := range s.actors {
		if h.Actor.Country != "" && h.Actor.Kind != lexicon.KindCountry && h.Actor.Kind != lexicon.KindDemonym {
			st.kindCountry[h.Actor.Kind] = h.Actor.Country
		}
	}
}

// isBackground reports sentences of analysis, history or opinion ("analysts debate", "has often been
// criticised") that carry no specific date: they assert no event.
func (s *sentence) isBackground(trig lexicon.Hit) bool {
	c := s.cue("background")
	if c == nil {
		return false
	}
	for k := trig.Last + 1; k < c.First; k++ {
		if backdropWords.Has(s.norm(k)) {
			// "agreed a ceasefire after the worst fighting in decades": the decades describe the
			// backdrop, the agreement happened
			return false
		}
	}
	for _, w := range s.dates {
		if w.Precision == doc.DateDay {
			return false
		}
	}
	return true
}

func isQuestion(text string) bool { return len(text) > 0 && text[len(text)-1] == '?' }

// precededBySince reports "since" as the word before text[at:], within the sentence starting at from.
func precededBySince(text string, from, at int) bool {
	if at < from || at > len(text) {
		return false
	}
	before := strings.TrimRight(text[from:at], " ")
	return len(before) >= 5 && strings.EqualFold(before[len(before)-5:], "since") &&
		(len(before) == 5 || before[len(before)-6] == ' ')
}

// eventDate is the sentence's first date expression, else the date an earlier sentence of the same
// report established, else the publication date marked "reported".
func (s *sentence) eventDate(st *docState) doc.When {
	for _, w := range s.dates {
		// "a couple detained since February" dates the detention, not the event
		if len(w.Text) > 6 && strings.EqualFold(w.Text[:6], "since ") || precededBySince(st.doc.Text, s.Span.Start, w.Span.Start) {
			continue
		}
		return w
	}
	if st.haveDate {
		return st.lastDate
	}
	return when.Reported(st.doc.Published)
}

// confidence says how sure the rules were: a specific trigger, clear roles, a place and a date each
// add to it; roles read against the usual order lower it.
func confidence(trig lexicon.Hit, r roles, s *sentence, m doc.Mention) float64 {
	c := 0.35 + 0.1*float64(trig.Action.Specificity)
	if m.Actor1 != nil {
		c += 0.1
	}
	if m.Actor2 != nil {
		c += 0.05
	}
	if m.Location != nil && m.Location.Span.Len() > 0 {
		c += 0.1
	}
	if len(s.dates) > 0 {
		c += 0.05
	}
	if r.unclear {
		c -= 0.15
	}
	if m.Modality == doc.Denied {
		c -= 0.3 // "no clashes were reported": a report's other sentences tell what did happen
	}
	if injuryWords.Has(s.norm(trig.Last)) {
		c -= 0.15 // "a soldier was wounded": what an event did, which another sentence may tell
	}
	if s.Index == 0 {
		// a report's lead sentence states its main event
		c += 0.05
	} else if s.followUp() {
		c -= 0.2
	}
	if c > 0.95 {
		c = 0.95
	}
	if c < 0.05 {
		c = 0.05
	}
	return float64(int(c*100+0.5)) / 100
}

// followUpWords, in a later sentence, tie it to the event a report led with: what came of it or
// what answered it ("police arrested the attacker", "shelled the area in response", "on the same
// day"). Monitors code the event the report leads with; the follow-up is not it.
var followUpWords = wordset.SetFrom(map[string]bool{"attacker": true, "attackers": true, "perpetrator": true, "perpetrators": true,
	"incident": true, "response": true, "retaliation": true, "same": true, "follow": true})

// followUp reports a later sentence that follows up the lead's event (see followUpWords).
func (s *sentence) followUp() bool {
	for k := range s.toks {
		n := s.norm(k)
		if !followUpWords.Has(n) {
			continue
		}
		switch n {
		case "same":
			switch s.norm(k + 1) {
			case "day", "area", "location", "place", "spot", "village", "town", "night":
				return true
			}
		case "follow":
			if s.norm(k+1) == "up" && s.toks[k+1].Hyphen {
				return true // "a follow-up ground operation"
			}
		case "response", "retaliation":
			if p := s.norm(k - 1); p == "in" || p == "a" {
				return true
			}
		default:
			if p := s.norm(k - 1); p == "the" || p == "this" {
				return true
			}
		}
	}
	return false
}

// notEmbassy is a, or nil where a names the state of an embassy or consulate ("protesters gathered
// in front of the American embassy"): a mission stands abroad, so its state says nothing of
// where the event was.
func (s *sentence) notEmbassy(a *doc.Actor) *doc.Actor {
	if a == nil {
		return nil
	}
	for k := range s.toks {
		// the name's own last word ("the American embassy" is one name) or the word after it
		if s.toks[k].Span.End < a.Span.End {
			continue
		}
		if missionWords.Has(s.norm(k)) || k+1 < len(s.toks) && s.toks[k].Span.End == a.Span.End && missionWords.Has(s.norm(k+1)) {
			return nil
		}
		return a
	}
	return a
}

var missionWords = wordset.SetFrom(map[string]bool{"embassy": true, "embassies": true, "consulate": true, "consulates": true})
