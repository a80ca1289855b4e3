package gen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/aslgen/aslgen/gen/runner"
)

// Exit codes of [Run] and [Validate].
const (
	ExitOK    = 0 // generated, or everything up to date, or valid
	ExitStale = 1 // -check or -diff found out-of-date files; validate found errors
	ExitError = 2 // something went wrong: nothing was written
)

// Mode says what [Run] does with the files it renders.
type Mode int

const (
	// ModeWrite writes every file whose content changed.
	ModeWrite Mode = iota
	// ModeCheck writes nothing and lists the files that are missing or out
	// of date.
	ModeCheck
	// ModeDiff writes nothing and prints a unified diff for each file that
	// is missing or out of date.
	ModeDiff
)

// String returns the mode's flag name: "write", "check" or "diff".
func (m Mode) String() string {
	switch m {
	case ModeWrite:
		return "write"
	case ModeCheck:
		return "check"
	case ModeDiff:
		return "diff"
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// Config configures [Run].
type Config struct {
	// Dir is the directory the patterns are relative to, and the one paths
	// in messages are relative to; empty means the current directory.
	Dir string
	// Patterns are go package patterns; none means ".".
	Patterns []string
	// Tags is a comma-separated list of build tags, as for go build -tags.
	Tags string
	// Mode says whether to write, check or diff.
	Mode Mode
	// Verbose reports the packages, the constructors found and each file
	// written or unchanged on Stderr, and forwards what the user's code
	// printed while the runner ran.
	Verbose bool
	// KeepWork keeps the runner's work directory (its source, overlay and
	// binary) and prints its path on Stderr.
	KeepWork bool
	// Strict makes the warnings of the data-flow analysis errors: Run
	// reports them as problems, returns [ExitError] and writes nothing.
	// Without it they are printed as file:line: warning: ... in every mode.
	Strict bool
	// Env is the environment of the go command and of the runner; nil means
	// the current process's.
	Env []string
	// Stdout receives the -check list and the -diff output; Stderr receives
	// errors and verbose output. Nil discards.
	Stdout, Stderr io.Writer
}

// normalize fills in the defaults: writers that discard, the pattern ".",
// and an absolute Dir.
func (c *Config) normalize() error {
	if c.Stdout == nil {
		c.Stdout = io.Discard
	}
	if c.Stderr == nil {
		c.Stderr = io.Discard
	}
	if len(c.Patterns) == 0 {
		c.Patterns = []string{"."}
	}
	dir, err := filepath.Abs(c.Dir) // "" is the current directory
	if err != nil {
		return err
	}
	c.Dir = dir
	return nil
}

func (c *Config) verbosef(format string, args ...any) {
	if c.Verbose {
		fmt.Fprintf(c.Stderr, "aslgen: "+format+"\n", args...)
	}
}

// File is one file that [Run] rendered.
type File struct {
	// Path is the file's absolute path.
	Path string
	// Content is what aslgen would write.
	Content []byte
	// Old is the file's current content; nil when it does not exist.
	Old []byte
	// Exists reports whether the file exists.
	Exists bool
	// Pkg and Func name the constructor the file comes from.
	Pkg, Func string
	// Machine is the machine's name.
	Machine string
	// Delete is set for one of aslgen's Go files that the package no longer
	// needs: it exists, carries aslgen's header, and Content is nil.
	Delete bool
}

// Changed reports whether writing (or deleting) the file would change it.
func (f *File) Changed() bool { return f.Delete || !f.Exists || !bytes.Equal(f.Old, f.Content) }

// Run generates the files of the packages matching cfg.Patterns and writes,
// checks or diffs them according to cfg.Mode. It returns the exit code:
// [ExitOK], [ExitStale] (ModeCheck or ModeDiff found a file to change) or
// [ExitError] (reported on cfg.Stderr; nothing was written).
//
// Run finds the workflow constructors with go/packages, builds and runs a
// runner program in the user's module that calls them, and renders their
// machines in memory. Only when every step succeeded does it write the
// changed files, each atomically, and delete the generated Go files that are
// no longer needed. See [Render] for which packages are aslgen's.
func Run(ctx context.Context, cfg Config) int {
	files, err := Render(ctx, &cfg)
	if err != nil {
		printError(cfg.Stderr, err)
		return ExitError
	}
	return Apply(&cfg, files)
}

// Errors is a list of problems in the user's code, printed one per line as
// file:line: message.
type Errors []string

// Error joins the problems one per line.
func (e Errors) Error() string { return strings.Join(e, "\n") }

func printError(w io.Writer, err error) {
	var ce *compileError
	var list Errors
	switch {
	case errors.As(err, &ce):
		io.WriteString(w, ce.Output)
		if !strings.HasSuffix(ce.Output, "\n") {
			io.WriteString(w, "\n")
		}
	case errors.As(err, &list):
		for _, e := range list {
			fmt.Fprintln(w, e)
		}
	default:
		msg := err.Error()
		if !strings.HasSuffix(msg, "\n") {
			msg += "\n"
		}
		fmt.Fprintf(w, "aslgen: %s", msg)
	}
}

// Render finds the constructors of aslgen's packages among those matching
// cfg.Patterns, runs them and returns the files they give, with the current
// content of each, and the generated Go files to delete. It writes nothing.
// The error is an [Errors] list for problems in the user's code (panics,
// returned errors, Build errors, clashing file or Go names, files aslgen may
// not overwrite, warnings under cfg.Strict), the go command's output when
// the packages do not compile, or another error.
//
// A package is aslgen's when one of its Go files has a //go:generate line
// that runs aslgen ([RunsASLGen]), the packages go generate runs aslgen in.
// Others are skipped, with a note on cfg.Stderr when they have workflow
// constructors, so that generating, checking and diffing agree with what go
// generate does.
func Render(ctx context.Context, cfg *Config) ([]*File, error) {
	if err := cfg.normalize(); err != nil {
		return nil, err
	}
	pkgs, err := discover(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("no packages match %s", strings.Join(cfg.Patterns, " "))
	}

	var build, owned, skipped []*pkg
	var problems Errors
	var notes []string
	stubs := make(map[string]string)
	found := 0
	for _, p := range pkgs {
		errs := relevantErrors(p)
		hasWork := len(p.Constructors) > 0 || p.Broken
		switch {
		case !hasWork && len(errs) > 0 && p.Dir == "":
			// A pattern that matched no directory, a package with no Go
			// files, ...: nothing to build that would report it.
			problems = append(problems, strings.TrimSuffix(formatErrors(cfg.Dir, errs), "\n"))
			continue
		case p.Directive.Filename == "":
			if hasWork {
				skipped = append(skipped, p)
				notes = append(notes, fmt.Sprintf("skipping package %s: it has workflow constructors, but no //go:generate line runs aslgen in it", p.Path))
			} else {
				cfg.verbosef("package %s: no constructors", p.Path)
			}
			if own := ownGoFiles(p.Dir); len(own) > 0 {
				notes = append(notes, fmt.Sprintf("package %s is not aslgen's (no //go:generate line runs aslgen in it), so its %s is left alone",
					p.Path, strings.Join(own, " and ")))
			}
			continue
		}
		cfg.verbosef("package %s: %s runs aslgen", p.Path, posString(cfg.Dir, p.Directive.Filename, p.Directive.Line))
		owned = append(owned, p)
		if !hasWork {
			if len(errs) > 0 {
				cfg.verbosef("package %s: ignoring its errors, it does not import %s:\n%s", p.Path, DSLPath, formatErrors(cfg.Dir, errs))
			} else {
				cfg.verbosef("package %s: no constructors", p.Path)
			}
			continue
		}
		if p.Name == "main" {
			if len(p.Constructors) == 0 {
				problems = append(problems, strings.TrimSuffix(formatErrors(cfg.Dir, errs), "\n"))
			}
			for _, c := range p.Constructors {
				problems = append(problems, fmt.Sprintf("%s: %s is in package main, which aslgen cannot import to run it; move it to another package",
					posString(cfg.Dir, c.Pos.Filename, c.Pos.Line), c.Func))
			}
			continue
		}
		for _, c := range p.Constructors {
			cfg.verbosef("package %s: constructor %s (%s)", p.Path, c.Func, posString(cfg.Dir, c.Pos.Filename, c.Pos.Line))
		}
		if p.Broken {
			cfg.verbosef("package %s has errors; building it to show them", p.Path)
		}
		found += len(p.Constructors)
		build = append(build, p)
		if len(p.Constructors) > 0 {
			for _, file := range p.Generated {
				stubs[file] = p.Name
			}
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	if len(build) == 0 && !hasOwnGoFiles(owned) {
		return nil, noConstructors(cfg, skipped)
	}
	for _, n := range notes {
		fmt.Fprintf(cfg.Stderr, "aslgen: %s\n", n)
	}
	if cfg.Verbose {
		stubbed := make([]string, 0, len(stubs))
		for file := range stubs {
			stubbed = append(stubbed, file)
		}
		sort.Strings(stubbed)
		for _, file := range stubbed {
			cfg.verbosef("replacing generated file %s with a stub while building", shortPath(cfg.Dir, file))
		}
	}

	byFunc := make(map[[2]string]constructor)
	byPath := make(map[string]*pkg)
	for _, p := range build {
		byPath[p.Path] = p
		for _, c := range p.Constructors {
			byFunc[[2]string{p.Path, c.Func}] = c
		}
	}
	var results []runner.Machine
	if len(build) > 0 {
		groups, err := groupPackages(build)
		if err != nil {
			return nil, err
		}
		for _, g := range groups {
			res, err := runGroup(ctx, cfg, g, stubs)
			if res != nil && res.Work != "" {
				fmt.Fprintf(cfg.Stderr, "WORK=%s\n", res.Work)
			}
			if res != nil && cfg.Verbose && len(res.Output) > 0 {
				cfg.Stderr.Write(res.Output)
			}
			if err != nil {
				return nil, err
			}
			results = append(results, res.Desc.Machines...)
		}
		if found == 0 && !hasOwnGoFiles(owned) {
			// Every package was built only to show its errors, and built.
			return nil, noConstructors(cfg, skipped)
		}
	}

	var files []*File
	owner := make(map[string]*File)
	perPkg := make(map[string][]typedMachine)
	for _, m := range results {
		c := byFunc[[2]string{m.Pkg, m.Func}]
		p := byPath[m.Pkg]
		if m.Failed() {
			problems = append(problems, machineErrors(cfg.Dir, p.Dir, c, m)...)
			continue
		}
		problems = append(problems, warnings(cfg, c, m)...)
		name, err := FileName(m.Name)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %s: %v", posString(cfg.Dir, c.Pos.Filename, c.Pos.Line), m.Func, err))
			continue
		}
		f := &File{Path: filepath.Join(p.Dir, name), Content: []byte(m.ASL), Pkg: m.Pkg, Func: m.Func, Machine: m.Name}
		if prev, ok := owner[f.Path]; ok {
			pc := byFunc[[2]string{prev.Pkg, prev.Func}]
			problems = append(problems, fmt.Sprintf("%s: %s and %s (%s) both write %s: their machines are named %q and %q; rename one",
				posString(cfg.Dir, c.Pos.Filename, c.Pos.Line), m.Func, prev.Func, posString(cfg.Dir, pc.Pos.Filename, pc.Pos.Line),
				shortPath(cfg.Dir, f.Path), m.Name, prev.Machine))
			continue
		}
		owner[f.Path] = f
		files = append(files, f)
		tm := typedMachine{m: m, file: name, pos: c.Pos}
		if m.Types != nil {
			states := make([]string, len(m.Types.Tasks))
			for i, t := range m.Types.Tasks {
				states[i] = t.State
			}
			tm.states = statePositions(p, c, states)
		}
		perPkg[m.Pkg] = append(perPkg[m.Pkg], tm)
	}
	if len(problems) > 0 {
		return nil, problems
	}
	for _, p := range owned {
		goFiles, err := goFilesOf(cfg, p, perPkg[p.Path])
		if err != nil {
			var list Errors
			if errors.As(err, &list) {
				problems = append(problems, list...)
				continue
			}
			return nil, err
		}
		files = append(files, goFiles...)
	}
	if len(problems) > 0 {
		return nil, problems
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })

	for _, f := range files {
		if f.Delete {
			continue // read and checked by goFilesOf
		}
		old, err := os.ReadFile(f.Path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return nil, err
		}
		f.Old, f.Exists = old, true
		if bytes.Equal(old, f.Content) {
			continue
		}
		if err := CheckOwned(f.Path, old); err != nil {
			problems = append(problems, fmt.Sprintf("%s exists and was %v; move it away or delete it", shortPath(cfg.Dir, f.Path), err))
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return files, nil
}

// goFilesOf returns the Go files of an aslgen package: the two files
// rendered for its machines when one of them declares Go types, and, for
// each of the two that it no longer needs and that carries aslgen's header,
// a File to delete.
func goFilesOf(cfg *Config, p *pkg, machines []typedMachine) ([]*File, error) {
	want := map[string][]byte{}
	for _, tm := range machines {
		if tm.m.Types == nil {
			continue
		}
		main, test, err := renderGo(cfg.Dir, p, machines)
		if err != nil {
			return nil, err
		}
		want[GoFileName], want[GoTestFileName] = main, test
		break
	}
	var out []*File
	for _, name := range []string{GoFileName, GoTestFileName} {
		path := filepath.Join(p.Dir, name)
		if content, ok := want[name]; ok {
			out = append(out, &File{Path: path, Content: content, Pkg: p.Path})
			continue
		}
		old, err := os.ReadFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return nil, err
		}
		if IsGeneratedByASLGen(old) {
			out = append(out, &File{Path: path, Old: old, Exists: true, Delete: true, Pkg: p.Path})
		} else {
			cfg.verbosef("%s is no longer needed, but it is not aslgen's (it lacks aslgen's header): leaving it alone", shortPath(cfg.Dir, path))
		}
	}
	return out, nil
}

// ownGoFiles returns the names of aslgen's two Go files in dir that carry
// its header.
func ownGoFiles(dir string) []string {
	if dir == "" {
		return nil
	}
	var out []string
	for _, name := range []string{GoFileName, GoTestFileName} {
		if src, err := readHead(filepath.Join(dir, name), 8192); err == nil && IsGeneratedByASLGen(src) {
			out = append(out, name)
		}
	}
	return out
}

// hasOwnGoFiles reports whether a package of pkgs holds one of aslgen's Go
// files, which may need deleting even when no constructor is left.
func hasOwnGoFiles(pkgs []*pkg) bool {
	for _, p := range pkgs {
		if len(ownGoFiles(p.Dir)) > 0 {
			return true
		}
	}
	return false
}

// noConstructors is the error when there is nothing to generate.
func noConstructors(cfg *Config, skipped []*pkg) error {
	if len(skipped) == 0 {
		return fmt.Errorf("no workflow constructors found in %s: a constructor is an exported function "+
			"func() *dsl.Machine or func() (*dsl.Machine, error), with dsl the package %s", strings.Join(cfg.Patterns, " "), DSLPath)
	}
	var list Errors
	for _, p := range skipped {
		at := "-"
		if len(p.Constructors) > 0 {
			at = posString(cfg.Dir, p.Constructors[0].Pos.Filename, p.Constructors[0].Pos.Line)
		}
		list = append(list, fmt.Sprintf("%s: package %s has workflow constructors, but no //go:generate line runs aslgen in it, "+
			"so go generate would not update its files: add the line //go:generate go tool aslgen", at, p.Path))
	}
	return list
}

// warnings prints the warnings of a machine's analysis as
// file:line: warning: ..., or returns them as problems under cfg.Strict.
func warnings(cfg *Config, c constructor, m runner.Machine) Errors {
	var out Errors
	for _, w := range m.Warnings {
		at := posString(cfg.Dir, c.Pos.Filename, c.Pos.Line)
		if w.File != "" {
			at = posString(cfg.Dir, w.File, w.Line)
		}
		state := ""
		if w.State != "" {
			state = fmt.Sprintf("state %q: ", w.State)
		}
		if cfg.Strict {
			out = append(out, fmt.Sprintf("%s: warning: %s%s (an error under -strict)", at, state, w.Message))
		} else {
			fmt.Fprintf(cfg.Stderr, "%s: warning: %s%s\n", at, state, w.Message)
		}
	}
	return out
}

// Apply writes, checks or diffs the files according to cfg.Mode and returns
// the exit code. A File with Delete set is removed (ModeWrite), listed
// (ModeCheck) or shown as a deletion (ModeDiff).
func Apply(cfg *Config, files []*File) int {
	if err := cfg.normalize(); err != nil {
		fmt.Fprintf(cfg.Stderr, "aslgen: %v\n", err)
		return ExitError
	}
	stale := 0
	var paths, remove []string
	var contents [][]byte
	for _, f := range files {
		rel := shortPath(cfg.Dir, f.Path)
		if !f.Changed() {
			cfg.verbosef("unchanged %s", rel)
			continue
		}
		stale++
		switch {
		case cfg.Mode == ModeCheck:
			fmt.Fprintln(cfg.Stdout, rel)
		case cfg.Mode == ModeDiff:
			name := filepath.ToSlash(rel)
			oldName, newName := "a/"+name, "b/"+name
			if !f.Exists {
				oldName = "/dev/null"
			}
			if f.Delete {
				newName = "/dev/null"
			}
			cfg.Stdout.Write(Diff(oldName, newName, f.Old, f.Content))
		case f.Delete:
			remove = append(remove, f.Path)
		default:
			paths, contents = append(paths, f.Path), append(contents, f.Content)
		}
	}
	if cfg.Mode == ModeWrite {
		if err := writeFilesAtomic(paths, contents); err != nil {
			fmt.Fprintf(cfg.Stderr, "aslgen: %v\n", err)
			return ExitError
		}
		for _, p := range paths {
			cfg.verbosef("wrote %s", shortPath(cfg.Dir, p))
		}
		for _, p := range remove {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				fmt.Fprintf(cfg.Stderr, "aslgen: %v\n", err)
				return ExitError
			}
			cfg.verbosef("deleted %s, which is no longer needed", shortPath(cfg.Dir, p))
		}
		return ExitOK
	}
	if stale == 0 {
		return ExitOK
	}
	if cfg.Mode == ModeCheck {
		s := "s are"
		if stale == 1 {
			s = " is"
		}
		fmt.Fprintf(cfg.Stderr, "aslgen: %d generated file%s out of date; run go generate\n", stale, s)
	}
	return ExitStale
}

// machineErrors formats the failure of one constructor, one problem a line.
func machineErrors(cwd, pkgDir string, c constructor, m runner.Machine) []string {
	decl := posString(cwd, c.Pos.Filename, c.Pos.Line)
	switch {
	case m.Panic != "":
		at := decl
		for _, f := range m.Stack {
			if filepath.Dir(f.File) == pkgDir {
				at = posString(cwd, f.File, f.Line)
				break
			}
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s: %s panicked: %s", at, m.Func, m.Panic)
		for _, f := range m.Stack {
			fmt.Fprintf(&b, "\n\t%s\n\t\t%s", f.Func, posString(cwd, f.File, f.Line))
		}
		return []string{b.String()}
	case m.Error != "":
		return []string{fmt.Sprintf("%s: %s %s", decl, m.Func, m.Error)}
	}
	var out []string
	for _, e := range m.Errors {
		at := decl
		if e.File != "" {
			at = posString(cwd, e.File, e.Line)
		}
		if e.State != "" {
			out = append(out, fmt.Sprintf("%s: state %q: %s", at, e.State, e.Message))
		} else {
			out = append(out, fmt.Sprintf("%s: %s", at, e.Message))
		}
	}
	return out
}

func posString(cwd, file string, line int) string {
	if file == "" {
		return "-"
	}
	return fmt.Sprintf("%s:%d", shortPath(cwd, file), line)
}
