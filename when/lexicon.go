package when

// Lexicon classes.
const (
	cNone      uint8 = iota
	cMonth           // id 1..12
	cMonthAbbr       // id 1..12: Jan, Feb, ..., Sept
	cWeekday         // id 0..6, Sunday = 0
	cWeekdayAbbr
	cNumWord // id = value: one .. thirty
	cUnit    // id = uDay, uWeek, ...
	cTod     // morning, afternoon, evening, night
	cKw      // id = kw...
	cFuture  // tense cue: will, shall, scheduled, ...
	cPast    // strong past cue: was, were, had, did, said, told
	cPastIrr // irregular past form (weak cue: "will be held" is not past)
)

// Units.
const (
	uDay uint8 = iota + 1
	uWeek
	uMonth
	uYear
	uHour
	uDecade
)

// Keywords.
const (
	kwNone uint8 = iota
	kwYesterday
	kwToday
	kwTonight
	kwTomorrow
	kwOvernight
	kwAgo
	kwLast
	kwThis
	kwNext
	kwPast
	kwEarlier
	kwLater
	kwEarly
	kwMid
	kwLate
	kwSince
	kwBetween
	kwFrom
	kwTo
	kwAnd
	kwUntil // until, till, through, thru
	kwIn
	kwOn
	kwAt
	kwDuring
	kwBy
	kwOf
	kwBefore
	kwAfter
	kwThe
	kwA // a, an
	kwWeekend
	kwPrevious
	kwFollowing
	kwEnd
	kwBeginning // beginning, start
	kwMiddle
	kwChristmas
	kwEve
	kwNew
	kwBoxing
	kwAm // am, pm
	kwTZ // gmt, utc, local
	kwInto
	kwOver
	kwThroughout
	kwLl // the "ll" of "we'll"
	kwWon
	kwBe // be, been, being
	kwOr
	kwWhen
	kwAs
	kwWhile
	kwAmid
	kwNear
	kwThat
	kwWhich
	kwBut
	kwPron // he, she, it, they, we, i, you
	kwDet  // his, her, its, their, our, my, your
	kwComing
)

type lex struct {
	cls, id uint8
	trigger bool // a sentence holding this word may hold a date
}

// The lexicon is an open-addressing table keyed by the word packed into a uint64, five bits a
// letter (a=1 .. z=26), so a look-up is a multiply, a shift and a compare or two: a Go map with
// string keys cost half the run time of the whole stage.
const (
	tabBits  = 10
	maxPack  = 12 // longest word that is packed
	hashMult = 0x9E3779B97F4A7C15
)

type slot struct {
	key uint64
	l   lex
}

var table [1 << tabBits]slot

// pack folds an ASCII word to its key; 0 when it is too long or not all letters.
func pack(w string) uint64 {
	if len(w) > maxPack {
		return 0
	}
	var k uint64
	for i := 0; i < len(w); i++ {
		c := w[i] | 0x20
		if c < 'a' || c > 'z' {
			return 0
		}
		k = k<<5 | uint64(c-'a'+1)
	}
	return k
}

func add(cls, id uint8, trigger bool, words ...string) {
	for _, w := range words {
		k := pack(w)
		if k == 0 {
			panic("when: bad lexicon word " + w)
		}
		h := (k * hashMult) >> (64 - tabBits)
		for table[h].key != 0 && table[h].key != k {
			h = (h + 1) & (1<<tabBits - 1)
		}
		table[h] = slot{k, lex{cls, id, trigger}}
	}
}

// lookupKey finds a packed word.
func lookupKey(k uint64) (lex, bool) {
	h := (k * hashMult) >> (64 - tabBits)
	for {
		e := &table[h]
		if e.key == k {
			return e.l, true
		}
		if e.key == 0 {
			return lex{}, false
		}
		h = (h + 1) & (1<<tabBits - 1)
	}
}

func init() {
	months := [][]string{
		{"january", "jan"}, {"february", "feb"}, {"march", "mar"}, {"april", "apr"}, {"may"},
		{"june", "jun"}, {"july", "jul"}, {"august", "aug"}, {"september", "sep", "sept"},
		{"october", "oct"}, {"november", "nov"}, {"december", "dec"},
	}
	for i, m := range months {
		add(cMonth, uint8(i+1), true, m[0])
		add(cMonthAbbr, uint8(i+1), true, m[1:]...)
	}
	days := [][]string{
		{"sunday", "sun"}, {"monday", "mon"}, {"tuesday", "tue", "tues"}, {"wednesday", "wed"},
		{"thursday", "thu", "thur", "thurs"}, {"friday", "fri"}, {"saturday", "sat"},
	}
	for i, d := range days {
		add(cWeekday, uint8(i), true, d[0])
		add(cWeekdayAbbr, uint8(i), false, d[1:]...)
	}
	for i, w := range []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
		"twenty"} {
		add(cNumWord, uint8(i+1), false, w)
	}
	add(cNumWord, 30, false, "thirty")
	add(cUnit, uDay, true, "day", "days")
	add(cUnit, uWeek, true, "week", "weeks")
	add(cUnit, uMonth, true, "month", "months")
	add(cUnit, uYear, true, "year", "years")
	add(cUnit, uHour, true, "hour", "hours")
	add(cTod, 1, true, "morning", "afternoon", "evening", "night")

	kw := func(id uint8, trigger bool, words ...string) { add(cKw, id, trigger, words...) }
	kw(kwYesterday, true, "yesterday")
	kw(kwToday, true, "today")
	kw(kwTonight, true, "tonight")
	kw(kwTomorrow, true, "tomorrow")
	kw(kwOvernight, true, "overnight")
	kw(kwAgo, false, "ago")
	kw(kwLast, false, "last")
	kw(kwThis, false, "this")
	kw(kwNext, false, "next")
	kw(kwPast, false, "past")
	kw(kwEarlier, false, "earlier")
	kw(kwLater, false, "later")
	kw(kwEarly, false, "early")
	kw(kwMid, false, "mid")
	kw(kwLate, false, "late")
	kw(kwSince, false, "since")
	kw(kwBetween, false, "between")
	kw(kwFrom, false, "from")
	kw(kwTo, false, "to")
	kw(kwAnd, false, "and")
	kw(kwUntil, false, "until", "till", "through", "thru")
	kw(kwIn, false, "in")
	kw(kwOn, false, "on")
	kw(kwAt, false, "at")
	kw(kwDuring, false, "during")
	kw(kwBy, false, "by")
	kw(kwOf, false, "of")
	kw(kwBefore, false, "before")
	kw(kwAfter, false, "after")
	kw(kwThe, false, "the")
	kw(kwA, false, "a", "an")
	kw(kwWeekend, true, "weekend")
	kw(kwPrevious, false, "previous", "prior", "preceding")
	kw(kwFollowing, false, "following", "subsequent")
	kw(kwEnd, false, "end")
	kw(kwBeginning, false, "beginning", "start")
	kw(kwMiddle, false, "middle")
	kw(kwChristmas, true, "christmas")
	kw(kwEve, false, "eve")
	kw(kwNew, false, "new")
	kw(kwBoxing, true, "boxing")
	kw(kwAm, false, "am", "pm")
	kw(kwTZ, false, "gmt", "utc", "local", "hrs", "bst", "cet", "est", "edt", "pst")
	kw(kwInto, false, "into")
	kw(kwOver, false, "over")
	kw(kwThroughout, false, "throughout")
	kw(kwLl, false, "ll")
	kw(kwWon, false, "won")
	kw(kwBe, false, "be", "been", "being")
	kw(kwOr, false, "or")
	kw(kwWhen, false, "when")
	kw(kwAs, false, "as")
	kw(kwWhile, false, "while", "whilst")
	kw(kwAmid, false, "amid", "amidst")
	kw(kwNear, false, "near")
	kw(kwThat, false, "that")
	kw(kwWhich, false, "which", "who", "where")
	kw(kwBut, false, "but")
	kw(kwPron, false, "he", "she", "it", "they", "we", "i", "you")
	kw(kwDet, false, "his", "her", "its", "their", "our", "my", "your", "this", "that")
	kw(kwComing, false, "coming", "upcoming")

	add(cFuture, 0, false, "will", "shall", "would", "scheduled", "due", "expected", "plans", "planned",
		"planning", "intends", "intend", "aims", "expects")
	add(cPast, 0, false, "was", "were", "had", "did", "said", "told")
	add(cPastIrr, 0, false, "began", "came", "fled", "met", "took", "went", "left", "struck", "shot",
		"fought", "fell", "broke", "drove", "led", "sent", "spoke", "made", "gave", "saw", "found", "lost",
		"stood", "ran", "rose", "caught", "brought", "built", "overran", "withdrew", "held", "swept", "threw",
		"blew", "tore", "became", "knew", "thought", "felt", "kept", "paid", "sold", "got", "flew", "hit",
		"began", "seen", "taken", "shown", "known", "given", "done", "gone", "begun", "killed")
	// "this" and "that" are determiners too, but they are keywords first.
	add(cKw, kwThis, false, "this")
	add(cKw, kwThat, false, "that")
}

// notPast lists words that end in "-ed" without being past forms.
var notPast = map[string]bool{
	"hundred": true, "indeed": true, "need": true, "speed": true, "proceed": true, "succeed": true,
	"exceed": true, "feed": true, "seed": true, "sacred": true, "naked": true, "wicked": true,
	"kindred": true, "bed": true, "red": true, "wed": true, "breed": true, "greed": true, "creed": true,
	"weed": true, "bleed": true, "heed": true, "deed": true, "reed": true, "shed": true, "embed": true,
	"scheduled": true, "expected": true, "planned": true,
}

// lookup looks a word up.
func lookup(w string) (lex, bool) {
	k := pack(w)
	if k == 0 {
		return lex{}, false
	}
	return lookupKey(k)
}
