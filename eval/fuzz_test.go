package eval

import (
	"os"
	"strings"
	"testing"
)

// FuzzReadACLED feeds arbitrary bytes to the ACLED reader: outside input must give records or an
// error, never a panic, and records it accepts must be well formed.
func FuzzReadACLED(f *testing.F) {
	for _, name := range []string{"acled2022.csv", "acled2020.csv", "acled2020_afg.csv"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)/2]) // cut mid-record
	}
	header := "event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country,latitude,longitude,geo_precision,notes,fatalities\n"
	for _, s := range []string{
		"",
		"\ufeff" + header,
		header,
		header + "X1,2022-01-01,Battles,Armed clash,A,B,Iraq,1,2,1,text,0\n",
		header + "X1,2022-01-01,Battles,Armed clash,A,B,Iraq,1,2,1,\"unterminated,0\n",
		header + "X1,2022-01-01,Battles,Armed clash,,B,Narnia,,,,\"\"\"quoted\"\"\",\n",
		header + "X1,9-May-20,,,,,,-91,181,9,x,1.5\n",
		header + "X1,01 March 2020\n",
		"a,b,c\n1,2,3\n",
		"event_id_cnty,event_id_cnty\n\"\n",
		header + strings.Repeat(",", 40) + "\n",
		header + "X1,2022-01-01,Battles,Armed clash,A (,B ((2000-)),Iraq,1,2,1,t,1e308\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := ReadACLED(strings.NewReader(string(data)))
		if err != nil {
			return
		}
		for _, r := range recs {
			if r.ID == "" {
				t.Fatal("record without id")
			}
			g := r.Gold
			if g.HasCoords && (g.Lat < -90 || g.Lat > 90 || g.Lon < -180 || g.Lon > 180) {
				t.Fatalf("coordinates out of range: %v %v", g.Lat, g.Lon)
			}
			if g.Fatalities != nil && *g.Fatalities < 0 {
				t.Fatalf("negative fatalities %d", *g.Fatalities)
			}
			if len(g.Assoc) != len(g.Actors) {
				t.Fatalf("assoc %d vs actors %d", len(g.Assoc), len(g.Actors))
			}
			for _, a := range g.Actors {
				ParseGoldActor(a, SchemeACLED) // must not panic on any label
			}
		}
	})
}

func FuzzReadCENTCOM(f *testing.F) {
	b, err := os.ReadFile("testdata/centcom.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add(b[:len(b)/2])
	header := "date,country,location,number,manually_edited,description,line\n"
	for _, s := range []string{"", header, header + "01/02/2015,\"Mosul, Iraq\",Mosul,1,,d,\"- Near Mosul\"\n", header + "1/2/2015,,,,,,\n", header + "01/02/2015,Iraq,X,1,,d,\"unterminated\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := ReadCENTCOM(strings.NewReader(string(data)))
		if err != nil {
			return
		}
		for _, r := range recs {
			if r.ID == "" || r.Text == "" || r.Gold.Country == "" {
				t.Fatalf("incomplete record %+v", r)
			}
		}
	})
}
