package ingest

import (
	"errors"
	"strings"
	"testing"
	"time"
)

type wantDoc struct {
	origin, source, url, title, published, text string
}

func checkDocs(t *testing.T, got []wantDoc, want []wantDoc) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d documents, want %d:\n%+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("document %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func summarize(t *testing.T, path string, opt Options) ([]wantDoc, []string) {
	t.Helper()
	docs, bad, err := Read(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	var out []wantDoc
	for _, d := range docs {
		checkDoc(t, d)
		pub := ""
		if !d.Published.IsZero() {
			pub = d.Published.Format(time.RFC3339)
		}
		out = append(out, wantDoc{d.Origin, d.Source, d.URL, d.Title, pub, d.Text})
	}
	return out, errorStrings(bad)
}

func TestReadRSS(t *testing.T) {
	got, bad := summarize(t, "testdata/wire.rss", Options{})
	checkDocs(t, got, []wantDoc{
		{"testdata/wire.rss#rw-2025-0315-001", "Regional Wire & Dispatches",
			"https://regional-wire.example/2025/03/15/harsan-depot", "Drone strike on fuel depot near Harsan",
			"2025-03-16T01:10:00Z",
			"A drone struck a fuel depot on the outskirts of Harsan late on Saturday, setting several storage tanks on fire, the local civil defence said.\n\nNo casualties were reported.\n\nFirefighters from two neighbouring districts were still battling the blaze on Sunday morning."},
		{"testdata/wire.rss#https://regional-wire.example/2025/03/14/prisoner-talks", "Regional Wire & Dispatches",
			"https://regional-wire.example/2025/03/14/prisoner-talks", "Talks on prisoner exchange resume in <Geneva>",
			"2025-03-14T11:30:00Z",
			"Negotiators met in Geneva on Friday to discuss an exchange of about 200 prisoners, mediators said.\n\nA second round is planned for next week."},
	})
	want := []string{"testdata/wire.rss: item 3 (rw-gallery-week-11): no text"}
	if strings.Join(bad, "|") != strings.Join(want, "|") {
		t.Errorf("record errors = %q, want %q", bad, want)
	}
}

func TestReadAtom(t *testing.T) {
	got, bad := summarize(t, "testdata/monitor.atom", Options{})
	checkDocs(t, got, []wantDoc{
		{"testdata/monitor.atom#urn:uuid:7b1e9a40-1c2d-4f55-8e3a-5d6c7b8a9f01", "Ceasefire Monitor",
			"https://ceasefire-monitor.example/reports/0316", "Patrol reports violations along the southern line",
			"2025-03-16T03:15:00Z",
			"Monitors recorded 41 ceasefire violations along the southern line in the past 24 hours, including 12 explosions.\n\nThe patrol was unable to reach the village of Dolyna because of mines on the road."},
		{"testdata/monitor.atom#urn:uuid:0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d", "Ceasefire Monitor",
			"https://ceasefire-monitor.example/reports/week-11", "Weekly summary",
			"2025-03-15T18:00:00Z", // no <published>: <updated> stands in
			"Violations rose for the third week running, mostly small-arms fire near the river crossings."},
	})
	if len(bad) > 0 {
		t.Errorf("record errors: %q", bad)
	}
}

func TestReadFeedVariants(t *testing.T) {
	item := `<item><title>Checkpoint attacked</title><guid>cp-1</guid><description>Gunmen attacked a checkpoint south of Harsan.</description></item>`
	tests := []struct {
		name, file string
		data       []byte
		opt        Options
		want       []wantDoc
		wantBad    []string
	}{
		{"no channel title, no dates, no link", "untitled.xml",
			[]byte(`<rss version="2.0"><channel>` + item + `</channel></rss>`), Options{},
			[]wantDoc{{"#cp-1", "untitled", "", "Checkpoint attacked", "", "Gunmen attacked a checkpoint south of Harsan."}}, nil},
		{"options fill the gaps", "untitled.xml",
			[]byte(`<rss version="2.0"><channel>` + item + `</channel></rss>`), Options{Source: "Wire", Published: date("2025-03-01")},
			[]wantDoc{{"#cp-1", "Wire", "", "Checkpoint attacked", "2025-03-01T00:00:00Z", "Gunmen attacked a checkpoint south of Harsan."}}, nil},
		{"RSS 1.0 (RDF)", "rdf.rss",
			[]byte(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://x.example/"><title>Border Notes</title></channel>
<item rdf:about="https://x.example/1"><title>Crossing closed</title><link>https://x.example/1</link><dc:date>2025-03-02</dc:date><description>The northern crossing was closed after overnight shelling.</description></item></rdf:RDF>`),
			Options{}, []wantDoc{{"#https://x.example/1", "Border Notes", "https://x.example/1", "Crossing closed", "2025-03-02T00:00:00Z", "The northern crossing was closed after overnight shelling."}}, nil},
		{"UTF-16 with BOM and declaration", "u16.rss",
			utf16(`<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>Хроніка</title><item><guid>u1</guid><description>Обстріл Харкова триває.</description></item></channel></rss>`, false),
			Options{}, []wantDoc{{"#u1", "Хроніка", "", "", "", "Обстріл Харкова триває."}}, nil},
		{"ISO-8859-1 declared", "latin1.rss",
			[]byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Le R\xe9seau</title><item><guid>l1</guid><description>Frappe a\xe9rienne pr\xe8s de Gaza.</description></item></channel></rss>"),
			Options{}, []wantDoc{{"#l1", "Le Réseau", "", "", "", "Frappe aérienne près de Gaza."}}, nil},
		{"root after a long comment", "long-prologue.rss",
			[]byte(`<?xml version="1.0"?><!-- ` + strings.Repeat("generated by a very chatty CMS ", 300) + ` --><rss version="2.0"><channel><title>Chatty</title>` + item + `</channel></rss>`),
			Options{}, []wantDoc{{"#cp-1", "Chatty", "", "Checkpoint attacked", "", "Gunmen attacked a checkpoint south of Harsan."}}, nil},
		{"item text over MaxDocBytes", "big.rss",
			[]byte(`<rss version="2.0"><channel><title>Big</title>` + item + `<item><guid>huge</guid><description>` + strings.Repeat("Shelling continued. ", 10) + `</description></item></channel></rss>`),
			Options{MaxDocBytes: 100},
			[]wantDoc{{"#cp-1", "Big", "", "Checkpoint attacked", "", "Gunmen attacked a checkpoint south of Harsan."}},
			[]string{": item 2 (huge): text too large: more than 100 bytes (MaxDocBytes, --max-doc-bytes)"}},
		{"items without guid or link", "anon.rss",
			[]byte(`<rss version="2.0"><channel><title>Anon</title><item><title>Only a title</title></item><item><description>Sirens in the capital.</description></item></channel></rss>`),
			Options{}, []wantDoc{{"#item-2", "Anon", "", "", "", "Sirens in the capital."}},
			[]string{": item 1 (item-1): no text"}},
		{"empty channel", "empty.rss", []byte(`<rss version="2.0"><channel><title>Quiet</title></channel></rss>`), Options{}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, tt.file, tt.data)
			got, bad := summarize(t, p, tt.opt)
			for i := range got {
				got[i].origin = strings.TrimPrefix(got[i].origin, p)
			}
			checkDocs(t, got, tt.want)
			for i := range bad {
				bad[i] = strings.TrimPrefix(bad[i], p)
			}
			if strings.Join(bad, "|") != strings.Join(tt.wantBad, "|") {
				t.Errorf("record errors = %q, want %q", bad, tt.wantBad)
			}
		})
	}
}

func TestReadFeedErrors(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		opt     Options
		wantIs  error
		wantMsg string
	}{
		{"zero bytes", "", Options{}, ErrEmpty, "empty file"},
		{"white space", "\n  \n", Options{}, ErrNotFeed, "not an RSS or Atom feed"},
		{"HTML page", "<!DOCTYPE html><html><body><p>Not a feed.</p></body></html>", Options{}, ErrNotFeed, "no <rss>, <rdf:RDF> or <feed> root element"},
		{"plain text", "Shelling resumed overnight.", Options{}, ErrNotFeed, "not an RSS or Atom feed"},
		{"binary", "\x1f\x8b\x08\x00\x00\x00\x00\x00", Options{}, ErrBinary, "binary content"},
		{"JSON Feed", `{"version":"https://jsonfeed.org/version/1.1","items":[null]}`, Options{}, ErrNotFeed, "JSON Feed is not supported"},
		{"sitemap", `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/</loc></url></urlset>`, Options{}, ErrNotFeed, "not an RSS"},
		{"feed over 10×MaxDocBytes", `<rss version="2.0"><channel><title>` + strings.Repeat("x", 2000) + `</title></channel></rss>`, Options{MaxDocBytes: 100}, ErrTooLarge, "more than 1000 bytes (10×MaxDocBytes, --max-doc-bytes)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, "feed.xml", []byte(tt.data))
			docs, _, err := Read(p, tt.opt)
			checkFatal(t, docs, err, p, tt.wantIs, tt.wantMsg)
			docs, _, err = ReadReader(strings.NewReader(tt.data), "feed.xml", "xml", tt.opt)
			checkFatal(t, docs, err, "feed.xml", tt.wantIs, tt.wantMsg)
		})
	}
}

// encoding/xml (under gofeed) does not expand entities a DTD declares, nor fetch external ones: a
// "billion laughs" feed reads quickly with the references left as literal text, and an XXE
// reference does not pull in a local file.
func TestFeedEntityBomb(t *testing.T) {
	var dtd strings.Builder
	dtd.WriteString(`<!ENTITY lol "lol">` + "\n")
	prev := "lol"
	for i := 1; i <= 9; i++ {
		name := "lol" + string(rune('0'+i))
		dtd.WriteString(`<!ENTITY ` + name + ` "` + strings.Repeat("&"+prev+";", 10) + `">` + "\n")
		prev = name
	}
	dtd.WriteString(`<!ENTITY xxe SYSTEM "file:///etc/passwd">` + "\n")
	dtd.WriteString(`<!ENTITY % remote SYSTEM "http://127.0.0.1:1/evil.dtd"> %remote;` + "\n")
	bomb := `<?xml version="1.0"?>
<!DOCTYPE rss [
` + dtd.String() + `]>
<rss version="2.0"><channel><title>Laughs &lol9;</title>
<item><guid>b1</guid><title>Bomb &lol9;</title><description>Before &lol9; and &xxe; after.</description></item>
</channel></rss>`
	for _, ext := range []string{"rss", "xml", "atom"} {
		t.Run(ext, func(t *testing.T) {
			start := time.Now()
			docs, bad, err := ReadReader(strings.NewReader(bomb), "bomb."+ext, ext, Options{})
			if elapsed := time.Since(start); elapsed > 5*time.Second {
				t.Errorf("took %v", elapsed)
			}
			if err != nil && !errors.Is(err, ErrNotFeed) {
				t.Logf("refused: %v", err) // refusing is fine too
			}
			for _, d := range docs {
				checkDoc(t, d)
				all := d.Source + d.Title + d.Text
				if d.Text != "Before &lol9; and &xxe; after." {
					t.Errorf("text = %q, want the references left as they are", d.Text)
				}
				if strings.Contains(all, "lollol") || strings.Contains(all, "root:") {
					t.Errorf("entity expanded: %q", all)
				}
				if len(all) > 1000 {
					t.Errorf("document grew to %d bytes", len(all))
				}
			}
			if err == nil && len(docs) != 1 {
				t.Errorf("got %d docs, bad=%v", len(docs), bad)
			}
		})
	}
}
