package gen

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/graph"
	"github.com/aslgen/aslgen/gen/internal/files"
	"github.com/aslgen/aslgen/gen/runner"
)

// file is one file that Run renders, or deletes.
type file struct {
	// path is the file's absolute path.
	path string
	// content is what aslgen would write; nil for a file to delete.
	content []byte
	// old is the file's current content; nil when it does not exist.
	old []byte
	// exists reports whether the file exists.
	exists bool
	// pkg and fn name the constructor an ASL file comes from; machine is
	// its machine's name.
	pkg, fn, machine string
	// delete is set for one of aslgen's Go files that the package no longer
	// needs: it exists, carries aslgen's header, and content is nil.
	delete bool
}

// changed reports whether writing (or deleting) the file would change it.
func (f *file) changed() bool {
	return f.delete || !f.exists || string(f.old) != string(f.content)
}

// collect is the collect phase: it turns the machines the runners built
// into an ASL file each, and renders the Go files of aslgen's packages. It
// returns the files sorted by path, and the machines' warnings; under
// cfg.Strict the warnings are problems instead.
func collect(cfg *Config, pl *buildPlan, machines []runner.Machine) ([]*file, ErrorList, error) {
	c := newCollector(cfg, pl)
	var warnings ErrorList
	for _, m := range machines {
		ws := c.add(m)
		if cfg.Strict {
			c.problems = append(c.problems, ws...)
		} else {
			warnings = append(warnings, ws...)
		}
	}
	if len(c.problems) > 0 {
		return nil, warnings, c.problems
	}
	for _, p := range pl.owned {
		goFiles, err := goFilesOf(cfg, p, c.typed[p.Path])
		var list ErrorList
		switch {
		case errors.As(err, &list):
			c.problems = append(c.problems, list...)
		case err != nil:
			return nil, warnings, err
		}
		c.files = append(c.files, goFiles...)
	}
	if len(c.problems) > 0 {
		return nil, warnings, c.problems
	}
	sort.Slice(c.files, func(i, j int) bool { return c.files[i].path < c.files[j].path })
	return c.files, warnings, nil
}

// collector gathers the ASL files of the machines, one at a time.
type collector struct {
	cfg *Config
	// byFunc and byPath find the constructor and the package of a machine.
	byFunc map[[2]string]constructor
	byPath map[string]*pkg
	// owner maps a file's path to the file, to find machines that share it.
	owner map[string]*file
	// typed lists the machines of each package (by import path) for its Go
	// files.
	typed    map[string][]typedMachine
	files    []*file
	problems ErrorList
}

func newCollector(cfg *Config, pl *buildPlan) *collector {
	c := &collector{cfg: cfg, byFunc: make(map[[2]string]constructor), byPath: make(map[string]*pkg),
		owner: make(map[string]*file), typed: make(map[string][]typedMachine)}
	for _, p := range pl.build {
		c.byPath[p.Path] = p
		for _, ctor := range p.Constructors {
			c.byFunc[[2]string{p.Path, ctor.Func}] = ctor
		}
	}
	return c
}

// add adds the ASL file of a machine, or records why there is none, and
// returns the machine's warnings.
func (c *collector) add(m runner.Machine) ErrorList {
	ctor := c.byFunc[[2]string{m.Pkg, m.Func}]
	p := c.byPath[m.Pkg]
	dir := c.cfg.Dir
	if m.Failed() {
		c.problems = append(c.problems, machineErrors(dir, p.Dir, ctor, m)...)
		return nil
	}
	warnings := machineWarnings(c.cfg, ctor, m)
	name, err := files.ASLName(m.Name)
	if err != nil {
		c.problems = append(c.problems, errorAt(dir, ctor.Pos.Filename, ctor.Pos.Line, "%s: %v", m.Func, err))
		return warnings
	}
	f := &file{path: filepath.Join(p.Dir, name), content: []byte(m.ASL), pkg: m.Pkg, fn: m.Func, machine: m.Name}
	if prev, ok := c.owner[f.path]; ok {
		pc := c.byFunc[[2]string{prev.pkg, prev.fn}]
		c.problems = append(c.problems, errorAt(dir, ctor.Pos.Filename, ctor.Pos.Line, "%s and %s (%s) both write %s: their machines are named %q and %q; rename one",
			m.Func, prev.fn, posString(dir, pc.Pos.Filename, pc.Pos.Line), shortPath(dir, f.path), m.Name, prev.machine))
		return warnings
	}
	c.owner[f.path] = f
	c.files = append(c.files, f)
	if c.cfg.Graph || wantsGraph(p) {
		if sm, err := asl.Unmarshal([]byte(m.ASL)); err == nil {
			content := append([]byte(files.MermaidHeader+"\n"), graph.Mermaid(sm, nil)...)
			g := &file{path: filepath.Join(p.Dir, files.MermaidName(name)), content: content, pkg: m.Pkg, fn: m.Func, machine: m.Name}
			c.owner[g.path] = g
			c.files = append(c.files, g)
		}
	}
	tm := typedMachine{m: m, file: name, pos: ctor.Pos}
	if m.Types != nil {
		states := make([]string, len(m.Types.Tasks))
		for i, t := range m.Types.Tasks {
			states[i] = t.State
		}
		tm.states = statePositions(p, ctor, states)
	}
	c.typed[m.Pkg] = append(c.typed[m.Pkg], tm)
	return warnings
}

// wantsGraph reports whether one of a package's //go:generate lines that
// run aslgen asks for diagrams: it has the -graph flag (or --graph,
// -graph=true).
func wantsGraph(p *pkg) bool {
	for _, d := range p.Directives {
		for _, w := range strings.Fields(d.Text) {
			switch strings.Trim(w, `"'`) {
			case "-graph", "--graph", "-graph=true", "--graph=true":
				return true
			}
		}
	}
	return false
}

// machineErrors returns the problems of a constructor that failed: its
// panic, with the stack; the error it returned; or the errors Build found,
// each at the builder call that caused it.
func machineErrors(cwd, pkgDir string, c constructor, m runner.Machine) ErrorList {
	switch {
	case m.Panic != "":
		at := c.Pos
		for _, f := range m.Stack {
			if filepath.Dir(f.File) == pkgDir {
				at.Filename, at.Line = f.File, f.Line
				break
			}
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s panicked: %s", m.Func, m.Panic)
		for _, f := range m.Stack {
			fmt.Fprintf(&b, "\n\t%s\n\t\t%s", f.Func, posString(cwd, f.File, f.Line))
		}
		return ErrorList{errorAt(cwd, at.Filename, at.Line, "%s", b.String())}
	case m.Error != "":
		return ErrorList{errorAt(cwd, c.Pos.Filename, c.Pos.Line, "%s %s", m.Func, m.Error)}
	}
	var out ErrorList
	for _, e := range m.Errors {
		at := c.Pos
		if e.File != "" {
			at.Filename, at.Line = e.File, e.Line
		}
		if e.State != "" {
			out = append(out, errorAt(cwd, at.Filename, at.Line, "state %q: %s", e.State, e.Message))
		} else {
			out = append(out, errorAt(cwd, at.Filename, at.Line, "%s", e.Message))
		}
	}
	return out
}

// machineWarnings returns the warnings of a machine's analysis, as
// file:line: warning: ..., said to be errors under cfg.Strict.
func machineWarnings(cfg *Config, c constructor, m runner.Machine) ErrorList {
	var out ErrorList
	for _, w := range m.Warnings {
		at := c.Pos
		if w.File != "" {
			at.Filename, at.Line = w.File, w.Line
		}
		state := ""
		if w.State != "" {
			state = fmt.Sprintf("state %q: ", w.State)
		}
		strict := ""
		if cfg.Strict {
			strict = " (an error under -strict)"
		}
		out = append(out, errorAt(cfg.Dir, at.Filename, at.Line, "warning: %s%s%s", state, w.Message, strict))
	}
	return out
}

// goFilesOf returns the Go files of an aslgen package: the two files
// rendered for its machines when one of them declares Go types, and, for
// each of the two that it no longer needs and that carries aslgen's header,
// a file to delete.
func goFilesOf(cfg *Config, p *pkg, machines []typedMachine) ([]*file, error) {
	want := map[string][]byte{}
	for _, tm := range machines {
		if tm.m.Types == nil {
			continue
		}
		main, test, err := renderGo(cfg.Dir, p, machines)
		if err != nil {
			return nil, err
		}
		want[files.GoFile], want[files.GoTestFile] = main, test
		break
	}
	var out []*file
	for _, name := range []string{files.GoFile, files.GoTestFile} {
		path := filepath.Join(p.Dir, name)
		if content, ok := want[name]; ok {
			out = append(out, &file{path: path, content: content, pkg: p.Path})
			continue
		}
		old, err := os.ReadFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return nil, err
		}
		if files.IsGenerated(old) {
			out = append(out, &file{path: path, old: old, exists: true, delete: true, pkg: p.Path})
		} else {
			cfg.logf("%s is no longer needed, but it is not aslgen's (it lacks aslgen's header): leaving it alone", shortPath(cfg.Dir, path))
		}
	}
	return out, nil
}
