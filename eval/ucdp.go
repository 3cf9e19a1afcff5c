package eval

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ReadUCDP reads a UCDP GED CSV. GED has no article text; following the data README, Text is the
// source headline(s) followed by where_description, joined as sentences (source_headline holds one
// headline per source, separated by ";"). Published is the first source_date that parses, else
// date_end. Gold actors are side_a and side_b (dyad labels), deaths are best, the date is the
// range date_start..date_end, and GeoPrecision is where_prec (1 exact location ... 7 country).
func ReadUCDP(r io.Reader) ([]Record, error) {
	return readTable(r, "ucdp", []string{"id", "side_a", "side_b", "source_headline", "where_description",
		"where_prec", "latitude", "longitude", "country", "date_start", "date_end", "best"}, ucdpRecord)
}

var ucdpDateLayouts = []string{"2006-01-02", "2006-01-02 15:04:05", "2006-01-02T15:04:05Z"}

func ucdpRecord(r row, _ int) (Record, error) {
	id := r.get("id")
	if id == "" {
		return Record{}, errors.New("empty id")
	}
	start, err := parseDate(r.get("date_start"), ucdpDateLayouts...)
	if err != nil {
		return Record{}, fmt.Errorf("%s: date_start: %w", id, err)
	}
	end, err := parseDate(r.get("date_end"), ucdpDateLayouts...)
	if err != nil {
		return Record{}, fmt.Errorf("%s: date_end: %w", id, err)
	}
	if end.Before(start) {
		start, end = end, start
	}
	g := Gold{Date: start, DateEnd: end, Country: CountryISO3(r.get("country"))}
	for _, side := range []string{r.get("side_a"), r.get("side_b")} {
		if side != "" {
			g.Actors = append(g.Actors, side)
		}
	}
	g.Lat, g.Lon, g.HasCoords, err = parseCoords(r.get("latitude"), r.get("longitude"))
	if err != nil {
		return Record{}, fmt.Errorf("%s: %w", id, err)
	}
	if p := r.get("where_prec"); p != "" {
		if g.GeoPrecision, err = strconv.Atoi(p); err != nil {
			return Record{}, fmt.Errorf("%s: bad where_prec %q", id, p)
		}
	}
	if g.Fatalities, err = parseCount(r.get("best")); err != nil {
		return Record{}, fmt.Errorf("%s: best: %w", id, err)
	}
	published := end
	for _, d := range strings.Split(r.get("source_date"), ";") {
		if t, err := parseDate(d, ucdpDateLayouts...); err == nil {
			published = t
			break
		}
	}
	parts := append(strings.Split(r.get("source_headline"), ";"), r.get("where_description"))
	return Record{ID: id, Text: joinSentences(parts), Published: published, Gold: g}, nil
}

// joinSentences joins non-empty pieces of text into one paragraph, ending each piece that lacks
// final punctuation with a full stop.
func joinSentences(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(p)
		switch p[len(p)-1] {
		case '.', '!', '?', '"', '\'':
		default:
			b.WriteByte('.')
		}
	}
	return b.String()
}
