package ingest

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"github.com/cespare/xxhash/v2"

	"github.com/sitrep-dev/sitrep/doc"
)

// Near-duplicate detection. A wire story republished under another outlet's name, or re-sent by its
// own outlet with a word changed, a dateline added or a credit line swapped, has a different content
// id but nearly the same words. Such copies are recognised by MinHash: the text's overlapping word
// pairs (normalised as the tokenizer does: case, accents and apostrophes folded) are hashed with
// xxhash, and for each of MinHashSize hash functions derived from it the signature keeps the least
// value.
// The share of equal positions in two signatures estimates the Jaccard similarity of the two shingle
// sets. Locality-sensitive hashing finds the candidates without comparing every pair: the signature is
// cut into Bands bands of Rows values, and two documents are candidates when any band is equal.
// With 16 bands of 4 rows, a pair of similarity 0.7 is a candidate with probability 0.99, one of
// 0.3 with probability 0.12; candidates are then checked against NearDuplicate.
const (
	MinHashSize = 64
	Bands       = 16
	Rows        = MinHashSize / Bands
	// ShingleWords is the number of words in a shingle. Pairs rather than the usual triples: wire
	// copies of one-paragraph reports differ by a few words, and each changed word breaks as many
	// shingles as a shingle has words.
	ShingleWords = 2
	// NearDuplicate is the least estimated similarity at which two documents are copies of one
	// report. Independent reports of one event, however alike their facts, share far fewer word
	// pairs (0.25 at most on the fusion gold set), syndicated copies far more (0.64 and up).
	NearDuplicate = 0.5
)

// MinHash is a document's near-duplicate signature.
type MinHash [MinHashSize]uint32

// Signature is the MinHash of a document's text (its source plays no part: a copy under another
// outlet's name is exactly what it finds). A text of fewer than ShingleWords words is hashed as
// one shingle.
func Signature(d doc.Document) MinHash { return signText(d.Text) }

func signText(text string) MinHash {
	var sig MinHash
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	toks := doc.Tokenize(text, 0)
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.Norm
	}
	n := len(words) - ShingleWords + 1
	if n < 1 {
		n = 1
	}
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.Reset()
		for j := i; j < i+ShingleWords && j < len(words); j++ {
			b.WriteString(words[j])
			b.WriteByte(0)
		}
		// MinHashSize hash functions from two (Kirsch and Mitzenmacher): h_k = h1 + k·h2
		h1 := xxhash.Sum64String(b.String())
		h2 := mix(h1) | 1
		x := h1
		for k := range sig {
			x += h2
			if v := uint32(x >> 32); v < sig[k] {
				sig[k] = v
			}
		}
	}
	return sig
}

// mix is the SplitMix64 finaliser: a bijection on 64 bits with good avalanche.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Similarity estimates the Jaccard similarity of the two documents' shingle sets: the share of
// positions where the signatures agree.
func (m MinHash) Similarity(o MinHash) float64 {
	same := 0
	for i := range m {
		if m[i] == o[i] {
			same++
		}
	}
	return float64(same) / MinHashSize
}

// BandKeys are the LSH keys of the signature: one per band, the band's number folded in, so equal
// keys mean an equal band at the same place. Two signatures sharing any key are candidates.
func (m MinHash) BandKeys() [Bands]int64 {
	var keys [Bands]int64
	var buf [4 + Rows*4]byte
	for b := range keys {
		binary.LittleEndian.PutUint32(buf[:4], uint32(b))
		for r := 0; r < Rows; r++ {
			binary.LittleEndian.PutUint32(buf[4+r*4:], m[b*Rows+r])
		}
		keys[b] = int64(xxhash.Sum64(buf[:]))
	}
	return keys
}

// Bytes is the signature's stored form: MinHashSize little-endian uint32s.
func (m MinHash) Bytes() []byte {
	out := make([]byte, 4*MinHashSize)
	for i, v := range m {
		binary.LittleEndian.PutUint32(out[4*i:], v)
	}
	return out
}

// ParseMinHash reads the form Bytes writes.
func ParseMinHash(b []byte) (MinHash, error) {
	var m MinHash
	if len(b) != 4*MinHashSize {
		return m, fmt.Errorf("minhash: want %d bytes, got %d", 4*MinHashSize, len(b))
	}
	for i := range m {
		m[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return m, nil
}

// Match is a stored document found near-identical to another.
type Match struct {
	ID         string
	Similarity float64
}

// Index finds near-duplicates among the signatures added to it, in memory. The pipeline keeps the
// same band keys in the store (store.Store.NearDuplicates) so that copies are found across runs;
// Index serves callers without a store and the tests. The zero value is not ready: use NewIndex.
// Not safe for concurrent use.
type Index struct {
	buckets map[int64][]string
	sigs    map[string]MinHash
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{buckets: map[int64][]string{}, sigs: map[string]MinHash{}}
}

// Add indexes a document's signature under its id. Adding an id again replaces nothing.
func (ix *Index) Add(id string, m MinHash) {
	if _, ok := ix.sigs[id]; ok {
		return
	}
	ix.sigs[id] = m
	for _, k := range m.BandKeys() {
		ix.buckets[k] = append(ix.buckets[k], id)
	}
}

// Near returns the indexed documents whose estimated similarity to m is at least NearDuplicate,
// most similar first (ties by id).
func (ix *Index) Near(m MinHash) []Match {
	seen := map[string]bool{}
	var out []Match
	for _, k := range m.BandKeys() {
		for _, id := range ix.buckets[k] {
			if seen[id] {
				continue
			}
			seen[id] = true
			if s := m.Similarity(ix.sigs[id]); s >= NearDuplicate {
				out = append(out, Match{ID: id, Similarity: s})
			}
		}
	}
	slices.SortFunc(out, func(a, b Match) int {
		if a.Similarity != b.Similarity {
			if a.Similarity > b.Similarity {
				return -1
			}
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}
