package eval

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Gold-set formats understood by Read and Detect.
const (
	FormatACLED = "acled" // ACLED export CSV (2022 layout with ISO dates, 2020 layouts with "9-May-20" / "01 March 2020")
	FormatCASE  = "case"  // CASE 2021 Task 2 TSV: id, EventSnippet, SubType
	FormatGTD   = "gtd"   // GTD extract CSV: date, city, latitude, longitude, group_name, killed, summary, ...
	FormatUCDP  = "ucdp"  // UCDP GED CSV
	// FormatCENTCOM is the CENTCOM strike-line CSV: date, country, location, number, line.
	FormatCENTCOM = "centcom"
)

// Formats lists the supported formats.
var Formats = []string{FormatACLED, FormatCASE, FormatGTD, FormatUCDP, FormatCENTCOM}

// Record is one gold-coded item: the text the extractor reads and what human coders said about it.
type Record struct {
	ID        string
	Text      string
	Published time.Time
	Gold      Gold
}

// Gold is the human coding of a record. Fields a set does not code are left empty (zero, nil or
// HasCoords false) and the matching metrics skip the record.
type Gold struct {
	EventType    string // ACLED event type ("Battles"); "" where the set has none (GTD, UCDP, CASE unseen)
	SubEventType string // ACLED sub-event type ("Armed clash")
	// Code is the set's own label where it has one: the CASE code ("AIR_STRIKE"). Empty otherwise.
	Code string
	// NoEvent marks a record for which no ACLED violent event should be extracted (the CASE
	// "unseen" types ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB).
	NoEvent bool
	// Actors are the raw gold actor names in the set's order: Actors[0] is ACLED actor1, UCDP
	// side_a or the GTD perpetrator group; Actors[1], when present, is ACLED actor2 or UCDP side_b.
	// An empty ACLED actor2 is left out, so len(Actors) is the number of coded actors.
	Actors []string
	// Assoc holds the ACLED associated actors of Actors[i] (assoc_actor_1, assoc_actor_2), split
	// on "; ". Nil for other sets. A mention actor that matches an associated actor is counted as
	// matching the main actor.
	Assoc [][]string
	// HasCoords reports whether Lat and Lon were coded.
	HasCoords bool
	Lat, Lon  float64
	// GeoPrecision is ACLED geo_precision (1 town, 2 near town / part of region, 3 larger region) or
	// UCDP where_prec (1 exact ... 7 country); 0 where the set has none (GTD).
	GeoPrecision int
	Country      string // ISO 3166-1 alpha-3, "" if unknown
	// Date and DateEnd bound the gold event date (midnight UTC, inclusive). They are equal for a
	// single-day coding; UCDP date_start..date_end and GTD rows with an unknown day give a range.
	// Zero when the set has no date (CASE).
	Date, DateEnd time.Time
	Fatalities    *int // ACLED fatalities, GTD killed, UCDP best; nil when not coded
}

// Read reads a gold file in the given format ("" to detect it from the header). The set name
// (used as Document.Source and as Report.Set) is the name of the file's directory.
func Read(path, format string) ([]Record, error) {
	path, err := dataFile(path)
	if err != nil {
		return nil, err
	}
	if format == "" {
		if format, err = Detect(path); err != nil {
			return nil, err
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := ReadFrom(f, format)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return recs, nil
}

// ReadFrom reads gold records of the given format from r.
func ReadFrom(r io.Reader, format string) ([]Record, error) {
	switch format {
	case FormatACLED:
		return ReadACLED(r)
	case FormatCASE:
		return ReadCASE(r)
	case FormatGTD:
		return ReadGTD(r)
	case FormatUCDP:
		return ReadUCDP(r)
	case FormatCENTCOM:
		return ReadCENTCOM(r)
	}
	return nil, fmt.Errorf("unknown gold format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// Detect names the format of a gold file from its header line. A directory is resolved to the one
// data file it holds, as Read does.
func Detect(path string) (string, error) {
	path, err := dataFile(path)
	if err != nil {
		return "", err
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	line, err := bufio.NewReaderSize(f, 64<<10).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	format := DetectHeader(line)
	if format == "" {
		return "", fmt.Errorf("%s: unrecognised gold header %.80q", path, line)
	}
	return format, nil
}

// DetectHeader names the format whose header line this is, or "".
func DetectHeader(line string) string {
	line = strings.TrimPrefix(strings.TrimRight(line, "\r\n"), "\ufeff")
	if strings.Contains(line, "\t") {
		cols := strings.Split(line, "\t")
		if hasAll(cols, "EventSnippet", "SubType") {
			return FormatCASE
		}
		return ""
	}
	cols, err := csv.NewReader(strings.NewReader(line)).Read()
	if err != nil {
		return ""
	}
	switch {
	case hasAll(cols, "event_id_cnty", "event_date", "notes"):
		return FormatACLED
	case hasAll(cols, "side_a", "side_b", "where_description"):
		return FormatUCDP
	case hasAll(cols, "summary", "group_name", "killed"):
		return FormatGTD
	case hasAll(cols, "date", "country", "location", "line"):
		return FormatCENTCOM
	}
	return ""
}

func hasAll(cols []string, names ...string) bool {
	for _, n := range names {
		found := false
		for _, c := range cols {
			if strings.TrimSpace(c) == n {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// SetName is the name a gold file is reported under: its directory's name ("acled-2020-mideast"),
// or the file name without extension when the directory gives nothing useful.
func SetName(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
		return filepath.Base(abs)
	}
	dir := filepath.Base(filepath.Dir(abs))
	if dir != "." && dir != string(filepath.Separator) && dir != "testdata" {
		return dir
	}
	return strings.TrimSuffix(filepath.Base(abs), filepath.Ext(abs))
}

// dataFile resolves a directory to the single gold data file in it (.csv or .tsv, leaving out the
// ACLED taxonomy and codebook files that share acled-2022-mideast/).
func dataFile(path string) (string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	if !fi.IsDir() {
		return path, nil
	}
	ents, err := os.ReadDir(path)
	if err != nil {
		return "", err
	}
	var found []string
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() || strings.HasPrefix(n, ".") {
			continue
		}
		if !strings.HasSuffix(n, ".csv") && !strings.HasSuffix(n, ".tsv") {
			continue
		}
		if strings.Contains(n, "codebook") || strings.Contains(n, "event_categories") {
			continue
		}
		found = append(found, filepath.Join(path, n))
	}
	if len(found) != 1 {
		return "", fmt.Errorf("%s: want exactly one .csv/.tsv gold file in the directory, found %d", path, len(found))
	}
	return found[0], nil
}

// table is a CSV file read with its header, for look-ups by column name.
type table struct {
	r    *csv.Reader
	cols map[string]int
}

// readTable reads a CSV gold file whose rows each make one record: the loop every CSV format
// shares, its errors prefixed with the format's name and the row's line.
func readTable(r io.Reader, format string, required []string, record func(r row, line int) (Record, error)) ([]Record, error) {
	t, err := newTable(r, required...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", format, err)
	}
	var out []Record
	for {
		row, line, err := t.next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", format, err)
		}
		rec, err := record(row, line)
		if err != nil {
			return nil, fmt.Errorf("%s: line %d: %w", format, line, err)
		}
		out = append(out, rec)
	}
}

func newTable(r io.Reader, required ...string) (*table, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("empty file: no header")
		}
		return nil, fmt.Errorf("header: %w", err)
	}
	t := &table{r: cr, cols: make(map[string]int, len(header))}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		if _, dup := t.cols[h]; !dup {
			t.cols[h] = i
		}
	}
	var missing []string
	for _, c := range required {
		if _, ok := t.cols[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("header lacks column(s) %s", strings.Join(missing, ", "))
	}
	return t, nil
}

// next returns the next row and the line it starts on; io.EOF at the end.
func (t *table) next() (row, int, error) {
	rec, err := t.r.Read()
	if err != nil {
		return row{}, 0, err
	}
	line, _ := t.r.FieldPos(0)
	return row{t.cols, rec}, line, nil
}

type row struct {
	cols map[string]int
	rec  []string
}

// get returns the trimmed cell of the named column, "" if the column is absent.
func (r row) get(name string) string {
	i, ok := r.cols[name]
	if !ok || i >= len(r.rec) {
		return ""
	}
	return strings.TrimSpace(r.rec[i])
}

// parseCount parses a fatality count written as "6", "6.0" or "" (nil).
func parseCount(s string) (*int, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "NA") || strings.EqualFold(s, "nan") {
		return nil, nil
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n < 0 {
			return nil, fmt.Errorf("negative count %q", s)
		}
		return &n, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 1e9 || f != f {
		return nil, fmt.Errorf("bad count %q", s)
	}
	n := int(f + 0.5)
	return &n, nil
}

// parseCoords parses a latitude/longitude pair; ok is false when either is empty.
func parseCoords(lat, lon string) (la, lo float64, ok bool, err error) {
	if lat == "" || lon == "" {
		return 0, 0, false, nil
	}
	la, err1 := strconv.ParseFloat(lat, 64)
	lo, err2 := strconv.ParseFloat(lon, 64)
	if err1 != nil || err2 != nil || la < -90 || la > 90 || lo < -180 || lo > 180 {
		return 0, 0, false, fmt.Errorf("bad coordinates %q, %q", lat, lon)
	}
	return la, lo, true, nil
}

// parseDate parses a date in any of the given layouts, as midnight UTC.
func parseDate(s string, layouts ...string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("bad date %q", s)
}

// splitList splits an ACLED "; "-separated list, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
