package doc

// precisionRank orders place precisions, most precise highest.
var precisionRank = map[string]int{
	PrecisionPoint: 7, PrecisionCity: 6, PrecisionNear: 5, PrecisionAdmin2: 4,
	PrecisionAdmin1: 3, PrecisionRegion: 2, PrecisionCountry: 1,
}

// MorePrecise reports whether place precision a is finer than b.
func MorePrecise(a, b string) bool { return precisionRank[a] > precisionRank[b] }

// Fill completes m with what another report of the same event adds: missing actors and origin, a
// more precise place, a real date where m has only the publication date, the higher toll (later
// reports update it), and sources m lacks.
func (m *Mention) Fill(from Mention) {
	if m.Actor1 == nil {
		m.Actor1 = from.Actor1
	}
	if m.Actor2 == nil {
		m.Actor2 = from.Actor2
	}
	if from.Location != nil && (m.Location == nil || MorePrecise(from.Location.Precision, m.Location.Precision)) {
		m.Location = from.Location
	}
	if m.Origin == nil {
		m.Origin = from.Origin
	}
	if m.Date.Precision == DateReported && from.Date.Precision != DateReported {
		m.Date = from.Date
	}
	if from.Fatalities != nil && (m.Fatalities == nil || *from.Fatalities > *m.Fatalities) {
		m.Fatalities = from.Fatalities
	}
	if from.Injured != nil && (m.Injured == nil || *from.Injured > *m.Injured) {
		m.Injured = from.Injured
	}
	if from.CivilianFatalities != nil && (m.CivilianFatalities == nil || *from.CivilianFatalities > *m.CivilianFatalities) {
		m.CivilianFatalities, m.CivilianEvidence = from.CivilianFatalities, from.CivilianEvidence
	}
	have := map[string]bool{}
	for _, s := range m.Sources {
		have[s.Name] = true
	}
	for _, s := range from.Sources {
		if !have[s.Name] {
			m.Sources = append(m.Sources, s)
			have[s.Name] = true
		}
	}
}
