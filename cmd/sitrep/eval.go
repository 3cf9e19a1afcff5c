package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/eval"
)

// evalSets are the gold sets `sitrep eval --shared DIR` scores, tuning sets first. Only the first
// three may be looked at for tuning; the rest are held out (see README, Evaluation).
var evalSets = []string{"acled-2022-mideast", "case2021-task2", "centcom-strikes-2014-2016", "acled-2020-mideast", "acled-2020-afghanistan", "gtd-iraq-2012-2017", "ucdp-ged-sample"}

func evalCmd() *cobra.Command {
	var (
		format, shared, floorPath, worstOut, writeFloor string
		fusionDir                                       string // evalfusion.go
		asJSON, noPrior                                 bool
		lexicons                                        []string
	)
	cmd := &cobra.Command{
		Use:   "eval [flags] FILE|DIR...",
		Short: "Score the extractor against human-coded gold data (ACLED, CASE 2021, GTD, UCDP)",
		Long: `Runs the full extractor on each gold record's text and compares its top-ranked event (highest
confidence; ties: earliest sentence, then type name) with the human coding. Prints a table, or with
--json one JSON object per set. The gold data is licensed for internal evaluation only: never commit
its rows or a report's worst-error list.`,
		Example: `  sitrep eval --shared ../shared/eval
  sitrep eval --format acled --json ../shared/eval/acled-2022-mideast/acled_2022h1_middle_east.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if fusionDir != "" {
				if err := runFusionEval(cmd, fusionDir, lexicons, asJSON); err != nil {
					return err
				}
				if len(args) == 0 && shared == "" {
					return nil
				}
			}
			paths := args
			if shared != "" {
				for _, s := range evalSets {
					if _, err := os.Stat(filepath.Join(shared, s)); err == nil {
						paths = append(paths, filepath.Join(shared, s))
					}
				}
			}
			if len(paths) == 0 {
				return fmt.Errorf("no gold data given: name files or directories, or --shared DIR")
			}
			x, err := newExtractor(lexicons)
			if err != nil {
				return err
			}
			var reports []eval.Report
			for _, p := range paths {
				r, err := eval.RunCollection(p, format, func(docs []doc.Document) eval.Extractor {
					if noPrior {
						return x.Extract
					}
					return x.WithPrior(x.CollectionPrior(docs)).Extract
				})
				if err != nil {
					return err
				}
				reports = append(reports, r)
			}
			if worstOut != "" {
				b, _ := json.MarshalIndent(reports, "", "  ")
				if err := os.WriteFile(worstOut, b, 0o600); err != nil {
					return err
				}
			}
			for i := range reports {
				reports[i].Worst = nil // gold text stays out of what is printed and may be pasted
			}
			if asJSON {
				enc := json.NewEncoder(os.Stdout)
				for _, r := range reports {
					if err := enc.Encode(r); err != nil {
						return err
					}
				}
			} else if err := eval.WriteTable(os.Stdout, reports); err != nil {
				return err
			}
			if writeFloor != "" {
				b, err := json.MarshalIndent(eval.NewFloor(reports, eval.HeldOut), "", "  ")
				if err != nil {
					return err
				}
				if err := os.WriteFile(writeFloor, append(b, '\n'), 0o644); err != nil {
					return err
				}
			}
			if floorPath != "" {
				floor, err := eval.LoadFloor(floorPath)
				if err != nil {
					return err
				}
				if fails := eval.CheckFloor(reports, floor, 0.02); len(fails) > 0 {
					return fmt.Errorf("below the regression floor %s:\n  %s", floorPath, strings.Join(fails, "\n  "))
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "gold format: acled, case, gtd, ucdp, centcom (default: detected from the header)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object per set")
	cmd.Flags().StringVar(&shared, "shared", "", "score every known set found in this directory (e.g. ../shared/eval)")
	cmd.Flags().StringVar(&floorPath, "floor", "", "fail when a figure drops more than 0.02 below this floor file (eval/floor.json)")
	cmd.Flags().StringVar(&writeFloor, "write-floor", "", "write the held-out sets' figures as a new regression floor file (raise the floor as figures improve)")
	cmd.Flags().StringVar(&worstOut, "worst", "", "write full reports with the 20 worst errors to this file (holds gold text: never commit it)")
	cmd.Flags().StringSliceVar(&lexicons, "lexicon", nil, "extra lexicon TSV file(s)")
	cmd.Flags().BoolVar(&noPrior, "no-prior", false, "score each record alone, without the set's collection prior (the countries its reports are mostly about, weighed for ambiguous names as `sitrep ingest` does for each file)")
	cmd.Flags().StringVar(&fusionDir, "fusion", "", "score fusion on a gold set: a directory of JSONL reports and gold.tsv (testdata/fusion): pairwise merge precision and recall")
	return cmd
}
