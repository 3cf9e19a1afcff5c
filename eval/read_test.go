package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func day0(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func intp(n int) *int { return &n }

func TestDetect(t *testing.T) {
	tests := []struct{ file, want string }{
		{"acled2022.csv", FormatACLED},
		{"acled2020.csv", FormatACLED},
		{"acled2020_afg.csv", FormatACLED},
		{"case.tsv", FormatCASE},
		{"gtd.csv", FormatGTD},
		{"ucdp.csv", FormatUCDP},
		{"centcom.csv", FormatCENTCOM},
	}
	for _, tt := range tests {
		got, err := Detect(filepath.Join("testdata", tt.file))
		if err != nil || got != tt.want {
			t.Errorf("Detect(%s) = %q, %v; want %q", tt.file, got, err, tt.want)
		}
	}
	for _, h := range []string{"", "a,b,c", "id\tText\tLabel", "date,line,location,number", "date,country,line"} {
		if got := DetectHeader(h); got != "" {
			t.Errorf("DetectHeader(%q) = %q, want none", h, got)
		}
	}
	if got := DetectHeader("\ufeffevent_id_cnty,event_date,notes\r\n"); got != FormatACLED {
		t.Errorf("header with BOM and CRLF: %q", got)
	}
}

func TestDetectDirectory(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile("testdata/acled2022.csv")
	if err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "acled-2099-test")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string][]byte{
		"data.csv":                   b,
		"acled_codebook.csv":         []byte("column,definition\n"),
		"acled_event_categories.csv": []byte("event_type,sub_event_type\n"),
	} {
		if err := os.WriteFile(filepath.Join(sub, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if f, err := Detect(sub); err != nil || f != FormatACLED {
		t.Fatalf("Detect(dir) = %q, %v", f, err)
	}
	if got := SetName(sub); got != "acled-2099-test" {
		t.Errorf("SetName(dir) = %q", got)
	}
	if got := SetName(filepath.Join(sub, "data.csv")); got != "acled-2099-test" {
		t.Errorf("SetName(file) = %q", got)
	}
	if got := SetName("testdata/gtd.csv"); got != "gtd" {
		t.Errorf("SetName(testdata file) = %q", got)
	}
	// two data files: ambiguous
	if err := os.WriteFile(filepath.Join(sub, "other.csv"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Detect(sub); err == nil {
		t.Error("Detect on a directory with two data files: no error")
	}
}

func TestReadACLED(t *testing.T) {
	tests := []struct {
		file  string
		n     int
		check func(t *testing.T, rs []Record)
	}{
		{"acled2022.csv", 4, func(t *testing.T, rs []Record) {
			r := rs[0]
			if r.ID != "FIX0001" || !r.Published.Equal(day0("2022-03-05")) || !strings.HasPrefix(r.Text, "On 5 March 2022") {
				t.Errorf("record 0: %+v", r)
			}
			g := r.Gold
			if g.EventType != "Explosions/Remote violence" || g.SubEventType != "Air/drone strike" || g.Country != "YEM" ||
				g.GeoPrecision != 1 || !g.HasCoords || g.Lat != 15.1 || g.Lon != 44.2 ||
				g.Fatalities == nil || *g.Fatalities != 3 || !g.Date.Equal(g.DateEnd) {
				t.Errorf("gold 0: %+v", g)
			}
			if len(g.Actors) != 2 || g.Actors[1] != "Civilians (Yemen)" {
				t.Errorf("actors 0: %q", g.Actors)
			}
			// quoted notes with comma, quotes and a newline survive
			if !strings.Contains(rs[1].Text, `"IS" cells clashed near Tell Abyadun,`+"\n") {
				t.Errorf("notes 1: %q", rs[1].Text)
			}
			if len(rs[1].Gold.Assoc) != 2 || len(rs[1].Gold.Assoc[0]) != 1 || rs[1].Gold.Assoc[0][0] != "Militia (Pro-Government)" {
				t.Errorf("assoc 1: %q", rs[1].Gold.Assoc)
			}
			if len(rs[2].Gold.Actors) != 1 {
				t.Errorf("empty actor2 kept: %q", rs[2].Gold.Actors)
			}
			if rs[3].Gold.GeoPrecision != 3 || rs[3].Gold.Country != "IRQ" {
				t.Errorf("record 3: %+v", rs[3].Gold)
			}
		}},
		{"acled2020.csv", 2, func(t *testing.T, rs []Record) {
			if !rs[0].Gold.Date.Equal(day0("2020-05-09")) || !rs[1].Gold.Date.Equal(day0("2020-04-27")) {
				t.Errorf("D-Mon-YY dates: %v %v", rs[0].Gold.Date, rs[1].Gold.Date)
			}
			if a := rs[0].Gold.Assoc[1]; len(a) != 2 || a[1] != "Other Invented Group" {
				t.Errorf("assoc split on ;: %q", a)
			}
			if rs[1].Gold.Fatalities != nil {
				t.Errorf("empty fatalities should be nil, got %d", *rs[1].Gold.Fatalities)
			}
			if rs[0].Gold.Country != "YEM" || rs[1].Gold.Country != "SYR" {
				t.Errorf("iso3: %q %q", rs[0].Gold.Country, rs[1].Gold.Country)
			}
		}},
		{"acled2020_afg.csv", 2, func(t *testing.T, rs []Record) {
			if !rs[0].Gold.Date.Equal(day0("2020-03-01")) || !rs[1].Published.Equal(day0("2020-03-21")) {
				t.Errorf("'01 March 2020' dates: %v %v", rs[0].Gold.Date, rs[1].Published)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rs, err := Read(filepath.Join("testdata", tt.file), "")
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != tt.n {
				t.Fatalf("%d records, want %d", len(rs), tt.n)
			}
			tt.check(t, rs)
		})
	}
}

func TestReadCASE(t *testing.T) {
	rs, err := Read("testdata/case.tsv", FormatCASE)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		id, code, sub, typ string
		noEvent            bool
	}{
		{"1", "AIR_STRIKE", "Air/drone strike", Explosions, false},
		{"2", "ARMED_CLASH", "Armed clash", Battles, false},
		{"3", "PEACE_PROTEST", "Peaceful protest", Protests, false},
		{"4", "NATURAL_DISASTER", "", "", true},
		{"5", "DIPLO", "", "", true},
		{"6", "PROPERTY_DISTRUCT", "Looting/property destruction", StrategicDevels, false},
	}
	if len(rs) != len(want) {
		t.Fatalf("%d records", len(rs))
	}
	for i, w := range want {
		g := rs[i].Gold
		if rs[i].ID != w.id || g.Code != w.code || g.SubEventType != w.sub || g.EventType != w.typ || g.NoEvent != w.noEvent {
			t.Errorf("record %d: id %q gold %+v; want %+v", i, rs[i].ID, g, w)
		}
	}
	// '"' is not a quote character: an unbalanced one stays in the text
	if !strings.HasSuffix(rs[5].Text, `"Old Test`) || !strings.Contains(rs[1].Text, `"Fort Test"`) {
		t.Errorf("quotes: %q / %q", rs[1].Text, rs[5].Text)
	}
	if !rs[0].Published.IsZero() {
		t.Error("CASE has no publication date")
	}
}

func TestCASECodesCoverTaxonomy(t *testing.T) {
	seen := map[string]bool{}
	for code, st := range caseCodes {
		if EventTypeOf(st) == "" {
			t.Errorf("%s maps to %q, not an ACLED sub-event type", code, st)
		}
		seen[st] = true
	}
	if len(seen) != len(acledSubTypes) || len(acledSubTypes) != 25 {
		t.Errorf("CASE codes cover %d sub-types of %d (want 25)", len(seen), len(acledSubTypes))
	}
	for st := range acledSubTypes {
		if codeOf(st) == st {
			t.Errorf("no CASE code for %q", st)
		}
	}
}

func TestReadGTD(t *testing.T) {
	rs, err := Read("testdata/gtd.csv", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 {
		t.Fatalf("%d records", len(rs))
	}
	r := rs[0]
	if r.ID != "line:2" || strings.HasPrefix(r.Text, "02/03/2014") || !strings.HasPrefix(r.Text, "A car bomb") {
		t.Errorf("record 0: id %q text %q", r.ID, r.Text)
	}
	if g := r.Gold; g.Country != "IRQ" || g.Fatalities == nil || *g.Fatalities != 4 || len(g.Actors) != 1 ||
		!g.Date.Equal(day0("2014-02-03")) || !g.DateEnd.Equal(g.Date) || g.GeoPrecision != 0 || !g.HasCoords {
		t.Errorf("gold 0: %+v", g)
	}
	// the first record spans two lines, so the second starts on line 4
	if rs[1].ID != "line:4" {
		t.Errorf("record 1 id %q, want line:4", rs[1].ID)
	}
	// "07/00/2015:" — the day is unknown: the whole month
	if g := rs[1].Gold; !g.Date.Equal(day0("2015-07-01")) || !g.DateEnd.Equal(day0("2015-07-31")) || !rs[1].Published.Equal(day0("2015-07-15")) {
		t.Errorf("unknown day: %v..%v published %v", g.Date, g.DateEnd, rs[1].Published)
	}
	if rs[2].Gold.Fatalities != nil {
		t.Error("empty killed should be nil")
	}
}

func TestReadCENTCOM(t *testing.T) {
	rs, err := Read("testdata/centcom.csv", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 {
		t.Fatalf("%d records", len(rs))
	}
	want := []struct{ id, text, country, published string }{
		{"line:2", "Near Testabad, two strikes hit two fighting positions.", "IRQ", "2015-03-14"},
		{"line:3", "Near Example Springs, one strike destroyed a bridge.", "SYR", "2015-03-14"},
		{"line:4", "Near Tikrit, one strike engaged a tactical unit.", "IRQ", "2015-03-15"},
	}
	for i, w := range want {
		r := rs[i]
		if r.ID != w.id || r.Text != w.text || r.Gold.Country != w.country || !r.Published.Equal(day0(w.published)) {
			t.Errorf("record %d: %q %q %q %v", i, r.ID, r.Text, r.Gold.Country, r.Published)
		}
		if g := r.Gold; g.SubEventType != "Air/drone strike" || g.EventType != "Explosions/Remote violence" || !g.Date.IsZero() || g.HasCoords {
			t.Errorf("gold %d: %+v", i, g)
		}
	}
}

func TestReadUCDP(t *testing.T) {
	rs, err := Read("testdata/ucdp.csv", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 {
		t.Fatalf("%d records", len(rs))
	}
	r := rs[0]
	if want := "Clashes reported near Testburg. Two rebels die in Testburg fighting. near Testburg town in Test governorate."; r.Text != want {
		t.Errorf("text %q, want %q", r.Text, want)
	}
	if g := r.Gold; !g.Date.Equal(day0("2016-04-01")) || !g.DateEnd.Equal(day0("2016-04-02")) || g.GeoPrecision != 1 ||
		g.Country != "SYR" || *g.Fatalities != 2 || len(g.Actors) != 2 || g.Actors[0] != "Government of Syria" {
		t.Errorf("gold 0: %+v", g)
	}
	if !r.Published.Equal(day0("2016-04-02")) {
		t.Errorf("published %v, want the first source_date", r.Published)
	}
	if rs[1].Text != "Testgov province." || !rs[1].Published.Equal(day0("2015-06-10")) {
		t.Errorf("record 1: %q %v", rs[1].Text, rs[1].Published)
	}
	if rs[2].Gold.Country != "YEM" || rs[2].Text != "Fighting in Test Valley." {
		t.Errorf("record 2: %q %q", rs[2].Gold.Country, rs[2].Text)
	}
}

func TestReadErrors(t *testing.T) {
	acledHeader := "event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country,latitude,longitude,geo_precision,notes,fatalities\n"
	gtdHeader := "date,country,city,latitude,longitude,group_name,killed,summary\n"
	tests := []struct {
		name, format, input, want string
	}{
		{"empty", FormatACLED, "", "no header"},
		{"missing column", FormatACLED, "event_id_cnty,event_date\nX1,2022-01-01\n", "lacks column"},
		{"bad date", FormatACLED, acledHeader + "X1,2022-13-45,Battles,Armed clash,A,B,Iraq,1,2,1,text,0\n", "event_date"},
		{"bad lat", FormatACLED, acledHeader + "X1,2022-01-01,Battles,Armed clash,A,B,Iraq,north,2,1,text,0\n", "coordinates"},
		{"lat out of range", FormatACLED, acledHeader + "X1,2022-01-01,Battles,Armed clash,A,B,Iraq,95,2,1,text,0\n", "coordinates"},
		{"bad fatalities", FormatACLED, acledHeader + "X1,2022-01-01,Battles,Armed clash,A,B,Iraq,1,2,1,text,many\n", "fatalities"},
		{"negative fatalities", FormatACLED, acledHeader + "X1,2022-01-01,Battles,Armed clash,A,B,Iraq,1,2,1,text,-3\n", "fatalities"},
		{"bad precision", FormatACLED, acledHeader + "X1,2022-01-01,Battles,Armed clash,A,B,Iraq,1,2,high,text,0\n", "geo_precision"},
		{"empty id", FormatACLED, acledHeader + ",2022-01-01,Battles,Armed clash,A,B,Iraq,1,2,1,text,0\n", "event_id_cnty"},
		{"short row", FormatACLED, acledHeader + "X1,2022-01-01\n", "wrong number of fields"},
		{"bad quote", FormatACLED, acledHeader + "X1,2022-01-01,Battles,Armed clash,A,B,Iraq,1,2,1,\"text,0\n", "extraneous or missing"},
		{"case unknown code", FormatCASE, "id\tEventSnippet\tSubType\n1\ttext\tTEA_PARTY\n", "unknown SubType"},
		{"case fields", FormatCASE, "id\tEventSnippet\tSubType\n1\ttext\twith\tTAB\n", "fields"},
		{"case header", FormatCASE, "id\tText\tLabel\n", "header"},
		{"gtd killed", FormatGTD, gtdHeader + "2014-01-01,Iraq,X,1,2,G,lots,01/01/2014: text\n", "killed"},
		{"ucdp date", FormatUCDP, "id,side_a,side_b,source_headline,where_description,where_prec,latitude,longitude,country,date_start,date_end,best\n1,A,B,h,w,1,1,2,Iraq,someday,2020-01-01,1\n", "date_start"},
		{"unknown format", "cameo", "date,line\n", "unknown gold format"},
		{"centcom country", FormatCENTCOM, "date,country,location,line\n01/02/2015,Atlantis,X,Near X one strike\n", "country"},
		{"centcom date", FormatCENTCOM, "date,country,location,line\n2015-13-45,Iraq,X,Near X one strike\n", "date"},
		{"centcom empty line", FormatCENTCOM, "date,country,location,line\n01/02/2015,Iraq,X, - \n", "line: empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadFrom(strings.NewReader(tt.input), tt.format)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestParseCount(t *testing.T) {
	tests := []struct {
		in   string
		want *int
		err  bool
	}{
		{"", nil, false}, {"NA", nil, false}, {"0", intp(0), false}, {"12", intp(12), false},
		{"6.0", intp(6), false}, {"2.5", intp(3), false}, {"-1", nil, true}, {"x", nil, true}, {"1e12", nil, true},
	}
	for _, tt := range tests {
		got, err := parseCount(tt.in)
		if (err != nil) != tt.err || (got == nil) != (tt.want == nil) || (got != nil && *got != *tt.want) {
			t.Errorf("parseCount(%q) = %v, %v", tt.in, got, err)
		}
	}
}

func TestCountryISO3(t *testing.T) {
	tests := map[string]string{
		"Syria": "SYR", "Iraq": "IRQ", "Yemen (North Yemen)": "YEM", "Russia (Soviet Union)": "RUS",
		"United Arab Emirates": "ARE", "the United States": "USA", "DR Congo (Zaire)": "COD",
		"Macedonia, FYR": "MKD", "Bosnia-Herzegovina": "BIH", "Kingdom of eSwatini (Swaziland)": "SWZ",
		"Côte d'Ivoire": "CIV", "SYR": "SYR", "UAE": "ARE", "Atlantis": "", "": "", "International": "",
	}
	for in, want := range tests {
		if got := CountryISO3(in); got != want {
			t.Errorf("CountryISO3(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJoinSentences(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"", " "}, ""},
		{[]string{"A headline", "in the village"}, "A headline. in the village."},
		{[]string{"Done!", "Why?", "ok."}, "Done! Why? ok."},
	}
	for _, tt := range tests {
		if got := joinSentences(tt.in); got != tt.want {
			t.Errorf("joinSentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
