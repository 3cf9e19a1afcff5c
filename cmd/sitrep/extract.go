package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/export"
	"github.com/sitrep-dev/sitrep/fuse"
	"github.com/sitrep-dev/sitrep/ingest"
)

func extractCmd() *cobra.Command {
	var (
		format, inputFormat string
		opts                readOptions
		noPrior             bool
	)
	cmd := &cobra.Command{
		Use:   "extract [flags] FILE|-",
		Short: "Print the events one file (or standard input) reports, without storing anything",
		Example: `  sitrep extract --published 2025-12-22 --source "Example Daily" --format jsonl article.txt
  cat article.txt | sitrep extract --published 2025-12-22 -`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			iopt, err := opts.ingestOptions()
			if err != nil {
				return err
			}
			x, err := newExtractor(opts.lexicons)
			if err != nil {
				return err
			}
			var docs []doc.Document
			var bad []ingest.RecordError
			if args[0] == "-" {
				docs, bad, err = ingest.ReadReader(os.Stdin, "stdin", "."+strings.TrimPrefix(inputFormat, "."), iopt)
			} else {
				docs, bad, err = ingest.Read(args[0], iopt)
			}
			for _, b := range bad {
				fmt.Fprintln(os.Stderr, "sitrep:", b.Error())
			}
			if err != nil {
				return err
			}
			if !noPrior {
				x = x.WithPrior(x.CollectionPrior(docs))
			}
			var events []doc.Event
			for _, d := range docs {
				for i, m := range x.Extract(d) {
					events = append(events, fuse.Single(d, i, m))
				}
			}
			if err := export.Write(os.Stdout, format, events); err != nil {
				return err
			}
			if len(bad) > 0 {
				return errReported
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "jsonl", "output format: "+strings.Join(export.Formats, ", "))
	cmd.Flags().BoolVar(&noPrior, "no-prior", false, "read each document alone: the file's reports do not weigh for the countries its ambiguous place names are in")
	cmd.Flags().StringVar(&inputFormat, "input-format", "txt", "format of standard input: txt, html, xml, jsonl")
	opts.register(cmd)
	return cmd
}

// readOptions are the flags that say how to read plain-text input and which extra lexicons to load.
type readOptions struct {
	published, source string
	lexicons          []string
	maxDocBytes       int
	maxLineBytes      int
}

func (o *readOptions) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.published, "published", "", "publication date of .txt input (YYYY-MM-DD or RFC 3339; default: the file's modification date)")
	cmd.Flags().StringVar(&o.source, "source", "", "outlet of .txt input (default: the file name)")
	cmd.Flags().StringSliceVar(&o.lexicons, "lexicon", nil, "extra lexicon TSV file(s): *actors*.tsv, *countries*.tsv, *outlets*.tsv, *actions*.tsv, *cues*.tsv")
	cmd.Flags().IntVar(&o.maxDocBytes, "max-doc-bytes", ingest.DefaultMaxDocBytes, "largest document accepted, in bytes (a feed file may be 10 times as large)")
	cmd.Flags().IntVar(&o.maxLineBytes, "max-line-bytes", ingest.DefaultMaxLineBytes, "longest JSON Lines line accepted, in bytes")
}

func (o *readOptions) ingestOptions() (ingest.Options, error) {
	if o.maxDocBytes <= 0 || o.maxLineBytes <= 0 {
		return ingest.Options{}, fmt.Errorf("--max-doc-bytes and --max-line-bytes: want a positive number of bytes")
	}
	opt := ingest.Options{Source: o.source, MaxDocBytes: o.maxDocBytes, MaxLineBytes: o.maxLineBytes,
		// What was read but looks wrong is said without failing the run.
		Warn: func(e ingest.RecordError) { fmt.Fprintln(os.Stderr, "sitrep: warning:", e.Error()) }}
	if o.published != "" {
		t, err := parseDate(o.published)
		if err != nil {
			return opt, fmt.Errorf("--published: %w", err)
		}
		opt.Published = t
	}
	return opt, nil
}

// parseDate reads YYYY-MM-DD or RFC 3339.
func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse(doc.DateLayout, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD or RFC 3339)", s)
	}
	return t.UTC(), nil
}
