package when

import (
	"sync"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
)

// Precisions, coarsest last so that max() is "the coarser of".
const (
	pDay uint8 = iota
	pWeek
	pMonth
	pYear
)

var precName = [...]string{pDay: doc.DateDay, pWeek: doc.DateWeek, pMonth: doc.DateMonth, pYear: doc.DateYear}

// period is a resolved range of days [start, end].
type period struct {
	start, end int
	prec       uint8
	// unit is the calendar unit the range covers (uWeek, uMonth, uYear, uDecade) when it is one,
	// so that "early"/"late" can cut it and it can be clipped at the publication day; 0 otherwise.
	unit uint8
}

// Atom kinds: what one side of a range (or a whole expression) says before it is resolved.
const (
	aDate    uint8 = iota + 1 // some of day, month, year
	aDay                      // a bare day number; only valid as one end of a range ("3" in "3-5 May")
	aWeekday                  // a weekday with a mode
	aFixed                    // already resolved
)

// Weekday modes.
const (
	wdBare = iota // "on Tuesday", "this Tuesday": the latest (or, future tense, next) such day, today included
	wdLast        // "last Tuesday": strictly before publication day
	wdNext        // "next Tuesday": strictly after publication day
	wdWeek        // "Tuesday last week": that day of the week weekOff weeks from the publication week
)

// Portions of a period.
const (
	partNone int8 = iota
	partEarly
	partMid
	partLate
)

type atom struct {
	kind    uint8
	portion int8
	tense   int8 // +1 future, -1 past, 0: as the sentence says
	d, m, y int
	wd      int
	wdMode  int
	wdCheck int // weekday+1 written next to a date without a year ("Thursday 25 December"); 0 none
	weekOff int
	fixed   period
}

type scanner struct {
	text    string
	toks    []tok
	trigger bool

	pub              int // publication day
	pubY, pubM       int
	anchorS, anchorE int // the last resolved expression of the sentence (publication day at first)
	anchored         bool
}

var pool = sync.Pool{New: func() any { return &scanner{toks: make([]tok, 0, 128)} }}

// Find returns every date expression in text (one sentence), resolved against published; spans are
// offset by base. Dates are whole days at midnight UTC; published is read as a calendar date in its
// own location (the outlet's day). Expressions do not overlap and come in text order.
func Find(text string, base int, published time.Time) []doc.When {
	if !mayHoldDate(text) {
		return nil
	}
	s := pool.Get().(*scanner)
	s.text = text
	s.tokenize()
	var out []doc.When
	if s.trigger {
		s.pub = dayOf(published)
		s.pubY, s.pubM, _ = ymd(s.pub)
		s.anchorS, s.anchorE, s.anchored = s.pub, s.pub, false
		out = s.scan(base)
	}
	s.text = ""
	if cap(s.toks) > 4096 {
		s.toks = make([]tok, 0, 128)
	}
	pool.Put(s)
	return out
}

// Reported is the fallback when a sentence has no date: the publication day with precision "reported".
func Reported(published time.Time) doc.When {
	d := toTime(dayOf(published))
	return doc.When{Start: d, End: d, Precision: doc.DateReported}
}

func (s *scanner) scan(base int) []doc.When {
	var out []doc.When
	n := len(s.toks)
	for i := 0; i < n; {
		if t := &s.toks[i]; t.kind == kPunct || t.kind == kWord && !opensExpr(t.cls) {
			i++
			continue
		}
		j, p, ok := s.expr(i)
		if !ok || j <= i {
			i++
			continue
		}
		for j > i+1 && s.toks[j-1].kind == kPunct {
			j--
		}
		a, b := int(s.toks[i].s), int(s.toks[j-1].e)
		out = append(out, doc.When{
			Text:      s.text[a:b],
			Start:     toTime(p.start),
			End:       toTime(p.end),
			Precision: precName[p.prec],
			Span:      doc.Span{Start: base + a, End: base + b},
		})
		s.anchorS, s.anchorE, s.anchored = p.start, p.end, true
		i = j
	}
	return out
}

// ---- token helpers ----

func (s *scanner) tk(i int) *tok {
	if i < 0 || i >= len(s.toks) {
		return &noTok
	}
	return &s.toks[i]
}

var noTok tok

func (s *scanner) isKw(i int, id uint8) bool {
	t := s.tk(i)
	return t.kind == kWord && t.cls == cKw && t.id == id
}

func (s *scanner) isCls(i int, cls uint8) bool {
	t := s.tk(i)
	return t.kind == kWord && t.cls == cls
}

func (s *scanner) isUnit(i int, u uint8) bool {
	t := s.tk(i)
	return t.kind == kWord && t.cls == cUnit && t.id == u
}

// glued reports whether token i is the punctuation c written without space before it and is
// followed without space by another token.
func (s *scanner) glued(i int, c byte) bool {
	t := s.tk(i)
	return t.kind == kPunct && t.ch == c && !t.sp && i+1 < len(s.toks) && !s.toks[i+1].sp
}

func (s *scanner) isPunct(i int, c byte) bool {
	t := s.tk(i)
	return t.kind == kPunct && t.ch == c
}

func (s *scanner) word(i int) string {
	t := s.tk(i)
	return s.text[t.s:t.e]
}

// yearTok reports whether token i is a four-digit year 1900..2100.
func (s *scanner) yearTok(i int) bool {
	t := s.tk(i)
	return t.kind == kNum && t.nd == 4 && t.suf == sufNone && !t.comma && t.val >= 1900 && t.val <= 2100
}

// dayNum reports whether token i can be a day of the month (1..31, "20" or "20th").
func (s *scanner) dayNum(i int) bool {
	t := s.tk(i)
	return t.kind == kNum && t.nd <= 2 && (t.suf == sufNone || t.suf == sufOrd) && !t.comma &&
		t.val >= 1 && t.val <= 31
}

// timeAfter reports whether the number at i is a clock time ("10 am", "10:30", "10.30", "2000 GMT").
func (s *scanner) timeAfter(i int) bool {
	t := s.tk(i)
	if t.suf == sufTime {
		return true
	}
	n := s.tk(i + 1)
	switch {
	case n.kind == kPunct && (n.ch == ':' || n.ch == '.') && !n.sp && s.tk(i+2).kind == kNum && !s.tk(i+2).sp:
		return true
	case n.kind == kWord && n.cls == cKw && (n.id == kwAm || n.id == kwTZ):
		return true
	case n.kind == kWord && n.cls == cUnit && n.id == uHour:
		return true
	case n.kind == kWord && n.e-n.s == 1 && s.isPunct(i+2, '.'):
		c := s.text[n.s] | 0x20
		if (c == 'a' || c == 'p') && s.tk(i+3).kind == kWord && s.text[s.tk(i+3).s]|0x20 == 'm' {
			return true
		}
	}
	return false
}

// prepBefore reports whether the token before i lets a bare month or year stand as a date
// ("in March", "since 2011", "by 2030").
func (s *scanner) prepBefore(i int) bool {
	t := s.tk(i - 1)
	if t.kind != kWord || t.cls != cKw {
		return false
	}
	switch t.id {
	case kwIn, kwSince, kwDuring, kwUntil, kwBy, kwFrom, kwThroughout, kwBefore, kwAfter, kwOf, kwBetween,
		kwEarly, kwMid, kwLate:
		return true
	}
	return false
}

// objectAfter reports whether "before"/"after" at i takes an object ("the day before the vote"),
// which makes it a relation to an event rather than to a date.
func (s *scanner) objectAfter(i int) bool {
	t := s.tk(i + 1)
	switch t.kind {
	case 0, kPunct:
		return false
	case kNum:
		return true
	}
	if t.caps {
		return true
	}
	if t.cls == cKw {
		switch t.id {
		case kwThe, kwA, kwDet, kwPron, kwThis, kwThat:
			return true
		}
	}
	return false
}

// ---- expressions ----

func (s *scanner) expr(i int) (int, period, bool) {
	t := &s.toks[i]
	if t.kind == kWord && t.cls == cKw {
		switch t.id {
		case kwSince:
			j, p, ok := s.rangeExpr(i+1, 0, -1)
			if !ok {
				return 0, p, false
			}
			if p.start <= s.pub {
				p.end = max(p.end, s.pub)
			}
			return j, p, true
		case kwBetween:
			return s.rangeExpr(i+1, kwAnd, 0)
		case kwFrom:
			return s.rangeExpr(i+1, kwTo, 0)
		}
	}
	return s.rangeExpr(i, 0, 0)
}

// connector returns the number of tokens of a range connector at i, or 0.
func (s *scanner) connector(i int, conn uint8) int {
	t := s.tk(i)
	switch {
	case conn == kwAnd:
		if s.isKw(i, kwAnd) {
			return 1
		}
	case t.kind == kPunct && t.ch == '-':
		return 1
	case s.isKw(i, kwTo) || s.isKw(i, kwUntil):
		return 1
	}
	return 0
}

// rangeExpr parses one atom at i, or a range "X - Y", "X to Y" (conn 0 or kwTo) or "X and Y"
// (conn kwAnd, after "between"). A non-zero conn demands the range.
func (s *scanner) rangeExpr(i int, conn uint8, tense int8) (int, period, bool) {
	if i >= len(s.toks) {
		return 0, period{}, false
	}
	j, x, ok := s.atom(i, conn != 0)
	if !ok {
		// a bare day number opens a range: "3-5 May", "10 to 12 December"
		if conn != 0 || !s.dayNum(i) || s.connector(i+1, 0) == 0 && !s.isKw(i+1, kwAnd) && !s.glued(i+1, '/') {
			return 0, period{}, false
		}
		j, x = i+1, atom{kind: aDay, d: int(s.toks[i].val)}
	}
	if tense != 0 {
		x.tense = tense
	}
	start := i
	if conn != 0 {
		start = i - 1
	}
	c := s.connector(j, conn)
	if c == 0 && conn == 0 && x.kind == aDay && (s.isKw(j, kwAnd) || s.glued(j, '/')) {
		c = 1 // "on 5 and 6 December", "the night of 5/6 December": one range over both days
	}
	if c > 0 && j+c < len(s.toks) {
		if j2, y, ok := s.atom(j+c, true); ok && !(y.kind == aDay && s.toks[j].kind == kWord && s.countFollows(j2)) {
			// (a bare day after "to"/"and" followed by a noun is a count: "on 3 December to 5 families")
			if tense != 0 {
				y.tense = tense
			}
			if p, ok := s.combine(x, y, start, j2); ok {
				return j2, p, true
			}
		}
	}
	if conn != 0 || x.kind == aDay {
		return 0, period{}, false
	}
	p, ok := s.resolve(x, s.future(start, j, x.tense))
	return j, p, ok
}

// opensExpr reports whether a word of class cls can start a date expression: the classes atom
// reads (keywords included, which expr reads too). Most words of a sentence start none.
func opensExpr(cls uint8) bool {
	switch cls {
	case cMonth, cMonthAbbr, cWeekday, cWeekdayAbbr, cNumWord, cKw:
		return true
	}
	return false
}

// atom parses one date at i. inRange allows the partial forms that only a range completes (a bare
// day number) and bare months and years after "and"/"to". (A word class it reads must be one
// opensExpr accepts.)
func (s *scanner) atom(i int, inRange bool) (int, atom, bool) {
	t := &s.toks[i]
	bare := inRange || s.prepBefore(i)
	switch t.kind {
	case kNum:
		return s.numAtom(i, bare, inRange)
	case kWord:
		switch t.cls {
		case cMonth, cMonthAbbr:
			return s.monthAtom(i, bare)
		case cWeekday, cWeekdayAbbr:
			return s.weekdayAtom(i)
		case cNumWord:
			return s.countAtom(i, int(t.id), i+1)
		case cUnit:
			// "New Year's Day" is handled at "New"; nothing starts with a unit.
		case cKw:
			return s.kwAtom(i, bare)
		}
	}
	return 0, atom{}, false
}

func fixed(p period) atom { return atom{kind: aFixed, fixed: p} }

func dayP(z int) period { return period{start: z, end: z} }

func (s *scanner) numAtom(i int, bare, inRange bool) (int, atom, bool) {
	t := &s.toks[i]
	if t.comma {
		return 0, atom{}, false
	}
	v := int(t.val)
	// ISO 8601: 2025-12-20, 2025/12/20
	if t.nd == 4 && t.suf == sufNone {
		for _, sep := range [...]byte{'-', '/'} {
			if s.glued(i+1, sep) && s.glued(i+3, sep) && s.tk(i+2).kind == kNum && s.tk(i+4).kind == kNum {
				mt, dt := s.tk(i+2), s.tk(i+4)
				if mt.nd <= 2 && mt.suf == sufNone && dt.nd <= 2 && (dt.suf == sufNone || dt.suf == sufT) &&
					validDate(v, int(mt.val), int(dt.val)) {
					return i + 5, atom{kind: aDate, y: v, m: int(mt.val), d: int(dt.val)}, true
				}
				return 0, atom{}, false
			}
		}
		// year range 2019-2021
		if s.glued(i+1, '-') && s.yearTok(i) && s.yearTok(i+2) && s.tk(i+2).val > t.val &&
			s.tk(i+2).val-t.val <= 100 {
			a, _ := yearRange(v)
			_, b := yearRange(int(s.tk(i + 2).val))
			return i + 3, fixed(period{start: a, end: b, prec: pYear}), true
		}
	}
	// day-first numeric: 20/12/2025, 20.12.2025, 20-12-2025, 20/12/25
	if t.nd <= 2 && t.suf == sufNone {
		for _, sep := range [...]byte{'/', '.', '-'} {
			if s.glued(i+1, sep) && s.glued(i+3, sep) && s.tk(i+2).kind == kNum && s.tk(i+4).kind == kNum {
				bt, yt := s.tk(i+2), s.tk(i+4)
				if bt.nd > 2 || bt.suf != sufNone || !(yt.suf == sufNone || yt.suf == sufT) {
					return 0, atom{}, false
				}
				y := int(yt.val)
				switch {
				case yt.nd == 4:
				case yt.nd == 2 && sep == '/':
					y += 2000
					if y > s.pubY+1 {
						y -= 100
					}
				default:
					return 0, atom{}, false
				}
				d, m := v, int(bt.val)
				if d <= 12 && m > 12 { // unambiguously month-first (US): 12/20/2025
					d, m = m, d
				}
				if !validDate(y, m, d) {
					return 0, atom{}, false
				}
				return i + 5, atom{kind: aDate, y: y, m: m, d: d}, true
			}
		}
	}
	// decade: 1990s, 1990's
	if t.nd == 4 && v%10 == 0 && v >= 1000 && v <= 2090 {
		j := 0
		if t.suf == sufS {
			j = i + 1
		} else if t.suf == sufNone && s.glued(i+1, '\'') && !s.tk(i+2).sp && s.word(i+2) == "s" {
			j = i + 3
		}
		if j > 0 {
			return j, fixed(period{start: civil(v, 1, 1), end: civil(v+9, 12, 31), prec: pYear, unit: uDecade}), true
		}
	}
	// a day of the month: 20 December [2025], 20th of December, 20 Dec.
	if s.dayNum(i) {
		k := i + 1
		if s.isKw(k, kwOf) && (t.suf == sufOrd || s.isKw(i-1, kwThe)) {
			k++
		}
		if m, ok := s.monthAt(k); ok {
			k++
			j, y := s.yearAfter(k)
			if !validDate(yearOr(y, 2000), m, v) {
				return 0, atom{}, false
			}
			return j, atom{kind: aDate, d: v, m: m, y: y}, true
		}
		if inRange && !s.timeAfter(i) {
			return i + 1, atom{kind: aDay, d: v}, true
		}
	}
	// a year: "in 2023", "since 2011", "between 2019 and 2021"
	if s.yearTok(i) && (bare || s.listAfter(i, s.yearTok)) && !s.timeAfter(i) {
		return i + 1, atom{kind: aDate, y: v}, true
	}
	// a count: "3 days ago", "two weeks later"
	if t.suf == sufNone && t.nd <= 4 {
		return s.countAtom(i, v, i+1)
	}
	return 0, atom{}, false
}

func yearOr(y, def int) int {
	if y == 0 {
		return def
	}
	return y
}

func validDate(y, m, d int) bool { return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) }

// monthAt returns the month named at i: capitalised, full or abbreviated ("Dec", "Dec.").
func (s *scanner) monthAt(i int) (int, bool) {
	t := s.tk(i)
	if t.kind == kWord && (t.cls == cMonth || t.cls == cMonthAbbr) && t.caps {
		return int(t.id), true
	}
	return 0, false
}

// yearAfter reads an optional year after a day and month at k: ", 2025", " 2025", "last year".
// It returns the index after what it read and the year (0: none).
func (s *scanner) yearAfter(k int) (int, int) {
	kk := k
	if s.isPunct(kk, '.') && !s.tk(kk).sp && s.tk(kk-1).cls == cMonthAbbr {
		kk++
	}
	if s.isPunct(kk, ',') {
		kk++
	}
	if s.yearTok(kk) && !s.glued(kk+1, '-') && !s.glued(kk+1, '/') {
		return kk + 1, int(s.tk(kk).val)
	}
	if y, ok := s.relYear(k); ok {
		return k + 2, y
	}
	return k, 0
}

// relYear reads "last year", "this year", "next year" at k.
func (s *scanner) relYear(k int) (int, bool) {
	if !s.isUnit(k+1, uYear) || s.word(k+1) != "year" && s.word(k+1) != "Year" {
		return 0, false
	}
	switch {
	case s.isKw(k, kwLast):
		return s.pubY - 1, true
	case s.isKw(k, kwThis):
		return s.pubY, true
	case s.isKw(k, kwNext):
		return s.pubY + 1, true
	}
	return 0, false
}

func (s *scanner) monthAtom(i int, bare bool) (int, atom, bool) {
	m, ok := s.monthAt(i)
	if !ok {
		return 0, atom{}, false
	}
	abbr := s.toks[i].cls == cMonthAbbr
	k := i + 1
	if abbr && s.isPunct(k, '.') && !s.tk(k).sp {
		k++
	}
	if s.dayNum(k) && !s.timeAfter(k) {
		d := int(s.tk(k).val)
		j, y := s.yearAfter(k + 1)
		// "In December 20 people were killed": after "in", a day number followed by a lower-case
		// word is a count.
		if y == 0 && s.tk(k).suf == sufNone && (s.isKw(i-1, kwIn) || s.isKw(i-1, kwDuring)) && s.countFollows(k+1) {
			if abbr {
				return 0, atom{}, false
			}
			return i + 1, atom{kind: aDate, m: m}, true
		}
		if !validDate(yearOr(y, 2000), m, d) {
			return 0, atom{}, false
		}
		return j, atom{kind: aDate, d: d, m: m, y: y}, true
	}
	if s.yearTok(k) {
		return k + 1, atom{kind: aDate, m: m, y: int(s.tk(k).val)}, true
	}
	if s.isKw(k, kwOf) && s.yearTok(k+1) {
		return k + 2, atom{kind: aDate, m: m, y: int(s.tk(k + 1).val)}, true
	}
	if abbr {
		return 0, atom{}, false
	}
	if y, ok := s.relYear(i + 1); ok {
		return i + 3, atom{kind: aDate, m: m, y: y}, true
	}
	if bare || s.listAfter(i, s.isMonth) {
		return i + 1, atom{kind: aDate, m: m}, true
	}
	return 0, atom{}, false
}

func (s *scanner) isMonth(i int) bool { _, ok := s.monthAt(i); return ok }

// listAfter reports whether token i follows "X and"/"X or" where X passes same: the second year of
// "in 2023 and 2024", the second month of "in March or April".
func (s *scanner) listAfter(i int, same func(int) bool) bool {
	return (s.isKw(i-1, kwAnd) || s.isKw(i-1, kwOr)) && same(i-2)
}

// countFollows reports whether token i is a lower-case word that is not one that may follow a date.
func (s *scanner) countFollows(i int) bool {
	t := s.tk(i)
	if t.kind != kWord || t.caps {
		return false
	}
	if t.cls == cKw {
		switch t.id {
		case kwAnd, kwOr, kwTo, kwAt, kwWhen, kwAs, kwAfter, kwBefore, kwUntil, kwWhile, kwAmid, kwDuring,
			kwIn, kwOn, kwNear, kwThat, kwWhich, kwBut, kwFrom, kwLast, kwThis, kwSince, kwBy, kwThe:
			return false
		}
	}
	return true
}

func (s *scanner) weekdayAtom(i int) (int, atom, bool) {
	t := &s.toks[i]
	k := i + 1
	if s.isPunct(k, '.') && t.cls == cWeekdayAbbr {
		k++
	}
	if s.isPunct(k, ',') {
		k++
	}
	// a weekday before a full date: "Tuesday, December 20", "Tue 20 Dec 2025"
	if j, a, ok := s.dateAt(k); ok {
		if a.y == 0 {
			a.wdCheck = int(t.id) + 1
		}
		return j, a, true
	}
	if t.cls == cWeekdayAbbr {
		return 0, atom{}, false
	}
	if s.namedDay(i) {
		return 0, atom{}, false
	}
	a := atom{kind: aWeekday, wd: int(t.id), wdMode: wdBare}
	j := s.skipTod(i + 1)
	if off, ok := s.relWeek(j); ok {
		a.wdMode, a.weekOff = wdWeek, off
		j += 2
	} else if s.isKw(j, kwOf) {
		if off, ok := s.relWeek(j + 1); ok {
			a.wdMode, a.weekOff = wdWeek, off
			j += 3
		}
	}
	return j, a, true
}

// namedDay reports whether the weekday at i is part of a name: "Good Friday", "Bloody Sunday",
// "the Sunday Times", "the Good Friday Agreement".
func (s *scanner) namedDay(i int) bool {
	if p := s.tk(i - 1); p.kind == kWord && p.caps && dayNamePrefix[s.word(i-1)] {
		return true
	}
	n := s.tk(i + 1)
	return n.kind == kWord && n.caps && dayNameSuffix[s.word(i+1)]
}

var dayNamePrefix = map[string]bool{
	"Good": true, "Black": true, "Bloody": true, "Super": true, "Ash": true, "Holy": true, "Palm": true,
	"Easter": true, "Cyber": true, "Maundy": true, "Shrove": true, "Great": true, "Clean": true,
	"Giving": true, "Spy": true, "Blue": true,
}

var dayNameSuffix = map[string]bool{
	"Times": true, "Telegraph": true, "Express": true, "Mirror": true, "Herald": true, "Post": true,
	"Mail": true, "Star": true, "Tribune": true, "Observer": true, "Agreement": true, "Accord": true,
	"Accords": true, "Night": true, "Sport": true, "Review": true, "Edition": true, "Magazine": true,
	"Show": true, "Club": true, "Independent": true, "Business": true, "Morning": true, "People": true,
}

// dateAt parses a date with day and month at i (for the weekday prefix).
func (s *scanner) dateAt(i int) (int, atom, bool) {
	var j int
	var a atom
	var ok bool
	switch t := s.tk(i); {
	case t.kind == kNum:
		j, a, ok = s.numAtom(i, false, false)
	case t.kind == kWord && (t.cls == cMonth || t.cls == cMonthAbbr):
		j, a, ok = s.monthAtom(i, false)
	}
	if ok && a.kind == aDate && a.d > 0 {
		return j, a, true
	}
	return 0, atom{}, false
}

// skipTod skips time-of-day words after a day: "Saturday night", "yesterday morning", "Friday overnight".
func (s *scanner) skipTod(j int) int {
	if s.isCls(j, cTod) || s.isKw(j, kwOvernight) {
		return j + 1
	}
	return j
}

// relWeek reads "last week", "this week", "next week" at k.
func (s *scanner) relWeek(k int) (int, bool) {
	if !s.isUnit(k+1, uWeek) || s.word(k+1) == "weeks" {
		return 0, false
	}
	switch {
	case s.isKw(k, kwLast), s.isKw(k, kwPrevious):
		return -1, true
	case s.isKw(k, kwThis):
		return 0, true
	case s.isKw(k, kwNext), s.isKw(k, kwFollowing):
		return 1, true
	}
	return 0, false
}

// countAtom reads "<n> <unit> ago|earlier|later|before|after" with the count n at i and the unit at k.
func (s *scanner) countAtom(i, n, k int) (int, atom, bool) {
	if n < 1 || !s.isCls(k, cUnit) {
		return 0, atom{}, false
	}
	u := s.tk(k).id
	if n > unitLimit(u) {
		return 0, atom{}, false
	}
	switch {
	case s.isKw(k+1, kwAgo):
		return k + 2, fixed(shift(s.pub, -n, u)), true
	case s.isKw(k+1, kwEarlier), s.isKw(k+1, kwBefore) && !s.objectAfter(k+1):
		return k + 2, fixed(shift(s.anchorS, -n, u)), true
	case (s.isKw(k+1, kwLater) || s.isKw(k+1, kwAfter) && !s.objectAfter(k+1)) && s.anchored:
		return k + 2, fixed(shift(s.anchorE, n, u)), true
	}
	return 0, atom{}, false
}

func unitLimit(u uint8) int {
	switch u {
	case uDay:
		return 3660
	case uWeek:
		return 520
	case uMonth:
		return 1200
	case uYear:
		return 200
	case uHour:
		return 1000
	}
	return 0
}

// shift is the calendar unit that holds the day n units from z: "3 days ago" is a day, "two weeks
// ago" the Monday-Sunday week holding the day 14 days back, "two months ago" that month, "two years
// ago" that year. Hours round to days: "12 hours ago" is z-1 .. z.
func shift(z, n int, u uint8) period {
	switch u {
	case uDay:
		return dayP(z + n)
	case uHour:
		d := (abs(n) + 23) / 24
		if n < 0 {
			return period{start: z - d, end: z}
		}
		return period{start: z, end: z + d}
	case uWeek:
		m := monday(z + 7*n)
		return period{start: m, end: m + 6, prec: pWeek, unit: uWeek}
	case uMonth:
		y, mo, _ := ymd(z)
		y, mo = addMonths(y, mo, n)
		a, b := monthRange(y, mo)
		return period{start: a, end: b, prec: pMonth, unit: uMonth}
	case uYear:
		y, _, _ := ymd(z)
		a, b := yearRange(y + n)
		return period{start: a, end: b, prec: pYear, unit: uYear}
	}
	return dayP(z)
}

// calUnit is the calendar week, month or year holding z, moved by off units: "last week" is
// calUnit(pub, uWeek, -1).
func calUnit(z int, u uint8, off int) period {
	return shift(z, off, u)
}

// window is "the past three days", "the last 24 hours", "the next two weeks": n units back from
// (or on from) the publication day, both ends included.
func (s *scanner) window(n int, u uint8, dir int) period {
	p := period{start: s.pub, end: s.pub}
	var other int
	switch u {
	case uDay:
		other = s.pub + dir*n
	case uHour:
		other = s.pub + dir*((n+23)/24)
	case uWeek:
		other = s.pub + dir*7*n
		p.prec = pWeek
	case uMonth:
		y, m, d := ymd(s.pub)
		y, m = addMonths(y, m, dir*n)
		other = civil(y, m, min(d, daysIn(y, m)))
		p.prec = pMonth
	case uYear:
		y, m, d := ymd(s.pub)
		y += dir * n
		other = civil(y, m, min(d, daysIn(y, m)))
		p.prec = pYear
	}
	if dir < 0 {
		p.start = other
	} else {
		p.end = other
	}
	return p
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// weekend is the Saturday-Sunday weekend: off -1 "last weekend" (the one before the publication
// week's), +1 "next weekend" (the first after publication day), 0 "this/the weekend" (the latest one
// begun by publication day, or in the future tense the coming one; clipped at publication day).
func (s *scanner) weekend(off int, future bool) period {
	sat := monday(s.pub) + 5
	var a int
	switch {
	case off < 0:
		a = sat - 7
	case off > 0:
		a = sat
		if s.pub >= sat {
			a = sat + 7
		}
	case future:
		a = sat
	default:
		a = sat
		if s.pub < sat {
			a = sat - 7
		}
	}
	p := period{start: a, end: a + 1}
	if off == 0 && p.start <= s.pub && s.pub <= p.end {
		if future {
			p.start = s.pub
		} else {
			p.end = s.pub
		}
	}
	return p
}

func (s *scanner) kwAtom(i int, bare bool) (int, atom, bool) {
	t := &s.toks[i]
	switch t.id {
	case kwYesterday:
		return s.skipTod(i + 1), fixed(dayP(s.pub - 1)), true
	case kwToday:
		if p := s.tk(i - 1); t.caps && p.kind == kWord && p.caps {
			return 0, atom{}, false // "USA Today", "Ukraine Today"
		}
		return i + 1, fixed(dayP(s.pub)), true
	case kwTonight:
		return i + 1, fixed(dayP(s.pub)), true
	case kwTomorrow:
		return s.skipTod(i + 1), fixed(dayP(s.pub + 1)), true
	case kwOvernight:
		return s.overnight(i)
	case kwLast, kwThis, kwNext, kwPast:
		return s.relAtom(i)
	case kwEarlier, kwLater:
		return s.earlierLater(i)
	case kwEarly, kwMid, kwLate:
		return s.portionAtom(i)
	case kwThe:
		return s.theAtom(i)
	case kwA:
		return s.countAtom(i, 1, i+1)
	case kwChristmas:
		d := 25
		j := i + 1
		switch {
		case s.isKw(j, kwEve):
			d, j = 24, j+1
		case s.isUnit(j, uDay) && s.tk(j).caps:
			j++
		case bare || s.isKw(i-1, kwAt) || s.isKw(i-1, kwOver) || s.isKw(i-1, kwOn):
		default:
			return 0, atom{}, false
		}
		j, y := s.yearAfter(j)
		return j, atom{kind: aDate, d: d, m: 12, y: y}, true
	case kwNew:
		// New Year's Day, New Year's Eve
		if t.caps && s.isUnit(i+1, uYear) && s.isPunct(i+2, '\'') && s.word(i+3) == "s" {
			j := i + 4
			var a atom
			switch {
			case s.isUnit(j, uDay):
				a = atom{kind: aDate, d: 1, m: 1}
			case s.isKw(j, kwEve):
				a = atom{kind: aDate, d: 31, m: 12}
			default:
				return 0, atom{}, false
			}
			j, a.y = s.yearAfter(j + 1)
			return j, a, true
		}
	case kwBoxing:
		if t.caps && s.isUnit(i+1, uDay) {
			j, y := s.yearAfter(i + 2)
			return j, atom{kind: aDate, d: 26, m: 12, y: y}, true
		}
	}
	return 0, atom{}, false
}

func (s *scanner) overnight(i int) (int, atom, bool) {
	if p := s.tk(i - 1); p.kind == kWord && p.cls == cKw && (p.id == kwA || p.id == kwThe || p.id == kwDet || p.id == kwThis) {
		return 0, atom{}, false // "an overnight curfew"
	}
	k := i + 1
	if s.isKw(k, kwOn) {
		k++
	}
	if s.isCls(k, cWeekday) {
		return s.weekdayAtom(k) // "overnight Saturday", "overnight on Saturday"
	}
	if (s.isKw(k, kwInto) || s.isKw(k, kwTo)) && s.isCls(k+1, cWeekday) {
		j, a, ok := s.weekdayAtom(k + 1)
		if ok && a.kind == aWeekday {
			p, _ := s.resolve(a, s.future(i, j, 0))
			return j, fixed(period{start: p.start - 1, end: p.end}), true
		}
	}
	return i + 1, fixed(dayP(s.pub - 1)), true
}

// relAtom reads expressions that start with last, this, next or past.
func (s *scanner) relAtom(i int) (int, atom, bool) {
	id := s.toks[i].id
	k := i + 1
	dir := 0
	switch id {
	case kwLast, kwPast:
		dir = -1
	case kwNext:
		dir = 1
	}
	if id == kwThis && s.isKw(k, kwPast) { // "this past weekend"
		id, dir, k = kwLast, -1, k+1
	}
	t := s.tk(k)
	if t.kind == 0 {
		return 0, atom{}, false
	}
	switch {
	case t.kind == kWord && t.cls == cWeekday && id != kwPast:
		a := atom{kind: aWeekday, wd: int(t.id), wdMode: wdBare}
		switch dir {
		case -1:
			a.wdMode = wdLast
		case 1:
			a.wdMode = wdNext
		}
		return s.skipTod(k + 1), a, true
	case t.kind == kWord && t.cls == cUnit && t.id != uHour:
		if !singular(s.word(k)) || s.isKw(k+1, kwOf) { // "the last year of the war"
			return 0, atom{}, false
		}
		if id == kwPast {
			if t.id == uDay {
				return 0, atom{}, false
			}
			return k + 1, fixed(s.window(1, t.id, -1)), true
		}
		if t.id == uDay {
			if id == kwNext && s.anchored {
				return k + 1, fixed(dayP(s.anchorE + 1)), true // "next day"
			}
			return 0, atom{}, false // "the last day of the talks"
		}
		return k + 1, fixed(calUnit(s.pub, t.id, dir)), true
	case t.kind == kWord && t.cls == cKw && t.id == kwWeekend && id != kwPast:
		if dir == 0 {
			return k + 1, atom{kind: aWeekday, wdMode: -1}, true // resolved by tense in resolve
		}
		return k + 1, fixed(s.weekend(dir, false)), true
	case t.kind == kWord && t.cls == cTod:
		w := s.word(k)
		if id == kwLast && (w == "night" || w == "Night") {
			return k + 1, fixed(dayP(s.pub - 1)), true
		}
		if id == kwThis && w != "night" && w != "Night" {
			return k + 1, fixed(dayP(s.pub)), true
		}
	case t.kind == kWord && t.cls == cMonth && t.caps && id != kwPast:
		m := int(t.id)
		y := s.pubY
		switch {
		case dir < 0 && m >= s.pubM:
			y--
		case dir > 0 && m <= s.pubM:
			y++
		}
		return k + 1, atom{kind: aDate, m: m, y: y}, true
	case t.kind == kNum && t.suf == sufNone && !t.comma || t.kind == kWord && (t.cls == cNumWord || t.cls == cKw && t.id == kwA):
		n := int(t.val)
		if t.kind == kWord {
			n = int(t.id)
			if t.cls == cKw {
				n = 1
			}
		}
		if id == kwThis || !s.isCls(k+1, cUnit) || n < 1 || n > unitLimit(s.tk(k+1).id) {
			return 0, atom{}, false
		}
		if dir == 0 {
			dir = -1
		}
		return k + 2, fixed(s.window(n, s.tk(k+1).id, dir)), true
	}
	return 0, atom{}, false
}

func singular(w string) bool { return len(w) > 0 && w[len(w)-1]|0x20 != 's' }

// earlierLater reads "earlier this week", "later this month", "earlier today", "later tonight".
func (s *scanner) earlierLater(i int) (int, atom, bool) {
	tense := int8(-1)
	if s.toks[i].id == kwLater {
		tense = 1
	}
	k := i + 1
	switch {
	case s.isKw(k, kwToday), s.isKw(k, kwTonight):
		return k + 1, fixed(dayP(s.pub)), true
	case s.isKw(k, kwThis) && s.isCls(k+1, cTod):
		return k + 2, fixed(dayP(s.pub)), true
	case s.isKw(k, kwThis) && s.isCls(k+1, cUnit) && singular(s.word(k+1)):
		u := s.tk(k + 1).id
		if u == uWeek || u == uMonth || u == uYear {
			return k + 2, atom{kind: aFixed, fixed: calUnit(s.pub, u, 0), tense: tense}, true
		}
	case s.isKw(k, kwThis) && s.isKw(k+1, kwWeekend):
		return k + 2, atom{kind: aWeekday, wdMode: -1, tense: tense}, true
	}
	return 0, atom{}, false
}

// portionAtom reads early/mid/late before a day, month, year, decade or relative period:
// "early Wednesday", "mid-December", "late 2024", "the early 1990s", "late last year".
func (s *scanner) portionAtom(i int) (int, atom, bool) {
	part := partEarly
	switch s.toks[i].id {
	case kwMid:
		part = partMid
	case kwLate:
		part = partLate
	}
	k := i + 1
	if s.isPunct(k, '-') && !s.tk(k).sp {
		k++
	}
	if s.isKw(k, kwOn) || s.isKw(k, kwIn) {
		k++
	}
	if k >= len(s.toks) {
		return 0, atom{}, false
	}
	j, a, ok := s.atom(k, true)
	if !ok {
		return 0, atom{}, false
	}
	switch a.kind {
	case aDate:
		if a.d == 0 {
			a.portion = part
		}
	case aFixed:
		a.portion = part
	case aDay:
		return 0, atom{}, false
	}
	return j, a, true
}

// theAtom reads expressions that start with "the".
func (s *scanner) theAtom(i int) (int, atom, bool) {
	k := i + 1
	t := s.tk(k)
	switch {
	case t.kind == kNum:
		// "the 1990s", "the 5th of March"
		if t.suf == sufS || s.isPunct(k+1, '\'') {
			return s.numAtom(k, false, false)
		}
		return 0, atom{}, false
	case t.kind != kWord:
		return 0, atom{}, false
	case t.cls == cKw && (t.id == kwEarly || t.id == kwMid || t.id == kwLate):
		j, a, ok := s.portionAtom(k)
		if ok && a.kind == aFixed && a.fixed.unit == uDecade {
			return j, a, true
		}
	case t.cls == cUnit && t.id == uDay && singular(s.word(k)):
		switch {
		case s.isKw(k+1, kwBefore) && s.isKw(k+2, kwYesterday):
			return k + 3, fixed(dayP(s.pub - 2)), true
		case s.isKw(k+1, kwAfter) && s.isKw(k+2, kwTomorrow):
			return k + 3, fixed(dayP(s.pub + 2)), true
		case s.isKw(k+1, kwBefore) && !s.objectAfter(k+1):
			return k + 2, fixed(dayP(s.anchorS - 1)), true
		case s.isKw(k+1, kwAfter) && !s.objectAfter(k+1) && s.anchored:
			return k + 2, fixed(dayP(s.anchorE + 1)), true
		}
	case t.cls == cKw && (t.id == kwPrevious || t.id == kwFollowing || t.id == kwNext):
		if !s.isCls(k+1, cUnit) || !singular(s.word(k+1)) {
			return 0, atom{}, false
		}
		u := s.tk(k + 1).id
		if t.id == kwPrevious {
			if u == uDay {
				return k + 2, fixed(dayP(s.anchorS - 1)), true
			}
			return k + 2, fixed(calUnit(s.anchorS, u, -1)), true
		}
		if !s.anchored {
			return 0, atom{}, false // "the next day" of an event told in another sentence
		}
		if u == uDay {
			return k + 2, fixed(dayP(s.anchorE + 1)), true
		}
		return k + 2, fixed(calUnit(s.anchorE, u, 1)), true
	case t.cls == cKw && (t.id == kwPast || t.id == kwLast):
		n, kk := 1, k+1
		if nt := s.tk(kk); nt.kind == kNum && nt.suf == sufNone && !nt.comma {
			n, kk = int(nt.val), kk+1
		} else if nt.kind == kWord && nt.cls == cNumWord {
			n, kk = int(nt.id), kk+1
		}
		if !s.isCls(kk, cUnit) {
			return 0, atom{}, false
		}
		u := s.tk(kk).id
		if kk == k+1 && (u == uDay || !singular(s.word(kk))) || n < 1 || n > unitLimit(u) || s.isKw(kk+1, kwOf) {
			return 0, atom{}, false // "the last week of December" is December's
		}
		return kk + 1, fixed(s.window(n, u, -1)), true
	case t.cls == cKw && t.id == kwWeekend:
		return k + 1, atom{kind: aWeekday, wdMode: -1}, true
	case t.cls == cKw && (t.id == kwEnd || t.id == kwBeginning || t.id == kwMiddle):
		if !s.isKw(k+1, kwOf) || k+2 >= len(s.toks) {
			return 0, atom{}, false
		}
		part := partLate
		switch t.id {
		case kwBeginning:
			part = partEarly
		case kwMiddle:
			part = partMid
		}
		kk := k + 2
		var j int
		var a atom
		var ok bool
		if s.isKw(kk, kwThe) && s.isCls(kk+1, cUnit) && singular(s.word(kk+1)) {
			// "the end of the year": the current one
			u := s.tk(kk + 1).id
			if u != uWeek && u != uMonth && u != uYear {
				return 0, atom{}, false
			}
			j, a, ok = kk+2, fixed(calUnit(s.pub, u, 0)), true
		} else {
			j, a, ok = s.atom(kk, true)
		}
		if !ok || a.kind == aDay || a.kind == aDate && a.d > 0 || a.kind == aWeekday {
			return 0, atom{}, false
		}
		a.portion = part
		return j, a, true
	}
	return 0, atom{}, false
}

// ---- tense ----

// future reports whether the expression at tokens [i, j) is in a future-tense clause. tense forces
// the answer when non-zero. The nearest tense cue before the expression decides; failing that, the
// nearest after it; failing that, the past (news mostly reports what happened).
func (s *scanner) future(i, j int, tense int8) bool {
	if tense != 0 {
		return tense > 0
	}
	for k, n := i-1, 0; k >= 0 && n < 12; k, n = k-1, n+1 {
		if r := s.tense(k); r != 0 {
			return r > 0
		}
	}
	for k, n := j, 0; k < len(s.toks) && n < 8; k, n = k+1, n+1 {
		if r := s.tense(k); r != 0 {
			return r > 0
		}
	}
	return false
}

func (s *scanner) tense(k int) int {
	t := &s.toks[k]
	if t.kind != kWord {
		return 0
	}
	switch t.cls {
	case cFuture:
		return 1
	case cPast:
		return -1
	case cPastIrr:
		if s.passive(k) {
			return 0
		}
		return -1
	case cKw:
		switch t.id {
		case kwLl:
			if s.isPunct(k-1, '\'') && !t.sp {
				return 1
			}
		case kwWon:
			if s.isPunct(k+1, '\'') && s.word(k+2) == "t" {
				return 1
			}
			return -1
		}
		return 0
	case cNone:
		// a regular past form: lower-case, ASCII, ends in -ed
		w := s.text[t.s:t.e]
		if t.caps || len(w) < 4 || len(w) > 16 || w[len(w)-2] != 'e' || w[len(w)-1] != 'd' {
			return 0
		}
		if notPast[w] || s.passive(k) {
			return 0
		}
		return -1
	}
	return 0
}

// passive reports whether the past form at k follows "be"/"been"/"being" ("will be held").
func (s *scanner) passive(k int) bool {
	return s.isKw(k-1, kwBe) || s.isKw(k-2, kwBe) && s.tk(k-1).kind == kWord
}

// ---- resolution ----

// resolve turns an atom into a range of days. Month-day dates without a year are the latest such
// date not after publication (future tense: the next one on or after it); bare months likewise.
func (s *scanner) resolve(a atom, future bool) (period, bool) {
	if a.tense != 0 {
		future = a.tense > 0
	}
	var p period
	switch a.kind {
	case aDate:
		switch {
		case a.d > 0 && a.m > 0:
			if a.y > 0 {
				if !validDate(a.y, a.m, a.d) {
					return p, false
				}
				return dayP(civil(a.y, a.m, a.d)), true
			}
			z, ok := s.monthDay(a.m, a.d, future)
			if ok && a.wdCheck > 0 && weekday(z) != a.wdCheck-1 {
				// the weekday written with it picks the other side of the publication day
				if z2, ok2 := s.monthDay(a.m, a.d, !future); ok2 && weekday(z2) == a.wdCheck-1 {
					z = z2
				}
			}
			return dayP(z), ok
		case a.m > 0:
			y := a.y
			if y == 0 {
				y = s.pubY
				if !future && a.m > s.pubM {
					y--
				} else if future && a.m < s.pubM {
					y++
				}
			}
			p.start, p.end = monthRange(y, a.m)
			p.prec, p.unit = pMonth, uMonth
		case a.y > 0:
			p.start, p.end = yearRange(a.y)
			p.prec, p.unit = pYear, uYear
		default:
			return p, false
		}
	case aWeekday:
		if a.wdMode < 0 { // the weekend
			return s.weekend(0, future), true
		}
		pw := weekday(s.pub)
		var z int
		switch a.wdMode {
		case wdBare:
			if future {
				z = s.pub + (a.wd-pw+7)%7
			} else {
				z = s.pub - (pw-a.wd+7)%7
			}
		case wdLast:
			z = s.pub - ((pw-a.wd+6)%7 + 1)
		case wdNext:
			z = s.pub + ((a.wd-pw+6)%7 + 1)
		case wdWeek:
			z = monday(s.pub) + 7*a.weekOff + (a.wd+6)%7
		}
		return dayP(z), true
	case aFixed:
		p = a.fixed
	default:
		return p, false
	}
	if a.portion != partNone {
		p = portion(p, a.portion)
	}
	if p.unit != 0 && p.start <= s.pub && s.pub <= p.end {
		if future {
			p.start = s.pub
		} else {
			p.end = s.pub
		}
	}
	return p, true
}

// monthDay is the latest day with month m and day d not after publication, or in the future tense
// the first one not before it (29 February looks up to eight years away).
func (s *scanner) monthDay(m, d int, future bool) (int, bool) {
	y := s.pubY
	for n := 0; n < 9; n++ {
		if validDate(y, m, d) {
			z := civil(y, m, d)
			if !future && z <= s.pub || future && z >= s.pub {
				return z, true
			}
		}
		if future {
			y++
		} else {
			y--
		}
	}
	return 0, false
}

// portion cuts a week, month, year or decade into its early, middle or late part: days 1-10, 11-20
// and 21-end of a month; January-April, May-August, September-December of a year; years 0-3, 4-6
// and 7-9 of a decade; Monday-Wednesday, Tuesday-Thursday, Thursday-Sunday of a week.
func portion(p period, part int8) period {
	idx := int(part) - 1
	switch p.unit {
	case uWeek:
		a := [3]int{0, 1, 3}[idx]
		b := [3]int{2, 3, 6}[idx]
		return period{start: p.start + a, end: p.start + b, prec: pWeek, unit: uWeek}
	case uMonth:
		y, m, _ := ymd(p.start)
		a := [3]int{1, 11, 21}[idx]
		b := [3]int{10, 20, daysIn(y, m)}[idx]
		return period{start: civil(y, m, a), end: civil(y, m, b), prec: pWeek, unit: uMonth}
	case uYear:
		y, _, _ := ymd(p.start)
		a := [3]int{1, 5, 9}[idx]
		b := [3]int{4, 8, 12}[idx]
		return period{start: civil(y, a, 1), end: civil(y, b, daysIn(y, b)), prec: pMonth, unit: uYear}
	case uDecade:
		y, _, _ := ymd(p.start)
		a := [3]int{0, 4, 7}[idx]
		b := [3]int{3, 6, 9}[idx]
		return period{start: civil(y+a, 1, 1), end: civil(y+b, 12, 31), prec: pYear, unit: uDecade}
	}
	return p
}

// combine resolves a range "X - Y". A side without a month or year borrows it from the other
// ("3-5 May", "May 3-5", "3 May to 5 June 2024"); a start that would fall after the end moves back a
// year ("December 30 to January 2"); a weekday start is the latest such day not after the end.
func (s *scanner) combine(x, y atom, i, j int) (period, bool) {
	future := s.future(i, j, x.tense)
	switch {
	case x.kind == aDay:
		if y.kind != aDate || y.d == 0 || y.m == 0 {
			return period{}, false
		}
		x = atom{kind: aDate, d: x.d, m: y.m, y: y.y, tense: x.tense}
		if x.d >= y.d {
			return period{}, false
		}
	case y.kind == aDay:
		if x.kind != aDate || x.d == 0 || x.m == 0 || y.d <= x.d {
			return period{}, false
		}
		y = atom{kind: aDate, d: y.d, m: x.m, y: x.y, tense: y.tense}
	}
	if x.kind == aDate && y.kind == aDate && x.m > 0 && y.m > 0 && (x.d > 0) == (y.d > 0) {
		later := x.m*32+x.d > y.m*32+y.d
		switch {
		case x.y == 0 && y.y != 0:
			x.y = y.y
			if later {
				x.y--
			}
		case y.y == 0 && x.y != 0:
			y.y = x.y
			if later {
				y.y++
			}
		case x.y == 0 && y.y == 0:
			py, ok := s.resolve(y, future)
			if !ok {
				return period{}, false
			}
			yy, _, _ := ymd(py.start)
			y.y, x.y = yy, yy
			if later {
				x.y--
			}
		}
	}
	py, ok := s.resolve(y, future)
	if !ok {
		return period{}, false
	}
	var px period
	if x.kind == aWeekday && y.kind == aWeekday && x.wdMode == wdBare && x.wdMode >= 0 {
		px = dayP(py.start - (weekday(py.start)-x.wd+7)%7)
	} else if px, ok = s.resolve(x, future); !ok {
		return period{}, false
	}
	if px.start > py.end {
		return period{}, false
	}
	return period{start: px.start, end: py.end, prec: max(px.prec, py.prec)}, true
}
