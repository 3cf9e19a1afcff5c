package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/eval"
	"github.com/sitrep-dev/sitrep/pipeline"
)

// runFusionEval is `sitrep eval --fusion DIR`: ingest the gold set's reports into a scratch store
// through the pipeline, then score the events their leads fell into against gold.tsv (eval.ScoreFusion).
func runFusionEval(cmd *cobra.Command, dir string, lexicons []string, asJSON bool) error {
	ctx := cmd.Context()
	g, err := eval.ReadFusionGold(dir)
	if err != nil {
		return err
	}
	x, err := newExtractor(lexicons)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "sitrep-fusion-eval")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	st, err := openStore(ctx, filepath.Join(tmp, "fusion.db"))
	if err != nil {
		return err
	}
	defer st.Close()
	p := &pipeline.Pipeline{Extractor: x, Store: st}
	add := func(ctx context.Context, d doc.Document) error { _, err := p.Add(ctx, d); return err }
	lead := func(ctx context.Context, id string) (string, error) {
		evs, err := st.DocumentEvents(ctx, id)
		if err != nil || len(evs) == 0 {
			return "", err
		}
		return evs[0], nil
	}
	s, _, err := eval.RunFusion(ctx, g, nil, add, lead)
	if err != nil {
		return err
	}
	if asJSON {
		return json.NewEncoder(os.Stdout).Encode(struct {
			Set string `json:"set"`
			eval.FusionScore
		}{dir, s})
	}
	return eval.WriteFusion(os.Stdout, dir, s)
}
