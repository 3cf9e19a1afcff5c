package eval

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ReadCASE reads the CASE 2021 Task 2 TSV (header id, EventSnippet, SubType). Lines are split on
// tab with no quote handling (the file is raw: '"' is an ordinary character). SubType codes map to
// ACLED sub-event types (caseCodes); the five unseen codes set Gold.NoEvent. The set codes nothing
// else, and Published is left zero.
func ReadCASE(r io.Reader) ([]Record, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	if !sc.Scan() {
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("case: %w", err)
		}
		return nil, errors.New("case: empty file: no header")
	}
	header := strings.Split(strings.TrimPrefix(strings.TrimRight(sc.Text(), "\r"), "\ufeff"), "\t")
	idx := map[string]int{}
	for i, h := range header {
		idx[strings.TrimSpace(h)] = i
	}
	iID, ok1 := idx["id"]
	iText, ok2 := idx["EventSnippet"]
	iType, ok3 := idx["SubType"]
	if !ok1 || !ok2 || !ok3 {
		return nil, errors.New("case: header lacks id, EventSnippet or SubType")
	}
	var out []Record
	line := 1
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" {
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) != len(header) {
			return nil, fmt.Errorf("case: line %d: %d tab-separated fields, want %d", line, len(f), len(header))
		}
		code := strings.ToUpper(strings.TrimSpace(f[iType]))
		g := Gold{Code: code}
		switch {
		case caseUnseen[code]:
			g.NoEvent = true
		case caseCodes[code] != "":
			g.SubEventType = caseCodes[code]
			g.EventType = EventTypeOf(g.SubEventType)
		default:
			return nil, fmt.Errorf("case: line %d: unknown SubType %q", line, f[iType])
		}
		id := strings.TrimSpace(f[iID])
		if id == "" {
			return nil, fmt.Errorf("case: line %d: empty id", line)
		}
		out = append(out, Record{ID: id, Text: strings.TrimSpace(f[iText]), Gold: g})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("case: line %d: %w", line+1, err)
	}
	return out, nil
}
