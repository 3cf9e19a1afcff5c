package eval

import (
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/doc"
)

func TestGoldActorMatch(t *testing.T) {
	type A = doc.Actor
	tests := []struct {
		gold, scheme string
		actor        *A
		want         bool
	}{
		// state forces: country + kind
		{"Military Forces of Syria (2024-)", SchemeACLED, &A{Country: "SYR", Kind: "military"}, true},
		{"Military Forces of Syria (2024-)", SchemeACLED, &A{Name: "Syrian Arab Army", Country: "SYR", Kind: "military"}, true},
		{"Military Forces of Syria (2024-)", SchemeACLED, &A{Country: "IRQ", Kind: "military"}, false},
		{"Military Forces of Syria (2024-)", SchemeACLED, &A{Country: "SYR", Kind: "police"}, false},
		{"Military Forces of Syria (2024-)", SchemeACLED, &A{Country: "SYR", Kind: "government"}, false},
		{"Military Forces of Syria (2024-)", SchemeACLED, &A{Kind: "military"}, false},
		{"Military Forces of the United States (2021-)", SchemeACLED, &A{Country: "USA", Kind: "military"}, true},
		{"Former Military Forces of Lebanon (2021-)", SchemeACLED, &A{Country: "LBN", Kind: "military"}, true},
		{"Police Forces of Iraq (2020-)", SchemeACLED, &A{Country: "IRQ", Kind: "police"}, true},
		{"Police Forces of Iraq (2020-)", SchemeACLED, &A{Country: "IRQ", Kind: "military"}, false},
		{"Government of Yemen (2017-)", SchemeACLED, &A{Country: "YEM", Kind: "government"}, true},
		{"Government of Yemen (2017-)", SchemeACLED, &A{Country: "YEM", Kind: "military"}, false},
		{"Government of Syria", SchemeUCDP, &A{Country: "SYR", Kind: "military"}, true},
		{"Government of Syria", SchemeUCDP, &A{Country: "SYR", Kind: "government"}, true},
		{"Government of Syria", SchemeUCDP, &A{Country: "SYR", Kind: "police"}, false},
		{"Government of Russia (Soviet Union)", SchemeUCDP, &A{Country: "RUS", Kind: "military"}, true},
		// sub-units: by name, within the state
		{"Military Forces of Iraq (2014-) Popular Mobilization Forces", SchemeACLED, &A{Name: "Popular Mobilisation Forces", Country: "IRQ", Kind: "armed_group"}, true},
		{"Military Forces of Iraq (2014-) Popular Mobilization Forces", SchemeACLED, &A{Name: "Hashd al-Shaabi", Kind: "armed_group"}, true},
		{"Military Forces of Afghanistan (2014-) Special Forces", SchemeACLED, &A{Name: "Special Forces", Country: "USA", Kind: "special"}, false},
		{"Military Forces of Yemen (2016-) Supreme Political Council", SchemeACLED, &A{Name: "Houthis", Country: "YEM", Kind: "armed_group"}, true},
		{"Military Forces of Yemen (2016-) Supreme Political Council", SchemeACLED, &A{Text: "Ansar Allah fighters", Name: "Ansar Allah", Kind: "armed_group"}, true},
		{"Military Forces of Yemen (2012-)", SchemeACLED, &A{Name: "Houthis", Country: "YEM", Kind: "armed_group"}, false},
		// kind-only gold actors
		{"Civilians (Yemen)", SchemeACLED, &A{Kind: "civilians"}, true},
		{"Civilians (Yemen)", SchemeACLED, &A{Country: "SAU", Kind: "civilians"}, true},
		{"Civilians (Yemen)", SchemeACLED, &A{Country: "YEM", Kind: "military"}, false},
		{"Civilians", SchemeUCDP, &A{Name: "villagers", Kind: "civilian"}, true},
		{"Protesters (Iraq)", SchemeACLED, &A{Kind: "protesters"}, true},
		{"Protesters (Iraq)", SchemeACLED, &A{Country: "IRQ", Kind: "demonstrators"}, true},
		{"Protesters (Iraq)", SchemeACLED, &A{Country: "IRN", Kind: "protesters"}, false},
		{"Rioters (Iraq)", SchemeACLED, &A{Country: "IRQ", Kind: "protesters"}, true},
		{"Unidentified Armed Group (Iraq)", SchemeACLED, &A{Kind: "unidentified"}, true},
		{"Unidentified Armed Group (Iraq)", SchemeACLED, &A{Text: "gunmen", Country: "IRQ", Kind: "armed_group"}, true},
		{"Unidentified Armed Group (Iraq)", SchemeACLED, &A{Name: "Islamic State", Country: "IRQ", Kind: "armed_group"}, false},
		{"Unidentified Armed Group (Iraq)", SchemeACLED, &A{Country: "SYR", Kind: "unidentified"}, false},
		{"Unidentified Tribal Militia (Yemen)", SchemeACLED, &A{Kind: "armed_group"}, true},
		// a common noun is no name: "Tribesmen" and "Militants" are the unidentified party
		{"Unidentified Tribal Militia (Iraq)", SchemeACLED, &A{Name: "Tribesmen", Kind: "militia"}, true},
		{"Unidentified Armed Group (Syria)", SchemeACLED, &A{Name: "Militants", Kind: "armed_group"}, true},
		{"Al Lahaq Tribal Militia (Yemen)", SchemeACLED, &A{Name: "Tribesmen", Kind: "militia"}, true},
		{"Unidentified Armed Group (Iraq)", SchemeACLED, &A{Name: "Hezbollah", Country: "LBN", Kind: "armed_group"}, false},
		{"Unidentified Clan Militia (Lebanon)", SchemeACLED, &A{Name: "Saraya al-Salam", Kind: "militia"}, false},
		{"Militia (Pro-Government)", SchemeACLED, &A{Kind: "militia"}, true},
		{"Some Tribal Militia (Yemen)", SchemeACLED, &A{Kind: "armed_group", Text: "tribesmen"}, true},
		{"Some Tribal Militia (Yemen)", SchemeACLED, &A{Name: "Some Tribal Militia", Country: "YEM", Kind: "armed_group"}, true},
		{"Syrian insurgents", SchemeUCDP, &A{Name: "Free Syrian Army", Country: "SYR", Kind: "armed_group"}, true},
		{"Syrian insurgents", SchemeUCDP, &A{Country: "SYR", Kind: "military"}, false},
		// names and the alias table
		{"Islamic State (Syria)", SchemeACLED, &A{Name: "Islamic State", Kind: "armed_group"}, true},
		{"Islamic State (Syria)", SchemeACLED, &A{Name: "ISIS", Country: "IRQ", Kind: "armed_group"}, true},
		{"IS", SchemeUCDP, &A{Name: "Islamic State", Kind: "armed_group"}, true},
		{"Islamic State of Iraq and the Levant (ISIL)", SchemeGTD, &A{Text: "Daesh", Kind: "armed_group"}, true},
		{"Islamic State of Iraq and the Levant (ISIL)", SchemeGTD, &A{Name: "Al-Qaida in Iraq", Kind: "armed_group"}, false},
		{"Taleban", SchemeUCDP, &A{Name: "Taliban"}, true},
		{"Taliban and/or Islamic State (Afghanistan)", SchemeACLED, &A{Name: "Islamic State"}, true},
		{"Taliban and/or Islamic State (Afghanistan)", SchemeACLED, &A{Name: "Taliban"}, true},
		{"QSD: Syrian Democratic Forces", SchemeACLED, &A{Name: "SDF"}, true},
		{"QSD: Syrian Democratic Forces", SchemeACLED, &A{Name: "Syrian Democratic Forces"}, true},
		{"HTS: Hayat Tahrir al Sham", SchemeACLED, &A{Name: "Hay'at Tahrir al-Sham"}, true},
		{"PKK: Kurdistan Workers Party", SchemeACLED, &A{Name: "Kurdistan Workers' Party"}, true},
		{"ABC: Some Invented Front", SchemeACLED, &A{Name: "abc"}, true},
		{"ABC: Some Invented Front", SchemeACLED, &A{Name: "Some  Invented-Front"}, true},
		{"Hamas Movement", SchemeACLED, &A{Name: "Hamas"}, true},
		{"Hezbollah", SchemeACLED, &A{Name: "Hizbullah"}, true},
		{"Hezbollah", SchemeACLED, &A{Name: "Hamas"}, false},
		{"Ansarallah", SchemeUCDP, &A{Name: "Houthis"}, true},
		{"Operation Restoring Hope", SchemeACLED, &A{Name: "Saudi-led coalition", Kind: "coalition"}, true},
		{"Operation Restoring Hope", SchemeACLED, &A{Country: "SAU", Kind: "military"}, true},
		{"Operation Restoring Hope", SchemeACLED, &A{Country: "ARE", Kind: "military"}, false},
		{"Global Coalition Against Daesh", SchemeACLED, &A{Name: "US-led coalition", Kind: "coalition"}, true},
		{"Forces of the Presidential Leadership Council", SchemeUCDP, &A{Country: "YEM", Kind: "military"}, true},
		{"Ahrar al-Sham, Jabhat Fateh al-Sham, Southern Front", SchemeUCDP, &A{Name: "Nusra Front"}, true},
		{"Ahrar al-Sham, Jabhat Fateh al-Sham, Southern Front", SchemeUCDP, &A{Name: "Islamic State"}, false},
		{"Civilians (International)", SchemeACLED, &A{Name: "International Committee"}, false},
		{"Anything", SchemeACLED, nil, false},
		{"Anything", SchemeACLED, &A{}, false},
	}
	for _, tt := range tests {
		g := ParseGoldActor(tt.gold, tt.scheme)
		if got := g.Match(tt.actor); got != tt.want {
			t.Errorf("ParseGoldActor(%q, %s).Match(%+v) = %v, want %v (parsed %+v)", tt.gold, tt.scheme, tt.actor, got, tt.want, g)
		}
	}
}

func TestFoldName(t *testing.T) {
	tests := map[string]string{
		"Hay'at Tahrir al-Sham":        "hayat tahrir al sham",
		"  The  U.S.-led   coalition ": "u s led coalition",
		"Ash Shaddādah":                "ash shaddadah",
		"":                             "",
		"--":                           "",
	}
	for in, want := range tests {
		if got := foldName(in); got != want {
			t.Errorf("foldName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAliasTable(t *testing.T) {
	a := aliasTable() // panics if the embedded table does not parse
	if len(a.canon) < 50 {
		t.Errorf("alias table has only %d names", len(a.canon))
	}
	// canonical names resolve to themselves, so resolution is idempotent
	for _, c := range a.canon {
		if a.canon[c] != c {
			t.Errorf("canonical %q resolves to %q", c, a.canon[c])
		}
	}
	for _, tt := range []struct{ text, want string }{
		{"A\tB|C\tSYR:military\textra\n", "columns"},
		{"\tB\n", "empty canonical"},
		{"A\tB||C\n", "empty alias"},
		{"A\tB\nC\tB\n", "already an alias"},
		{"A\tB\tSYR-military\n", "pattern"},
		{"A\tB\tSY:military\n", "pattern"},
	} {
		if _, err := parseAliases(tt.text); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("parseAliases(%q) error %v, want %q", tt.text, err, tt.want)
		}
	}
	got, err := parseAliases("# comment\n\nFoo Front\tFF|Front of Foo\tSYR:armed_group|IRQ:Army\n")
	if err != nil {
		t.Fatal(err)
	}
	if got.canon["ff"] != "foo front" || got.canon["front of foo"] != "foo front" || len(got.patterns["foo front"]) != 2 ||
		got.patterns["foo front"][1].Kinds[0] != KindMilitary {
		t.Errorf("parsed %+v", got)
	}
}

func TestBestPairing(t *testing.T) {
	syr := &doc.Actor{Country: "SYR", Kind: "military"}
	is := &doc.Actor{Name: "Islamic State"}
	civ := &doc.Actor{Kind: "civilians"}
	g := func(names ...string) []goldAlt {
		var out []goldAlt
		for _, n := range names {
			out = append(out, newGoldAlt(n, nil, SchemeACLED))
		}
		return out
	}
	tests := []struct {
		gold []goldAlt
		got  []*doc.Actor
		want int
	}{
		{g("Military Forces of Syria (2000-)", "Islamic State (Syria)"), []*doc.Actor{syr, is}, 2},
		{g("Military Forces of Syria (2000-)", "Islamic State (Syria)"), []*doc.Actor{is, syr}, 2}, // order ignored
		{g("Military Forces of Syria (2000-)", "Islamic State (Syria)"), []*doc.Actor{syr, nil}, 1},
		{g("Military Forces of Syria (2000-)", "Military Forces of Syria (2000-)"), []*doc.Actor{syr, nil}, 1}, // one-to-one
		{g("Military Forces of Syria (2000-)", "Military Forces of Syria (2000-)"), []*doc.Actor{syr, syr}, 2},
		{g("Civilians (Syria)"), []*doc.Actor{syr, civ}, 1},
		{g("Civilians (Syria)"), []*doc.Actor{nil, nil}, 0},
	}
	for i, tt := range tests {
		if got := bestPairing(tt.gold, tt.got); got != tt.want {
			t.Errorf("case %d: bestPairing = %d, want %d", i, got, tt.want)
		}
	}
	// an associated actor stands for its main actor
	ga := newGoldAlt("Protesters (Iraq)", []string{"ABC: Invented Union"}, SchemeACLED)
	if !ga.match(&doc.Actor{Name: "Invented Union", Kind: "union"}) {
		t.Error("associated actor not matched")
	}
}

func TestLexiconStyleNames(t *testing.T) {
	// names as sitrep's lexicon writes them against ACLED-style gold labels (invented pairs)
	tests := []struct {
		gold  string
		actor doc.Actor
	}{
		{"Islamic State (Afghanistan)", doc.Actor{Name: "Islamic State Khorasan Province", Country: "AFG", Kind: "armed_group"}},
		{"Military Forces of Iraq (2020-) Counter-Terrorism Service", doc.Actor{Name: "Iraqi Counter-Terrorism Service", Country: "IRQ", Kind: "military"}},
		{"Giants Brigade", doc.Actor{Name: "Giants Brigades", Country: "YEM", Kind: "armed_group"}},
		{"Military Forces of Yemen (2012-) Hadhrami Elite Forces", doc.Actor{Name: "Hadrami Elite Forces", Country: "YEM", Kind: "armed_group"}},
		{"Government of Palestine (1994-) Palestinian National Authority", doc.Actor{Name: "Palestinian Authority", Country: "PSE", Kind: "government"}},
		{"Military Forces of Lebanon (2021-)", doc.Actor{Name: "Lebanese Armed Forces", Country: "LBN", Kind: "military"}},
		{"Settlers (Israel)", doc.Actor{Name: "Settlers", Country: "ISR", Kind: "militia"}},
	}
	for _, tt := range tests {
		if !ParseGoldActor(tt.gold, SchemeACLED).Match(&tt.actor) {
			t.Errorf("%q does not match %+v", tt.gold, tt.actor)
		}
	}
}
