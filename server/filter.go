package server

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/store"
)

// Listing limits.
const (
	DefaultLimit = 100
	MaxLimit     = 10000
)

// FilterParams are the query parameters ParseFilter reads, as the API documents them.
var FilterParams = []string{"since", "until", "bbox", "country", "actor", "type", "acled_type", "q", "min_sources", "limit", "cursor"}

// PLOVERTypes are the event types of PLOVER 2.0, the values of the type parameter.
var PLOVERTypes = []string{"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
	"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}

// ACLEDTypes are ACLED's event types, the values of the acled_type parameter.
var ACLEDTypes = []string{"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments"}

// ParamError says which query parameter is wrong and why.
type ParamError struct {
	Param, Reason string
}

func (e *ParamError) Error() string {
	if e.Param == "" {
		return "invalid parameters: " + e.Reason
	}
	return fmt.Sprintf("invalid parameter %q: %s", e.Param, e.Reason)
}

func paramErr(param, format string, args ...any) error {
	return &ParamError{Param: param, Reason: fmt.Sprintf(format, args...)}
}

// ParseFilter reads the query parameters of a listing into the filter the store, the CLI and the API
// share. Every parameter is optional and may be given once; an unknown parameter, a repeated one
// or a bad value is a *ParamError naming it. limit defaults to DefaultLimit (at most MaxLimit).
func ParseFilter(v url.Values) (store.EventFilter, error) {
	f := store.EventFilter{Limit: DefaultLimit}
	names := make([]string, 0, len(v))
	for k := range v {
		names = append(names, k)
	}
	slices.Sort(names) // report problems in a stable order
	for _, k := range names {
		if !slices.Contains(FilterParams, k) {
			return f, paramErr(printable(k), "unknown parameter (known: %s)", strings.Join(FilterParams, ", "))
		}
		if len(v[k]) > 1 {
			return f, paramErr(k, "given %d times; give it once", len(v[k]))
		}
	}
	get := func(k string) (string, bool) {
		vals, ok := v[k]
		if !ok {
			return "", false
		}
		return strings.TrimSpace(vals[0]), true
	}
	var err error
	if s, ok := get("since"); ok {
		if f.Since, err = parseDay("since", s); err != nil {
			return f, err
		}
	}
	if s, ok := get("until"); ok {
		if f.Until, err = parseDay("until", s); err != nil {
			return f, err
		}
	}
	if s, ok := get("bbox"); ok {
		if f.BBox, err = store.ParseBBox(s); err != nil {
			return f, paramErr("bbox", "%v", err)
		}
	}
	if s, ok := get("country"); ok {
		c := strings.ToUpper(s)
		if len(c) != 3 || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return f, paramErr("country", "want an ISO 3166-1 alpha-3 code such as SYR, got %q", printable(s))
		}
		f.Country = c
	}
	if s, ok := get("actor"); ok {
		if err := text("actor", s); err != nil {
			return f, err
		}
		f.Actor = s
	}
	if s, ok := get("type"); ok {
		t := strings.ToUpper(s)
		if !slices.Contains(PLOVERTypes, t) {
			return f, paramErr("type", "want a PLOVER event type (%s), got %q", strings.Join(PLOVERTypes, ", "), printable(s))
		}
		f.Type = t
	}
	if s, ok := get("acled_type"); ok {
		i := slices.IndexFunc(ACLEDTypes, func(t string) bool { return strings.EqualFold(t, s) })
		if i < 0 {
			return f, paramErr("acled_type", "want an ACLED event type (%s), got %q", strings.Join(ACLEDTypes, ", "), printable(s))
		}
		f.ACLEDType = ACLEDTypes[i]
	}
	if s, ok := get("q"); ok {
		if err := text("q", s); err != nil {
			return f, err
		}
		if _, err := store.ParseQuery(s); err != nil {
			return f, paramErr("q", "%v", err)
		}
		f.Q = s
	}
	if s, ok := get("min_sources"); ok {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > 1000 {
			return f, paramErr("min_sources", "want a whole number from 0 to 1000, got %q", printable(s))
		}
		f.MinSources = n
	}
	if s, ok := get("limit"); ok {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxLimit {
			return f, paramErr("limit", "want a whole number from 1 to %d, got %q", MaxLimit, printable(s))
		}
		f.Limit = n
	}
	if s, ok := get("cursor"); ok {
		if _, _, err := store.DecodeCursor(s); err != nil {
			return f, paramErr("cursor", "%v", err)
		}
		f.Cursor = s
	}
	if err := f.Validate(); err != nil {
		return f, &ParamError{Reason: err.Error()}
	}
	return f, nil
}

// FilterValues is the query string form of a filter, which ParseFilter reads back (Limit only when
// it is not the default).
func FilterValues(f store.EventFilter) url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	if !f.Since.IsZero() {
		set("since", f.Since.Format(doc.DateLayout))
	}
	if !f.Until.IsZero() {
		set("until", f.Until.Format(doc.DateLayout))
	}
	if f.BBox != nil {
		set("bbox", f.BBox.String())
	}
	set("country", f.Country)
	set("actor", f.Actor)
	set("type", f.Type)
	set("acled_type", f.ACLEDType)
	set("q", f.Q)
	if f.MinSources > 0 {
		set("min_sources", strconv.Itoa(f.MinSources))
	}
	if f.Limit != DefaultLimit && f.Limit > 0 {
		set("limit", strconv.Itoa(f.Limit))
	}
	set("cursor", f.Cursor)
	return v
}

func parseDay(param, s string) (time.Time, error) {
	t, err := time.Parse(doc.DateLayout, s)
	if err != nil {
		return t, paramErr(param, "want a date YYYY-MM-DD, got %q", printable(s))
	}
	return t, nil
}

func text(param, s string) error {
	if !utf8.ValidString(s) {
		return paramErr(param, "not valid UTF-8")
	}
	if len(s) > store.MaxQueryLen {
		return paramErr(param, "longer than %d bytes", store.MaxQueryLen)
	}
	return nil
}

// printable clips a value for an error message and makes it valid UTF-8.
func printable(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}
