package extract

import (
	"testing"

	"github.com/sitrep-dev/sitrep/doc"
)

// Words that refer to a party named earlier in the report are coded as that party.
func TestCoreferenceAcrossSentences(t *testing.T) {
	x := extractor(t)
	tests := []struct {
		name, text string
		trigger    string // the mention checked is the one with this trigger
		actor1     string
		actor2     string
		source     string // an attribution the mention must carry, with the referring words as its span
		sourceText string
	}{
		{name: "the group acts",
			text:    "Al-Shabaab fighters overran a military base in Jilib on Sunday. The group later attacked a police station in Bardere on Monday.",
			trigger: "attacked", actor1: "al-Shabaab"},
		{name: "the group is the target, the nearest compatible antecedent",
			text:    "Hezbollah and the Lebanese army exchanged accusations on Monday. Israeli jets struck the group's positions near Tyre on Tuesday.",
			trigger: "struck", actor1: "Military of Israel", actor2: "Hezbollah"},
		{name: "the channel is the outlet named before",
			text:    "Al-Masirah TV showed footage of burning shops on Friday. The channel said coalition jets struck a market in Saada, killing four civilians.",
			trigger: "struck", source: "Al-Masirah", sourceText: "The channel"},
		{name: "his comments are the person's",
			text:    "Recep Tayyip Erdogan said on Monday that Kurdish militants in northern Iraq would be crushed. Iraq's foreign ministry condemned his comments on Tuesday.",
			trigger: "condemned", actor1: "Government of Iraq", actor2: "Recep Tayyip Erdogan"},
		{name: "its forces are the party the sentence named",
			text:    "The Sudanese army said on Thursday that its aircraft had struck RSF positions near Bara.",
			trigger: "struck", actor1: "Sudanese Armed Forces", actor2: "Rapid Support Forces"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := doc.Document{ID: "t", Source: "Test Wire", Text: tc.text, Published: published("2025-12-22")}
			var m *doc.Mention
			ms := x.Extract(d)
			for i := range ms {
				if ms[i].Trigger.Text == tc.trigger {
					m = &ms[i]
				}
			}
			if m == nil {
				t.Fatalf("no mention with trigger %q in %+v", tc.trigger, ms)
			}
			if tc.actor1 != "" && actorName(m.Actor1) != tc.actor1 {
				t.Errorf("actor1 = %q, want %q", actorName(m.Actor1), tc.actor1)
			}
			if tc.actor2 != "" && actorName(m.Actor2) != tc.actor2 {
				t.Errorf("actor2 = %q, want %q", actorName(m.Actor2), tc.actor2)
			}
			for _, a := range []*doc.Actor{m.Actor1, m.Actor2} {
				if a != nil && tc.text[a.Span.Start:a.Span.End] != a.Text {
					t.Errorf("actor span %v covers %q, not %q", a.Span, tc.text[a.Span.Start:a.Span.End], a.Text)
				}
			}
			if tc.source != "" {
				found := false
				for _, s := range m.Sources {
					found = found || s.Name == tc.source && tc.text[s.Span.Start:s.Span.End] == tc.sourceText
				}
				if !found {
					t.Errorf("no source %q spanning %q in %+v", tc.source, tc.sourceText, m.Sources)
				}
			}
		})
	}
}

// The civilians among the dead are counted only where the text calls them so, with the words
// that do.
func TestCivilianFatalities(t *testing.T) {
	x := extractor(t)
	tests := []struct {
		text     string
		want     int // -1: none
		evidence string
	}{
		{"Russian shelling killed four civilians, including a child, in Kherson on Monday.", 4, "four civilians"},
		{"An airstrike killed two fighters and three children in Idlib on Sunday.", 3, "three children"},
		{"Eleven villagers were killed when gunmen attacked Zike on Saturday.", 11, "Eleven villagers"},
		{"Five people were killed in clashes in Zawiya on Friday.", -1, ""},
		{"A drone strike killed six militants near Jilib on Sunday.", -1, ""},
	}
	for _, tc := range tests {
		d := doc.Document{ID: "t", Source: "Test Wire", Text: tc.text, Published: published("2025-12-22")}
		ms := x.Extract(d)
		if len(ms) == 0 {
			t.Errorf("%s: no event", tc.text)
			continue
		}
		m := ms[0]
		if got := countOf(m.CivilianFatalities); got != tc.want {
			t.Errorf("%s: civilian fatalities %d, want %d", tc.text, got, tc.want)
			continue
		}
		if tc.evidence == "" {
			if m.CivilianEvidence != nil {
				t.Errorf("%s: evidence %+v without a count", tc.text, m.CivilianEvidence)
			}
			continue
		}
		if e := m.CivilianEvidence; e == nil || e.Text != tc.evidence || tc.text[e.Span.Start:e.Span.End] != e.Text || e.Doc != d.ID {
			t.Errorf("%s: evidence %+v, want %q", tc.text, m.CivilianEvidence, tc.evidence)
		}
	}
}
