package ingest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Walk lists the files to read under the given paths. A path that names a file is listed whatever
// its extension (so Read can say why it cannot read it); a directory is walked recursively for files
// with an extension Read knows, skipping hidden entries (names starting with "."). Symbolic links
// inside a directory are followed after its real entries, and a directory or file already reached
// (a link loop, or a link to something listed already) is not visited again, so the real path wins
// over an alias. Broken links and special files inside a directory are skipped. Each path's files
// come sorted, paths in the order given. A path that does not exist, or a directory that cannot be
// listed, is an error naming it.
func Walk(paths []string) ([]string, error) {
	w := walker{seenDirs: map[string]bool{}, seenFiles: map[string]bool{}}
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, unwrapPath(err))
		}
		if !st.IsDir() {
			if w.addFile(p) {
				out = append(out, p)
			}
			continue
		}
		files, err := w.walkRoot(p)
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		out = append(out, files...)
	}
	return out, nil
}

type walker struct {
	seenDirs  map[string]bool // real paths of directories walked
	seenFiles map[string]bool // real paths of files listed
}

// walkRoot walks the real tree under p first and the symbolic links found in it afterwards (links
// found under links go to the back of the same queue).
func (w *walker) walkRoot(p string) ([]string, error) {
	var files []string
	links := []string{}
	if err := w.dir(p, &files, &links); err != nil {
		return nil, err
	}
	for len(links) > 0 {
		l := links[0]
		links = links[1:]
		st, err := os.Stat(l) // follows the link
		if err != nil {
			continue // broken, or a loop of links
		}
		switch {
		case st.IsDir():
			if err := w.dir(l, &files, &links); err != nil {
				return nil, err
			}
		case st.Mode().IsRegular() && Supported(l):
			if w.addFile(l) {
				files = append(files, l)
			}
		}
	}
	return files, nil
}

// realPath is the absolute path with links resolved, or p itself when that fails.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	return p
}

// addFile records a file by its real path and reports whether it is new.
func (w *walker) addFile(p string) bool {
	real := realPath(p)
	if w.seenFiles[real] {
		return false
	}
	w.seenFiles[real] = true
	return true
}

// dir lists the directory p and its real subdirectories, queueing the links it meets.
func (w *walker) dir(p string, files, links *[]string) error {
	real := realPath(p)
	if w.seenDirs[real] {
		return nil
	}
	w.seenDirs[real] = true
	entries, err := os.ReadDir(p)
	if err != nil {
		return fmt.Errorf("%s: %w", p, unwrapPath(err))
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		child := filepath.Join(p, e.Name())
		switch mode := e.Type(); {
		case mode&fs.ModeSymlink != 0:
			*links = append(*links, child)
		case mode.IsDir():
			if err := w.dir(child, files, links); err != nil {
				return err
			}
		case mode.IsRegular() && Supported(child):
			if w.addFile(child) {
				*files = append(*files, child)
			}
		}
	}
	return nil
}
