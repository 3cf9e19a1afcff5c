package extract

import (
	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/internal/wordset"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// family groups types whose mentions may describe one event: an ACLED event type where there is
// one, else the PLOVER type.
type family struct{ plover, acled string }

func familyOf(m doc.Mention) family {
	if m.Type == "ASSAULT" || m.Type == "PROTEST" {
		return family{m.Type, m.ACLEDType}
	}
	return family{plover: m.Type}
}

// sameEvent reports whether two mentions of one document describe the same event: same family and
// modality, no conflicting actor, place or date.
func sameEvent(a, b doc.Mention) bool {
	if familyOf(a) != familyOf(b) || a.Modality != b.Modality {
		return false
	}
	if !compatibleActor(a.Actor1, b.Actor1) || !compatibleActor(a.Actor2, b.Actor2) {
		return false
	}
	return samePlaceAndTime(a, b)
}

// samePlaceAndTime reports two mentions that name no conflicting place or date.
func samePlaceAndTime(a, b doc.Mention) bool {
	if a.Location != nil && b.Location != nil && a.Location.Span.Len() > 0 && b.Location.Span.Len() > 0 &&
		a.Location.Name != b.Location.Name && a.Location.Precision == b.Location.Precision {
		return false
	}
	if a.Date.Precision != doc.DateReported && b.Date.Precision != doc.DateReported &&
		(a.Date.End.Before(b.Date.Start) || b.Date.End.Before(a.Date.Start)) {
		return false
	}
	return true
}

// weaponOfAttack reports a later mention that names the weapon of an attack told generically
// before it (Violence against civilians: "targeted", "attacked"): an explosive or remote weapon
// used at the same place and time, by no other party.
func weaponOfAttack(lead, m doc.Mention) bool {
	if lead.ACLEDSubType != "Attack" || m.ACLEDType != "Explosions/Remote violence" || lead.Modality != m.Modality {
		return false
	}
	m.Type, m.ACLEDType = lead.Type, lead.ACLEDType
	return sameEvent(lead, m)
}

// compatibleActor: an actor the text leaves unidentified ("gunmen", "an unidentified armed group")
// may be the one another sentence names, and "the army" is the "Sudanese Armed Forces" a sentence
// before named, as in fusion.
func compatibleActor(a, b *doc.Actor) bool {
	return a == nil || b == nil || a.Name == b.Name || a.Kind == lexicon.KindUnknown || b.Kind == lexicon.KindUnknown ||
		stateForce(a) && stateForce(b) && a.Country == b.Country
}

func stateForce(a *doc.Actor) bool {
	return a.Country != "" && (a.Kind == lexicon.KindMilitary || a.Kind == lexicon.KindPolice)
}

// mergeWithinDocument folds mentions of one event into the first (the lead usually states it best),
// filling its missing fields from the others. It works in place: the result is a prefix of ms.
func mergeWithinDocument(ms []doc.Mention) []doc.Mention {
	out := ms[:0]
	for _, m := range ms {
		merged := false
		for i := range out {
			if sameEvent(out[i], m) {
				absorb(&out[i], m)
				merged = true
				break
			}
			if weaponOfAttack(out[i], m) {
				// "gunmen targeted a vehicle in Daraa. An IED was used in the attack.": the later
				// sentence names the weapon of the attack the lead told of
				out[i].Type, out[i].Mode, out[i].CAMEO = m.Type, m.Mode, m.CAMEO
				out[i].ACLEDType, out[i].ACLEDSubType = m.ACLEDType, m.ACLEDSubType
				absorb(&out[i], m)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, m)
		}
	}
	return out
}

// protestSeverity orders how a protest was met: a later sentence that tells of police breaking it up
// ("Police intervened in the protest and moved the protesters out") says more than the lead.
var protestSeverity = wordset.Of(map[string]int{"Peaceful protest": 1, "Protest with intervention": 2, "Excessive force against protesters": 3})

func absorb(into *doc.Mention, m doc.Mention) {
	if into.ACLEDType == "Protests" && m.ACLEDType == "Protests" && protestSeverity.Value(m.ACLEDSubType) > protestSeverity.Value(into.ACLEDSubType) {
		into.ACLEDSubType, into.Mode, into.CAMEO = m.ACLEDSubType, m.Mode, m.CAMEO
	}
	into.Fill(m)
	if m.Confidence > into.Confidence {
		into.Confidence = m.Confidence
	}
}
