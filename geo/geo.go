// Package geo finds place names in tokenised sentences and resolves them to coordinates with an
// embedded, offline gazetteer built from GeoNames and OurAirports (see data/README.md).
//
// Find matches normalised token sequences against every name and alternate name of about 127,000
// populated places, 3,700 first-level divisions, 246 countries, a few named regions and 5,000
// sites (airports, air bases, border crossings, dams: a site's name matches with the type word
// that follows it, "Ain al-Asad air base", "the Rafah crossing"), longest match first, and reads the words around each match: the preposition before it ("in", "near",
// "outside"), a type word ("province", "town of"), a region qualifier ("northern Syria") and a
// distance and bearing ("20 km north of Aleppo"). Resolve picks one candidate using those cues and
// the document's other places, and returns a doc.Place with a precision.
package geo

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/sitrep-dev/sitrep/doc"
)

//go:embed data/gazetteer.tsv.gz
var embedded []byte

// Gazetteer is a loaded gazetteer. It is immutable after loading and safe for concurrent use.
type Gazetteer struct {
	entries []entry
	exact   table            // exact normalised keys, with and without articles
	skel    table            // phonetic skeletons of the same keys
	sexact  table            // sites' cores (data/README.md), matched only before a type word (sites.go)
	sskel   table            // their phonetic skeletons
	iso3    map[string]int32 // ISO3 → country entry
	admin1  map[string]int32 // "SYR.07" → admin1 entry
}

// Level values of entries (Candidate.Level holds the doc precision constant).
const (
	lvCity uint8 = iota
	lvAdmin1
	lvRegion
	lvCountry
	lvAdmin2
)

var levelNames = [...]string{doc.PrecisionCity, doc.PrecisionAdmin1, doc.PrecisionRegion, doc.PrecisionCountry, doc.PrecisionAdmin2}

type entry struct {
	name      string
	iso3      string
	feature   string
	admin1Key string // "SYR.07" for admin1 rows and places with a known admin1, else ""
	lat, lon  float64
	box       [4]float32 // minLat, minLon, maxLat, maxLon for countries, regions, admin1, admin2
	rural     [2]float32 // admin1: the point for its countryside (data/README.md); zero if none
	pop       int64
	id        int32 // GeoNames id, or negative for rows of our own (countries, regions, admin1)
	admin1    int32 // entry index of the place's admin1, or -1
	level     uint8
	article   bool // named in a country where Arabic-style transliteration varies: skeleton matches allowed
	site      bool // an airport, base, crossing, dam…: a row of kind S, at city level but a point
	large     bool // a large airport
}

// Candidate is one gazetteer entry a name may refer to.
type Candidate struct {
	ID         int    // GeoNames id of a populated place; negative for countries, regions and admin1
	Name       string // the gazetteer's name
	Admin1     string // name of the first-level division ("" for countries)
	Admin1Code string // "SYR.07"-style key of the division ("" if unknown or a country)
	Country    string // ISO 3166-1 alpha-3
	Lat, Lon   float64
	Feature    string // GeoNames feature code (PPL, PPLA, PPLC…; AIRP, AIRB, PSTB, DAM… for sites), or "ADM1", "PCLI", "RGN"
	Population int
	Level      string // doc.PrecisionCity (also for sites), doc.PrecisionAdmin2, doc.PrecisionAdmin1, doc.PrecisionRegion or doc.PrecisionCountry
	Site       bool   // an airport, air base, military base, border crossing, dam, field or plant: Resolve gives doc.PrecisionPoint

	score float64 // match score without document context, set by Find
	entry int32   // index+1 of the entry; 0 for a candidate not made by this package
	fuzzy bool    // matched by skeleton only, not by a spelling the gazetteer lists
}

var defaultOnce = sync.OnceValues(func() (*Gazetteer, error) {
	return load()
})

// Default returns the embedded gazetteer, loading it on first use.
func Default() (*Gazetteer, error) { return defaultOnce() }

// CountryByISO3 returns the country entry for an ISO 3166-1 alpha-3 code.
func (g *Gazetteer) CountryByISO3(iso3 string) (Candidate, bool) {
	i, ok := g.iso3[strings.ToUpper(iso3)]
	if !ok {
		return Candidate{}, false
	}
	return g.candidate(i, 0), true
}

// Admin1ByKey returns the first-level division for a "SYR.07"-style key.
func (g *Gazetteer) Admin1ByKey(key string) (Candidate, bool) {
	i, ok := g.admin1[key]
	if !ok {
		return Candidate{}, false
	}
	return g.candidate(i, 0), true
}

// Len is the number of entries.
func (g *Gazetteer) Len() int { return len(g.entries) }

func (g *Gazetteer) candidate(i int32, score float64) Candidate {
	e := &g.entries[i]
	c := Candidate{ID: int(e.id), Name: e.name, Admin1Code: e.admin1Key, Country: e.iso3, Lat: e.lat, Lon: e.lon,
		Feature: e.feature, Population: int(e.pop), Level: levelNames[e.level], Site: e.site, score: score, entry: i + 1}
	if e.level == lvAdmin1 {
		c.Admin1 = e.name
	} else if e.admin1 >= 0 && int(e.admin1) < len(g.entries) {
		c.Admin1 = g.entries[e.admin1].name
	}
	return c
}

// Parse reads a gazetteer in the gzipped TSV form of data/gazetteer.tsv.gz.
func Parse(r io.Reader) (*Gazetteer, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	return parse(raw)
}

// load parses the embedded gazetteer, sizing the buffer from the gzip trailer.
func load() (*Gazetteer, error) {
	zr, err := gzip.NewReader(bytes.NewReader(embedded))
	if err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	size := 1 << 20
	if n := len(embedded); n >= 4 {
		size = int(binary.LittleEndian.Uint32(embedded[n-4:])) + 1
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	return parse(buf.Bytes())
}

func parse(raw []byte) (*Gazetteer, error) {
	text := unsafe.String(unsafe.SliceData(raw), len(raw)) // raw is never written again
	rows := bytes.Count(raw, []byte{'\n'}) + 1
	g := &Gazetteer{iso3: map[string]int32{}, admin1: map[string]int32{}, entries: make([]entry, 0, rows)}
	var exact, skel, sexact, sskel recs
	nameCount := bytes.Count(raw, []byte{'|'}) + 2*rows
	exact.r = make([]rec, 0, nameCount*5/4)
	skel.r = make([]rec, 0, nameCount*5/4)
	exact.blob = make([]byte, 0, len(raw)/2)
	skel.blob = make([]byte, 0, len(raw)/2)
	var kb, sb []byte
	adminByCode := map[string]int32{} // "SY.07" → entry
	var f [17]string                  // the 15th column (rural) and the sites' 16th and 17th are optional
	lineNo := 0
	for len(text) > 0 {
		var line string
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			line, text = text, ""
		}
		lineNo++
		if line == "" || line[0] == '#' {
			continue
		}
		n := 0
		for n < len(f)-1 {
			i := strings.IndexByte(line, '\t')
			if i < 0 {
				break
			}
			f[n], line = line[:i], line[i+1:]
			n++
		}
		f[n] = line
		if n < 13 {
			return nil, fmt.Errorf("geo: line %d: %d fields, want 14 to %d", lineNo, n+1, len(f))
		}
		clear(f[n+1:])
		e := entry{name: f[11], iso3: f[3], feature: f[5], admin1: -1}
		id, err1 := strconv.Atoi(f[1])
		pop, err2 := strconv.ParseInt(f[6], 10, 64)
		lat, err3 := strconv.ParseFloat(f[7], 64)
		lon, err4 := strconv.ParseFloat(f[8], 64)
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			return nil, fmt.Errorf("geo: line %d: %w", lineNo, err)
		}
		e.id, e.pop, e.lat, e.lon = int32(id), pop, lat, lon
		idx := int32(len(g.entries))
		if idx > postingMask {
			return nil, errors.New("geo: too many entries")
		}
		switch f[0] {
		case "C":
			e.level = lvCountry
			g.iso3[e.iso3] = idx
		case "R":
			e.level = lvRegion
		case "A":
			e.level = lvAdmin1
			e.admin1Key = e.iso3 + "." + f[4]
			adminByCode[f[2]+"."+f[4]] = idx
			g.admin1[e.admin1Key] = idx
		case "P", "D", "S":
			e.level = lvCity
			if f[0] == "D" {
				e.level = lvAdmin2
			}
			e.site = f[0] == "S"
			if a, ok := adminByCode[f[2]+"."+f[4]]; ok {
				e.admin1 = a
				e.admin1Key = g.entries[a].admin1Key
			}
		default:
			return nil, fmt.Errorf("geo: line %d: unknown kind %q", lineNo, f[0])
		}
		if e.id == 0 {
			e.id = -(idx + 1)
		}
		if f[9] != "" {
			parts := strings.Split(f[9], ",")
			if len(parts) != 4 {
				return nil, fmt.Errorf("geo: line %d: bad bbox", lineNo)
			}
			for i, p := range parts {
				v, err := strconv.ParseFloat(p, 32)
				if err != nil {
					return nil, fmt.Errorf("geo: line %d: bad bbox: %w", lineNo, err)
				}
				e.box[i] = float32(v)
			}
		}
		if r := f[14]; r != "" {
			la, lo, _ := strings.Cut(r, ",")
			rl, err1 := strconv.ParseFloat(la, 32)
			rn, err2 := strconv.ParseFloat(lo, 32)
			if err := errors.Join(err1, err2); err != nil {
				return nil, fmt.Errorf("geo: line %d: bad rural point: %w", lineNo, err)
			}
			e.rural = [2]float32{float32(rl), float32(rn)}
		}
		articleNames := strings.Contains(f[10], "a")
		e.article = articleNames
		e.large = e.site && strings.Contains(f[10], "l")
		g.entries = append(g.entries, e)
		for k, list := range [4]string{f[12], f[13], f[15], f[16]} {
			ex, sk := &exact, &skel
			if k >= 2 {
				ex, sk = &sexact, &sskel
			}
			for list != "" {
				var name string
				if i := strings.IndexByte(list, '|'); i >= 0 {
					name, list = list[:i], list[i+1:]
				} else {
					name, list = list, ""
				}
				p := uint32(idx)
				if k%2 == 0 {
					p |= flagMain
				}
				kb, sb = addName(ex, sk, kb, sb, name, p, articleNames)
			}
		}
	}
	if len(g.entries) == 0 {
		return nil, errors.New("geo: empty gazetteer")
	}
	var wg sync.WaitGroup
	wg.Go(func() { g.skel = skel.build() })
	g.exact = exact.build()
	g.sexact, g.sskel = sexact.build(), sskel.build()
	wg.Wait()
	return g, nil
}

// addName records the keys of one normalised name (tokens separated by single spaces).
func addName(exact, skel *recs, kb, sb []byte, name string, p uint32, articleNames bool) ([]byte, []byte) {
	kb = kb[:0]
	spaces := false
	for i := 0; i < len(name); i++ {
		if name[i] != ' ' {
			kb = append(kb, name[i])
		} else {
			spaces = true
		}
	}
	whole := p
	if spaces {
		whole |= flagSpaced
	}
	exact.add(kb, whole)
	var ok bool
	if sb, ok = appendSkeleton(sb[:0], string(kb)); ok {
		skel.add(sb, whole)
	}
	if !articleNames || !spaces {
		return kb, sb
	}
	// drop article tokens, never the last
	kb = kb[:0]
	dropped, words := false, 0
	rest := name
	for rest != "" {
		var tok string
		if i := strings.IndexByte(rest, ' '); i >= 0 {
			tok, rest = rest[:i], rest[i+1:]
		} else {
			tok, rest = rest, ""
		}
		if rest != "" && isArticle(tok) {
			dropped = true
			continue
		}
		kb = append(kb, tok...)
		words++
	}
	if !dropped || len(kb) < 3 {
		return kb, sb
	}
	stripped := p | flagStrip
	if words > 1 {
		stripped |= flagSpaced
	}
	exact.add(kb, stripped)
	if sb, ok = appendSkeleton(sb[:0], string(kb)); ok {
		skel.add(sb, stripped)
	}
	return kb, sb
}

// distance is the great-circle distance in km.
func distance(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

// destination is the point km away from (lat, lon) on the initial bearing deg (0 = north).
func destination(lat, lon, km, deg float64) (float64, float64) {
	const r = 6371.0
	d := km / r
	th := deg * math.Pi / 180
	p1, l1 := lat*math.Pi/180, lon*math.Pi/180
	p2 := math.Asin(math.Sin(p1)*math.Cos(d) + math.Cos(p1)*math.Sin(d)*math.Cos(th))
	l2 := l1 + math.Atan2(math.Sin(th)*math.Sin(d)*math.Cos(p1), math.Cos(d)-math.Sin(p1)*math.Sin(p2))
	lon2 := math.Mod(l2*180/math.Pi+540, 360) - 180
	return p2 * 180 / math.Pi, lon2
}
