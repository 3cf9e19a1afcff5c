package geo

import (
	"github.com/sitrep-dev/sitrep/internal/wordset"

	"strings"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/doc"
)

// Sites (rows of kind S: airports, air bases, military bases, border crossings, dams, oil and gas
// fields, nuclear plants, camps for the displaced) are found by their full names like any place ("Al Asad Air Base",
// "Camp Speicher"), and by a core name followed by a type word of the site's class: "Ain al-Asad
// air base", "Kabul airport", "the Hmeimim base", "Bab al-Hawa crossing", "Mosul Dam". A core
// alone is never a match, so "Balad" stays the town while "Balad airbase" is the base, and a
// name with a type word that no site has ("Shayrat air base" if there were none) falls back to
// the town of that name, near the site.

// Site classes: which type words a site takes.
const (
	clAir uint8 = 1 << iota
	clBase
	clCrossing
	clDam
	clField
	clNuclear
	clCamp
)

// siteClasses are the classes of each site feature code.
var siteClasses = map[string]uint8{
	"AIRP": clAir, "AIRB": clAir | clBase, "MILB": clBase, "PSTB": clCrossing, "BDG": clCrossing,
	"DAM": clDam, "OILF": clField | clBase, "GASF": clField | clBase, "PSN": clNuclear, "MFG": clNuclear,
	"CMPRF": clCamp,
}

// sitePhrases are the type words after a site's core, normalised and joined by spaces.
var sitePhrases = map[string]uint8{
	"airport": clAir, "international airport": clAir, "military airport": clAir, "airbase": clAir,
	"air base": clAir, "military airbase": clAir, "military air base": clAir, "airfield": clAir,
	"air field": clAir, "military airfield": clAir, "aerodrome": clAir, "airstrip": clAir,
	"air strip": clAir, "air force base": clAir,
	"base": clBase, "military base": clBase, "army base": clBase, "naval base": clBase, "garrison": clBase,
	"crossing": clCrossing, "border crossing": clCrossing, "crossing point": clCrossing,
	"border point": clCrossing, "border post": clCrossing, "border gate": clCrossing, "border": clCrossing,
	"bridge": clCrossing,
	"dam":    clDam, "hydroelectric dam": clDam, "hydroelectric plant": clDam, "hydroelectric power plant": clDam,
	"hydroelectric power station": clDam, "hydropower plant": clDam, "hpp": clDam,
	"oil field": clField, "oilfield": clField, "oil fields": clField, "oilfields": clField, "gas field": clField,
	"gasfield": clField, "gas fields": clField, "field": clField, "fields": clField, "oil facility": clField,
	"gas plant": clField, "gas facility": clField,
	"nuclear plant": clNuclear, "nuclear power plant": clNuclear, "nuclear power station": clNuclear,
	"nuclear station": clNuclear, "npp": clNuclear, "nuclear facility": clNuclear, "nuclear site": clNuclear,
	"enrichment facility": clNuclear, "enrichment site": clNuclear, "enrichment plant": clNuclear,
	"power plant": clNuclear | clDam, "power station": clNuclear | clDam,
	"camp": clCamp, "refugee camp": clCamp, "idp camp": clCamp, "idps camp": clCamp,
	"displacement camp": clCamp, "displaced persons camp": clCamp, "military camp": clBase,
}

// sitePhraseStart are the first words of sitePhrases: most words fail here.
var sitePhraseStart = func() wordset.Set {
	var first []string
	for p := range sitePhrases {
		w, _, _ := strings.Cut(p, " ")
		first = append(first, w)
	}
	return wordset.SetOf(first...)
}()

// weakPhrases are one-word type words that follow ordinary words as well ("the Victory base",
// "the Omar field", "the group's Baghdad base", "the Hunter base"): a core that is a common word
// needs a longer one, and only a site's own cores take them, not those from its town ("Baghdad"
// for Rasheed Air Base), and only in the countries whose news sitrep reads most (a conflict or an
// Arabic-naming country: "Hmeimim base", "Al Udeid base", but not Hunter Army Air Field).
var weakPhrases = wordSet("base field fields border bridge garrison crossing")

// sitePhrase returns the last token of the longest type phrase right after token j, and its
// classes; end is -1 when none follows.
func sitePhrase(toks []doc.Token, j int) (end int, cl uint8) {
	if j+1 >= len(toks) || !sitePhraseStart.Has(toks[j+1].Norm) {
		return -1, 0
	}
	var buf [64]byte
	key := buf[:0]
	end = -1
	for k := j + 1; k < len(toks) && k <= j+4; k++ {
		t := &toks[k]
		if t.Punct != "" && !t.Hyphen || t.IsNumber() {
			break
		}
		if k > j+1 {
			key = append(key, ' ')
		}
		key = append(key, t.Norm...)
		if c, ok := sitePhrases[string(key)]; ok {
			end, cl = k, c
		}
	}
	return end, cl
}

// siteAt matches tokens i..j as the core of a site of a class in cl, the type phrase running on to
// token end. s holds the keys of i..j; content is the number of its tokens that are not articles.
func (g *Gazetteer) siteAt(toks []doc.Token, i, j, end int, cl uint8, content int, s *scratch) (Found, bool) {
	if utf8.RuneCount(s.strip) < 2 {
		return Found{}, false
	}
	if content == 1 && stopwords.Has(string(s.full)) && end == j+1 && weakPhrases.Has(toks[end].Norm) {
		return Found{}, false
	}
	if !boundaryOK(toks, i, end) {
		return Found{}, false
	}
	posts, tier := g.lookupIn(&g.sexact, &g.sskel, s)
	weak := end == j+1 && weakPhrases.Has(toks[end].Norm)
	out := posts[:0]
	for _, p := range posts {
		e := &g.entries[p&postingMask]
		if e.site && siteClasses[e.feature]&cl != 0 && (!weak || p&flagMain != 0 && (e.article || conflictCountries.Has(e.iso3))) {
			out = append(out, p)
		}
	}
	s.posts = out
	if len(out) == 0 || tier == tierSkel && content == 1 && len(s.sk) < 4 {
		return Found{}, false
	}
	s.oneWord = false // a name with its type word
	return Found{First: i, Last: end, Candidates: g.rank(out, tier, s)}, true
}
