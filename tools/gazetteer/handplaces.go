package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// Hand places are towns and villages that conflict reports name but GeoNames' cities500 lacks:
// it keeps places of 500 people or more with a recorded population, and in Lebanon, Syria or Yemen
// few villages have one (cities500 holds 36 places in Lebanon). They are written for sitrep in
// places/*.tsv, one file per country, from public knowledge of where the places lie; their
// coordinates are approximate (a few kilometres), which is why they come after every GeoNames
// place of the same name and carry no population.
//
// Columns: name, alternate spellings ("|"-separated), GeoNames admin1 code ("SY.01"), latitude,
// longitude. A line starting with "#" is a comment.

// handPlace is one row of a places/*.tsv file.
type handPlace struct {
	place
	where string // file:line, for errors
}

// handPlacesDir is places/ next to this source file, or under tools/gazetteer of the working
// directory.
func handPlacesDir() string {
	if _, file, _, ok := runtime.Caller(0); ok {
		if p := filepath.Join(filepath.Dir(file), "places"); exists(p) {
			return p
		}
	}
	return filepath.Join("tools", "gazetteer", "places")
}

func readHandPlaces(dir string) ([]handPlace, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.tsv"))
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	var out []handPlace
	for _, f := range files {
		ps, err := readHandFile(f)
		if err != nil {
			return nil, err
		}
		out = append(out, ps...)
	}
	return out, nil
}

func readHandFile(path string) ([]handPlace, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []handPlace
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		where := fmt.Sprintf("%s:%d", filepath.Base(path), line)
		c := strings.Split(text, "\t")
		if len(c) != 5 {
			return nil, fmt.Errorf("%s: %d columns, want 5 (name, alternates, admin1, lat, lon)", where, len(c))
		}
		name := strings.TrimSpace(c[0])
		cc, adm1, ok := strings.Cut(strings.TrimSpace(c[2]), ".")
		lat, err1 := strconv.ParseFloat(strings.TrimSpace(c[3]), 64)
		lon, err2 := strconv.ParseFloat(strings.TrimSpace(c[4]), 64)
		switch {
		case name == "":
			return nil, fmt.Errorf("%s: empty name", where)
		case !ok || len(cc) != 2 || adm1 == "":
			return nil, fmt.Errorf("%s: admin1 %q is not a GeoNames code like SY.01", where, c[2])
		case err1 != nil || err2 != nil || math.Abs(lat) > 90 || math.Abs(lon) > 180:
			return nil, fmt.Errorf("%s: bad coordinates %q, %q", where, c[3], c[4])
		}
		var alts []string
		for _, a := range strings.Split(c[1], "|") {
			if a = strings.TrimSpace(a); a != "" {
				alts = append(alts, a)
			}
		}
		out = append(out, handPlace{place: place{name: name, ascii: name, alts: alts, lat: lat, lon: lon,
			fcode: "PPL", cc: cc, adm1: adm1}, where: where})
	}
	return out, sc.Err()
}

// within reports whether the point lies in its division: inside the box of the division's GeoNames
// places widened by handPlaceMargin, or, where that box is drawn round too few places to say (a
// division with fewer than sparseDivision) or misses a real edge town (Renk on the Sudanese border
// of Upper Nile), inside the country's extent widened by two degrees (cities500 has no Myanmar place
// north of 25.4°N). The check is there to catch swapped, mistyped or foreign coordinates, not to
// judge a border.
func (h handPlace) within(division, country []place) bool {
	in := func(b [4]float64, m float64) bool {
		return h.lat >= b[0]-m && h.lat <= b[2]+m && h.lon >= b[1]-m && h.lon <= b[3]+m
	}
	if len(division) >= sparseDivision && in(bbox(division), handPlaceMargin) {
		return true
	}
	return len(country) > 0 && in(extent(country), 2)
}

// handPlaceMargin is how far (degrees) a hand place may lie outside the box of its division's
// GeoNames places: that box is drawn round the few places GeoNames has, so desert and coastal
// edges (al-Tanf in Homs, Balhaf in Shabwah) lie well outside it; swapped or mistyped coordinates
// land much further off.
const handPlaceMargin = 0.8

// sparseDivision is the fewest GeoNames places whose box stands for their division; a division
// with fewer is checked against its country's box.
const sparseDivision = 10

// checkHandPlaces rejects a hand place whose division is unknown or whose point lies well outside
// that division, and drops (with a count) those GeoNames already has: same name within 15 km.
func checkHandPlaces(hand []handPlace, places []place, admin1Names map[string]string) ([]place, int, error) {
	byAdmin1 := map[string][]place{}
	byCountry := map[string][]place{}
	byName := map[string][]place{}
	for _, p := range places {
		byAdmin1[p.cc+"."+p.adm1] = append(byAdmin1[p.cc+"."+p.adm1], p)
		byCountry[p.cc] = append(byCountry[p.cc], p)
		for _, n := range names(nil, append([]string{p.name, p.ascii}, p.alts...)...) {
			byName[p.cc+" "+n] = append(byName[p.cc+" "+n], p)
		}
	}
	var errs []string
	var out []place
	dup := 0
	seen := map[string]string{}
	for _, h := range hand {
		key := h.cc + "." + h.adm1
		if _, ok := admin1Names[key]; !ok {
			errs = append(errs, fmt.Sprintf("%s: %s: unknown admin1 %s", h.where, h.name, key))
			continue
		}
		if !h.within(byAdmin1[key], byCountry[h.cc]) {
			errs = append(errs, fmt.Sprintf("%s: %s (%.3f, %.3f) lies outside %s", h.where, h.name, h.lat, h.lon, admin1Names[key]))
			continue
		}
		own := names(nil, append([]string{h.name}, h.alts...)...)
		known := false
		for _, n := range own {
			for _, p := range byName[h.cc+" "+n] {
				if haversine(p.lat, p.lon, h.lat, h.lon) < 15 {
					known = true
				}
			}
		}
		if known {
			dup++
			continue
		}
		k := h.cc + " " + own[0] + " " + h.adm1
		if prev, ok := seen[k]; ok {
			errs = append(errs, fmt.Sprintf("%s: %s repeats %s", h.where, h.name, prev))
			continue
		}
		seen[k] = h.where
		out = append(out, h.place)
	}
	if len(errs) > 0 {
		return nil, 0, fmt.Errorf("hand places:\n  %s", strings.Join(errs, "\n  "))
	}
	return out, dup, nil
}

// handRows makes the gazetteer rows of the hand places. They carry no population and no GeoNames
// id.
func handRows(ps []place) []row {
	iso3 := map[string]string{}
	for _, c := range countries {
		iso3[c.iso2] = c.iso3
	}
	var rows []row
	for _, p := range ps {
		r := row{kind: "P", iso2: p.cc, iso3: iso3[p.cc], admin1: p.adm1, feature: p.fcode,
			lat: p.lat, lon: p.lon, name: p.name, articleFlag: articleCountries[p.cc]}
		r.main = names(nil, p.name)
		r.alt = names(r.main, p.alts...)
		rows = append(rows, r)
	}
	return rows
}

// withoutSites drops hand places that are sites already (a dam, an air base): the site row, with
// its type word and point precision, stands for them.
func withoutSites(hand, sites []row) []row {
	named := map[string]bool{}
	for _, s := range sites {
		for _, n := range s.main {
			named[s.iso2+" "+n] = true
		}
	}
	var out []row
	for _, h := range hand {
		if !slices.ContainsFunc(h.main, func(n string) bool { return named[h.iso2+" "+n] }) &&
			!slices.ContainsFunc(h.alt, func(n string) bool { return named[h.iso2+" "+n] }) {
			out = append(out, h)
		}
	}
	if n := len(hand) - len(out); n > 0 {
		fmt.Fprintf(os.Stderr, "gazetteer: %d hand places are sites already\n", n)
	}
	return out
}

// extent is the box from the southernmost to the northernmost and westernmost to easternmost place.
func extent(ps []place) [4]float64 {
	b := [4]float64{90, 180, -90, -180}
	for _, p := range ps {
		b[0], b[1] = math.Min(b[0], p.lat), math.Min(b[1], p.lon)
		b[2], b[3] = math.Max(b[2], p.lat), math.Max(b[3], p.lon)
	}
	return b
}
