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

// A node with thousands of children ("al X", as in Arabic place and group names) keeps its edges in
// a hash table behind a bit set that grows while phrases are added: every phrase added before or
// after a growth must still match, and words that continue none must not.
func TestMatcherManyChildren(t *testing.T) {
	var m Matcher
	const n = 5000
	for i := range n {
		m.Add([]string{"al", fmt.Sprintf("w%d", i)}, i)
		if i%1000 == 0 {
			m.grow(1000)
		}
	}
	for _, i := range []int{0, 1, 999, 1000, 2500, n - 1} {
		var got []int
		m.Scan([]string{"near", "al", fmt.Sprintf("w%d", i), "town"}, nil, func(first, last int, ids []int) {
			got = append(got, first, last, ids[0])
		})
		if len(got) != 3 || got[0] != 1 || got[1] != 2 || got[2] != i {
			t.Errorf("al w%d: got %v, want [1 2 %d]", i, got, i)
		}
	}
	for _, w := range []string{"w5000", "x1", "al", "w-1"} {
		m.Scan([]string{"al", w}, nil, func(first, last int, ids []int) {
			t.Errorf("al %s: unexpected match %d-%d %v", w, first, last, ids)
		})
	}
}

func TestIsAcronym(t *testing.T) {
	for alias, want := range map[string]bool{"IS": true, "SDF": true, "U.S.": true, "Daesh": false, "ISIS": true, "HTS": true, "Islamic State": false, "CJTF-OIR": false, "al-Shabaab": false} {
		if got := isAcronym(alias); got != want {
			t.Errorf("isAcronym(%q) = %v, want %v", alias, got, want)
		}
	}
}
