package lexicon

import "sort"

func sortedCountries(m map[string]*Country) []*Country {
	out := make([]*Country, 0, len(m))
	for _, c := range m {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ISO3 < out[j].ISO3 })
	return out
}

// CountryName is the English short name of an ISO3 code, or the code itself when unknown.
func (l *Lexicon) CountryName(iso3 string) string {
	if c, ok := l.Countries[iso3]; ok {
		return c.Name
	}
	return iso3
}
