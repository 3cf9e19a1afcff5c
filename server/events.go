package server

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/export"
	"github.com/sitrep-dev/sitrep/store"
)

// queryTimeout bounds one store query of a request.
const queryTimeout = 30 * time.Second

// eventList is the JSON answer of GET /api/events.
type eventList struct {
	Events     []doc.Event `json:"events"`
	Count      int         `json:"count"`
	NextCursor string      `json:"next_cursor,omitempty"` // absent on the last page
}

var contentTypes = map[string]string{
	"json":    "application/json; charset=utf-8",
	"geojson": "application/geo+json; charset=utf-8",
	"csv":     "text/csv; charset=utf-8",
	"jsonl":   "application/x-ndjson; charset=utf-8",
}

// listEvents is GET /api/events: the events that pass the filter, newest first, one page.
func (s *Server) listEvents(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	format := "json"
	if fs, ok := v["format"]; ok {
		if len(fs) > 1 {
			writeError(w, http.StatusBadRequest, (&ParamError{"format", "given more than once; give it once"}).Error())
			return
		}
		format = fs[0]
		delete(v, "format")
		if _, ok := contentTypes[format]; !ok {
			writeError(w, http.StatusBadRequest, (&ParamError{"format", "want one of json, geojson, csv, jsonl, got " + quote(format)}).Error())
			return
		}
	}
	f, err := ParseFilter(v)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
	defer cancel()
	events, err := s.cfg.Store.Events(ctx, f)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	next := ""
	if len(events) > 0 && len(events) == f.Limit {
		next = store.NextCursor(events[len(events)-1])
		q := FilterValues(f)
		q.Set("cursor", next)
		if format != "json" {
			q.Set("format", format)
		}
		w.Header().Set("X-Next-Cursor", next)
		w.Header().Set("Link", "<"+(&url.URL{Path: "/api/events", RawQuery: q.Encode()}).String()+`>; rel="next"`)
	}
	w.Header().Set("Content-Type", contentTypes[format])
	if format == "csv" {
		w.Header().Set("Content-Disposition", `attachment; filename="events.csv"`)
	}
	switch format {
	case "json": // eventList, from the kept encodings (encoded.go)
		err = s.encoded.writeList(w, events, next)
	case "jsonl":
		err = s.encoded.writeLines(w, events)
	default:
		err = export.Write(w, format, events)
	}
	if err != nil {
		s.log.Warn("write events", "format", format, "err", err)
	}
}

// eventDetail is the answer of GET /api/events/{id}.
type eventDetail struct {
	Event   doc.Event            `json:"event"`
	Reports []reportView         `json:"reports"`
	History []store.EventVersion `json:"history"` // every stored state, oldest first
}

// reportView is one document behind the event, without its text (GET /api/documents/{id} has it):
// the event's mentions in it carry the sentence and the spans of each coded field.
type reportView struct {
	Document   docMeta       `json:"document"`
	IngestedAt time.Time     `json:"ingested_at"`
	Mentions   []doc.Mention `json:"mentions"`
}

type docMeta struct {
	ID        string    `json:"id"`
	Source    string    `json:"source"`
	URL       string    `json:"url,omitempty"`
	Title     string    `json:"title,omitempty"`
	Published time.Time `json:"published"`
}

// getEvent is GET /api/events/{id}: the event, every report behind it with its sentences and spans,
// and its version history. The id of an event fusion merged into another answers the one it became.
func (s *Server) getEvent(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
	defer cancel()
	e, err := s.cfg.Store.Event(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusNotFound, "no event with id "+quote(id))
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	// the answer changes only with the event's version: its reports and history are kept with it
	if j, ok := s.encoded.details.get(e.ID, e.Version); ok {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Write(append(j, '\n'))
		return
	}
	reports, err := s.cfg.Store.EventReports(ctx, e.ID)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	history, err := s.cfg.Store.EventHistory(ctx, e.ID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.internal(w, r, err)
		return
	}
	out := eventDetail{Event: e, Reports: []reportView{}, History: history}
	if out.History == nil {
		out.History = []store.EventVersion{}
	}
	for _, rep := range reports {
		d := rep.Document
		out.Reports = append(out.Reports, reportView{
			Document:   docMeta{ID: d.ID, Source: d.Source, URL: d.URL, Title: d.Title, Published: d.Published},
			IngestedAt: rep.IngestedAt, Mentions: rep.Mentions,
		})
	}
	j, err := compactJSON(out)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.encoded.details.put(e.ID, e.Version, j)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(append(j, '\n'))
}

func quote(s string) string { return `"` + strings.ReplaceAll(printable(s), `"`, `\"`) + `"` }
