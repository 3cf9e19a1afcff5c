// Package wordset holds the word lists that rules test tokens against. Rules ask about every token
// of every sentence and most tokens are in no list, so a list first checks a bit set indexed by a
// signature of the word's length and three of its letters (16 bits or more per word), and hashes
// only the words that pass it.
package wordset

// Map is a read-only map from normalised words to values.
type Map[V any] struct {
	m    map[string]V
	bits []uint64
	mask uint64 // len(bits)*64 - 1
}

// Of makes a Map of m, which it keeps: m must not change afterwards.
func Of[V any](m map[string]V) Map[V] {
	n := uint64(256)
	for n < 16*uint64(len(m)) {
		n *= 2
	}
	w := Map[V]{m: m, bits: make([]uint64, n/64), mask: n - 1}
	for k := range m {
		s := signature(k) & w.mask
		w.bits[s>>6] |= 1 << (s & 63)
	}
	return w
}

// signature mixes a word's length and its first, middle and last bytes.
func signature(s string) uint64 {
	n := len(s)
	if n == 0 {
		return 0
	}
	h := uint64(n) | uint64(s[0])<<8 | uint64(s[n/2])<<16 | uint64(s[n-1])<<24
	return (h * 0x9E3779B97F4A7C15) >> 40
}

// Get returns the value of word w and whether the list holds it.
func (w *Map[V]) Get(word string) (v V, ok bool) {
	if w.maybe(word) {
		v, ok = w.m[word]
	}
	return v, ok
}

// maybe is false for most words the list lacks, true for all it holds.
func (w *Map[V]) maybe(word string) bool {
	s := signature(word) & w.mask
	return w.bits[s>>6]&(1<<(s&63)) != 0
}

// Value returns the value of word w, or the zero value if the list lacks it.
func (w *Map[V]) Value(word string) V {
	v, _ := w.Get(word)
	return v
}

// Has reports whether the list holds word w.
func (w *Map[V]) Has(word string) bool {
	_, ok := w.Get(word)
	return ok
}

// Len is the number of words.
func (w *Map[V]) Len() int { return len(w.m) }

// All returns the underlying map, for ranging; callers must not change it.
func (w *Map[V]) All() map[string]V { return w.m }

// Set is a list of words.
type Set = Map[struct{}]

// SetOf makes a Set of the given words.
func SetOf(words ...string) Set {
	m := make(map[string]struct{}, len(words))
	for _, x := range words {
		m[x] = struct{}{}
	}
	return Of(m)
}

// SetFrom makes a Set of the words that m maps to true.
func SetFrom(m map[string]bool) Set {
	s := make(map[string]struct{}, len(m))
	for k, v := range m {
		if v {
			s[k] = struct{}{}
		}
	}
	return Of(s)
}
