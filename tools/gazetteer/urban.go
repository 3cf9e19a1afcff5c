package main

import (
	"fmt"
	"os"
	"slices"
)

// urbanDistrict is a district of a big city that cities500 lacks because GeoNames files it as a
// section of the city or under another name. Protest reports name them as towns ("Kadikoy town,
// Istanbul", "Ulus square in Altindag, Ankara"), and without them the event goes to a namesake
// village elsewhere (Kadıköy in Yalova) or to the province's centre.
type urbanDistrict struct {
	iso2, admin1 string // GeoNames admin1 code of the province
	name         string
	alt          []string
	lat, lon     float64 // the district's centre, to about 2 km
	pop          int     // rounded; ranks it against namesakes elsewhere
}

// urbanDistricts are written by hand for sitrep from general knowledge of these cities (not taken
// from any data set): the central districts (ilçe) of Turkey's largest cities that cities500 has
// no place for.
var urbanDistricts = []urbanDistrict{
	// Istanbul
	{"TR", "34", "Kadıköy", nil, 40.990, 29.029, 480_000},
	{"TR", "34", "Beşiktaş", nil, 41.043, 29.007, 180_000},
	{"TR", "34", "Beyoğlu", []string{"Pera"}, 41.037, 28.977, 230_000},
	{"TR", "34", "Fatih", nil, 41.019, 28.950, 400_000},
	{"TR", "34", "Bakırköy", nil, 40.980, 28.872, 220_000},
	{"TR", "34", "Küçükçekmece", nil, 41.000, 28.780, 790_000},
	{"TR", "34", "Gaziosmanpaşa", nil, 41.063, 28.912, 490_000},
	{"TR", "34", "Kartal", nil, 40.889, 29.190, 470_000},
	{"TR", "34", "Kağıthane", nil, 41.080, 28.970, 450_000},
	{"TR", "34", "Avcılar", nil, 40.979, 28.722, 440_000},
	{"TR", "34", "Sarıyer", nil, 41.167, 29.050, 340_000},
	{"TR", "34", "Eyüpsultan", []string{"Eyüp"}, 41.048, 28.934, 400_000},
	{"TR", "34", "Bayrampaşa", nil, 41.035, 28.912, 270_000},
	{"TR", "34", "Güngören", nil, 41.023, 28.873, 290_000},
	{"TR", "34", "Beykoz", nil, 41.134, 29.092, 250_000},
	{"TR", "34", "Tuzla", nil, 40.816, 29.300, 270_000},
	// Ankara
	{"TR", "68", "Keçiören", nil, 39.980, 32.865, 940_000},
	{"TR", "68", "Yenimahalle", nil, 39.970, 32.800, 680_000},
	{"TR", "68", "Altındağ", nil, 39.940, 32.865, 400_000},
	{"TR", "68", "Sincan", nil, 39.970, 32.580, 560_000},
	// İzmir
	{"TR", "35", "Konak", nil, 38.419, 27.129, 340_000},
	{"TR", "35", "Çiğli", nil, 38.496, 27.070, 200_000},
	{"TR", "35", "Balçova", nil, 38.390, 27.050, 80_000},
	{"TR", "35", "Narlıdere", nil, 38.395, 26.990, 65_000},
	// Şanlıurfa
	{"TR", "63", "Haliliye", nil, 37.160, 38.800, 400_000},
	{"TR", "63", "Eyyübiye", []string{"Eyyubiye"}, 37.140, 38.790, 390_000},
	// Adana, Mersin, Hatay, Kahramanmaraş
	{"TR", "81", "Çukurova", nil, 37.045, 35.300, 390_000},
	{"TR", "32", "Akdeniz", nil, 36.810, 34.640, 280_000},
	{"TR", "32", "Toroslar", nil, 36.830, 34.610, 320_000},
	{"TR", "32", "Yenişehir", nil, 36.790, 34.590, 270_000},
	{"TR", "31", "Defne", nil, 36.190, 36.140, 160_000},
	{"TR", "46", "Onikişubat", nil, 37.590, 36.900, 430_000},
	{"TR", "46", "Dulkadiroğlu", nil, 37.575, 36.950, 230_000},
	// Van, Mardin, Samsun, Trabzon
	{"TR", "65", "İpekyolu", nil, 38.500, 43.380, 350_000},
	{"TR", "65", "Tuşba", nil, 38.520, 43.400, 200_000},
	{"TR", "72", "Artuklu", nil, 37.313, 40.735, 190_000},
	{"TR", "55", "Atakum", nil, 41.330, 36.270, 220_000},
	{"TR", "55", "Canik", nil, 41.270, 36.360, 100_000},
	{"TR", "61", "Ortahisar", nil, 41.005, 39.726, 330_000},
}

// urbanRows returns a place row (feature PPLA2: each is a district seat) for every urban district
// whose province has no place of that name yet, so that a later GeoNames release that lists it
// wins over the hand-written point.
func urbanRows(rows []row) []row {
	have := map[string]bool{} // "TR.34.kadikoy"
	for _, r := range rows {
		if r.kind != "P" {
			continue
		}
		for _, n := range slices.Concat(r.main, r.alt) {
			have[r.iso2+"."+r.admin1+"."+n] = true
		}
	}
	iso3 := map[string]string{}
	for _, c := range countries {
		iso3[c.iso2] = c.iso3
	}
	var out []row
	for _, d := range urbanDistricts {
		main := names(nil, d.name)
		if len(main) == 0 || iso3[d.iso2] == "" {
			fmt.Fprintf(os.Stderr, "gazetteer: warning: urban district %s skipped\n", d.name)
			continue
		}
		if slices.ContainsFunc(main, func(n string) bool { return have[d.iso2+"."+d.admin1+"."+n] }) {
			continue
		}
		out = append(out, row{kind: "P", iso2: d.iso2, iso3: iso3[d.iso2], admin1: d.admin1, feature: "PPLA2", pop: d.pop,
			lat: d.lat, lon: d.lon, name: d.name, main: main, alt: names(main, d.alt...), articleFlag: articleCountries[d.iso2]})
	}
	return out
}
