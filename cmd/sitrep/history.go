package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/export"
	"github.com/sitrep-dev/sitrep/store"
)

// printHistory is `sitrep events --history ID`: every stored version of an event (an id it was
// once known by works too), oldest first. In jsonl and json each version comes with what changed,
// the document that changed it and when it was recorded; csv and geojson print the event's states.
func printHistory(cmd *cobra.Command, dbPath, id, format string) error {
	st, err := openExisting(cmd, dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	versions, err := st.EventHistory(cmd.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("--history: no event %s in %s", id, dbPath)
	}
	if err != nil {
		return err
	}
	switch format {
	case "jsonl":
		enc := json.NewEncoder(os.Stdout)
		for _, v := range versions {
			if err := enc.Encode(v); err != nil {
				return err
			}
		}
		return nil
	case "json":
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(versions)
	}
	events := make([]doc.Event, len(versions))
	for i, v := range versions {
		events[i] = v.Event
	}
	return export.Write(os.Stdout, format, events)
}
