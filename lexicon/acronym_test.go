package lexicon

import (
	"testing"

	"github.com/sitrep-dev/sitrep/doc"
)

// Triggers written in capitals in actions.tsv are acronyms, which the text writes in capitals too:
// they must match there, though every other trigger must be written in lower case.
func TestAcronymTriggers(t *testing.T) {
	lex, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text, sub string // sub: the sub-event type of the first trigger, "" for none
	}{
		{"An IED went off", "Remote explosive/landmine/IED"},
		{"Two IEDs went off", "Remote explosive/landmine/IED"},
		{"A VBIED went off", "Remote explosive/landmine/IED"},
		{"An SVBIED went off", "Suicide bomb"},
		{"Troops found two SVBIEDs", "Suicide bomb"},
		{"Operation Clashes began", ""}, // lower-case triggers still reject capitals past the first word
		// a sentence written in capitals (a wire headline) is read as words
		{"TWO SUICIDE BOMBERS BLEW THEMSELVES UP AT A MOSQUE", "Suicide bomb"},
		{"GUNMEN KILL THREE IN KANO", "Attack"},
		{"IED HITS BUS", "Remote explosive/landmine/IED"}, // three words: not shouting, but an acronym anyway
		{"Operation CLASHES Began", ""},                   // capitals in a sentence that has lower-case letters
	} {
		sub := ""
		for _, h := range lex.Scan(doc.Tokenize(tc.text, 0)) {
			if h.Action != nil {
				sub = h.Action.ACLEDSubType
				break
			}
		}
		if sub != tc.sub {
			t.Errorf("%q: first trigger %q, want %q", tc.text, sub, tc.sub)
		}
	}
}
