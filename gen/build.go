package gen

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"sort"
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

// runnerSource renders the runner's main package.
func runnerSource(g *group) ([]byte, error) {
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
	f.Func().Id("main").Params().Block(
		jen.Qual(runnerPath, "Main").Call(
			jen.Index().Qual(runnerPath, "Constructor").ValuesFunc(func(g *jen.Group) {
				for _, it := range items {
					g.Add(it)
				}
			}),
		),
	)
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
	virtDir, ovFile, err := writeOverlay(g, stubs, work)
	if err != nil {
		return nil, err
	}
	bin, err := buildRunner(ctx, cfg, g, virtDir, ovFile, work)
	if err != nil {
		return nil, err
	}
	desc, output, err := execRunner(ctx, cfg, g, bin, work)
	if err != nil {
		return nil, err
	}
	out.output = append(out.output, output...)
	return desc, nil
}

// overlay is the JSON file given to go build -overlay.
type overlay struct {
	Replace map[string]string
}

// writeOverlay writes the runner's source, the stubs of the generated files
// and the overlay that places them into work, and returns the runner's
// virtual directory and the overlay file.
//
// The runner's source exists only in the overlay, at a virtual path in a
// directory that does not exist on disk, beneath the packages' common
// directory: nothing is written into the user's tree. aslgen-generated Go
// files of the packages are overlaid with a stub holding just their package
// clause, so stale generated code cannot break the build.
func writeOverlay(g *group, stubs map[string]string, work string) (virtDir, ovFile string, err error) {
	virtDir, err = virtualDir(g.Dir)
	if err != nil {
		return "", "", err
	}
	src, err := runnerSource(g)
	if err != nil {
		return "", "", fmt.Errorf("rendering the runner: %v", err)
	}
	mainFile := filepath.Join(work, "main.go")
	if err := os.WriteFile(mainFile, src, 0o644); err != nil {
		return "", "", err
	}
	ov := overlay{Replace: map[string]string{filepath.Join(virtDir, "main.go"): mainFile}}
	stubbed := make([]string, 0, len(stubs))
	for file := range stubs {
		stubbed = append(stubbed, file)
	}
	sort.Strings(stubbed)
	for i, file := range stubbed {
		stub := filepath.Join(work, fmt.Sprintf("stub%d.go", i))
		if err := os.WriteFile(stub, []byte("package "+stubs[file]+"\n"), 0o644); err != nil {
			return "", "", err
		}
		ov.Replace[file] = stub
	}
	ovData, err := json.MarshalIndent(ov, "", "  ")
	if err != nil {
		return "", "", err
	}
	ovFile = filepath.Join(work, "overlay.json")
	if err := os.WriteFile(ovFile, ovData, 0o644); err != nil {
		return "", "", err
	}
	return virtDir, ovFile, nil
}

// buildRunner builds the runner in virtDir with go build -overlay and
// returns the binary's path. When the user's packages do not compile, the
// error is an [ErrorList] holding the go command's output as it printed it.
func buildRunner(ctx context.Context, cfg *Config, g *group, virtDir, ovFile, work string) (string, error) {
	// Build from the working directory when it is in the same module, so
	// that the compiler's messages name files as the user sees them.
	buildDir := g.Module.Dir
	if cfg.Dir != "" && within(cfg.Dir, g.Module.Dir) && findGoMod(cfg.Dir) == g.Module.GoMod {
		buildDir = cfg.Dir
	}
	target, err := filepath.Rel(buildDir, virtDir)
	if err != nil {
		return "", err
	}
	target = "." + string(filepath.Separator) + target
	bin := filepath.Join(work, "runner")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	args := []string{"build", "-overlay=" + ovFile, "-buildvcs=false", "-o", bin}
	if cfg.Tags != "" {
		args = append(args, "-tags="+cfg.Tags)
	}
	args = append(args, target)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = buildDir
	cmd.Env = cfg.Env
	cfg.logf("go %s (in %s)", strings.Join(args, " "), buildDir)
	if out, err := cmd.CombinedOutput(); err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		var exit *exec.ExitError
		if errors.As(err, &exit) && len(out) > 0 {
			return "", ErrorList{{Msg: strings.TrimSuffix(string(out), "\n")}}
		}
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
}

// execRunner runs the runner and reads the description it writes. It also
// returns what the user's code printed, which the error of a runner that
// failed holds too.
func execRunner(ctx context.Context, cfg *Config, g *group, bin, work string) (*runner.Description, []byte, error) {
	descFile := filepath.Join(work, "description.json")
	cmd := exec.CommandContext(ctx, bin, descFile)
	cmd.Dir = cfg.Dir
	cmd.Env = cfg.Env
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

// virtualDir returns a directory under dir that does not exist.
func virtualDir(dir string) (string, error) {
	for range 100 {
		var b [6]byte
		if _, err := rand.Read(b[:]); err != nil {
			return "", err
		}
		d := filepath.Join(dir, runnerDirPrefix+hex.EncodeToString(b[:]))
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
