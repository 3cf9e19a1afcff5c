package main

import (
	"math"
	"slices"
	"strings"
)

// districts returns a row per second-level division (GeoNames admin2) of the conflict countries
// that has places: reports there locate villages the gazetteer lacks by their district ("Al Far
// (Kitaf wa Al Boqee, Sadah)"), and the district's seat is far nearer to such a village than the
// province's. The point is the district's seat (its most populous PPLA2, else PPLA or PPLC), else
// the medoid of its places. A district whose name is that of one of its places adds nothing and is
// left out: the place already stands for it, and so is one whose point would be guesswork.
func districts(places []place, admin2Names map[string]string) []row {
	iso3 := map[string]string{}
	for _, c := range countries {
		iso3[c.iso2] = c.iso3
	}
	groups := map[string][]place{}
	byAdmin1 := map[string][]place{}
	for _, p := range places {
		if !conflictCountries[p.cc] || !keep(p) {
			continue
		}
		byAdmin1[p.cc+"."+p.adm1] = append(byAdmin1[p.cc+"."+p.adm1], p)
		if p.adm2 == "" {
			continue
		}
		k := p.cc + "." + p.adm1 + "." + p.adm2
		groups[k] = append(groups[k], p)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var out []row
	for _, key := range keys {
		name := strings.TrimSpace(admin2Names[key])
		cc, rest, _ := strings.Cut(key, ".")
		adm1, _, _ := strings.Cut(rest, ".")
		if name == "" || iso3[cc] == "" {
			continue
		}
		ps := groups[key]
		main := names(nil, append([]string{name}, shortForms(name)...)...)
		if len(main) == 0 || namedAfterPlace(main, byAdmin1[cc+"."+adm1]) {
			continue
		}
		lat, lon, ok := districtSeat(ps)
		if !ok {
			continue
		}
		out = append(out, row{kind: "D", iso2: cc, iso3: iso3[cc], admin1: adm1, feature: "ADM2", pop: sumPop(ps),
			lat: lat, lon: lon, bbox: bbox(ps), name: name, main: main, articleFlag: articleCountries[cc]})
	}
	return out
}

// namedAfterPlace reports whether one of the district's names is a name of one of its places, once
// articles and separators are dropped ("Maarrat al-Nu'man District" and Ma'arrat an Nu'man).
func namedAfterPlace(main []string, ps []place) bool {
	keys := map[string]bool{}
	for _, m := range main {
		keys[bareKey(m)] = true
	}
	for _, p := range ps {
		for _, n := range names(nil, append([]string{p.name, p.ascii}, p.alts...)...) {
			if keys[bareKey(n)] {
				return true
			}
		}
	}
	return false
}

// bareKey is a normalised name without article tokens, spaces or apostrophes.
func bareKey(n string) string {
	var b strings.Builder
	for _, t := range strings.Fields(n) {
		if !articles[t] {
			b.WriteString(strings.Map(func(r rune) rune {
				if r == '\'' || r == '’' || r == 'ʿ' || r == 'ʼ' || r == '-' {
					return -1
				}
				return r
			}, t))
		}
	}
	return b.String()
}

// articles are the Arabic article and Persian izafe tokens (as the geo loader drops them).
var articles = set("al el il ul ad ed ar er as es ash esh at et az ez an en ath adh aj e i")

// districtSeat is the district's seat, else the medoid of at least three of its places; with
// fewer and no seat, a point would be one arbitrary village, and the district is left out.
func districtSeat(ps []place) (float64, float64, bool) {
	best := -1
	for _, fc := range []string{"PPLA2", "PPLA", "PPLC"} {
		for i, p := range ps {
			if p.fcode == fc && (best < 0 || p.pop > ps[best].pop) {
				best = i
			}
		}
		if best >= 0 {
			return ps[best].lat, ps[best].lon, true
		}
	}
	if len(ps) < 3 {
		return 0, 0, false
	}
	lat, lon := medoid(ps)
	return lat, lon, true
}

// ruralKm is how far from a division's seat a place must lie to count as its countryside.
const ruralKm = 15

// ruralPoint is where "the countryside of" a first-level division is best put when the village
// the report names is unknown: the medoid (the place with the least total distance to the others)
// of the division's places more than ruralKm from its seat — the point that minimises the expected
// distance to a village drawn from them. With fewer than three such places it is the seat.
func ruralPoint(ps []place, seatLat, seatLon float64) (float64, float64) {
	var qs []place
	for _, p := range ps {
		if haversine(p.lat, p.lon, seatLat, seatLon) > ruralKm {
			qs = append(qs, p)
		}
	}
	if len(qs) < 3 {
		return seatLat, seatLon
	}
	return medoid(qs)
}

// medoid is the place with the least total distance to the others (to an even sample of at most
// 400 of them, so that large divisions stay cheap).
func medoid(ps []place) (float64, float64) {
	step := max(1, len(ps)/400)
	best, bestSum := 0, math.Inf(1)
	for i, p := range ps {
		sum := 0.0
		for j := 0; j < len(ps); j += step {
			sum += haversine(p.lat, p.lon, ps[j].lat, ps[j].lon)
		}
		if sum < bestSum {
			best, bestSum = i, sum
		}
	}
	return ps[best].lat, ps[best].lon
}
