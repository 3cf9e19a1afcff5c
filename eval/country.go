package eval

import (
	"strings"
)

// countryISO3 maps folded country names (see foldName) to ISO 3166-1 alpha-3 codes. It covers the
// names the gold sets use (ACLED's English short names, GTD's "Iraq", UCDP's names once the
// historical parenthetical is cut: "Yemen (North Yemen)" is looked up as "yemen") and a few common
// variants. Written from general knowledge of country names, not from the gold rows.
var countryISO3 = map[string]string{
	// Middle East and neighbours
	"syria": "SYR", "syrian arab republic": "SYR",
	"iraq":   "IRQ",
	"yemen":  "YEM",
	"turkey": "TUR", "turkiye": "TUR",
	"palestine": "PSE", "state of palestine": "PSE", "palestinian territories": "PSE", "west bank": "PSE", "gaza strip": "PSE",
	"iran": "IRN", "islamic republic of iran": "IRN",
	"lebanon":              "LBN",
	"israel":               "ISR",
	"bahrain":              "BHR",
	"saudi arabia":         "SAU",
	"kuwait":               "KWT",
	"united arab emirates": "ARE", "uae": "ARE",
	"qatar":  "QAT",
	"oman":   "OMN",
	"jordan": "JOR",
	"egypt":  "EGY",
	"libya":  "LBY",
	"cyprus": "CYP",
	// Central and South Asia
	"afghanistan":  "AFG",
	"pakistan":     "PAK",
	"india":        "IND",
	"nepal":        "NPL",
	"sri lanka":    "LKA",
	"bangladesh":   "BGD",
	"tajikistan":   "TJK",
	"kyrgyzstan":   "KGZ",
	"uzbekistan":   "UZB",
	"turkmenistan": "TKM",
	"kazakhstan":   "KAZ",
	"azerbaijan":   "AZE",
	"armenia":      "ARM",
	"georgia":      "GEO",
	// East and South-East Asia
	"myanmar": "MMR", "burma": "MMR",
	"thailand":    "THA",
	"philippines": "PHL",
	"indonesia":   "IDN",
	"cambodia":    "KHM",
	"china":       "CHN",
	// Europe
	"russia": "RUS", "russian federation": "RUS",
	"ukraine":        "UKR",
	"united kingdom": "GBR", "uk": "GBR",
	"france":             "FRA",
	"germany":            "DEU",
	"bosnia herzegovina": "BIH", "bosnia and herzegovina": "BIH",
	"serbia": "SRB", "yugoslavia": "SRB",
	"croatia":   "HRV",
	"kosovo":    "XKX",
	"macedonia": "MKD", "macedonia fyr": "MKD", "north macedonia": "MKD",
	// Africa
	"algeria":                  "DZA",
	"angola":                   "AGO",
	"burkina faso":             "BFA",
	"burundi":                  "BDI",
	"cameroon":                 "CMR",
	"central african republic": "CAF",
	"chad":                     "TCD",
	"comoros":                  "COM",
	"dr congo":                 "COD", "democratic republic of congo": "COD", "democratic republic of the congo": "COD", "zaire": "COD",
	"republic of congo": "COG", "congo": "COG",
	"ethiopia":    "ETH",
	"eritrea":     "ERI",
	"ivory coast": "CIV", "cote divoire": "CIV", "cote d ivoire": "CIV",
	"kenya":    "KEN",
	"eswatini": "SWZ", "kingdom of eswatini": "SWZ", "swaziland": "SWZ",
	"liberia":      "LBR",
	"mali":         "MLI",
	"mozambique":   "MOZ",
	"niger":        "NER",
	"nigeria":      "NGA",
	"rwanda":       "RWA",
	"sierra leone": "SLE",
	"somalia":      "SOM",
	"south africa": "ZAF",
	"south sudan":  "SSD",
	"sudan":        "SDN",
	"uganda":       "UGA",
	"tunisia":      "TUN",
	"morocco":      "MAR",
	// Americas
	"united states": "USA", "united states of america": "USA", "usa": "USA", "us": "USA",
	"mexico":    "MEX",
	"colombia":  "COL",
	"venezuela": "VEN",
	"peru":      "PER",
	"brazil":    "BRA",
	"haiti":     "HTI",
}

// demonymISO3 maps the adjectives UCDP uses in group labels such as "Syrian insurgents".
var demonymISO3 = map[string]string{
	"syrian": "SYR", "iraqi": "IRQ", "yemeni": "YEM", "afghan": "AFG", "lebanese": "LBN",
	"palestinian": "PSE", "turkish": "TUR", "iranian": "IRN", "israeli": "ISR", "kashmir": "IND",
	"libyan": "LBY", "somali": "SOM", "pakistani": "PAK", "egyptian": "EGY",
}

// CountryISO3 returns the ISO3 code for a country name as the gold sets write it, or "" when the
// name is not in the table. A trailing parenthetical ("Russia (Soviet Union)") and a leading "the"
// are ignored; a three-letter upper-case code not in the table ("SYR") is taken to be ISO3 already.
func CountryISO3(name string) string {
	name = strings.TrimSpace(name)
	if i := strings.IndexByte(name, '('); i > 0 {
		if iso := countryISO3[foldName(name[:i])]; iso != "" {
			return iso
		}
	}
	k := foldName(name)
	k = strings.TrimPrefix(k, "the ")
	if iso := countryISO3[k]; iso != "" {
		return iso
	}
	if len(name) == 3 && isASCIIUpper(name) {
		return name
	}
	return ""
}

func isASCIIUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
