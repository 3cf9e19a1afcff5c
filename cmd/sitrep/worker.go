package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/pipeline"
	"github.com/sitrep-dev/sitrep/queue"
	"github.com/sitrep-dev/sitrep/store"
)

func workerCmd() *cobra.Command {
	var (
		natsURL, dbPath string
		lexicons        []string
		concurrency     int
		ackWait         time.Duration
	)
	cmd := &cobra.Command{
		Use:   "worker --nats URL --db postgres://...",
		Short: "Take documents from a NATS JetStream queue (filled by `sitrep ingest --nats`), extract, fuse and store them",
		Long: `Runs until Ctrl-C or SIGTERM, then finishes the documents in hand. Start any number, on any
machines, against one PostgreSQL database: each document goes to one worker at a time and is
acknowledged only after its write commits; a worker that dies mid-document leaves it to another
once --ack-wait has passed, and the second delivery adds nothing twice. Fusion takes a lock per
country (and per near-duplicate band) in PostgreSQL, so workers on different countries never wait
for each other. With a SQLite --db, one worker with --concurrency 1 is the most there may be.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if natsURL == "" {
				return fmt.Errorf("--nats: name the NATS server (nats://host:4222)")
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			x, err := newExtractor(lexicons)
			if err != nil {
				return err
			}
			st, err := openStore(ctx, dbPath)
			if err != nil {
				return err
			}
			defer st.Close()
			if _, ok := st.(store.FusionLocker); !ok && concurrency > 1 {
				return fmt.Errorf("--concurrency %d: a SQLite store takes one writer; use a PostgreSQL --db for more", concurrency)
			}
			nc, js, err := queue.Connect(ctx, natsURL)
			if err != nil {
				return err
			}
			defer nc.Close()
			p := &pipeline.Pipeline{Extractor: x, Store: st}
			w := &queue.Worker{JS: js, Concurrency: concurrency, AckWait: ackWait, Logger: slog.Default(),
				Handle: func(ctx context.Context, d doc.Document) error { _, err := p.Add(ctx, d); return err }}
			// always said (not only at --log-level info): scripts wait for this line
			fmt.Fprintf(os.Stderr, "sitrep worker: taking documents from %s (stream %s) into %s, %d at a time\n",
				natsURL, queue.Stream, redactDB(dbPath), max(concurrency, 1))
			stats, err := w.Run(ctx)
			fmt.Fprintf(os.Stderr, "sitrep worker: stopped; %d documents handled, %d failures to retry, %d dropped\n",
				stats.Handled, stats.Failed, stats.Dropped)
			return err
		},
	}
	cmd.Flags().StringVar(&natsURL, "nats", "", "NATS server with JetStream (nats://host:4222)")
	cmd.Flags().StringVar(&dbPath, "db", "sitrep.db", "PostgreSQL URL (postgres://user:password@host/db) or SQLite file")
	cmd.Flags().StringSliceVar(&lexicons, "lexicon", nil, "extra lexicon files (TSV) added to the built-in ones")
	cmd.Flags().IntVar(&concurrency, "concurrency", runtime.GOMAXPROCS(0), "documents handled at once (PostgreSQL only; 1 for SQLite)")
	cmd.Flags().DurationVar(&ackWait, "ack-wait", 2*time.Minute, "how long a document stays with a silent worker before another gets it")
	return cmd
}

// publishFiles is `sitrep ingest --nats`: read the files and publish their documents.
func publishFiles(ctx context.Context, natsURL string, files []string, opt ingest.Options, prog progress) error {
	nc, js, err := queue.Connect(ctx, natsURL)
	if err != nil {
		return err
	}
	defer nc.Close()
	pub := queue.NewPublisher(js, 0)
	publish := func(ctx context.Context, d doc.Document) (pipeline.Outcome, error) {
		return pipeline.Outcome{Added: true}, pub.Publish(ctx, d)
	}
	sum, err := runIngest(ctx, publish, nil, files, opt, prog)
	if err == nil {
		err = pub.Flush(ctx)
	}
	return sum.report(fmt.Sprintf("published %d documents from %d files to %s (stream %s)", sum.Documents, sum.Files, natsURL, queue.Stream), err)
}

// redactDB is a --db value fit for a log line: a URL loses its password.
func redactDB(db string) string {
	u, err := url.Parse(db)
	if err != nil || u.Scheme == "" {
		return db
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
