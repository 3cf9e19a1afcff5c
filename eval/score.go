package eval

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
)

// Extractor is the function under test: the mentions sitrep extracts from one document.
type Extractor func(d doc.Document) []doc.Mention

// Run reads a gold file (or the directory holding it) in the given format ("" detects it), runs
// the extractor on every record and scores the result. The set name is SetName(path).
func Run(path, format string, ex Extractor) (Report, error) {
	return RunCollection(path, format, func([]doc.Document) Extractor { return ex })
}

// Collection sees every document of a set before any is extracted and returns the extractor for
// them: sitrep's extractor learns what the collection is about (extract.CollectionPrior), as it
// does for a file it ingests.
type Collection func(docs []doc.Document) Extractor

// RunCollection is Run with the extractor made for the whole set.
func RunCollection(path, format string, prepare Collection) (Report, error) {
	if format == "" {
		f, err := Detect(path)
		if err != nil {
			return Report{}, err
		}
		format = f
	}
	recs, err := Read(path, format)
	if err != nil {
		return Report{}, err
	}
	set := SetName(path)
	return Score(set, format, recs, prepare(Documents(set, recs))), nil
}

// Documents are the records as the extractor sees them.
func Documents(set string, recs []Record) []doc.Document {
	docs := make([]doc.Document, len(recs))
	for i, rec := range recs {
		docs[i] = document(set, rec)
	}
	return docs
}

func document(set string, rec Record) doc.Document {
	return doc.Document{ID: rec.ID, Source: set, Published: rec.Published, Text: rec.Text, Origin: set + ":" + rec.ID}
}

// Rank orders mentions best first: highest Confidence, then earliest Evidence.Span.Start, then
// Type (PLOVER) name, then ACLEDSubType, then the order the extractor returned them in. The first
// mention after ranking is the one Score compares with the gold coding.
func Rank(ms []doc.Mention) []doc.Mention {
	out := slices.Clone(ms)
	slices.SortStableFunc(out, func(a, b doc.Mention) int {
		if a.Confidence != b.Confidence {
			if a.Confidence > b.Confidence {
				return -1
			}
			return 1
		}
		return cmp.Or(
			cmp.Compare(a.Evidence.Span.Start, b.Evidence.Span.Start),
			strings.Compare(a.Type, b.Type),
			strings.Compare(a.ACLEDSubType, b.ACLEDSubType),
		)
	})
	return out
}

// scheme returns the actor-naming scheme of a format.
func scheme(format string) string {
	switch format {
	case FormatUCDP:
		return SchemeUCDP
	case FormatGTD:
		return SchemeGTD
	}
	return SchemeACLED
}

// ratio accumulates a share.
type ratio struct{ hit, n float64 }

func (r *ratio) add(ok bool) {
	r.n++
	if ok {
		r.hit++
	}
}
func (r *ratio) addFrac(f float64) { r.n++; r.hit += f }
func (r ratio) value() *float64 {
	if r.n == 0 {
		return nil
	}
	v := r.hit / r.n
	return &v
}

// placeAcc accumulates the place metrics of one group of records.
type placeAcc struct {
	km       []float64
	w25, w50 ratio
}

func (p *placeAcc) add(km float64, located bool) {
	if located {
		p.km = append(p.km, km)
	}
	p.w25.add(located && km <= 25)
	p.w50.add(located && km <= 50)
}

func (p *placeAcc) score() PlaceScore {
	return PlaceScore{Records: int(p.w25.n), Located: len(p.km), KmMedian: median(p.km), Within25km: p.w25.value(), Within50km: p.w50.value()}
}

func median(xs []float64) *float64 {
	if len(xs) == 0 {
		return nil
	}
	s := slices.Clone(xs)
	sort.Float64s(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return &m
}

// Score runs the extractor over the records and computes the report. See the package
// documentation for what each metric means.
func Score(set, format string, recs []Record, ex Extractor) Report {
	rep := Report{Set: set, Format: format, Records: len(recs), N: map[string]int{}}
	var recall, evType, subType, actors, actor1, actor2, country, date, fatal, extra ratio
	var place placeAcc // the top-level place figures
	byPrec := map[int]*placeAcc{}
	var confusion map[string]map[string]int
	if format == FormatCASE {
		confusion = map[string]map[string]int{}
	}
	sch := scheme(format)
	var misses []Miss

	for i, rec := range recs {
		ms := ex(document(set, rec))
		ranked := Rank(ms)
		var top doc.Mention // the empty mention stands in when nothing was extracted
		if len(ranked) > 0 {
			top = ranked[0]
		}
		g := rec.Gold
		miss := Miss{ID: rec.ID, Text: clip(rec.Text, 300), Gold: goldSummary(g), Got: gotSummary(top, len(ms)), order: i}

		// recall
		if g.NoEvent {
			ok := !hasViolent(ms)
			recall.add(ok)
			if !ok {
				miss.fail(3, "violent event extracted where none is expected (%s)", g.Code)
			}
		} else {
			recall.add(len(ms) > 0)
			if len(ms) == 0 {
				miss.fail(5, "no mention")
			}
		}
		// types
		if g.EventType != "" {
			ok := sameLabel(top.ACLEDType, g.EventType)
			evType.add(ok)
			if !ok && len(ms) > 0 {
				miss.fail(1, "event_type: gold %q got %q", g.EventType, top.ACLEDType)
			}
		}
		if g.SubEventType != "" {
			ok := sameLabel(top.ACLEDSubType, g.SubEventType)
			subType.add(ok)
			if !ok && len(ms) > 0 {
				miss.fail(1, "sub_event_type: gold %q got %q", g.SubEventType, top.ACLEDSubType)
			}
		}
		if confusion != nil {
			gl := g.Code
			if gl == "" {
				gl = codeOf(g.SubEventType)
			}
			pl := predictedCode(ranked, g.NoEvent)
			if confusion[gl] == nil {
				confusion[gl] = map[string]int{}
			}
			confusion[gl][pl]++
		}
		// actors
		if len(g.Actors) > 0 {
			gas := make([]goldAlt, len(g.Actors))
			for j, name := range g.Actors {
				gas[j] = newGoldAlt(name, assocOf(g, j), sch)
			}
			got := []*doc.Actor{top.Actor1, top.Actor2}
			n := 0
			for _, ga := range gas {
				if ga.raw != "" {
					n++
				}
			}
			if n > 0 {
				share := float64(bestPairing(gas, got)) / float64(n)
				actors.addFrac(share)
				if share < 1 && len(ms) > 0 {
					miss.fail(1-share, "actors: gold %s got %s", quoteList(g.Actors), actorList(got))
				}
			}
			if gas[0].raw != "" {
				actor1.add(gas[0].matchAny(got))
			}
			if len(gas) > 1 && gas[1].raw != "" {
				actor2.add(gas[1].matchAny(got))
			}
		}
		// place
		if g.HasCoords {
			km, located := 0.0, false
			if loc := top.Location; loc != nil && !(loc.Lat == 0 && loc.Lon == 0) {
				km, located = Haversine(g.Lat, g.Lon, loc.Lat, loc.Lon), true
			}
			if format != FormatACLED || g.GeoPrecision == 1 {
				place.add(km, located)
			}
			if g.GeoPrecision > 0 {
				if byPrec[g.GeoPrecision] == nil {
					byPrec[g.GeoPrecision] = &placeAcc{}
				}
				byPrec[g.GeoPrecision].add(km, located)
			}
			switch {
			case !located && len(ms) > 0:
				miss.fail(1, "place: no location")
			case located && km > 25:
				miss.fail(math.Min(km/100, 2), "place: %.0f km off", km)
			}
		}
		if g.Country != "" {
			got := ""
			if top.Location != nil {
				got = strings.ToUpper(top.Location.Country)
			}
			country.add(got == g.Country)
			if got != g.Country && len(ms) > 0 {
				miss.fail(0.5, "country: gold %s got %q", g.Country, got)
			}
		}
		// date
		if !g.Date.IsZero() {
			ok := inRange(top.Date.Start, g.Date, g.DateEnd)
			date.add(ok)
			if !ok && len(ms) > 0 {
				miss.fail(0.5, "date: gold %s got %s", dateRange(g.Date, g.DateEnd), fmtDate(top.Date.Start))
			}
		}
		// fatalities: nil counts as 0 on both sides
		if g.Fatalities != nil {
			want, got := *g.Fatalities, 0
			if top.Fatalities != nil {
				got = *top.Fatalities
			}
			fatal.add(want == got)
			if want != got && len(ms) > 0 {
				miss.fail(0.5, "fatalities: gold %d got %d", want, got)
			}
		}
		extra.add(distinctMentions(ms) > 1)

		if miss.Score > 0 {
			misses = append(misses, miss)
		}
	}

	rep.Recall, rep.N["recall"] = recall.value(), int(recall.n)
	rep.EventType, rep.N["event_type"] = evType.value(), int(evType.n)
	rep.SubEventType, rep.N["sub_event_type"] = subType.value(), int(subType.n)
	rep.Actors, rep.N["actors"] = actors.value(), int(actors.n)
	rep.Actor1, rep.N["actor1"] = actor1.value(), int(actor1.n)
	rep.Actor2, rep.N["actor2"] = actor2.value(), int(actor2.n)
	ps := place.score()
	rep.PlaceKmMedian, rep.N["place_km_median"] = ps.KmMedian, ps.Located
	rep.PlaceWithin25km, rep.N["place_within_25km"] = ps.Within25km, ps.Records
	rep.PlaceWithin50km, rep.N["place_within_50km"] = ps.Within50km, ps.Records
	rep.Country, rep.N["country"] = country.value(), int(country.n)
	rep.Date, rep.N["date"] = date.value(), int(date.n)
	rep.Fatalities, rep.N["fatalities"] = fatal.value(), int(fatal.n)
	rep.ExtraEvents, rep.N["extra_events"] = extra.value(), int(extra.n)
	for k, v := range rep.N {
		if v == 0 {
			delete(rep.N, k)
		}
	}
	if len(byPrec) > 0 {
		rep.ByGeoPrecision = map[string]PlaceScore{}
		for p, acc := range byPrec {
			rep.ByGeoPrecision[strconv.Itoa(p)] = acc.score()
		}
	}
	rep.Confusion = confusion

	slices.SortStableFunc(misses, func(a, b Miss) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.order, b.order)
	})
	if len(misses) > WorstN {
		misses = misses[:WorstN]
	}
	rep.Worst = misses
	return rep
}

// WorstN is how many of the worst-scored records a report lists.
const WorstN = 20

// goldAlt is one gold actor with its ACLED associated actors, any of which counts as a match.
type goldAlt struct {
	raw  string
	alts []GoldActor
}

func newGoldAlt(name string, assoc []string, sch string) goldAlt {
	ga := goldAlt{raw: name}
	if name == "" {
		return ga
	}
	ga.alts = append(ga.alts, ParseGoldActor(name, sch))
	for _, a := range assoc {
		ga.alts = append(ga.alts, ParseGoldActor(a, sch))
	}
	return ga
}

func (g goldAlt) match(a *doc.Actor) bool {
	for _, alt := range g.alts {
		if alt.Match(a) {
			return true
		}
	}
	return false
}

func (g goldAlt) matchAny(got []*doc.Actor) bool {
	for _, a := range got {
		if g.match(a) {
			return true
		}
	}
	return false
}

// bestPairing is the largest number of gold actors matched one-to-one by the mention's actors
// (order ignored: each mention actor may stand for one gold actor only).
func bestPairing(gold []goldAlt, got []*doc.Actor) int {
	best := 0
	var rec func(i int, used []bool, n int)
	rec = func(i int, used []bool, n int) {
		if i == len(gold) {
			best = max(best, n)
			return
		}
		rec(i+1, used, n) // leave gold[i] unmatched
		if gold[i].raw == "" {
			return
		}
		for j, a := range got {
			if !used[j] && gold[i].match(a) {
				used[j] = true
				rec(i+1, used, n+1)
				used[j] = false
			}
		}
	}
	rec(0, make([]bool, len(got)), 0)
	return best
}

func assocOf(g Gold, i int) []string {
	if i < len(g.Assoc) {
		return g.Assoc[i]
	}
	return nil
}

// hasViolent reports whether any mention carries a violent ACLED event type.
func hasViolent(ms []doc.Mention) bool {
	for _, m := range ms {
		t := m.ACLEDType
		if t == "" {
			t = EventTypeOf(m.ACLEDSubType)
		}
		if violentTypes[strings.ToLower(strings.TrimSpace(t))] {
			return true
		}
	}
	return false
}

// codeOf gives the CASE code of an ACLED sub-event type, or the sub-type itself when none.
func codeOf(subType string) string {
	if c := subTypeCode[strings.ToLower(strings.TrimSpace(subType))]; c != "" {
		return c
	}
	return subType
}

// Labels used in the CASE confusion matrix for predictions that are not a sub-event type.
const (
	LabelNone    = "-" // no mention
	LabelNoACLED = "?" // a mention without an ACLED sub-event type
)

func predictedCode(ranked []doc.Mention, noEvent bool) string {
	if len(ranked) == 0 {
		return LabelNone
	}
	m := ranked[0]
	if noEvent { // what matters is whether a violent event came out: show the best-ranked one
		for _, v := range ranked {
			if hasViolent([]doc.Mention{v}) {
				m = v
				break
			}
		}
	}
	if m.ACLEDSubType == "" {
		return LabelNoACLED
	}
	return codeOf(m.ACLEDSubType)
}

// isViolentCode reports whether a confusion label stands for a violent ACLED sub-event type.
func isViolentCode(label string) bool {
	st, ok := caseCodes[label]
	if !ok {
		st = label
	}
	return violentTypes[strings.ToLower(EventTypeOf(st))]
}

// distinctMentions counts mentions that differ in event (ACLED sub-type, else PLOVER type),
// place (name, else coordinates to 0.01°) or start date. Actors are left out so that one event
// extracted twice with differently resolved actors counts once.
func distinctMentions(ms []doc.Mention) int {
	if len(ms) < 2 {
		return len(ms)
	}
	seen := map[string]bool{}
	for _, m := range ms {
		ev := strings.ToLower(m.ACLEDSubType)
		if ev == "" {
			ev = strings.ToLower(m.Type)
		}
		place := ""
		if l := m.Location; l != nil {
			place = foldName(l.Name)
			if place == "" {
				place = fmt.Sprintf("%.2f,%.2f", l.Lat, l.Lon)
			}
		}
		seen[ev+"|"+place+"|"+fmtDate(m.Date.Start)] = true
	}
	return len(seen)
}

// inRange reports whether t's UTC calendar day lies within [from, to].
func inRange(t, from, to time.Time) bool {
	if t.IsZero() {
		return false
	}
	d := day(t)
	return !d.Before(day(from)) && !d.After(day(to))
}

func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func fmtDate(t time.Time) string {
	if t.IsZero() {
		return "none"
	}
	return t.UTC().Format(doc.DateLayout)
}

func dateRange(a, b time.Time) string {
	if day(a).Equal(day(b)) {
		return fmtDate(a)
	}
	return fmtDate(a) + ".." + fmtDate(b)
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && (s[cut]&0xC0) == 0x80 { // do not split a UTF-8 sequence
		cut--
	}
	return s[:cut] + "…"
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = strconv.Quote(x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func actorString(a *doc.Actor) string {
	if a == nil {
		return "none"
	}
	name := a.Name
	if name == "" {
		name = a.Text
	}
	return fmt.Sprintf("%q{%s %s}", name, a.Country, a.Kind)
}

func actorList(as []*doc.Actor) string {
	s := make([]string, len(as))
	for i, a := range as {
		s[i] = actorString(a)
	}
	return "[" + strings.Join(s, ", ") + "]"
}

func goldSummary(g Gold) string {
	var p []string
	if g.Code != "" {
		p = append(p, g.Code)
	}
	if g.SubEventType != "" {
		p = append(p, g.EventType+" / "+g.SubEventType)
	}
	if g.NoEvent {
		p = append(p, "no violent event expected")
	}
	if len(g.Actors) > 0 {
		p = append(p, "actors "+quoteList(g.Actors))
	}
	if g.HasCoords {
		p = append(p, fmt.Sprintf("at %.4f,%.4f (prec %d)", g.Lat, g.Lon, g.GeoPrecision))
	}
	if g.Country != "" {
		p = append(p, g.Country)
	}
	if !g.Date.IsZero() {
		p = append(p, "on "+dateRange(g.Date, g.DateEnd))
	}
	if g.Fatalities != nil {
		p = append(p, fmt.Sprintf("%d killed", *g.Fatalities))
	}
	return strings.Join(p, "; ")
}

func gotSummary(m doc.Mention, n int) string {
	if n == 0 {
		return "no mention"
	}
	p := []string{fmt.Sprintf("%d mention(s); top: %s %s / %s (conf %.2f)", n, m.Type, m.ACLEDType, m.ACLEDSubType, m.Confidence)}
	p = append(p, "actors "+actorList([]*doc.Actor{m.Actor1, m.Actor2}))
	if l := m.Location; l != nil {
		p = append(p, fmt.Sprintf("at %q %.4f,%.4f %s", l.Name, l.Lat, l.Lon, l.Country))
	}
	p = append(p, "on "+fmtDate(m.Date.Start))
	if m.Fatalities != nil {
		p = append(p, fmt.Sprintf("%d killed", *m.Fatalities))
	}
	return strings.Join(p, "; ")
}
