package gen

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/aslgen/aslgen/gen/internal/diff"
	"github.com/aslgen/aslgen/gen/internal/files"
)

// checkOwnership is the ownership phase: it reads the current content of
// each file to write, and fails when one that would change was not written
// by aslgen (see [files.CheckOwned]). Files to delete were read and checked
// when they were found.
func checkOwnership(cfg *Config, list []*file) error {
	var problems ErrorList
	for _, f := range list {
		if f.delete {
			continue
		}
		old, err := os.ReadFile(f.path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return err
		}
		f.old, f.exists = old, true
		if bytes.Equal(old, f.content) {
			continue
		}
		if err := files.CheckOwned(f.path, old); err != nil {
			problems = append(problems, &Error{Msg: fmt.Sprintf("%s exists and was %v; move it away or delete it", shortPath(cfg.Dir, f.path), err)})
		}
	}
	if len(problems) > 0 {
		return problems
	}
	return nil
}

// apply is the last phase: in ModeWrite it writes every changed file (all
// of them atomically, see [files.WriteAll]) and then deletes the files no
// longer needed; in ModeDiff it computes the diffs; in ModeCheck it only
// reports. It returns what it did, or would do, to each file.
func apply(cfg *Config, list []*file) ([]File, error) {
	out := make([]File, len(list))
	var paths, remove []string
	var contents [][]byte
	for i, f := range list {
		out[i] = File{Path: shortPath(cfg.Dir, f.path), Changed: f.changed(), Delete: f.delete}
		switch {
		case !f.changed():
		case cfg.Mode == ModeDiff:
			out[i].Diff = f.diff(out[i].Path)
		case cfg.Mode == ModeCheck:
		case f.delete:
			remove = append(remove, f.path)
		default:
			paths, contents = append(paths, f.path), append(contents, f.content)
		}
	}
	if err := files.WriteAll(paths, contents); err != nil {
		return nil, err
	}
	for _, p := range remove {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return out, nil
}

// diff returns the unified diff that brings the file at rel up to date.
func (f *file) diff(rel string) []byte {
	name := filepath.ToSlash(rel)
	oldName, newName := "a/"+name, "b/"+name
	if !f.exists {
		oldName = "/dev/null"
	}
	if f.delete {
		newName = "/dev/null"
	}
	return diff.Unified(oldName, newName, f.old, f.content)
}
