package lexicon

import (
	"fmt"
	"strings"
	"testing"
)

func TestMatcherLongestMatchOnePass(t *testing.T) {
	var m Matcher
	phrases := []string{"islamic state", "islamic", "state", "syrian democratic forces", "syrian", "al qaeda in the arabian peninsula", "al qaeda"}
	for i, p := range phrases {
		m.Add(strings.Fields(p), i)
	}
	tests := []struct {
		text string
		want string
	}{
		{"fighters of the islamic state attacked", "3-4:islamic state"},
		{"the syrian democratic forces and syrian troops", "1-3:syrian democratic forces 5-5:syrian"},
		{"al qaeda in the arabian peninsula claimed it", "0-5:al qaeda in the arabian peninsula"},
		{"al qaeda in the region", "0-1:al qaeda"},
		{"nothing here", ""},
	}
	for _, tc := range tests {
		keys := strings.Fields(tc.text)
		var got []string
		m.Scan(keys, nil, func(first, last int, ids []int) {
			got = append(got, fmt.Sprintf("%d-%d:%s", first, last, phrases[ids[0]]))
		})
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("Scan(%q) = %q, want %q", tc.text, g, tc.want)
		}
	}
}

func TestMatcherAcceptFallsBackToShorterMatch(t *testing.T) {
	var m Matcher
	m.Add([]string{"is"}, 0)
	m.Add([]string{"is", "fighters"}, 1)
	var got []int
	m.Scan([]string{"is", "fighters"}, func(first, last, id int) bool { return id == 0 }, func(first, last int, ids []int) {
		got = append(got, last)
	})
	if len(got) != 1 || got[0] != 0 {
		t.Errorf("with the long phrase refused, want the one-word match ending at 0, got %v", got)
	}
}

func TestIsAcronym(t *testing.T) {
	for alias, want := range map[string]bool{"IS": true, "SDF": true, "U.S.": true, "Daesh": false, "ISIS": true, "HTS": true, "Islamic State": false, "CJTF-OIR": false, "al-Shabaab": false} {
		if got := isAcronym(alias); got != want {
			t.Errorf("isAcronym(%q) = %v, want %v", alias, got, want)
		}
	}
}
