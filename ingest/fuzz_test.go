package ingest

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/doc"
)

// fuzzOptions keep the limits small so the fuzzer reaches them; warnings must name the input.
func fuzzOptions(t *testing.T, name string) Options {
	return Options{MaxDocBytes: 64 << 10, MaxLineBytes: 4 << 10, Warn: func(e RecordError) {
		if e.Path != name || e.Err == nil {
			t.Fatalf("warning %#v does not name %s", e, name)
		}
	}}
}

// fuzzCheck is what every reader promises whatever the input: no panic (the fuzzer catches those),
// no internal parser crash turned into an error, valid documents, and errors that name the input.
func fuzzCheck(t *testing.T, name string, docs []doc.Document, bad []RecordError, err error) {
	t.Helper()
	if err != nil {
		if errors.Is(err, errExtractorPanic) {
			t.Fatalf("third-party parser panicked: %v", err)
		}
		if !strings.HasPrefix(err.Error(), name+": ") {
			t.Fatalf("error %q does not name %q", err, name)
		}
		if len(docs) > 0 {
			t.Fatalf("fatal error %v with %d documents", err, len(docs))
		}
	}
	for _, d := range docs {
		checkDoc(t, d)
	}
	for _, b := range bad {
		if b.Path != name || b.Err == nil {
			t.Fatalf("bad record error %#v", b)
		}
	}
}

func addFile(f *testing.F, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
}

func FuzzJSONL(f *testing.F) {
	addFile(f, "testdata/reports.jsonl")
	f.Add([]byte(`{"id":"x","source":"Wire","published":"2025-03-14T10:00:00Z","url":"https://x.example/","title":"T","text":"Shelling\n\nresumed."}`))
	f.Add([]byte("\ufeff{\"text\":\"caf\xe9\"}\r\n[1]\nnull\n{\"text\":5}"))
	f.Add(utf16(`{"text":"Обстріл"}`, true))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, bad, err := ReadReader(bytes.NewReader(data), "f.jsonl", "jsonl", fuzzOptions(t, "f.jsonl"))
		fuzzCheck(t, "f.jsonl", docs, bad, err)
		for _, b := range bad {
			if b.Line < 1 {
				t.Fatalf("record error without a line: %v", b)
			}
		}
	})
}

func FuzzHTML(f *testing.F) {
	addFile(f, "testdata/article.html")
	f.Add([]byte(`<html><head><meta property="og:site_name" content="W"></head><body><article><p>One.</p><p>Two &amp; three.</p></article></body></html>`))
	f.Add([]byte("<p>caf\xe9 <b>bold</p></b><br><br>after"))
	f.Add([]byte(`<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-13-45","articleBody":"<p>x</p>"}</script><p>Text</p>`))
	f.Add(utf16("<p>Обстріл Харкова</p>", false))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, bad, err := ReadReader(bytes.NewReader(data), "f.html", "html", fuzzOptions(t, "f.html"))
		fuzzCheck(t, "f.html", docs, bad, err)
		if len(docs) > 1 || len(bad) > 0 {
			t.Fatalf("a page gave %d documents and %d record errors", len(docs), len(bad))
		}
	})
}

func FuzzFeed(f *testing.F) {
	addFile(f, "testdata/wire.rss")
	addFile(f, "testdata/monitor.atom")
	f.Add([]byte(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "&b;&b;"><!ENTITY b "x">]><rss version="2.0"><channel><title>&a;</title><item><guid>1</guid><description>&a; &lt;p&gt;x</description></item></channel></rss>`))
	f.Add([]byte(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><title>t</title><description>d</description></item></rdf:RDF>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[null,{"id":"1","content_text":"Sirens."}]}`))
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>R\xe9seau</title><entry><id>e</id><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Frappe</p></div></content></entry></feed>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, bad, err := ReadReader(bytes.NewReader(data), "f.rss", "rss", fuzzOptions(t, "f.rss"))
		fuzzCheck(t, "f.rss", docs, bad, err)
	})
}
