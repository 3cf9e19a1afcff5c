package main

import (
	"context"
	"fmt"

	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/geo"
	"github.com/sitrep-dev/sitrep/lexicon"
	"github.com/sitrep-dev/sitrep/store"
	"github.com/sitrep-dev/sitrep/store/postgres"
	"github.com/sitrep-dev/sitrep/store/sqlite"
)

func newExtractor(extraLexicons []string) (*extract.Extractor, error) {
	lex, err := lexicon.Default()
	if len(extraLexicons) > 0 {
		lex, err = lexicon.Build(extraLexicons)
	}
	if err != nil {
		return nil, err
	}
	gaz, err := geo.Default()
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	return extract.New(lex, gaz)
}

// openStore opens the store a --db value names: a PostgreSQL URL (postgres://...) or a SQLite file.
func openStore(ctx context.Context, db string) (store.Served, error) {
	if postgres.IsURL(db) {
		return postgres.Open(ctx, db)
	}
	return sqlite.Open(ctx, db)
}
