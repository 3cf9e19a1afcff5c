package server

import (
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/store"
)

func TestParseFilter(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	tests := []struct {
		query string
		want  store.EventFilter
	}{
		{"", store.EventFilter{Limit: DefaultLimit}},
		{"since=2025-12-01&until=2025-12-31&limit=50", store.EventFilter{Since: day("2025-12-01"), Until: day("2025-12-31"), Limit: 50}},
		{"bbox=22,44,40.5,52.5&country=ukr&type=assault&acled_type=BATTLES",
			store.EventFilter{BBox: &store.BBox{MinLon: 22, MinLat: 44, MaxLon: 40.5, MaxLat: 52.5}, Country: "UKR", Type: "ASSAULT", ACLEDType: "Battles", Limit: DefaultLimit}},
		{"actor=+Rapid+Support+&q=%22drone+strike%22+kharkiv&min_sources=2",
			store.EventFilter{Actor: "Rapid Support", Q: `"drone strike" kharkiv`, MinSources: 2, Limit: DefaultLimit}},
	}
	for _, tc := range tests {
		v, _ := url.ParseQuery(tc.query)
		got, err := ParseFilter(v)
		if err != nil {
			t.Errorf("%s: %v", tc.query, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.query, got, tc.want)
		}
		// FilterValues writes it back as ParseFilter reads it
		again, err := ParseFilter(FilterValues(got))
		if err != nil || !reflect.DeepEqual(again, got) {
			t.Errorf("%s: round trip through FilterValues gives %+v, %v", tc.query, again, err)
		}
	}
	_, err := ParseFilter(url.Values{"bbox": {"x"}})
	var pe *ParamError
	if !errors.As(err, &pe) || pe.Param != "bbox" {
		t.Errorf("error %v is not a *ParamError naming bbox", err)
	}
}

// FuzzParseFilter: any query string is either a valid filter (which Validate accepts, the store's
// query builder can use, and FilterValues writes back to the same filter) or a *ParamError whose
// message names a parameter; never a panic.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{
		"", "since=2025-12-01&until=2025-12-31", "bbox=22,44,40.5,52.5", "bbox=170,-20,-170,-10",
		"country=SYR&type=ASSAULT&acled_type=Battles", `q="drone strike" kharkiv*`, "actor=rapid support",
		"min_sources=3&limit=10", "cursor=MjAyNS0xMi0yMnxldi0x", "since=2025-12-31&until=2025-12-01",
		"bbox=NaN,0,1,1", "q=%22", "limit=-1", "x=1", "country=SYR&country=UKR", "q=%ff%fe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, query string) {
		v, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		filter, err := ParseFilter(v)
		if err != nil {
			var pe *ParamError
			if !errors.As(err, &pe) {
				t.Fatalf("%q: error %v is not a *ParamError", query, err)
			}
			if !utf8.ValidString(err.Error()) || !strings.HasPrefix(err.Error(), "invalid parameter") {
				t.Fatalf("%q: message %q", query, err.Error())
			}
			return
		}
		if err := filter.Validate(); err != nil {
			t.Fatalf("%q: parsed filter does not validate: %v", query, err)
		}
		if filter.Limit < 1 || filter.Limit > MaxLimit {
			t.Fatalf("%q: limit %d", query, filter.Limit)
		}
		again, err := ParseFilter(FilterValues(filter))
		if err != nil || !reflect.DeepEqual(again, filter) {
			t.Fatalf("%q: FilterValues round trip: %+v, %v (was %+v)", query, again, err, filter)
		}
	})
}
