package coverage

import (
	"bytes"
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/aslgen/aslgen/dsl/asl"
)

// A coverage directory holds two kinds of files, which any number of
// processes write at the same time without locks:
//
//   - aslcov.def.HASH.json, one per machine:
//     {"version":1,"hash":HASH,"name":NAME,"definition":ASL}, written once
//     (to a temporary file, then renamed) by the first writer that needs it.
//   - aslcov.counts.PID.RANDOM.jsonl, one per Writer (one per test
//     process): a line of JSON per run, appended with a single write,
//     {"hash":HASH,"states":{NAME:N},"edges":[[FROM,TO,KIND,INDEX,N]],
//     "retriers":[[STATE,INDEX,N]]}, KIND one of next, rule, default,
//     catch, start, end. A last line without its newline (a process killed
//     while writing) is ignored.
const (
	defPrefix    = "aslcov.def."
	countsPrefix = "aslcov.counts."
)

// Writer adds profiles to a coverage directory. It is safe for concurrent
// use; each Writer appends to its own counts file, created on first use.
type Writer struct {
	dir  string
	mu   sync.Mutex
	f    *os.File
	defs map[string]bool // definitions written or found
}

// NewWriter returns a writer to the directory dir, which it creates if
// needed on first use.
func NewWriter(dir string) *Writer { return &Writer{dir: dir, defs: map[string]bool{}} }

// Add writes p's definition, unless the directory has it, and appends p's
// counts.
func (w *Writer) Add(p *Profile) error {
	line := marshalCounts(p)
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.defs[p.Hash] {
		if err := w.writeDef(p); err != nil {
			return err
		}
		w.defs[p.Hash] = true
	}
	if w.f == nil {
		if err := os.MkdirAll(w.dir, 0o777); err != nil {
			return err
		}
		name := countsPrefix + strconv.Itoa(os.Getpid()) + "." + random() + ".jsonl"
		f, err := os.OpenFile(filepath.Join(w.dir, name), os.O_WRONLY|os.O_CREATE|os.O_APPEND|os.O_EXCL, 0o666)
		if err != nil {
			return err
		}
		w.f = f
	}
	_, err := w.f.Write(line)
	return err
}

// Close closes the counts file. Counts are written as they are added, so a
// Writer that is never closed loses nothing.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return nil
	}
	err := w.f.Close()
	w.f = nil
	return err
}

func (w *Writer) writeDef(p *Profile) error {
	path := filepath.Join(w.dir, defPrefix+p.Hash+".json")
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	doc, err := asl.Marshal(p.Doc)
	if err != nil {
		return err
	}
	data, err := json.Marshal(definition{Version: 1, Hash: p.Hash, Name: p.Name, Definition: doc})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(w.dir, 0o777); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(w.dir, ".aslcov.tmp*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(append(data, '\n'))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

func random() string {
	var b [6]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Read merges the coverage data of a directory: one profile per machine,
// sorted by name and then hash.
func Read(dir string) ([]*Profile, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	byHash := map[string]*Profile{}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, defPrefix) || !strings.HasSuffix(name, ".json") {
			continue
		}
		path := filepath.Join(dir, name)
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		var d definition
		if err := json.Unmarshal(data, &d); err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		if d.Version != 1 {
			return nil, fmt.Errorf("%s: unknown version %d", path, d.Version)
		}
		doc, err := asl.Unmarshal(d.Definition)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		byHash[d.Hash] = &Profile{Hash: d.Hash, Name: d.Name, Doc: doc}
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, countsPrefix) || !strings.HasSuffix(name, ".jsonl") {
			continue
		}
		path := filepath.Join(dir, name)
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		for n := 1; len(data) > 0; n++ {
			i := bytes.IndexByte(data, '\n')
			if i < 0 {
				break // a partial last line
			}
			line := data[:i]
			data = data[i+1:]
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			c, err := unmarshalCounts(line)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", path, n, err)
			}
			p := byHash[c.Hash]
			if p == nil {
				return nil, fmt.Errorf("%s:%d: no definition %s%s.json for machine %s", path, n, defPrefix, c.Hash, c.Hash)
			}
			p.Merge(c)
		}
	}
	if len(byHash) == 0 {
		return nil, fmt.Errorf("%s: %w", dir, errNoData)
	}
	out := make([]*Profile, 0, len(byHash))
	for _, p := range byHash {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *Profile) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Hash, b.Hash))
	})
	return out, nil
}

var errNoData = errors.New("no workflow coverage data (set ASLGEN_COVERDIR when running the tests)")

// IsNoData reports whether err is Read's error for a directory without data.
func IsNoData(err error) bool { return errors.Is(err, errNoData) }
