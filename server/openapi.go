package server

import (
	"net/http"
	"sync"
)

// The OpenAPI 3 document of the API, written by hand next to the handlers; a test checks that its
// paths and methods are exactly the routes the server's mux serves, and that the answers the
// handlers give are among the responses it documents.

type obj = map[string]any

func ref(name string) obj { return obj{"$ref": "#/components/schemas/" + name} }

func jsonBody(schema obj) obj { return obj{"application/json": obj{"schema": schema}} }

func resp(desc string, content obj) obj {
	r := obj{"description": desc}
	if content != nil {
		r["content"] = content
	}
	return r
}

var (
	errResp = func(desc string) obj { return resp(desc, jsonBody(ref("Error"))) }
	bearer  = []any{obj{"bearer": []any{}}}
)

func param(name, in, desc string, schema obj) obj {
	p := obj{"name": name, "in": in, "description": desc, "schema": schema}
	if in == "path" {
		p["required"] = true
	}
	return p
}

var str = obj{"type": "string"}

// filterParameters documents FilterParams (a test checks the two lists agree).
func filterParameters(listing bool) []any {
	ps := []any{
		param("since", "query", "Events on or after this date.", obj{"type": "string", "format": "date"}),
		param("until", "query", "Events on or before this date.", obj{"type": "string", "format": "date"}),
		param("bbox", "query", "minLon,minLat,maxLon,maxLat in degrees; minLon > maxLon crosses the antimeridian.", obj{"type": "string", "example": "22,44,40.5,52.5"}),
		param("country", "query", "ISO 3166-1 alpha-3 code of the event's country.", obj{"type": "string", "pattern": "^[A-Za-z]{3}$"}),
		param("actor", "query", "Either actor's name or words, as a phrase of whole words (case and accents ignored).", str),
		param("type", "query", "PLOVER event type.", obj{"type": "string", "enum": toAny(PLOVERTypes)}),
		param("acled_type", "query", "ACLED event type.", obj{"type": "string", "enum": toAny(ACLEDTypes)}),
		param("q", "query", `Full text over the evidence sentences, actor and place names: every word must occur; "quoted phrases"; word* for a prefix.`, str),
		param("min_sources", "query", "At least this many independent outlets.", obj{"type": "integer", "minimum": 0, "maximum": 1000}),
	}
	if listing {
		ps = append(ps,
			param("limit", "query", "Page size.", obj{"type": "integer", "minimum": 1, "maximum": MaxLimit, "default": DefaultLimit}),
			param("cursor", "query", "next_cursor of the previous page (keyset pagination on event date and id).", str),
		)
	}
	return ps
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}

// openAPIPaths are the documented operations, by OpenAPI path and method.
func openAPIPaths() obj {
	id := param("id", "path", "The id.", str)
	return obj{
		"/api/events": obj{"get": obj{
			"operationId": "listEvents", "summary": "Events that pass the filters, newest event date first (then id), one page.",
			"parameters": append(filterParameters(true),
				param("format", "query", "Answer format.", obj{"type": "string", "enum": []any{"json", "geojson", "csv", "jsonl"}, "default": "json"})),
			"responses": obj{
				"200": obj{"description": "A page of events. When more follow, X-Next-Cursor and a Link rel=next header give the next page.",
					"headers": obj{"X-Next-Cursor": obj{"schema": str, "description": "cursor of the next page"}},
					"content": obj{
						"application/json":     obj{"schema": ref("EventList")},
						"application/geo+json": obj{"schema": obj{"type": "object", "description": "FeatureCollection of points, the event as properties"}},
						"text/csv":             obj{"schema": obj{"type": "string", "description": "ACLED's columns, then sitrep's"}},
						"application/x-ndjson": obj{"schema": obj{"type": "string", "description": "one event per line"}},
					}},
				"400": errResp("A parameter is invalid: the message names it and says why."),
			},
		}},
		"/api/events/{id}": obj{"get": obj{
			"operationId": "getEvent", "summary": "One event with every report behind it (each mention's sentence and spans) and its history.",
			"parameters": []any{id},
			"responses":  obj{"200": resp("The event.", jsonBody(ref("EventDetail"))), "404": errResp("No event with this id.")},
		}},
		"/api/documents/{id}": obj{"get": obj{
			"operationId": "getDocument", "summary": "One stored document with its text, which the spans point into.",
			"parameters": []any{id},
			"responses":  obj{"200": resp("The document.", jsonBody(ref("Document"))), "404": errResp("No document with this id.")},
		}},
		"/api/documents": obj{"post": obj{
			"operationId": "postDocuments", "summary": "Ingest one JSON document or JSON Lines through the pipeline; queryable when the answer comes.",
			"security": bearer,
			"requestBody": obj{"required": true, "content": obj{
				"application/json":     obj{"schema": ref("DocumentIn")},
				"application/x-ndjson": obj{"schema": obj{"type": "string", "description": "one DocumentIn per line"}},
			}},
			"responses": obj{
				"201": resp("At least one document was new and is stored.", jsonBody(ref("PostResult"))),
				"200": resp("Every document was already stored.", jsonBody(ref("PostResult"))),
				"400": errResp("A record is invalid (its line is named); nothing was stored."),
				"401": errResp("Missing or wrong bearer token."),
				"403": errResp("Writes are off: no SITREP_API_TOKEN on the server."),
				"413": errResp("The body is too large."),
			},
		}},
		"/api/stream": obj{"get": obj{
			"operationId": "stream", "summary": "Server-Sent Events: each event stored or updated from now on that passes the filters (id: sequence number, event: new|updated, data: the event), and each event fusion folded into another (event: removed, data: {\"id\", \"merged_into\"}). Send Last-Event-ID to resume.",
			"parameters": append(filterParameters(false), param("Last-Event-ID", "header", "Resume after this id.", str)),
			"responses": obj{
				"200": resp("An event stream.", obj{"text/event-stream": obj{"schema": str}}),
				"400": errResp("A parameter is invalid."),
			},
		}},
		"/api/watches": obj{
			"get": obj{
				"operationId": "listWatches", "summary": "The watches.", "security": bearer,
				"responses": obj{
					"200": resp("The watches.", jsonBody(obj{"type": "object", "properties": obj{"watches": obj{"type": "array", "items": ref("Watch")}}})),
					"401": errResp("Missing or wrong bearer token."),
					"403": errResp("Writes are off: no SITREP_API_TOKEN on the server."),
				},
			},
			"post": obj{
				"operationId": "addWatch", "summary": "Watch a filter: each event that newly matches it is POSTed to the webhook as {watch, change, event}.",
				"security":    bearer,
				"requestBody": obj{"required": true, "content": jsonBody(ref("WatchIn"))},
				"responses": obj{
					"201": resp("The watch.", jsonBody(ref("Watch"))),
					"400": errResp("The filter or the webhook is invalid."),
					"401": errResp("Missing or wrong bearer token."),
					"403": errResp("Writes are off: no SITREP_API_TOKEN on the server."),
					"413": errResp("The body is too large."),
				},
			},
		},
		"/api/watches/{id}": obj{"delete": obj{
			"operationId": "deleteWatch", "summary": "Stop a watch.", "security": bearer, "parameters": []any{id},
			"responses": obj{
				"204": resp("Deleted.", nil),
				"401": errResp("Missing or wrong bearer token."),
				"403": errResp("Writes are off: no SITREP_API_TOKEN on the server."),
				"404": errResp("No watch with this id."),
			},
		}},
		"/openapi.json": obj{"get": obj{
			"operationId": "openapi", "summary": "This document.",
			"responses": obj{"200": resp("OpenAPI 3 document.", jsonBody(obj{"type": "object"}))},
		}},
		"/healthz": obj{"get": obj{
			"operationId": "health", "summary": "Whether the store answers.",
			"responses": obj{
				"200": resp("Healthy.", jsonBody(obj{"type": "object"})),
				"503": resp("The store does not answer.", jsonBody(obj{"type": "object"})),
			},
		}},
		"/metrics": obj{"get": obj{
			"operationId": "metrics", "summary": "Prometheus metrics: documents, events, ingest rate, request latency.",
			"responses": obj{"200": resp("Prometheus text format 0.0.4.", obj{"text/plain": obj{"schema": str}})},
		}},
		"/": obj{"get": obj{
			"operationId": "page", "summary": "The web page (map, timeline, filters, evidence).",
			"responses": obj{"200": resp("HTML.", obj{"text/html": obj{"schema": str}})},
		}},
		"/assets/{file}": obj{"get": obj{
			"operationId": "asset", "summary": "A script, style sheet or data file of the web page.",
			"parameters": []any{param("file", "path", "File name.", str)},
			"responses":  obj{"200": resp("The file.", nil), "404": errResp("No such file.")},
		}},
	}
}

func openAPISchemas() obj {
	return obj{
		"Error": obj{"type": "object", "required": []any{"error"}, "properties": obj{"error": str}},
		"Event": obj{"type": "object", "description": "An event as `sitrep events --format json` writes it (see README, The event record).",
			"properties": obj{"id": str, "type": str, "acled_event_type": str, "date": obj{"type": "object"}, "location": obj{"type": "object", "nullable": true},
				"actor1": obj{"type": "object", "nullable": true}, "actor2": obj{"type": "object", "nullable": true},
				"evidence": obj{"type": "object"}, "outlets": obj{"type": "array", "items": str}, "corroboration": obj{"type": "integer"}}},
		"EventList": obj{"type": "object", "required": []any{"events", "count"}, "properties": obj{
			"events": obj{"type": "array", "items": ref("Event")}, "count": obj{"type": "integer"}, "next_cursor": str}},
		"EventDetail": obj{"type": "object", "required": []any{"event", "reports", "history"}, "properties": obj{
			"event": ref("Event"),
			"reports": obj{"type": "array", "items": obj{"type": "object", "properties": obj{
				"document": obj{"type": "object"}, "ingested_at": obj{"type": "string", "format": "date-time"},
				"mentions": obj{"type": "array", "items": obj{"type": "object", "description": "the event as this document codes it; spans are byte offsets into the document text"}}}}},
			"history": obj{"type": "array", "description": "every stored state of the event, oldest first", "items": obj{"type": "object", "properties": obj{
				"event": ref("Event"), "change": str, "doc": obj{"type": "string", "description": "the document whose arrival made the change"},
				"recorded_at": obj{"type": "string", "format": "date-time"}}}},
		}},
		"Document": obj{"type": "object", "properties": obj{"id": str, "source": str, "url": str, "title": str,
			"published": obj{"type": "string", "format": "date-time"}, "text": str}},
		"DocumentIn": obj{"type": "object", "required": []any{"text"}, "properties": obj{"id": str, "source": str,
			"published": obj{"type": "string", "description": "YYYY-MM-DD or RFC 3339; default today"}, "url": str, "title": str, "text": str}},
		"PostResult": obj{"type": "object", "properties": obj{"added": obj{"type": "integer"}, "documents": obj{"type": "array", "items": obj{
			"type": "object", "properties": obj{"id": str, "added": obj{"type": "boolean"}, "mentions": obj{"type": "integer"}, "events": obj{"type": "array", "items": str}}}},
			"warnings": obj{"type": "array", "items": str, "description": "what was stored but looks wrong (a record id repeated with another text, text that is not English), by line"}}},
		"WatchIn": obj{"type": "object", "required": []any{"webhook"}, "properties": obj{
			"filter":  obj{"description": "the listing's parameters (less limit and cursor), as an object or a query string", "oneOf": []any{obj{"type": "object"}, str}},
			"webhook": obj{"type": "string", "format": "uri"}}},
		"Watch": obj{"type": "object", "properties": obj{"id": str, "filter": str, "webhook": str, "created": obj{"type": "string", "format": "date-time"}}},
	}
}

var openAPIDoc = sync.OnceValue(func() obj {
	paths := openAPIPaths()
	// Any operation may be refused to a client over its rate (Config.RateLimit).
	for _, p := range paths {
		for _, op := range p.(obj) {
			op.(obj)["responses"].(obj)["429"] = obj{"description": "Too many requests from this client: retry after Retry-After seconds.",
				"headers": obj{"Retry-After": obj{"schema": obj{"type": "integer"}}}, "content": obj{"application/json": obj{"schema": ref("Error")}}}
		}
	}
	return obj{
		"openapi": "3.0.3",
		"info": obj{"title": "sitrep API", "version": "1",
			"description": "Conflict events coded from news reports, each field with the words that justify it."},
		"paths": paths,
		"components": obj{
			"schemas":         openAPISchemas(),
			"securitySchemes": obj{"bearer": obj{"type": "http", "scheme": "bearer", "description": "SITREP_API_TOKEN"}},
		},
	}
})

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, openAPIDoc())
}
