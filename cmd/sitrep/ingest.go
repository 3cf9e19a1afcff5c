package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/pipeline"
)

// ingestSummary is what `sitrep ingest` reports when it ends.
type ingestSummary struct {
	Files, FailedFiles, Documents, Added, AlreadyStored, BadRecords, Mentions int
}

func ingestCmd() *cobra.Command {
	var (
		dbPath   string
		natsURL  string
		opts     readOptions
		progress string
		noPrior  bool
	)
	cmd := &cobra.Command{
		Use:   "ingest [flags] PATH...",
		Short: "Read files or directories (recursively), extract events and store them",
		Long: `Reads .txt, .html/.htm, .xml/.rss/.atom feeds and .jsonl files, extracts their events, fuses
reports of the same event and stores everything in the database (a SQLite file, or PostgreSQL);
with --nats it only publishes the documents to a NATS JetStream queue that workers drain. Each document is stored in
one transaction with its events, so an interrupted run loses nothing already stored and a second
run completes it; documents already stored are skipped.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			iopt, err := opts.ingestOptions()
			if err != nil {
				return err
			}
			files, skipped, err := ingest.WalkSkipped(args)
			if err != nil {
				return err
			}
			warnSkipped(skipped)
			if natsURL != "" {
				return publishFiles(ctx, natsURL, files, iopt, newProgress(progress, len(files)))
			}
			x, err := newExtractor(opts.lexicons)
			if err != nil {
				return err
			}
			st, err := openStore(ctx, dbPath)
			if err != nil {
				return err
			}
			defer st.Close()
			p := &pipeline.Pipeline{Extractor: x, Store: st}
			prepare := func(docs []doc.Document) { p.Extractor = x.WithPrior(x.CollectionPrior(docs)) }
			if noPrior {
				prepare = nil
			}
			sum, err := runIngest(ctx, p.Add, prepare, files, iopt, newProgress(progress, len(files)))
			return sum.report(fmt.Sprintf("ingested %d files into %s: %d documents read, %d added, %d already stored, %d events mentioned",
				sum.Files, redactDB(dbPath), sum.Documents, sum.Added, sum.AlreadyStored, sum.Mentions), err)
		},
	}
	cmd.Flags().StringVar(&dbPath, "db", "sitrep.db", "SQLite database file (created if missing) or PostgreSQL URL (postgres://user:password@host/db)")
	cmd.Flags().StringVar(&natsURL, "nats", "", "publish the documents to this NATS JetStream server (nats://host:4222) for `sitrep worker`s to store, instead of storing them here")
	cmd.Flags().BoolVar(&noPrior, "no-prior", false, "read each document alone: no file's reports weigh for the countries its ambiguous place names are in (see README, Geoparsing)")
	cmd.Flags().StringVar(&progress, "progress", "auto", "progress display: auto (a bar on a terminal, log lines otherwise), bar, log, none")
	opts.register(cmd)
	return cmd
}

// maxSkippedShown keeps a directory of photos from burying the rest of the output.
const maxSkippedShown = 10

// warnSkipped says which entries of the directories walked were passed over, and why.
func warnSkipped(skipped []ingest.Skipped) {
	for i, s := range skipped {
		if i == maxSkippedShown {
			fmt.Fprintf(os.Stderr, "sitrep: warning: %d more entries skipped\n", len(skipped)-maxSkippedShown)
			break
		}
		fmt.Fprintln(os.Stderr, "sitrep: warning:", s.String())
	}
}

// report prints what ingest did (head, then the bad records and files) and gives the command's
// error: err, or errReported when some input was bad.
func (sum ingestSummary) report(head string, err error) error {
	fmt.Fprint(os.Stderr, head)
	if sum.BadRecords > 0 {
		fmt.Fprintf(os.Stderr, ", %d bad records skipped (the valid records of those files were kept)", sum.BadRecords)
	}
	if sum.FailedFiles > 0 {
		fmt.Fprintf(os.Stderr, ", %d files failed", sum.FailedFiles)
	}
	fmt.Fprintln(os.Stderr)
	if err != nil {
		return err
	}
	if sum.FailedFiles > 0 || sum.BadRecords > 0 {
		return errReported
	}
	return nil
}

// progress shows how far ingest has got: a bar on a terminal, a log line every few seconds otherwise.
type progress interface {
	Add(files, docs int)
	Done()
}

func newProgress(mode string, total int) progress {
	if mode == "auto" {
		mode = "log"
		if term.IsTerminal(int(os.Stderr.Fd())) {
			mode = "bar"
		}
	}
	switch mode {
	case "bar":
		return &barProgress{bar: progressbar.NewOptions(total, progressbar.OptionSetWriter(os.Stderr),
			progressbar.OptionSetDescription("ingest"), progressbar.OptionShowCount(), progressbar.OptionSetItsString("files"),
			progressbar.OptionShowIts(), progressbar.OptionClearOnFinish())}
	case "none":
		return &logProgress{out: io.Discard}
	}
	return &logProgress{total: total, last: time.Now()}
}

type barProgress struct{ bar *progressbar.ProgressBar }

func (b *barProgress) Add(files, _ int) { b.bar.Add(files) }
func (b *barProgress) Done()            { b.bar.Finish() }

type logProgress struct {
	out                io.Writer
	total, files, docs int
	last               time.Time
}

func (l *logProgress) Add(files, docs int) {
	l.files += files
	l.docs += docs
	if l.out == nil && time.Since(l.last) > 5*time.Second {
		slog.Info("ingest progress", "files", l.files, "of", l.total, "documents", l.docs)
		l.last = time.Now()
	}
}
func (l *logProgress) Done() {
	if l.out == nil {
		slog.Info("ingest done", "files", l.files, "documents", l.docs)
	}
}

// runIngest reads each file and adds its documents. A file that cannot be read is reported (naming
// it) and skipped; a cancelled context stops between documents.
// runIngest reads the files and adds their documents; prepare, if not nil, sees each file's documents
// first.
func runIngest(ctx context.Context, add func(context.Context, doc.Document) (pipeline.Outcome, error), prepare func([]doc.Document), files []string, opt ingest.Options, prog progress) (ingestSummary, error) {
	var sum ingestSummary
	defer prog.Done()
	for _, f := range files {
		docs, bad, err := ingest.Read(f, opt)
		sum.Files++
		for _, b := range bad {
			fmt.Fprintln(os.Stderr, "sitrep:", b.Error())
		}
		sum.BadRecords += len(bad)
		if err != nil {
			fmt.Fprintln(os.Stderr, "sitrep:", err)
			sum.FailedFiles++
			prog.Add(1, 0)
			continue
		}
		if prepare != nil {
			prepare(docs)
		}
		for _, d := range docs {
			if err := ctx.Err(); err != nil {
				return sum, fmt.Errorf("interrupted: %w (documents stored so far are kept; run again to finish)", err)
			}
			out, err := add(ctx, d)
			if err != nil {
				return sum, err
			}
			sum.Documents++
			if out.Added {
				sum.Added++
				sum.Mentions += out.Mentions
			} else {
				sum.AlreadyStored++
			}
		}
		prog.Add(1, len(docs))
	}
	return sum, nil
}
