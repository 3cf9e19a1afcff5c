// Package doc is sitrep's shared vocabulary: the document every stage reads, the spans that tie each
// coded field back to the words that justify it, and the mention and event records that flow from
// extraction through fusion to the store.
package doc

import (
	"fmt"
	"time"
)

// Span is a half-open byte range [Start, End) into Document.Text.
type Span struct {
	Start int `json:"-"`
	End   int `json:"-"`
}

// MarshalJSON writes a span as the two-element array [start, end] of the event contract.
func (s Span) MarshalJSON() ([]byte, error) {
	return fmt.Appendf(nil, "[%d,%d]", s.Start, s.End), nil
}

// UnmarshalJSON reads the [start, end] form written by MarshalJSON.
func (s *Span) UnmarshalJSON(b []byte) error {
	var a [2]int
	if _, err := fmt.Sscanf(string(b), "[%d,%d]", &a[0], &a[1]); err != nil {
		return fmt.Errorf("span: want [start,end], got %s", b)
	}
	s.Start, s.End = a[0], a[1]
	return nil
}

// Len is the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Valid reports whether the span lies inside a text of n bytes.
func (s Span) Valid(n int) bool { return 0 <= s.Start && s.Start <= s.End && s.End <= n }

// Document is one report as sitrep stores it. Text is what every Span points into: HTML and feed
// markup are already reduced to plain text by the reader.
type Document struct {
	ID        string    `json:"id"`
	Source    string    `json:"source"`
	URL       string    `json:"url,omitempty"`
	Title     string    `json:"title,omitempty"`
	Published time.Time `json:"published"`
	Text      string    `json:"text"`
	// Origin names where the document was read from (a file, "file:line", a feed item), for messages.
	Origin string `json:"-"`
}

// Sentence is one sentence of a document, with its place in the document text.
type Sentence struct {
	Index int
	Span  Span
	Text  string
}
