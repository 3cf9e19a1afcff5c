package when

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// newsText builds about n bytes of news-like text, sentence by sentence, from templates that mix
// dated and undated sentences the way wire copy does (most sentences carry no date). It returns the
// sentences and their offsets in the text.
func newsText(n int) (string, []string, []int) {
	templates := []string{
		"Israeli strikes killed at least {n} people in {p} on {wd}, the health ministry said.",
		"The army said it had intercepted a drone launched from {p} late on {wd} night.",
		"Protesters marched through the centre of {p} demanding the release of detainees held since {m}.",
		"Officials said the toll may have been higher, with {n} people still missing under the rubble.",
		"On {m} {d}, militants attacked a checkpoint near {p}, killing {n} soldiers and wounding {n2} others.",
		"A second airstrike hit the same building minutes later, witnesses told reporters.",
		"The United Nations said {n},{n3} people had been displaced from {p} in the past week.",
		"Gunmen on motorcycles stormed the village of {p} and set fire to homes, a local official said.",
		"Talks between the two sides are expected to resume in {p} next month, diplomats said.",
		"The ministry said {n} civilians were among the dead, including women and children.",
		"Rebels seized the town of {p} on {d} {m} {y} after weeks of fighting with government forces.",
		"\"We will not stop until our demands are met,\" the group said in a statement posted online.",
		"The attack was the deadliest in {p} since {y}, according to a tally by the news agency.",
		"Residents said they heard explosions overnight and saw smoke rising over the eastern districts.",
		"Police fired tear gas and rubber bullets to disperse the crowd, injuring at least {n} people.",
		"The government has imposed a curfew from 8 pm to 6 am in {p} and neighbouring districts.",
		"Aid agencies warned that food stocks in {p} would run out within days without new deliveries.",
		"The militia, which has been fighting the army since the 1990s, denied responsibility.",
		"In a televised address, the president vowed to punish those responsible for the killings.",
		"Two soldiers were killed yesterday when their vehicle struck a roadside bomb near {p}.",
		"The ceasefire, brokered by Qatar and Egypt, has been repeatedly violated by both sides.",
		"Satellite images analysed by the group showed at least {n} buildings destroyed in {p}.",
		"Earlier this week, the security council failed to agree on a resolution calling for a truce.",
		"Hospitals in {p} are running short of fuel, medicine and blood, the World Health Organization said.",
		"The spokesman, who spoke on condition of anonymity, said the investigation was continuing.",
		"Fighting between 3 and 5 {m} left more than {n} dead, monitors said.",
		"Independent verification of the casualty figures was not immediately possible.",
		"The group claimed responsibility for the bombing in a statement on its Telegram channel.",
	}
	places := []string{"Gaza", "Khan Younis", "Kharkiv", "Deir ez-Zor", "Goma", "El Fasher", "Mogadishu",
		"Kidal", "Zamfara", "Tripoli", "Sanaa", "Marib", "Bakhmut", "Idlib", "Jenin"}
	months := []string{"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"}
	days := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	var sents []string
	var offs []int
	num := func(lo, hi int) string { return itoa(lo + r.IntN(hi-lo+1)) }
	for b.Len() < n {
		t := templates[r.IntN(len(templates))]
		t = strings.ReplaceAll(t, "{n2}", num(2, 90))
		t = strings.ReplaceAll(t, "{n3}", num(100, 999))
		t = strings.ReplaceAll(t, "{n}", num(2, 300))
		t = strings.ReplaceAll(t, "{d}", num(1, 28))
		t = strings.ReplaceAll(t, "{y}", num(2000, 2025))
		t = strings.ReplaceAll(t, "{m}", months[r.IntN(12)])
		t = strings.ReplaceAll(t, "{wd}", days[r.IntN(7)])
		t = strings.ReplaceAll(t, "{p}", places[r.IntN(len(places))])
		if b.Len() > 0 {
			if r.IntN(6) == 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		offs = append(offs, b.Len())
		b.WriteString(t)
		sents = append(sents, t)
	}
	return b.String(), sents, offs
}

func itoa(n int) string {
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return string(buf[i:])
}

func BenchmarkFind(b *testing.B) {
	text, sents, offs := newsText(1 << 20)
	pub := time.Date(2025, 12, 24, 9, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	found := 0
	for b.Loop() {
		found = 0
		for i, s := range sents {
			found += len(Find(s, offs[i], pub))
		}
	}
	b.ReportMetric(float64(found), "dates/op")
}

func TestNewsText(t *testing.T) {
	text, sents, offs := newsText(64 << 10)
	pub := time.Date(2025, 12, 24, 9, 0, 0, 0, time.UTC)
	found := 0
	for i, s := range sents {
		for _, w := range Find(s, offs[i], pub) {
			checkWhen(t, text, 0, w)
			found++
		}
	}
	if found == 0 {
		t.Fatal("no dates found in the benchmark text")
	}
}
