package geo

import (
	"hash/maphash"
	"math/bits"
)

// table is the name index: an open-addressing hash table from keys (normalised names) to postings
// (entry index plus flags). It is built in one go from a list of records, inserted in the order of
// their home slots so that building touches memory almost sequentially: a Go map of the same 400,000
// keys takes several times longer to build, which is most of the gazetteer's load time.
type table struct {
	mask  uint32
	slots []uint64 // hash tag << 32 | key number + 1; 0 is empty
	off   []uint32 // key number → offset in blob
	klen  []uint8  // key number → length
	val   []uint32 // key number → a posting, or multiBit | offset in lists (a count, then postings)
	blob  []byte
	lists []uint32
}

const (
	multiBit    = 1 << 31
	flagMain    = 1 << 30 // key came from the entry's own name (not an alternate)
	flagStrip   = 1 << 29 // key had articles dropped
	flagSpaced  = 1 << 28 // key glues the words of a name of several ("ham dan" → "hamdan")
	postingMask = 1<<28 - 1
)

var seed = maphash.MakeSeed()

// get appends the postings of key to buf.
func (t *table) get(key []byte, buf []uint32) []uint32 {
	if len(t.slots) == 0 || len(key) == 0 || len(key) > 255 {
		return buf
	}
	h := maphash.Bytes(seed, key)
	tag := uint32(h >> 32)
	for i := uint32(h) & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 {
			return buf
		}
		if uint32(s>>32) != tag {
			continue
		}
		k := uint32(s) - 1
		if int(t.klen[k]) == len(key) && string(t.blob[t.off[k]:t.off[k]+uint32(len(key))]) == string(key) {
			v := t.val[k]
			if v&multiBit == 0 {
				return append(buf, v)
			}
			o := v &^ multiBit
			return append(buf, t.lists[o+1:o+1+t.lists[o]]...)
		}
	}
}

// keys is the number of distinct keys.
func (t *table) keys() int { return len(t.val) }

// recs collects (key, posting) records for a table. Keys live in blob.
type recs struct {
	blob []byte
	r    []rec
}

type rec struct {
	off, post uint32
	home      uint32 // filled in by build
	n         uint8
}

func (rs *recs) add(key []byte, post uint32) {
	if len(key) == 0 || len(key) > 255 {
		return
	}
	rs.r = append(rs.r, rec{off: uint32(len(rs.blob)), post: post, n: uint8(len(key))})
	rs.blob = append(rs.blob, key...)
}

// build makes the table. Records of one key keep their order, so a key's postings come out in
// entry order; a key's repeated postings of one entry are merged.
func (rs *recs) build() table {
	n := len(rs.r)
	size := 1 << max(10, bits.Len(uint(n+n/2)))
	t := table{mask: uint32(size - 1), slots: make([]uint64, size), blob: rs.blob}
	shift := bits.Len(uint(size - 1))
	tags := make([]uint32, n)
	for i := range rs.r {
		r := &rs.r[i]
		h := maphash.Bytes(seed, rs.blob[r.off:r.off+uint32(r.n)])
		r.home = uint32(h) & t.mask
		tags[i] = uint32(h >> 32)
	}
	order := radixSort(rs.r, shift)
	t.off = make([]uint32, 0, n*3/4)
	t.klen = make([]uint8, 0, n*3/4)
	t.val = make([]uint32, 0, n*3/4)
	var multi [][]uint32
	for _, x := range order {
		r := rs.r[x]
		tag := tags[x]
		key := rs.blob[r.off : r.off+uint32(r.n)]
		i := r.home
		for {
			s := t.slots[i]
			if s == 0 {
				t.slots[i] = uint64(tag)<<32 | uint64(len(t.val)+1)
				t.off = append(t.off, r.off)
				t.klen = append(t.klen, r.n)
				t.val = append(t.val, r.post)
				break
			}
			k := uint32(s) - 1
			if uint32(s>>32) == tag && t.klen[k] == r.n && string(t.blob[t.off[k]:t.off[k]+uint32(r.n)]) == string(key) {
				v := t.val[k]
				switch {
				case v&multiBit == 0 && v&postingMask == r.post&postingMask:
					t.val[k] = mergePosting(v, r.post)
				case v&multiBit == 0:
					multi = append(multi, []uint32{v, r.post})
					t.val[k] = multiBit | uint32(len(multi)-1)
				default:
					l := multi[v&^multiBit]
					if last := l[len(l)-1]; last&postingMask == r.post&postingMask {
						l[len(l)-1] = mergePosting(last, r.post)
					} else {
						multi[v&^multiBit] = append(l, r.post)
					}
				}
				break
			}
			i = (i + 1) & t.mask
		}
	}
	total := 0
	for _, l := range multi {
		total += 1 + len(l)
	}
	t.lists = make([]uint32, 0, total)
	for k, v := range t.val {
		if v&multiBit == 0 {
			continue
		}
		l := multi[v&^multiBit]
		t.val[k] = multiBit | uint32(len(t.lists))
		t.lists = append(t.lists, uint32(len(l)))
		t.lists = append(t.lists, l...)
	}
	rs.r, rs.blob = nil, nil
	return t
}

// radixSort returns the indexes of r in order of home (stable), an LSD radix sort in passes of 11
// bits over the used bits.
func radixSort(r []rec, bitsUsed int) []uint32 {
	a := make([]uint32, len(r))
	for i := range a {
		a[i] = uint32(i)
	}
	b := make([]uint32, len(r))
	for sh := 0; sh < bitsUsed; sh += 11 {
		var count [1 << 11]int
		for _, x := range a {
			count[(r[x].home>>sh)&(1<<11-1)]++
		}
		sum := 0
		for i, c := range count {
			count[i] = sum
			sum += c
		}
		for _, x := range a {
			d := (r[x].home >> sh) & (1<<11 - 1)
			b[count[d]] = x
			count[d]++
		}
		a, b = b, a
	}
	return a
}

// mergePosting keeps the better of two postings of one entry: own name over alternate, whole over
// article-stripped, one word over words glued together.
func mergePosting(a, b uint32) uint32 {
	id := a & postingMask
	main := (a | b) & flagMain
	strip := a & b & flagStrip
	spaced := a & b & flagSpaced
	return id | main | strip | spaced
}
