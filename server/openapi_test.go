package server

import (
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

type spec struct {
	OpenAPI string `json:"openapi"`
	Paths   map[string]map[string]struct {
		Parameters []struct{ Name, In string } `json:"parameters"`
		Responses  map[string]any              `json:"responses"`
		Security   []any                       `json:"security"`
	} `json:"paths"`
	Components struct {
		Schemas map[string]any `json:"schemas"`
	} `json:"components"`
}

// openAPIPath is a mux pattern's path as OpenAPI writes it.
func openAPIPath(muxPath string) string {
	p := strings.ReplaceAll(muxPath, "{$}", "")
	return strings.ReplaceAll(p, "...}", "}")
}

// openapi.json lists exactly the routes the mux serves, with their parameters, and every $ref
// resolves.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	e := newEnv(t, false)
	code, body := e.get("/openapi.json")
	if code != 200 {
		t.Fatalf("GET /openapi.json: %d", code)
	}
	var s spec
	if err := json.Unmarshal([]byte(body), &s); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s.OpenAPI, "3.") {
		t.Errorf("openapi version %q", s.OpenAPI)
	}
	var documented, served []string
	for path, ops := range s.Paths {
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	for _, r := range e.srv.routes() {
		served = append(served, r.method+" "+openAPIPath(r.path))
		// the mux really serves the pattern
		probe := strings.NewReplacer("{id}", "x1", "{file...}", "app.js", "{$}", "").Replace(r.path)
		req, _ := http.NewRequest(r.method, "http://sitrep"+probe, nil)
		if _, pattern := e.srv.mux.Handler(req); pattern != r.method+" "+r.path {
			t.Errorf("%s %s: the mux answers with pattern %q", r.method, probe, pattern)
		}
	}
	sort.Strings(documented)
	sort.Strings(served)
	if !slices.Equal(documented, served) {
		t.Errorf("openapi.json documents\n  %v\nthe mux serves\n  %v", documented, served)
	}
	var params []string
	for _, p := range s.Paths["/api/events"]["get"].Parameters {
		params = append(params, p.Name)
	}
	if want := append(slices.Clone(FilterParams), "format"); !slices.Equal(sortedCopy(params), sortedCopy(want)) {
		t.Errorf("GET /api/events documents %v, ParseFilter reads %v", params, want)
	}
	for _, ref := range refs(body) {
		name := strings.TrimPrefix(ref, "#/components/schemas/")
		if _, ok := s.Components.Schemas[name]; !ok {
			t.Errorf("$ref %s does not resolve", ref)
		}
	}
	// the answers the handlers give are documented
	answers := []struct{ method, path, token, body string }{
		{"GET", "/api/events", "", ""}, {"GET", "/api/events?limit=0", "", ""},
		{"GET", "/api/events/nope", "", ""}, {"GET", "/api/documents/nope", "", ""},
		{"POST", "/api/documents", "", report}, {"POST", "/api/documents", testToken, "{"}, {"POST", "/api/documents", testToken, report},
		{"GET", "/api/stream?limit=1", "", ""},
		{"GET", "/api/watches", testToken, ""}, {"GET", "/api/watches", "", ""},
		{"POST", "/api/watches", testToken, `{"webhook":"http://127.0.0.1:1/"}`}, {"POST", "/api/watches", testToken, `{}`},
		{"DELETE", "/api/watches/nope", testToken, ""},
		{"GET", "/openapi.json", "", ""}, {"GET", "/healthz", "", ""}, {"GET", "/metrics", "", ""},
		{"GET", "/", "", ""}, {"GET", "/assets/nope.js", "", ""},
	}
	for _, a := range answers {
		code, _, _ := e.do(a.method, a.path, a.token, "application/json", a.body)
		req, _ := http.NewRequest(a.method, "http://sitrep"+a.path, nil)
		_, pattern := e.srv.mux.Handler(req)
		path := openAPIPath(strings.TrimPrefix(pattern, a.method+" "))
		op, ok := s.Paths[path][strings.ToLower(a.method)]
		if !ok {
			t.Errorf("%s %s: no operation for %s", a.method, a.path, path)
			continue
		}
		if _, ok := op.Responses[strconv.Itoa(code)]; !ok {
			t.Errorf("%s %s answered %d, not documented for %s", a.method, a.path, code, path)
		}
	}
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	sort.Strings(c)
	return c
}

// refs lists the "$ref" values of a JSON document.
func refs(body string) []string {
	var out []string
	for _, part := range strings.Split(body, `"$ref":"`)[1:] {
		out = append(out, part[:strings.IndexByte(part, '"')])
	}
	return out
}
