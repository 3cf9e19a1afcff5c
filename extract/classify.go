package extract

import (
	"github.com/sitrep-dev/sitrep/internal/wordset"
	"strings"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// instrument sub-event types and the PLOVER mode and CAMEO code each implies for an ASSAULT.
var instruments = map[string]struct{ mode, cameo, acledType string }{
	"Air/drone strike":                  {"aerial", "195", "Explosions/Remote violence"},
	"Shelling/artillery/missile attack": {"artillery", "194", "Explosions/Remote violence"},
	"Remote explosive/landmine/IED":     {"explosives", "1833", "Explosions/Remote violence"},
	"Suicide bomb":                      {"explosives", "1831", "Explosions/Remote violence"},
	"Grenade":                           {"explosives", "183", "Explosions/Remote violence"},
	"Attack":                            {"firearms", "180", "Violence against civilians"},
	"Chemical weapon":                   {"wmd", "2041", "Explosions/Remote violence"},
}

// armed kinds fight battles; the others are victims of attacks
var armedKinds = wordset.SetFrom(map[string]bool{lexicon.KindMilitary: true, lexicon.KindArmedGroup: true, lexicon.KindCoalition: true, lexicon.KindPolice: true, "militia": true})

// refineType settles the sub-event type a generic trigger ("struck", "attacked", "killed") leaves
// open, from the instruments the sentence names and who fought whom; and a protest's, from how it
// was met.
func (x *Extractor) refineType(s *sentence, trig lexicon.Hit, m *doc.Mention) {
	switch m.Type {
	case "CONCEDE":
		if releaseWords.Has(s.norm(trig.First)) && s.peopleAfter(trig.Last) && s.dealNamed() {
			// "Hamas released three hostages in exchange for 183 prisoners": a release of
			// captives under a deal is among ACLED's agreements, with exchanges and surrenders
			m.ACLEDSubType = "Agreement"
		}
	case "ASSAULT":
		x.refineAssault(s, trig, m)
	case "COERCE":
		if m.ACLEDSubType == "Disrupted weapons use" && s.anyInstrument("Air/drone strike") && !s.intercepts(trig) {
			// "Turkish jets destroyed weapon depots": an air strike on them
			m.Type, m.Mode, m.CAMEO = "ASSAULT", "", "190"
			x.setInstrument(m, "Air/drone strike")
			return
		}
		// detention by a non-state group is an abduction, not an arrest; so is rounding up men
		// for conscription
		if m.ACLEDSubType == "Arrests" && (m.Actor1 != nil && nonState.Has(m.Actor1.Kind) || s.forConscription()) {
			m.Type, m.Mode, m.CAMEO = "ASSAULT", "abduct", "181"
			m.ACLEDType, m.ACLEDSubType = "Violence against civilians", "Abduction/forced disappearance"
		}
	case "PROTEST":
		if m.ACLEDType == "Riots" && strings.HasPrefix(s.norm(trig.First), "storm") && m.Actor1 != nil && organisedForce.Has(m.Actor1.Kind) && !isState(m.Actor1) {
			// armed groups storming a base or a village attack it; crowds riot
			a := lexicon.Action{Type: "ASSAULT", Mode: "firearms", CAMEO: "180", ACLEDType: "Violence against civilians", ACLEDSubType: "Attack", Specificity: 1}
			m.Type, m.Mode, m.CAMEO, m.ACLEDType, m.ACLEDSubType = a.Type, a.Mode, a.CAMEO, a.ACLEDType, a.ACLEDSubType
			x.refineAssault(s, lexicon.Hit{First: trig.First, Last: trig.Last, Action: &a}, m)
			return
		}
		if m.ACLEDType == "Riots" && strings.HasPrefix(s.norm(trig.First), "storm") && m.Actor1 != nil && isState(m.Actor1) && s.hasProtestWord() {
			// "security forces stormed the protest camp": the protest was broken up
			m.ACLEDType, m.ACLEDSubType, m.Mode = "Protests", "Protest with intervention", ""
		}
		if x.crowdAttacked(s, trig, m) {
			return
		}
		x.refineProtest(s, m)
	}
}

// crowdRiots reports a riot cue whose doer is not a state force: in "security forces stormed the
// protest camp and burned tents" the storming is the forces' doing, not the crowd's.
func (s *sentence) crowdRiots() bool {
	for c := range s.eachCue("riot") {
		if s.pastBackdrop(c.First) {
			continue // "arrestees detained following riots", "during the riots of May 2021"
		}
		doer := -1
		for i, h := range s.actors {
			if h.Last < c.First {
				doer = i
			}
		}
		if doer < 0 || !stateKind(s.actors[doer].Actor.Kind) || s.protestWordBetween(s.actors[doer].Last, c.First) {
			return true
		}
	}
	return false
}

// pastBackdrop reports a word that a temporal preposition a few words before puts in the past the
// report refers to: "following riots", "during the nationwide riots", "since the clashes".
func (s *sentence) pastBackdrop(i int) bool {
	for k := i - 1; k >= 0 && i-k <= 4; k-- {
		switch s.norm(k) {
		case "following", "during", "since":
			return true
		}
		if s.toks[k+1].Punct != "" {
			return false
		}
	}
	return false
}

// crowdAssails reports a crowd that is the subject of an assault word: "demonstrators attacked a
// branch of the Central Bank", "protesters stormed the governorate building".
func (s *sentence) crowdAssails() bool {
	for _, t := range s.triggers {
		if t.Action.Type != "ASSAULT" || t.First < 1 || s.beVerb(t.First-1) || s.beVerb(t.First-2) {
			continue
		}
		for _, h := range s.actors {
			if h.Last == t.First-1 && h.Actor.Kind == lexicon.KindProtesters && s.toks[t.First].Punct == "" &&
				!s.precededByAny(h.First, &targetPreps) && !s.precededBy(h.First, "of") {
				return true
			}
		}
	}
	return false
}

// crowdClashes reports a clash word in a sentence about a demonstration, not its grievance:
// "protesters rallied against Macron, involved in clashes in several cities".
func (s *sentence) crowdClashes() bool {
	for _, t := range s.triggers {
		w := s.norm(t.First)
		if t.Action.ACLEDSubType == "Armed clash" && (strings.HasPrefix(w, "clash") || strings.HasPrefix(w, "scuffle") || strings.HasPrefix(w, "confrontation")) &&
			!s.grievance(t) && s.modality(t, t.Action.Type) == doc.Occurred {
			return true
		}
	}
	return false
}

func stateKind(k string) bool { return k == lexicon.KindMilitary || k == lexicon.KindPolice }

// protestWordBetween reports a protest trigger between tokens a and b.
func (s *sentence) protestWordBetween(a, b int) bool {
	for _, t := range s.triggers {
		if t.First > a && t.Last < b && t.Action.ACLEDType == "Protests" {
			return true
		}
	}
	return false
}

// fought reports a fight named beside the territory trigger: "took the town after clashes as
// the army withdrew" was no peaceful handover.
func (s *sentence) fought(trig lexicon.Hit) bool {
	for _, t := range s.triggers {
		a := t.Action
		clash := a.ACLEDSubType == "Armed clash" && a.Specificity == 3
		// or the bombardment that drove the other side out ("withdrew following intensive air and
		// artillery bombardment")
		bombardment := a.ACLEDType == "Explosions/Remote violence" && a.Specificity >= 2
		if t.First != trig.First && (clash || bombardment) && !s.backdropNegated(t) {
			return true
		}
	}
	return false
}

// backdropNegated reports a fight word that says none took place: "entered without fighting".
func (s *sentence) backdropNegated(t lexicon.Hit) bool {
	p := s.norm(t.First - 1)
	return p == "without" || p == "no" || p == "any"
}

// assaultOn returns the first word of an assault verb whose object is the trigger trig: a crowd
// ("attacked protesters", "beat the demonstrators"), a convoy or patrol ("attacked a convoy of
// troops"); or -1.
func (s *sentence) assaultOn(trig lexicon.Hit) int {
	for _, t := range s.triggers {
		if t.Action.Type != "ASSAULT" || t.Last >= trig.First || trig.First-t.Last > 4 {
			continue
		}
		k := trig.First - 1
		for k > t.Last && (nominalMarkers.Has(s.norm(k)) || s.isCount(k)) {
			k--
		}
		if k == t.Last {
			return t.First
		}
	}
	return -1
}

// crowdAttacked turns a protest word that is the object of an assault ("supporters of the cleric
// attacked protesters with knives", "gunmen attacked demonstrators") into the attack on the crowd:
// mob violence where a crowd of supporters attacks, an attack on civilians where armed men do.
// State forces' force against a crowd stays a protest met by force (refineProtest).
func (x *Extractor) crowdAttacked(s *sentence, trig lexicon.Hit, m *doc.Mention) bool {
	if m.ACLEDType != "Protests" || m.Actor1 == nil || isState(m.Actor1) || crowdKind(m.Actor1) {
		return false
	}
	verb := s.assaultOn(trig)
	if verb < 0 {
		return false
	}
	crowd := false
	for k := 0; k < verb; k++ {
		switch s.norm(k) {
		case "supporters", "supporter", "followers", "partisans", "loyalists", "youths", "mob":
			crowd = true
		}
	}
	if !crowd && !armedKinds.Has(m.Actor1.Kind) && m.Actor1.Kind != lexicon.KindUnknown {
		// "an individual in a car rammed the protesters": no group attacks; the protest was met
		return false
	}
	victims := &doc.Actor{Text: m.Trigger.Text, Name: "Protesters", Kind: lexicon.KindProtesters, Span: m.Trigger.Span}
	if crowd {
		m.Type, m.Mode, m.CAMEO = "PROTEST", "riot", "145"
		m.ACLEDType, m.ACLEDSubType = "Riots", "Mob violence"
	} else {
		m.Type, m.Mode, m.CAMEO = "ASSAULT", "firearms", "180"
		m.ACLEDType, m.ACLEDSubType = "Violence against civilians", "Attack"
	}
	m.Actor2 = victims
	return true
}

// dealWords name the deal a release is part of.
var dealWords = wordset.SetFrom(map[string]bool{"exchange": true, "swap": true, "deal": true, "agreement": true,
	"truce": true, "ceasefire": true, "accord": true, "negotiated": true, "brokered": true})

// dealNamed reports a deal named in the sentence.
func (s *sentence) dealNamed() bool {
	for k := range s.toks {
		if dealWords.Has(s.norm(k)) {
			return true
		}
	}
	return false
}

// deadlyForce reports a protest met with excessive force: live fire, beatings, or force that
// killed ("police dispersed the crowd, killing two", "troops killed 12 demonstrators"); a killing
// the crowd protests about ("over the killing of a boy") is its grievance.
func (s *sentence) deadlyForce(m *doc.Mention) bool {
	return s.metByForce("excessive") || (s.metByForce("intervention") || s.metByForce("fatal")) && m.Fatalities != nil && *m.Fatalities > 0
}

// forConscription reports detentions for forced military service: "detained young men in Maadan
// for conscription".
func (s *sentence) forConscription() bool {
	for k := range s.toks {
		switch s.norm(k) {
		case "conscription", "conscript", "conscripted":
			return true
		case "military":
			if s.norm(k+1) == "service" {
				return true
			}
		case "forcibly":
			if strings.HasPrefix(s.norm(k+1), "recruit") {
				return true
			}
		}
	}
	return false
}

// organisedForce kinds fight as forces: what they do is not mob violence, though settlers or
// vigilantes beating someone is.
var organisedForce = wordset.SetFrom(map[string]bool{lexicon.KindMilitary: true, lexicon.KindPolice: true, lexicon.KindArmedGroup: true,
	lexicon.KindUnknown: true, lexicon.KindCoalition: true})

// nonState kinds are not state forces: their detentions are abductions, their territorial gains
// are overtakes, not regains.
var nonState = wordset.SetFrom(map[string]bool{lexicon.KindArmedGroup: true, lexicon.KindMilitia: true, lexicon.KindUnknown: true})

// deFactoArmies are armed movements that monitors code as a state's forces.
var deFactoArmies = wordset.SetFrom(map[string]bool{"Houthis": true})

func (x *Extractor) refineAssault(s *sentence, trig lexicon.Hit, m *doc.Mention) {
	switch m.ACLEDSubType {
	case "Government regains territory", "Non-state actor overtakes territory":
		if s.norm(trig.First-1) == "to" {
			// "an attack to capture the army's positions was fended off", "intended to take
			// control": an attempt, fought over
			m.ACLEDType, m.ACLEDSubType, m.CAMEO, m.Mode = "Battles", "Armed clash", "190", ""
			return
		}
		switch {
		case s.cue("peaceful") != nil && !s.fought(trig):
			m.Type, m.CAMEO = "RETREAT", "0874"
			m.ACLEDType, m.ACLEDSubType = "Strategic developments", "Non-violent transfer of territory"
		case m.Actor1 != nil && deFactoArmies.Has(m.Actor1.Name):
			// monitors code the Houthis' forces as the army of the Sanaa government (ACLED:
			// "Military Forces of Yemen (2016-) Supreme Political Council")
			m.ACLEDSubType = "Government regains territory"
		case m.Actor1 != nil && nonState.Has(m.Actor1.Kind):
			m.ACLEDSubType = "Non-state actor overtakes territory"
		case m.Actor1 != nil && armedKinds.Has(m.Actor1.Kind):
			m.ACLEDSubType = "Government regains territory"
		}
		return
	}
	if s.namesOperation(trig) && m.Fatalities == nil && m.Injured == nil && trig.Action.ACLEDSubType == "Armed clash" {
		// "launched a ground operation against militants in North Waziristan": troops moved,
		// nobody is reported hurt
		m.Type, m.Mode, m.CAMEO = "MOBILIZE", "", "152"
		m.ACLEDType, m.ACLEDSubType = "Strategic developments", "Change to group/activity"
		return
	}
	if s.exchange(trig) {
		// an exchange of fire has two armed sides: a battle, whatever the weapons
		m.ACLEDType, m.ACLEDSubType, m.CAMEO, m.Mode = "Battles", "Armed clash", "190", ""
		return
	}
	ins := s.instrumentsFor(trig)
	if hasInstrument(ins, "Chemical weapon") {
		// "dropped barrel bombs filled with chlorine": the agent names the attack, whatever
		// carried it
		x.setInstrument(m, "Chemical weapon")
		return
	}
	if s.strikeSubject(trig) >= 0 && (m.Actor1 == nil || !nonState.Has(m.Actor1.Kind)) && strongestInstrument(before(ins, trig)) == "" {
		// "one strike destroyed an ISIL machine gun": a counted strike that hits something is
		// from the air; the weapons after it are its targets
		x.setInstrument(m, "Air/drone strike")
		return
	}
	if trig.Action.Specificity > 1 {
		if m.ACLEDSubType == "Shelling/artillery/missile attack" && s.anyInstrument("Air/drone strike") && (!hasInstrument(ins, "Shelling/artillery/missile attack") || s.droppedFromAir()) {
			// "Israeli warplanes fired a missile", "launched two shells from drones": a missile or
			// shell from the air is an air strike
			x.setInstrument(m, "Air/drone strike")
		}
		if m.ACLEDSubType == "Remote explosive/landmine/IED" && len(ins) > 0 {
			// "an explosion" caused by a named weapon takes that weapon's type: a suicide bomber, a
			// drone; a car bomb (VBIED) driven by a suicide attacker is a suicide bombing wherever
			// the sentence says so
			if hasInstrument(ins, "Suicide bomb") {
				x.setInstrument(m, "Suicide bomb")
			} else if in := ins[0]; in.Cue.Value != "Attack" {
				x.setInstrument(m, in.Cue.Value)
			}
		}
		// "clashes" names a battle only between armed sides
		unarmedBrawl(s, m)
		return
	}
	// gunfire between armed sides is a battle, whatever heavier weapon the sentence also names
	if fire := hasInstrument(ins, "Attack"); fire && isArmed(m.Actor2) && (m.Actor1 == nil || isArmed(m.Actor1) || m.Actor1.Kind == lexicon.KindUnknown) {
		m.ACLEDType, m.ACLEDSubType, m.CAMEO, m.Mode = "Battles", "Armed clash", "190", ""
		return
	}
	if m.Actor1 != nil && m.Actor1.Kind == lexicon.KindCoalition && (aerialVerbs.Has(s.norm(trig.First)) || raidWords.Has(s.norm(trig.First))) && !groundWords.Has(s.norm(trig.First-1)) {
		// "the Saudi-led coalition launched 4 raids on Al Hazm": a coalition strikes from the air
		if in := strongestInstrument(withoutOverlap(ins, trig)); in == "" || in == "Attack" || in == "Remote explosive/landmine/IED" {
			x.setInstrument(m, "Air/drone strike")
			return
		}
	}
	if aerialVerbs.Has(s.norm(trig.First)) && m.Actor1 != nil && stateForce(m.Actor1) {
		// "Israeli strikes killed 45", "the junta bombed a school": a state's forces strike and
		// bomb from the air; the "bomb" in "bombed" is no roadside bomb
		ins = withoutOverlap(ins, trig)
		if in := strongestInstrument(ins); in == "" || in == "Attack" {
			x.setInstrument(m, "Air/drone strike")
			return
		}
	}
	if in := strongestInstrument(ins); in != "" {
		x.setInstrument(m, in)
	}
	// a beating or stoning by people who are not state forces is mob violence; "Palestinian youths
	// threw stones at soldiers" names a crowd by its nationality, not an army
	if m.ACLEDSubType == "Attack" && s.riotAct(trig) && m.Actor1 != nil && s.bareNationality(m.Actor1.Span) {
		m.Actor1 = nil
	}
	if m.ACLEDSubType == "Attack" && (s.cue("riot") != nil || mobCrowd(m.Actor1) && !hasInstrument(ins, "Attack")) &&
		(m.Actor1 == nil || !organisedForce.Has(m.Actor1.Kind)) {
		m.Type, m.ACLEDType, m.ACLEDSubType, m.CAMEO, m.Mode = "PROTEST", "Riots", "Mob violence", "145", "riot"
		return
	}
	// small-arms violence against an armed target is a battle; against civilians, an attack. A
	// government attacks through its forces ("the Taliban attacked a checkpoint"). A unit the
	// dictionaries do not know is armed all the same ("three 4th Division members").
	if m.ACLEDSubType == "Attack" && !isArmed(m.Actor2) && s.unitObject(trig) && (m.Actor1 == nil || !crowdKind(m.Actor1)) {
		m.ACLEDType, m.ACLEDSubType, m.CAMEO, m.Mode = "Battles", "Armed clash", "190", ""
		return
	}
	if m.ACLEDSubType == "Attack" && isArmed(m.Actor2) && (m.Actor1 == nil || armedKinds.Has(m.Actor1.Kind) || m.Actor1.Kind == lexicon.KindUnknown || m.Actor1.Kind == lexicon.KindGovernment) {
		m.ACLEDType, m.ACLEDSubType, m.CAMEO, m.Mode = "Battles", "Armed clash", "190", ""
	}
	unarmedBrawl(s, m)
}

// unarmedBrawl makes a clash between rioters or unarmed people mob violence, not a battle. Settlers
// and vigilantes brawling are a mob, as when they beat someone; forces clashing fight a battle.
func unarmedBrawl(s *sentence, m *doc.Mention) {
	if m.ACLEDSubType != "Armed clash" {
		return
	}
	// a crowd that fights soldiers or settlers riots; it does not fight a battle. "Clashes between
	// police and protesters" say so with no riot word.
	crowd := crowdKind(m.Actor1) || crowdKind(m.Actor2) || youths(m.Actor1) || youths(m.Actor2) ||
		s.hasProtestWord() && (civilianSide(m.Actor1) || civilianSide(m.Actor2))
	if s.cue("riot") == nil && !crowd {
		return
	}
	if m.Actor1 != nil && s.bareNationality(m.Actor1.Span) {
		// "Palestinian youths clashed with soldiers, throwing stones": a crowd, not an army
		m.Actor1, crowd = nil, true
	}
	if !crowd && (organised(m.Actor1) || organised(m.Actor2)) {
		return
	}
	m.Type, m.ACLEDType, m.ACLEDSubType, m.CAMEO, m.Mode = "PROTEST", "Riots", "Mob violence", "145", "riot"
	if s.demonstrates() {
		m.ACLEDSubType = "Violent demonstration"
	}
	if m.Actor1 == nil && m.Actor2 != nil && m.Actor2.Kind == lexicon.KindProtesters {
		// "rioters were injured during the confrontations": the only crowd named is the one rioting
		m.Actor1, m.Actor2 = m.Actor2, nil
	}
}

// refineProtest settles how a demonstration went: met by force, turned violent, or a riot with no
// demonstration at all.
func (x *Extractor) refineProtest(s *sentence, m *doc.Mention) {
	if m.ACLEDType == "Riots" {
		if s.demonstrates() {
			m.ACLEDSubType = "Violent demonstration"
		} else {
			m.ACLEDSubType = "Mob violence"
		}
		return
	}
	if m.ACLEDType != "Protests" {
		return
	}
	riot := s.crowdRiots() || s.burnedBuilding() || s.crowdAssails() || s.crowdClashes()
	if riot && !s.demonstrates() {
		m.ACLEDType, m.ACLEDSubType, m.Mode, m.CAMEO = "Riots", "Mob violence", "riot", "145"
		return
	}
	switch {
	case riot:
		m.ACLEDType, m.ACLEDSubType, m.Mode, m.CAMEO = "Riots", "Violent demonstration", "riot", "145"
	case s.deadlyForce(m) && m.Actor1 != nil && nonState.Has(m.Actor1.Kind):
		// "unidentified gunmen opened fire on protesters": gunmen attack a crowd; only a state's
		// forces use excessive force against it
		m.Type, m.Mode, m.CAMEO = "ASSAULT", "firearms", "180"
		m.ACLEDType, m.ACLEDSubType = "Violence against civilians", "Attack"
		if m.Actor2 == nil {
			m.Actor2 = &doc.Actor{Text: m.Trigger.Text, Name: "Protesters", Kind: lexicon.KindProtesters, Span: m.Trigger.Span}
		}
	case s.deadlyForce(m):
		m.ACLEDSubType, m.Mode, m.CAMEO = "Excessive force against protesters", "", "145"
	case s.metByForce("intervention"):
		m.ACLEDSubType = "Protest with intervention"
	}
}

func (x *Extractor) setInstrument(m *doc.Mention, subType string) {
	in, ok := instruments[subType]
	if !ok {
		return
	}
	m.ACLEDSubType, m.ACLEDType, m.Mode, m.CAMEO = subType, in.acledType, in.mode, in.cameo
}

// strongestInstrument: explosive weapons outrank small arms when a sentence names both.
func strongestInstrument(ins []lexicon.Hit) string {
	rank := map[string]int{"Chemical weapon": 7, "Suicide bomb": 6, "Air/drone strike": 5, "Shelling/artillery/missile attack": 4, "Remote explosive/landmine/IED": 3, "Grenade": 2, "Attack": 1}
	best := ""
	for _, h := range ins {
		if rank[h.Cue.Value] > rank[best] {
			best = h.Cue.Value
		}
	}
	return best
}

// modality says whether the sentence reports the event as done, threatened, denied, claimed,
// planned or hypothetical. Cues count when they come before the trigger (the verb group that
// governs it) or, for claims and denials, anywhere in the sentence.
func (s *sentence) modality(trig lexicon.Hit, plover string) string {
	if plover == "THREATEN" {
		return doc.Threatened
	}
	if s.norm(trig.First-1) == "without" {
		return doc.Denied // "entered without fighting"
	}
	did := s.strikeSubject(trig) // "one strike denied ISIL access": what the strike did, no denial
	for _, h := range s.cues {
		if did >= 0 && h.First == did {
			continue
		}
		switch h.Cue.Kind {
		case "modality":
			switch h.Cue.Value {
			case doc.Denied, doc.Claimed:
				return h.Cue.Value
			case doc.Threatened:
				// "land threatened with confiscation" is what the event is about, not a threat
				if h.Last < trig.First && s.norm(h.Last+1) != "with" {
					return doc.Threatened
				}
			case doc.Planned, doc.Hypothetical:
				if h.Last < trig.First && trig.First-h.Last <= 4 {
					return h.Cue.Value
				}
			}
		case "negation":
			if h.Last < trig.First && trig.First-h.Last <= 3 {
				return doc.Denied
			}
		}
	}
	return doc.Occurred
}

func isArmed(a *doc.Actor) bool { return a != nil && armedKinds.Has(a.Kind) }

// mobCrowds are the groups whose assaults monitors code as mob violence unless they shoot:
// settlers beating shepherds or stoning cars are rioters, not an armed group attacking.
var mobCrowds = wordset.SetFrom(map[string]bool{"Settlers": true, "Vigilantes": true})

func mobCrowd(a *doc.Actor) bool { return a != nil && mobCrowds.Has(a.Name) }

func organised(a *doc.Actor) bool { return a != nil && organisedForce.Has(a.Kind) }

func crowdKind(a *doc.Actor) bool { return a != nil && a.Kind == lexicon.KindProtesters }

// civilianSide reports civilians as a side of a clash: with a demonstration named ("students
// clashed with soldiers during a demonstration") they are its crowd.
func civilianSide(a *doc.Actor) bool { return a != nil && a.Kind == lexicon.KindCivilians }

// youths reports a crowd named as young people or residents: "clashed with Palestinian youths" is a
// riot, not a battle.
func youths(a *doc.Actor) bool {
	if !civilianSide(a) {
		return false
	}
	t := strings.ToLower(a.Text)
	return strings.Contains(t, "youth") || strings.Contains(t, "young men") || strings.Contains(t, "residents") ||
		strings.Contains(t, "villagers") || strings.Contains(t, "locals")
}

// newProtest reports a demonstration named as such that is not the one already told of ("the
// protesters", "the protesting workers", "both events" refer back to it).
func (s *sentence) newProtest() bool {
	for _, h := range s.triggers {
		if h.Action.ACLEDType == "Protests" && h.Action.Specificity == 3 && !backReference.Has(s.norm(h.First-1)) {
			return true
		}
	}
	return false
}

var backReference = wordset.SetFrom(map[string]bool{"the": true, "this": true, "that": true, "these": true, "those": true, "both": true})

// hasProtestWord reports a demonstration named as such (so violence in it makes a violent
// demonstration, not mob violence).
// demonstrates reports a crowd with a cause: a protest word, a riot called a demonstration ("during
// a violent demonstration"), a demand or a denunciation, or a road blocked. Rioters with a cause
// demonstrate violently; without one they are a mob.
func (s *sentence) demonstrates() bool {
	if s.hasProtestWord() {
		return true
	}
	for k := range s.toks {
		switch s.norm(k) {
		case "demonstration", "demonstrations", "protest", "protests", "protesting", "demanded", "demanding",
			"demand", "demands", "denounced", "denouncing", "complained", "complaining":
			return true
		case "bank", "banks", "atm", "atms":
			// a crowd that smashes banks rises against the state of the economy (the West Bank is
			// a place)
			if s.norm(k-1) != "west" {
				return true
			}
		case "blocked", "blocking", "closed", "closing", "cut":
			for j := k + 1; j <= k+4 && j < len(s.toks); j++ {
				switch s.norm(j) {
				case "road", "roads", "highway", "street", "streets", "bridge", "entrance", "entrances":
					return true
				}
			}
		}
	}
	return false
}

func (s *sentence) hasProtestWord() bool {
	for _, h := range s.triggers {
		if h.Action.ACLEDType == "Protests" && h.Action.Specificity == 3 {
			return true
		}
	}
	return false
}

// droppedFromAir reports an aircraft or drone named as where a munition came from: "shells from
// drones", "bombs dropped from a helicopter".
func (s *sentence) droppedFromAir() bool {
	for c := range s.eachCue("instrument") {
		if c.Cue.Value != "Air/drone strike" {
			continue
		}
		k := c.First - 1
		if k >= 0 && (s.norm(k) == "a" || s.norm(k) == "an" || s.norm(k) == "the") {
			k--
		}
		if k >= 0 && s.norm(k) == "from" {
			return true
		}
	}
	return false
}

// anyInstrument reports a weapon of the given sub-event type anywhere in the sentence.
func (s *sentence) anyInstrument(subType string) bool {
	for c := range s.eachCue("instrument") {
		if c.Cue.Value == subType {
			return true
		}
	}
	return false
}

// hasInstrument reports whether ins holds a weapon of the given sub-event type.
func hasInstrument(ins []lexicon.Hit, subType string) bool {
	for _, h := range ins {
		if h.Cue.Value == subType {
			return true
		}
	}
	return false
}

func isState(a *doc.Actor) bool { return stateKind(a.Kind) }
