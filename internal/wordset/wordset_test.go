package wordset

import (
	"strings"
	"testing"
)

// The signature filter may only ever say "no" for words the list lacks: every answer must agree
// with the plain map, for members, near misses and a large list whose bit set had to grow.
func TestAgreesWithMap(t *testing.T) {
	big := map[string]int{}
	for i, w := range strings.Fields("al ash ez province governorate town village district") {
		big[w] = i + 1
	}
	for i := range 3000 {
		big[strings.Repeat(string(rune('a'+i%26)), 1+i%7)+string(rune('a'+i/26%26))+string(rune('a'+i/676%26))] = i
	}
	tests := []struct {
		name  string
		words map[string]int
		probe []string
	}{
		{"empty", map[string]int{}, []string{"", "a", "town"}},
		{"articles", map[string]int{"al": 1, "el": 2, "ash": 3, "ad": 4}, []string{"al", "el", "ash", "ad", "a", "as", "all", "alx", "", "Al", "ash-"}},
		{"empty word", map[string]int{"": 7, "in": 1}, []string{"", "in", "on"}},
		{"large", big, []string{"al", "ash", "aaa", "zzz", "province", "provinces", "qwerty", "bba", "ccccccc"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := Of(tc.words)
			probes := append([]string{}, tc.probe...)
			for k := range tc.words {
				probes = append(probes, k, k+"s", "x"+k)
			}
			for _, p := range probes {
				want, wantOK := tc.words[p]
				got, ok := w.Get(p)
				if got != want || ok != wantOK {
					t.Errorf("Get(%q) = %d, %v; want %d, %v", p, got, ok, want, wantOK)
				}
				if w.Has(p) != wantOK || w.Value(p) != want {
					t.Errorf("Has/Value(%q) disagree with the map", p)
				}
			}
			if w.Len() != len(tc.words) {
				t.Errorf("Len = %d, want %d", w.Len(), len(tc.words))
			}
		})
	}
}

// The filter must turn most non-members away, or it only adds work.
func TestFilterRejectsMostNonMembers(t *testing.T) {
	s := SetOf(strings.Fields("in near from of on at outside around into to toward towards across the a an al el ash")...)
	words := strings.Fields(`Syrian government forces shelled positions held by opposition fighters in
		southern Idlib countryside killing three people according to monitors who said that airstrikes
		continued overnight across several villages while residents fled northwards toward Turkish border`)
	passed, absent := 0, 0
	for _, w := range words {
		w = strings.ToLower(w)
		if _, ok := s.m[w]; ok {
			continue
		}
		absent++
		if s.maybe(w) {
			passed++
		}
	}
	if passed*4 > absent {
		t.Errorf("filter passed %d of %d words the set lacks", passed, absent)
	}
}

func TestSetFromDropsFalse(t *testing.T) {
	s := SetFrom(map[string]bool{"yes": true, "no": false})
	if !s.Has("yes") || s.Has("no") {
		t.Errorf("SetFrom: Has(yes) = %v, Has(no) = %v", s.Has("yes"), s.Has("no"))
	}
}
