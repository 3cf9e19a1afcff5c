package server

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sitrep-dev/sitrep/doc"
)

type listAnswer struct {
	Events     []doc.Event `json:"events"`
	Count      int         `json:"count"`
	NextCursor string      `json:"next_cursor"`
}

func TestListEventsFilters(t *testing.T) {
	e := newEnv(t, true)
	code, body := e.get("/api/events?limit=10000")
	if code != 200 {
		t.Fatalf("GET /api/events: %d %s", code, body)
	}
	all := decode[listAnswer](t, body)
	if all.Count < 50 || all.Count != len(all.Events) || all.NextCursor != "" {
		t.Fatalf("all events: count %d, %d events, next %q", all.Count, len(all.Events), all.NextCursor)
	}
	tests := []struct {
		query string
		keep  func(doc.Event) bool // every answer must pass it
		min   int                  // at least this many answers
	}{
		{"country=SYR", func(e doc.Event) bool { return e.Location != nil && e.Location.Country == "SYR" }, 5},
		{"country=syr", func(e doc.Event) bool { return e.Location != nil && e.Location.Country == "SYR" }, 5},
		{"type=ASSAULT", func(e doc.Event) bool { return e.Type == "ASSAULT" }, 10},
		{"acled_type=battles", func(e doc.Event) bool { return e.ACLEDType == "Battles" }, 3},
		{"since=2025-12-20&until=2025-12-21", func(e doc.Event) bool {
			d := e.Date.Start.Format(doc.DateLayout)
			return d >= "2025-12-20" && d <= "2025-12-21"
		}, 3},
		{"bbox=22,44,40.5,52.5", func(e doc.Event) bool {
			l := e.Location
			return l != nil && l.Lon >= 22 && l.Lon <= 40.5 && l.Lat >= 44 && l.Lat <= 52.5
		}, 3},
		{"q=aleppo", func(e doc.Event) bool {
			return strings.Contains(strings.ToLower(fmt.Sprint(e.Supporting, e.Location)), "aleppo")
		}, 3},
		{"actor=rapid+support", func(e doc.Event) bool {
			return strings.Contains(fmt.Sprint(e.Actor1, e.Actor2), "Rapid Support")
		}, 2},
		{"min_sources=2", func(e doc.Event) bool { return e.Corroboration >= 2 }, 3},
		{"country=SDN&type=ASSAULT&min_sources=1", func(e doc.Event) bool { return e.Location.Country == "SDN" && e.Type == "ASSAULT" }, 3},
	}
	for _, tc := range tests {
		code, body := e.get("/api/events?" + tc.query)
		if code != 200 {
			t.Errorf("%s: %d %s", tc.query, code, body)
			continue
		}
		got := decode[listAnswer](t, body)
		if len(got.Events) < tc.min || len(got.Events) >= all.Count {
			t.Errorf("%s: %d events (want at least %d, fewer than %d)", tc.query, len(got.Events), tc.min, all.Count)
		}
		for _, ev := range got.Events {
			if !tc.keep(ev) {
				t.Errorf("%s: event %s does not pass the filter: %+v", tc.query, ev.ID, ev.Location)
			}
		}
	}
}

func TestListEventsFormatsAndPages(t *testing.T) {
	e := newEnv(t, true)
	all := decode[listAnswer](t, must(e.get("/api/events?limit=10000")))
	// pages of 7 are the listing cut in pieces
	var paged []string
	next := "/api/events?limit=7"
	for range 100 {
		code, hdr, body := e.do("GET", next, "", "", "")
		if code != 200 {
			t.Fatalf("%s: %d %s", next, code, body)
		}
		page := decode[listAnswer](t, body)
		for _, ev := range page.Events {
			paged = append(paged, ev.ID)
		}
		if page.NextCursor == "" {
			break
		}
		if hdr.Get("X-Next-Cursor") != page.NextCursor || !strings.Contains(hdr.Get("Link"), `rel="next"`) {
			t.Fatalf("page headers: %v", hdr)
		}
		next = "/api/events?limit=7&cursor=" + url.QueryEscape(page.NextCursor)
	}
	var want []string
	for _, ev := range all.Events {
		want = append(want, ev.ID)
	}
	if !slices.Equal(paged, want) {
		t.Errorf("pages give %d events, the listing %d", len(paged), len(want))
	}

	code, hdr, body := e.do("GET", "/api/events?format=geojson&country=UKR", "", "", "")
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Geometry struct{ Coordinates [2]float64 } `json:"geometry"`
		} `json:"features"`
	}
	if code != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/geo+json") || json.Unmarshal([]byte(body), &fc) != nil || fc.Type != "FeatureCollection" || len(fc.Features) == 0 {
		t.Errorf("geojson: %d %s %s", code, hdr.Get("Content-Type"), clipBody(body))
	}
	code, hdr, body = e.do("GET", "/api/events?format=csv&limit=5", "", "", "")
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if code != 200 || err != nil || len(rows) != 6 || rows[0][0] != "event_date" || !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") {
		t.Errorf("csv: %d %v %d rows", code, err, len(rows))
	}
	if !strings.Contains(hdr.Get("Link"), "format=csv") {
		t.Errorf("csv next link lost the format: %q", hdr.Get("Link"))
	}
	code, _, body = e.do("GET", "/api/events?format=jsonl&limit=3", "", "", "")
	if lines := strings.Split(strings.TrimSpace(body), "\n"); code != 200 || len(lines) != 3 {
		t.Errorf("jsonl: %d, %d lines", code, len(lines))
	}
}

func must(code int, body string) string {
	if code != 200 {
		panic(fmt.Sprintf("status %d: %s", code, body))
	}
	return body
}

// Every invalid parameter is a 400 whose message names the parameter and says why.
func TestListEventsBadParameters(t *testing.T) {
	e := newEnv(t, false)
	tests := []struct{ query, want string }{
		{"since=2025-13-01", `invalid parameter "since": want a date YYYY-MM-DD, got "2025-13-01"`},
		{"until=yesterday", `invalid parameter "until": want a date YYYY-MM-DD`},
		{"since=2025-12-20&until=2025-12-01", "since (2025-12-20) is after until (2025-12-01)"},
		{"bbox=1,2,3", `invalid parameter "bbox": want four numbers`},
		{"bbox=0,0,200,1", `invalid parameter "bbox": longitude 200 outside [-180, 180]`},
		{"bbox=0,5,1,4", `invalid parameter "bbox": minLat 5 is greater than maxLat 4`},
		{"bbox=a,0,1,1", `invalid parameter "bbox": value 1 (minLon) is not a number`},
		{"country=SY", `invalid parameter "country": want an ISO 3166-1 alpha-3 code`},
		{"type=FIGHTING", `invalid parameter "type": want a PLOVER event type`},
		{"acled_type=War", `invalid parameter "acled_type": want an ACLED event type`},
		{"min_sources=-1", `invalid parameter "min_sources": want a whole number from 0 to 1000`},
		{"limit=0", `invalid parameter "limit": want a whole number from 1 to 10000`},
		{"limit=10001", `invalid parameter "limit"`},
		{"limit=ten", `invalid parameter "limit"`},
		{"cursor=zzz", `invalid parameter "cursor": not a cursor given by this listing`},
		{"q=%22unclosed", `invalid parameter "q": unclosed quote`},
		{"q=%21%21%21", `invalid parameter "q"`},
		{"actor=" + strings.Repeat("x", 501), `invalid parameter "actor": longer than 500 bytes`},
		{"colour=red", `invalid parameter "colour": unknown parameter (known: since, until`},
		{"country=SYR&country=UKR", `invalid parameter "country": given 2 times`},
		{"format=xml", `invalid parameter "format": want one of json, geojson, csv, jsonl`},
		{"format=csv&format=json", `invalid parameter "format"`},
	}
	for _, tc := range tests {
		code, hdr, body := e.do("GET", "/api/events?"+tc.query, "", "", "")
		if code != 400 {
			t.Errorf("%s: status %d, want 400", tc.query, code)
			continue
		}
		msg := decode[apiError](t, body).Error
		if !strings.Contains(msg, tc.want) {
			t.Errorf("%s: message %q, want it to contain %q", tc.query, msg, tc.want)
		}
		if !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
			t.Errorf("%s: content type %q", tc.query, hdr.Get("Content-Type"))
		}
	}
}

type detailAnswer struct {
	Event   doc.Event `json:"event"`
	Reports []struct {
		Document struct{ ID, Source string } `json:"document"`
		Mentions []doc.Mention               `json:"mentions"`
	} `json:"reports"`
	History []struct {
		Event  doc.Event `json:"event"`
		Change string    `json:"change"`
		Doc    string    `json:"doc"`
	} `json:"history"`
}

func TestEventAndDocument(t *testing.T) {
	e := newEnv(t, true)
	list := decode[listAnswer](t, must(e.get("/api/events?min_sources=2&limit=1")))
	if len(list.Events) != 1 {
		t.Fatal("no event with two outlets in the corpus")
	}
	id := list.Events[0].ID
	code, body := e.get("/api/events/" + id)
	if code != 200 {
		t.Fatalf("GET event: %d %s", code, body)
	}
	d := decode[detailAnswer](t, body)
	if d.Event.ID != id || len(d.Reports) < 2 || len(d.History) == 0 {
		t.Fatalf("event %s: %d reports, %d versions", d.Event.ID, len(d.Reports), len(d.History))
	}
	sentences := 0
	for _, r := range d.Reports {
		for _, m := range r.Mentions {
			if m.Evidence.Sentence == "" || m.Evidence.Doc != r.Document.ID {
				t.Errorf("report %s: mention without its sentence: %+v", r.Document.ID, m.Evidence)
			}
			sentences++
		}
	}
	if sentences == 0 {
		t.Error("no report carries a sentence")
	}
	// the document behind it, with the text every span points into
	docID := d.Reports[0].Document.ID
	code, body = e.get("/api/documents/" + docID)
	got := decode[doc.Document](t, body)
	if code != 200 || got.ID != docID || got.Text == "" {
		t.Fatalf("GET document: %d %s", code, clipBody(body))
	}
	for _, m := range d.Reports[0].Mentions {
		if s := m.Evidence.Span; !s.Valid(len(got.Text)) || got.Text[s.Start:s.End] != m.Evidence.Sentence {
			t.Errorf("evidence span %v does not point at its sentence in the document", s)
		}
	}
	for _, path := range []string{"/api/events/ev-nope", "/api/documents/nope"} {
		code, body := e.get(path)
		if code != 404 || !strings.Contains(decode[apiError](t, body).Error, "no ") {
			t.Errorf("%s: %d %s", path, code, body)
		}
	}
}

func TestPostDocuments(t *testing.T) {
	e := newEnv(t, false)
	post := func(token, ct, body string) (int, string) {
		code, _, b := e.do("POST", "/api/documents", token, ct, body)
		return code, b
	}
	for _, tc := range []struct{ name, token string }{{"no token", ""}, {"wrong token", "nope"}, {"token prefix", testToken[:5]}} {
		code, hdr, body := e.do("POST", "/api/documents", tc.token, "application/json", report)
		if code != 401 || hdr.Get("WWW-Authenticate") == "" || !strings.Contains(body, "token") {
			t.Errorf("%s: %d %s", tc.name, code, body)
		}
	}
	if n := len(decode[listAnswer](t, must(e.get("/api/events"))).Events); n != 0 {
		t.Fatalf("unauthorised posts stored %d events", n)
	}
	code, body := post(testToken, "application/json", report)
	if code != 201 {
		t.Fatalf("post: %d %s", code, body)
	}
	res := decode[struct {
		Added     int `json:"added"`
		Documents []struct {
			ID     string   `json:"id"`
			Added  bool     `json:"added"`
			Events []string `json:"events"`
		} `json:"documents"`
	}](t, body)
	if res.Added != 1 || len(res.Documents) != 1 || len(res.Documents[0].Events) == 0 {
		t.Fatalf("post answer: %s", body)
	}
	// queryable at once, by its words
	list := decode[listAnswer](t, must(e.get("/api/events?q=maqsoud")))
	if len(list.Events) == 0 || list.Events[0].ID != res.Documents[0].Events[0] {
		t.Fatalf("the posted event is not found by q=maqsoud: %+v", list)
	}
	if code, _ := e.get("/api/documents/" + res.Documents[0].ID); code != 200 {
		t.Errorf("posted document not stored: %d", code)
	}
	// again: nothing new; "bearer" in any case
	code, body = postRaw(t, e, "bearer "+testToken, report)
	if code != 200 || !strings.Contains(body, `"added":0`) {
		t.Errorf("second post: %d %s", code, body)
	}
	// JSON Lines
	lines := `{"source":"Sahel Desk","published":"2025-12-20","text":"Gunmen attacked a village near Menaka on Saturday, killing nine people, residents said."}
{"source":"Sahel Desk","published":"2025-12-21","text":"Protesters marched in Bamako on Sunday against fuel shortages, witnesses said."}
`
	code, body = post(testToken, "application/x-ndjson", lines)
	if code != 201 || !strings.Contains(body, `"added":2`) {
		t.Errorf("JSON Lines: %d %s", code, body)
	}
	bad := []struct{ name, body, want string }{
		{"bad line", `{"text":"ok"}` + "\n{not json}\n", "line 2: invalid JSON"},
		{"no text", `{"source":"x"}`, `missing "text"`},
		{"bad date", `{"text":"x","published":"Tuesday"}`, `invalid "published"`},
		{"array", `[{"text":"x"}]`, "JSON array is not accepted"},
		{"empty", "  ", "empty body"},
	}
	for _, tc := range bad {
		code, body := post(testToken, "application/json", tc.body)
		if code != 400 || !strings.Contains(decode[apiError](t, body).Error, tc.want) {
			t.Errorf("%s: %d %s, want 400 saying %q", tc.name, code, body, tc.want)
		}
	}
	// writes off without a token; a body over the limit
	off := newEnv(t, false, withToken(""))
	if code, _, body := off.do("POST", "/api/documents", testToken, "application/json", report); code != 403 || !strings.Contains(body, "SITREP_API_TOKEN") {
		t.Errorf("writes off: %d %s", code, body)
	}
	small := newEnv(t, false, func(c *Config) { c.MaxBodyBytes = 100 })
	if code, _, body := small.do("POST", "/api/documents", testToken, "application/json", report); code != 413 {
		t.Errorf("too large: %d %s", code, body)
	}
}

func postRaw(t *testing.T, e *env, auth, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("POST", e.ts.URL+"/api/documents", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", auth)
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestRoutingSecurityAndPage(t *testing.T) {
	e := newEnv(t, false)
	code, hdr, body := e.do("DELETE", "/api/events", "", "", "")
	if code != 405 || hdr.Get("Allow") != "GET" || !strings.Contains(body, "not allowed") {
		t.Errorf("DELETE /api/events: %d %v %s", code, hdr.Get("Allow"), body)
	}
	code, _, body = e.do("GET", "/api/nothing", "", "", "")
	if code != 404 || !strings.Contains(body, "no such path") {
		t.Errorf("GET /api/nothing: %d %s", code, body)
	}
	for _, path := range []string{"/assets/../go.mod", "/assets/", "/assets/nope.js"} {
		if code, _ := e.get(path); code != 404 {
			t.Errorf("GET %s: %d, want 404", path, code)
		}
	}
	code, hdr, body = e.do("GET", "/healthz", "", "", "")
	if code != 200 || !strings.Contains(body, `"ok"`) {
		t.Errorf("healthz: %d %s", code, body)
	}
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"} {
		if hdr.Get(h) == "" {
			t.Errorf("header %s missing", h)
		}
	}
	if !strings.Contains(hdr.Get("Content-Security-Policy"), "default-src 'self'") || hdr.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("security headers: %v", hdr)
	}
	// no CORS: a cross-origin request gets no Access-Control-Allow-Origin
	req, _ := http.NewRequest("GET", e.ts.URL+"/api/events", nil)
	req.Header.Set("Origin", "https://elsewhere.example")
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Error("CORS header sent")
	}
	// the page, built or not
	nb := newEnv(t, false, func(c *Config) { c.UI = fstest.MapFS{} })
	code, hdr, body = nb.do("GET", "/", "", "", "")
	if code != 200 || !strings.Contains(body, "UI not built: run make web") || !strings.HasPrefix(hdr.Get("Content-Type"), "text/html") {
		t.Errorf("page without UI: %d %s", code, body)
	}
	ui := fstest.MapFS{"index.html": {Data: []byte("<html>map</html>")}, "assets/app.js": {Data: []byte("1")}}
	wb := newEnv(t, false, func(c *Config) { c.UI = ui })
	if code, body := wb.get("/"); code != 200 || body != "<html>map</html>" {
		t.Errorf("page: %d %s", code, body)
	}
	if code, body := wb.get("/assets/app.js"); code != 200 || body != "1" {
		t.Errorf("asset: %d %s", code, body)
	}
}
