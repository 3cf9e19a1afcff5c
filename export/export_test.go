package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
)

func sampleEvents() []doc.Event {
	day, _ := time.Parse(doc.DateLayout, "2025-12-20")
	nine, four := 9, 4
	return []doc.Event{
		{ID: "ev-1", Mention: doc.Mention{Type: "ASSAULT", CAMEO: "195", ACLEDType: "Explosions/Remote violence", ACLEDSubType: "Air/drone strike",
			Modality: doc.Occurred, Actor1: &doc.Actor{Name: "US-led coalition"}, Actor2: &doc.Actor{Name: "Islamic State"},
			Location:   &doc.Place{Name: "Deir ez-Zor", Admin1: "Deir ez-Zor", Country: "SYR", Lat: 35.3359, Lon: 40.1408, Precision: doc.PrecisionCity},
			Date:       doc.When{Start: day, End: day, Precision: doc.DateDay},
			Fatalities: &nine, Sources: []doc.Attribution{{Name: "Al Hadath"}, {Name: "Levant Ledger"}},
			Evidence: doc.Evidence{Sentence: `Strikes hit "IS" hideouts, killing nine.`}, Confidence: 0.85,
			CivilianFatalities: &four, CivilianEvidence: &doc.Quote{Text: "four civilians"}}},
		{ID: "ev-2", Mention: doc.Mention{Type: "PROTEST", Modality: doc.Occurred, Date: doc.When{Start: day, End: day, Precision: doc.DateWeek}}},
	}
}

func TestCSVUsesACLEDColumns(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "csv", sampleEvents()); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(CSVHeader, ",") {
		t.Fatalf("rows %v", rows)
	}
	row := map[string]string{}
	for i, h := range rows[0] {
		row[h] = rows[1][i]
	}
	want := map[string]string{"event_date": "2025-12-20", "time_precision": "1", "sub_event_type": "Air/drone strike",
		"actor1": "US-led coalition", "latitude": "35.3359", "geo_precision": "1", "source": "Al Hadath; Levant Ledger",
		"fatalities": "9", "notes": `Strikes hit "IS" hideouts, killing nine.`, "cameo": "195", "confidence": "0.85",
		"civilian_fatalities": "4"}
	for k, v := range want {
		if row[k] != v {
			t.Errorf("%s = %q, want %q", k, row[k], v)
		}
	}
	if rows[2][1] != "2" || rows[2][9] != "" || rows[2][len(CSVHeader)-1] != "" {
		t.Errorf("week precision and missing place: %v", rows[2])
	}
}

func TestGeoJSONAndJSON(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "geojson", sampleEvents()); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string
		Features []struct {
			Geometry   *struct{ Coordinates [2]float64 }
			Properties struct{ ID string }
		}
	}
	if err := json.Unmarshal(b.Bytes(), &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 2 || fc.Features[0].Geometry.Coordinates != [2]float64{40.1408, 35.3359} ||
		fc.Features[1].Geometry != nil || fc.Features[0].Properties.ID != "ev-1" {
		t.Errorf("geojson %+v", fc)
	}
	b.Reset()
	if err := Write(&b, "json", nil); err != nil || strings.TrimSpace(b.String()) != "[]" {
		t.Errorf("empty json = %q, %v", b.String(), err)
	}
	if err := Write(&b, "xml", nil); err == nil || !strings.Contains(err.Error(), "jsonl, json, csv, geojson") {
		t.Errorf("unknown format error %v", err)
	}
}
