package server

import (
	"io/fs"
	"net/http"
	"path"
)

const notBuilt = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sitrep</title></head>
<body><h1>sitrep</h1><p>UI not built: run make web (needs Node.js and npm), then rebuild sitrep.</p>
<p>The API is served: <a href="/api/events">/api/events</a>, <a href="/openapi.json">/openapi.json</a>.</p></body></html>
`

// index serves the page, or says how to build it.
func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	b, err := fs.ReadFile(s.ui, "index.html")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	if err != nil {
		w.Write([]byte(notBuilt))
		return
	}
	w.Write(b)
}

// asset serves a file of the built page's assets/ (never a directory listing).
func (s *Server) asset(w http.ResponseWriter, r *http.Request) {
	name := path.Join("assets", path.Clean("/" + r.PathValue("file"))[1:])
	st, err := fs.Stat(s.ui, name)
	if err != nil || st.IsDir() {
		writeError(w, http.StatusNotFound, "no such file: "+r.URL.Path)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeFileFS(w, r, s.ui, name)
}
