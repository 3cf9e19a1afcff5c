package extract

import (
	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/internal/wordset"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// disruptAction is weapons seized, found, defused or destroyed before use: the ACLED sub-event
// "Disrupted weapons use", as actions.tsv codes its fixed phrases ("seized weapons", "arms cache").
var disruptAction = lexicon.Action{Type: "COERCE", Mode: "seize", ACLEDType: "Strategic developments",
	ACLEDSubType: "Disrupted weapons use", Specificity: 3}

// disruptVerbs take weapons out of use.
var disruptVerbs = wordset.SetFrom(map[string]bool{"seized": true, "seize": true, "seizing": true, "confiscated": true,
	"found": true, "discovered": true, "uncovered": true, "defused": true, "dismantled": true,
	"destroyed": true, "cleared": true, "recovered": true, "intercepted": true, "removed": true,
	"captured": true, "identified": true, "impounded": true, "neutralized": true, "neutralised": true})

// weaponNouns are what a force seizes or defuses.
var weaponNouns = wordset.SetFrom(map[string]bool{"weapons": true, "arms": true, "ammunition": true, "ammunitions": true,
	"ammo": true, "rounds": true, "cartridges": true, "bullets": true, "firearms": true, "rifles": true,
	"pistols": true, "guns": true, "revolvers": true, "grenades": true, "mines": true, "landmines": true,
	"explosives": true, "devices": true, "device": true, "ieds": true, "ied": true, "rockets": true,
	"mortars": true, "missiles": true, "cache": true, "stash": true, "launcher": true, "launchers": true,
	"rpgs": true, "kalashnikovs": true, "bombs": true, "bomb": true, "detonators": true, "tnt": true, "laden": true, "explosive": true})

// harmWords tell of weapons used: then the sentence is about the attack, not a seizure.
var harmWords = wordset.SetFrom(map[string]bool{"exploded": true, "explosion": true, "explosions": true, "blast": true,
	"detonated": true, "killed": true, "killing": true, "injured": true, "wounded": true, "struck": true,
	"strike": true, "strikes": true, "airstrike": true, "airstrikes": true, "attack": true, "attacks": true,
	"attacked": true, "shelled": true, "shelling": true, "fired": true, "launched": true, "targeted": true,
	"targeting": true, "clashed": true, "clashes": true, "hit": true, "dead": true, "warplanes": true,
	"jets": true, "aircraft": true, "helicopters": true, "artillery": true, "bombed": true, "pounded": true})

// disruption returns the verb of a sentence that tells of weapons seized, found, defused or
// destroyed ("police seized 50 rifles", "two explosive devices were found near the canal") and of
// nothing done with them, or -1.
func (s *sentence) disruption() int {
	verb := -1
	for k := range s.toks {
		switch disruptWords.Value(s.norm(k)) {
		case harmWord:
			return -1
		case disruptVerb:
			if verb < 0 && s.seizesWeapons(k) {
				verb = k
			}
		}
	}
	return verb
}

const (
	harmWord = 1 + iota
	disruptVerb
)

// disruptWords holds harmWords and disruptVerbs in one table: disruption looks up every word of
// every sentence, once.
var disruptWords = func() wordset.Map[uint8] {
	m := map[string]uint8{}
	for w := range disruptVerbs.All() {
		m[w] = disruptVerb
	}
	for w := range harmWords.All() {
		m[w] = harmWord
	}
	return wordset.Of(m)
}()

// seizesWeapons reports weapons as the object of the verb at k ("seized 50 rifles") or, in the
// passive, its subject ("two explosive devices were found", "arms have been seized").
func (s *sentence) seizesWeapons(k int) bool {
	for j := k + 1; j < len(s.toks) && j <= k+8; j++ {
		if j > k+1 && s.toks[j].Punct != "" {
			break
		}
		if weaponNouns.Has(s.norm(j)) {
			return true
		}
	}
	if s.beVerb(k-1) || s.beVerb(k-2) {
		for j := k - 1; j >= 0 && j >= k-10; j-- {
			if weaponNouns.Has(s.norm(j)) {
				return true
			}
		}
	}
	return false
}

// disruptable reports a main trigger that a seizure of weapons overrides: the weapon named as if
// used ("grenades" read as a grenade attack), "seized" read as territory taken, a generic act.
// Arrests and protests keep their own type.
func disruptable(t lexicon.Hit) bool {
	switch t.Action.Type {
	case "ASSAULT", "MOBILIZE", "COOPERATE", "CONCEDE":
		return true
	}
	return t.Action.ACLEDSubType == "Other" || t.Action.ACLEDSubType == "Looting/property destruction" && t.Action.Specificity < 3
}

// plantedBy gives a disrupted weapon's planter its place: "Gendarmerie forces located an IED planted
// by PKK militants ... and destroyed it" is the gendarmerie's act against the PKK, though the PKK
// stand nearest the verb.
func (x *Extractor) plantedBy(s *sentence, st *docState, m *doc.Mention) {
	if m.ACLEDSubType != "Disrupted weapons use" {
		return
	}
	for i, h := range s.actors {
		if h.First < 2 || s.norm(h.First-1) != "by" || !plantVerbs.Has(s.norm(h.First-2)) {
			continue
		}
		planter := x.actor(s, h, st, false)
		if m.Actor1 != nil && m.Actor1.Span == planter.Span {
			m.Actor1 = nil
			if i > 0 {
				m.Actor1 = x.actor(s, s.actors[i-1], st, true)
			}
		}
		m.Actor2 = planter
		return
	}
}

var plantVerbs = wordset.SetFrom(map[string]bool{"planted": true, "laid": true, "placed": true, "left": true, "set": true, "installed": true})
