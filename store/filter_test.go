package store

import (
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
)

func TestParseBBox(t *testing.T) {
	tests := []struct {
		in      string
		want    *BBox
		wantErr string
	}{
		{"22,44,40.5,52.5", &BBox{22, 44, 40.5, 52.5}, ""},
		{" -10 , -5 , 10 , 5 ", &BBox{-10, -5, 10, 5}, ""},
		{"170,-20,-170,-10", &BBox{170, -20, -170, -10}, ""},
		{"1,2,3", nil, "four numbers"},
		{"a,2,3,4", nil, "minLon"},
		{"1,2,3,NaN", nil, "maxLat"},
		{"1,2,3,Inf", nil, "maxLat"},
		{"-181,0,0,1", nil, "longitude -181"},
		{"0,-91,1,1", nil, "latitude -91"},
		{"0,10,1,5", nil, "minLat 10 is greater than maxLat 5"},
	}
	for _, tc := range tests {
		got, err := ParseBBox(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("ParseBBox(%q) error = %v, want one saying %q", tc.in, err, tc.wantErr)
			}
			continue
		}
		if err != nil || *got != *tc.want {
			t.Errorf("ParseBBox(%q) = %v, %v, want %v", tc.in, got, err, tc.want)
		}
		if again, err := ParseBBox(got.String()); err != nil || *again != *got {
			t.Errorf("String does not round-trip: %q", got.String())
		}
	}
	b := BBox{170, -20, -170, -10}
	for _, c := range []struct {
		lon, lat float64
		in       bool
	}{{178, -15, true}, {-175, -15, true}, {0, -15, false}, {178, 0, false}} {
		if b.Contains(c.lon, c.lat) != c.in {
			t.Errorf("%v.Contains(%v, %v) = %v", b, c.lon, c.lat, !c.in)
		}
	}
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in      string
		want    string // terms as words joined by "_", prefix marked with *, terms by " "
		wantErr string
	}{
		{"", "", ""},
		{"Kharkiv", "kharkiv", ""},
		{"drone  STRIKE", "drone strike", ""},
		{`"oil depot" Odesa`, "oil_depot odesa", ""},
		{`shell* "rapid supp"*`, "shell* rapid_supp*", ""},
		{"al-Fashir", "al_fashir", ""},
		{"Shaddādah Hezbollah's", "shaddadah hezbollah", ""},
		{`"unclosed`, "", "unclosed quote"},
		{"!!! ???", "", "no words"},
		{strings.Repeat("a ", 17), "", "17 terms"},
		{strings.Repeat("x", 501), "", "longer than 500"},
	}
	for _, tc := range tests {
		terms, err := ParseQuery(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("ParseQuery(%q) error = %v, want %q", tc.in, err, tc.wantErr)
			}
			continue
		}
		var parts []string
		for _, term := range terms {
			p := strings.Join(term.Words, "_")
			if term.Prefix {
				p += "*"
			}
			parts = append(parts, p)
		}
		if got := strings.Join(parts, " "); err != nil || got != tc.want {
			t.Errorf("ParseQuery(%q) = %q, %v, want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestValidateAndCursor(t *testing.T) {
	d := func(s string) time.Time { t, _ := time.Parse(doc.DateLayout, s); return t }
	e := doc.Event{ID: "ev-1"}
	e.Date.Start = d("2025-12-20")
	c := NextCursor(e)
	if date, id, err := DecodeCursor(c); err != nil || date != "2025-12-20" || id != "ev-1" {
		t.Errorf("DecodeCursor(NextCursor) = %q, %q, %v", date, id, err)
	}
	bad := []struct {
		f    EventFilter
		want string
	}{
		{EventFilter{Since: d("2025-12-20"), Until: d("2025-12-01")}, "since (2025-12-20) is after until (2025-12-01)"},
		{EventFilter{Limit: -1}, "limit"},
		{EventFilter{MinSources: -2}, "min_sources"},
		{EventFilter{Cursor: "not a cursor"}, "cursor"},
		{EventFilter{Cursor: "MjAyNS0xMi0yMA"}, "cursor"}, // "2025-12-20" with no id
		{EventFilter{Q: `"x`}, "q: unclosed quote"},
		{EventFilter{Actor: "---"}, "actor"},
		{EventFilter{BBox: &BBox{0, 5, 1, 4}}, "bbox: minLat"},
	}
	for _, tc := range bad {
		if err := tc.f.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Validate(%+v) = %v, want an error saying %q", tc.f, err, tc.want)
		}
	}
	if err := (EventFilter{Cursor: c, Q: "x", Actor: "y", BBox: &BBox{0, 0, 1, 1}}).Validate(); err != nil {
		t.Errorf("valid filter: %v", err)
	}
}
