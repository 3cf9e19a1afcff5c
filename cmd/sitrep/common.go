package main

import (
	"context"
	"fmt"

	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/geo"
	"github.com/sitrep-dev/sitrep/lexicon"
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

func openStore(ctx context.Context, path string) (*sqlite.Store, error) {
	return sqlite.Open(ctx, path)
}
