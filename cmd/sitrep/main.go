// Command sitrep turns news reports about war and politics into stored, queryable, evidenced events.
package main

import (
	"errors"
	"fmt"
	"log/slog"
	"os"

	"github.com/spf13/cobra"
)

// errReported means the command already told the user what went wrong; main only sets the exit status.
var errReported = errors.New("reported")

func main() {
	root := &cobra.Command{
		Use:           "sitrep",
		Short:         "Turn conflict news into evidenced event rows: who did what to whom, where, when, how many died, according to whom",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	var logLevel string
	root.PersistentFlags().StringVar(&logLevel, "log-level", "warn", "log level: debug, info, warn, error")
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		var lvl slog.Level
		if err := lvl.UnmarshalText([]byte(logLevel)); err != nil {
			return fmt.Errorf("--log-level: %w", err)
		}
		slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: lvl})))
		return nil
	}
	root.AddCommand(extractCmd(), ingestCmd(), eventsCmd(), statsCmd(), summaryCmd(), evalCmd(), backupCmd(), serveCmd(), workerCmd())
	if err := root.Execute(); err != nil {
		if !errors.Is(err, errReported) {
			fmt.Fprintln(os.Stderr, "sitrep:", err)
		}
		os.Exit(1)
	}
}
