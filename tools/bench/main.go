// Command bench measures each stage of sitrep on a generated corpus (at least 50 MB of JSON Lines
// made from the bundled sample reports) and prints MB/s and documents/s per stage, next to `wc -w`
// on the same file: that ratio is the figure to quote, since absolute speeds vary by machine.
//
//	go run ./tools/bench [-mb 50] [-bin bin/sitrep]
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/geo"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/lexicon"
	"github.com/sitrep-dev/sitrep/pipeline"
	"github.com/sitrep-dev/sitrep/store/sqlite"
	"github.com/sitrep-dev/sitrep/when"
)

func main() {
	mb := flag.Int("mb", 50, "size of the generated corpus in MB")
	bin := flag.String("bin", "bin/sitrep", "the sitrep binary, for the end-to-end ingest and its peak memory")
	flag.Parse()
	dir, err := os.MkdirTemp("", "sitrep-bench")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	corpus := filepath.Join(dir, "corpus.jsonl")
	size, err := generate(corpus, int64(*mb)<<20)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("corpus: %s, %.1f MB, machine: %s/%s, %d CPUs, %s\n\n", corpus, mbOf(size), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())

	row := func(stage string, bytes int64, docs int, d time.Duration) {
		fmt.Printf("%-22s %10.1f MB/s %12.0f docs/s %9.2f s\n", stage, mbOf(bytes)/d.Seconds(), float64(docs)/d.Seconds(), d.Seconds())
	}
	fmt.Printf("%-22s %15s %19s %11s\n", "stage", "throughput", "documents", "time")
	// start collects the garbage of what came before (as testing.B does before a benchmark), so
	// that a stage is not charged with marking, say, the garbage of loading the gazetteer
	start := func() time.Time {
		runtime.GC()
		return time.Now()
	}

	// The end-to-end run comes first, while this process is still small: Linux reports as a child's
	// peak resident memory at least this process's own peak at the time of the fork (the child
	// starts as a copy of it), so measured at the end, after the stages below have loaded
	// everything, it would be this process's footprint, not sitrep's.
	t0 := time.Now()
	cmd := exec.Command(*bin, "ingest", "--progress", "none", "--db", filepath.Join(dir, "e2e.db"), corpus)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		log.Fatalf("%s ingest: %v", *bin, err)
	}
	e2e := time.Since(t0)
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // kilobytes on Linux

	t0 = time.Now()
	out, err := exec.Command("wc", "-w", corpus).Output()
	if err != nil {
		log.Fatal(err)
	}
	wc := time.Since(t0)
	var words int
	fmt.Sscan(string(out), &words)

	t0 = start()
	docs, _, err := ingest.Read(corpus, ingest.Options{})
	if err != nil {
		log.Fatal(err)
	}
	row("read (jsonl)", size, len(docs), time.Since(t0))
	var textBytes int64
	for _, d := range docs {
		textBytes += int64(len(d.Text))
	}
	// stage times a second pass of f over every document: the first pays for growing the heap to
	// its working size (page faults), filling pools and caches, which a long ingest pays once, and
	// made a stage right after loading the gazetteer look two to three times slower than it runs
	stage := func(name string, f func(lo, hi int)) {
		f(0, len(docs))
		t0 := start()
		f(0, len(docs))
		row(name, textBytes, len(docs), time.Since(t0))
	}

	sents := make([][]doc.Sentence, len(docs))
	stage("sentences", func(lo, hi int) {
		for i := lo; i < hi; i++ {
			sents[i] = extract.Sentences(docs[i].Text)
		}
	})

	stage("dates", func(lo, hi int) {
		for i := lo; i < hi; i++ {
			for _, s := range sents[i] {
				when.Find(s.Text, s.Span.Start, docs[i].Published)
			}
		}
	})

	t0 = time.Now()
	gaz, err := geo.Default()
	if err != nil {
		log.Fatal(err)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("%-22s %10.2f s to load, heap %.0f MB\n", "  gazetteer", time.Since(t0).Seconds(), mbOf(int64(ms.HeapAlloc)))
	stage("geoparse (find)", func(lo, hi int) {
		for _, ss := range sents[lo:hi] {
			for _, s := range ss {
				gaz.Find(doc.Tokenize(s.Text, s.Span.Start))
			}
		}
	})

	lex, err := lexicon.Default()
	if err != nil {
		log.Fatal(err)
	}
	stage("lexicon scan", func(lo, hi int) {
		for _, ss := range sents[lo:hi] {
			for _, s := range ss {
				lex.Scan(doc.Tokenize(s.Text, s.Span.Start))
			}
		}
	})

	x, err := extract.New(lex, gaz)
	if err != nil {
		log.Fatal(err)
	}
	mentions := make([][]doc.Mention, len(docs))
	stage("event coding (all)", func(lo, hi int) {
		for i := lo; i < hi; i++ {
			mentions[i] = x.Extract(docs[i])
		}
	})

	st, err := sqlite.Open(context.Background(), filepath.Join(dir, "store.db"))
	if err != nil {
		log.Fatal(err)
	}
	// fusion (near-copies, candidate events by country and day, re-fusion) and the store's
	// transactions, on the mentions coded above
	p := &pipeline.Pipeline{Extractor: x, Store: st}
	t0 = start()
	for i, d := range docs {
		f, _, err := p.Fuse(context.Background(), d, mentions[i])
		if err != nil {
			log.Fatal(err)
		}
		if _, err := st.AddFused(context.Background(), f); err != nil {
			log.Fatal(err)
		}
	}
	row("fusion and store writes", textBytes, len(docs), time.Since(t0))
	st.Close()

	row("end to end (ingest)", size, len(docs), e2e)
	row("wc -w", size, len(docs), wc)
	fmt.Printf("\nsitrep ingest is %.0f× slower than wc -w (%d words); peak resident memory of sitrep ingest: %.0f MB\n",
		e2e.Seconds()/wc.Seconds(), words, float64(rss)/1024)
}

func mbOf(b int64) float64 { return float64(b) / (1 << 20) }

// generate writes copies of the bundled JSONL reports under numbered outlets until the file holds
// at least size bytes; each copy is a distinct document (its source differs), with the same text.
func generate(path string, size int64) (int64, error) {
	var base []map[string]any
	for _, f := range []string{"testdata/corpus/wires.jsonl", "testdata/corpus/regional.jsonl"} {
		fh, err := os.Open(f)
		if err != nil {
			return 0, fmt.Errorf("run from the repository root: %w", err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var m map[string]any
			if json.Unmarshal(sc.Bytes(), &m) == nil {
				base = append(base, m)
			}
		}
		fh.Close()
	}
	out, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriter(out)
	var n int64
	for copyNo := 0; n < size; copyNo++ {
		for _, m := range base {
			m["source"] = fmt.Sprintf("Bench Wire %d", copyNo)
			b, _ := json.Marshal(m)
			k, _ := w.Write(append(b, '\n'))
			n += int64(k)
		}
	}
	if err := w.Flush(); err != nil {
		return 0, err
	}
	return n, out.Close()
}
