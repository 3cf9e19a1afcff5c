package doc

import (
	"slices"
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		text  string
		norms string
		flags string // per token: h = hyphen-joined, p = possessive, a = ayn apostrophe, . = none
	}{
		{"Deir ez-Zor", "deir ez zor", "..h"},
		{"Hezbollah's fighters", "hezbollah fighters", "p."},
		{"Ra's al-'Ayn", "ras al ayn", "..h"},
		{"Ash Shaddādah, Syria.", "ash shaddadah syria", "..."},
		{"Diyarbakır, Łódź", "diyarbakir lodz", ".."},
		{"killing 1,200 people and 2.5 tonnes", "killing 1,200 people and 2.5 tonnes", "......"},
		{"the U.S.-led coalition", "the u s led coalition", "....."},
		{"near Mare' town", "near mare town", ".a."},
		{"the rebels' positions", "the rebels positions", "..."},
		{"shelling 'in Najran' today", "shelling in najran today", "...."},
		{"", "", ""},
		{"  ...  ", "", ""},
	}
	for _, tc := range tests {
		toks := Tokenize(tc.text, 10)
		var norms []string
		var flags strings.Builder
		for _, tk := range toks {
			norms = append(norms, tk.Norm)
			if tc.text[tk.Span.Start-10:tk.Span.End-10] != tk.Text {
				t.Errorf("%q: span %v does not cover %q", tc.text, tk.Span, tk.Text)
			}
			switch {
			case tk.Hyphen:
				flags.WriteByte('h')
			case tk.Possessive:
				flags.WriteByte('p')
			case tk.Ayn:
				flags.WriteByte('a')
			default:
				flags.WriteByte('.')
			}
		}
		if got := strings.Join(norms, " "); got != tc.norms {
			t.Errorf("Tokenize(%q) norms = %q, want %q", tc.text, got, tc.norms)
		}
		if flags.String() != tc.flags {
			t.Errorf("Tokenize(%q) flags = %q, want %q", tc.text, flags.String(), tc.flags)
		}
	}
}

func TestContentIDFoldsWhitespaceNotSource(t *testing.T) {
	a := ContentID("Levant Ledger", "Shelling hit  Idlib.\n")
	if b := ContentID("levant ledger ", "Shelling hit Idlib."); a != b {
		t.Errorf("same text and source gave %s and %s", a, b)
	}
	if c := ContentID("Sahel Wire", "Shelling hit Idlib."); a == c {
		t.Error("another outlet's copy must get another id")
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Deir ez-Zor", "Hezbollah's", "1,200.5", "Ra's'", "'s", "a-", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, tk := range Tokenize(s, 0) {
			if !tk.Span.Valid(len(s)) || tk.Span.Start < prev || s[tk.Span.Start:tk.Span.End] != tk.Text {
				t.Fatalf("bad span %v in %q", tk.Span, s)
			}
			prev = tk.Span.End
		}
	})
}

// AppendTokens after other tokens gives what Tokenize gives: the first token appended has no
// punctuation or hyphen from before the text.
func TestAppendTokens(t *testing.T) {
	for _, text := range []string{"-Deir ez-Zor, Syria", "; al-Bab", "", "Ra's al-'Ayn"} {
		prefix := Tokenize("Hezbollah's fighters", 0)
		got := AppendTokens(prefix, text, 100)
		want := append(Tokenize("Hezbollah's fighters", 0), Tokenize(text, 100)...)
		if !slices.Equal(got, want) {
			t.Errorf("AppendTokens(..., %q)\n got %+v\nwant %+v", text, got, want)
		}
	}
}

func TestIsNumber(t *testing.T) {
	for text, want := range map[string]bool{"12": true, "1,200": true, "٣٤": true, "12٣": true, "12a": false, "a12": false,
		"2.5": false, "": false, "½": false, "x٣": false} {
		if got := (Token{Text: text}).IsNumber(); got != want {
			t.Errorf("IsNumber(%q) = %v, want %v", text, got, want)
		}
	}
}
