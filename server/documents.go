package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/doc"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/pipeline"
	"github.com/sitrep-dev/sitrep/store"
)

// getDocument is GET /api/documents/{id}: the stored document with its text, which every span of
// its events points into.
func (s *Server) getDocument(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
	defer cancel()
	d, err := s.cfg.Store.Document(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusNotFound, "no document with id "+quote(id))
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// postedDocument is what POST /api/documents says of each document it read.
type postedDocument struct {
	ID       string   `json:"id"`
	Added    bool     `json:"added"` // false: already stored, nothing changed
	Mentions int      `json:"mentions"`
	Events   []string `json:"events"`
}

// maxPostedDocuments caps the documents of one POST.
const maxPostedDocuments = 10000

// postDocuments is POST /api/documents: one JSON document, or JSON Lines (one per line), each
// {"id","source","published","url","title","text"} as `sitrep ingest` reads .jsonl. Every record is
// checked before any is stored: a bad one fails the request (400, naming its line). The documents
// then go through the ingest pipeline, one at a time, and are queryable when the answer comes.
func (s *Server) postDocuments(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Pipeline == nil {
		writeError(w, http.StatusForbidden, "document upload is off on this server")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body larger than %d bytes: send fewer documents per request", s.cfg.MaxBodyBytes))
		return
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "reading the body: "+err.Error())
		return
	}
	docs, warnings, err := readPosted(body)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	out := make([]postedDocument, 0, len(docs))
	added := 0
	for _, d := range docs {
		o, err := s.add(r.Context(), d)
		if err != nil {
			s.internal(w, r, fmt.Errorf("ingest %s: %w", d.ID, err))
			return
		}
		if o.Added {
			added++
		}
		if o.Events == nil {
			o.Events = []string{}
		}
		out = append(out, postedDocument{ID: d.ID, Added: o.Added, Mentions: o.Mentions, Events: o.Events})
	}
	s.hub.poke() // the stream and the watches learn of the new events now, not at the next poll
	status := http.StatusOK
	if added > 0 {
		status = http.StatusCreated
	}
	answer := map[string]any{"documents": out, "added": added}
	if len(warnings) > 0 {
		answer["warnings"] = warnings
	}
	writeJSON(w, status, answer)
}

// add runs one document through the pipeline; writes are serialised (pipeline.Add is not safe for
// concurrent use).
func (s *Server) add(ctx context.Context, d doc.Document) (pipeline.Outcome, error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	start := time.Now()
	res, err := s.cfg.Pipeline.Add(ctx, d)
	if err != nil {
		s.metrics.ingestError()
		return res, err
	}
	s.metrics.ingested(res.Added, time.Since(start))
	s.log.Info("document posted", "id", d.ID, "source", d.Source, "added", res.Added, "mentions", res.Mentions, "events", len(res.Events))
	return res, nil
}

// readPosted reads a POST body: one JSON object (any layout) or JSON Lines, with the readers of
// `sitrep ingest`. A document without "published" is dated today; without "source", "api". The
// warnings are what the reader accepted but found suspect ("line 2: text does not look like
// English ..."), for the answer.
func readPosted(body []byte) (docs []doc.Document, warnings []string, err error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, nil, errors.New(`empty body: send one JSON document {"source","published","text",...} or JSON Lines`)
	}
	if trimmed[0] == '[' {
		return nil, nil, errors.New("a JSON array is not accepted: send one JSON document, or JSON Lines (one document per line)")
	}
	if json.Valid(trimmed) {
		// one document, perhaps spread over lines: make it one line for the JSONL reader
		var buf bytes.Buffer
		if err := json.Compact(&buf, trimmed); err != nil {
			return nil, nil, err
		}
		body = buf.Bytes()
	}
	today := time.Now().UTC().Truncate(24 * time.Hour)
	opt := ingest.Options{Source: "api", Published: today, Warn: func(e ingest.RecordError) {
		if len(warnings) < 100 {
			warnings = append(warnings, fmt.Sprintf("line %d: %v", e.Line, e.Err))
		}
	}}
	docs, bad, err := ingest.ReadReader(bytes.NewReader(body), "api", ".jsonl", opt)
	if err != nil {
		return nil, nil, fmt.Errorf("body: %v", strings.TrimPrefix(err.Error(), "api: "))
	}
	if len(bad) > 0 {
		msgs := make([]string, 0, 5)
		for i, b := range bad {
			if i == 5 {
				msgs = append(msgs, fmt.Sprintf("and %d more", len(bad)-5))
				break
			}
			msgs = append(msgs, fmt.Sprintf("line %d: %v", b.Line, b.Err))
		}
		return nil, nil, fmt.Errorf("%d bad record(s), nothing stored: %s", len(bad), strings.Join(msgs, "; "))
	}
	if len(docs) == 0 {
		return nil, nil, errors.New("no documents in the body")
	}
	if len(docs) > maxPostedDocuments {
		return nil, nil, fmt.Errorf("%d documents, at most %d per request", len(docs), maxPostedDocuments)
	}
	return docs, warnings, nil
}
