package eval

import (
	"errors"
	"fmt"
	"io"
	"strconv"
)

// acledDateLayouts are the event_date forms seen in ACLED exports: ISO (the 2022 conversion),
// "9-May-20" (2020 Middle East), "01 March 2020" (2020 Afghanistan), and two close variants.
var acledDateLayouts = []string{"2006-01-02", "2-Jan-06", "02 January 2006", "2 January 2006", "2-Jan-2006"}

// ReadACLED reads an ACLED export CSV. Text is the notes column, Published the event date (ACLED
// notes carry their own date, "On 12 May 2022, ..."). ID is event_id_cnty. The country is the iso3
// column where the export has one, else the country name looked up with CountryISO3.
func ReadACLED(r io.Reader) ([]Record, error) {
	return readTable(r, "acled", []string{"event_id_cnty", "event_date", "event_type", "sub_event_type",
		"actor1", "actor2", "country", "latitude", "longitude", "geo_precision", "notes", "fatalities"}, acledRecord)
}

func acledRecord(r row, _ int) (Record, error) {
	id := r.get("event_id_cnty")
	if id == "" {
		return Record{}, errors.New("empty event_id_cnty")
	}
	date, err := parseDate(r.get("event_date"), acledDateLayouts...)
	if err != nil {
		return Record{}, fmt.Errorf("%s: event_date: %w", id, err)
	}
	g := Gold{
		EventType:    r.get("event_type"),
		SubEventType: r.get("sub_event_type"),
		Date:         date,
		DateEnd:      date,
	}
	if a1 := r.get("actor1"); a1 != "" {
		g.Actors = append(g.Actors, a1)
		g.Assoc = append(g.Assoc, splitList(r.get("assoc_actor_1")))
	}
	if a2 := r.get("actor2"); a2 != "" {
		if len(g.Actors) == 0 { // keep positions: actor2 without actor1 should not occur
			g.Actors = append(g.Actors, "")
			g.Assoc = append(g.Assoc, nil)
		}
		g.Actors = append(g.Actors, a2)
		g.Assoc = append(g.Assoc, splitList(r.get("assoc_actor_2")))
	}
	g.Lat, g.Lon, g.HasCoords, err = parseCoords(r.get("latitude"), r.get("longitude"))
	if err != nil {
		return Record{}, fmt.Errorf("%s: %w", id, err)
	}
	if p := r.get("geo_precision"); p != "" {
		if g.GeoPrecision, err = strconv.Atoi(p); err != nil {
			return Record{}, fmt.Errorf("%s: bad geo_precision %q", id, p)
		}
	}
	g.Country = CountryISO3(r.get("iso3"))
	if g.Country == "" {
		g.Country = CountryISO3(r.get("country"))
	}
	if g.Fatalities, err = parseCount(r.get("fatalities")); err != nil {
		return Record{}, fmt.Errorf("%s: fatalities: %w", id, err)
	}
	return Record{ID: id, Text: r.get("notes"), Published: date, Gold: g}, nil
}
