package ingest

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

const dolyna = "Heavy fighting was reported overnight around the village of Dolyna, where government troops and rebel fighters exchanged artillery fire for several hours.\n\nA local official said two houses were destroyed and one civilian was injured."

// utf16 encodes s as UTF-16 with a byte-order mark.
func utf16(s string, bigEndian bool) []byte {
	var out []byte
	if bigEndian {
		out = append(out, 0xFE, 0xFF)
	} else {
		out = append(out, 0xFF, 0xFE)
	}
	for _, r := range s {
		if r > 0xFFFF {
			r -= 0x10000
			hi, lo := 0xD800+(r>>10), 0xDC00+(r&0x3FF)
			out = appendUnit(out, uint16(hi), bigEndian)
			out = appendUnit(out, uint16(lo), bigEndian)
			continue
		}
		out = appendUnit(out, uint16(r), bigEndian)
	}
	return out
}

func appendUnit(b []byte, u uint16, bigEndian bool) []byte {
	if bigEndian {
		return append(b, byte(u>>8), byte(u))
	}
	return append(b, byte(u), byte(u>>8))
}

func TestReadText(t *testing.T) {
	mtime := time.Date(2025, 3, 14, 23, 30, 0, 0, time.FixedZone("EET", 2*3600)) // 21:30 UTC
	published := time.Date(2025, 3, 13, 9, 0, 0, 0, time.FixedZone("MSK", 3*3600))
	tests := []struct {
		name     string
		file     string
		data     []byte
		opt      Options
		wantText string
		wantSrc  string
		wantPub  time.Time
	}{
		{"defaults from file", "kyiv-independent.txt", []byte("Air raid sirens sounded\nacross the city.\n\nTwo drones were downed."), Options{},
			"Air raid sirens sounded across the city.\n\nTwo drones were downed.", "kyiv-independent", date("2025-03-14")},
		{"options override", "notes.txt", []byte(dolyna), Options{Source: "Frontline Monitor", Published: published},
			dolyna, "Frontline Monitor", published.UTC()},
		{"upper-case extension", "WIRE.TXT", []byte("Curfew extended."), Options{}, "Curfew extended.", "WIRE", date("2025-03-14")},
		{"UTF-8 BOM stripped", "bom.txt", append([]byte{0xEF, 0xBB, 0xBF}, "Convoy reached Koverna."...), Options{},
			"Convoy reached Koverna.", "bom", date("2025-03-14")},
		{"UTF-16 LE with BOM", "le.txt", utf16("Obstrzał Charkowa.\r\n\r\nДва загиблих. 🚀", false), Options{},
			"Obstrzał Charkowa.\n\nДва загиблих. 🚀", "le", date("2025-03-14")},
		{"UTF-16 BE with BOM", "be.txt", utf16("قصف على حلب", true), Options{}, "قصف على حلب", "be", date("2025-03-14")},
		{"CRLF and tabs", "crlf.txt", []byte("Line\tone\r\nline two\r\n\r\n\r\nNext"), Options{}, "Line one line two\n\nNext", "crlf", date("2025-03-14")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, tt.file, tt.data)
			if err := os.Chtimes(p, mtime, mtime); err != nil {
				t.Fatal(err)
			}
			docs, bad, err := Read(p, tt.opt)
			if err != nil || len(bad) > 0 {
				t.Fatalf("Read: bad=%v err=%v", bad, err)
			}
			if len(docs) != 1 {
				t.Fatalf("got %d documents, want 1", len(docs))
			}
			d := docs[0]
			checkDoc(t, d)
			if d.Text != tt.wantText {
				t.Errorf("text = %q, want %q", d.Text, tt.wantText)
			}
			if d.Source != tt.wantSrc {
				t.Errorf("source = %q, want %q", d.Source, tt.wantSrc)
			}
			if !d.Published.Equal(tt.wantPub) {
				t.Errorf("published = %v, want %v", d.Published, tt.wantPub)
			}
			if d.Origin != p {
				t.Errorf("origin = %q, want %q", d.Origin, p)
			}
		})
	}
}

func TestReadTextErrors(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
	tests := []struct {
		name    string
		data    []byte
		opt     Options
		wantIs  error
		wantMsg string // substring, after the file name
	}{
		{"zero bytes", nil, Options{}, ErrEmpty, "empty file"},
		{"white space only", []byte(" \n\n\t \r\n"), Options{}, ErrNoText, "no text: only white space"},
		{"only a BOM", []byte{0xEF, 0xBB, 0xBF}, Options{}, ErrNoText, "no text"},
		{"binary", png, Options{}, ErrBinary, "binary content"},
		{"Latin-1", []byte("Caf\xe9 Nour was hit."), Options{}, ErrInvalidUTF8, "invalid UTF-8 at byte offset 3"},
		{"invalid after BOM counts the BOM", append([]byte{0xEF, 0xBB, 0xBF}, "ab\xffc"...), Options{}, ErrInvalidUTF8, "byte offset 5"},
		{"truncated rune at end", []byte("Kharkiv \xd0"), Options{}, ErrInvalidUTF8, "byte offset 8"},
		{"UTF-16 without BOM is binary", []byte("S\x00h\x00e\x00l\x00l\x00"), Options{}, ErrBinary, "binary content"},
		{"too large", []byte(strings.Repeat("Shelling. ", 20)), Options{MaxDocBytes: 100}, ErrTooLarge, "more than 100 bytes (MaxDocBytes, --max-doc-bytes)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, "report.txt", tt.data)
			docs, _, err := Read(p, tt.opt)
			checkFatal(t, docs, err, p, tt.wantIs, tt.wantMsg)
			// The stream path must agree.
			docs, _, err = ReadReader(strings.NewReader(string(tt.data)), "report.txt", "txt", tt.opt)
			checkFatal(t, docs, err, "report.txt", tt.wantIs, tt.wantMsg)
		})
	}
}

// checkFatal asserts a fatal error that names the file first and wraps wantIs.
func checkFatal(t *testing.T, docs any, err error, name string, wantIs error, wantMsg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, got %v", docs)
	}
	if !strings.HasPrefix(err.Error(), name+": ") {
		t.Errorf("error %q does not start with the file name %q", err, name)
	}
	if strings.Count(err.Error(), name) != 1 {
		t.Errorf("error %q names the file more than once", err)
	}
	if wantIs != nil && !errors.Is(err, wantIs) {
		t.Errorf("error %q is not %v", err, wantIs)
	}
	if !strings.Contains(err.Error(), wantMsg) {
		t.Errorf("error %q does not contain %q", err, wantMsg)
	}
}
