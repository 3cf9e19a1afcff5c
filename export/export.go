// Package export writes events in the formats analysts load elsewhere: JSON Lines, a JSON array,
// CSV with ACLED's column names, and GeoJSON.
package export

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep/doc"
)

// Formats lists the names Write accepts.
var Formats = []string{"jsonl", "json", "csv", "geojson"}

// Write writes events to w in the named format.
func Write(w io.Writer, format string, events []doc.Event) error {
	switch format {
	case "jsonl":
		enc := json.NewEncoder(w)
		for _, e := range events {
			if err := enc.Encode(e); err != nil {
				return err
			}
		}
		return nil
	case "json":
		if events == nil {
			events = []doc.Event{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(events)
	case "csv":
		return writeCSV(w, events)
	case "geojson":
		return writeGeoJSON(w, events)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// CSVHeader is ACLED's column names for what the two share, then sitrep's own.
var CSVHeader = []string{"event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
	"country", "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
	"id", "plover_type", "cameo", "modality", "confidence", "civilian_fatalities"}

// TimePrecision is ACLED's code for a date precision: 1 day, 2 week, 3 month or coarser.
func TimePrecision(p string) int {
	switch p {
	case doc.DateDay, doc.DateReported:
		return 1
	case doc.DateWeek:
		return 2
	}
	return 3
}

// GeoPrecision is ACLED's code for a place precision: 1 the town itself, 2 near it or part of a
// region, 3 a province, a larger region or the country.
func GeoPrecision(p string) int {
	switch p {
	case doc.PrecisionPoint, doc.PrecisionCity:
		return 1
	case doc.PrecisionNear, doc.PrecisionAdmin2:
		return 2
	}
	return 3
}

func writeCSV(w io.Writer, events []doc.Event) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, e := range events {
		var country, admin1, location, lat, lon, geoPrec, fatalities, civilians string
		if l := e.Location; l != nil {
			country, admin1, location = l.Country, l.Admin1, l.Name
			lat, lon = strconv.FormatFloat(l.Lat, 'f', 4, 64), strconv.FormatFloat(l.Lon, 'f', 4, 64)
			geoPrec = strconv.Itoa(GeoPrecision(l.Precision))
		}
		if e.Fatalities != nil {
			fatalities = strconv.Itoa(*e.Fatalities)
		}
		if e.CivilianFatalities != nil {
			civilians = strconv.Itoa(*e.CivilianFatalities)
		}
		var sources []string
		for _, s := range e.Sources {
			sources = append(sources, s.Name)
		}
		row := []string{e.Date.Start.Format(doc.DateLayout), strconv.Itoa(TimePrecision(e.Date.Precision)),
			e.ACLEDType, e.ACLEDSubType, actorName(e.Actor1), actorName(e.Actor2), country, admin1, location,
			lat, lon, geoPrec, strings.Join(sources, "; "), e.Evidence.Sentence, fatalities,
			e.ID, e.Type, e.CAMEO, e.Modality, strconv.FormatFloat(e.Confidence, 'f', 2, 64), civilians}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func actorName(a *doc.Actor) string {
	if a == nil {
		return ""
	}
	return a.Name
}

type feature struct {
	Type       string          `json:"type"`
	Geometry   *point          `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
}

type point struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

func writeGeoJSON(w io.Writer, events []doc.Event) error {
	fc := struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}{Type: "FeatureCollection", Features: []feature{}}
	for _, e := range events {
		props, err := json.Marshal(e)
		if err != nil {
			return err
		}
		f := feature{Type: "Feature", Properties: props}
		if e.Location != nil {
			f.Geometry = &point{Type: "Point", Coordinates: [2]float64{e.Location.Lon, e.Location.Lat}}
		}
		fc.Features = append(fc.Features, f)
	}
	return json.NewEncoder(w).Encode(fc)
}
