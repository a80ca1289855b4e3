package gen

import (
	"context"
	"path/filepath"
	"strings"
)

// Mode says what [Run] does with the files it renders.
type Mode int

const (
	// ModeWrite writes every file whose content changed.
	ModeWrite Mode = iota
	// ModeCheck writes nothing; [Result.Files] says which files are
	// missing, out of date or to delete.
	ModeCheck
	// ModeDiff writes nothing, like ModeCheck, and gives each file that
	// would change a unified diff ([File.Diff]).
	ModeDiff
)

// Config configures [Run].
type Config struct {
	// Dir is the directory the patterns are relative to, and the one paths
	// in results and messages are relative to; empty means the current
	// directory.
	Dir string
	// Patterns are go package patterns; none means ".".
	Patterns []string
	// Tags is a comma-separated list of build tags, as for go build -tags.
	Tags string
	// Mode says whether to write, check or diff.
	Mode Mode
	// Strict makes the warnings of the machines' analysis errors: Run
	// returns them in its [ErrorList] and writes nothing.
	Strict bool
	// Graph writes a Mermaid diagram of each machine (package dsl/graph)
	// beside its ASL file, named as the ASL file with .mmd for .asl.json,
	// in every package; without it, only in the packages whose //go:generate
	// line that runs aslgen has the -graph flag.
	Graph bool
	// KeepWork keeps the runners' work directories (source, overlay and
	// binary) and lists them in [Result.Work]: the runners are built
	// there, outside the runner cache.
	KeepWork bool
	// Env is the environment of the go command and of the runner; nil means
	// the current process's. Its ASLGEN_CACHE names the runner cache (off
	// for none), and its GOFILE, GOLINE and GOPACKAGE, which go generate
	// sets, say that Run runs for a //go:generate line (see the package
	// documentation, "Speed").
	Env []string
	// Logf, when not nil, receives a line about each step as it happens:
	// the packages and constructors found, the packages skipped, the go
	// build command, the generated files replaced by stubs, the Go files
	// no longer needed that aslgen leaves alone because they are not its
	// own, and a runner cache that cannot be used.
	Logf func(format string, args ...any)
}

// Result is what [Run] found and did.
type Result struct {
	// Files are the files of aslgen's packages that Run rendered, sorted by
	// path, each with what Run did (ModeWrite) or would do to it.
	Files []File
	// Warnings are the warnings of the machines' analysis (a path into a
	// member that a declared type marks optional, ...), printed as
	// file:line: warning: message. Under [Config.Strict] they are errors
	// instead.
	Warnings ErrorList
	// Notes are remarks about the packages that are not aslgen's, such as
	// a package with workflow constructors but no //go:generate line that
	// runs aslgen, which Run skipped.
	Notes []string
	// Work lists the runners' work directories, kept under
	// [Config.KeepWork].
	Work []string
	// Output is what the user's code printed while the runners ran.
	Output []byte
}

// File is one file that [Run] rendered.
type File struct {
	// Path is the file's path, relative to [Config.Dir] when that is
	// shorter.
	Path string
	// Changed is set when the file is missing, differs from what aslgen
	// renders, or is to be deleted: ModeWrite wrote or deleted it, and for
	// ModeCheck and ModeDiff it is out of date.
	Changed bool
	// Delete is set for one of aslgen's Go files that its package no longer
	// needs (no machine of the package declares Go types any more, or no
	// machine is left).
	Delete bool
	// Diff is, in ModeDiff, the unified diff that brings a changed file up
	// to date, with the names a/<Path> and b/<Path> (/dev/null for a file
	// that is missing or to delete).
	Diff []byte
}

// Run generates the files of aslgen's packages among those matching
// cfg.Patterns and writes, checks or diffs them according to cfg.Mode. A
// package is aslgen's when one of its Go files has a //go:generate line
// that runs aslgen: the packages go generate runs aslgen in. Its phases:
//
//  1. discover: load the packages, parse only, and find their workflow
//     constructors;
//  2. plan: keep aslgen's packages, note the others, and choose the
//     generated Go files to replace with stubs while building;
//  3. run: build a runner program in the user's module that calls the
//     constructors, and run it;
//  4. collect: turn the machines into ASL files, and render the Go files of
//     the packages whose machines declare Go types;
//  5. check ownership: read each file's current content and refuse to
//     overwrite a file that aslgen did not write;
//  6. apply: write the changed files atomically and delete the Go files no
//     longer needed (ModeWrite), or compute the diffs (ModeDiff).
//
// Nothing is written unless every phase before apply succeeded. Run
// returns a Result even with an error, holding what it found until then
// (notes, work directories, the user's output, warnings). The error is an
// [ErrorList] for problems in the user's code, to print as it is, and
// another error when aslgen itself cannot go on.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	if err := cfg.normalize(); err != nil {
		return &Result{}, err
	}
	var pkgs []*pkg
	if s := newSession(&cfg); s != nil {
		res, err, done, found := s.run(ctx)
		if done {
			return res, err
		}
		pkgs = found
	}
	if pkgs == nil {
		var err error
		if pkgs, err = discover(ctx, &cfg); err != nil {
			return &Result{}, err
		}
	}
	return generate(ctx, &cfg, pkgs)
}

// generate runs the phases after discovery on the packages found.
func generate(ctx context.Context, cfg *Config, pkgs []*pkg) (*Result, error) {
	res := &Result{}
	pl, err := plan(cfg, pkgs)
	if err != nil {
		return res, err
	}
	res.Notes = pl.notes
	ran, err := runRunners(ctx, cfg, pl)
	res.Work, res.Output = ran.work, ran.output
	if err != nil {
		return res, err
	}
	files, warnings, err := collect(cfg, pl, ran.machines)
	res.Warnings = warnings
	if err != nil {
		return res, err
	}
	if err := checkOwnership(cfg, files); err != nil {
		return res, err
	}
	res.Files, err = apply(cfg, files)
	return res, err
}

// normalize fills in the defaults: the pattern "." and an absolute Dir.
func (c *Config) normalize() error {
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

// logf passes a line to c.Logf, when set.
func (c *Config) logf(format string, args ...any) {
	if c.Logf != nil {
		c.Logf(format, args...)
	}
}

// patterns returns the patterns as one string, for messages.
func (c *Config) patterns() string { return strings.Join(c.Patterns, " ") }
