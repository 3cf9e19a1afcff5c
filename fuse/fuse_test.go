package fuse

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
)

func date(s string) time.Time {
	t, err := time.Parse(doc.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr(n int) *int { return &n }

// Places as the gazetteer resolves them.
var (
	kharkiv          = &doc.Place{Name: "Kharkiv", Admin1: "Kharkiv", Country: "UKR", Lat: 49.98081, Lon: 36.25272, Precision: doc.PrecisionCity, GeonameID: 706483}
	sloviansk        = &doc.Place{Name: "Sloviansk", Admin1: "Donetsk", Country: "UKR", Lat: 48.8703, Lon: 37.6256, Precision: doc.PrecisionCity, GeonameID: 693468}
	kostiantynivka   = &doc.Place{Name: "Kostiantynivka", Admin1: "Donetsk", Country: "UKR", Lat: 48.5277, Lon: 37.7069, Precision: doc.PrecisionCity, GeonameID: 705104}
	donetskOblast    = &doc.Place{Name: "Donetsk Oblast", Admin1: "Donetsk", Country: "UKR", Lat: 48.0, Lon: 37.8, Precision: doc.PrecisionAdmin1}
	kharkivOblast    = &doc.Place{Name: "Kharkiv Oblast", Admin1: "Kharkiv", Country: "UKR", Lat: 49.5, Lon: 36.5, Precision: doc.PrecisionAdmin1}
	marib            = &doc.Place{Name: "Ma'rib", Admin1: "Ma’rib", Country: "YEM", Lat: 15.4625, Lon: 45.3258, Precision: doc.PrecisionCity, GeonameID: 72968}
	yemen            = &doc.Place{Name: "Yemen", Country: "YEM", Lat: 15.5, Lon: 47.5, Precision: doc.PrecisionCountry}
	hodeidah         = &doc.Place{Name: "Al Hudaydah", Admin1: "Al Hudaydah", Country: "YEM", Lat: 14.79781, Lon: 42.95452, Precision: doc.PrecisionCity, GeonameID: 79415}
	qamishli         = &doc.Place{Name: "Al Qamishli", Admin1: "Al-Hasakah", Country: "SYR", Lat: 37.05215, Lon: 41.23142, Precision: doc.PrecisionNear, GeonameID: 173377}
	qamishliOutskirt = &doc.Place{Name: "Al Qamishli", Admin1: "Al-Hasakah", Country: "SYR", Lat: 37.0, Lon: 41.25, Precision: doc.PrecisionPoint}
	nusaybin         = &doc.Place{Name: "Nusaybin", Admin1: "Mardin", Country: "TUR", Lat: 37.07028, Lon: 41.21544, Precision: doc.PrecisionCity, GeonameID: 303195}
	odesa            = &doc.Place{Name: "Odesa", Admin1: "Odesa", Country: "UKR", Lat: 46.47747, Lon: 30.73262, Precision: doc.PrecisionCity, GeonameID: 698740}
)

func actor(name, kind, country string) *doc.Actor {
	return &doc.Actor{Name: name, Kind: kind, Country: country}
}

var (
	russia    = actor("Military of Russia", "military", "RUS")
	civUKR    = actor("Civilians (Ukraine)", "civilians", "UKR")
	govUKR    = actor("Government of Ukraine", "government", "UKR")
	houthis   = actor("Houthis", "armed_group", "YEM")
	yemenArmy = actor("Military of Yemen", "military", "YEM")
	usArmy    = actor("Military of United States", "military", "USA")
	turkey    = actor("Military of Turkey", "military", "TUR")
	sdf       = actor("Syrian Democratic Forces", "armed_group", "SYR")
	ypg       = actor("People's Protection Units", "armed_group", "SYR")
	syriaArmy = actor("Military of Syria", "military", "SYR")
	israel    = actor("Military of Israel", "military", "ISR")
	hezbollah = actor("Hezbollah", "armed_group", "LBN")
	unknown   = actor("Unidentified armed group (Ukraine)", "unidentified", "UKR")
)

// m builds a mention. sentence is the evidence; the trigger is the first occurrence of trigger in it.
func m(sub string, place *doc.Place, when, precision string, a1, a2 *doc.Actor, sentence, trigger string) doc.Mention {
	acled := map[string]string{
		"Air/drone strike": "Explosions/Remote violence", "Shelling/artillery/missile attack": "Explosions/Remote violence",
		"Remote explosive/landmine/IED": "Explosions/Remote violence", "Suicide bomb": "Explosions/Remote violence",
		"Armed clash": "Battles", "Attack": "Violence against civilians", "Peaceful protest": "Protests",
		"Protest with intervention": "Protests", "Violent demonstration": "Riots",
	}[sub]
	typ := "ASSAULT"
	if acled == "Protests" || acled == "Riots" {
		typ = "PROTEST"
	}
	d := date(when)
	i := strings.Index(sentence, trigger)
	if i < 0 {
		panic("trigger " + trigger + " not in " + sentence)
	}
	return doc.Mention{
		Type: typ, ACLEDType: acled, ACLEDSubType: sub, Modality: doc.Occurred,
		Trigger: doc.Phrase{Text: trigger, Span: doc.Span{Start: 100 + i, End: 100 + i + len(trigger)}},
		Actor1:  a1, Actor2: a2, Location: place,
		Date:     doc.When{Start: d, End: d, Precision: precision},
		Evidence: doc.Evidence{Sentence: sentence, Span: doc.Span{Start: 100, End: 100 + len(sentence)}},
		Sources:  []doc.Attribution{}, Confidence: 0.8,
	}
}

func with(x doc.Mention, f func(*doc.Mention)) doc.Mention {
	f(&x)
	return x
}

func TestCompatible(t *testing.T) {
	strike := m("Shelling/artillery/missile attack", kharkiv, "2026-01-12", doc.DateDay, russia, civUKR,
		"A Russian missile struck an apartment building in Kharkiv on Monday, killing four people.", "missile")
	tests := []struct {
		name  string
		a, b  doc.Mention
		merge bool
	}{
		// reports of one event
		{"one report names the toll, another the attacker", strike,
			m("Shelling/artillery/missile attack", kharkiv, "2026-01-12", doc.DateDay, nil, nil,
				"At least four civilians were killed when a ballistic missile hit a residential block in Kharkiv on Monday.", "ballistic missile"), true},
		{"roles swapped by a passive sentence", strike,
			m("Shelling/artillery/missile attack", kharkiv, "2026-01-12", doc.DateDay, civUKR, govUKR,
				"Four civilians were killed by a missile in Kharkiv on Monday, Ukrainian officials said.", "missile"), true},
		{"an unidentified attacker is compatible", strike,
			m("Shelling/artillery/missile attack", kharkiv, "2026-01-12", doc.DateDay, unknown, nil,
				"A missile hit Kharkiv on Monday.", "missile hit"), true},
		{"the province joins a town inside it", strike,
			m("Shelling/artillery/missile attack", kharkivOblast, "2026-01-12", doc.DateDay, russia, nil,
				"Russian missiles struck the Kharkiv region on Monday.", "missiles"), true},
		{"a report dated by its publication, two days later", strike,
			with(m("Shelling/artillery/missile attack", kharkiv, "2026-01-14", doc.DateReported, nil, nil,
				"Rescuers recovered two more bodies from the building hit by a missile in Kharkiv.", "missile"), func(x *doc.Mention) {}), true},
		{"a glide bomb called an air strike by one outlet, a bomb by another",
			m("Air/drone strike", sloviansk, "2026-02-09", doc.DateDay, russia, civUKR, "Russian aircraft dropped a guided bomb on Sloviansk on Monday.", "bomb"),
			m("Remote explosive/landmine/IED", sloviansk, "2026-02-09", doc.DateDay, russia, nil, "Five people were hurt when a glide bomb hit the centre of Sloviansk on Monday.", "bomb"), true},
		{"\"killed\" (a generic attack) joins the strike", strike,
			m("Attack", kharkiv, "2026-01-12", doc.DateDay, nil, civUKR, "Four people were killed in Kharkiv on Monday.", "killed"), true},
		{"the country joins a city in it",
			m("Shelling/artillery/missile attack", marib, "2026-01-18", doc.DateDay, houthis, nil, "A missile fired by the Houthis struck Marib on Sunday.", "missile"),
			m("Shelling/artillery/missile attack", yemen, "2026-01-18", doc.DateDay, houthis, nil, "A Houthi missile attack killed five civilians in government-held Yemen on Sunday.", "missile attack"), true},
		{"a denial is about the same event",
			m("Shelling/artillery/missile attack", marib, "2026-01-18", doc.DateDay, houthis, nil, "A missile fired by the Houthis struck Marib on Sunday.", "missile"),
			with(m("Shelling/artillery/missile attack", marib, "2026-01-18", doc.DateDay, houthis, nil, "The Houthis denied firing a missile at Marib on Sunday.", "missile"),
				func(x *doc.Mention) { x.Modality = doc.Denied }), true},
		{"the Houthis' forces call themselves Yemen's army",
			m("Air/drone strike", hodeidah, "2026-01-16", doc.DateDay, usArmy, yemenArmy, "US warplanes struck the port of Hodeidah on Friday.", "struck"),
			m("Air/drone strike", hodeidah, "2026-01-16", doc.DateDay, usArmy, houthis, "The United States carried out air strikes on Houthi targets at Hodeidah port on Friday.", "air strikes"), true},
		{"Turkey's \"YPG\" is the SDF",
			m("Air/drone strike", qamishli, "2026-01-17", doc.DateDay, turkey, sdf, "A Turkish drone struck an SDF vehicle near Qamishli on Saturday.", "drone"),
			m("Air/drone strike", qamishli, "2026-01-17", doc.DateDay, ypg, nil, "Turkey said it neutralised two YPG militants in a drone strike near Qamishli on Saturday.", "drone strike"), true},
		{"a point on the outskirts, the town",
			m("Air/drone strike", qamishli, "2026-01-17", doc.DateDay, turkey, sdf, "A Turkish drone struck an SDF vehicle near Qamishli on Saturday.", "drone"),
			m("Air/drone strike", qamishliOutskirt, "2026-01-17", doc.DateDay, turkey, nil, "Two SDF fighters died when a Turkish drone hit their car on the outskirts of Qamishli.", "drone"), true},
		{"two reports of the second attack",
			m("Air/drone strike", odesa, "2026-02-08", doc.DateDay, nil, civUKR, "A second drone attack hit Odesa on Sunday evening, killing one man.", "drone attack"),
			m("Air/drone strike", odesa, "2026-02-08", doc.DateDay, nil, civUKR, "Odesa was hit by another drone attack late on Sunday.", "drone attack"), true},
		{"protest and its dispersal are one protest",
			m("Peaceful protest", kharkiv, "2026-02-01", doc.DateDay, nil, nil, "Hundreds protested in Kharkiv on Sunday.", "protested"),
			m("Protest with intervention", kharkiv, "2026-02-01", doc.DateDay, nil, nil, "Police dispersed protesters in Kharkiv on Sunday.", "protesters"), true},

		// distinct events
		{"different days", strike,
			m("Shelling/artillery/missile attack", kharkiv, "2026-01-13", doc.DateDay, russia, civUKR, "A Russian missile struck Kharkiv on Tuesday.", "missile"), false},
		{"towns 40 km apart on the same day",
			m("Air/drone strike", sloviansk, "2026-02-09", doc.DateDay, russia, civUKR, "Russian aircraft dropped a guided bomb on Sloviansk on Monday.", "bomb"),
			m("Air/drone strike", kostiantynivka, "2026-02-09", doc.DateDay, russia, civUKR, "A Russian glide bomb struck a street in Kostiantynivka on Monday.", "bomb"), false},
		{"the town is not in that province", strike,
			m("Shelling/artillery/missile attack", donetskOblast, "2026-01-12", doc.DateDay, russia, nil, "Missiles struck Donetsk region on Monday.", "Missiles"), false},
		{"across a border, 2 km apart",
			m("Air/drone strike", qamishli, "2026-01-17", doc.DateDay, turkey, sdf, "A Turkish drone struck an SDF vehicle near Qamishli on Saturday.", "drone"),
			m("Air/drone strike", nusaybin, "2026-01-17", doc.DateDay, nil, nil, "A drone struck Nusaybin on Saturday.", "drone"), false},
		{"different targets: the SDF and the Syrian army",
			m("Air/drone strike", qamishli, "2026-01-17", doc.DateDay, turkey, sdf, "A Turkish drone struck an SDF vehicle near Qamishli on Saturday.", "drone"),
			m("Air/drone strike", qamishli, "2026-01-17", doc.DateDay, turkey, syriaArmy, "A Turkish drone struck a Syrian army checkpoint near Qamishli on Saturday.", "drone"), false},
		{"different attackers",
			m("Air/drone strike", qamishli, "2026-01-17", doc.DateDay, israel, nil, "Israeli drones struck near Qamishli on Saturday.", "drones"),
			m("Air/drone strike", qamishli, "2026-01-17", doc.DateDay, hezbollah, nil, "Hezbollah drones struck near Qamishli on Saturday.", "drones"), false},
		{"\"a second\" drone attack is not the first",
			m("Air/drone strike", odesa, "2026-02-08", doc.DateDay, russia, nil, "Russian drones attacked the port of Odesa early on Sunday.", "drones attacked"),
			m("Air/drone strike", odesa, "2026-02-08", doc.DateDay, nil, civUKR, "A second drone attack hit Odesa on Sunday evening, killing one man.", "drone attack"), false},
		{"\"another attack\" is not the first",
			m("Attack", odesa, "2026-02-08", doc.DateDay, nil, civUKR, "Gunmen attacked a bus in Odesa on Sunday.", "attacked"),
			m("Attack", odesa, "2026-02-08", doc.DateDay, nil, civUKR, "In another attack, gunmen killed a driver in Odesa on Sunday.", "attack"), false},
		{"a threat is not the strike", strike,
			with(m("Shelling/artillery/missile attack", kharkiv, "2026-01-12", doc.DateDay, russia, nil, "Russia threatened to strike Kharkiv with missiles.", "missiles"),
				func(x *doc.Mention) { x.Modality = doc.Threatened }), false},
		{"a protest is not a strike", strike,
			m("Peaceful protest", kharkiv, "2026-01-12", doc.DateDay, nil, nil, "Residents protested in Kharkiv on Monday.", "protested"), false},
		{"no place: nothing to match on", strike,
			with(strike, func(x *doc.Mention) { x.Location = nil }), false},
		{"a date of \"this year\" is too vague", strike,
			with(strike, func(x *doc.Mention) {
				x.Date = doc.When{Start: date("2026-01-01"), End: date("2026-12-31"), Precision: doc.DateYear}
			}), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, pair := range [][2]doc.Mention{{tc.a, tc.b}, {tc.b, tc.a}} {
				if d := Compatible(pair[0], pair[1]); d.Merge != tc.merge {
					t.Errorf("Compatible = %+v, want merge %v", d, tc.merge)
				}
			}
		})
	}
}

func TestCued(t *testing.T) {
	for sentence, want := range map[string]bool{
		"A second drone attack hit Odesa on Sunday.":                   true,
		"A second wave of Russian drones struck Odesa on Sunday.":      true,
		"Odesa was hit by another drone attack late on Sunday.":        true,
		"In a separate attack, gunmen killed four farmers.":            true,
		"A drone attack hit Odesa on Sunday, the second this week.":    false, // after the trigger
		"Drones hit Odesa for the first time since the summer, again.": false,
	} {
		trig := "attack"
		for _, w := range []string{"attack", "struck", "hit"} {
			if strings.Contains(sentence, w) {
				trig = w
				break
			}
		}
		x := m("Air/drone strike", odesa, "2026-02-08", doc.DateDay, nil, nil, sentence, trig)
		if got := Cued(x); got != want {
			t.Errorf("Cued(%q, trigger %q) = %v, want %v", sentence, trig, got, want)
		}
	}
}

func rec(docID, source, published string, idx int, x doc.Mention) doc.MentionRecord {
	p, err := time.Parse(time.RFC3339, published)
	if err != nil {
		panic(err)
	}
	x.Evidence.Doc = docID
	return doc.MentionRecord{Doc: doc.DocRef{ID: docID, Source: source, Published: p}, Idx: idx, Mention: x}
}

// A vague report ("in Yemen") between two precise events: it joins the better one, never chains
// them, and the grouping is the same in every arrival order.
func TestClusterIsOrderIndependent(t *testing.T) {
	maribStrike := m("Shelling/artillery/missile attack", marib, "2026-01-18", doc.DateDay, houthis, nil, "A ballistic missile fired by the Houthis struck Marib on Sunday, killing five civilians.", "ballistic missile")
	hodeidahStrike := m("Air/drone strike", hodeidah, "2026-01-18", doc.DateDay, usArmy, houthis, "US warplanes struck the port of Hodeidah on Sunday.", "struck")
	recs := []doc.MentionRecord{
		rec("d1", "Red Sea Monitor", "2026-01-18T11:00:00Z", 0, with(maribStrike, func(x *doc.Mention) { x.Fatalities = ptr(5) })),
		rec("d2", "Crescent Daily", "2026-01-18T17:00:00Z", 0, with(maribStrike, func(x *doc.Mention) { x.Actor1 = nil; x.Fatalities = ptr(5) })),
		rec("d3", "Atlas Wire", "2026-01-18T15:00:00Z", 0, hodeidahStrike),
		rec("d4", "Continental Wire", "2026-01-18T18:40:00Z", 0, with(m("Shelling/artillery/missile attack", yemen, "2026-01-18", doc.DateDay, houthis, nil,
			"A Houthi missile attack killed five civilians in government-held Yemen on Sunday.", "missile attack"), func(x *doc.Mention) { x.Fatalities = ptr(5) })),
		rec("d5", "Horn Courier", "2026-01-19T09:00:00Z", 0, m("Air/drone strike", hodeidah, "2026-01-18", doc.DateDay, usArmy, nil, "American air strikes hit Hodeidah on Sunday.", "air strikes")),
	}
	want := describe(Cluster(recs))
	if want != "[d1 d2 d4] [d3 d5]" {
		t.Fatalf("clusters %s, want the country-level report with the Marib strike it matches", want)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 50; i++ {
		shuffled := slices.Clone(recs)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := describe(Cluster(shuffled)); got != want {
			t.Fatalf("order %v: clusters %s, want %s", shuffled, got, want)
		}
		if ID(shuffled[:1]) != ID(shuffled[:1]) {
			t.Fatal("ID is not deterministic")
		}
	}
}

func describe(cs [][]doc.MentionRecord) string {
	var parts []string
	for _, c := range cs {
		var ids []string
		for _, r := range c {
			ids = append(ids, r.Doc.ID)
		}
		parts = append(parts, "["+strings.Join(ids, " ")+"]")
	}
	return strings.Join(parts, " ")
}

// A country-level report compatible with two precise events in that country must not chain them.
func TestClusterCompleteLinkage(t *testing.T) {
	a := m("Air/drone strike", sloviansk, "2026-02-09", doc.DateDay, russia, nil, "Russian aircraft bombed Sloviansk on Monday.", "bombed")
	b := m("Air/drone strike", kostiantynivka, "2026-02-09", doc.DateDay, russia, nil, "Russian aircraft bombed Kostiantynivka on Monday.", "bombed")
	vague := m("Air/drone strike", &doc.Place{Name: "Ukraine", Country: "UKR", Precision: doc.PrecisionCountry}, "2026-02-09", doc.DateDay, russia, nil, "Russian aircraft bombed towns in eastern Ukraine on Monday.", "bombed")
	cs := Cluster([]doc.MentionRecord{
		rec("v", "X", "2026-02-09T08:00:00Z", 0, vague), rec("a", "Y", "2026-02-09T09:00:00Z", 0, a), rec("b", "Z", "2026-02-09T10:00:00Z", 0, b),
	})
	if len(cs) != 2 {
		t.Errorf("clusters %s: the vague report chained two towns 40 km apart", describe(cs))
	}
}

func TestBuildReconciles(t *testing.T) {
	base := m("Shelling/artillery/missile attack", kharkiv, "2026-01-12", doc.DateDay, russia, civUKR, "A Russian missile struck an apartment block in Kharkiv on Monday, killing four people.", "missile")
	toll := func(n int) func(*doc.Mention) { return func(x *doc.Mention) { x.Fatalities = ptr(n) } }
	members := []doc.MentionRecord{
		rec("d1", "Dnipro Herald", "2026-01-12T09:40:00Z", 0, with(base, toll(4))),
		rec("d2", "Continental Wire", "2026-01-12T13:05:00Z", 0, with(base, func(x *doc.Mention) {
			x.Fatalities = ptr(4)
			x.Location = kharkivOblast
			x.Sources = []doc.Attribution{{Name: "Government of Russia", Span: doc.Span{Start: 120, End: 140}}, {Name: "Continental Wire"}}
		})),
		rec("d3", "Harbor Line News", "2026-01-13T09:30:00Z", 0, with(base, toll(6))),
		rec("d4", "Dnipro Herald", "2026-01-13T12:00:00Z", 0, with(base, func(x *doc.Mention) {
			x.Fatalities = ptr(6)
			x.Date = doc.When{Start: date("2026-01-13"), End: date("2026-01-13"), Precision: doc.DateReported}
		})),
	}
	copies := []doc.DocRef{
		{ID: "c1", Source: "Northern Star Bulletin", Published: time.Date(2026, 1, 12, 14, 20, 0, 0, time.UTC), CopyOf: "d2"},
		{ID: "c2", Source: "Continental Wire", Published: time.Date(2026, 1, 12, 15, 0, 0, 0, time.UTC), CopyOf: "d2"}, // its own re-send
		{ID: "c3", Source: "Elsewhere", CopyOf: "other-doc"},
	}
	e := Build(members, copies)
	// Dnipro Herald's latest figure is 6, Harbor Line's 6, Continental Wire's 4: 6 is best supported
	if e.Fatalities == nil || *e.Fatalities != 6 || e.FatalitiesRange == nil || *e.FatalitiesRange != [2]int{4, 6} {
		t.Errorf("fatalities %v, range %v; want 6 (two outlets' latest figure) in [4, 6]", e.Fatalities, e.FatalitiesRange)
	}
	if e.Location != kharkiv || e.Date.Precision != doc.DateDay || !e.Date.Start.Equal(date("2026-01-12")) {
		t.Errorf("place %v, date %v: want the most precise of the reports", e.Location, e.Date)
	}
	if fmt.Sprint(e.Outlets) != "[Continental Wire Dnipro Herald Harbor Line News]" || e.Corroboration != 3 {
		t.Errorf("outlets %v, corroboration %d: want the three independent outlets (a copy adds none)", e.Outlets, e.Corroboration)
	}
	if !slices.Contains(e.Documents, "c1") || slices.Contains(e.Documents, "c2") || slices.Contains(e.Documents, "c3") {
		t.Errorf("documents %v: want the other outlet's copy, not the own re-send nor an unrelated copy", e.Documents)
	}
	var nsb, dh *doc.Attribution
	for i := range e.Sources {
		switch e.Sources[i].Name {
		case "Northern Star Bulletin":
			nsb = &e.Sources[i]
		case "Dnipro Herald":
			dh = &e.Sources[i]
		}
	}
	if nsb == nil || nsb.CopyOf != "Continental Wire" || fmt.Sprint(nsb.Documents) != "[c1]" {
		t.Errorf("the syndicating outlet's source entry: %+v", nsb)
	}
	if dh == nil || fmt.Sprint(dh.Documents) != "[d1 d4]" || !dh.FirstSeen.Equal(time.Date(2026, 1, 12, 9, 40, 0, 0, time.UTC)) {
		t.Errorf("Dnipro Herald's entry %+v: want both documents and the first publication time", dh)
	}
	if e.Sources[0].Name != "Dnipro Herald" || !e.FirstSeen.Equal(dh.FirstSeen) {
		t.Errorf("sources %v must start with the first outlet to report; first seen %v", e.Sources, e.FirstSeen)
	}
	if e.Grade != doc.GradeConfirmed {
		t.Errorf("grade %q: Russia's ministry said it struck (the perpetrator confirms)", e.Grade)
	}
	if e.ID != ID(members[:1]) {
		t.Errorf("id %s: want the id of the first report, %s", e.ID, ID(members[:1]))
	}
	// the same members in another order give the same record
	shuffled := []doc.MentionRecord{members[3], members[1], members[0], members[2]}
	if a, b := jsonOf(Build(shuffled, copies)), jsonOf(e); a != b {
		t.Errorf("Build depends on the order of its records:\n%s\n%s", a, b)
	}
}

func TestGrades(t *testing.T) {
	strike := m("Shelling/artillery/missile attack", marib, "2026-01-18", doc.DateDay, houthis, nil, "A missile fired by the Houthis struck Marib on Sunday.", "missile")
	denial := with(strike, func(x *doc.Mention) { x.Modality = doc.Denied })
	claim := with(strike, func(x *doc.Mention) { x.Modality = doc.Claimed })
	for _, tc := range []struct {
		name     string
		members  []doc.MentionRecord
		grade    string
		deniedBy string
	}{
		{"one outlet", []doc.MentionRecord{rec("a", "A", "2026-01-18T10:00:00Z", 0, strike)}, doc.GradeSingle, "[]"},
		{"one outlet twice", []doc.MentionRecord{rec("a", "A", "2026-01-18T10:00:00Z", 0, strike), rec("b", "A", "2026-01-18T11:00:00Z", 0, strike)}, doc.GradeSingle, "[]"},
		{"two outlets", []doc.MentionRecord{rec("a", "A", "2026-01-18T10:00:00Z", 0, strike), rec("b", "B", "2026-01-18T11:00:00Z", 0, strike)}, doc.GradeMultiple, "[]"},
		{"a claim", []doc.MentionRecord{rec("a", "A", "2026-01-18T10:00:00Z", 0, strike), rec("b", "B", "2026-01-18T11:00:00Z", 0, claim)}, doc.GradeConfirmed, "[]"},
		{"a denial", []doc.MentionRecord{rec("a", "A", "2026-01-18T10:00:00Z", 0, strike), rec("b", "B", "2026-01-19T11:00:00Z", 0, denial), rec("c", "C", "2026-01-18T11:00:00Z", 0, claim)}, doc.GradeContested, "[Houthis]"},
	} {
		e := Build(tc.members, nil)
		if e.Grade != tc.grade || fmt.Sprint(e.DeniedBy) != tc.deniedBy {
			t.Errorf("%s: grade %q denied by %v, want %q %s", tc.name, e.Grade, e.DeniedBy, tc.grade, tc.deniedBy)
		}
		if tc.grade == doc.GradeContested && e.Modality != doc.Occurred {
			t.Errorf("%s: modality %q: a report says it occurred", tc.name, e.Modality)
		}
	}
}

// The id is the first report's: later reports leave it as it is, an earlier one (a backfill) sets it.
func TestIDFollowsTheFirstReport(t *testing.T) {
	x := m("Air/drone strike", odesa, "2026-02-08", doc.DateDay, russia, nil, "Russian drones attacked the port of Odesa early on Sunday.", "drones attacked")
	first := rec("d1", "A", "2026-02-08T07:00:00Z", 0, x)
	later := rec("d2", "B", "2026-02-08T10:00:00Z", 0, x)
	earlier := rec("d0", "C", "2026-02-08T06:00:00Z", 0, x)
	if ID([]doc.MentionRecord{first}) != ID([]doc.MentionRecord{later, first}) {
		t.Error("a later report changed the id")
	}
	if ID([]doc.MentionRecord{first, later}) == ID([]doc.MentionRecord{first, later, earlier}) {
		t.Error("an earlier report must re-key the event")
	}
	if !strings.HasPrefix(ID([]doc.MentionRecord{first}), "ev-") || len(ID([]doc.MentionRecord{first})) != 19 {
		t.Errorf("id %q: want ev- and 16 hex digits", ID([]doc.MentionRecord{first}))
	}
}

func jsonOf(e doc.Event) string {
	b, err := json.Marshal(e)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// The event's civilian dead are the most any report counts within the event's toll, with that
// report's words: a count above the toll the event takes does not stand.
func TestBuildCivilianFatalities(t *testing.T) {
	base := m("Shelling/artillery/missile attack", kharkiv, "2026-01-12", doc.DateDay, russia, civUKR,
		"A Russian missile struck an apartment block in Kharkiv on Monday, killing four civilians.", "missile")
	civ := func(dead, civilians int, words string) func(*doc.Mention) {
		return func(x *doc.Mention) {
			x.Fatalities, x.CivilianFatalities = ptr(dead), ptr(civilians)
			x.CivilianEvidence = &doc.Quote{Text: words, Span: doc.Span{Start: 180, End: 180 + len(words)}}
		}
	}
	tests := []struct {
		name      string
		members   []doc.MentionRecord
		want      int // -1: none
		wantWords string
		wantDoc   string
	}{
		{"none said", []doc.MentionRecord{
			rec("d1", "Dnipro Herald", "2026-01-12T09:40:00Z", 0, with(base, func(x *doc.Mention) { x.Fatalities = ptr(4) })),
		}, -1, "", ""},
		{"the larger count within the toll", []doc.MentionRecord{
			rec("d1", "Dnipro Herald", "2026-01-12T09:40:00Z", 0, with(base, civ(4, 3, "three civilians"))),
			rec("d2", "Continental Wire", "2026-01-12T13:05:00Z", 0, with(base, civ(4, 4, "four civilians"))),
		}, 4, "four civilians", "d2"},
		{"a count above the event's toll does not stand", []doc.MentionRecord{
			rec("d1", "Dnipro Herald", "2026-01-12T09:40:00Z", 0, with(base, civ(4, 2, "two children"))),
			rec("d2", "Continental Wire", "2026-01-12T13:05:00Z", 0, with(base, civ(4, 2, "two children"))),
			rec("d3", "Harbor Line News", "2026-01-13T09:30:00Z", 0, with(base, civ(9, 9, "nine residents"))),
		}, 2, "two children", "d1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for i := range tc.members {
				if e := tc.members[i].Mention.CivilianEvidence; e != nil {
					e.Doc = tc.members[i].Doc.ID
				}
			}
			e := Build(tc.members, nil)
			got := -1
			if e.CivilianFatalities != nil {
				got = *e.CivilianFatalities
			}
			if got != tc.want {
				t.Fatalf("civilian fatalities %d, want %d", got, tc.want)
			}
			if tc.want < 0 {
				if e.CivilianEvidence != nil {
					t.Errorf("evidence %+v without a count", e.CivilianEvidence)
				}
				return
			}
			if e.CivilianEvidence == nil || e.CivilianEvidence.Text != tc.wantWords || e.CivilianEvidence.Doc != tc.wantDoc {
				t.Errorf("evidence %+v, want %q in %s", e.CivilianEvidence, tc.wantWords, tc.wantDoc)
			}
		})
	}
}
