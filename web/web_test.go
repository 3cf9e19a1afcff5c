package web

import (
	"io/fs"
	"strings"
	"testing"
)

// The embedded page is either absent (dist holds only .gitkeep: `go build` works without npm) or
// complete: index.html loads assets that are all there.
func TestDist(t *testing.T) {
	dist := Dist()
	index, err := fs.ReadFile(dist, "index.html")
	if !Built() {
		if err == nil {
			t.Fatal("Built() is false but index.html is there")
		}
		t.Skip("web page not built (run make web)")
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, asset := range []string{"assets/app.js", "assets/app.css", "assets/countries-50m.json"} {
		if !strings.Contains(string(index), "/"+asset) && !strings.HasSuffix(asset, ".json") {
			t.Errorf("index.html does not load /%s", asset)
		}
		if st, err := fs.Stat(dist, asset); err != nil || st.Size() == 0 {
			t.Errorf("%s missing from the build: %v", asset, err)
		}
	}
	if strings.Contains(string(index), "http://") || strings.Contains(string(index), "https://") {
		t.Error("index.html loads something from another origin: the page must work offline")
	}
}
