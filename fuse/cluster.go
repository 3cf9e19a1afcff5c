package fuse

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
)

// datePrecisionRank orders date precisions, most precise highest.
var datePrecisionRank = map[string]int{doc.DateDay: 4, doc.DateWeek: 3, doc.DateMonth: 2, doc.DateReported: 1}

// assertionRank: a report that the event occurred is stronger evidence than a claim, a claim
// stronger than a denial.
var assertionRank = map[string]int{doc.Occurred: 3, doc.Claimed: 2, doc.Denied: 1}

// chronological orders records by publication time, then content id, then position: the order the
// id and the reconciled lists use.
func chronological(a, b doc.MentionRecord) int {
	if c := a.Doc.Published.Compare(b.Doc.Published); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Doc.ID, b.Doc.ID); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Idx, b.Idx); c != 0 {
		return c
	}
	return cmp.Compare(a.Mention.Evidence.Span.Start, b.Mention.Evidence.Span.Start)
}

// canonical is the order Cluster visits records in: strongest first (most precise place, then date,
// then the number of forces named, then assertions, then confidence), then chronological. It
// depends only on the records. Mentions that name both sides found events first, so one that
// names only the attacker joins the best of them rather than deciding alone which event exists.
func canonical(a, b doc.MentionRecord) int {
	ma, mb := a.Mention, b.Mention
	if c := cmp.Compare(rankOf(mb.Location), rankOf(ma.Location)); c != 0 {
		return c
	}
	if c := cmp.Compare(datePrecisionRank[mb.Date.Precision], datePrecisionRank[ma.Date.Precision]); c != 0 {
		return c
	}
	if c := cmp.Compare(namedForces(mb), namedForces(ma)); c != 0 {
		return c
	}
	if c := cmp.Compare(assertionRank[mb.Modality], assertionRank[ma.Modality]); c != 0 {
		return c
	}
	if c := cmp.Compare(mb.Confidence, ma.Confidence); c != 0 {
		return c
	}
	return chronological(a, b)
}

// namedForces counts the actors of a mention that name a particular force.
func namedForces(m doc.Mention) int {
	n := 0
	for _, a := range []*doc.Actor{m.Actor1, m.Actor2} {
		if identity(a) != "" {
			n++
		}
	}
	return n
}

type cluster struct {
	members    []doc.MentionRecord
	words      []map[string]bool // the content words of each member's evidence sentence
	roles      roles             // the forces the members name, oriented
	start, end time.Time         // the days every member's window shares
	closed     bool              // a record that takes no part in fusion: nothing joins it
}

// Cluster partitions records into events. The result does not depend on the order of recs: records
// are visited in a canonical order, each joining the existing event with which it is compatible
// (complete linkage: Compatible with every member, and a day shared by all) and has the highest
// affinity, or else starting an event; ties go to the event founded first. Each event's records are
// in chronological order; events are ordered by their first record.
func Cluster(recs []doc.MentionRecord) [][]doc.MentionRecord {
	order := slices.Clone(recs)
	slices.SortStableFunc(order, canonical)
	var cs []*cluster
	for _, r := range order {
		w := contentWords(r.Mention.Evidence.Sentence)
		if !Fusable(r.Mention) {
			cs = append(cs, &cluster{members: []doc.MentionRecord{r}, closed: true})
			continue
		}
		start, end, _ := Window(r.Mention)
		var best *cluster
		bestScore, bestSwapped := -1.0, false
		for _, c := range cs {
			if c.closed || start.After(c.end) || end.Before(c.start) {
				continue
			}
			score, swapped, ok := joins(r, w, c)
			if ok && score > bestScore {
				best, bestScore, bestSwapped = c, score, swapped
			}
		}
		if best == nil {
			cs = append(cs, &cluster{members: []doc.MentionRecord{r}, words: []map[string]bool{w}, roles: roles{}.add(r.Mention, false), start: start, end: end})
			continue
		}
		best.members = append(best.members, r)
		best.words = append(best.words, w)
		best.roles = best.roles.add(r.Mention, bestSwapped)
		if start.After(best.start) {
			best.start = start
		}
		if end.Before(best.end) {
			best.end = end
		}
	}
	out := make([][]doc.MentionRecord, len(cs))
	for i, c := range cs {
		slices.SortFunc(c.members, chronological)
		out[i] = c.members
	}
	slices.SortFunc(out, func(a, b []doc.MentionRecord) int { return chronological(a[0], b[0]) })
	return out
}

// joins reports whether r may join c — compatible with every member, its actors fitting the
// event's roles (as given or swapped) — and its best affinity to a member: the affinity of the coded
// fields plus twice the word overlap of the evidence sentences ("checkpoint", "soldiers", "market"
// tell reports of one strike from another's when the coding cannot).
func joins(r doc.MentionRecord, words map[string]bool, c *cluster) (score float64, swapped, ok bool) {
	swapped, ok = rolesFit(r.Mention, c.roles)
	if !ok {
		return 0, false, false
	}
	for i, m := range c.members {
		if !compatibleBut(r.Mention, m.Mention).Merge {
			return 0, false, false
		}
		score = max(score, affinity(r.Mention, m.Mention)+2*jaccard(words, c.words[i]))
	}
	return score, swapped, true
}

// stopWords carry no sign of which event a sentence reports.
var stopWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "in": true, "on": true, "at": true,
	"to": true, "and": true, "or": true, "by": true, "for": true, "with": true, "from": true, "was": true,
	"were": true, "is": true, "are": true, "had": true, "has": true, "have": true, "been": true, "be": true,
	"said": true, "says": true, "told": true, "reported": true, "that": true, "their": true, "its": true,
	"his": true, "her": true, "it": true, "as": true, "after": true, "when": true, "which": true, "who": true}

func contentWords(sentence string) map[string]bool {
	out := map[string]bool{}
	for _, t := range doc.Tokenize(sentence, 0) {
		if !stopWords[t.Norm] {
			out[t.Norm] = true
		}
	}
	return out
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return float64(n) / float64(len(a)+len(b)-n)
}

// Seed is the record an event's id derives from: its earliest report (publication time, then content
// id, then position). members must not be empty.
func Seed(members []doc.MentionRecord) doc.MentionRecord {
	return slices.MinFunc(members, chronological)
}

// ID is an event's stable id: a hash of its seed's content id and evidence span, so it is the same
// whatever order the reports arrived in, and does not change as later reports join.
func ID(members []doc.MentionRecord) string {
	s := Seed(members)
	h := sha256.Sum256(fmt.Appendf(nil, "%s|%d|%d", s.Doc.ID, s.Mention.Evidence.Span.Start, s.Mention.Evidence.Span.End))
	return "ev-" + hex.EncodeToString(h[:8])
}
