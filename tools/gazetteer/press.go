package main

import "slices"

// pressNames are names the press uses as a town's own that GeoNames lists only among its
// alternates, where another town has that name as its own: without them "Saida" would be the
// Algerian provincial capital rather than Lebanon's third city, and "Sour" Sur in Oman rather than
// Tyre. Keyed by GeoNames id.
var pressNames = map[int][]string{
	268064:  {"Saida", "Sayda"}, // Sidon, Lebanon
	267008:  {"Sour"},           // Tyre, Lebanon
	8199394: {"Ariel"},          // the West Bank settlement
}

// droppedAlternates are alternate names GeoNames gives a town that the press uses only for
// another: "Ariel" (a poetic name of Jerusalem) is the settlement. Keyed by GeoNames id.
var droppedAlternates = map[int][]string{
	281184: {"Ariel"}, // Jerusalem
}

// withPressNames makes the press names of the rows that have them main names.
func withPressNames(rows []row) {
	for i := range rows {
		if ds, ok := droppedAlternates[rows[i].id]; ok && rows[i].kind == "P" {
			drop := names(nil, ds...)
			rows[i].alt = slices.DeleteFunc(rows[i].alt, func(a string) bool { return slices.Contains(drop, a) })
		}
		ns, ok := pressNames[rows[i].id]
		if !ok || rows[i].kind != "P" {
			continue
		}
		for _, n := range names(nil, ns...) {
			if !slices.Contains(rows[i].main, n) {
				rows[i].main = append(rows[i].main, n)
			}
			rows[i].alt = slices.DeleteFunc(rows[i].alt, func(a string) bool { return a == n })
		}
	}
}
