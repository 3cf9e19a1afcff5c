package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/queue"
	"github.com/sitrep-dev/sitrep/queue/natstest"
	"github.com/sitrep-dev/sitrep/store/postgres/pgtest"
)

// BenchmarkScale is `make bench-scale`: documents per second stored by one `sitrep ingest` into
// SQLite, and by 1 and 2 `sitrep worker` processes draining a NATS queue into PostgreSQL. The
// corpus is the sample corpus repeated under other outlets, each copy a year earlier than the last
// and with its own paragraph of filler words: a distinct report of its own year, not a near-copy. Worker start-up
// (loading the gazetteer) is not timed: the clock runs from publishing to an empty queue.
func BenchmarkScale(b *testing.B) {
	n := 1500
	if s := os.Getenv("SITREP_BENCH_DOCS"); s != "" {
		fmt.Sscan(s, &n)
	}
	dir := b.TempDir()
	corpusFile := filepath.Join(dir, "scale.jsonl")
	if err := writeScaleCorpus(corpusFile, n); err != nil {
		b.Fatal(err)
	}
	b.Run("sqlite-1-process", func(b *testing.B) {
		for range b.N {
			db := filepath.Join(b.TempDir(), "s.db")
			start := time.Now()
			out, err := exec.Command(binary, "ingest", "--db", db, "--progress", "none", corpusFile).CombinedOutput()
			if err != nil {
				b.Fatalf("ingest: %v\n%s", err, out)
			}
			b.ReportMetric(float64(n)/time.Since(start).Seconds(), "docs/s")
		}
	})
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("postgres-%d-workers", workers), func(b *testing.B) {
			for range b.N {
				b.ReportMetric(drainWithWorkers(b, corpusFile, n, workers), "docs/s")
			}
		})
	}
}

// drainWithWorkers starts workers against a fresh PostgreSQL database, waits until each has
// connected, publishes the corpus and times until the queue is empty.
func drainWithWorkers(b *testing.B, corpusFile string, n, workers int) float64 {
	ctx := context.Background()
	pg := pgtest.Database(b)
	nats := natstest.Server(b)
	nc, js, err := queue.Connect(ctx, nats)
	if err != nil {
		b.Fatal(err)
	}
	defer nc.Close()
	var procs []*exec.Cmd
	defer func() {
		for _, p := range procs {
			p.Process.Kill()
			p.Wait()
		}
	}()
	for range workers {
		p := exec.Command(binary, "worker", "--nats", nats, "--db", pg, "--concurrency", "1")
		stderr, _ := p.StderrPipe()
		if err := p.Start(); err != nil {
			b.Fatal(err)
		}
		procs = append(procs, p)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() && !strings.Contains(sc.Text(), "taking documents") {
		}
		go func() {
			for sc.Scan() {
			}
		}()
	}
	start := time.Now()
	if out, err := exec.Command(binary, "ingest", "--nats", nats, "--progress", "none", corpusFile).CombinedOutput(); err != nil {
		b.Fatalf("ingest --nats: %v\n%s", err, out)
	}
	if err := queue.WaitDrained(ctx, js, 20*time.Millisecond); err != nil {
		b.Fatal(err)
	}
	return float64(n) / time.Since(start).Seconds()
}

// writeScaleCorpus writes n distinct reports made from the sample corpus's JSONL reports.
func writeScaleCorpus(path string, n int) error {
	var base []map[string]any
	files, _ := filepath.Glob(filepath.Join(corpus, "*.jsonl"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		for _, line := range strings.Split(string(data), "\n") {
			var m map[string]any
			if json.Unmarshal([]byte(line), &m) == nil && m["text"] != nil {
				base = append(base, m)
			}
		}
	}
	if len(base) == 0 {
		return fmt.Errorf("no JSONL reports in %s", corpus)
	}
	filler := strings.Fields(`bread fuel water school market clinic road bridge harvest rain wheat
		price queue bus ferry grid cable pipe well field orchard bakery pharmacy shelter tent blanket
		stove flour rice sugar salt oil lentil cattle goat sheep tractor well pump canal ration`)
	rng := rand.New(rand.NewPCG(1, 2))
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(out)
	for i := range n {
		m := map[string]any{}
		for k, v := range base[i%len(base)] {
			m[k] = v
		}
		copyNo := i / len(base)
		m["id"] = fmt.Sprintf("scale-%d", i)
		m["source"] = fmt.Sprintf("Scale Wire %d", copyNo)
		// a year earlier per copy: dates in the text ("on December 20") resolve against the
		// publication date, so each copy reports events of its own year, as an archive does
		published := fmt.Sprint(m["published"])
		for _, layout := range []string{time.RFC3339, "2006-01-02"} {
			if t, err := time.Parse(layout, published); err == nil {
				m["published"] = t.AddDate(-copyNo, 0, 0).Format(layout)
				break
			}
		}
		text := fmt.Sprint(m["text"])
		words := make([]string, len(strings.Fields(text))*3/2)
		for j := range words {
			words[j] = filler[rng.IntN(len(filler))]
		}
		m["text"] = text + "\n\nThe supply list: " + strings.Join(words, " ") + "."
		line, _ := json.Marshal(m)
		w.Write(append(line, '\n'))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return out.Close()
}
