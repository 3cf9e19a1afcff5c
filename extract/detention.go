package extract

import (
	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// policePower lists the (state, territory) pairs where a state's forces police another's
// territory: Israel's raids and arrests in the West Bank are arrests.
var policePower = map[[2]string]bool{{"ISR", "PSE"}: true}

// policing reports a state force acting on people of a territory it polices (see policePower).
func policing(force, target *doc.Actor) bool {
	return force != nil && target != nil && policePower[[2]string{force.Country, target.Country}]
}

// foreignDetention makes a detention by forces on foreign soil, or by a foreign coalition, an
// abduction: an arrest is a state's police power in its own territory ("Turkish border guards
// detained four farmers" in Syria, "Coalition forces detained four men").
func foreignDetention(m *doc.Mention) {
	// a place named, not the country of the detainees' nationality ("arrested a Syrian man")
	if m.ACLEDSubType != "Arrests" || m.Actor1 == nil || m.Location == nil || m.Location.Country == "" ||
		m.Location.Precision == doc.PrecisionCountry {
		return
	}
	a := m.Actor1
	foreign := a.Kind == lexicon.KindCoalition ||
		(a.Kind == lexicon.KindMilitary || a.Kind == lexicon.KindPolice) && a.Country != "" && a.Country != m.Location.Country
	if !foreign || policePower[[2]string{a.Country, m.Location.Country}] {
		return
	}
	m.Type, m.Mode, m.CAMEO = "ASSAULT", "abduct", "181"
	m.ACLEDType, m.ACLEDSubType = "Violence against civilians", "Abduction/forced disappearance"
}
