package extract

import (
	"bufio"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/neurosnap/sentences"
	"github.com/neurosnap/sentences/english"

	"github.com/sitrep-dev/sitrep/doc"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"The U.S. military said it struck a depot. Two fighters were killed.", []string{"The U.S. military said it struck a depot.", "Two fighters were killed."}},
		{"The strike was carried out by U.S. forces on Monday.", []string{"The strike was carried out by U.S. forces on Monday."}},
		{"Officials in the U.S. said nothing. The ministry disagreed.", []string{"Officials in the U.S. said nothing.", "The ministry disagreed."}},
		{"It happened on Dec. 21 in the north. Rescuers arrived late.", []string{"It happened on Dec. 21 in the north.", "Rescuers arrived late."}},
		{"Clashes resumed on Jan. 3, officials said.", []string{"Clashes resumed on Jan. 3, officials said."}},
		{"Gen. Abdel Fattah al-Burhan visited Port Sudan. He met aid groups.", []string{"Gen. Abdel Fattah al-Burhan visited Port Sudan.", "He met aid groups."}},
		{"Lt. Col. Ahmed Hassan was killed in the ambush. His convoy was hit.", []string{"Lt. Col. Ahmed Hassan was killed in the ambush.", "His convoy was hit."}},
		// Punkt quirks the splitter keeps, so that extraction results do not change:
		// "Brig." before a capitalised abbreviation, a number ending a sentence ("rose to 12."),
		// an ellipsis or "et al." before a capital, and "Mt."/"Pt." (unknown to the model)
		{"Maj. Gen. Smith and Brig. Gen. Jones spoke to reporters.", []string{"Maj. Gen. Smith and Brig.", "Gen. Jones spoke to reporters."}},
		{"Sgt. Maria Lopez was wounded.", []string{"Sgt. Maria Lopez was wounded."}},
		{"He lives at No. 5 Rashid Street. It was shelled overnight.", []string{"He lives at No. 5 Rashid Street.", "It was shelled overnight."}},
		{"Gov. Ali Hamadi said the roads were closed.", []string{"Gov. Ali Hamadi said the roads were closed."}},
		{"Dr. Sara Ali treated 12 patients. Mr. Karim Said was among them.", []string{"Dr. Sara Ali treated 12 patients.", "Mr. Karim Said was among them."}},
		{"J. K. Rowling wrote it. The book sold well.", []string{"J. K. Rowling wrote it.", "The book sold well."}},
		{"The report by A. Hassan was released on Friday.", []string{"The report by A. Hassan was released on Friday."}},
		{"George W. Bush ordered the invasion in 2003. Troops crossed the border.", []string{"George W. Bush ordered the invasion in 2003. Troops crossed the border."}},
		{"Prices rose 2.5 percent last month. Fuel was scarce.", []string{"Prices rose 2.5 percent last month.", "Fuel was scarce."}},
		{"The strike killed 3.5 million chickens, the ministry said.", []string{"The strike killed 3.5 million chickens, the ministry said."}},
		{"About 1,200 people fled. Aid workers said 3,400 more could follow.", []string{"About 1,200 people fled.", "Aid workers said 3,400 more could follow."}},
		{"The death toll rose to 12. Rescuers were still searching.", []string{"The death toll rose to 12. Rescuers were still searching."}},
		{"Casualties: 12. The rest were evacuated.", []string{"Casualties: 12. The rest were evacuated."}},
		{"\"We will not retreat,\" the commander said. His troops cheered.", []string{"\"We will not retreat,\" the commander said.", "His troops cheered."}},
		{"\"The city has fallen.\" That was the last message.", []string{"\"The city has fallen.\"", "That was the last message."}},
		{"He said: \"They fired first.\" The army denied it.", []string{"He said: \"They fired first.\"", "The army denied it."}},
		{"“Stop the shelling,” she said. “Now.”", []string{"“Stop the shelling,” she said.", "“Now.”"}},
		{"The mayor asked, “Where is the aid?” Nobody answered.", []string{"The mayor asked, “Where is the aid?”", "Nobody answered."}},
		{"He warned of ‘grave consequences.’ The talks collapsed.", []string{"He warned of ‘grave consequences.’", "The talks collapsed."}},
		{"They waited... and then the shelling began.", []string{"They waited... and then the shelling began."}},
		{"They waited... Then the shelling began.", []string{"They waited... Then the shelling began."}},
		{"The convoy was hit . . . and burned.", []string{"The convoy was hit . . . and burned."}},
		{"It was over… The town was quiet.", []string{"It was over… The town was quiet."}},
		{"Was anyone hurt? Nobody knows yet.", []string{"Was anyone hurt?", "Nobody knows yet."}},
		{"Stop! The bridge is mined.", []string{"Stop!", "The bridge is mined."}},
		{"The militants (who called themselves the Lions of Tawhid.) fled.", []string{"The militants (who called themselves the Lions of Tawhid.) fled."}},
		{"Shelling hit Idlib. Protesters gathered in Daraa.", []string{"Shelling hit Idlib.", "Protesters gathered in Daraa."}},
		{"The F.B.I. opened an inquiry. Agents arrived on Tuesday.", []string{"The F.B.I. opened an inquiry.", "Agents arrived on Tuesday."}},
		{"Forces of the U.N. withdrew. The mission ended.", []string{"Forces of the U.N. withdrew.", "The mission ended."}},
		{"The U.K. and the U.S. condemned the attack.", []string{"The U.K. and the U.S. condemned the attack."}},
		{"Fighting continued in the south (see map). Aid was blocked.", []string{"Fighting continued in the south (see map).", "Aid was blocked."}},
		{"Rebels seized the town at 5 p.m. on Sunday. Residents fled.", []string{"Rebels seized the town at 5 p.m. on Sunday.", "Residents fled."}},
		{"The attack came at 6 a.m. Troops responded.", []string{"The attack came at 6 a.m.", "Troops responded."}},
		{"Militants attacked e.g. checkpoints and patrols.", []string{"Militants attacked e.g. checkpoints and patrols."}},
		{"The vote was 52 vs. 48 in favour.", []string{"The vote was 52 vs. 48 in favour."}},
		{"Sheikh Hamad, et al. signed the deal.", []string{"Sheikh Hamad, et al.", "signed the deal."}},
		{"They met at St. George's church. Police guarded it.", []string{"They met at St. George's church.", "Police guarded it."}},
		{"Mt. Hermon was shelled. Pt. Sudan was calm.", []string{"Mt.", "Hermon was shelled.", "Pt.", "Sudan was calm."}},
		{"First paragraph ends here.\n\nSecond paragraph starts here. It has two sentences.", []string{"First paragraph ends here.", "Second paragraph starts here.", "It has two sentences."}},
		{"A line with no stop\n\nAnother line with no stop", []string{"A line with no stop", "Another line with no stop"}},
		{"Lines inside\none paragraph. Keep going.", []string{"Lines inside\none paragraph.", "Keep going."}},
		{"ALEPPO, Syria (Reuters) - Shelling killed five people on Monday. The army blamed rebels.", []string{"ALEPPO, Syria (Reuters) - Shelling killed five people on Monday.", "The army blamed rebels."}},
		{"Inc. and Co. are abbreviations. Corp. is too.", []string{"Inc. and Co. are abbreviations.", "Corp. is too."}},
		{"The U.S.-led coalition struck again. Nine died.", []string{"The U.S.-led coalition struck again.", "Nine died."}},
		{"Section 3.2.1. of the accord was violated. Both sides agreed.", []string{"Section 3.2.1. of the accord was violated.", "Both sides agreed."}},
		{"  Leading and trailing spaces.   ", []string{"Leading and trailing spaces."}},
		{"", []string{}},
		{"Deir ez-Zor. Raqqa. Hasakah.", []string{"Deir ez-Zor.", "Raqqa.", "Hasakah."}},
	}
	for _, tc := range tests {
		var got []string
		for i, s := range Sentences(tc.text) {
			got = append(got, s.Text)
			if s.Index != i || tc.text[s.Span.Start:s.Span.End] != s.Text {
				t.Errorf("%q: sentence %d has index %d, span %v for %q", tc.text, i, s.Index, s.Span, s.Text)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Sentences(%q)\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

// punktSentences is the splitting of neurosnap/sentences' own Punkt implementation, which
// Sentences reproduces decision for decision (with the same paragraphs and trimming).
func punktSentences(t testing.TB, text string) []doc.Sentence {
	tok, err := punktReference()
	if err != nil {
		t.Fatal(err)
	}
	var out []doc.Sentence
	start := 0
	for start < len(text) {
		end := strings.Index(text[start:], "\n\n")
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		for _, s := range tok.Tokenize(text[start:end]) {
			out = appendSentence(out, text, start+s.Start, start+s.End)
		}
		start = end + 2
	}
	return out
}

var punktReference = sync.OnceValues(func() (*sentences.DefaultSentenceTokenizer, error) {
	return english.NewSentenceTokenizer(nil)
})

// trickyWords are the words around which Punkt's rules decide.
var trickyWords = strings.Fields(`U.S. U.S U.K. U.N. F.B.I. e.g. i.e. etc. et al. vs. Dec. Jan. Gen. Lt. Col.
	Maj. Brig. Sgt. Gov. No. no. Dr. Mr. Mrs. St. Mt. Inc. Co. a.m. p.m. J. K. W. A. x. 12. 3.5 1,200
	2.5. 3,400. 1.2.3. 1) 2) 12 2003. 5 N°. ... .. . ! ? ?" !" ." .' .) .” .’ ?” !’ “Now.” ‘no.’
	(see map). [1]. said. killed. wounded. Syria. Idlib. The the He he It it They they Rescuers
	Police police Then then And and But but In in A a On on At at Two two Nobody However however
	Mr Smith Hassan Aleppo Damascus fighters troops shelling ...and …The Stop! Why? ok.” café.
	Müller. İstanbul. ÉTAT. ø. -5. -.5 a-1. x.y.z ab.cd. U.S.-led pro-U.S. 。 end。 ？ 終わり。`)

// randomText strings tricky and plain words with varied spacing, newlines and blank lines.
func randomText(r *rand.Rand) string {
	var b strings.Builder
	n := 1 + r.IntN(40)
	seps := []string{" ", " ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\n\n\n", " \n "}
	for i := 0; i < n; i++ {
		if i > 0 || r.IntN(4) == 0 {
			b.WriteString(seps[r.IntN(len(seps))])
		}
		b.WriteString(trickyWords[r.IntN(len(trickyWords))])
	}
	if r.IntN(3) == 0 {
		b.WriteString(seps[r.IntN(len(seps))])
	}
	return b.String()
}

func TestSentencesMatchPunkt(t *testing.T) {
	var texts []string
	files, _ := filepath.Glob("../testdata/corpus/*.jsonl")
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var r struct{ Text string }
			if json.Unmarshal(sc.Bytes(), &r) == nil {
				texts = append(texts, r.Text)
			}
		}
		fh.Close()
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 4000 {
		texts = append(texts, randomText(r))
	}
	for _, w := range trickyWords {
		texts = append(texts, w, w+" The end.", "It said "+w+" Then it", "x "+w)
	}
	for _, text := range texts {
		got, want := Sentences(text), punktSentences(t, text)
		if !slices.Equal(got, want) {
			t.Fatalf("Sentences(%q)\n got %v\nwant %v", text, got, want)
		}
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{"The U.S. said. It", "Dec. 21. He", "a... B", "\"Yes.\" He", "12. The", "x。y", "\xff.\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Sentences(s), punktSentences(t, s); !slices.Equal(got, want) {
			t.Fatalf("Sentences(%q)\n got %v\nwant %v", s, got, want)
		}
	})
}
