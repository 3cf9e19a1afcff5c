package extract

import (
	"github.com/sitrep-dev/sitrep/internal/wordset"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/lexicon"
)

var numberWords = wordset.Of(map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
})

// number reads the count at token i: digits ("1,200"), words ("nine", "twenty-five", "a dozen"),
// or "a"/"an" before a single victim ("killing a child"). It returns the value and the last token used.
func (s *sentence) number(i int) (int, int, bool) {
	t := &s.toks[i]
	if t.IsNumber() {
		n, err := strconv.Atoi(strings.ReplaceAll(t.Text, ",", ""))
		if err != nil || n > 1_000_000 {
			return 0, i, false
		}
		// a year or a time is not a count
		if n >= 1900 && n <= 2100 && !strings.Contains(t.Text, ",") {
			return 0, i, false
		}
		// nor is an age: "a 12-year-old boy"
		if i+1 < len(s.toks) && s.toks[i+1].Hyphen {
			switch s.toks[i+1].Norm {
			case "year", "years", "month", "months", "day", "week":
				return 0, i, false
			}
		}
		return n, i, true
	}
	v, ok := numberWords.Get(t.Norm)
	if !ok {
		return 0, i, false
	}
	last := i
	// "twenty-five", "twenty five"
	if v >= 20 && v < 100 && i+1 < len(s.toks) {
		if u, ok := numberWords.Get(s.toks[i+1].Norm); ok && u < 10 {
			v += u
			last = i + 1
		}
	}
	if i > 0 && s.toks[i-1].Norm == "a" && t.Norm == "dozen" {
		return 12, last, true
	}
	if t.Norm == "hundred" {
		if i > 0 {
			if p, ok := numberWords.Get(s.toks[i-1].Norm); ok && p < 10 {
				return p * 100, last, true
			}
		}
		return 100, last, true
	}
	return v, last, true
}

// victim nouns may stand between a count and the verb: "nine civilians were killed"
var countedNouns = wordset.SetFrom(map[string]bool{"people": true, "civilians": true, "soldiers": true, "fighters": true, "militants": true,
	"children": true, "women": true, "men": true, "members": true, "troops": true, "persons": true, "others": true,
	"policemen": true, "officers": true, "personnel": true, "protesters": true, "demonstrators": true, "workers": true,
	"were": true, "was": true, "have": true, "had": true, "been": true, "are": true, "also": true, "reportedly": true})

// casualtyCount is what a sentence says of the dead and wounded: how many, and how many of the dead
// it calls civilians, with the words that say so.
type casualtyCount struct {
	killed, injured, civilians *int
	civilianSpan               doc.Span
	hurtCivilians              doc.Span // the civilians counted among the wounded, if any
}

// casualties reads the number killed and wounded. A count belongs to the nearest fatality or injury
// word: after it ("nine people were killed", "12 wounded") or before it ("killing at least nine",
// "the death toll rose to 30"). Counts after "including" are part of a total already counted.
// groupNouns count groups, not people: a number before one is no toll.
var groupNouns = wordset.SetFrom(map[string]bool{"family": true, "families": true, "household": true, "households": true,
	"house": true, "houses": true, "clan": true, "clans": true, "tribe": true, "tribes": true})

func (s *sentence) casualties() casualtyCount {
	fatal := s.cuesOf("fatal")
	hurt := s.cuesOf("injured")
	var kSum, iSum, toll, civSum int
	var kAny, iAny, tollAny, civAny bool
	var civSpan, hurtSpan doc.Span
	for i := 0; i < len(s.toks); i++ {
		n, last, ok := s.number(i)
		if !ok {
			continue
		}
		if groupNouns.Has(s.norm(last+1)) && last+1 < len(s.toks) && !s.toks[last+1].IsCapitalised() {
			i = last // "five members of one family", "a shooting between members of two families"
			continue
		}
		if n == 1 && s.toks[i].Norm == "one" && i+1 < len(s.toks) && s.toks[i+1].Norm == "of" {
			i = last
			continue
		}
		if i > 0 && (s.toks[i-1].Norm == "including" || s.toks[i-1].Norm == "among" || s.toks[i-1].Norm == "between") {
			i = last
			continue
		}
		kind, isToll := s.countKind(i, last, fatal, hurt)
		switch kind {
		case "fatal":
			if isToll {
				toll, tollAny = max(toll, n), true
			} else {
				kSum, kAny = kSum+n, true
			}
			if end, ok := s.civilianNoun(last); ok {
				civSum, civAny = civSum+n, true
				if civSpan.Len() == 0 {
					civSpan = s.span(i, end)
				} else {
					civSpan.End = s.toks[end].Span.End
				}
			}
		case "injured":
			iSum, iAny = iSum+n, true
			if end, ok := s.civilianNoun(last); ok && hurtSpan.Len() == 0 {
				hurtSpan = s.span(i, end) // "3 civilians were injured"
			}
		}
		i = last
	}
	if n, civ, civSpanOne := s.singleVictims(fatal); n > 0 {
		kSum, kAny = kSum+n, true
		if civ > 0 {
			civSum, civAny = civSum+civ, true
			if civSpan.Len() == 0 {
				civSpan = civSpanOne
			}
		}
	}
	if !kAny && (s.oneBodyFound() || s.oneKilledPassive(fatal)) {
		kSum, kAny = 1, true // "a man's body was found"
	}
	var c casualtyCount
	if tollAny {
		kSum, kAny = max(toll, kSum), true
	}
	if kAny {
		c.killed = &kSum
	}
	if iAny {
		c.injured = &iSum
	}
	if civAny {
		civSum = min(civSum, kSum)
		c.civilians, c.civilianSpan = &civSum, civSpan
	}
	c.hurtCivilians = hurtSpan
	return c
}

// oneBodyFound reports the discovery of one body: "a man's body was found", "found the body of a
// young man".
func (s *sentence) oneBodyFound() bool {
	for _, t := range s.triggers {
		if t.Action.Type != "ASSAULT" {
			continue
		}
		for k := t.First; k <= t.Last; k++ {
			if n := s.norm(k); n == "body" || n == "corpse" {
				return true
			}
		}
	}
	return false
}

// oneKilledPassive reports one person the sentence says was killed: "a civilian was killed by
// Taliban gunfire", "an elderly man was shot dead".
func (s *sentence) oneKilledPassive(fatal []lexicon.Hit) bool {
	for _, h := range fatal {
		if !killVerbs.Has(s.norm(h.First)) && s.norm(h.First) != "was" {
			continue
		}
		k := h.First
		if s.norm(k) != "was" {
			k--
		}
		if k < 2 || s.norm(k) != "was" {
			continue
		}
		for j := k - 1; j >= 0 && k-j <= 4; j-- {
			if s.toks[j+1].Punct != "" {
				break
			}
			if personNouns.Has(s.norm(j)) {
				for i := j - 1; i >= 0 && j-i <= 3; i-- {
					if n := s.norm(i); n == "a" || n == "an" {
						return true
					}
				}
				break
			}
		}
	}
	return false
}

// killVerbs are the fatal cues that take their victims as object: "killing a nurse", "shot dead
// a tribal elder", "killed its rider".
var killVerbs = wordset.SetFrom(map[string]bool{"killed": true, "martyred": true, "killing": true, "kill": true, "shot": true, "executed": true, "assassinated": true, "murdered": true, "beheaded": true, "lynched": true,
	"slain": true, "massacred": true})

// singleDeterminers introduce one victim.
var singleDeterminers = wordset.SetFrom(map[string]bool{"a": true, "an": true, "its": true, "his": true, "her": true, "the": true})

// personNouns are the heads of a phrase that names one person ("a 12-year-old boy", "an elderly
// man", "a Hezbollah commander").
var personNouns = wordset.SetFrom(map[string]bool{"man": true, "woman": true, "boy": true, "girl": true, "child": true, "baby": true,
	"infant": true, "teenager": true, "youth": true, "civilian": true, "person": true, "individual": true, "resident": true, "villager": true,
	"nurse": true, "doctor": true, "paramedic": true, "medic": true, "rider": true, "driver": true, "shepherd": true,
	"farmer": true, "fisherman": true, "worker": true, "teacher": true, "student": true, "journalist": true,
	"photographer": true, "elder": true, "cleric": true, "imam": true, "priest": true, "scholar": true, "mukhtar": true,
	"sheikh": true, "soldier": true, "policeman": true, "officer": true, "guard": true, "commander": true,
	"leader": true, "member": true, "fighter": true, "militant": true, "official": true, "minister": true,
	"protester": true, "son": true, "daughter": true, "wife": true, "husband": true, "brother": true,
	"sister": true, "father": true, "mother": true, "pilot": true, "judge": true, "prosecutor": true, "mayor": true,
	"commissioner": true, "governor": true, "chief": true, "spokesman": true, "employee": true, "engineer": true,
	"lawyer": true, "activist": true, "politician": true, "candidate": true, "lawmaker": true, "trader": true,
	"merchant": true, "pilgrim": true, "worshipper": true, "bodyguard": true, "deputy": true, "kolbar": true,
	"porter": true, "minor": true, "businessman": true, "migrant": true, "refugee": true, "smuggler": true,
	"herder": true, "contractor": true, "vendor": true, "shopkeeper": true, "tribesman": true, "gunman": true,
	"detainee": true, "prisoner": true, "hostage": true, "recruit": true, "conscript": true, "colonel": true,
	"sergeant": true, "captain": true, "lieutenant": true, "brigadier": true, "councillor": true, "councilor": true,
	"nephew": true, "cousin": true, "relative": true, "neighbour": true, "neighbor": true, "grandfather": true,
	"grandmother": true, "pharmacist": true, "dentist": true, "surgeon": true, "professor": true, "preacher": true})

// singleVictims counts the victims a killing verb names one by one ("killing a nurse and two
// patients" has one here; the two are a count): how many, how many of them are civilians, and the
// span of the first civilian.
// demonymNoun reports a nationality word used as a noun for one person: "killed a Palestinian
// near Hebron", not "a Palestinian farmer".
func (s *sentence) demonymNoun(j int) bool {
	for _, h := range s.actors {
		if h.First == j && h.Last == j && h.Actor.Kind == lexicon.KindDemonym {
			if j+1 >= len(s.toks) || s.toks[j+1].Punct != "" {
				return true
			}
			switch s.norm(j + 1) {
			case "who", "in", "near", "at", "on", "and", "from", "during", "after", "while", "with", "as":
				return true
			}
		}
	}
	return false
}

func (s *sentence) singleVictims(fatal []lexicon.Hit) (n, civ int, civSpan doc.Span) {
	for _, h := range fatal {
		verb := s.norm(h.First)
		k := h.Last + 1
		if s.norm(k) == "dead" {
			k++ // "shot dead a tribal elder"
		}
		if !killVerbs.Has(verb) || verb == "shot" && s.norm(k-1) != "dead" {
			continue
		}
		for k < len(s.toks) && k-h.Last <= 8 {
			if (s.norm(k) == "him" || s.norm(k) == "her" && objectPronoun(s, k)) && (s.toks[k].Punct == "" || k == h.Last+1) {
				// "killing him and his son"
				n++
				if s.norm(k+1) != "and" {
					break
				}
				k += 2
				continue
			}
			if !singleDeterminers.Has(s.norm(k)) || s.toks[k].Punct != "" && k > h.Last+1 {
				break
			}
			head := -1
			for j := k + 1; j < len(s.toks) && j <= k+4; j++ {
				if s.toks[j].Punct != "" && s.toks[j].Punct != "-" {
					break
				}
				if personNouns.Has(s.norm(j)) || j == k+1 && s.demonymNoun(j) {
					head = j
					break
				}
			}
			if head < 0 {
				break
			}
			n++
			if _, ok := s.civilianNoun(k); ok || s.civilianHead(head) {
				if civ == 0 {
					civSpan = s.span(k, head)
				}
				civ++
			}
			// "a woman and her son": go on after "and"
			if s.norm(head+1) != "and" {
				break
			}
			k = head + 2
		}
	}
	return n, civ, civSpan
}

// objectPronoun reports "her" as an object ("killing her") rather than a possessive ("her two
// children"): the clause or a new phrase follows it.
func objectPronoun(s *sentence, k int) bool {
	if k+1 >= len(s.toks) || s.toks[k+1].Punct != "" {
		return true
	}
	switch s.norm(k + 1) {
	case "and", "in", "on", "at", "near", "with", "after", "while", "when", "inside", "outside":
		return true
	}
	return false
}

// civilianHead reports a person noun the dictionaries make a civilian, other than the vague ones
// ("man", "person").
func (s *sentence) civilianHead(i int) bool {
	for _, h := range s.actors {
		if h.First <= i && i <= h.Last {
			return h.Actor.Kind == lexicon.KindCivilians && !vagueVictims.Has(s.norm(i))
		}
	}
	return false
}

// vagueVictims are civilian-kind words that do not by themselves say the dead were civilians:
// "two people", "three men" may be fighters.
var vagueVictims = wordset.SetFrom(map[string]bool{"people": true, "persons": true, "person": true, "man": true, "men": true,
	"individuals": true, "individual": true, "others": true, "bodies": true})

// civilianNoun reports whether the count ending at token last counts people the text calls civilians
// ("five civilians", "two young children", "11 villagers"), and the last token of that noun.
func (s *sentence) civilianNoun(last int) (int, bool) {
	for _, h := range s.actors {
		if h.First <= last || h.First-last > 3 {
			continue
		}
		if h.Actor.Kind != lexicon.KindCivilians || vagueVictims.Has(s.norm(h.Last)) {
			return 0, false
		}
		for k := last + 1; k < h.First; k++ {
			if s.toks[k].Punct != "" || countedNouns.Has(s.norm(k)) {
				return 0, false
			}
		}
		return h.Last, true
	}
	return 0, false
}

// countKind decides whether the count at first..last is of dead or wounded.
func (s *sentence) countKind(first, last int, fatal, hurt []lexicon.Hit) (string, bool) {
	// after: skip counted nouns and auxiliaries
	k := last + 1
	for _, h := range s.actors {
		if h.First == k && h.Last-last <= 4 {
			k = h.Last + 1 // "11 villagers", "three SDF fighters"
		}
	}
	for k < len(s.toks) && k-last <= 4 && countedNouns.Has(s.toks[k].Norm) {
		k++
	}
	// a cue may start on a skipped auxiliary: "three people were killed" is "were killed"
	for _, h := range fatal {
		if h.First > last && h.First <= k && !s.clauseBreakBetween(last, h.First) {
			if s.mixedToll(h.Last, hurt) || h.First < k && !s.countsPeople(last) {
				return "", false
			}
			return "fatal", false
		}
	}
	for _, h := range hurt {
		if h.First > last && h.First <= k && !s.clauseBreakBetween(last, h.First) {
			return "injured", false
		}
	}
	// before: "killing at least nine", "death toll rose to 30", "wounding 12"
	j := first - 1
	for j >= 0 && first-j <= 5 && approxWords.Has(s.toks[j].Norm) {
		j--
	}
	bestKind, bestDist, toll := "", 99, false
	// the cue must govern the count: "killing four militants and arresting two" counts no two dead
	for _, h := range fatal {
		if h.Last <= j && first-h.Last <= 6 && first-h.Last < bestDist && !s.verbBetween(h.Last, j) {
			bestKind, bestDist = "fatal", first-h.Last
			toll = s.norm(h.First) == "death" || s.norm(h.First) == "toll"
		}
	}
	for _, h := range hurt {
		if h.Last <= j && first-h.Last <= 6 && first-h.Last < bestDist && !s.verbBetween(h.Last, j) {
			bestKind, bestDist, toll = "injured", first-h.Last, false
		}
	}
	return bestKind, toll
}

// verbBetween reports a verb after token a up to token b: then the cue at a does not govern a count
// after b ("killing four militants and arresting two"), though "killed two fighters and three
// children" counts both.
func (s *sentence) verbBetween(a, b int) bool {
	for k := a + 1; k <= b && k < len(s.toks); k++ {
		n := s.norm(k)
		if strings.HasSuffix(n, "ing") || strings.HasSuffix(n, "ed") {
			return true
		}
		for _, t := range s.triggers {
			if t.First <= k && k <= t.Last {
				return true
			}
		}
	}
	return false
}

// words between a casualty verb and its count
var approxWords = wordset.SetFrom(map[string]bool{"at": true, "least": true, "about": true, "around": true, "some": true, "nearly": true,
	"almost": true, "more": true, "than": true, "over": true, "up": true, "to": true, "rose": true, "risen": true,
	"climbed": true, "reached": true, "stood": true, "stands": true, "has": true, "had": true, "approximately": true,
	"roughly": true, "an": true, "estimated": true, "of": true, "the": true, "toll": true, "is": true, "was": true,
	"total": true, "another": true, "further": true, "additional": true})

// mixedToll reports a count of dead and wounded together ("12 were killed or wounded"): it is
// neither a death toll nor a count of injured.
func (s *sentence) mixedToll(fatalLast int, hurt []lexicon.Hit) bool {
	if n := s.norm(fatalLast + 1); n != "or" && n != "and" {
		return false
	}
	for _, h := range hurt {
		if h.First == fatalLast+2 {
			return true
		}
	}
	return false
}

// countsPeople reports a count of people named as such or as civilians ("three people", "two
// children"). Only those are read in the passive ("... were killed"): a passive count of fighters
// ("five soldiers were killed") in monitors' notes mostly restates or splits a toll they code
// otherwise, and reading it lost more held-out fatality figures than it gained.
func (s *sentence) countsPeople(last int) bool {
	_, civ := s.civilianNoun(last)
	return civ || vagueVictims.Has(s.norm(last+1)) || crowdNouns.Has(s.norm(last+1))
}

// crowdNouns count protesters: "five demonstrators were killed" is a toll a monitor codes.
var crowdNouns = wordset.SetFrom(map[string]bool{"protesters": true, "protestors": true, "demonstrators": true, "protester": true,
	"protestor": true, "demonstrator": true, "mourners": true, "marchers": true})
