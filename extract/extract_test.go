package extract

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
)

var testExtractor = sync.OnceValues(Default)

func extractor(t testing.TB) *Extractor {
	t.Helper()
	x, err := testExtractor()
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func published(s string) time.Time {
	t, _ := time.Parse(doc.DateLayout, s)
	return t
}

// want lists the fields a case checks; "" and -1 mean "not checked", "-" means "must be empty".
type want struct {
	subType, plover, modality string
	actor1, actor2            string // canonical names
	place, country            string // the place as written, ISO3
	date                      string
	fatalities                int
}

func actorName(a *doc.Actor) string {
	if a == nil {
		return "-"
	}
	return a.Name
}

func check(t *testing.T, text string, m doc.Mention, w want) {
	t.Helper()
	var errs []string
	cmp := func(field, got, want string) {
		if want != "" && got != want {
			errs = append(errs, fmt.Sprintf("%s = %q, want %q", field, got, want))
		}
	}
	cmp("acled_sub_event_type", m.ACLEDSubType, w.subType)
	cmp("type", m.Type, w.plover)
	cmp("modality", m.Modality, w.modality)
	cmp("actor1", actorName(m.Actor1), w.actor1)
	cmp("actor2", actorName(m.Actor2), w.actor2)
	place, country := "-", "-"
	if m.Location != nil {
		place, country = m.Location.Text, m.Location.Country
	}
	cmp("place", place, w.place)
	cmp("country", country, w.country)
	cmp("date", m.Date.Start.Format(doc.DateLayout), w.date)
	if w.fatalities != -1 {
		if got := countOf(m.Fatalities); got != w.fatalities {
			errs = append(errs, fmt.Sprintf("fatalities = %d, want %d", got, w.fatalities))
		}
	}
	// every span must cover the words it claims
	for _, a := range []*doc.Actor{m.Actor1, m.Actor2} {
		if a != nil && text[a.Span.Start:a.Span.End] != a.Text {
			errs = append(errs, fmt.Sprintf("actor span %v covers %q, not %q", a.Span, text[a.Span.Start:a.Span.End], a.Text))
		}
	}
	if m.Location != nil && m.Location.Span.Len() > 0 && text[m.Location.Span.Start:m.Location.Span.End] != m.Location.Text {
		errs = append(errs, fmt.Sprintf("place span %v covers %q, not %q", m.Location.Span, text[m.Location.Span.Start:m.Location.Span.End], m.Location.Text))
	}
	if text[m.Trigger.Span.Start:m.Trigger.Span.End] != m.Trigger.Text {
		errs = append(errs, "trigger span does not cover the trigger")
	}
	if len(errs) > 0 {
		t.Errorf("%s\n  %s", text, strings.Join(errs, "\n  "))
	}
}

func TestExtractSentences(t *testing.T) {
	x := extractor(t)
	const pub = "2025-12-22" // a Monday
	tests := []struct {
		text string
		want want
	}{
		// air and drone strikes: verbs, nouns, passives, demonyms
		{"Russian warplanes struck the town of Maarat al-Numan in southern Idlib on Saturday, killing nine civilians.",
			want{subType: "Air/drone strike", plover: "ASSAULT", modality: "occurred", actor1: "Military of Russia", actor2: "Civilians (Syria)", place: "Maarat al-Numan", country: "SYR", date: "2025-12-20", fatalities: 9}},
		{"An Israeli airstrike on a house in Khan Younis killed at least five people on Sunday, medics said.",
			want{subType: "Air/drone strike", actor1: "Military of Israel", country: "PSE", date: "2025-12-21", fatalities: 5}},
		{"A convoy was hit by a Turkish drone near Qamishli yesterday.",
			want{subType: "Air/drone strike", actor1: "Military of Turkey", country: "SYR", date: "2025-12-21", fatalities: -1}},
		{"US-led coalition aircraft carried out airstrikes against Islamic State hideouts in Deir ez-Zor on December 20th.",
			want{subType: "Air/drone strike", actor2: "Islamic State", place: "Deir ez-Zor", country: "SYR", date: "2025-12-20", fatalities: -1}},
		{"A Ukrainian drone attack set fire to an oil depot in Saratov overnight, the regional governor said.",
			want{subType: "Air/drone strike", actor1: "Military of Ukraine", country: "RUS", fatalities: -1}},
		// shelling and missiles
		{"Russian forces shelled Kherson on Tuesday, killing two people and wounding seven.",
			want{subType: "Shelling/artillery/missile attack", actor1: "Military of Russia", place: "Kherson", country: "UKR", date: "2025-12-16", fatalities: 2}},
		{"Houthi rebels fired missiles at Marib city on Friday.",
			want{subType: "Shelling/artillery/missile attack", actor1: "Houthis", country: "YEM", date: "2025-12-19", fatalities: -1}},
		// battles
		{"Fighters of the Rapid Support Forces clashed with the Sudanese army near Babanusa on Thursday, leaving at least 30 dead.",
			want{subType: "Armed clash", plover: "ASSAULT", actor1: "Rapid Support Forces", country: "SDN", date: "2025-12-18", fatalities: 30}},
		{"Heavy fighting broke out between the SDF and Turkish-backed factions east of Aleppo.",
			want{subType: "Armed clash", actor1: "Syrian Democratic Forces", country: "SYR", fatalities: -1}},
		// explosives
		{"A roadside bomb killed three soldiers near Hawija in Kirkuk province on Monday.",
			want{subType: "Remote explosive/landmine/IED", actor2: "Military of Iraq", place: "Hawija", country: "IRQ", date: "2025-12-22", fatalities: 3}},
		{"A suicide bomber blew himself up at a checkpoint in Menaka, killing six soldiers.",
			want{subType: "Suicide bomb", country: "MLI", fatalities: 6}},
		// violence against civilians
		{"Gunmen killed four farmers in the village of Djibo on Sunday.",
			want{subType: "Attack", actor2: "Civilians (Burkina Faso)", country: "BFA", date: "2025-12-21", fatalities: 4}},
		{"Suspected al-Shabaab militants abducted two aid workers in Beledweyne on Wednesday.",
			want{subType: "Abduction/forced disappearance", actor1: "al-Shabaab", country: "SOM", date: "2025-12-17", fatalities: -1}},
		// protests and arrests
		{"Hundreds of protesters rallied in Basra on Friday against power cuts.",
			want{subType: "Peaceful protest", plover: "PROTEST", place: "Basra", country: "IRQ", date: "2025-12-19", fatalities: -1}},
		{"Police fired tear gas to disperse demonstrators in Port Sudan on Friday.",
			want{subType: "Protest with intervention", country: "SDN", date: "2025-12-19", fatalities: -1}},
		{"Iraqi security forces arrested 12 people in Baghdad on Sunday.",
			want{subType: "Arrests", plover: "COERCE", actor1: "Police of Iraq", place: "Baghdad", country: "IRQ", date: "2025-12-21", fatalities: -1}},
		// modality
		{"Hezbollah vowed to retaliate against Israel.",
			want{plover: "THREATEN", modality: "threatened", actor1: "Hezbollah", fatalities: -1}},
		{"The RSF denied shelling the El Obeid market.",
			want{modality: "denied", actor1: "Rapid Support Forces", fatalities: -1}},
		{"The Islamic State claimed responsibility for the bombing in Raqqa.",
			want{modality: "claimed", actor1: "Islamic State", country: "SYR", fatalities: -1}},
		// agreement
		{"The Yemeni government and the Houthis agreed to a ceasefire in Harib on Tuesday.",
			want{subType: "Agreement", plover: "AGREE", country: "YEM", date: "2025-12-16", fatalities: -1}},
	}
	for _, tc := range tests {
		d := doc.Document{ID: "t", Source: "Test Wire", Text: tc.text, Published: published(pub)}
		ms := x.Extract(d)
		if len(ms) == 0 {
			t.Errorf("%s\n  no event", tc.text)
			continue
		}
		check(t, tc.text, ms[0], tc.want)
	}
}

func TestNoEventInBackgroundAndOpinion(t *testing.T) {
	x := extractor(t)
	for _, text := range []string{
		"Analysts debate whether airstrikes have weakened the group over the years.",
		"The conflict has been ongoing since 2011 and has displaced millions.",
		"Drone technology has changed how wars are fought, experts say.",
		"Is the ceasefire likely to hold?",
		"Wheat prices rose sharply in local markets this week.",
		// accidents and disasters are no political violence
		"A gas cylinder exploded in a restaurant in Zarqa on Monday, killing three people.",
		"Floods swept through villages near Jalalabad, killing 12 people.",
	} {
		d := doc.Document{ID: "t", Source: "Test Wire", Text: text, Published: published("2025-12-22")}
		if ms := x.Extract(d); len(ms) > 0 {
			t.Errorf("%q: want no event, got %s %s", text, ms[0].Type, ms[0].ACLEDSubType)
		}
	}
}

func TestSentencesKeepSpansAndParagraphs(t *testing.T) {
	text := "First line ends here.\n\nSecond paragraph. It has two sentences."
	got := Sentences(text)
	if len(got) != 3 {
		t.Fatalf("got %d sentences: %+v", len(got), got)
	}
	for _, s := range got {
		if text[s.Span.Start:s.Span.End] != s.Text {
			t.Errorf("span %v covers %q, not %q", s.Span, text[s.Span.Start:s.Span.End], s.Text)
		}
	}
}

// Extract reuses working memory from call to call; calls at the same time must not share it, and
// a call must not see what the previous one left.
func TestExtractConcurrentEqualsSequential(t *testing.T) {
	x := extractor(t)
	var docs []doc.Document
	for _, d := range corpusDocs(t) {
		docs = append(docs, d)
	}
	want := make([][]doc.Mention, len(docs))
	for i, d := range docs {
		want[i] = x.Extract(d)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for k := range docs {
				i := (k + g*7) % len(docs)
				if got := x.Extract(docs[i]); !reflect.DeepEqual(got, want[i]) {
					t.Errorf("%s: concurrent Extract differs from sequential", docs[i].ID)
				}
			}
		})
	}
	wg.Wait()
}

// A later sentence that follows up the lead's event (an arrest of its perpetrator, a response, a
// second strike "on the same day") ranks below the lead: monitors code the event a report leads with.
func TestFollowUpRanksBelowLead(t *testing.T) {
	x := extractor(t)
	for _, c := range []struct{ text, want string }{
		{"Gunmen shot dead a shopkeeper in Kirkuk on Monday. Police later arrested the attacker.", "Violence against civilians"},
		{"Militants attacked an army post in Tal Afar on Sunday. The army shelled their hideouts in response.", "Battles"},
		{"Protesters rallied outside the governor's office in Nasiriyah on Friday. On the same day, police arrested two activists in Shatra.", "Protests"},
	} {
		d := doc.Document{ID: "t", Source: "Test Wire", Text: c.text, Published: published("2025-12-22")}
		ms := x.Extract(d)
		if len(ms) < 2 {
			t.Errorf("%q: %d mentions, want the lead's and the follow-up's", c.text, len(ms))
			continue
		}
		best := ms[0]
		for _, m := range ms[1:] {
			if m.Confidence > best.Confidence {
				best = m
			}
		}
		if best.ACLEDType != c.want {
			t.Errorf("%q: most confident is %s (%q, %.2f), want %s", c.text, best.ACLEDType, best.Evidence.Sentence, best.Confidence, c.want)
		}
	}
}

// A later sentence that names the weapon of an attack the lead told of generically refines it;
// one that tells of another place is another event.
func TestLaterSentenceNamesTheWeapon(t *testing.T) {
	x := extractor(t)
	for _, c := range []struct{ text, want string }{
		{"Unidentified gunmen targeted a car in Daraa on Monday. An IED was used in the attack.", "Remote explosive/landmine/IED"},
		{"Houthi forces targeted a house in Hays on Monday, killing a woman. The shelling also damaged the house.", "Shelling/artillery/missile attack"},
		{"Gunmen shot dead a shopkeeper in Kirkuk on Monday. An IED exploded in Tuz Khurmatu on Sunday.", "Attack"},
	} {
		d := doc.Document{ID: "t", Source: "Test Wire", Text: c.text, Published: published("2025-12-22")}
		ms := x.Extract(d)
		if len(ms) == 0 {
			t.Errorf("%q: no mention", c.text)
			continue
		}
		if ms[0].ACLEDSubType != c.want {
			t.Errorf("%q: lead mention is %s, want %s", c.text, ms[0].ACLEDSubType, c.want)
		}
	}
}

// The toll a report gives after its lead sentence belongs to the lead's attack, unless it is a
// party's claim; "also" adds to the lead's own count.
func TestTollFromLaterSentences(t *testing.T) {
	x := extractor(t)
	for _, c := range []struct {
		text      string
		killed    int // -1: none
		civilians bool
	}{
		{"Houthi forces shelled Hays on Monday. 3 fatalities.", 3, false},
		{"Russian airstrikes hit Mantaf village in Idlib on Monday. One civilian was killed.", 1, true},
		{"A Houthi landmine exploded under a truck in Mawza on Friday. 3 civilians were injured.", -1, true},
		{"Taliban fighters attacked a checkpoint in Qaisar on Monday, killing 5 soldiers. 3 Taliban were also killed.", 8, false},
		{"Taliban fighters attacked a checkpoint in Qaisar on Monday. The Taliban claimed that 20 soldiers were killed.", -1, false},
	} {
		d := doc.Document{ID: "t", Source: "Test Wire", Text: c.text, Published: published("2025-12-22")}
		ms := x.Extract(d)
		if len(ms) == 0 {
			t.Errorf("%q: no mention", c.text)
			continue
		}
		m := ms[0]
		if got := countOf(m.Fatalities); got != c.killed {
			t.Errorf("%q: fatalities %d, want %d", c.text, got, c.killed)
		}
		if civ := m.Actor2 != nil && m.Actor2.Kind == "civilians"; civ != c.civilians {
			t.Errorf("%q: actor2 %+v, want civilians %v", c.text, m.Actor2, c.civilians)
		}
	}
}

// A later sentence that names an event told before ("in the clashes", "during the attack") tells
// that event again: it adds its toll there, not to the event told just before it, and is no event
// of its own.
func TestLaterSentenceNamesEarlierEvent(t *testing.T) {
	x := extractor(t)
	for _, c := range []struct {
		text   string
		killed int // on the clash; -1: none
	}{
		{"PKK militants attacked Turkish soldiers near Amadiya on Monday. On the same day, Turkish warplanes struck PKK positions in the same area. Two civilians were killed in the clashes.", 2},
		{"PKK militants attacked Turkish soldiers near Amadiya on Monday. On the same day, Turkish warplanes struck PKK positions in the same area. The HPG claimed that 3 Turkish soldiers were killed in the clashes.", -1},
	} {
		d := doc.Document{ID: "t", Source: "Test Wire", Text: c.text, Published: published("2025-12-22")}
		ms := x.Extract(d)
		var subs []string
		clash := -1
		for i, m := range ms {
			subs = append(subs, m.ACLEDSubType+"/"+string(m.Modality))
			if m.ACLEDSubType == "Armed clash" {
				clash = i
			}
		}
		if len(ms) != 2 || clash < 0 {
			t.Errorf("%q: mentions %v, want an armed clash and an air strike", c.text, subs)
			continue
		}
		if got := countOf(ms[clash].Fatalities); got != c.killed {
			t.Errorf("%q: clash fatalities %d, want %d", c.text, got, c.killed)
		}
		if ms[clash].Actor1 == nil || ms[clash].Actor1.Name != "Kurdistan Workers' Party" {
			t.Errorf("%q: clash actor1 %+v", c.text, ms[clash].Actor1)
		}
	}
}

// Territory taken after the other side withdrew, with no fighting told, changed hands without a
// battle; a fight anywhere in the report keeps it a battle.
func TestPeacefulHandoverFromLaterSentence(t *testing.T) {
	x := extractor(t)
	for _, c := range []struct {
		text string
		want string
	}{
		{"Al-Shabaab militants took control of Af-Urur, a village south of Bosaso, on Monday. The militants seized the area following the withdrawal of Puntland forces.", "Non-violent transfer of territory"},
		{"Al-Shabaab militants took control of Af-Urur, a village south of Bosaso, on Monday. Heavy clashes preceded the withdrawal of Puntland forces.", "Non-state actor overtakes territory"},
	} {
		d := doc.Document{ID: "t", Source: "Test Wire", Text: c.text, Published: published("2025-12-22")}
		ms := x.Extract(d)
		if len(ms) == 0 || ms[0].ACLEDSubType != c.want {
			var got []string
			for _, m := range ms {
				got = append(got, m.ACLEDSubType)
			}
			t.Errorf("%q: %v, want %s first", c.text, got, c.want)
		}
	}
}

// A monitor's note that says where it coded the event ("Coded to Al Anbar capital Ramadi city.")
// puts the event there; "(coded as Police Forces of Israel)" names an actor, no place.
func TestCodedPlace(t *testing.T) {
	x := extractor(t)
	for _, c := range []struct{ text, want string }{
		{"On 26 June 2022, Iraqi forces arrested a man wanted on terrorism charges in the eastern countryside of Al Anbar province. Coded to Al Anbar capital Ramadi city.", "Ramadi"},
		{"On 22 March 2022, Israeli authorities (coded as Police Forces of Israel) demolished several dwellings in the Bedouin village of Rahat.", "Rahat"},
	} {
		d := doc.Document{ID: "t", Source: "Test Wire", Text: c.text, Published: published("2022-06-27")}
		ms := x.Extract(d)
		if len(ms) == 0 || ms[0].Location == nil || ms[0].Location.Name != c.want {
			var got string
			if len(ms) > 0 && ms[0].Location != nil {
				got = ms[0].Location.Name
			}
			t.Errorf("%q: place %q, want %q", c.text, got, c.want)
		}
	}
}

// countOf reads a count a mention may leave unset: -1 when it does.
func countOf(n *int) int {
	if n == nil {
		return -1
	}
	return *n
}
