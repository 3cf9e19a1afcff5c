package ingest

import "testing"

func TestCleanText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"white space only", " \t\n\r\n  \n", ""},
		{"folds inside paragraph", "Troops   advanced\ttoward\nthe   river.", "Troops advanced toward the river."},
		{"blank line separates", "First report.\n\nSecond report.", "First report.\n\nSecond report."},
		{"many blank lines become one", "One.\n\n\n \n\t\nTwo.", "One.\n\nTwo."},
		{"CRLF", "One line\r\nsame paragraph\r\n\r\nNext.", "One line same paragraph\n\nNext."},
		{"old Mac CR", "One.\r\rTwo.", "One.\n\nTwo."},
		{"leading and trailing", "\n\n  Shelling resumed.  \n\n", "Shelling resumed."},
		{"no-break and ideographic space", "Deir\u00a0ez-Zor\u3000province", "Deir ez-Zor province"},
		{"soft hyphen and BOM dropped", "Sever\u00adodonetsk\ufeff", "Severodonetsk"},
		{"control characters are spaces", "two\x00words\x1bhere", "two words here"},
		{"invalid UTF-8 replaced", "caf\xe9 terrace", "caf\ufffd terrace"},
		{"NFC", "Dnipro\u0301 and Kyiv", "Dnipró and Kyiv"},
		{"paragraph separator", "One.\u2029\u2029Two.", "One.\n\nTwo."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanText(tt.in); got != tt.want {
				t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := cleanText(tt.want); again != tt.want {
				t.Errorf("cleanText is not idempotent on %q: %q", tt.want, again)
			}
		})
	}
}

func TestHTMLText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text keeps paragraphs", "Fighting resumed.\n\nTwo killed &amp; five hurt.", "Fighting resumed.\n\nTwo killed & five hurt."},
		{"paragraph tags", "<p>Fighting\n resumed.</p><p>Two killed.</p>", "Fighting resumed.\n\nTwo killed."},
		{"source newlines are spaces", "<p>Fighting\n\nresumed.</p>", "Fighting resumed."},
		{"single br folds, double br breaks", "Line one<br>line two<br/><br />Next paragraph", "Line one line two\n\nNext paragraph"},
		{"inline tags join words", "<b>Kher</b>son and <a href=\"/x\">Mykolaiv</a>", "Kherson and Mykolaiv"},
		{"list items", "<ul><li>Harsan</li><li>Koverna</li></ul>", "Harsan\n\nKoverna"},
		{"table cells", "<table><tr><td>Killed</td><td>7</td></tr><tr><td>Wounded</td><td>20</td></tr></table>", "Killed 7\n\nWounded 20"},
		{"script style and comments dropped", "<p>Shelling <!-- ad -->hit<script>var x = '<p>no</p>';</script><style>p{}</style> Koverna.</p>", "Shelling hit Koverna."},
		{"entities", "<p>5&nbsp;km north of Sloviansk&#8212;reports&hellip;</p>", "5 km north of Sloviansk—reports…"},
		{"less-than in text", "casualties <5 reported", "casualties <5 reported"},
		{"not a tag", "Talks resume in <Geneva>", "Talks resume in <Geneva>"},
		{"namespaced tag dropped", "<p>Convoy<o:p></o:p> arrived</p>", "Convoy arrived"},
		{"unclosed tag at end", "<p>Ceasefire holds<b", "Ceasefire holds"},
		{"only markup", "<img src=\"x.jpg\"><br>", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := htmlText(tt.in); got != tt.want {
				t.Errorf("htmlText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
