package lexicon

// Matcher finds dictionary phrases in a token sequence in one left-to-right pass: a trie over
// token keys (normalised words or their stems), longest match first.
type Matcher struct {
	root node
}

type node struct {
	next map[string]*node
	ids  []int
}

// Add registers a phrase (its token keys) under an entry id. Empty phrases are ignored.
func (m *Matcher) Add(keys []string, id int) {
	if len(keys) == 0 {
		return
	}
	n := &m.root
	for _, k := range keys {
		if n.next == nil {
			n.next = make(map[string]*node)
		}
		c := n.next[k]
		if c == nil {
			c = &node{}
			n.next[k] = c
		}
		n = c
	}
	for _, have := range n.ids {
		if have == id {
			return
		}
	}
	n.ids = append(n.ids, id)
}

// Scan walks keys once. At each position it finds the longest phrase for which accept keeps at least
// one id, reports it through emit(first, last, ids) with last inclusive, and resumes after it.
// accept may be nil (every id is kept).
func (m *Matcher) Scan(keys []string, accept func(first, last, id int) bool, emit func(first, last int, ids []int)) {
	var buf []int
	for i := 0; i < len(keys); {
		bestLast := -1
		best := make([]int, 0, 4)
		n := &m.root
		for j := i; j < len(keys); j++ {
			c := n.next[keys[j]]
			if c == nil {
				break
			}
			n = c
			if len(n.ids) == 0 {
				continue
			}
			buf = buf[:0]
			for _, id := range n.ids {
				if accept == nil || accept(i, j, id) {
					buf = append(buf, id)
				}
			}
			if len(buf) > 0 {
				bestLast = j
				best = append(best[:0], buf...)
			}
		}
		if bestLast < 0 {
			i++
			continue
		}
		emit(i, bestLast, best)
		i = bestLast + 1
	}
}
