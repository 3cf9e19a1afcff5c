package ingest

import (
	"testing"

	"github.com/sitrep-dev/sitrep/doc"
)

const wire = "KHARKIV, Jan 12 — At least four civilians were killed when a ballistic missile hit a residential block in Kharkiv on Monday, Ukrainian officials said. Another 17 people were hurt.\n\nRussia's defence ministry said its forces had struck \"military infrastructure\" in the city. It did not mention the apartment building."

func sig(text string) MinHash { return Signature(doc.Document{Text: text}) }

func TestSignatureFindsCopiesNotIndependentReports(t *testing.T) {
	tests := []struct {
		name string
		text string
		near bool
	}{
		{"exact re-send", wire, true},
		{"whitespace and case", "kharkiv, jan 12 —  At least four civilians were killed when a ballistic missile hit a residential block in Kharkiv on Monday,\nUkrainian officials said. Another 17 people were hurt. Russia's defence ministry said its forces had struck \"military infrastructure\" in the city. It did not mention the apartment building.", true},
		{"syndicated: credit line and one word changed", "KHARKIV, Jan 12 (Continental Wire) — At least four civilians were killed when a ballistic missile hit a residential block in Kharkiv on Monday, Ukrainian officials said. Another 17 people were injured.\n\nRussia's defence ministry said its forces had struck \"military infrastructure\" in the city. It did not mention the apartment building.", true},
		{"syndicated: last sentence dropped", "KHARKIV, Jan 12 — At least four civilians were killed when a ballistic missile hit a residential block in Kharkiv on Monday, Ukrainian officials said. Another 17 people were hurt.\n\nRussia's defence ministry said its forces had struck \"military infrastructure\" in the city.", true},
		{"another outlet's own report of the same strike", "A Russian missile struck a five-storey apartment building in Kharkiv on Monday morning, killing four people and wounding 17, regional governor Oleh Syniehubov said. Rescuers were searching the rubble in the city's Saltivka district for more residents.", false},
		{"the same template, another event", "ZAPORIZHZHIA, Jan 12 — At least two workers were killed when a cruise missile hit a factory in Zaporizhzhia on Monday, Ukrainian officials said. Another nine people were hurt.", false},
	}
	orig := sig(wire)
	ix := NewIndex()
	ix.Add("orig", orig)
	for _, tc := range tests {
		s := sig(tc.text)
		sim := orig.Similarity(s)
		if got := sim >= NearDuplicate; got != tc.near {
			t.Errorf("%s: similarity %.2f, near-duplicate %v, want %v", tc.name, sim, got, tc.near)
		}
		found := ix.Near(s)
		if got := len(found) == 1 && found[0].ID == "orig"; got != tc.near {
			t.Errorf("%s: index found %v", tc.name, found)
		}
	}
}

func TestSignatureEdgeCases(t *testing.T) {
	for _, text := range []string{"", "Strike", "Two words"} {
		a, b := sig(text), sig(text)
		if a != b || a.Similarity(b) != 1 {
			t.Errorf("%q: signature not deterministic", text)
		}
	}
	if sig("Strike").Similarity(sig("Shelling")) >= NearDuplicate {
		t.Error("two different one-word texts are near-duplicates")
	}
	m := sig(wire)
	back, err := ParseMinHash(m.Bytes())
	if err != nil || back != m {
		t.Errorf("ParseMinHash(Bytes()) = %v, %v", back == m, err)
	}
	if _, err := ParseMinHash([]byte{1, 2, 3}); err == nil {
		t.Error("ParseMinHash accepted 3 bytes")
	}
	keys := m.BandKeys()
	seen := map[int64]bool{}
	for _, k := range keys {
		seen[k] = true
	}
	if len(seen) != Bands {
		t.Errorf("%d distinct band keys, want %d", len(seen), Bands)
	}
	ix := NewIndex()
	ix.Add("a", m)
	ix.Add("a", m)
	if got := ix.Near(m); len(got) != 1 {
		t.Errorf("adding an id twice: Near = %v", got)
	}
}

func BenchmarkSignature(b *testing.B) {
	d := doc.Document{Text: wire + "\n\n" + wire + "\n\n" + wire}
	b.SetBytes(int64(len(d.Text)))
	for b.Loop() {
		Signature(d)
	}
}
