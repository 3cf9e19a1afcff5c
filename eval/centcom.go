package eval

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// ReadCENTCOM reads the CENTCOM strike-line CSV (date, country, location, number, line, ...): one
// line of a coalition strike release per record, "Near Manbij, one strike engaged an ISIL tactical
// unit". Every line reports air strikes, so the gold types are Explosions/Remote violence and
// Air/drone strike; the country is the release's heading (the line itself never names it), which
// makes the set a test of placing a bare Iraqi or Syrian name. The date column is the release's,
// not the strike's, so it is Published only and no gold date. ID is "line:N".
func ReadCENTCOM(r io.Reader) ([]Record, error) {
	return readTable(r, "centcom", []string{"date", "country", "location", "line"}, centcomRecord)
}

func centcomRecord(r row, line int) (Record, error) {
	published, err := parseDate(r.get("date"), "01/02/2006", "1/2/2006", "2006-01-02")
	if err != nil {
		return Record{}, fmt.Errorf("date: %w", err)
	}
	country := r.get("country")
	iso := CountryISO3(country)
	if iso == "" {
		// a few rows carry the place too: "Tikrit, Iraq"
		if k := strings.LastIndexByte(country, ','); k >= 0 {
			iso = CountryISO3(strings.TrimSpace(country[k+1:]))
		}
	}
	if iso == "" {
		return Record{}, fmt.Errorf("country: unknown %q", country)
	}
	text := strings.TrimSpace(r.get("line"))
	text = strings.TrimSpace(strings.TrimLeft(text, "-–•"))
	if text == "" {
		return Record{}, errors.New("line: empty")
	}
	g := Gold{EventType: "Explosions/Remote violence", SubEventType: "Air/drone strike", Country: iso}
	return Record{ID: fmt.Sprintf("line:%d", line), Text: text, Published: published, Gold: g}, nil
}
