package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/ingest"
)

// Fusion gold sets (testdata/fusion, written for this project) are a directory of JSON Lines
// reports — {"id", "source", "published", "text"}, the format `sitrep ingest` reads — and gold.tsv,
// a header line and then one "record id<TAB>event key" line per report: the real event the report is
// about. Reports of one event have one key.
//
// Fusion is scored pairwise over documents, as coreference usually is: of the pairs of documents the
// system puts in one event, the share that the gold puts in one event (precision), and of the gold's
// pairs, the share the system puts together (recall). A document's event is the event its first
// mention (the lead) is part of; a near-copy's, that of the original it copies; a document with no
// mention is an event of its own. Exact re-sends (the same outlet and text, hence the same content
// id) count once.

// FusionGold is a fusion gold set read from its directory.
type FusionGold struct {
	Docs   []doc.Document    // every distinct document, in file order (files sorted by name)
	Event  map[string]string // content id → gold event key
	Record map[string]string // content id → record id, for messages
}

// ReadFusionGold reads the reports (*.jsonl) and gold.tsv of dir. Every report must have a gold key,
// and the records of one document (exact re-sends) the same one.
func ReadFusionGold(dir string) (FusionGold, error) {
	g := FusionGold{Event: map[string]string{}, Record: map[string]string{}}
	keys, err := readGoldTSV(filepath.Join(dir, "gold.tsv"))
	if err != nil {
		return g, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return g, err
	}
	if len(files) == 0 {
		return g, fmt.Errorf("%s: no .jsonl reports", dir)
	}
	sort.Strings(files)
	for _, f := range files {
		docs, bad, err := ingest.Read(f, ingest.Options{})
		if err != nil {
			return g, err
		}
		if len(bad) > 0 {
			return g, bad[0]
		}
		ids, err := recordIDs(f)
		if err != nil {
			return g, err
		}
		for _, d := range docs {
			rec := ids[d.Origin]
			key, ok := keys[rec]
			if !ok {
				return g, fmt.Errorf("%s (record %q): no line in gold.tsv", d.Origin, rec)
			}
			if prev, seen := g.Event[d.ID]; seen {
				if prev != key {
					return g, fmt.Errorf("%s (record %q): the same document as record %q, but event %q, not %q", d.Origin, rec, g.Record[d.ID], key, prev)
				}
				continue
			}
			g.Event[d.ID], g.Record[d.ID] = key, rec
			g.Docs = append(g.Docs, d)
		}
	}
	return g, nil
}

func readGoldTSV(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if n == 1 || line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rec, key, ok := strings.Cut(line, "\t")
		if !ok || rec == "" || strings.TrimSpace(key) == "" {
			return nil, fmt.Errorf("%s:%d: want record id<TAB>event key", path, n)
		}
		out[rec] = strings.TrimSpace(key)
	}
	return out, sc.Err()
}

// recordIDs maps "file:line" (a document's Origin) to the record's "id".
func recordIDs(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	br := bufio.NewReader(f)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if len(strings.TrimSpace(string(line))) > 0 {
			var r struct {
				ID json.RawMessage `json:"id"`
			}
			if json.Unmarshal(line, &r) == nil {
				var id string
				if json.Unmarshal(r.ID, &id) != nil {
					id = string(r.ID)
				}
				out[fmt.Sprintf("%s:%d", path, n)] = id
			}
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// FusionScore is the pairwise score of a grouping of documents against the gold one.
type FusionScore struct {
	Documents    int     `json:"documents"`
	GoldEvents   int     `json:"gold_events"`
	SystemEvents int     `json:"system_events"` // events the documents' leads are in
	GoldPairs    int     `json:"gold_pairs"`
	SystemPairs  int     `json:"system_pairs"`
	TruePairs    int     `json:"true_pairs"`
	Precision    float64 `json:"precision"`
	Recall       float64 `json:"recall"`
	F1           float64 `json:"f1"`
	// Split lists gold events the system splits, Merged system events that join gold events
	// (as "key: record ids"), for looking into errors.
	Split  []string `json:"split,omitempty"`
	Merged []string `json:"merged,omitempty"`
}

// ScoreFusion scores the system grouping (document → event id; "" or absent: an event of its own)
// against the gold one (document → event key) over the documents of the gold. names, when not nil,
// names documents in Split and Merged.
func ScoreFusion(gold, system map[string]string, names map[string]string) FusionScore {
	docs := make([]string, 0, len(gold))
	for d := range gold {
		docs = append(docs, d)
	}
	sort.Strings(docs)
	sys := func(d string) string {
		if e := system[d]; e != "" {
			return e
		}
		return "\x00" + d
	}
	s := FusionScore{Documents: len(docs)}
	goldSets, sysSets := map[string][]string{}, map[string][]string{}
	for _, d := range docs {
		goldSets[gold[d]] = append(goldSets[gold[d]], d)
		sysSets[sys(d)] = append(sysSets[sys(d)], d)
	}
	s.GoldEvents, s.SystemEvents = len(goldSets), len(sysSets)
	for i, a := range docs {
		for _, b := range docs[i+1:] {
			g, y := gold[a] == gold[b], sys(a) == sys(b)
			if g {
				s.GoldPairs++
			}
			if y {
				s.SystemPairs++
			}
			if g && y {
				s.TruePairs++
			}
		}
	}
	s.Precision, s.Recall = 1, 1
	if s.SystemPairs > 0 {
		s.Precision = float64(s.TruePairs) / float64(s.SystemPairs)
	}
	if s.GoldPairs > 0 {
		s.Recall = float64(s.TruePairs) / float64(s.GoldPairs)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	name := func(d string) string {
		if n := names[d]; n != "" {
			return n
		}
		return d
	}
	describe := func(label string, ds []string) string {
		var parts []string
		for _, d := range ds {
			parts = append(parts, name(d))
		}
		return label + ": " + strings.Join(parts, " ")
	}
	for _, key := range sortedKeys(goldSets) {
		ds := goldSets[key]
		if len(ds) > 1 && len(groupsOf(ds, sys)) > 1 {
			var parts []string
			for _, g := range groupsOf(ds, sys) {
				parts = append(parts, describe("", g)[2:])
			}
			s.Split = append(s.Split, key+": "+strings.Join(parts, " | "))
		}
	}
	for _, e := range sortedKeys(sysSets) {
		ds := sysSets[e]
		if gs := groupsOf(ds, func(d string) string { return gold[d] }); len(gs) > 1 {
			var parts []string
			for _, g := range gs {
				parts = append(parts, describe(gold[g[0]], g))
			}
			s.Merged = append(s.Merged, strings.Join(parts, " + "))
		}
	}
	return s
}

func groupsOf(ds []string, key func(string) string) [][]string {
	byKey := map[string][]string{}
	for _, d := range ds {
		byKey[key(d)] = append(byKey[key(d)], d)
	}
	var out [][]string
	for _, k := range sortedKeys(byKey) {
		out = append(out, byKey[k])
	}
	return out
}

// RunFusion ingests a fusion gold set with add — in file order, or in the order perm gives (indexes
// into g.Docs) when not nil — then asks lead for each document's event and scores the grouping.
func RunFusion(ctx context.Context, g FusionGold, perm []int, add func(context.Context, doc.Document) error,
	lead func(ctx context.Context, docID string) (string, error)) (FusionScore, map[string]string, error) {
	order := perm
	if order == nil {
		order = make([]int, len(g.Docs))
		for i := range order {
			order[i] = i
		}
	}
	for _, i := range order {
		if err := add(ctx, g.Docs[i]); err != nil {
			return FusionScore{}, nil, err
		}
	}
	system := map[string]string{}
	for _, d := range g.Docs {
		e, err := lead(ctx, d.ID)
		if err != nil {
			return FusionScore{}, nil, err
		}
		system[d.ID] = e
	}
	return ScoreFusion(g.Event, system, g.Record), system, nil
}

// WriteFusion prints a fusion score: the figures, then the gold events the system split and the
// system events that join gold events, by record id.
func WriteFusion(w io.Writer, name string, s FusionScore) error {
	_, err := fmt.Fprintf(w, "fusion %s: %d documents, %d gold events, %d system events\n"+
		"  pairwise precision %.3f (%d of %d pairs)  recall %.3f (%d of %d pairs)  F1 %.3f\n",
		name, s.Documents, s.GoldEvents, s.SystemEvents,
		s.Precision, s.TruePairs, s.SystemPairs, s.Recall, s.TruePairs, s.GoldPairs, s.F1)
	for _, x := range s.Split {
		if err == nil {
			_, err = fmt.Fprintf(w, "  split   %s\n", x)
		}
	}
	for _, x := range s.Merged {
		if err == nil {
			_, err = fmt.Fprintf(w, "  merged  %s\n", x)
		}
	}
	return err
}
