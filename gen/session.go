package gen

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aslgen/aslgen/gen/internal/files"
	"github.com/aslgen/aslgen/gen/runner"
)

// Many directives, one cost.
//
// go generate runs aslgen once per //go:generate line: in a module with a
// line in each of many packages (or in many files of one package), each run
// would load its package, check its runner with go build and run it. A
// session lets the first of these runs do the work of all of them.
//
// When aslgen runs under go generate ($GOFILE, $GOLINE and $GOPACKAGE are
// set), for the package in its directory (no pattern argument), in the
// default mode (not -check, -diff, -v or -work), with the cache on, it
// computes the files of every package of the module that it may compute
// together with its own: the "eligible" packages, whose //go:generate lines
// that run aslgen are all the same text as the line being run (so that
// they ask for the same flags), which have constructors and no errors, and
// which do not import an eligible package with generated Go files (that
// package's files would be stubs). One runner is built for them all (see
// [runnerSource]), run once per package in the package's directory with
// the environment go generate gives it, so each constructor sees what it
// would see on its own. aslgen writes its own package's files and keeps
// the others' in a record in the cache: <cache>/sessions/<key>.json.
//
// A later run serves its package from the record, writing the files
// (ownership is checked then, against the files as they are), only when:
//   - the record was made less than [sessionWindow] ago, under the same key:
//     the module, the line's text, the flags, the whole environment but the
//     variables go generate sets per line ($GOFILE, $GOLINE, $GOPACKAGE,
//     $PWD), and the aslgen executable;
//   - its line (file and line number) has not been served yet: each line is
//     served once, so that running go generate again computes afresh (the
//     line that made the record counts as served);
//   - no file of the module changed since the record was made (by size and
//     modification time, version control directories aside), but the
//     package's own output files. A file that an earlier line of the same
//     go generate rewrote (another generator's output, or the ASL or Go
//     files of another package that aslgen changed) makes the line compute
//     a new record, which sees it, as the line would running alone.
//
// Otherwise the run computes a new record. A package that cannot be
// computed with the others (it, or a package it imports, does not compile;
// its runner fails; collecting its files fails) is marked in the record to
// run on its own, as without a session, and so is every package when the
// record cannot be computed at all: each problem is reported by the run of
// the package that has it. A run whose package is not eligible runs on its
// own too.
//
// The outcome for a package is the one it would have on its own, but for
// what aslgen ./... shares: the runner links every eligible package, so all
// their init functions run in each runner process; and files outside the
// module that a constructor reads while it runs are not watched (it may see
// them as they were when the record was made, at most [sessionWindow] ago).
// The record's packages are computed whether or not go generate will reach
// them: go generate ./one/package pays for the module's eligible packages.

const (
	// sessionWindow is how long a record serves later runs.
	sessionWindow = 5 * time.Minute
	// sessionMaxFiles is the most files a module may hold for a session:
	// each run that uses a record lists them all.
	sessionMaxFiles = 20000
	// sessionVersion changes with the record's format.
	sessionVersion = 1
)

// session is aslgen running for one //go:generate line of go generate.
type session struct {
	cfg   *Config
	cache string
	// file and line are where the //go:generate line is ($GOFILE and
	// $GOLINE), text what it says.
	file string
	line int
	text string
	// modDir is the directory of the module holding the package.
	modDir string
	// path is the record's file.
	path string
}

// sessionRecord is what a session keeps for later runs of the same
// go generate run.
type sessionRecord struct {
	Version int
	Created time.Time
	// Failed is set when the record could not be computed: the runs it
	// lists run on their own.
	Failed bool
	// Inputs is a hash of the names, sizes and times of the module's files
	// but the Outputs, when the record was computed.
	Inputs string
	// Outputs are the output files of every package of the record, with
	// their sizes and times (size -1 when missing) when the record was
	// computed.
	Outputs  map[string]fileStamp
	Packages []*sessionPackage
}

// fileStamp is what a file looks like from outside.
type fileStamp struct {
	Size    int64 // -1 for a file that does not exist
	ModTime int64 // Unix nanoseconds
}

// sessionPackage is one package of a record.
type sessionPackage struct {
	Dir        string
	Directives []*sessionLine
	// Alone is set for a package that could not be computed with the
	// others (it does not compile, a constructor failed, ...): its runs
	// run on their own, and report its problems.
	Alone bool
	// Outputs are the package's own output files: those it renders and
	// aslgen's two Go file names.
	Outputs []string
	Files   []sessionFile
	// Warnings are the package's warnings, at absolute positions.
	Warnings []sessionWarning
}

// sessionLine is a //go:generate line of a package: its file's base name
// and line number, and whether a run served it.
type sessionLine struct {
	File   string
	Line   int
	Served bool
}

// sessionFile is a file of a package as collected: its content, or
// deletion.
type sessionFile struct {
	Path    string
	Content string
	Delete  bool
}

// sessionWarning is a warning at an absolute position.
type sessionWarning struct {
	File string
	Line int
	Msg  string
}

// newSession returns the session of this run, or nil when it is not run by
// go generate for its own package in the default mode, or has no cache.
func newSession(cfg *Config) *session {
	if cfg.Mode != ModeWrite || cfg.KeepWork || cfg.Logf != nil || len(cfg.Patterns) != 1 || cfg.Patterns[0] != "." {
		return nil
	}
	file, pkgName := cfg.getenv("GOFILE"), cfg.getenv("GOPACKAGE")
	line, err := strconv.Atoi(cfg.getenv("GOLINE"))
	if file == "" || pkgName == "" || filepath.Base(file) != file || err != nil || line < 1 {
		return nil
	}
	cache := cacheDir(cfg)
	if cache == "" {
		return nil
	}
	text, ok := directiveAt(filepath.Join(cfg.Dir, file), line)
	if !ok {
		return nil
	}
	goMod := findGoMod(cfg.Dir)
	if goMod == "" || inWorkspace(cfg) {
		return nil
	}
	s := &session{cfg: cfg, cache: cache, file: file, line: line, text: text, modDir: filepath.Dir(goMod)}
	s.path = filepath.Join(cache, "sessions", s.key()+".json")
	return s
}

// directiveAt returns the text of the //go:generate line at line of file,
// when it runs aslgen and uses no $ expansion (which would make the same
// text mean different things in different files).
func directiveAt(file string, line int) (string, bool) {
	f, err := os.Open(file)
	if err != nil {
		return "", false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if n < line {
			continue
		}
		text := sc.Text()
		if !runsASLGen(text) || strings.Contains(text, "$") {
			return "", false
		}
		return strings.TrimSpace(strings.TrimPrefix(strings.TrimSuffix(text, "\r"), "//go:generate")), true
	}
	return "", false
}

// inWorkspace reports whether the go command works in a workspace (a
// go.work file), whose other modules a session does not watch.
func inWorkspace(cfg *Config) bool {
	switch gowork := cfg.getenv("GOWORK"); gowork {
	case "off":
		return false
	case "":
		for dir := cfg.Dir; ; {
			if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
				return true
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				return false
			}
			dir = parent
		}
	default:
		return true
	}
}

// perLineEnv are the environment variables that go generate sets for each
// //go:generate line.
var perLineEnv = []string{"GOFILE", "GOLINE", "GOPACKAGE", "PWD"}

// key returns the key of the session's record.
func (s *session) key() string {
	h := sha256.New()
	fmt.Fprintf(h, "aslgen session %d\nmodule %s\ndirective %s\ntags %s\nstrict %t\ngraph %t\n",
		sessionVersion, s.modDir, s.text, s.cfg.Tags, s.cfg.Strict, s.cfg.Graph)
	env := s.cfg.Env
	if env == nil {
		env = os.Environ()
	}
	env = slices.Clone(env)
	slices.Sort(env)
	for _, kv := range env {
		if k, _, _ := strings.Cut(kv, "="); !slices.Contains(perLineEnv, k) {
			fmt.Fprintf(h, "env %q\n", kv)
		}
	}
	if exe, err := os.Executable(); err == nil {
		if st, err := os.Stat(exe); err == nil {
			fmt.Fprintf(h, "aslgen %s %d %d\n", exe, st.Size(), st.ModTime().UnixNano())
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// run serves this run's package from a record, or computes a new record.
// It returns done when the run is over (with its result and error), and
// otherwise the package found in its directory, when it was found in a way
// that the run on its own may use (nil to discover it again).
func (s *session) run(ctx context.Context) (res *Result, err error, done bool, found []*pkg) {
	if rec := s.load(); rec != nil {
		if sp, line := rec.find(s.cfg.Dir, s.file, s.line); line != nil && !line.Served {
			switch {
			case rec.Failed || sp.Alone:
				line.Served = true
				s.save(rec)
				return nil, nil, false, nil
			case s.unchanged(rec, sp):
				line.Served = true
				s.save(rec)
				res, err := s.serve(sp)
				return res, err, true, nil
			}
		}
	}
	return s.prepare(ctx)
}

// load reads the session's record; it returns nil when there is none that
// may serve this run.
func (s *session) load() *sessionRecord {
	data, err := os.ReadFile(s.path)
	if err != nil {
		return nil
	}
	var rec sessionRecord
	if json.Unmarshal(data, &rec) != nil || rec.Version != sessionVersion {
		return nil
	}
	if age := time.Since(rec.Created); age < 0 || age > sessionWindow {
		return nil
	}
	return &rec
}

// save writes the record, replacing the file in one rename. Errors are
// ignored: without a record, later runs compute their own.
func (s *session) save(rec *sessionRecord) {
	data, err := json.Marshal(rec)
	if err != nil {
		return
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(s.path), ".record-*")
	if err != nil {
		return
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), s.path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
}

// find returns the record's package in dir and its line at file:line.
func (rec *sessionRecord) find(dir, file string, line int) (*sessionPackage, *sessionLine) {
	for _, sp := range rec.Packages {
		if sp.Dir != dir {
			continue
		}
		for _, l := range sp.Directives {
			if l.File == file && l.Line == line {
				return sp, l
			}
		}
	}
	return nil, nil
}

// unchanged reports whether the module's files are as when rec was
// computed, but for the output files of sp.
func (s *session) unchanged(rec *sessionRecord, sp *sessionPackage) bool {
	now, err := scanTree(s.modDir, s.cache)
	if err != nil || inputsHash(now, rec.Outputs) != rec.Inputs {
		return false
	}
	for path, was := range rec.Outputs {
		if slices.Contains(sp.Outputs, path) {
			continue
		}
		is, ok := now[path]
		if !ok {
			is = fileStamp{Size: -1}
		}
		if is != was {
			return false
		}
	}
	return true
}

// serve writes the files of sp, as a run on its own would after collecting
// them: it checks ownership, writes what changed, deletes what is no longer
// needed, and returns the package's result.
func (s *session) serve(sp *sessionPackage) (*Result, error) {
	res := &Result{}
	for _, w := range sp.Warnings {
		res.Warnings = append(res.Warnings, &Error{Pos: position(s.cfg.Dir, w.File, w.Line), Msg: w.Msg})
	}
	var list []*file
	for _, sf := range sp.Files {
		if !sf.Delete {
			list = append(list, &file{path: sf.Path, content: []byte(sf.Content)})
			continue
		}
		old, err := os.ReadFile(sf.Path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return res, err
		case !files.IsGenerated(old):
			continue // not aslgen's: left alone, as a run on its own would
		}
		list = append(list, &file{path: sf.Path, old: old, exists: true, delete: true})
	}
	if err := checkOwnership(s.cfg, list); err != nil {
		return res, err
	}
	var err error
	res.Files, err = apply(s.cfg, list)
	return res, err
}

// prepare computes a new record for the eligible packages of the module and
// serves this run's package from it. When this package is not eligible, or
// the record cannot be computed, it returns done false and the package,
// when found, for the run on its own.
func (s *session) prepare(ctx context.Context) (res *Result, err error, done bool, found []*pkg) {
	before, err := scanTree(s.modDir, s.cache)
	if err != nil {
		return nil, nil, false, nil
	}
	mcfg := *s.cfg
	mcfg.Dir, mcfg.Patterns = s.modDir, []string{"./..."}
	pkgs, err := discover(ctx, &mcfg)
	if err != nil {
		return nil, nil, false, nil
	}
	eligible, others, cur := s.eligible(pkgs)
	if cur != nil && len(cur.Errors) == 0 {
		found = []*pkg{cur} // go list names error positions relative to the module: discover again
	}
	if cur == nil || !slices.Contains(eligible, cur) {
		return nil, nil, false, found
	}
	rec, err := s.compute(ctx, eligible, pkgs, before)
	if err != nil {
		if ctx.Err() != nil {
			return &Result{}, ctx.Err(), true, nil
		}
		rec = &sessionRecord{Version: sessionVersion, Created: time.Now(), Failed: true}
		for _, p := range eligible {
			rec.Packages = append(rec.Packages, &sessionPackage{Dir: p.Dir, Directives: sessionLines(p)})
		}
	}
	// The lines of the other packages run on their own, without looking
	// at the module again.
	for _, p := range others {
		rec.Packages = append(rec.Packages, &sessionPackage{Dir: p.Dir, Directives: sessionLines(p), Alone: true})
	}
	sp, line := rec.find(s.cfg.Dir, s.file, s.line)
	if line == nil {
		return nil, nil, false, found // the line is not where go generate said
	}
	line.Served = true
	s.save(rec)
	if rec.Failed || sp.Alone {
		return nil, nil, false, found
	}
	res, err = s.serve(sp)
	return res, err, true, nil
}

// eligible returns the packages of pkgs that a record may compute (see
// the comment at the top of this file), the others whose lines that run
// aslgen all read as the session's, and the package in the session's
// directory.
func (s *session) eligible(pkgs []*pkg) (eligible, others []*pkg, cur *pkg) {
	byPath := byImportPath(pkgs)
	for _, p := range pkgs {
		if p.Dir == s.cfg.Dir {
			cur = p
		}
	}
	for _, p := range pkgs {
		same := len(p.Directives) > 0
		for _, d := range p.Directives {
			same = same && d.Text == s.text
		}
		switch {
		case !same || p.Dir == "":
		case len(p.Constructors) == 0 || p.Broken || p.Name == "main" || len(relevantErrors(p)) > 0 ||
			p.Module == nil || p.Module.Dir != s.modDir:
			others = append(others, p)
		default:
			eligible = append(eligible, p)
		}
	}
	// A package that imports an eligible package with generated Go files
	// would see stubs instead of them.
	stubbed := make(map[string]bool)
	for _, p := range eligible {
		if len(p.Generated) > 0 {
			stubbed[p.Path] = true
		}
	}
	if len(stubbed) == 0 {
		return eligible, others, cur
	}
	kept := eligible[:0:0]
	for _, p := range eligible {
		if importsAny(p, byPath, stubbed) {
			others = append(others, p)
		} else {
			kept = append(kept, p)
		}
	}
	return kept, others, cur
}

// importsAny reports whether p imports, directly or not, one of the
// packages in set, following the imports through the packages in byPath.
func importsAny(p *pkg, byPath map[string]*pkg, set map[string]bool) bool {
	seen := map[string]bool{p.Path: true}
	stack := slices.Clone(p.Imports)
	for len(stack) > 0 {
		path := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[path] {
			continue
		}
		seen[path] = true
		if set[path] {
			return true
		}
		if q := byPath[path]; q != nil {
			stack = append(stack, q.Imports...)
		}
	}
	return false
}

// sessionLines returns the //go:generate lines of p that run aslgen.
func sessionLines(p *pkg) []*sessionLine {
	out := make([]*sessionLine, len(p.Directives))
	for i, d := range p.Directives {
		out[i] = &sessionLine{File: filepath.Base(d.Pos.Filename), Line: d.Pos.Line}
	}
	return out
}

// compute builds the runners of the eligible packages, runs them once per
// package, collects each package's files as a run on its own would, and
// returns the record. pkgs are all the packages of the module; before is
// the module's files before anything was read.
//
// A package that fails on its own (a constructor panics, the runner exits,
// collecting its files fails) is marked to run alone. When the runner does
// not compile, the packages that the go command names in its output (# path
// lines), and those that import them, are marked so, and the others built
// again, once. Any other failure fails the record.
func (s *session) compute(ctx context.Context, eligible, pkgs []*pkg, before map[string]fileStamp) (*sessionRecord, error) {
	alone := make(map[string]bool)
	var machines map[string][]runner.Machine
	for attempt := 0; ; attempt++ {
		var build []*pkg
		for _, p := range eligible {
			if !alone[p.Path] {
				build = append(build, p)
			}
		}
		machines = make(map[string][]runner.Machine)
		if len(build) == 0 {
			break
		}
		broken, err := s.runAll(ctx, build, pkgs, machines, alone)
		if err == nil {
			break
		}
		dropped := false
		for _, p := range eligible {
			if !alone[p.Path] && (broken[p.Path] || importsAny(p, byImportPath(pkgs), broken)) {
				alone[p.Path], dropped = true, true
			}
		}
		if attempt > 0 || !dropped {
			return nil, err
		}
	}
	// Positions are kept absolute, for runs in other directories.
	acfg := *s.cfg
	acfg.Dir = ""
	rec := &sessionRecord{Version: sessionVersion, Created: time.Now(), Outputs: make(map[string]fileStamp)}
	for _, p := range eligible {
		sp := &sessionPackage{Dir: p.Dir, Directives: sessionLines(p), Alone: alone[p.Path],
			Outputs: []string{filepath.Join(p.Dir, files.GoFile), filepath.Join(p.Dir, files.GoTestFile)}}
		rec.Packages = append(rec.Packages, sp)
		if sp.Alone {
			continue
		}
		ppl, err := plan(&acfg, []*pkg{p})
		if err != nil {
			sp.Alone = true
			continue
		}
		collected, warnings, err := collect(&acfg, ppl, machines[p.Path])
		if err != nil {
			sp.Alone = true
			continue
		}
		for _, f := range collected {
			sp.Files = append(sp.Files, sessionFile{Path: f.path, Content: string(f.content), Delete: f.delete})
			if !slices.Contains(sp.Outputs, f.path) {
				sp.Outputs = append(sp.Outputs, f.path)
			}
		}
		for _, w := range warnings {
			sp.Warnings = append(sp.Warnings, sessionWarning{File: w.Pos.Filename, Line: w.Pos.Line, Msg: w.Msg})
		}
		for _, out := range sp.Outputs {
			st, ok := before[out]
			if !ok {
				st = fileStamp{Size: -1}
			}
			rec.Outputs[out] = st
		}
	}
	rec.Inputs = inputsHash(before, rec.Outputs)
	return rec, nil
}

// byImportPath indexes packages by import path.
func byImportPath(pkgs []*pkg) map[string]*pkg {
	out := make(map[string]*pkg, len(pkgs))
	for _, p := range pkgs {
		out[p.Path] = p
	}
	return out
}

// runAll builds the runners of the packages and runs them once per
// package, adding each package's machines to machines and marking alone
// the packages whose runner process failed. When a runner does not
// compile, it returns the error and the import paths of the packages that
// the go command's output names: in a "# path" line, or as the directory
// of a file:line position. pkgs are all the packages of the module.
func (s *session) runAll(ctx context.Context, build, pkgs []*pkg, machines map[string][]runner.Machine, alone map[string]bool) (broken map[string]bool, err error) {
	pl, err := plan(s.cfg, build)
	if err != nil {
		return nil, err
	}
	groups, err := groupPackages(pl.build)
	if err != nil {
		return nil, err
	}
	byDir := make(map[string]string, len(pkgs))
	for _, p := range pkgs {
		byDir[p.Dir] = p.Path
	}
	var firstErr error
	broken = make(map[string]bool)
	for _, g := range groups {
		err := s.runGroup(ctx, g, pl.stubs, machines, alone)
		var list ErrorList
		switch {
		case err == nil:
			continue
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case errors.As(err, &list):
			dir := buildDir(s.cfg, g)
			for _, e := range list {
				for l := range strings.Lines(e.Msg) {
					l = strings.TrimSpace(l)
					if path, ok := strings.CutPrefix(l, "# "); ok && len(strings.Fields(path)) > 0 {
						broken[strings.Fields(path)[0]] = true
					} else if i := strings.Index(l, ".go:"); i > 0 {
						file := l[:i+len(".go")]
						if !filepath.IsAbs(file) {
							file = filepath.Join(dir, file)
						}
						if path, ok := byDir[filepath.Dir(file)]; ok {
							broken[path] = true
						}
					}
				}
			}
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return broken, firstErr
}

// runGroup builds the runner of a group and runs it once per package, in
// the package's directory, adding each package's machines to machines. A
// package whose run fails is marked alone.
func (s *session) runGroup(ctx context.Context, g *group, stubs map[string]string, machines map[string][]runner.Machine, alone map[string]bool) error {
	work, err := os.MkdirTemp("", "aslgen-work-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	e, err := buildGroup(ctx, s.cfg, g, stubs, work, true)
	if err != nil {
		return err
	}
	defer e.publish()
	for _, p := range g.Pkgs {
		desc, _, err := execRunner(ctx, g, e.bin, work, runIn{dir: p.Dir, env: s.packageEnv(p), pkg: p.Path})
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err != nil:
			alone[p.Path] = true
		default:
			machines[p.Path] = append(machines[p.Path], desc.Machines...)
		}
	}
	return nil
}

// packageEnv returns the environment go generate would give aslgen for the
// first //go:generate line of p that runs it.
func (s *session) packageEnv(p *pkg) []string {
	env := s.cfg.Env
	if env == nil {
		env = os.Environ()
	}
	out := make([]string, 0, len(env)+len(perLineEnv))
	for _, kv := range env {
		if k, _, _ := strings.Cut(kv, "="); !slices.Contains(perLineEnv, k) {
			out = append(out, kv)
		}
	}
	d := p.Directives[0].Pos
	name := p.Name
	if f, err := parser.ParseFile(token.NewFileSet(), d.Filename, nil, parser.PackageClauseOnly); err == nil {
		name = f.Name.Name // an external test package's
	}
	return append(out, "GOFILE="+filepath.Base(d.Filename), "GOLINE="+strconv.Itoa(d.Line), "GOPACKAGE="+name, "PWD="+p.Dir)
}

// vcsDirs are the directories of version control systems, which a session
// does not watch.
var vcsDirs = []string{".git", ".hg", ".svn", ".bzr", ".jj"}

// scanTree returns the size and time of every file under root, but in
// version control directories and in skip. It fails when there are more
// than sessionMaxFiles.
func scanTree(root, skip string) (map[string]fileStamp, error) {
	out := make(map[string]fileStamp)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && (slices.Contains(vcsDirs, d.Name()) || path == skip) {
				return filepath.SkipDir
			}
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if len(out) >= sessionMaxFiles {
			return errors.New("too many files")
		}
		out[path] = fileStamp{Size: info.Size(), ModTime: info.ModTime().UnixNano()}
		return nil
	})
	return out, err
}

// inputsHash hashes the names, sizes and times of the files in state but
// those in outputs.
func inputsHash(state map[string]fileStamp, outputs map[string]fileStamp) string {
	paths := make([]string, 0, len(state))
	for path := range state {
		if _, ok := outputs[path]; !ok {
			paths = append(paths, path)
		}
	}
	slices.Sort(paths)
	h := sha256.New()
	for _, path := range paths {
		st := state[path]
		fmt.Fprintf(h, "%q %d %d\n", path, st.Size, st.ModTime)
	}
	return hex.EncodeToString(h.Sum(nil))
}
