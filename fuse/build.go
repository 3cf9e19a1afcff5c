package fuse

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
)

// Build reconciles the records of one event (a cluster from Cluster) into the event record, with
// copies the stored near-copies of its documents (DocRef.CopyOf names the original; copies of other
// documents are ignored). The result depends only on the records and copies, not on their order.
// Version is left 0 for the store to number. members must not be empty.
func Build(members []doc.MentionRecord, copies []doc.DocRef) doc.Event {
	ms := slices.Clone(members)
	slices.SortFunc(ms, chronological)
	lead := leadOf(ms)

	e := doc.Event{ID: ID(ms), Mention: lead.Mention}
	e.Sources = nil
	for _, r := range ms {
		m := r.Mention
		if e.Actor1 == nil {
			e.Actor1 = m.Actor1
		}
		if e.Actor2 == nil {
			e.Actor2 = m.Actor2
		}
		if e.Origin == nil {
			e.Origin = m.Origin
		}
		if m.Injured != nil && (e.Injured == nil || *m.Injured > *e.Injured) {
			e.Injured = m.Injured
		}
		e.Confidence = max(e.Confidence, m.Confidence)
	}
	e.Location = bestPlace(ms)
	e.Date = bestDate(ms)
	e.Modality = reconciledModality(ms, lead.Mention.Modality)
	e.Fatalities, e.FatalitiesRange = fatalities(ms)
	e.CivilianFatalities, e.CivilianEvidence = civilianFatalities(ms, e.Fatalities)

	// documents, outlets and copies
	byDoc := map[string]doc.DocRef{}
	var docs []string
	for _, r := range ms {
		if _, ok := byDoc[r.Doc.ID]; !ok {
			byDoc[r.Doc.ID] = r.Doc
			docs = append(docs, r.Doc.ID)
		}
		e.Supporting = append(e.Supporting, r.Mention.Evidence)
	}
	outlets := map[string]*doc.Attribution{}
	seen := func(name string, d doc.DocRef) *doc.Attribution {
		o := outlets[name]
		if o == nil {
			o = &doc.Attribution{Name: name, FirstSeen: d.Published}
			outlets[name] = o
		}
		if !slices.Contains(o.Documents, d.ID) {
			o.Documents = append(o.Documents, d.ID)
		}
		if d.Published.Before(o.FirstSeen) {
			o.FirstSeen = d.Published
		}
		return o
	}
	for _, id := range docs {
		d := byDoc[id]
		if d.Source != "" {
			seen(d.Source, d)
		}
	}
	independent := map[string]bool{}
	for name := range outlets {
		independent[name] = true
	}
	cs := slices.Clone(copies)
	slices.SortFunc(cs, func(a, b doc.DocRef) int {
		if c := a.Published.Compare(b.Published); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	for _, c := range cs {
		orig, ok := byDoc[c.CopyOf]
		if !ok || c.Source == "" || strings.EqualFold(c.Source, orig.Source) {
			continue // not a copy of this event's reports, or its own outlet's re-send: adds nothing
		}
		docs = append(docs, c.ID)
		o := seen(c.Source, c)
		if !independent[c.Source] && o.CopyOf == "" {
			o.CopyOf = orig.Source
		}
	}
	slices.Sort(docs)
	e.Documents = slices.Compact(docs)
	for name := range independent {
		e.Outlets = append(e.Outlets, name)
	}
	slices.Sort(e.Outlets)
	e.Corroboration = len(e.Outlets)
	for _, o := range outlets {
		slices.Sort(o.Documents)
		if e.FirstSeen.IsZero() || o.FirstSeen.Before(e.FirstSeen) {
			e.FirstSeen = o.FirstSeen
		}
	}

	// sources: the outlets (first to report first), then whoever the reports cite
	var list []doc.Attribution
	for _, o := range outlets {
		list = append(list, *o)
	}
	slices.SortFunc(list, func(a, b doc.Attribution) int {
		if c := a.FirstSeen.Compare(b.FirstSeen); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	cited := map[string]bool{}
	for _, r := range ms {
		for _, s := range r.Mention.Sources {
			if outlets[s.Name] != nil || cited[s.Name] {
				continue
			}
			cited[s.Name] = true
			list = append(list, doc.Attribution{Name: s.Name, Span: s.Span})
		}
	}
	e.Sources = list
	e.Grade, e.DeniedBy = grade(ms, e)
	return e
}

// leadOf is the record whose coding the event takes: an assertion before a claim before a denial,
// then one that names a force as the perpetrator, then the most confident, then the earliest.
func leadOf(ms []doc.MentionRecord) doc.MentionRecord {
	best := ms[0]
	better := func(a, b doc.Mention) bool {
		if x, y := assertionRank[a.Modality], assertionRank[b.Modality]; x != y {
			return x > y
		}
		if x, y := identity(a.Actor1) != "", identity(b.Actor1) != ""; x != y {
			return x
		}
		return a.Confidence > b.Confidence
	}
	for _, r := range ms[1:] {
		if better(r.Mention, best.Mention) {
			best = r
		}
	}
	return best
}

// bestPlace is the most precise place any report gives; among equally precise ones the one most
// reports give, then the earliest.
func bestPlace(ms []doc.MentionRecord) *doc.Place {
	key := func(p *doc.Place) string {
		if p.GeonameID != 0 {
			return "g" + strconv.Itoa(p.GeonameID)
		}
		return p.Country + "/" + doc.Normalize(p.Name)
	}
	count := map[string]int{}
	for _, r := range ms {
		if p := r.Mention.Location; p != nil {
			count[key(p)]++
		}
	}
	var best *doc.Place
	for _, r := range ms {
		p := r.Mention.Location
		if p == nil {
			continue
		}
		if best == nil || rankOf(p) > rankOf(best) || rankOf(p) == rankOf(best) && count[key(p)] > count[key(best)] {
			best = p
		}
	}
	return best
}

// bestDate is the most precise date any report gives; among equally precise ones the one most
// reports give, then the earliest.
func bestDate(ms []doc.MentionRecord) doc.When {
	type k struct{ s, e time.Time }
	count := map[k]int{}
	for _, r := range ms {
		count[k{r.Mention.Date.Start, r.Mention.Date.End}]++
	}
	best := ms[0].Mention.Date
	for _, r := range ms[1:] {
		d := r.Mention.Date
		rd, rb := datePrecisionRank[d.Precision], datePrecisionRank[best.Precision]
		if rd < rb {
			continue
		}
		cd, cb := count[k{d.Start, d.End}], count[k{best.Start, best.End}]
		if rd > rb || cd > cb || cd == cb && d.Start.Before(best.Start) {
			best = d
		}
	}
	return best
}

func reconciledModality(ms []doc.MentionRecord, lead string) string {
	have := map[string]bool{}
	for _, r := range ms {
		have[r.Mention.Modality] = true
	}
	for _, m := range []string{doc.Occurred, doc.Claimed, doc.Denied} {
		if have[m] {
			return m
		}
	}
	return lead
}

// fatalities is the best-supported toll — the figure most independent outlets give, each outlet's
// latest figure counting once, ties to the higher figure — and the range of every figure reported.
func fatalities(ms []doc.MentionRecord) (*int, *[2]int) {
	latest := map[string]int{} // outlet → its latest figure (ms is chronological)
	var rng *[2]int
	for _, r := range ms {
		f := r.Mention.Fatalities
		if f == nil {
			continue
		}
		latest[r.Doc.Source] = *f
		if rng == nil {
			rng = &[2]int{*f, *f}
		}
		rng[0], rng[1] = min(rng[0], *f), max(rng[1], *f)
	}
	if rng == nil {
		return nil, nil
	}
	votes := map[int]int{}
	for _, f := range latest {
		votes[f]++
	}
	best, n := 0, 0
	for f, v := range votes {
		if v > n || v == n && f > best {
			best, n = f, v
		}
	}
	return &best, rng
}

// grade says how well the event is established, and who denied it.
func grade(ms []doc.MentionRecord, e doc.Event) (string, []string) {
	var deniedBy []string
	denied, claimed, confirmed := false, false, false
	party := ""
	if identity(e.Actor1) != "" {
		party = partyKey(e.Actor1.Name)
	}
	for _, r := range ms {
		m := r.Mention
		switch m.Modality {
		case doc.Denied:
			denied = true
			if who := denier(r); who != "" && !slices.Contains(deniedBy, who) {
				deniedBy = append(deniedBy, who)
			}
			continue
		case doc.Claimed:
			claimed = true
		}
		for _, s := range m.Sources {
			if party != "" && s.Name != r.Doc.Source && partyKey(s.Name) == party {
				confirmed = true
			}
		}
	}
	slices.Sort(deniedBy)
	switch {
	case denied:
		return doc.GradeContested, deniedBy
	case claimed || confirmed:
		return doc.GradeConfirmed, nil
	case e.Corroboration >= 2:
		return doc.GradeMultiple, nil
	}
	return doc.GradeSingle, nil
}

// denier names who denies in a denial: the actor the denial is about when it names a party, else
// the first source it cites other than its outlet.
func denier(r doc.MentionRecord) string {
	if a := r.Mention.Actor1; a != nil && a.Kind != "civilians" && a.Kind != "protesters" && a.Name != "" {
		return a.Name
	}
	for _, s := range r.Mention.Sources {
		if s.Name != r.Doc.Source {
			return s.Name
		}
	}
	return ""
}

// partyKey folds the names of one party: "Military of Israel" and "Government of Israel" speak for
// the same state.
func partyKey(name string) string {
	for _, p := range []string{"Military of ", "Government of ", "Police of "} {
		name = strings.TrimPrefix(name, p)
	}
	return strings.ToLower(name)
}

// Single is the event one mention of one document makes on its own (`sitrep extract`, which
// stores nothing and fuses nothing): Build of that mention alone.
func Single(d doc.Document, idx int, m doc.Mention) doc.Event {
	ref := doc.DocRef{ID: d.ID, Source: d.Source, Published: d.Published}
	return Build([]doc.MentionRecord{{Doc: ref, Idx: idx, Mention: m}}, nil)
}

// civilianFatalities is the most civilian dead any report counts, never more than the event's toll
// (a later report's higher count stands only where the event takes its toll too), with the words
// of the report that counts them. Ties go to the earliest report.
func civilianFatalities(ms []doc.MentionRecord, toll *int) (*int, *doc.Quote) {
	var n *int
	var q *doc.Quote
	for _, r := range ms {
		c := r.Mention.CivilianFatalities
		if c == nil || toll != nil && *c > *toll {
			continue
		}
		if n == nil || *c > *n {
			n, q = c, r.Mention.CivilianEvidence
		}
	}
	return n, q
}
