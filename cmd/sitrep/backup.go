package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/sitrep-dev/sitrep/store/postgres"
	"github.com/sitrep-dev/sitrep/store/sqlite"
)

func backupCmd() *cobra.Command {
	var dbPath, out string
	cmd := &cobra.Command{
		Use:   "backup --db PATH --out FILE",
		Short: "Copy the database while it is in use, then check the copy opens and passes an integrity check",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fmt.Errorf("--out: name the backup file")
			}
			if postgres.IsURL(dbPath) {
				return fmt.Errorf("--db %s: sitrep backup copies SQLite files; back up PostgreSQL with pg_dump or its own replication", "postgres://...")
			}
			if _, err := os.Stat(dbPath); err != nil {
				return fmt.Errorf("database %s: %w", dbPath, err)
			}
			st, err := sqlite.Open(cmd.Context(), dbPath)
			if err != nil {
				return err
			}
			defer st.Close()
			counts, err := st.Backup(cmd.Context(), out)
			if err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "backed up %s to %s and checked it: ", dbPath, out)
			return json.NewEncoder(os.Stderr).Encode(counts)
		},
	}
	cmd.Flags().StringVar(&dbPath, "db", "sitrep.db", "SQLite database file to copy")
	cmd.Flags().StringVar(&out, "out", "", "backup file to write (must not exist)")
	return cmd
}
