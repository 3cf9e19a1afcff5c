package server

import (
	"bufio"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var (
	helpLine   = regexp.MustCompile(`^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+$`)
	typeLine   = regexp.MustCompile(`^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$`)
	sampleLine = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")*)?\})? (\S+)$`)
)

// /metrics is valid Prometheus text format: every sample belongs to a family declared before it,
// values are numbers, histogram buckets are cumulative and end in +Inf = _count.
func TestMetricsParse(t *testing.T) {
	e := newEnv(t, true)
	e.get("/api/events?country=SYR")
	e.get("/api/events?bbox=x")
	e.do("POST", "/api/documents", testToken, "application/json", report)
	code, hdr, body := e.do("GET", "/metrics", "", "", "")
	if code != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Fatalf("metrics: %d %s", code, hdr.Get("Content-Type"))
	}
	types := map[string]string{}
	values := map[string]float64{}
	var lastBucket float64
	sc := bufio.NewScanner(strings.NewReader(body))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case helpLine.MatchString(line):
		case typeLine.MatchString(line):
			m := typeLine.FindStringSubmatch(line)
			if _, dup := types[m[1]]; dup {
				t.Errorf("line %d: family %s declared twice", n, m[1])
			}
			types[m[1]] = m[2]
		case sampleLine.MatchString(line):
			m := sampleLine.FindStringSubmatch(line)
			name := m[1]
			family := name
			if types[family] == "" {
				family = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(name, "_bucket"), "_sum"), "_count")
				if types[family] != "histogram" {
					t.Errorf("line %d: sample %s of no declared family", n, name)
				}
			}
			v, err := strconv.ParseFloat(m[4], 64)
			if err != nil {
				t.Errorf("line %d: value %q", n, m[4])
			}
			values[name+m[2]] = v
			if strings.HasSuffix(name, "_bucket") {
				if strings.Contains(m[2], `le="0.001"`) {
					lastBucket = 0
				}
				if v < lastBucket {
					t.Errorf("line %d: buckets not cumulative", n)
				}
				lastBucket = v
			}
		default:
			t.Errorf("line %d is not Prometheus text format: %q", n, line)
		}
	}
	for _, name := range []string{"sitrep_documents", "sitrep_events", "sitrep_mentions", "sitrep_ingest_rate", "sitrep_ingest_documents_total", "sitrep_http_request_duration_seconds", "sitrep_http_requests_total"} {
		if types[name] == "" {
			t.Errorf("metric %s missing", name)
		}
	}
	if values["sitrep_documents"] < 60 || values["sitrep_events"] < 50 {
		t.Errorf("documents %v, events %v", values["sitrep_documents"], values["sitrep_events"])
	}
	if values[`sitrep_ingest_documents_total{added="true"}`] != 1 || values["sitrep_ingest_rate"] <= 0 {
		t.Errorf("ingest counters: %v, rate %v", values[`sitrep_ingest_documents_total{added="true"}`], values["sitrep_ingest_rate"])
	}
	if values[`sitrep_http_requests_total{route="/api/events",method="GET",code="400"}`] != 1 {
		t.Errorf("the 400 is not counted:\n%s", body)
	}
	inf := values[`sitrep_http_request_duration_seconds_bucket{route="/api/events",le="+Inf"}`]
	if inf != 2 || inf != values[`sitrep_http_request_duration_seconds_count{route="/api/events"}`] {
		t.Errorf("/api/events histogram: +Inf %v, count %v", inf, values[`sitrep_http_request_duration_seconds_count{route="/api/events"}`])
	}
}
