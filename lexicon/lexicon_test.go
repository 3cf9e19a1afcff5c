package lexicon

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
)

func describe(toks []doc.Token, h Hit) string {
	var words []string
	for _, t := range toks[h.First : h.Last+1] {
		words = append(words, t.Text)
	}
	phrase := strings.Join(words, " ")
	switch {
	case h.Actor != nil:
		return "actor:" + phrase + "=" + h.Actor.Name + "/" + h.Actor.Kind
	case h.Outlet != nil:
		return "outlet:" + phrase + "=" + h.Outlet.Name
	case h.Action != nil:
		return "action:" + phrase + "=" + h.Action.Type + "/" + h.Action.ACLEDSubType
	}
	return "cue:" + phrase + "=" + h.Cue.Kind
}

func TestScanFindsActorsOutletsAndTriggers(t *testing.T) {
	lex, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		sentence string
		want     []string // each must be among the hits
		not      []string // none of these may be
	}{
		{"IS fighters attacked a checkpoint, the ministry said.",
			[]string{"actor:IS=Islamic State/armed_group", "action:attacked=ASSAULT/Attack"}, nil},
		{"The situation is tense and Daesh is weakened.",
			[]string{"actor:Daesh=Islamic State/armed_group"}, []string{"actor:is=Islamic State/armed_group"}},
		{"Syrian army artillery shelled villages in southern Idlib.",
			[]string{"actor:Syrian army=Military of Syria/military", "action:artillery shelled=ASSAULT/Shelling/artillery/missile attack"}, nil},
		{"Houthi rebels fired missiles at ships, according to Al Hadath TV.",
			[]string{"outlet:Al Hadath TV=Al Hadath"}, nil},
		{"Warplanes carried out airstrikes on ISIS hideouts.",
			[]string{"action:airstrikes=ASSAULT/Air/drone strike", "actor:ISIS=Islamic State/armed_group"}, nil},
		{"Protesters rallied in Basra and police fired tear gas.",
			[]string{"action:rallied=PROTEST/Peaceful protest", "cue:tear gas=intervention"}, nil},
		{"The Rapid Support Forces denied shelling the camp.",
			[]string{"actor:Rapid Support Forces=Rapid Support Forces/armed_group", "cue:denied=modality"}, nil},
		{"Talks may resume in May.",
			[]string{"cue:may=modality"}, []string{"cue:May=modality"}},
	}
	for _, tc := range tests {
		toks := doc.Tokenize(tc.sentence, 0)
		got := map[string]bool{}
		for _, h := range lex.Scan(toks) {
			got[describe(toks, h)] = true
		}
		for _, w := range tc.want {
			if !got[w] {
				t.Errorf("%q: missing %s; got %v", tc.sentence, w, keys(got))
			}
		}
		for _, w := range tc.not {
			if got[w] {
				t.Errorf("%q: unexpected %s", tc.sentence, w)
			}
		}
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestBuildWithUserFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "my-actors.tsv")
	if err := os.WriteFile(path, []byte("name\tcountry\tkind\taliases\nNorthern Hawks Brigade\tSYR\tarmed_group\tHawks Brigade|NHB\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	lex, err := Build([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	toks := doc.Tokenize("NHB fighters clashed with the Hawks Brigade.", 0)
	n := 0
	for _, h := range lex.Scan(toks) {
		if h.Actor != nil && h.Actor.Name == "Northern Hawks Brigade" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("user actor found %d times, want 2", n)
	}
}

func TestBuildRejectsBadFiles(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ name, body, want string }{
		{"x-actors.tsv", "wrong\theader\n", "header must be"},
		{"y-actors.tsv", "name\tcountry\tkind\taliases\nA\tB\tC\tD\tE\n", ":2: 5 fields, want 4"},
		{"z-actions.tsv", "plover\tmode\tcameo\tacled_event_type\tacled_sub_event_type\tspecificity\ttriggers\nASSAULT\t\t190\tBattles\tArmed clash\tnine\tclash\n", "specificity"},
		{"notes.tsv", "a\tb\n", "file name must say"},
		{"bad-cues.tsv", "kind\tvalue\tphrases\n\xff\n", "not valid UTF-8"},
		{"era-actors.tsv", "name\tcountry\tkind\taliases\nHawks\tSYR\tgovernment since 2021-13-01, armed_group before\n", "KIND since YYYY-MM-DD"},
	}
	for _, tc := range tests {
		path := filepath.Join(dir, tc.name)
		os.WriteFile(path, []byte(tc.body), 0o644)
		_, err := Build([]string{path})
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.name) {
			t.Errorf("%s: error %v, want one naming the file and saying %q", tc.name, err, tc.want)
		}
	}
	if _, err := Build([]string{filepath.Join(dir, "missing-actors.tsv")}); err == nil {
		t.Error("a missing file must be an error")
	}
}

// An actor whose kind changed on a day (an insurgency that took power) has the earlier kind in
// reports from before that day.
func TestKindOn(t *testing.T) {
	lex, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var taliban *ActorEntry
	for _, h := range lex.Scan(doc.Tokenize("Taliban fighters attacked a checkpoint.", 0)) {
		if h.Actor != nil && h.Actor.Name == "Taliban" {
			taliban = h.Actor
		}
	}
	if taliban == nil {
		t.Fatal("Taliban not found")
	}
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, tc := range []struct {
		day  time.Time
		want string
	}{
		{day("2020-03-12"), KindArmedGroup},
		{day("2021-08-14"), KindArmedGroup},
		{day("2021-08-15"), KindGovernment},
		{day("2024-01-01"), KindGovernment},
		{time.Time{}, KindGovernment},
	} {
		if got := taliban.KindOn(tc.day); got != tc.want {
			t.Errorf("KindOn(%v) = %q, want %q", tc.day, got, tc.want)
		}
	}
}

// FuzzLoad feeds arbitrary bytes to the loader of user lexicon files: it must return an error or a
// lexicon, never panic.
func FuzzLoad(f *testing.F) {
	f.Add("actors", "name\tcountry\tkind\taliases\nNorthern Hawks\tSYR\tarmed_group\tNH|Hawks\n")
	f.Add("actions", "plover\tmode\tcameo\tacled_event_type\tacled_sub_event_type\tspecificity\ttriggers\nASSAULT\t\t190\tBattles\tArmed clash\t3\tclash|\n")
	f.Add("cues", "kind\tvalue\tphrases\n\n#x\nmodality\tdenied\t||denied\n")
	f.Add("countries", "iso3\tiso2\tname\taliases\tdemonyms\tcapitals\tleaders\nXXX\tXX\tX\t\t\t\t\n")
	f.Add("outlets", "name\tcountry\taliases\n\xff\t\t\n")
	f.Fuzz(func(t *testing.T, kind, body string) {
		if _, ok := columns[kind]; !ok {
			return
		}
		l := &Lexicon{Countries: map[string]*Country{}}
		if err := l.load(kind, "fuzz-"+kind+".tsv", body); err != nil {
			return
		}
		l.addCountryActors()
		l.Scan(doc.Tokenize("Northern Hawks clashed with X forces in X.", 0))
	})
}

func TestIsGeneric(t *testing.T) {
	for _, tc := range []struct {
		a    ActorEntry
		want bool
	}{
		{ActorEntry{}, true},
		{ActorEntry{Name: "Militants"}, true},
		{ActorEntry{Name: "Aid workers"}, true},
		{ActorEntry{Name: "Unidentified armed group"}, true},
		{ActorEntry{Name: "Islamic State"}, false},
		{ActorEntry{Name: "al-Shabaab"}, false}, // a capital inside a word makes a name
		{ActorEntry{Name: "HTS"}, false},
		{ActorEntry{Name: "Éléments armés"}, true},
		{ActorEntry{Name: "armed Élément"}, false},
		{ActorEntry{Name: "Military forces", Country: "SYR"}, false},
		{ActorEntry{Name: "coalition", Kind: KindCoalition}, false},
	} {
		if got := tc.a.IsGeneric(); got != tc.want {
			t.Errorf("%+v.IsGeneric() = %v, want %v", tc.a, got, tc.want)
		}
	}
}
