package eval

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"time"
)

// gtdPrefix is the "MM/DD/YYYY:" date every GTD summary starts with; DD is 00 when GTD does not
// know the day.
var gtdPrefix = regexp.MustCompile(`^\s*(\d{1,2})/(\d{1,2})/(\d{4}):\s*`)

// ReadGTD reads the GTD extract CSV. Text is the summary with its "MM/DD/YYYY:" prefix cut (the
// README asks for this: the prefix would make date extraction trivial). The extract has no id
// column, so ID is "line:N", N being the line the row starts on. The perpetrator group_name is
// the only gold actor; killed (written as a float, "6.0") is the fatality count. Published is the
// date column. When the summary prefix gives day 00 the date column's day is an imputation, so the
// gold date becomes the whole month.
func ReadGTD(r io.Reader) ([]Record, error) {
	return readTable(r, "gtd", []string{"date", "country", "city", "latitude", "longitude", "group_name", "killed", "summary"}, gtdRecord)
}

func gtdRecord(r row, line int) (Record, error) {
	date, err := parseDate(r.get("date"), "2006-01-02", "01/02/2006", "1/2/2006")
	if err != nil {
		return Record{}, fmt.Errorf("date: %w", err)
	}
	g := Gold{Date: date, DateEnd: date, Country: CountryISO3(r.get("country"))}
	text := r.get("summary")
	if m := gtdPrefix.FindStringSubmatch(text); m != nil {
		text = text[len(m[0]):]
		if day, _ := strconv.Atoi(m[2]); day == 0 {
			month, _ := strconv.Atoi(m[1])
			year, _ := strconv.Atoi(m[3])
			if month >= 1 && month <= 12 {
				g.Date = time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
				g.DateEnd = g.Date.AddDate(0, 1, -1)
			}
		}
	}
	if grp := r.get("group_name"); grp != "" {
		g.Actors = []string{grp}
	}
	g.Lat, g.Lon, g.HasCoords, err = parseCoords(r.get("latitude"), r.get("longitude"))
	if err != nil {
		return Record{}, err
	}
	if g.Fatalities, err = parseCount(r.get("killed")); err != nil {
		return Record{}, fmt.Errorf("killed: %w", err)
	}
	return Record{ID: fmt.Sprintf("line:%d", line), Text: text, Published: date, Gold: g}, nil
}
