package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/export"
	"github.com/sitrep-dev/sitrep/store"
)

func eventsCmd() *cobra.Command {
	var (
		dbPath, format, since, until string
		f                            store.EventFilter
	)
	cmd := &cobra.Command{
		Use:   "events [flags]",
		Short: "Print stored events, newest first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if since != "" {
				if f.Since, err = parseDate(since); err != nil {
					return fmt.Errorf("--since: %w", err)
				}
			}
			if until != "" {
				if f.Until, err = parseDate(until); err != nil {
					return fmt.Errorf("--until: %w", err)
				}
			}
			st, err := openExisting(cmd, dbPath)
			if err != nil {
				return err
			}
			defer st.Close()
			events, err := st.Events(cmd.Context(), f)
			if err != nil {
				return err
			}
			return export.Write(os.Stdout, format, events)
		},
	}
	cmd.Flags().StringVar(&dbPath, "db", "sitrep.db", "SQLite database file")
	cmd.Flags().StringVar(&format, "format", "jsonl", "output format: "+strings.Join(export.Formats, ", "))
	cmd.Flags().StringVar(&since, "since", "", "only events on or after this date (YYYY-MM-DD)")
	cmd.Flags().StringVar(&until, "until", "", "only events on or before this date (YYYY-MM-DD)")
	cmd.Flags().StringVar(&f.Country, "country", "", "only events in this country (ISO3, e.g. SYR)")
	cmd.Flags().StringVar(&f.Type, "type", "", "only events of this PLOVER type (e.g. ASSAULT)")
	cmd.Flags().StringVar(&f.ACLEDType, "acled-type", "", `only events of this ACLED event type (e.g. "Battles")`)
	cmd.Flags().IntVar(&f.Limit, "limit", 0, "at most this many events (0: all)")
	return cmd
}

// openExisting opens a database that must already exist: reading from a mistyped path should not
// silently create an empty one.
func openExisting(cmd *cobra.Command, path string) (store.Store, error) {
	if _, err := os.Stat(path); err != nil {
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
