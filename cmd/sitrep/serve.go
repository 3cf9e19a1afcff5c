package main

import (
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/sitrep-dev/sitrep/pipeline"
	"github.com/sitrep-dev/sitrep/server"
	"github.com/sitrep-dev/sitrep/web"
)

func serveCmd() *cobra.Command {
	var (
		dbPath, addr string
		lexicons     []string
		limit        server.RateLimit
	)
	cmd := &cobra.Command{
		Use:   "serve [flags]",
		Short: "Serve the JSON API and the web page (map, timeline, evidence) over HTTP",
		Long: `Serves the database over HTTP: the web page at /, the JSON API under /api (see /openapi.json),
/healthz and /metrics. Writes (POST /api/documents, watches) need the header
"Authorization: Bearer $SITREP_API_TOKEN" and are off when SITREP_API_TOKEN is not set. The database
is created if missing. Each client (IP address) may make --rate-limit requests a second, in bursts
of up to --rate-burst; past that it gets 429 with Retry-After. Stops cleanly on Ctrl-C or SIGTERM.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			st, err := openStore(ctx, dbPath)
			if err != nil {
				return err
			}
			defer st.Close()
			token := os.Getenv("SITREP_API_TOKEN")
			var p *pipeline.Pipeline
			if token != "" {
				x, err := newExtractor(lexicons)
				if err != nil {
					return err
				}
				p = &pipeline.Pipeline{Extractor: x, Store: st}
			}
			if limit.Rate < 0 || limit.Burst < 0 {
				return fmt.Errorf("--rate-limit and --rate-burst: want 0 or more (0 turns limiting off)")
			}
			srv, err := server.New(server.Config{Store: st, Pipeline: p, Token: token, Logger: slog.Default(), RateLimit: limit})
			if err != nil {
				return err
			}
			defer srv.Close()
			return srv.ListenAndServe(ctx, addr, func(a net.Addr) {
				writes := "writes off (set SITREP_API_TOKEN to enable POST /api/documents and watches)"
				if token != "" {
					writes = "writes on (Authorization: Bearer $SITREP_API_TOKEN)"
				}
				fmt.Fprintf(os.Stderr, "sitrep: serving %s on http://%s/ — API: http://%s/openapi.json; %s\n", dbPath, a, a, writes)
				if !web.Built() {
					fmt.Fprintln(os.Stderr, "sitrep: the web page is not built into this binary: run `make web`, then rebuild")
				}
			})
		},
	}
	cmd.Flags().StringVar(&dbPath, "db", "sitrep.db", "SQLite database file (created if missing)")
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on (host:port)")
	cmd.Flags().StringSliceVar(&lexicons, "lexicon", nil, "extra dictionary files for posted documents (see lexicon/data/README.md)")
	cmd.Flags().Float64Var(&limit.Rate, "rate-limit", server.DefaultRateLimit, "requests per second per client (IP address, IPv6 /64) before 429 Too Many Requests; 0 turns limiting off")
	cmd.Flags().IntVar(&limit.Burst, "rate-burst", server.DefaultRateBurst, "requests a client may send at once, above --rate-limit")
	cmd.Flags().BoolVar(&limit.TrustForwardedFor, "trust-forwarded-for", false, "count clients by the last X-Forwarded-For address (only behind a proxy that sets it)")
	return cmd
}
