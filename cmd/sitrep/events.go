package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/export"
	"github.com/sitrep-dev/sitrep/server"
	"github.com/sitrep-dev/sitrep/store"
	"github.com/sitrep-dev/sitrep/store/postgres"
)

func eventsCmd() *cobra.Command {
	var (
		dbPath, format string
		history        string // history.go
		limit          int
		params         = map[string]*string{} // flag values by API parameter name
	)
	cmd := &cobra.Command{
		Use:   "events [flags]",
		Short: "Print stored events, newest first",
		Long: `Prints the stored events that pass the filters, newest event date first. The filters are the
API's (GET /api/events), read by the same parser: --since/--until dates, --bbox, --country, --actor,
--type, --acled-type, --q (full text over the evidence), --min-sources. With --limit, a full page
ends with the cursor of the next one on standard error; pass it back with --cursor.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if history != "" {
				return printHistory(cmd, dbPath, history, format)
			}
			v := url.Values{}
			for name, val := range params {
				if cmd.Flags().Changed(strings.ReplaceAll(name, "_", "-")) {
					v.Set(name, *val)
				}
			}
			f, err := server.ParseFilter(v)
			if err != nil {
				var pe *server.ParamError
				if errors.As(err, &pe) && pe.Param != "" {
					return fmt.Errorf("--%s: %s", strings.ReplaceAll(pe.Param, "_", "-"), pe.Reason)
				}
				return err
			}
			if limit < 0 {
				return fmt.Errorf("--limit: want 0 (all) or more, got %d", limit)
			}
			f.Limit = limit
			st, err := openExisting(cmd, dbPath)
			if err != nil {
				return err
			}
			defer st.Close()
			events, err := st.Events(cmd.Context(), f)
			if err != nil {
				return err
			}
			if err := export.Write(os.Stdout, format, events); err != nil {
				return err
			}
			if limit > 0 && len(events) == limit {
				fmt.Fprintf(os.Stderr, "sitrep: more events follow: add --cursor %s\n", store.NextCursor(events[len(events)-1]))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dbPath, "db", "sitrep.db", "SQLite database file")
	cmd.Flags().StringVar(&format, "format", "jsonl", "output format: "+strings.Join(export.Formats, ", "))
	param := func(name, usage string) {
		params[name] = cmd.Flags().String(strings.ReplaceAll(name, "_", "-"), "", usage)
	}
	param("since", "only events on or after this date (YYYY-MM-DD)")
	param("until", "only events on or before this date (YYYY-MM-DD)")
	param("bbox", "only events inside minLon,minLat,maxLon,maxLat (degrees)")
	param("country", "only events in this country (ISO3, e.g. SYR)")
	param("actor", `only events with this actor (name or words, e.g. "Rapid Support")`)
	param("type", "only events of this PLOVER type (e.g. ASSAULT)")
	param("acled_type", `only events of this ACLED event type (e.g. "Battles")`)
	param("q", `full-text search over the evidence sentences, actors and places (words, "phrases", prefix*)`)
	param("min_sources", "only events reported by at least this many independent outlets")
	param("cursor", "continue after the last event of a previous page (printed on stderr)")
	cmd.Flags().IntVar(&limit, "limit", 0, "at most this many events (0: all)")
	cmd.Flags().StringVar(&history, "history", "", "print every version of this event instead, oldest first: how it grew report by report")
	return cmd
}

// openExisting opens a database that must already exist: reading from a mistyped path should not
// silently create an empty one.
func openExisting(cmd *cobra.Command, path string) (store.Store, error) {
	if _, err := os.Stat(path); err != nil && !postgres.IsURL(path) {
		return nil, fmt.Errorf("database %s: %w (create it with `sitrep ingest --db %s PATH...`)", path, err, path)
	}
	return openStore(cmd.Context(), path)
}

func statsCmd() *cobra.Command {
	var dbPath string
	cmd := &cobra.Command{
		Use:   "stats",
		Short: `Print counts as JSON: {"documents": N, "events": M, "mentions": K}`,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := openExisting(cmd, dbPath)
			if err != nil {
				return err
			}
			defer st.Close()
			s, err := st.Stats(cmd.Context())
			if err != nil {
				return err
			}
			return json.NewEncoder(os.Stdout).Encode(s)
		},
	}
	cmd.Flags().StringVar(&dbPath, "db", "sitrep.db", "SQLite database file")
	return cmd
}

func summaryCmd() *cobra.Command {
	var dbPath string
	var latest int
	cmd := &cobra.Command{
		Use:   "summary",
		Short: "Print a readable summary: counts by type and country, and the latest events",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := openExisting(cmd, dbPath)
			if err != nil {
				return err
			}
			defer st.Close()
			s, err := st.Stats(cmd.Context())
			if err != nil {
				return err
			}
			events, err := st.Events(cmd.Context(), store.EventFilter{})
			if err != nil {
				return err
			}
			writeSummary(s, events, latest)
			return nil
		},
	}
	cmd.Flags().StringVar(&dbPath, "db", "sitrep.db", "SQLite database file")
	cmd.Flags().IntVar(&latest, "latest", 10, "how many of the latest events to list")
	return cmd
}

func writeSummary(s store.Stats, events []doc.Event, latest int) {
	fmt.Printf("%d documents, %d events, %d mentions\n\n", s.Documents, s.Events, s.Mentions)
	byType, byCountry := map[string]int{}, map[string]int{}
	for _, e := range events {
		t := e.ACLEDSubType
		if t == "" || t == "Other" {
			t = e.Type
		}
		byType[t]++
		c := "(unknown)"
		if e.Location != nil && e.Location.Country != "" {
			c = e.Location.Country
		}
		byCountry[c]++
	}
	printCounts("By type", byType)
	printCounts("By country", byCountry)
	fmt.Printf("Latest %d events\n", min(latest, len(events)))
	for i, e := range events {
		if i == latest {
			break
		}
		where := ""
		if e.Location != nil {
			where = e.Location.Name + ", " + e.Location.Country
		}
		who := ""
		if e.Actor1 != nil {
			who = e.Actor1.Name
		}
		if e.Actor2 != nil {
			who += " → " + e.Actor2.Name
		}
		fatal := ""
		if e.Fatalities != nil {
			fatal = fmt.Sprintf(", %d killed", *e.Fatalities)
		}
		fmt.Printf("  %s  %-34s %-40s %s%s (%d sources)\n", e.Date.Start.Format(doc.DateLayout), clip(e.ACLEDSubType+" "+e.Type, 34), clip(who, 40), where, fatal, e.Corroboration)
	}
}

func printCounts(title string, m map[string]int) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] || m[keys[i]] == m[keys[j]] && keys[i] < keys[j] })
	fmt.Println(title)
	for _, k := range keys {
		fmt.Printf("  %5d  %s\n", m[k], k)
	}
	fmt.Println()
}

func clip(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
