package gen

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/aslgen/aslgen/gen/internal/files"
)

// buildPlan is what the plan phase decided about the discovered packages.
type buildPlan struct {
	// build lists aslgen's packages to build into runners: those with
	// constructors, and those whose errors may hide constructors, which are
	// built so that the compiler reports them.
	build []*pkg
	// owned lists all of aslgen's packages: their Go files may need
	// deleting even when no constructor is left.
	owned []*pkg
	// skipped lists the packages with constructors that are not aslgen's.
	skipped []*pkg
	// stubs maps the generated Go files of the packages to build to their
	// package's name: the overlay replaces each with a stub.
	stubs map[string]string
	// constructors counts the constructors of the packages to build.
	constructors int
	// notes are remarks about packages that are not aslgen's.
	notes []string
}

// plan sorts the discovered packages into a [buildPlan]. A package is
// aslgen's when one of its Go files has a //go:generate line that runs
// aslgen; others are skipped, with a note when they have workflow
// constructors, so that generating, checking and diffing agree with what go
// generate does. It fails when a package cannot be generated, or when there
// is nothing to generate.
func plan(cfg *Config, pkgs []*pkg) (*buildPlan, error) {
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("no packages match %s", cfg.patterns())
	}
	pl := &buildPlan{stubs: make(map[string]string)}
	var problems ErrorList
	for _, p := range pkgs {
		problems = append(problems, pl.add(cfg, p)...)
	}
	if len(problems) > 0 {
		return nil, problems
	}
	if len(pl.build) == 0 && !hasOwnGoFiles(pl.owned) {
		return nil, noConstructors(cfg, pl.skipped)
	}
	pl.logStubs(cfg)
	return pl, nil
}

// add sorts one package into the plan and returns its problems.
func (pl *buildPlan) add(cfg *Config, p *pkg) ErrorList {
	errs := relevantErrors(p)
	hasWork := len(p.Constructors) > 0 || p.Broken
	switch {
	case !hasWork && len(errs) > 0 && p.Dir == "":
		// A pattern that matched no directory, a package with no Go
		// files, ...: nothing to build that would report it.
		return packageErrors(cfg.Dir, errs)
	case p.Directive.Filename == "":
		pl.skip(cfg, p, hasWork)
		return nil
	}
	cfg.logf("package %s: %s runs aslgen", p.Path, posString(cfg.Dir, p.Directive.Filename, p.Directive.Line))
	pl.owned = append(pl.owned, p)
	switch {
	case !hasWork && len(errs) > 0:
		cfg.logf("package %s: ignoring its errors, it does not import %s:\n%v", p.Path, dslPath, packageErrors(cfg.Dir, errs))
		return nil
	case !hasWork:
		cfg.logf("package %s: no constructors", p.Path)
		return nil
	case p.Name == "main":
		return mainPackage(cfg, p, errs)
	}
	for _, c := range p.Constructors {
		cfg.logf("package %s: constructor %s (%s)", p.Path, c.Func, posString(cfg.Dir, c.Pos.Filename, c.Pos.Line))
	}
	if p.Broken {
		cfg.logf("package %s has errors; building it to show them", p.Path)
	}
	pl.constructors += len(p.Constructors)
	pl.build = append(pl.build, p)
	if len(p.Constructors) > 0 {
		for _, file := range p.Generated {
			pl.stubs[file] = p.Name
		}
	}
	return nil
}

// skip records a package that is not aslgen's, with a note when it has
// workflow constructors or holds aslgen's Go files.
func (pl *buildPlan) skip(cfg *Config, p *pkg, hasWork bool) {
	if hasWork {
		pl.skipped = append(pl.skipped, p)
		pl.notes = append(pl.notes, fmt.Sprintf("skipping package %s: it has workflow constructors, but no //go:generate line runs aslgen in it", p.Path))
	} else {
		cfg.logf("package %s: no constructors", p.Path)
	}
	if own := ownGoFiles(p.Dir); len(own) > 0 {
		pl.notes = append(pl.notes, fmt.Sprintf("package %s is not aslgen's (no //go:generate line runs aslgen in it), so its %s is left alone",
			p.Path, strings.Join(own, " and ")))
	}
}

// logStubs logs the generated files that the overlay replaces with stubs.
func (pl *buildPlan) logStubs(cfg *Config) {
	stubbed := make([]string, 0, len(pl.stubs))
	for file := range pl.stubs {
		stubbed = append(stubbed, file)
	}
	sort.Strings(stubbed)
	for _, file := range stubbed {
		cfg.logf("replacing generated file %s with a stub while building", shortPath(cfg.Dir, file))
	}
}

// mainPackage returns the problems of an aslgen package main: the runner
// cannot import it, so each constructor is an error, and when it has none
// (errors hid them), its errors are.
func mainPackage(cfg *Config, p *pkg, errs []packages.Error) ErrorList {
	var problems ErrorList
	if len(p.Constructors) == 0 {
		problems = packageErrors(cfg.Dir, errs)
	}
	for _, c := range p.Constructors {
		problems = append(problems, errorAt(cfg.Dir, c.Pos.Filename, c.Pos.Line,
			"%s is in package main, which aslgen cannot import to run it; move it to another package", c.Func))
	}
	return problems
}

// ownGoFiles returns the names of aslgen's two Go files in dir that carry
// its header.
func ownGoFiles(dir string) []string {
	if dir == "" {
		return nil
	}
	var out []string
	for _, name := range []string{files.GoFile, files.GoTestFile} {
		if files.IsGeneratedFile(filepath.Join(dir, name)) {
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

// noConstructors is the error when there is nothing to generate: a plain
// error, or a problem at each package that has constructors but is not
// aslgen's.
func noConstructors(cfg *Config, skipped []*pkg) error {
	if len(skipped) == 0 {
		return fmt.Errorf("no workflow constructors found in %s: a constructor is an exported function "+
			"func() *dsl.Machine or func() (*dsl.Machine, error), with dsl the package %s", cfg.patterns(), dslPath)
	}
	var list ErrorList
	for _, p := range skipped {
		var at constructor
		if len(p.Constructors) > 0 {
			at = p.Constructors[0]
		}
		list = append(list, errorAt(cfg.Dir, at.Pos.Filename, at.Pos.Line, "package %s has workflow constructors, but no //go:generate line runs aslgen in it, "+
			"so go generate would not update its files: add the line //go:generate go tool aslgen", p.Path))
	}
	return list
}
