package geo

import (
	"math"
	"strings"

	"github.com/sitrep-dev/sitrep/doc"
)

// Context is what the rest of a document says about where it is.
type Context struct {
	// Countries weighs ISO3 codes: other places of the document, the actors' countries.
	Countries map[string]int
	// Admin1 weighs first-level divisions, by "SYR.07"-style key or by name.
	Admin1 map[string]int
	// Prior weighs the countries the collection the document came in is about (see
	// extract.CollectionPrior): it ranks a name's candidates as Countries does, but it is no
	// evidence from the document, so it never makes a place abroad plausible.
	Prior map[string]int
	// First is the document's first name below country level, nil if none: where a report that
	// names a place only outside its event sentences is ("Taxi drivers blocked streets in
	// Sulaymaniyah. The protesters denounced fuel prices."), a street or building named after a
	// place only when the document names no other ("the Kirkuk Road in Sulaymaniyah").
	First *Found

	// what the names of the document (not its actors) say: the names that weigh for each country
	// and their total weight, and the countries named outright
	names map[string]map[string]bool
	nameW map[string]int
	named map[string]bool
}

// selfSupport is the weight a country gets only from the name f itself: a country that no other
// name of the document speaks for is no evidence for that name.
func (ctx Context) selfSupport(c Candidate, f Found) int {
	if ctx.named[c.Country] {
		return 0
	}
	ns := ctx.names[c.Country]
	if len(ns) != 1 || !ns[strings.ToLower(f.Text)] {
		return 0
	}
	return ctx.nameW[c.Country]
}

// DocumentContext builds a Context from all the names found in a document (one slice per
// sentence). A country named outright weighs 3; a name whose candidates all lie in one country
// weighs 2 for it (and for its division, if they share one); a name whose best candidate clearly
// beats every candidate elsewhere weighs 1; an ambiguous name ("Tripoli") weighs nothing.
func (g *Gazetteer) DocumentContext(found [][]Found) Context {
	ctx := Context{Countries: map[string]int{}, Admin1: map[string]int{}, nameW: map[string]int{}}
	names := map[string]map[string]bool{} // country → the normalised names that weighed for it
	named := map[string]bool{}            // countries named outright
	ctx.names, ctx.named = names, named
	for _, sent := range found {
		for _, f := range sent {
			if len(f.Candidates) == 0 || f.Partial {
				continue
			}
			top := f.Candidates[0]
			if top.Level != doc.PrecisionCountry && (ctx.First == nil || ctx.First.Facility && !f.Facility) {
				first := f // a street or building named after a place only while no real place is named
				ctx.First = &first
			}
			if top.Level == doc.PrecisionCountry {
				named[top.Country] = true
				w := 3
				if len(f.Text) <= 5 && isAllCaps(f.Text) {
					w = 1 // "US", "UAE": often an adjective ("US dollar")
				}
				ctx.Countries[top.Country] += w
				ctx.nameW[top.Country] += w
				continue
			}
			w := 2
			for _, c := range f.Candidates[1:] {
				if c.Country != top.Country {
					if top.score-c.score >= 2.5 {
						w = 1
					} else {
						w = 0
					}
					break // candidates are sorted: the first from elsewhere is the strongest rival
				}
			}
			if w == 0 {
				continue
			}
			if top.fuzzy {
				w = 1 // a spelling the gazetteer does not list is weaker evidence ("Dhabana" and Dembéni)
			}
			ctx.Countries[top.Country] += w
			ctx.nameW[top.Country] += w
			if names[top.Country] == nil {
				names[top.Country] = map[string]bool{}
			}
			names[top.Country][strings.ToLower(f.Text)] = true
			if top.Admin1Code == "" {
				continue
			}
			aw := w
			for _, c := range f.Candidates[1:] {
				if c.Admin1Code != top.Admin1Code && c.Country == top.Country {
					if top.score-c.score < 2.5 {
						aw = 0
					}
					break
				}
			}
			if aw > 0 {
				ctx.Admin1[top.Admin1Code] += aw
			}
		}
	}
	// A country that only one name (however often repeated) speaks for, far from the countries the
	// rest of the document is about, is more likely a village the gazetteer lacks matching a town
	// abroad ("Tawila" in Darfur and Aţ Ţawīlah in Yemen): it gets no weight.
	for c, ns := range names {
		if named[c] || len(ns) != 1 {
			continue
		}
		ci, ok := g.iso3[c]
		if !ok {
			continue
		}
		far, others := true, false
		for o, w := range ctx.Countries {
			if o == c || w < 2 || !named[o] && len(names[o]) < 2 {
				continue
			}
			others = true
			if oi, ok := g.iso3[o]; ok && distance(g.entries[ci].lat, g.entries[ci].lon, g.entries[oi].lat, g.entries[oi].lon) <= farKm {
				far = false
				break
			}
		}
		if others && far {
			delete(ctx.Countries, c)
			delete(ctx.nameW, c)
			for k := range ctx.Admin1 {
				if strings.HasPrefix(k, c+".") {
					delete(ctx.Admin1, k)
				}
			}
		}
	}
	return ctx
}

// Resolve picks the candidate the name most likely refers to, weighing the match, the cue words
// and the document context, and returns it as a place. It returns false when there is no candidate,
// or when the best is a town of under 100,000 people more than 1,000 km from every country the
// context weighs (at least one of them by 2 or more), or a town (not a capital) of under a million
// on another continent than every country the document's parties and other names point to — most
// likely a village the gazetteer lacks that shares its name with a town elsewhere:
//   - a populated place → doc.PrecisionCity, a site (airport, base, crossing, dam) →
//     doc.PrecisionPoint; "near X", "outside X", "on the outskirts of X", "north of X", "the X
//     area" → doc.PrecisionNear at X;
//   - "20 km north of X" → doc.PrecisionNear, the point moved 20 km north;
//   - a district → doc.PrecisionAdmin2 at its seat;
//   - a first-level division → doc.PrecisionAdmin1 at its capital, or at its rural point for "the
//     X countryside" and for the area around a place the gazetteer lacks (Found.Encloses); a country →
//     doc.PrecisionCountry at a representative point; a named region → doc.PrecisionRegion;
//   - "northern Syria", "eastern Deir ez-Zor" → doc.PrecisionRegion, the point moved a quarter of
//     the area's extent towards that side.
func (g *Gazetteer) Resolve(f Found, ctx Context) (doc.Place, bool) {
	if len(f.Candidates) == 0 {
		return doc.Place{}, false
	}
	best, bestScore := 0, math.Inf(-1)
	for i, c := range f.Candidates {
		if s := score(c, f, ctx); s > bestScore {
			best, bestScore = i, s
		}
	}
	c := f.Candidates[best]
	if g.implausible(c, f, ctx) {
		return doc.Place{}, false
	}
	p := doc.Place{Text: f.Text, Name: c.Name, Admin1: c.Admin1, Country: c.Country, Lat: c.Lat, Lon: c.Lon, Span: f.Span}
	if c.ID > 0 {
		p.GeonameID = c.ID
	}
	switch c.Level {
	case doc.PrecisionAdmin2, doc.PrecisionAdmin1, doc.PrecisionRegion, doc.PrecisionCountry:
		p.Precision = c.Level
		if c.Level == doc.PrecisionAdmin1 && (f.Kind == "countryside" || f.Encloses) {
			p.Lat, p.Lon = g.rural(c)
		}
		q := f.Qualifier
		if q == "central" && c.Level == doc.PrecisionAdmin1 {
			q = "" // "central Baghdad": the seat, where an admin1's point already is
		}
		if q == "" && f.OffsetKm == 0 {
			q = f.Bearing // "north of Syria": the north of it, near enough
		}
		if q != "" {
			p.Lat, p.Lon = g.shift(c, q)
			p.Precision = doc.PrecisionRegion
		}
	default:
		p.Precision = doc.PrecisionCity
		if c.Site {
			p.Precision = doc.PrecisionPoint
		}
		if nearCues.Has(f.Cue) || f.Kind == "outskirts" || f.Kind == "area" || f.Bearing != "" || f.OffsetKm > 0 ||
			(f.Kind == "countryside") {
			p.Precision = doc.PrecisionNear
		}
	}
	if f.OffsetKm > 0 && f.Bearing != "" {
		if deg, ok := bearingDeg.Get(f.Bearing); ok {
			p.Lat, p.Lon = destination(c.Lat, c.Lon, math.Min(f.OffsetKm, 500), deg)
			p.Precision = doc.PrecisionNear
		}
	}
	return p, true
}

// implausible reports whether a small town is far from everything else the document names: a
// village missing from the gazetteer whose name matches a town on another continent ("Bara" in
// Idlib and Bārah in Sudan). It is dropped rather than placed 2,500 km away.
//
// Nearer home, a small town in a country the document never points to, when the document clearly
// points elsewhere, is the same mistake at a shorter range ("al-Rawda district of Taiz" is not in
// Bulgaria, "Karrada" in a Baghdad report is not in Iran). A country that only this name speaks for
// does not count as pointed to ("Dhabana village in the Quamishli countryside, Hasakeh" is not
// Dembéni in the Comoros).
//
// A name the gazetteer only matched as the start of a longer one (Found.Partial) is kept only in a
// country that something else in the document points to.
func (g *Gazetteer) implausible(c Candidate, f Found, ctx Context) bool {
	if f.Partial && ctx.Countries[c.Country] <= 0 && c.Level != doc.PrecisionCountry {
		for iso3, w := range ctx.Countries {
			if iso3 != c.Country && w > 0 {
				return true
			}
		}
	}
	// a road, square or building named after a town ("the Castello road" in Aleppo) lies where
	// the report is, not in the town far abroad it is named after, however big that town
	if f.Facility && c.Level == doc.PrecisionCity && !c.Site && ctx.Countries[c.Country]-ctx.selfSupport(c, f) <= 0 {
		far := false
		for iso3, w := range ctx.nameW {
			if iso3 == c.Country || w < 2 {
				continue
			}
			i, ok := g.iso3[iso3]
			if !ok {
				continue
			}
			if e := &g.entries[i]; distance(c.Lat, c.Lon, e.lat, e.lon) <= farKm {
				far = false
				break
			}
			far = true
		}
		if far {
			return true
		}
	}
	// a spelling the gazetteer does not list, near enough to a town's abroad, while other names
	// point elsewhere, whatever the town's size: most likely a village the gazetteer lacks ("Al
	// Tabar area of Mejar Al-Kabi district, Maysan province" is not Tiberias, "Hamdan town in
	// Al Hasakeh countryside" is not Handan in China)
	if c.fuzzy && c.Level == doc.PrecisionCity && !c.Site && c.Feature != "PPLC" && ctx.nameW[c.Country]-ctx.selfSupport(c, f) <= 0 {
		for iso3, w := range ctx.nameW {
			if w >= 2 && iso3 != c.Country {
				return true
			}
		}
	}
	// a town in a list of names lies where the list's other names are: a city abroad, however big,
	// that nothing else in the report points to is a village of the same name ("took control of
	// Sharq, Arak, Al Hadurin and Harur west of Harib district (Marib)" is not Arak in Iran);
	// capitals are named in lists across borders ("protests in Beirut, Baghdad and Tehran")
	if f.Listed && c.Level == doc.PrecisionCity && !c.Site && c.Feature != "PPLC" && ctx.nameW[c.Country]-ctx.selfSupport(c, f) <= 0 {
		for iso3, w := range ctx.nameW {
			if w >= 4 && iso3 != c.Country {
				return true
			}
		}
	}
	if g.otherContinent(c, f, ctx) {
		return true
	}
	// a site is named with its type word ("Incirlik air base"): not a village that shares a
	// town's name, and bases and crossings lie abroad as often as not
	if c.Level != doc.PrecisionCity || c.Site || c.Population >= 100_000 || c.Feature == "PPLC" || len(ctx.Countries) == 0 {
		return false
	}
	weights := ctx.Countries
	self := ctx.selfSupport(c, f)
	if self > 0 {
		// only the other names of the document can outweigh a name: the actors' countries
		// ("Turkish forces", a stray "US") do not make a town abroad implausible
		weights = ctx.nameW
	}
	if weights[c.Country]-self > 0 {
		return false
	}
	if c.Population < 50_000 {
		for iso3, w := range weights {
			if w >= 4 && iso3 != c.Country {
				return true
			}
		}
	}
	strong := false
	for iso3, w := range weights {
		if w <= 0 || iso3 == c.Country {
			continue
		}
		i, ok := g.iso3[iso3]
		if !ok {
			continue
		}
		if ctx.nameW[iso3] >= 2 {
			// only names make a place abroad implausible at this range: "Russian forces ... near
			// Palmyra" is in Syria, forces fight abroad
			strong = true
		}
		e := &g.entries[i]
		if distance(c.Lat, c.Lon, e.lat, e.lon) <= farKm {
			return false
		}
	}
	return strong
}

// otherContinent reports a town that only its own name points to, on another continent than
// every country the document's parties point to or names outright: "JNIM ambushed a Malian army
// convoy near Boni" is not Watampone in Indonesia (an alternate name), however big. Capitals and
// provincial seats are named across borders; forces that fight far from home (expeditionary)
// say nothing of where a report is.
func (g *Gazetteer) otherContinent(c Candidate, f Found, ctx Context) bool {
	if c.Level != doc.PrecisionCity || c.Site || c.Feature == "PPLC" || c.Feature == "PPLA" || c.Population >= 1_000_000 ||
		ctx.Countries[c.Country]-ctx.selfSupport(c, f) > 0 || ctx.Prior[c.Country] > 0 {
		return false // an actor or another name of the document, or its collection, is there
	}
	any := false
	for iso3, w := range ctx.Countries {
		if iso3 == c.Country {
			continue
		}
		if w-ctx.nameW[iso3] < 4 && !ctx.named[iso3] {
			// another town's name, or a single word read as a party (a capital standing for its
			// government: "near Mocimboa da Praia" is not Praia in Cape Verde), is no better
			// evidence than this name; two parties, or a country named outright, are
			continue
		}
		if expeditionary.Has(iso3) {
			return false
		}
		i, ok := g.iso3[iso3]
		if !ok {
			continue
		}
		if e := &g.entries[i]; distance(c.Lat, c.Lon, e.lat, e.lon) <= continentKm {
			return false
		}
		any = true
	}
	return any
}

// continentKm is how far from every actor's country a small town may lie when only actors point
// anywhere.
const continentKm = 4000

// expeditionary are the states whose forces fight far from home often enough that their country
// says nothing of where a report is.
var expeditionary = wordSet(`USA RUS GBR FRA TUR IRN ISR SAU ARE CHN`)

// farKm is how far from every country of the document a small town may lie.
const farKm = 1000

// namesakeSeat reports whether f has a candidate that is the seat of division c under c's name.
func namesakeSeat(f Found, c Candidate) bool {
	for _, o := range f.Candidates {
		if o.Level == doc.PrecisionCity && o.Admin1Code == c.Admin1Code && strings.HasPrefix(o.Feature, "PPLA") {
			return true
		}
	}
	return false
}

// score is a candidate's score in its sentence and document.
func score(c Candidate, f Found, ctx Context) float64 {
	s := c.score
	// a name is no evidence for itself: "Hays" after "Houthi forces" is not in Kansas because
	// Hays, Kansas is the biggest Hays
	if w := ctx.Countries[c.Country] - ctx.selfSupport(c, f) + ctx.Prior[c.Country]; w > 0 {
		s += 3 * float64(min(w, 4))
	}
	if c.Admin1Code != "" || c.Admin1 != "" {
		w := ctx.Admin1[c.Admin1Code]
		if c.Admin1 != "" {
			w = max(w, ctx.Admin1[c.Admin1])
		}
		if w > 0 {
			s += 2 * float64(min(w, 4))
		}
	}
	city := c.Level == doc.PrecisionCity
	switch f.Kind {
	case "province", "countryside":
		switch c.Level {
		case doc.PrecisionAdmin1:
			s += 6
		case doc.PrecisionRegion:
			// a region is named as a province less often than a province is: "Baneh city
			// (Kurdistan)" is in Iran's Kurdistan province, not Iraq's Kurdistan Region
			s += 3
		}
	case "city", "town", "village", "camp", "neighbourhood", "outskirts", "area":
		if city {
			s += 3
		} else {
			s -= 3
		}
	case "district":
		if city {
			s += 2
		}
		if c.Level == doc.PrecisionAdmin2 {
			s += 3
		}
		switch {
		case conflictCountries.Has(c.Country):
			s += 2 // "Hays district" is Yemen's
		case noDistricts.Has(c.Country):
			s -= 2 // American, Canadian and Australian towns are not filed as districts
		}
	}
	if f.Encloses && f.Kind == "" && c.Level == doc.PrecisionAdmin1 && !namesakeSeat(f, c) {
		// the area around a place the gazetteer lacks is most often its province ("X city
		// (Kurdistan)"), unless the province's seat has its name: "Ghoweran neighborhood in
		// Al-Hasakeh" is in the city
		s += 3
	}
	if f.Qualifier != "" && f.Qualifier != "central" && !city {
		s += 5 // "northern Hama" is the governorate's north; "central Baghdad" is the city
	}
	if f.OffsetKm > 0 && city {
		s += 2
	}
	return s
}

// rural is the point standing for the countryside of a first-level division: away from its seat,
// among its villages (see data/README.md); the division's own point where the gazetteer has none.
func (g *Gazetteer) rural(c Candidate) (float64, float64) {
	if c.entry <= 0 || int(c.entry) > len(g.entries) {
		return c.Lat, c.Lon
	}
	if r := g.entries[c.entry-1].rural; r != [2]float32{} {
		return float64(r[0]), float64(r[1])
	}
	return c.Lat, c.Lon
}

// shift moves an area's point towards one side: a quarter of its extent from the middle of its box
// ("central": the middle of the box).
func (g *Gazetteer) shift(c Candidate, dir string) (float64, float64) {
	if c.entry <= 0 || int(c.entry) > len(g.entries) {
		return c.Lat, c.Lon
	}
	b := g.entries[c.entry-1].box
	if b == [4]float32{} {
		return c.Lat, c.Lon
	}
	minLat, minLon, maxLat, maxLon := float64(b[0]), float64(b[1]), float64(b[2]), float64(b[3])
	midLat, midLon := (minLat+maxLat)/2, (minLon+maxLon)/2
	var dy, dx float64
	switch dir {
	case "north":
		dy = 1
	case "south":
		dy = -1
	case "east":
		dx = 1
	case "west":
		dx = -1
	case "northeast":
		dy, dx = 1, 1
	case "northwest":
		dy, dx = 1, -1
	case "southeast":
		dy, dx = -1, 1
	case "southwest":
		dy, dx = -1, -1
	}
	return midLat + dy*(maxLat-minLat)/4, midLon + dx*(maxLon-minLon)/4
}

// noDistricts are countries whose towns the press never files as a "district" (their namesakes
// of Middle Eastern and Afghan places are many: Hays, Lebanon, Medina).
var noDistricts = wordSet(`USA CAN AUS`)
