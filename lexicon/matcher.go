package lexicon

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"
)

// Matcher finds dictionary phrases in a token sequence in one left-to-right pass: a trie over
// token keys (normalised words or their stems), longest match first.
//
// Keys are interned to numbers and the trie is one hash table of edges (node, key) → node, so a
// scan looks each token up once and allocates nothing; a node's entry ids are kept inline (most
// nodes end one phrase or none).
type Matcher struct {
	keys  map[string]int32 // key → key number
	edges map[uint64]int32 // node<<32 | key number → child node
	// node → its entry id (≥ 0), none (-1), or, for a node with several, -2-i for multi[i];
	// node 0 is the root
	ids   []int32
	multi [][]int
	root  []int32 // key number → child of the root, or -1: the edges most looked up, in an array
	// node → its only child (key number+1)<<32 | child, 0 for none, or manyChildren, in which case
	// edges has them: most nodes of a trie have one child or none, and need no hashing
	only []uint64
	// a bit per hash of every edge (16 or more bits per edge): most words after a node of many
	// children continue none of its phrases, and the bit tells so without hashing into edges
	edgeBits []uint64
}

const manyChildren = ^uint64(0)

// Add registers a phrase (its token keys) under an entry id (0 ≤ id < 2³¹). Empty phrases are
// ignored.
func (m *Matcher) Add(keys []string, id int) {
	if len(keys) == 0 {
		return
	}
	if id < 0 || id > math.MaxInt32 {
		panic(fmt.Sprintf("lexicon: Matcher entry id %d out of range", id))
	}
	n := int32(0)
	for _, k := range keys {
		n = m.child(n, m.intern(k))
	}
	m.addID(n, id)
}

func (m *Matcher) init() {
	if m.keys == nil {
		m.keys = map[string]int32{}
		m.edges = map[uint64]int32{}
		m.ids = []int32{-1}
		m.only = []uint64{0}
	}
}

// grow makes room for about n more trie nodes.
func (m *Matcher) grow(n int) {
	m.init()
	edges := make(map[uint64]int32, len(m.edges)+n)
	for e, c := range m.edges {
		edges[e] = c
	}
	m.edges = edges
	m.ids = slices.Grow(m.ids, n)
	m.only = slices.Grow(m.only, n)
}

// intern returns the number of key k, adding it if new.
func (m *Matcher) intern(k string) int32 {
	m.init()
	kid, ok := m.keys[k]
	if !ok {
		kid = int32(len(m.keys))
		m.keys[k] = kid
		m.root = append(m.root, -1)
	}
	return kid
}

// child returns the node after node n on key number kid, adding it if new.
func (m *Matcher) child(n, kid int32) int32 {
	m.init()
	e := uint64(n)<<32 | uint64(uint32(kid))
	c, ok := m.edges[e]
	if !ok {
		c = int32(len(m.ids))
		m.ids = append(m.ids, -1)
		m.only = append(m.only, 0)
		m.edges[e] = c
		m.markEdge(e)
		if n == 0 {
			m.root[kid] = c
		}
		if m.only[n] == 0 {
			m.only[n] = uint64(kid+1)<<32 | uint64(c)
		} else {
			m.only[n] = manyChildren
		}
	}
	return c
}

// markEdge sets edge e's bit, first doubling the bit set if it holds under 16 bits per edge.
func (m *Matcher) markEdge(e uint64) {
	if len(m.edgeBits)*64 < 16*len(m.edges) {
		m.edgeBits = make([]uint64, max(64, 2*len(m.edgeBits)))
		for e := range m.edges {
			h := edgeHash(e, len(m.edgeBits))
			m.edgeBits[h>>6] |= 1 << (h & 63)
		}
	}
	h := edgeHash(e, len(m.edgeBits))
	m.edgeBits[h>>6] |= 1 << (h & 63)
}

// edgeHash maps an edge to a bit of a set of words uint64s (a power of two).
func edgeHash(e uint64, words int) uint64 {
	return (e * 0x9E3779B97F4A7C15 >> 32) & uint64(words*64-1)
}

// mayHaveEdge is false for most edges the trie lacks, true for all it has.
func (m *Matcher) mayHaveEdge(e uint64) bool {
	h := edgeHash(e, len(m.edgeBits))
	return m.edgeBits[h>>6]&(1<<(h&63)) != 0
}

// addID adds an entry id to the phrase that ends at node n.
func (m *Matcher) addID(n int32, id int) {
	switch v := m.ids[n]; {
	case v == -1:
		m.ids[n] = int32(id)
	case v >= 0 && int(v) != id:
		m.ids[n] = int32(-2 - len(m.multi))
		m.multi = append(m.multi, []int{int(v), id})
	case v <= -2 && !slices.Contains(m.multi[-2-v], id):
		m.multi[-2-v] = append(m.multi[-2-v], id)
	}
}

// key returns the number of a token key, or -1 if no phrase uses it.
func (m *Matcher) key(k string) int32 {
	if kid, ok := m.keys[k]; ok {
		return kid
	}
	return -1
}

// Scan walks keys once. At each position it finds the longest phrase for which accept keeps at least
// one id, reports it through emit(first, last, ids) with last inclusive, and resumes after it.
// accept may be nil (every id is kept).
func (m *Matcher) Scan(keys []string, accept func(first, last, id int) bool, emit func(first, last int, ids []int)) {
	kids := make([]int32, len(keys))
	for i, k := range keys {
		kids[i] = m.key(k)
	}
	var ids []int
	first, last := 0, 0
	m.scan(kids, accept, func(f, l, k, id int) {
		if k == 0 && ids != nil {
			emit(first, last, ids)
			ids = nil
		}
		first, last = f, l
		ids = append(ids, id)
	})
	if ids != nil {
		emit(first, last, ids)
	}
}

// scan is Scan on key numbers (-1 for a key no phrase uses), reporting a match's kept ids one by
// one: emit(first, last, k, id) for the k-th. (Handing out no slice lets a caller's buffers stay
// on its stack.)
func (m *Matcher) scan(kids []int32, accept func(first, last, id int) bool, emit func(first, last, k, id int)) {
	if len(m.ids) == 0 {
		return
	}
	for i := 0; i < len(kids); {
		bestLast := -1
		var bestNode int32
		var bestMask uint64 // the ids of bestNode that accept kept (bit x: the x-th)
		var bestList []int  // instead, for a node of more than 64 ids
		n := int32(0)
		for j := i; j < len(kids); j++ {
			kid := kids[j]
			if kid < 0 {
				break
			}
			if j == i {
				n = m.root[kid]
				if n < 0 {
					break
				}
			} else {
				switch o := m.only[n]; {
				case o == 0:
					n = -1
				case o != manyChildren:
					if int32(o>>32) != kid+1 {
						n = -1
					} else {
						n = int32(uint32(o))
					}
				default:
					e := uint64(n)<<32 | uint64(uint32(kid))
					c, ok := int32(-1), false
					if m.mayHaveEdge(e) {
						c, ok = m.edges[e]
					}
					if !ok {
						c = -1
					}
					n = c
				}
				if n < 0 {
					break
				}
			}
			v := m.ids[n]
			switch {
			case v == -1:
			case v >= 0:
				if accept == nil || accept(i, j, int(v)) {
					bestLast, bestNode, bestMask, bestList = j, n, 1, nil
				}
			default:
				ids := m.multi[-2-v]
				if len(ids) > 64 {
					var kept []int
					for _, id := range ids {
						if accept == nil || accept(i, j, id) {
							kept = append(kept, id)
						}
					}
					if len(kept) > 0 {
						bestLast, bestList = j, kept
					}
					continue
				}
				var mask uint64
				for x, id := range ids {
					if accept == nil || accept(i, j, id) {
						mask |= 1 << x
					}
				}
				if mask != 0 {
					bestLast, bestNode, bestMask, bestList = j, n, mask, nil
				}
			}
		}
		if bestLast < 0 {
			i++
			continue
		}
		switch v := m.ids[bestNode]; {
		case bestList != nil:
			for k, id := range bestList {
				emit(i, bestLast, k, id)
			}
		case v >= 0:
			emit(i, bestLast, 0, int(v))
		default:
			k := 0
			for x, id := range m.multi[-2-v] {
				if bestMask&(1<<x) != 0 {
					emit(i, bestLast, k, id)
					k++
				}
			}
		}
		i = bestLast + 1
	}
}

// wordKeys are a normalised word's key numbers in the three matchers of a Lexicon: its own in the
// names matcher, its stem's in the trigger and qualifier matchers (-1: no phrase uses it).
type wordKeys struct{ name, trigger, qualifier int32 }

// wordCache maps normalised words to wordKeys without stemming a word twice: Snowball stemming costs
// more than everything else a scan does. Every word of the dictionaries is looked up in a read-only
// table made when the lexicon is built; other words are stemmed once and remembered in per-CPU
// tables (a sync.Pool, so scans on many cores never share one) of bounded size.
type wordCache struct {
	stems map[string]string // while loading: the dictionaries' stemmed words and their stems
	base  map[string]wordKeys
	pool  sync.Pool // *wordMemo
}

// freeze makes the read-only table: every key of the names matcher and every word of a trigger or
// cue phrase.
func (c *wordCache) freeze(l *Lexicon) {
	c.base = make(map[string]wordKeys, len(l.names.keys)+len(c.stems))
	for w := range l.names.keys {
		c.base[w] = l.wordKeysOf(w, c.stems[w])
	}
	for w, st := range c.stems {
		c.base[w] = l.wordKeysOf(w, st)
	}
	c.stems = nil
}

// wordKeysOf computes a word's keys; stem is its stem if known, else "".
func (l *Lexicon) wordKeysOf(norm, stem string) wordKeys {
	if stem == "" {
		stem = Stem(norm)
	}
	return wordKeys{l.names.key(norm), l.triggers.key(stem), l.qualifier.key(stem)}
}

type wordMemo struct{ m map[string]wordKeys }

const maxWordMemo = 1 << 16

// getWordMemo returns a memo from the pool, or a new one holding the read-only table (a few
// thousand words), so that a word costs one look-up.
func (l *Lexicon) getWordMemo() *wordMemo {
	if m, ok := l.words.pool.Get().(*wordMemo); ok {
		return m
	}
	m := make(map[string]wordKeys, max(1024, 2*len(l.words.base)))
	maps.Copy(m, l.words.base)
	return &wordMemo{m: m}
}

// keysOf returns the key numbers of a normalised word.
func (l *Lexicon) keysOf(norm string, memo *wordMemo) wordKeys {
	if k, ok := memo.m[norm]; ok {
		return k
	}
	k := l.wordKeysOf(norm, "")
	if len(memo.m) >= maxWordMemo {
		clear(memo.m)
		maps.Copy(memo.m, l.words.base)
	}
	memo.m[strings.Clone(norm)] = k // a token's Norm may share the document's memory
	return k
}
