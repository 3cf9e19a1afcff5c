// Package web is sitrep's web page: a map of the events (Leaflet, clustered markers coloured by
// type, a Natural Earth basemap from world-atlas, no tile server), a timeline to brush, filters and
// the evidence of each event. The sources are in src/; `make web` (npm ci, then npm run build)
// bundles them with esbuild into dist/, which is embedded here. Without a build, dist holds only
// .gitkeep and the server says how to build the page.
package web

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist is the built page: index.html and assets/.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // "dist" is a valid path: cannot happen
	}
	return sub
}

// Built reports whether dist holds a built page.
func Built() bool {
	_, err := fs.Stat(Dist(), "index.html")
	return err == nil
}
