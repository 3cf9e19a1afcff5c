package fuse

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
)

// Limits of the merge rules (see the package documentation).
const (
	// ReportedSlackDays: a mention with no date of its own (precision "reported") may be about an
	// event this many days before its publication.
	ReportedSlackDays = 3
	// MaxSpanDays: mentions whose date range is longer ("this year") take no part in fusion.
	MaxSpanDays = 31
	// PreciseKm is how far apart two precise places (point, city) of one event may be; NearKm when
	// either is "near" a place or an admin2 area.
	PreciseKm = 15.0
	NearKm    = 25.0
)

const day = 24 * time.Hour

// Window is the range of days a mention's event may have happened on, inclusive; ok is false for
// mentions that take no part in fusion.
func Window(m doc.Mention) (start, end time.Time, ok bool) {
	start, end = m.Date.Start, m.Date.End
	if start.IsZero() {
		return start, end, false
	}
	if end.Before(start) {
		end = start
	}
	if m.Date.Precision == doc.DateReported {
		start = start.Add(-ReportedSlackDays * day)
	}
	if m.Date.Precision == doc.DateYear || end.Sub(start) > MaxSpanDays*day {
		return start, end, false
	}
	return start, end, true
}

// Fusable reports whether a mention can be matched with others: it has a place with a country and
// a date range of at most MaxSpanDays days.
func Fusable(m doc.Mention) bool {
	_, _, ok := Window(m)
	return ok && m.Location != nil && m.Location.Country != ""
}

// Decision is the outcome of Compatible, with the rule that decided it.
type Decision struct {
	Merge  bool
	Reason string
}

func no(reason string) Decision { return Decision{Reason: reason} }

// Compatible decides whether two mentions may describe one event. It is symmetric.
func Compatible(a, b doc.Mention) Decision {
	if d := compatibleBut(a, b); !d.Merge {
		return d
	}
	if _, ok := rolesFit(a, roles{}.add(b, false)); !ok {
		return no("different actors")
	}
	return Decision{Merge: true, Reason: "compatible"}
}

// compatibleBut is Compatible but for the actors, which Cluster checks against an event's roles.
func compatibleBut(a, b doc.Mention) Decision {
	if !Fusable(a) || !Fusable(b) {
		return no("not fusable: no place or no usable date")
	}
	if modalityClass(a.Modality) != modalityClass(b.Modality) {
		return no("modality " + a.Modality + " vs " + b.Modality)
	}
	if !sameFamily(a, b) {
		return no("type " + subType(a) + " vs " + subType(b))
	}
	if Cued(a) != Cued(b) {
		return no("a cue (\"a second\", \"another\") marks one as a distinct event")
	}
	as, ae, _ := Window(a)
	bs, be, _ := Window(b)
	if ae.Before(bs) || be.Before(as) {
		return no("different days")
	}
	if ok, why := placesAgree(a.Location, b.Location); !ok {
		return no(why)
	}
	return Decision{Merge: true, Reason: "compatible"}
}

// modalityClass: assertions about something that happened (occurred, claimed, denied) are one class.
func modalityClass(m string) string {
	switch m {
	case doc.Occurred, doc.Claimed, doc.Denied, "":
		return doc.Occurred
	}
	return m
}

func subType(m doc.Mention) string {
	if m.ACLEDSubType == "" || m.ACLEDSubType == "Other" {
		return m.Type
	}
	return m.ACLEDSubType
}

// sameFamily reports whether the two types may name one event.
func sameFamily(a, b doc.Mention) bool {
	if a.Type != b.Type {
		return false
	}
	switch a.Type {
	case "ASSAULT":
		sa, sb := a.ACLEDSubType, b.ACLEDSubType
		switch {
		case sa == sb, sa == "Attack", sb == "Attack", sa == "", sb == "":
			return true
		case a.ACLEDType == "Explosions/Remote violence" && b.ACLEDType == "Explosions/Remote violence":
			return true
		case sa == "Armed clash" || sb == "Armed clash":
			other := a.ACLEDType
			if sa == "Armed clash" {
				other = b.ACLEDType
			}
			return other == "Battles" || other == "Violence against civilians"
		}
		return false
	case "PROTEST":
		return true
	case "COERCE":
		return a.ACLEDSubType == b.ACLEDSubType
	}
	return true
}

// cueWords before a trigger mark a distinct event: "a second airstrike", "another attack".
var cueWords = map[string]bool{"second": true, "third": true, "fourth": true, "fifth": true, "another": true,
	"separate": true, "fresh": true, "further": true, "renewed": true, "2nd": true, "3rd": true}

// cueReach is how many words before the trigger a cue may stand ("a second wave of Russian drones struck").
const cueReach = 6

// Cued reports whether the words just before the mention's trigger mark it as an event distinct
// from one already reported: "a second airstrike", "another attack", "a separate raid".
func Cued(m doc.Mention) bool {
	off := m.Trigger.Span.Start - m.Evidence.Span.Start
	if off <= 0 || off > len(m.Evidence.Sentence) {
		return false
	}
	toks := doc.Tokenize(m.Evidence.Sentence[:off], 0)
	for i := len(toks) - 1; i >= 0 && i >= len(toks)-cueReach; i-- {
		n := toks[i].Norm
		if cueWords[n] || (n == "new" && i+1 < len(toks) && toks[i+1].Norm == "wave") {
			return true
		}
	}
	return false
}

// precision ranks of places, most precise highest; 0 for none.
var placeRank = map[string]int{
	doc.PrecisionPoint: 7, doc.PrecisionCity: 6, doc.PrecisionNear: 5, doc.PrecisionAdmin2: 4,
	doc.PrecisionAdmin1: 3, doc.PrecisionRegion: 2, doc.PrecisionCountry: 1,
}

func rankOf(p *doc.Place) int {
	if p == nil {
		return 0
	}
	return placeRank[p.Precision]
}

const rankAdmin2, rankAdmin1 = 4, 3

// placesAgree reports whether two places may be the place of one event, within their precision.
func placesAgree(a, b *doc.Place) (bool, string) {
	if a == nil || b == nil {
		return false, "no place"
	}
	if a.Country != b.Country {
		return false, "different countries"
	}
	ra, rb := rankOf(a), rankOf(b)
	switch {
	case ra >= rankAdmin2 && rb >= rankAdmin2:
		if a.GeonameID != 0 && a.GeonameID == b.GeonameID {
			return true, ""
		}
		limit := PreciseKm
		if ra <= placeRank[doc.PrecisionNear] || rb <= placeRank[doc.PrecisionNear] {
			limit = NearKm
		}
		if km := Distance(a, b); km > limit {
			return false, "places too far apart"
		}
		return true, ""
	case ra >= rankAdmin1 && rb >= rankAdmin1:
		if a.Admin1 == "" || b.Admin1 == "" || sameName(a.Admin1, b.Admin1) {
			return true, ""
		}
		return false, "different provinces"
	}
	return true, "" // a region or the country holds anything in it
}

func sameName(a, b string) bool {
	return doc.Normalize(a) == doc.Normalize(b)
}

// Distance is the great-circle distance between two places in km.
func Distance(a, b *doc.Place) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat := (b.Lat - a.Lat) * rad
	dlon := (b.Lon - a.Lon) * rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

// Affiliations resolve names outlets and parties use for one force to the force the lexicon names:
// Turkish statements call the SDF "the PKK/YPG"; the Tatmadaw is Myanmar's military.
var Affiliations = map[string]string{
	"People's Protection Units":  "Syrian Democratic Forces",
	"Women's Protection Units":   "Syrian Democratic Forces",
	"Kurdistan Workers' Party":   "Syrian Democratic Forces",
	"Tatmadaw":                   "state:MMR",
	"Israel Defense Forces":      "state:ISR",
	"Rapid Support Forces (RSF)": "Rapid Support Forces",
}

// genericNames are the lexicon's common-noun actors: they name no particular force.
var genericNames = map[string]bool{"Militants": true, "Rebels": true, "Militia": true, "Tribesmen": true,
	"Vigilantes": true, "Gangs": true, "Smugglers": true, "Pirates": true, "Mercenaries": true, "Gunmen": true,
	"Bandits": true, "Mob": true}

// armedKinds can be told apart as forces; other kinds (civilians, protesters, governments, people,
// organisations) are named too loosely by outlets to keep events apart.
var armedKinds = map[string]bool{"military": true, "police": true, "armed_group": true, "coalition": true, "militia": true}

// identity is the force an actor names ("" when it names none in particular): a state's military and
// police are one force, "state:ISO3"; a named group is its canonical name.
func identity(a *doc.Actor) string {
	if a == nil || !armedKinds[a.Kind] || genericNames[a.Name] || strings.HasPrefix(a.Name, "Unidentified") {
		return ""
	}
	if alias, ok := Affiliations[a.Name]; ok {
		return alias
	}
	if a.Kind == "military" || a.Kind == "police" {
		if a.Country == "" {
			return ""
		}
		return "state:" + a.Country
	}
	return a.Name
}

// SameForce lists pairs of identities that outlets use for one force: the Houthi movement's forces
// call themselves the Yemeni armed forces, the Taliban are Afghanistan's government and army, Hamas
// runs Gaza's police and security forces; and a branch goes by its parent's name ("militants linked
// to al-Qaeda" in the Sahel are JNIM, "Islamic State fighters" in Borno are ISWAP). The pairs are
// not transitive: two branches of one parent stay apart.
var SameForce = map[[2]string]bool{
	{"Houthis", "state:YEM"}: true,
	{"Taliban", "state:AFG"}: true,
	{"Hamas", "state:PSE"}:   true,

	{"Jama'at Nusrat al-Islam wal-Muslimin", "al-Qaeda"}:       true,
	{"al-Qaeda in the Arabian Peninsula", "al-Qaeda"}:          true,
	{"al-Qaeda in the Islamic Maghreb", "al-Qaeda"}:            true,
	{"al-Qaeda in the Indian Subcontinent", "al-Qaeda"}:        true,
	{"al-Shabaab", "al-Qaeda"}:                                 true,
	{"Islamic State Khorasan Province", "Islamic State"}:       true,
	{"Islamic State West Africa Province", "Islamic State"}:    true,
	{"Islamic State Sahel Province", "Islamic State"}:          true,
	{"Islamic State Central Africa Province", "Islamic State"}: true,
	{"Islamic State Mozambique Province", "Islamic State"}:     true,
	{"Islamic State Somalia Province", "Islamic State"}:        true,
	{"Islamic State Sinai Province", "Islamic State"}:          true,
}

func conflict(a, b *doc.Actor) bool {
	ia, ib := identity(a), identity(b)
	return ia != "" && ib != "" && ia != ib && !SameForce[[2]string{ia, ib}] && !SameForce[[2]string{ib, ia}]
}

func sameID(ia, ib string) bool {
	return ia != "" && ib != "" && (ia == ib || SameForce[[2]string{ia, ib}] || SameForce[[2]string{ib, ia}])
}

// roles are the forces an event's reports name as attacker (perps) and as target, oriented: a report
// that joined with its roles swapped adds its attacker to the targets.
type roles struct {
	perps, targets []string
}

// add returns r with m's forces added, its roles swapped when swapped is set.
func (r roles) add(m doc.Mention, swapped bool) roles {
	a1, a2 := identity(m.Actor1), identity(m.Actor2)
	if swapped {
		a1, a2 = a2, a1
	}
	out := roles{perps: slices.Clone(r.perps), targets: slices.Clone(r.targets)}
	if a1 != "" && !slices.Contains(out.perps, a1) {
		out.perps = append(out.perps, a1)
	}
	if a2 != "" && !slices.Contains(out.targets, a2) {
		out.targets = append(out.targets, a2)
	}
	return out
}

// fits reports whether a force is no other force than every one of ids.
func fits(id string, ids []string) bool {
	for _, x := range ids {
		if id != "" && !sameID(id, x) {
			return false
		}
	}
	return true
}

func among(id string, ids []string) bool {
	for _, x := range ids {
		if sameID(id, x) {
			return true
		}
	}
	return false
}

// rolesFit reports whether a mention's actors fit an event's roles, and whether they do with the
// mention's roles swapped. A missing or generic actor fits anything. Swapped roles (a passive sentence
// misread, "killed two YPG militants" coding the target as the actor) are accepted only on positive
// evidence: the mention's attacker is one of the event's targets, or its target one of the attackers —
// otherwise two reports each naming a different attacker and no target would merge.
func rolesFit(m doc.Mention, r roles) (swapped, ok bool) {
	a1, a2 := identity(m.Actor1), identity(m.Actor2)
	if fits(a1, r.perps) && fits(a2, r.targets) {
		return false, true
	}
	if fits(a1, r.targets) && fits(a2, r.perps) && (among(a1, r.targets) || among(a2, r.perps)) {
		return true, true
	}
	return false, false
}

// affinity scores how alike two compatible mentions are, to choose between events that would both
// take a mention: the same gazetteer entry or nearby places, the same sub-type, shared named forces,
// the same figures, the same day.
func affinity(a, b doc.Mention) float64 {
	s := 0.0
	pa, pb := a.Location, b.Location
	switch ra, rb := rankOf(pa), rankOf(pb); {
	case ra >= rankAdmin2 && rb >= rankAdmin2 && pa.GeonameID != 0 && pa.GeonameID == pb.GeonameID:
		s += 4
	case ra >= rankAdmin2 && rb >= rankAdmin2:
		s += 3 * math.Max(0, 1-Distance(pa, pb)/NearKm)
	case ra >= rankAdmin1 && rb >= rankAdmin1:
		s += 1.5
	default:
		s += 1
	}
	if subType(a) == subType(b) {
		s++
	}
	ids := map[string]bool{}
	for _, x := range []*doc.Actor{a.Actor1, a.Actor2} {
		if id := identity(x); id != "" {
			ids[id] = true
		}
	}
	for _, x := range []*doc.Actor{b.Actor1, b.Actor2} {
		if id := identity(x); id != "" && ids[id] {
			s++
			delete(ids, id)
		}
	}
	if a.Fatalities != nil && b.Fatalities != nil && *a.Fatalities == *b.Fatalities {
		s++
	}
	if a.Injured != nil && b.Injured != nil && *a.Injured == *b.Injured {
		s++
	}
	if a.Date.Precision == doc.DateDay && b.Date.Precision == doc.DateDay && a.Date.Start.Equal(b.Date.Start) {
		s++
	}
	return s
}
