package ingest

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

func TestReadJSONLFixture(t *testing.T) {
	got, bad := summarize(t, "testdata/reports.jsonl", Options{MaxLineBytes: 4096})
	checkDocs(t, got, []wantDoc{
		{"testdata/reports.jsonl:1", "Frontline Monitor", "https://frontline-monitor.example/a/1", "Fighting near Dolyna",
			"2025-03-14T00:00:00Z", dolyna},
		{"testdata/reports.jsonl:2", "Frontline Monitor", "", "Aid convoy reaches Koverna", "2025-03-16T01:40:00Z",
			"A convoy of twelve trucks carrying food and medicine reached Koverna on Saturday evening, the United Nations said."},
		{"testdata/reports.jsonl:9", "reports", "https://example.invalid/7", "", "",
			"Three soldiers were wounded when their vehicle hit a roadside bomb west of Harsan on Thursday, the army said."},
	})
	want := []string{
		"testdata/reports.jsonl:3: invalid JSON: unexpected end of JSON input",
		"testdata/reports.jsonl:4: not a JSON object (got array)",
		`testdata/reports.jsonl:6: record "fm-4": invalid "published" "14/03/2025" (want YYYY-MM-DD or RFC 3339)`,
		`testdata/reports.jsonl:7: record "fm-5": missing "text"`,
		"testdata/reports.jsonl:8: line too large: more than 4 KiB (MaxLineBytes, --max-line-bytes)",
		`testdata/reports.jsonl:10: record "fm-8": field "text": want a string, got number`,
	}
	if strings.Join(bad, "\n") != strings.Join(want, "\n") {
		t.Errorf("record errors:\n%s\nwant:\n%s", strings.Join(bad, "\n"), strings.Join(want, "\n"))
	}
}

func TestReadJSONLLines(t *testing.T) {
	good := `{"source":"Wire","text":"Sirens sounded in the capital."}`
	tests := []struct {
		name     string
		data     string
		opt      Options
		wantDocs []string // origin line suffix and text, "N|text"
		wantBad  []string // line and message, "N: message"
	}{
		{"CRLF and no final newline", good + "\r\n\r\n" + `{"text":"Second."}`, Options{},
			[]string{"1|Sirens sounded in the capital.", "3|Second."}, nil},
		{"UTF-8 BOM", "\ufeff" + good + "\n", Options{}, []string{"1|Sirens sounded in the capital."}, nil},
		{"scalars and null", "null\n42\n\"text\"\ntrue\n" + good, Options{},
			[]string{"5|Sirens sounded in the capital."},
			[]string{"1: not a JSON object (got null)", "2: not a JSON object (got number)", "3: not a JSON object (got string)", "4: not a JSON object (got boolean)"}},
		{"trailing data", `{"text":"a"} {"text":"b"}`, Options{}, nil, []string{"1: invalid JSON: invalid character '{' after top-level value"}},
		{"numeric id names the record", `{"id": 17, "text": "  "}`, Options{}, nil, []string{`1: record 17: "text" is empty`}},
		{"wrong id type", `{"id": [1], "text": "x"}`, Options{}, []string{"1|x"}, nil},
		{"wrong type elsewhere", `{"id":"a","published":20250314,"text":"x"}`, Options{}, nil, []string{`1: record "a": field "published": want a string, got number`}},
		{"published forms", `{"published":"2025-03-14T10:00:00.123+05:30","text":"a"}` + "\n" + `{"published":"March 14, 2025","text":"b"}` + "\n" + `{"published":"2025-02-30","text":"c"}`, Options{},
			[]string{"1|a"}, []string{`2: invalid "published" "March 14, 2025" (want YYYY-MM-DD or RFC 3339)`, `3: invalid "published" "2025-02-30" (want YYYY-MM-DD or RFC 3339)`}},
		{"unknown fields ignored", `{"text":"a","lang":"en","tags":["x"]}`, Options{}, []string{"1|a"}, nil},
		{"long lines around a good one", strings.Repeat("x", 300) + "\n" + good + "\n" + `{"text":"` + strings.Repeat("y", 300) + `"}`, Options{MaxLineBytes: 100},
			[]string{"2|Sirens sounded in the capital."},
			[]string{"1: line too large: more than 100 bytes (MaxLineBytes, --max-line-bytes)", "3: line too large: more than 100 bytes (MaxLineBytes, --max-line-bytes)"}},
		{"line exactly at the limit", `{"text":"` + strings.Repeat("z", 90) + `"}` + "\r\n", Options{MaxLineBytes: 101}, []string{"1|" + strings.Repeat("z", 90)}, nil},
		{"text over MaxDocBytes", `{"id":"big","text":"` + strings.Repeat("z", 200) + `"}`, Options{MaxDocBytes: 100}, nil, []string{`1: record "big": "text" too large: more than 100 bytes (MaxDocBytes, --max-doc-bytes)`}},
		// encoding/json would store U+FFFD in place of the bad byte: the record is refused instead.
		{"invalid UTF-8 inside a string", "{\"text\":\"caf\xe9\"}\n" + good, Options{}, []string{"2|Sirens sounded in the capital."},
			[]string{"1: invalid UTF-8 at byte offset 12 of the line (want UTF-8, or UTF-16 with a byte-order mark for the whole file)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, bad, err := ReadReader(strings.NewReader(tt.data), "in.jsonl", ".jsonl", tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			var gotDocs, gotBad []string
			for _, d := range docs {
				checkDoc(t, d)
				gotDocs = append(gotDocs, strings.TrimPrefix(d.Origin, "in.jsonl:")+"|"+d.Text)
			}
			for _, b := range bad {
				gotBad = append(gotBad, strings.TrimPrefix(b.Error(), "in.jsonl:"))
			}
			if strings.Join(gotDocs, "\n") != strings.Join(tt.wantDocs, "\n") {
				t.Errorf("docs:\n%q\nwant:\n%q", gotDocs, tt.wantDocs)
			}
			if strings.Join(gotBad, "\n") != strings.Join(tt.wantBad, "\n") {
				t.Errorf("record errors:\n%q\nwant:\n%q", gotBad, tt.wantBad)
			}
		})
	}
}

// A line over the default 16 MiB limit is skipped without stopping the reader (bufio.Scanner
// would stop silently at its buffer size).
func TestReadJSONLDefaultLineLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 16 MiB")
	}
	huge := io.MultiReader(
		strings.NewReader(`{"text":"`),
		io.LimitReader(repeatReader('a'), DefaultMaxLineBytes),
		strings.NewReader("\"}\n"+`{"text":"After the long line."}`+"\n"),
	)
	docs, bad, err := ReadReader(huge, "big.jsonl", "jsonl", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(bad) != 1 || bad[0].Line != 1 || !strings.Contains(bad[0].Error(), "more than 16 MiB (MaxLineBytes, --max-line-bytes)") {
		t.Errorf("record errors = %v", bad)
	}
	if len(docs) != 1 || docs[0].Text != "After the long line." || docs[0].Origin != "big.jsonl:2" {
		t.Errorf("docs = %+v", docs)
	}
}

type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

func TestReadJSONLErrors(t *testing.T) {
	tests := []struct {
		name    string
		data    []byte
		wantIs  error
		wantMsg string
	}{
		{"zero bytes", nil, ErrEmpty, "empty file"},
		{"binary", []byte("SQLite format 3\x00\x10\x00\x01\x01"), ErrBinary, "binary content"},
		{"binary after a BOM", append([]byte{0xEF, 0xBB, 0xBF}, 0, 1, 2), ErrBinary, "binary content"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, "events.jsonl", tt.data)
			docs, _, err := Read(p, Options{})
			checkFatal(t, docs, err, p, tt.wantIs, tt.wantMsg)
		})
	}
}

func TestReadJSONLUTF16(t *testing.T) {
	data := utf16(`{"source":"Хроніка","text":"Обстріл Харкова триває."}`+"\n"+`{"text":"Друга."}`, false)
	docs, bad, err := ReadReader(bytes.NewReader(data), "u.jsonl", "jsonl", Options{})
	if err != nil || len(bad) > 0 || len(docs) != 2 {
		t.Fatalf("%d docs, bad=%v, err=%v", len(docs), bad, err)
	}
	if docs[0].Source != "Хроніка" || docs[0].Text != "Обстріл Харкова триває." || docs[1].Source != "u" {
		t.Errorf("docs = %+v", docs)
	}
}
