package store

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
)

// BBox is a longitude/latitude box in degrees (WGS 84). MinLon > MaxLon means the box crosses the
// antimeridian (170,-10,-170,10 spans 20 degrees around 180).
type BBox struct {
	MinLon, MinLat, MaxLon, MaxLat float64
}

// ParseBBox reads "minLon,minLat,maxLon,maxLat" and validates it.
func ParseBBox(s string) (*BBox, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return nil, fmt.Errorf("want four numbers minLon,minLat,maxLon,maxLat, got %d value(s) in %q", len(parts), clip(s))
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("value %d (%s) is not a number: %q", i+1, [4]string{"minLon", "minLat", "maxLon", "maxLat"}[i], clip(p))
		}
		v[i] = f
	}
	b := &BBox{MinLon: v[0], MinLat: v[1], MaxLon: v[2], MaxLat: v[3]}
	return b, b.Validate()
}

// Validate checks the ranges: longitudes in [-180, 180], latitudes in [-90, 90], MinLat <= MaxLat.
func (b BBox) Validate() error {
	for _, lon := range []float64{b.MinLon, b.MaxLon} {
		if !(lon >= -180 && lon <= 180) {
			return fmt.Errorf("longitude %v outside [-180, 180]", lon)
		}
	}
	for _, lat := range []float64{b.MinLat, b.MaxLat} {
		if !(lat >= -90 && lat <= 90) {
			return fmt.Errorf("latitude %v outside [-90, 90]", lat)
		}
	}
	if b.MinLat > b.MaxLat {
		return fmt.Errorf("minLat %v is greater than maxLat %v", b.MinLat, b.MaxLat)
	}
	return nil
}

// Contains reports whether the point lies in the box (edges included).
func (b BBox) Contains(lon, lat float64) bool {
	if lat < b.MinLat || lat > b.MaxLat {
		return false
	}
	if b.MinLon <= b.MaxLon {
		return lon >= b.MinLon && lon <= b.MaxLon
	}
	return lon >= b.MinLon || lon <= b.MaxLon // across the antimeridian
}

// String is the "minLon,minLat,maxLon,maxLat" form ParseBBox reads.
func (b BBox) String() string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	return f(b.MinLon) + "," + f(b.MinLat) + "," + f(b.MaxLon) + "," + f(b.MaxLat)
}

// Limits on filters that arrive from outside.
const (
	MaxQueryLen = 500 // bytes of Q or Actor
	MaxTerms    = 16  // words and phrases in Q
)

// Validate says what is wrong with a filter, naming the field as the API's parameter
// ("since", "bbox", "q", ...). The zero filter is valid.
func (f EventFilter) Validate() error {
	if !f.Since.IsZero() && !f.Until.IsZero() && f.Since.After(f.Until) {
		return fmt.Errorf("since (%s) is after until (%s)", f.Since.Format(doc.DateLayout), f.Until.Format(doc.DateLayout))
	}
	if f.BBox != nil {
		if err := f.BBox.Validate(); err != nil {
			return fmt.Errorf("bbox: %w", err)
		}
	}
	if f.Limit < 0 {
		return fmt.Errorf("limit must be 0 or more, got %d", f.Limit)
	}
	if f.MinSources < 0 {
		return fmt.Errorf("min_sources must be 0 or more, got %d", f.MinSources)
	}
	if len(f.Actor) > MaxQueryLen {
		return fmt.Errorf("actor is longer than %d bytes", MaxQueryLen)
	}
	if f.Actor != "" && len(Words(f.Actor)) == 0 {
		return fmt.Errorf("actor %q has no words to match", clip(f.Actor))
	}
	if _, err := ParseQuery(f.Q); err != nil {
		return fmt.Errorf("q: %w", err)
	}
	if f.Cursor != "" {
		if _, _, err := DecodeCursor(f.Cursor); err != nil {
			return fmt.Errorf("cursor: %w", err)
		}
	}
	return nil
}

// NextCursor is the Cursor that continues a listing after e.
func NextCursor(e doc.Event) string {
	return base64.RawURLEncoding.EncodeToString([]byte(e.Date.Start.Format(doc.DateLayout) + "|" + e.ID))
}

var errCursor = errors.New("not a cursor given by this listing (use next_cursor from the previous page)")

// DecodeCursor reads a cursor made by NextCursor: the event date and id of the last event shown.
func DecodeCursor(c string) (date, id string, err error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", "", errCursor
	}
	date, id, ok := strings.Cut(string(b), "|")
	if !ok || id == "" {
		return "", "", errCursor
	}
	if _, err := time.Parse(doc.DateLayout, date); err != nil {
		return "", "", errCursor
	}
	return date, id, nil
}

// Term is one part of a full-text query: a word or a phrase (normalised words in order), the last
// word a prefix when Prefix is set.
type Term struct {
	Words  []string
	Prefix bool
}

// Words splits text into normalised words (lower case, accents and apostrophes removed), as the
// full-text index stores them.
func Words(text string) []string {
	toks := doc.Tokenize(text, 0)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Norm
	}
	return out
}

// ParseQuery reads Q: words and "quoted phrases", all required; a * right after a word or a closing
// quote makes its last word a prefix. Punctuation is ignored. An empty query gives no terms.
func ParseQuery(q string) ([]Term, error) {
	if len(q) > MaxQueryLen {
		return nil, fmt.Errorf("longer than %d bytes", MaxQueryLen)
	}
	if strings.TrimSpace(q) == "" {
		return nil, nil
	}
	var terms []Term
	add := func(text string, prefix bool) {
		if w := Words(text); len(w) > 0 {
			terms = append(terms, Term{Words: w, Prefix: prefix})
		}
	}
	rest := q
	for rest != "" {
		rest = strings.TrimLeft(rest, " \t\r\n")
		if rest == "" {
			break
		}
		if rest[0] == '"' {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				return nil, fmt.Errorf("unclosed quote in %q", clip(q))
			}
			phrase := rest[1 : 1+end]
			rest = rest[2+end:]
			prefix := strings.HasPrefix(rest, "*")
			add(phrase, prefix)
			rest = strings.TrimLeft(rest, "*")
			continue
		}
		end := strings.IndexAny(rest, " \t\r\n\"")
		if end < 0 {
			end = len(rest)
		}
		word := rest[:end]
		rest = rest[end:]
		// a word with inner punctuation ("al-Fashir", "U.S.") is a phrase of its parts
		add(word, strings.HasSuffix(word, "*"))
	}
	if len(terms) == 0 {
		return nil, fmt.Errorf("%q has no words to search for", clip(q))
	}
	if len(terms) > MaxTerms {
		return nil, fmt.Errorf("%d terms, at most %d", len(terms), MaxTerms)
	}
	return terms, nil
}

// ActorTerm is the phrase Actor matches: its words in order (whole words: a prefix query over the
// full-text index would read every match to sort them).
func ActorTerm(actor string) Term { return Term{Words: Words(actor)} }

// Match reports whether an event passes the filter, with the store's semantics: what a listing
// with this filter would return, less Limit and Cursor. The server uses it for live streams and
// watches.
func (f EventFilter) Match(e doc.Event) bool {
	if !f.Since.IsZero() && e.Date.Start.Before(f.Since) {
		return false
	}
	if !f.Until.IsZero() && e.Date.Start.After(f.Until) {
		return false
	}
	if f.BBox != nil && (e.Location == nil || !f.BBox.Contains(e.Location.Lon, e.Location.Lat)) {
		return false
	}
	if f.Country != "" && (e.Location == nil || e.Location.Country != f.Country) {
		return false
	}
	if f.Type != "" && e.Type != f.Type {
		return false
	}
	if f.ACLEDType != "" && e.ACLEDType != f.ACLEDType {
		return false
	}
	if f.MinSources > 0 && e.Corroboration < f.MinSources {
		return false
	}
	if f.Actor != "" {
		t := ActorTerm(f.Actor)
		ok := false
		for _, text := range ActorTexts(e) {
			if t.matches(Words(text)) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if f.Q != "" {
		terms, err := ParseQuery(f.Q)
		if err != nil {
			return false
		}
		var words []string
		for _, s := range SearchTexts(e) {
			words = append(words, Words(s)...)
		}
		for _, t := range terms {
			if !t.matches(words) {
				return false
			}
		}
	}
	return true
}

// matches reports whether the term's words occur consecutively in words.
func (t Term) matches(words []string) bool {
	n := len(t.Words)
	if n == 0 {
		return true
	}
	for i := 0; i+n <= len(words); i++ {
		ok := true
		for j, w := range t.Words {
			if j == n-1 && t.Prefix {
				ok = strings.HasPrefix(words[i+j], w)
			} else {
				ok = words[i+j] == w
			}
			if !ok {
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// ActorTexts is what the Actor filter looks at: each actor's canonical name and its words in the text.
func ActorTexts(e doc.Event) []string {
	var out []string
	for _, a := range []*doc.Actor{e.Actor1, e.Actor2} {
		if a == nil {
			continue
		}
		for _, s := range []string{a.Name, a.Text} {
			if s != "" && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// SearchTexts is what Q searches: the evidence sentences, the actors and the place.
func SearchTexts(e doc.Event) []string {
	out := SentenceTexts(e)
	out = append(out, ActorTexts(e)...)
	return append(out, PlaceTexts(e)...)
}

// SentenceTexts is the event's evidence sentences, each once.
func SentenceTexts(e doc.Event) []string {
	var out []string
	if e.Evidence.Sentence != "" {
		out = append(out, e.Evidence.Sentence)
	}
	for _, s := range e.Supporting {
		if s.Sentence != "" && !slices.Contains(out, s.Sentence) {
			out = append(out, s.Sentence)
		}
	}
	return out
}

// PlaceTexts is the event place's name, admin1 and the words of the text.
func PlaceTexts(e doc.Event) []string {
	var out []string
	if l := e.Location; l != nil {
		for _, s := range []string{l.Name, l.Admin1, l.Text} {
			if s != "" && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// clip shortens s for an error message, on a rune boundary, and makes it valid UTF-8.
func clip(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
