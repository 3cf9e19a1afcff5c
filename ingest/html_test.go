package ingest

import (
	"strings"
	"testing"
)

func TestReadHTMLArticle(t *testing.T) {
	docs, bad, err := Read("testdata/article.html", Options{})
	if err != nil || len(bad) > 0 || len(docs) != 1 {
		t.Fatalf("Read: %d docs, bad=%v, err=%v", len(docs), bad, err)
	}
	d := docs[0]
	checkDoc(t, d)
	want := map[string]string{
		"source": "Frontline Monitor",
		"url":    "https://frontline-monitor.example/news/2025/03/14/market-shelling",
		"title":  "Shelling hits market in eastern town, officials say",
		"origin": "testdata/article.html",
	}
	got := map[string]string{"source": d.Source, "url": d.URL, "title": d.Title, "origin": d.Origin}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %q, want %q", k, got[k], w)
		}
	}
	// The page's own date: htmldate keeps the date of article:published_time, not the instant.
	if !d.Published.Equal(date("2025-03-14")) {
		t.Errorf("published = %v, want 2025-03-14", d.Published)
	}
	paras := strings.Split(d.Text, "\n\n")
	wantParas := []string{
		"At least seven civilians were killed and more than twenty wounded when artillery shells struck a crowded market in the eastern town of Koverna on Friday morning, regional officials said.",
		"The governor of the province said the shelling began shortly after eight o'clock, when traders were setting up their stalls, and lasted for about forty minutes. Emergency crews were still searching the rubble of a collapsed warehouse in the afternoon.",
		"The defence ministry blamed separatist forces positioned north of the town. A spokesman for the separatist command denied any involvement and accused government troops of staging the attack.",
		"Koverna lies about fifteen kilometres from the front line and has been hit repeatedly since the ceasefire collapsed in January. Aid groups said the town's only hospital was overwhelmed.",
	}
	for _, w := range wantParas {
		found := false
		for _, p := range paras {
			found = found || p == w
		}
		if !found {
			t.Errorf("paragraph missing or altered: %q\ntext: %q", w, d.Text)
		}
	}
	// Boilerplate: cookie banner, navigation, sidebar, related links, footer, scripts and styles.
	for _, junk := range []string{
		"cookie", "Accept all", "Homepage", "Worldwide", "Politics desk", "Podcasts", "Subscribe",
		"Most read", "Celebrity chef", "gadgets", "Morning Briefing", "newsletter", "Related stories",
		"Football", "Weather outlook", "rights reserved", "Media Group", "Privacy policy", "Terms of use",
		"dataLayer", "trackPageview", "font-family", "By Lena Hartmann",
	} {
		if strings.Contains(strings.ToLower(d.Text), strings.ToLower(junk)) {
			t.Errorf("boilerplate %q leaked into the text:\n%s", junk, d.Text)
		}
	}
}

func TestReadHTMLVariants(t *testing.T) {
	short := `<html><head><title>Mine blast</title></head><body>
<nav><ul><li><a href="/">Homepage</a></li><li><a href="/w">Worldwide news</a></li></ul></nav>
<div class="story"><p>Two soldiers were killed near Harsan on Thursday when their vehicle hit a mine, the army said.</p>
<p>A third soldier was wounded.</p></div>
<footer><p>Copyright 2025 Example Media. All rights reserved.</p></footer></body></html>`
	tests := []struct {
		name     string
		file     string
		data     []byte
		opt      Options
		wantText string
		wantSrc  string
		wantPub  string
	}{
		{"short article keeps paragraphs, no menu", "mine-blast.html", []byte(short), Options{},
			"Two soldiers were killed near Harsan on Thursday when their vehicle hit a mine, the army said.\n\nA third soldier was wounded.",
			"mine-blast", ""},
		{"options are fallbacks", "mine-blast.htm", []byte(short), Options{Source: "Wire", Published: date("2025-03-10")},
			"Two soldiers were killed near Harsan on Thursday when their vehicle hit a mine, the army said.\n\nA third soldier was wounded.",
			"Wire", "2025-03-10"},
		{"windows-1252 by meta charset", "cp1252.html",
			[]byte("<html><head><meta charset=\"windows-1252\"></head><body><article><p>Caf\xe9 owners in Kher\xadson said the \x93curfew\x94 was lifted.</p></article></body></html>"),
			Options{}, "Café owners in Kherson said the “curfew” was lifted.", "cp1252", ""},
		{"UTF-16 with BOM", "utf16.html",
			utf16("<html><body><article><p>Обстріл Харкова триває.</p></article></body></html>", false),
			Options{}, "Обстріл Харкова триває.", "utf16", ""},
		{"date from JSON-LD", "jsonld.html",
			[]byte(`<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Port struck","datePublished":"2025-02-27T04:10:00Z","publisher":{"@type":"Organization","name":"Coastal Times"}}</script></head>
<body><article><h1>Port struck</h1><p>Missiles hit the port of Selmar before dawn, damaging two grain terminals.</p></article></body></html>`),
			Options{}, "Port struck\n\nMissiles hit the port of Selmar before dawn, damaging two grain terminals.", "Coastal Times", "2025-02-27"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, bad, err := Read(writeFile(t, tt.file, tt.data), tt.opt)
			if err != nil || len(bad) > 0 || len(docs) != 1 {
				t.Fatalf("Read: %d docs, bad=%v, err=%v", len(docs), bad, err)
			}
			d := docs[0]
			checkDoc(t, d)
			if d.Text != tt.wantText {
				t.Errorf("text = %q, want %q", d.Text, tt.wantText)
			}
			if d.Source != tt.wantSrc {
				t.Errorf("source = %q, want %q", d.Source, tt.wantSrc)
			}
			var wantPub string
			if !d.Published.IsZero() {
				wantPub = d.Published.Format("2006-01-02")
			}
			if wantPub != tt.wantPub {
				t.Errorf("published = %q, want %q", wantPub, tt.wantPub)
			}
		})
	}
}

func TestReadHTMLErrors(t *testing.T) {
	deep := strings.Repeat("<div>", 2000) + "Deeply nested text about shelling." + strings.Repeat("</div>", 2000)
	tests := []struct {
		name    string
		data    []byte
		opt     Options
		wantIs  error
		wantMsg string
	}{
		{"zero bytes", nil, Options{}, ErrEmpty, "empty file"},
		{"binary", []byte("GIF89a\x01\x00\x01\x00\x00\xff\x00,"), Options{}, ErrBinary, "binary content"},
		{"menus only", []byte(`<html><body><nav><ul><li><a href="/">Homepage</a></li><li><a href="/w">World</a></li></ul></nav><footer>All rights reserved.</footer></body></html>`),
			Options{}, ErrNoText, "no article text found"},
		{"white space only", []byte("  \n\t\n"), Options{}, ErrNoText, "no article text found"},
		{"too deep", []byte(deep), Options{}, nil, "open stack of elements exceeds 512"},
		{"too large", []byte("<p>" + strings.Repeat("Shelling resumed. ", 100) + "</p>"), Options{MaxDocBytes: 1024}, ErrTooLarge, "more than 1 KiB (MaxDocBytes, --max-doc-bytes)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, "page.html", tt.data)
			docs, _, err := Read(p, tt.opt)
			checkFatal(t, docs, err, p, tt.wantIs, tt.wantMsg)
		})
	}
}
