package gen

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/aslgen/aslgen/gen/internal/files"
	"github.com/aslgen/aslgen/gen/runner"
)

// group is a set of packages of one module that one runner program serves.
type group struct {
	Module *moduleInfo
	Pkgs   []*pkg
	// Dir is the common directory of the packages; the runner lives in a
	// virtual directory beneath it.
	Dir string
}

type moduleInfo struct {
	Path, Dir, GoMod string
}

// runnerDirPrefix starts the name of the runner's virtual directory.
const runnerDirPrefix = "aslgen_runner_"

// groupPackages splits the packages into groups that can share a runner:
// packages of one module whose runner, placed under their common directory,
// may import every one of them under Go's internal-package rule.
func groupPackages(pkgs []*pkg) ([]*group, error) {
	var groups []*group
	for _, p := range pkgs {
		if p.Module == nil || p.Module.Dir == "" {
			return nil, fmt.Errorf("package %s is not in a module; aslgen works in module mode only", p.Path)
		}
		mod := &moduleInfo{Path: p.Module.Path, Dir: p.Module.Dir, GoMod: p.Module.GoMod}
		added := false
		for _, g := range groups {
			if g.Module.Dir != mod.Dir {
				continue
			}
			dir := commonDir(g.Dir, p.Dir)
			if runnerCanImport(mod, dir, append(g.Pkgs[:len(g.Pkgs):len(g.Pkgs)], p)) {
				g.Dir, g.Pkgs, added = dir, append(g.Pkgs, p), true
				break
			}
		}
		if !added {
			if !runnerCanImport(mod, p.Dir, []*pkg{p}) {
				return nil, fmt.Errorf("package %s: cannot place a runner that may import it", p.Path)
			}
			groups = append(groups, &group{Module: mod, Pkgs: []*pkg{p}, Dir: p.Dir})
		}
	}
	return groups, nil
}

// commonDir returns the deepest directory containing both a and b.
func commonDir(a, b string) string {
	for {
		if within(b, a) {
			return a
		}
		parent := filepath.Dir(a)
		if parent == a {
			return a
		}
		a = parent
	}
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// runnerCanImport reports whether a runner in a directory beneath dir may
// import every package of pkgs.
func runnerCanImport(mod *moduleInfo, dir string, pkgs []*pkg) bool {
	if !within(dir, mod.Dir) {
		return false
	}
	rel, err := filepath.Rel(mod.Dir, dir)
	if err != nil {
		return false
	}
	importer := path.Join(mod.Path, filepath.ToSlash(rel), runnerDirPrefix+"x")
	for _, p := range pkgs {
		if !internalAllowed(importer, p.Path) {
			return false
		}
	}
	return true
}

// internalAllowed applies Go's rule for internal packages: a package whose
// path contains an "internal" element may be imported only from within the
// tree rooted at the parent of its last "internal" element.
func internalAllowed(importer, imported string) bool {
	var i int
	switch {
	case strings.HasSuffix(imported, "/internal"):
		i = len(imported) - len("internal")
	case strings.Contains(imported, "/internal/"):
		i = strings.LastIndex(imported, "/internal/") + 1
	case imported == "internal", strings.HasPrefix(imported, "internal/"):
		return true
	default:
		return true
	}
	parent := imported[:i-1]
	return importer == parent || strings.HasPrefix(importer, parent+"/")
}

// runnerSource renders the runner's main package. A runner made
// perPackage also accepts an import path after the output file, and then
// runs only that package's constructors: aslgen runs it once per package,
// in the package's directory, as go generate would run aslgen.
func runnerSource(g *group, perPackage bool) ([]byte, error) {
	f := jen.NewFile("main")
	f.HeaderComment(files.GeneratedHeader)
	f.HeaderComment("// aslgen's runner: it calls each workflow constructor and writes what it built to the file named by its argument.")
	f.ImportName(runnerPath, "runner")
	var items []jen.Code
	for _, p := range g.Pkgs {
		if len(p.Constructors) == 0 {
			f.Anon(p.Path) // built so that the compiler reports the package's errors
			continue
		}
		if p.Name == path.Base(p.Path) {
			f.ImportName(p.Path, p.Name)
		} else {
			f.ImportAlias(p.Path, p.Name) // say the name when the path does not
		}
		for _, c := range p.Constructors {
			var call jen.Code = jen.Qual(p.Path, c.Func)
			if !c.ReturnsError {
				call = jen.Qual(runnerPath, "Plain").Call(jen.Qual(p.Path, c.Func))
			}
			items = append(items, jen.Values(jen.Dict{
				jen.Id("Pkg"):  jen.Lit(p.Path),
				jen.Id("Func"): jen.Lit(c.Func),
				jen.Id("New"):  call,
			}))
		}
	}
	all := jen.Index().Qual(runnerPath, "Constructor").ValuesFunc(func(g *jen.Group) {
		for _, it := range items {
			g.Add(it)
		}
	})
	if !perPackage {
		f.Func().Id("main").Params().Block(jen.Qual(runnerPath, "Main").Call(all))
	} else {
		args := jen.Qual("os", "Args")
		f.Func().Id("main").Params().Block(
			jen.Id("constructors").Op(":=").Add(all),
			jen.If(jen.Len(args).Op("==").Lit(3)).Block(
				jen.Var().Id("only").Index().Qual(runnerPath, "Constructor"),
				jen.For(jen.List(jen.Id("_"), jen.Id("c")).Op(":=").Range().Id("constructors")).Block(
					jen.If(jen.Id("c").Dot("Pkg").Op("==").Add(args).Index(jen.Lit(2))).Block(
						jen.Id("only").Op("=").Append(jen.Id("only"), jen.Id("c")),
					),
				),
				jen.List(jen.Id("constructors"), args).Op("=").List(jen.Id("only"), jen.Qual("os", "Args").Index(jen.Empty(), jen.Lit(2))),
			),
			jen.Qual(runnerPath, "Main").Call(jen.Id("constructors")),
		)
	}
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// runOutput is what the run phase gave.
type runOutput struct {
	// machines are the results of every constructor, in the order of the
	// groups and of their packages.
	machines []runner.Machine
	// work lists the runners' work directories, when kept.
	work []string
	// output is what the user's code printed.
	output []byte
}

// runRunners is the run phase: it builds and runs a runner for each group
// of the packages to build, and returns the machines they describe. When
// every package was built only to show its errors, and built, there is
// nothing to generate.
func runRunners(ctx context.Context, cfg *Config, pl *buildPlan) (*runOutput, error) {
	out := &runOutput{}
	if len(pl.build) == 0 {
		return out, nil
	}
	groups, err := groupPackages(pl.build)
	if err != nil {
		return out, err
	}
	for _, g := range groups {
		desc, err := runGroup(ctx, cfg, g, pl.stubs, out)
		if err != nil {
			return out, err
		}
		out.machines = append(out.machines, desc.Machines...)
	}
	if pl.constructors == 0 && !hasOwnGoFiles(pl.owned) {
		return out, noConstructors(cfg, pl.skipped)
	}
	return out, nil
}

// runGroup writes the runner of a group, builds it inside the user's module
// with go build -overlay and runs it. It adds its work directory, when
// kept, and what the user's code printed to out.
func runGroup(ctx context.Context, cfg *Config, g *group, stubs map[string]string, out *runOutput) (*runner.Description, error) {
	work, err := os.MkdirTemp("", "aslgen-work-")
	if err != nil {
		return nil, err
	}
	if cfg.KeepWork {
		out.work = append(out.work, work)
	} else {
		defer os.RemoveAll(work)
	}
	e, err := buildGroup(ctx, cfg, g, stubs, work, false)
	if err != nil {
		return nil, err
	}
	defer e.publish()
	desc, output, err := execRunner(ctx, g, e.bin, work, runIn{dir: cfg.Dir, env: cfg.Env})
	if err != nil {
		return nil, err
	}
	out.output = append(out.output, output...)
	return desc, nil
}

// buildGroup writes the runner of a group (made perPackage, see
// [runnerSource]) and builds it. The runner is built in its entry of the
// runner cache (see cache.go), so that go build finds it current when
// nothing changed; with [Config.KeepWork], or without a cache, it is built
// in work. The caller runs the entry's bin, then calls its publish method.
func buildGroup(ctx context.Context, cfg *Config, g *group, stubs map[string]string, work string, perPackage bool) (*runnerEntry, error) {
	virtDir, err := runnerDir(g.Dir)
	if err != nil {
		return nil, err
	}
	files, err := runnerFiles(g, virtDir, stubs, perPackage)
	if err != nil {
		return nil, err
	}
	var e *runnerEntry
	if cache := cacheDir(cfg); cache != "" && !cfg.KeepWork {
		if e, err = openEntry(cache, runnerKey(cfg, g, virtDir, files), virtDir, files); err != nil {
			cfg.logf("not using the runner cache: %v", err) // a read-only cache, ...: build in work
			e = nil
		} else {
			defer cleanCache(cache, fsNow(cache))
		}
	}
	if e == nil {
		ovFile, err := writeRunnerFiles(work, virtDir, files, writePlain)
		if err != nil {
			return nil, err
		}
		e = &runnerEntry{dir: work, overlay: ovFile, bin: filepath.Join(work, binName("runner"))}
	}
	if err := buildRunner(ctx, cfg, g, virtDir, e); err != nil {
		e.discard()
		return nil, err
	}
	return e, nil
}

// overlay is the JSON file given to go build -overlay.
type overlay struct {
	Replace map[string]string
}

// marshalOverlay encodes an overlay file.
func marshalOverlay(ov overlay) ([]byte, error) {
	return json.MarshalIndent(ov, "", "  ")
}

// runnerFiles returns the files of a group's runner (made perPackage, see
// [runnerSource]): its source at virtDir/main.go, then a stub for each
// generated file, sorted by path.
//
// The runner's source exists only in the overlay, at a virtual path in a
// directory that does not exist on disk, beneath the packages' common
// directory: nothing is written into the user's tree. aslgen-generated Go
// files of the packages are overlaid with a stub holding just their package
// clause, so stale generated code cannot break the build.
func runnerFiles(g *group, virtDir string, stubs map[string]string, perPackage bool) ([]runnerFile, error) {
	src, err := runnerSource(g, perPackage)
	if err != nil {
		return nil, fmt.Errorf("rendering the runner: %v", err)
	}
	files := []runnerFile{{virtual: filepath.Join(virtDir, "main.go"), content: src}}
	stubbed := make([]string, 0, len(stubs))
	for file := range stubs {
		stubbed = append(stubbed, file)
	}
	sort.Strings(stubbed)
	for _, file := range stubbed {
		files = append(files, runnerFile{virtual: file, content: []byte("package " + stubs[file] + "\n")})
	}
	return files, nil
}

// buildDir returns the directory that a group's runner is built in: the
// working directory when it is in the same module, so that the compiler's
// messages name files as the user sees them, else the module's.
func buildDir(cfg *Config, g *group) string {
	if cfg.Dir != "" && within(cfg.Dir, g.Module.Dir) && findGoMod(cfg.Dir) == g.Module.GoMod {
		return cfg.Dir
	}
	return g.Module.Dir
}

// buildRunner builds the runner in virtDir with go build -overlay into
// e.bin. When the user's packages do not compile, the error is an
// [ErrorList] holding the go command's output as it printed it.
func buildRunner(ctx context.Context, cfg *Config, g *group, virtDir string, e *runnerEntry) error {
	buildDir := buildDir(cfg, g)
	target, err := filepath.Rel(buildDir, virtDir)
	if err != nil {
		return err
	}
	target = "." + string(filepath.Separator) + target
	args := []string{"build", "-overlay=" + e.overlay, "-buildvcs=false", "-ldflags=" + runnerLdflags, "-o", e.bin}
	if cfg.Tags != "" {
		args = append(args, "-tags="+cfg.Tags)
	}
	args = append(args, target)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = buildDir
	cmd.Env = cfg.Env
	shown := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, " \t\"'") {
			a = strconv.Quote(a)
		}
		shown[i] = a
	}
	cfg.logf("go %s (in %s)", strings.Join(shown, " "), buildDir)
	if out, err := cmd.CombinedOutput(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var exit *exec.ExitError
		if errors.As(err, &exit) && len(out) > 0 {
			return ErrorList{{Msg: strings.TrimSuffix(string(out), "\n")}}
		}
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	return nil
}

// runIn says where and how a runner runs: in dir, with env (nil for the
// process's environment), and, when pkg is set, for that package only.
type runIn struct {
	dir string
	env []string
	pkg string
}

// execRunner runs the runner and reads the description it writes. It also
// returns what the user's code printed, which the error of a runner that
// failed holds too.
func execRunner(ctx context.Context, g *group, bin, work string, in runIn) (*runner.Description, []byte, error) {
	descFile := filepath.Join(work, "description.json")
	os.Remove(descFile) // from an earlier run of the same work directory
	args := []string{descFile}
	if in.pkg != "" {
		args = append(args, in.pkg)
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = in.dir
	cmd.Env = in.env
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	runErr := cmd.Run()
	if ctx.Err() != nil {
		return nil, nil, ctx.Err()
	}
	data, err := os.ReadFile(descFile)
	if runErr != nil || err != nil || len(data) == 0 {
		why := "it wrote no result (does a constructor call os.Exit or crash the program?)"
		if runErr != nil {
			why = runErr.Error()
		}
		return nil, nil, fmt.Errorf("the runner for %s failed: %s\n%s", groupNames(g), why, output.Bytes())
	}
	var desc runner.Description
	if err := json.Unmarshal(data, &desc); err != nil {
		return nil, nil, fmt.Errorf("the runner for %s wrote an unreadable result: %v", groupNames(g), err)
	}
	if desc.Version != runner.Version {
		return nil, nil, fmt.Errorf("the runner for %s wrote format version %d, but this aslgen reads version %d: "+
			"run the aslgen of the version your go.mod requires (go tool aslgen)", groupNames(g), desc.Version, runner.Version)
	}
	return &desc, output.Bytes(), nil
}

func groupNames(g *group) string {
	names := make([]string, len(g.Pkgs))
	for i, p := range g.Pkgs {
		names[i] = p.Path
	}
	return strings.Join(names, ", ")
}

// runnerDir returns the runner's virtual directory under dir: the first of
// aslgen_runner_0, aslgen_runner_1, ... that does not exist on disk. The
// name stays the same from one run to the next, so that go build finds the
// runner's compiled package in its cache.
func runnerDir(dir string) (string, error) {
	for i := range 100 {
		d := filepath.Join(dir, fmt.Sprintf("%s%d", runnerDirPrefix, i))
		if _, err := os.Lstat(d); errors.Is(err, os.ErrNotExist) {
			return d, nil
		}
	}
	return "", fmt.Errorf("cannot find a free name for the runner's directory in %s", dir)
}

// findGoMod returns the go.mod file of the module containing dir, or "".
func findGoMod(dir string) string {
	for {
		f := filepath.Join(dir, "go.mod")
		if st, err := os.Stat(f); err == nil && !st.IsDir() {
			return f
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
