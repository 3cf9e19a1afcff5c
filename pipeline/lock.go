package pipeline

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/store"
)

// fuseLocked is Fuse under the store's fusion locks, when it has them (store.FusionLocker): the
// locks of every area (country and month) and near-duplicate band the document reads or writes are held from
// before the read until unlock, which the caller calls after its write commits. Two writers then
// never fuse the same area or the same near-copies at once, while writers busy with different
// countries run side by side.
//
// The locks are known in advance but for one case: the stored events of the document's near-copies
// may lie in another country or month. When the read finds such an event, every lock is let go and the
// larger set taken afresh, in the one global order, so no two writers deadlock.
func (p *Pipeline) fuseLocked(ctx context.Context, d doc.Document, mentions []doc.Mention) (store.Fused, Outcome, func(), error) {
	sig := ingest.Signature(d)
	locker, ok := p.Store.(store.FusionLocker)
	if !ok {
		f, out, _, err := p.fuse(ctx, d, mentions, sig)
		return f, out, func() {}, err
	}
	keys := lockKeys(sig, mentions)
	for {
		unlock, err := locker.LockFusion(ctx, keys)
		if err != nil {
			return store.Fused{}, Outcome{}, nil, err
		}
		f, out, read, err := p.fuse(ctx, d, mentions, sig)
		if err != nil {
			unlock()
			return f, out, nil, err
		}
		need := touchedAreas(f, read)
		if missing(need, keys) {
			unlock()
			keys = union(keys, need)
			continue
		}
		return f, out, unlock, nil
	}
}

// lockKeys are the locks a document needs before fusion reads: its near-duplicate bands, the
// country and month of each mention (where an event of its own would lie) and, for each area its
// mentions may fuse in, the area's country in every month its look-up spans.
func lockKeys(sig ingest.MinHash, mentions []doc.Mention) []string {
	bands := sig.BandKeys()
	var keys []string
	for _, b := range bands {
		keys = append(keys, "band:"+strconv.FormatInt(b, 10))
	}
	for _, m := range mentions {
		keys = append(keys, placeKey(m.Location, m.Date.Start))
	}
	for _, a := range areas(mentions) {
		// the look-up finds events that began up to store.MaxEventSpanDays before the area
		for m := monthOf(a.Since.AddDate(0, 0, -store.MaxEventSpanDays)); !m.After(a.Until); m = m.AddDate(0, 1, 0) {
			keys = append(keys, areaKey(a.Country, m))
		}
	}
	return union(nil, keys)
}

// areaKey names the lock of a country's events that begin in one month. Locking by month as well
// as country lets writers fuse reports of one country's different months (a backfill) side by side.
func areaKey(country string, t time.Time) string {
	return "area:" + country + ":" + t.Format("2006-01")
}

func monthOf(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC) }

// placeKey is the area lock of an event at this place (nil: none) beginning at start.
func placeKey(l *doc.Place, start time.Time) string {
	if l == nil {
		return areaKey("", start)
	}
	return areaKey(l.Country, start)
}

// touchedAreas are the areas of every event fusion read, writes or removes.
func touchedAreas(f store.Fused, read []doc.Event) []string {
	var keys []string
	for _, w := range f.Events {
		keys = append(keys, placeKey(w.Event.Location, w.Event.Date.Start))
	}
	for _, e := range read {
		keys = append(keys, placeKey(e.Location, e.Date.Start))
	}
	return keys
}

func missing(need, held []string) bool {
	for _, k := range need {
		if !slices.Contains(held, k) {
			return true
		}
	}
	return false
}

func union(a, b []string) []string {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}
