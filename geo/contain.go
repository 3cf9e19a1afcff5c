package geo

import (
	"github.com/sitrep-dev/sitrep/internal/wordset"
	"slices"
	"strings"

	"github.com/sitrep-dev/sitrep/doc"
)

// containers narrows a name's candidates by the places the text says contain it: "Tripoli,
// Lebanon", "Saraqib, Idlib", "Hajin in Deir ez-Zor province", "Tekoa (Hebron, West Bank)", "the
// Tamin neighbourhood of Samawah", "Majdaliya in the countryside of Idleb".
//
// A name the gazetteer has nowhere inside the named area is most often a village it lacks that
// shares its name with a town elsewhere ("Al-Qahera town in Hama" is not Cairo): such candidates
// are dropped, and the event falls back to the container, which is where the text put it.
func (g *Gazetteer) containers(toks []doc.Token, out []Found) {
	for k := 0; k+1 < len(out); k++ {
		cs, strict := containersOf(toks, out, k)
		// a building in a place ("the Istanbul courthouse in Sisli") is narrowed like a place in
		// it, but the place stays the event's
		if len(cs) > 0 && strict && !g.anyWithin(out[k].Candidates, out, cs) {
			// "Khogyani district of Nangarhar": the exact spelling is another district's
			// alternate name, the one the text means is a transliteration away
			if alt := g.skeletonCandidates(toks, out[k]); g.anyWithin(alt, out, cs) {
				out[k].Candidates = alt
			}
		}
		bracket := bracketAfter(toks, out[k].Last+1) >= 0
		if len(cs) > 0 && g.narrow(&out[k], out, cs, strict, bracket) && !out[k].Facility {
			out[k].Inside = true
			for _, j := range cs {
				out[j].Container = true
			}
		}
	}
}

// containersOf returns the indexes of the names that the text says contain out[k], and whether
// the syntax leaves no doubt ("X (Y)", "X in Y", "the X district of Y", "X town, Y") rather than
// possibly being a list ("Aleppo, Idlib").
func containersOf(toks []doc.Token, out []Found, k int) ([]int, bool) {
	f, n := &out[k], &out[k+1]
	next := f.Last + 1
	if f.Partial {
		// the rest of the longer name the gazetteer lacks: "Dur al Naft area of Basrah city"
		for next < n.First && (toks[next].Punct == "" || toks[next].Hyphen) && (capital(&toks[next]) || isArticle(toks[next].Norm)) {
			next++
		}
	}
	if next >= len(toks) || n.First < next {
		return nil, false
	}
	// "Al Jabaliyah (At Tuhayat, Al Hudaydah)": every name inside the brackets, also after words
	// of a longer name the gazetteer lacks ("Al Quds - Shaykh Jarrah (Al Quds, West Bank)")
	if open := bracketAfter(toks, next); open >= 0 {
		var cs []int
		for j := k + 1; j < len(out); j++ {
			if out[j].First < open {
				continue
			}
			if closedBefore(toks, open+1, out[j].First) {
				break
			}
			cs = append(cs, j)
		}
		return cs, true
	}
	if n.First == next && toks[next].Punct == "," {
		if listFollows(toks, out, k+1) {
			return nil, false // "Aleppo, Idlib and Hama"
		}
		cs := []int{k + 1}
		// "Tekoa, Hebron, West Bank": a chain of ever larger areas
		for j := k + 2; j < len(out) && out[j].First == out[j-1].Last+1 && toks[out[j].First].Punct == ","; j++ {
			cs = append(cs, j)
		}
		strict := placeKinds.Has(f.Kind) || !hasLevel(n.Candidates[:1], doc.PrecisionCity)
		return cs, strict
	}
	// "X in Y", "X in the countryside of Y", "the X neighbourhood of Y"
	gap := toks[next:n.First]
	if throughUnknownArea(gap, toks[n.First].Punct) {
		// "Barzan village in Qarah Hajir district in Kirkuk", "Al Tabar area of Mejar Al-Kabi
		// district, Maysan province": the area between is one the gazetteer lacks, inside Y
		return []int{k + 1}, true
	}
	if len(gap) == 0 || len(gap) > 4 || toks[n.First].Punct != "" {
		return nil, false
	}
	typed := f.Kind != ""
	if len(gap) >= 2 && gap[0].Punct == "" && (kindsAfter.Value(gap[0].Norm) != "" || facilityWords.Has(gap[0].Norm)) {
		// a type word the name did not take: "Metina region of Al Amadiya", "Kahil road in Dara"
		gap, typed = gap[1:], true
	}
	switch gap[0].Norm {
	case "in", "within", "inside":
	case "of":
		if !typed {
			return nil, false // "the people of Aleppo" never reaches here, but "Homs of old" might
		}
	default:
		return nil, false
	}
	for _, t := range gap {
		if t.Punct != "" || !(t.Norm == "in" || t.Norm == "within" || t.Norm == "inside" || t.Norm == "of" ||
			t.Norm == "the" || t.Norm == "rural" || kindsBefore.Value(t.Norm) != "" || directions.Value(t.Norm) != "") {
			return nil, false
		}
	}
	// "Hermel in the northern Bekaa": a part of an area is vaguer than its divisions
	return []int{k + 1}, n.Qualifier == ""
}

// throughUnknownArea reports a gap between two names that is an area of a type the gazetteer does
// not name: "in|of <Capitalised words> district|subdistrict|area|region" and then "in", "of" or a
// comma before the next name.
func throughUnknownArea(gap []doc.Token, nextPunct string) bool {
	if len(gap) < 3 || len(gap) > 7 || gap[0].Punct != "" || gap[0].Norm != "in" && gap[0].Norm != "of" {
		return false
	}
	end := len(gap) // the type word is gap[end-1]
	switch {
	case nextPunct == "," && len(gap) <= 6:
	case nextPunct == "" && (gap[end-1].Norm == "in" || gap[end-1].Norm == "of") && gap[end-1].Punct == "":
		end--
	default:
		return false
	}
	if kind := gap[end-1]; kind.Punct != "" || kindsAfter.Value(kind.Norm) != "district" && kind.Norm != "area" && kind.Norm != "region" {
		return false
	}
	if end-1 < 2 {
		return false
	}
	for _, t := range gap[1 : end-1] {
		if t.Punct != "" && !t.Hyphen || !capital(&t) && !isArticle(t.Norm) {
			return false
		}
	}
	return true
}

// bracketAfter returns the index of the token that opens a bracket at token i or after at most four
// more words of the same name (capitalised, or a type word: "Zap region (Amadiya district)"), or -1.
func bracketAfter(toks []doc.Token, i int) int {
	for j := i; j < len(toks) && j <= i+4; j++ {
		t := &toks[j]
		if strings.Contains(t.Punct, "(") {
			return j
		}
		if t.Punct != "" && t.Punct != "-" || !capital(t) && !connectors.Has(t.Norm) && kindsAfter.Value(t.Norm) == "" {
			return -1
		}
	}
	return -1
}

// placeKinds are the type words that make "X town, Y" a place and its container, not a list.
var placeKinds = wordset.SetFrom(map[string]bool{"city": true, "town": true, "village": true, "neighbourhood": true, "camp": true, "area": true, "district": true})

// closedBefore reports whether a closing bracket stands between tokens from and to (inclusive).
func closedBefore(toks []doc.Token, from, to int) bool {
	for t := from; t <= to && t < len(toks); t++ {
		if strings.Contains(toks[t].Punct, ")") {
			return true
		}
	}
	return false
}

// listFollows reports whether out[j] is an item of a list that goes on: ", Z" or "and Z" after it.
func listFollows(toks []doc.Token, out []Found, j int) bool {
	for ; j+1 < len(out); j++ {
		a, b := out[j], out[j+1]
		switch {
		case b.First == a.Last+2 && (toks[a.Last+1].Norm == "and" || toks[a.Last+1].Norm == "or"):
			return true
		case b.First == a.Last+1 && toks[b.First].Punct == ",":
			continue
		}
		return false
	}
	return false
}

// anyWithin reports whether a candidate lies in one of the containers cs.
func (g *Gazetteer) anyWithin(cands []Candidate, out []Found, cs []int) bool {
	for _, c := range cands {
		for _, j := range cs {
			for _, o := range out[j].Candidates {
				if g.holds(o, c) {
					return true
				}
			}
		}
	}
	return false
}

// holds reports whether container candidate o holds candidate c: a division (or region, or
// country) around it, or a provincial capital standing for its province ("Yenisehir,
// Diyarbakir").
// namesakeDivision reports a town filed in brackets under the division of its own name, "Al Bayda
// city (Al Bayda)", "Taizz (Taizz)": the division says which of the town's namesakes is meant.
func (g *Gazetteer) namesakeDivision(f *Found, n Found) bool {
	for _, c := range f.Candidates {
		for _, o := range n.Candidates {
			if o.Level != doc.PrecisionCity && g.holds(o, c) {
				return true
			}
		}
	}
	return false
}

func (g *Gazetteer) holds(o, c Candidate) bool {
	if o.entry == c.entry || o.entry == 0 {
		return false
	}
	if o.Level == doc.PrecisionCity {
		return strings.HasPrefix(o.Feature, "PPLA") && o.Feature != "PPLA2" && o.Admin1Code != "" && o.Admin1Code == c.Admin1Code
	}
	return within(g, c, o)
}

// skeletonCandidates looks the name of f up by its phonetic skeleton alone, skipping the exact
// keys that found its candidates: nil when that finds nothing more.
func (g *Gazetteer) skeletonCandidates(toks []doc.Token, f Found) []Candidate {
	last := f.Last
	if f.Kind != "" && last > f.First && kindsAfter.Value(toks[last].Norm) != "" {
		last-- // the type word annotate took on: "Khogyani district"
	}
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	s.nameKeys(toks, f.First, last)
	var ok bool
	s.posts = s.posts[:0]
	if s.sk, ok = appendSkeleton(s.sk[:0], string(s.strip)); !ok || len(s.sk) < 5 {
		return nil
	}
	s.posts = g.skel.get(s.sk, s.posts)
	out := s.posts[:0]
	for _, p := range s.posts {
		if e := &g.entries[p&postingMask]; e.article && e.level != lvCountry {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil
	}
	s.oneWord = f.First == last
	return g.rank(out, tierSkel, s)
}

// seatAsDistrictPenalty is a feature class step of baseScore: what a namesake division the gazetteer
// holds outweighs.
const seatAsDistrictPenalty = 1.5

// narrow keeps the candidates of f that lie in one of the containers cs (the first container that
// holds any), and moves the containing candidates of that container first. It reports whether f
// was kept as a place inside them.
func (g *Gazetteer) narrow(f *Found, out []Found, cs []int, strict, bracket bool) bool {
	for _, j := range cs {
		if shareEntry(f.Candidates, out[j].Candidates) && !(bracket && g.namesakeDivision(f, out[j])) {
			return false // the same place named twice: "Deir ez-Zor, Deir al-Zour"
		}
	}
	for _, j := range cs {
		n := &out[j]
		same := shareEntry(f.Candidates, n.Candidates)
		var keep []Candidate
		used := map[int32]bool{}
		for _, c := range f.Candidates {
			held, seat := false, false
			for _, o := range n.Candidates {
				if same && o.Level == doc.PrecisionCity {
					// "Tripoli (Tripoli)": a seat named again stands for the district of its name,
					// which the gazetteer may lack (Lebanon's), so the namesake division elsewhere
					// (Libya's) does not settle which Tripoli is meant; it is weaker evidence than
					// a division the gazetteer has ("Al Bayda city (Al Bayda)" is in Yemen's)
					if o.entry == c.entry && strings.HasPrefix(c.Feature, "PPLA") {
						seat = true
					}
					continue
				}
				if g.holds(o, c) {
					keep = append(keep, c)
					used[o.entry] = true
					held = true
					break
				}
			}
			if !held && seat {
				c.score -= seatAsDistrictPenalty
				keep = append(keep, c)
			}
		}
		if len(keep) == 0 {
			continue
		}
		f.Candidates = keep
		slices.SortStableFunc(n.Candidates, func(a, b Candidate) int {
			ua, ub := used[a.entry], used[b.entry]
			switch {
			case ua && !ub:
				return -1
			case ub && !ua:
				return 1
			}
			return 0
		})
		if n.Kind == "" && n.Candidates[0].Level == doc.PrecisionAdmin1 {
			n.Kind = "province"
		}
		return true
	}
	// The text files the place under a division of another country than the gazetteer does:
	// "Al Quds (West Bank)", a settlement in the West Bank. The text's frame is kept.
	var keep []Candidate
	for _, c := range f.Candidates {
		for _, j := range cs {
			if o, ok := g.boxHolding(c, out[j].Candidates); ok {
				c.Country, c.Admin1, c.Admin1Code = o.Country, o.Name, o.Admin1Code
				keep = append(keep, c)
				break
			}
		}
	}
	if len(keep) > 0 {
		f.Candidates = keep
		return true
	}
	if !strict {
		// nothing of that name in the division or country named, and the syntax may be a list:
		// keep only candidates near it, if any
		for _, c := range f.Candidates {
			for _, o := range out[cs[0]].Candidates {
				if o.Level != doc.PrecisionCity && o.entry != 0 && distance(c.Lat, c.Lon, o.Lat, o.Lon) <= farKm {
					keep = append(keep, c)
					break
				}
			}
		}
		if len(keep) == 0 && hasLevel(out[cs[0]].Candidates, doc.PrecisionAdmin1, doc.PrecisionCountry) {
			f.Candidates = nil // dropped by Find
		} else if len(keep) > 0 {
			f.Candidates = keep
		}
		return false
	}
	// Nothing of that name in the area named: keep a candidate just across a division's border
	// (the gazetteer's divisions are not the text's), drop the rest.
	for _, c := range f.Candidates {
		for _, j := range cs {
			if g.nearAny(c, out[j].Candidates, borderKm) {
				keep = append(keep, c)
				break
			}
		}
	}
	f.Candidates = keep
	if len(keep) == 0 {
		for _, j := range cs {
			out[j].Encloses = true
		}
	}
	return len(keep) > 0
}

// enclosesUnknown reports whether out[k] is named as the area around a place that no other found
// name is: "Sfuhen village in Idleb governorate", "Termala town in Idleb countryside", "Tawileh
// village, Al Hasakeh province".
func enclosesUnknown(toks []doc.Token, out []Found, k int) bool {
	n := &out[k]
	j := n.First - 1
	if p := toks[n.First].Punct; p != "," && !strings.Contains(p, "(") {
		for j >= 0 && toks[j+1].Punct == "" && (toks[j].Norm == "the" || toks[j].Norm == "of" || toks[j].Norm == "rural" ||
			kindsBefore.Value(toks[j].Norm) == "countryside" || directions.Value(toks[j].Norm) != "") {
			j--
		}
		if j < 1 || toks[j+1].Punct != "" || toks[j].Norm != "in" {
			return false
		}
		j--
	}
	if j < 1 {
		return false
	}
	typed := false
	switch kindsAfter.Value(toks[j].Norm) {
	case "town", "village", "city", "camp", "area", "neighbourhood":
		typed = true
		j--
	}
	if j < 1 || !capital(&toks[j]) || toks[j].IsNumber() || !typed && stopwords.Has(toks[j].Norm) {
		return false
	}
	for m := k - 1; m >= 0; m-- {
		if out[m].First <= j && j <= out[m].Last && len(out[m].Candidates) > 0 {
			return false // a place the gazetteer knows
		}
	}
	return true
}

// districtMarginKm is how far outside the box of a district's known places a place may lie and
// still be taken to be in the district.
const districtMarginKm = 15

// borderKm is how far from a named container a same-country place of the name may lie and still be
// taken for it: across a division's border (the gazetteer's divisions are not always the text's:
// "Hermel in the northern Bekaa"), or a town named with its district's seat.
const borderKm = 40

// nearAny reports whether c lies within km of some container candidate of its country: of its
// point, or of its box for a division.
func (g *Gazetteer) nearAny(c Candidate, cont []Candidate, km float64) bool {
	for _, o := range cont {
		if o.entry <= 0 || o.Level == doc.PrecisionCountry || !sameTerritory(o.Country, c.Country) {
			continue
		}
		lat, lon := o.Lat, o.Lon
		if b := g.entries[o.entry-1].box; b != [4]float32{} {
			lat = min(max(c.Lat, float64(b[0])), float64(b[2]))
			lon = min(max(c.Lon, float64(b[1])), float64(b[3]))
		}
		if distance(c.Lat, c.Lon, lat, lon) <= km {
			return true
		}
	}
	return false
}

// sameTerritory reports countries whose border a place name may straddle in the text's frame:
// the same country, or Israel and Palestine, whose line runs through Jerusalem ("Silwan in
// Jerusalem" is in East Jerusalem, filed under the West Bank).
func sameTerritory(a, b string) bool {
	return a == b || a == "ISR" && b == "PSE" || a == "PSE" && b == "ISR"
}

// boxHolding returns the first division or region among cont, of another country than c, whose
// box holds c.
func (g *Gazetteer) boxHolding(c Candidate, cont []Candidate) (Candidate, bool) {
	if c.Level != doc.PrecisionCity {
		return Candidate{}, false
	}
	for _, o := range cont {
		if o.entry <= 0 || o.Country == c.Country || o.Level != doc.PrecisionAdmin1 && o.Level != doc.PrecisionRegion {
			continue
		}
		b := g.entries[o.entry-1].box
		if b != [4]float32{} && c.Lat >= float64(b[0]) && c.Lat <= float64(b[2]) && c.Lon >= float64(b[1]) && c.Lon <= float64(b[3]) {
			return o, true
		}
	}
	return Candidate{}, false
}

func shareEntry(a, b []Candidate) bool {
	for _, x := range a {
		for _, y := range b {
			if x.entry == y.entry && x.entry != 0 {
				return true
			}
		}
	}
	return false
}

// within reports whether candidate c lies in the area candidate o.
func within(g *Gazetteer, c, o Candidate) bool {
	if c.Country != o.Country {
		return false
	}
	switch o.Level {
	case doc.PrecisionCountry:
		return c.Level != doc.PrecisionCountry
	case doc.PrecisionAdmin1:
		return c.Admin1Code == o.Admin1Code && (c.Level == doc.PrecisionCity || c.Level == doc.PrecisionAdmin2)
	case doc.PrecisionAdmin2:
		// districts carry no code on their places: their box, with a margin for its few places
		if c.Level != doc.PrecisionCity || c.Admin1Code != o.Admin1Code {
			return false
		}
		b := g.entries[o.entry-1].box
		lat := min(max(c.Lat, float64(b[0])), float64(b[2]))
		lon := min(max(c.Lon, float64(b[1])), float64(b[3]))
		return distance(c.Lat, c.Lon, lat, lon) <= districtMarginKm
	case doc.PrecisionRegion:
		b := g.entries[o.entry-1].box
		return c.Level != doc.PrecisionCountry && c.Lat >= float64(b[0]) && c.Lat <= float64(b[2]) && c.Lon >= float64(b[1]) && c.Lon <= float64(b[3])
	}
	return false
}
