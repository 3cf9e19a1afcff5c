package eval

import "strings"

// ACLED event types.
const (
	Battles         = "Battles"
	Explosions      = "Explosions/Remote violence"
	ViolenceCivs    = "Violence against civilians"
	Protests        = "Protests"
	Riots           = "Riots"
	StrategicDevels = "Strategic developments"
)

// acledSubTypes maps each of ACLED's 25 sub-event types to its event type (ACLED's published
// taxonomy, also in acled-2022-mideast/acled_event_categories.csv).
var acledSubTypes = map[string]string{
	"Armed clash":                         Battles,
	"Government regains territory":        Battles,
	"Non-state actor overtakes territory": Battles,
	"Chemical weapon":                     Explosions,
	"Air/drone strike":                    Explosions,
	"Suicide bomb":                        Explosions,
	"Shelling/artillery/missile attack":   Explosions,
	"Remote explosive/landmine/IED":       Explosions,
	"Grenade":                             Explosions,
	"Peaceful protest":                    Protests,
	"Protest with intervention":           Protests,
	"Excessive force against protesters":  Protests,
	"Violent demonstration":               Riots,
	"Mob violence":                        Riots,
	"Agreement":                           StrategicDevels,
	"Arrests":                             StrategicDevels,
	"Change to group/activity":            StrategicDevels,
	"Disrupted weapons use":               StrategicDevels,
	"Headquarters or base established":    StrategicDevels,
	"Looting/property destruction":        StrategicDevels,
	"Non-violent transfer of territory":   StrategicDevels,
	"Other":                               StrategicDevels,
	"Sexual violence":                     ViolenceCivs,
	"Attack":                              ViolenceCivs,
	"Abduction/forced disappearance":      ViolenceCivs,
}

// EventTypeOf returns the ACLED event type of an ACLED sub-event type, or "".
func EventTypeOf(subType string) string { return acledSubTypes[subType] }

// caseCodes maps the CASE 2021 Task 2 label codes to ACLED sub-event types. The codes are those
// of the test file; EXCESSIVE_FORCE and LOOT_PROP_DESTRUCT are accepted as spellings of
// FORCE_AGAINST_PROTEST and PROPERTY_DISTRUCT (the file's own, misspelt, code).
var caseCodes = map[string]string{
	"ABDUCT_DISSAP":                 "Abduction/forced disappearance",
	"AGREEMENT":                     "Agreement",
	"AIR_STRIKE":                    "Air/drone strike",
	"ARMED_CLASH":                   "Armed clash",
	"ARREST":                        "Arrests",
	"ART_MISS_ATTACK":               "Shelling/artillery/missile attack",
	"ATTACK":                        "Attack",
	"CHANGE_TO_GROUP_ACT":           "Change to group/activity",
	"CHEM_WEAP":                     "Chemical weapon",
	"DISR_WEAP":                     "Disrupted weapons use",
	"FORCE_AGAINST_PROTEST":         "Excessive force against protesters",
	"GOV_REGAINS_TERIT":             "Government regains territory",
	"GRENADE":                       "Grenade",
	"HQ_ESTABLISHED":                "Headquarters or base established",
	"MOB_VIOL":                      "Mob violence",
	"NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
	"NON_VIOL_TERRIT_TRANSFER":      "Non-violent transfer of territory",
	"OTHER":                         "Other",
	"PEACE_PROTEST":                 "Peaceful protest",
	"PROPERTY_DISTRUCT":             "Looting/property destruction",
	"PROTEST_WITH_INTER":            "Protest with intervention",
	"REM_EXPLOS":                    "Remote explosive/landmine/IED",
	"SEX_VIOL":                      "Sexual violence",
	"SUIC_BOMB":                     "Suicide bomb",
	"VIOL_DEMONSTR":                 "Violent demonstration",
	// alternative spellings
	"EXCESSIVE_FORCE":    "Excessive force against protesters",
	"LOOT_PROP_DESTRUCT": "Looting/property destruction",
}

// caseUnseen are the CASE "unseen" labels: texts for which no ACLED violent event is expected.
var caseUnseen = map[string]bool{
	"ORG_CRIME": true, "NATURAL_DISASTER": true, "MAN_MADE_DISASTER": true, "DIPLO": true, "ATTRIB": true,
}

// subTypeCode is the reverse of caseCodes over the file's own codes, for compact confusion labels.
var subTypeCode = func() map[string]string {
	m := make(map[string]string, len(caseCodes))
	for code, st := range caseCodes {
		if code == "EXCESSIVE_FORCE" || code == "LOOT_PROP_DESTRUCT" {
			continue
		}
		m[strings.ToLower(st)] = code
	}
	return m
}()

// violentTypes are the ACLED event types counted as a "violent event" when scoring CASE unseen
// records (political violence: everything but Protests and Strategic developments).
var violentTypes = map[string]bool{
	strings.ToLower(Battles): true, strings.ToLower(Explosions): true,
	strings.ToLower(ViolenceCivs): true, strings.ToLower(Riots): true,
}

// sameLabel compares ACLED type or sub-type names, ignoring case and surrounding space.
func sameLabel(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}
