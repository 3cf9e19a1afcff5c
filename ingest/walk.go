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
// over an alias. Broken links, link loops, special files and files of other types inside a
// directory are skipped (WalkSkipped lists them). Each path's files come sorted, paths in the
// order given. A path that does not exist, or a directory that cannot be listed, is an error
// naming it.
func Walk(paths []string) ([]string, error) {
	files, _, err := WalkSkipped(paths)
	return files, err
}

// Skipped is an entry inside a directory that WalkSkipped passed over, and why.
type Skipped struct {
	Path   string
	Reason string // "unsupported file type \".pdf\"", "broken link or link loop: ...", "not a regular file (a named pipe)"
}

func (s Skipped) String() string { return s.Path + ": skipped: " + s.Reason }

// WalkSkipped is Walk that also says which entries of the directories it walked it skipped, so
// the caller can warn about them: files of a type Read does not know, broken links and link
// loops, special files. Hidden entries and second paths to a file already listed are skipped
// without a word. Skipped entries come in the order met.
func WalkSkipped(paths []string) ([]string, []Skipped, error) {
	w := walker{seenDirs: map[string]bool{}, seenFiles: map[string]bool{}}
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", p, unwrapPath(err))
		}
		if !st.IsDir() {
			if w.addFile(p) {
				out = append(out, p)
			}
			continue
		}
		files, err := w.walkRoot(p)
		if err != nil {
			return nil, nil, err
		}
		sort.Strings(files)
		out = append(out, files...)
	}
	return out, w.skipped, nil
}

type walker struct {
	seenDirs  map[string]bool // real paths of directories walked
	seenFiles map[string]bool // real paths of files listed
	skipped   []Skipped
}

// skip notes an entry passed over.
func (w *walker) skip(p, reason string) { w.skipped = append(w.skipped, Skipped{p, reason}) }

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
			w.skip(l, "broken link or link loop: "+unwrapPath(err).Error())
			continue
		}
		switch {
		case st.IsDir():
			if err := w.dir(l, &files, &links); err != nil {
				return nil, err
			}
		case !st.Mode().IsRegular():
			w.skip(l, fmt.Sprintf("%v (%s)", ErrNotRegular, fileKind(st.Mode())))
		case !Supported(l):
			w.skip(l, fmt.Sprintf("%v %q", ErrUnsupported, filepath.Ext(l)))
		default:
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
		case !mode.IsRegular():
			w.skip(child, fmt.Sprintf("%v (%s)", ErrNotRegular, fileKind(mode)))
		case !Supported(child):
			w.skip(child, fmt.Sprintf("%v %q", ErrUnsupported, filepath.Ext(child)))
		default:
			if w.addFile(child) {
				*files = append(*files, child)
			}
		}
	}
	return nil
}
