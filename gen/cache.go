package gen

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The runner cache keeps each runner program between runs, so that when
// nothing it depends on changed, go build neither compiles nor links: the
// runner's source, its overlay and its binary stay at the same paths, and
// go build's own up-to-date check (the build ID of the binary at -o) finds
// the binary current. After a change to the user's code, go build's cache
// recompiles only the packages that changed, then links.
//
// Layout: <cache>/runners/<key>/ holds main.go, stub<N>.go, overlay.json and
// the binary, runner (runner.exe on Windows). <cache> is $ASLGEN_CACHE, or
// aslgen in [os.UserCacheDir]; ASLGEN_CACHE=off turns the cache off (each
// run builds in a temporary directory, as with [Config.KeepWork]).
//
// The key ([runnerKey]) is a hash of what decides the binary besides the
// user's code, which go build checks itself: the runner's source and its
// virtual path, the stubs, the module's directory, go.mod and go.sum, the
// build tags and flags, the go command and the environment variables that
// change a build. Everything in an entry but the binary is a function of the
// key, written once; the binary is only ever replaced by a rename.
//
// Two aslgen processes may use one entry at once: each hard-links (or
// copies) the binary to a name of its own in the entry, runs go build -o on
// that name (which does nothing when it is current, or replaces it with a
// new file), runs it, and, when go build wrote a new file, renames it over
// the entry's binary. No process ever writes a file that another may be
// running or reading, and none runs a binary that its own go build did not
// check.
//
// Cleaning ([cleanCache]), at most once a day: entries unused for
// [cacheMaxAge] are removed, and beyond the [cacheMaxEntries] most recently
// used, those unused for an hour; binaries left behind by killed processes
// go after an hour, and go generate session records (<cache>/sessions, see
// session.go) after a day.

// cacheEnv names the environment variable that sets the cache directory.
const cacheEnv = "ASLGEN_CACHE"

const (
	// cacheMaxAge is how long an unused entry is kept.
	cacheMaxAge = 5 * 24 * time.Hour
	// cacheMaxEntries is how many of the most recently used entries are
	// kept however many there are (within cacheMaxAge); beyond them, an
	// entry goes when unused for cacheOrphanAge.
	cacheMaxEntries = 64
	// cacheCleanEvery is how often the cache is cleaned.
	cacheCleanEvery = 24 * time.Hour
	// cacheOrphanAge is how old a binary left by another process, or an
	// entry beyond cacheMaxEntries, must be before it is removed: far
	// longer than any run.
	cacheOrphanAge = time.Hour
)

// runnerLdflags are the linker flags of the runner: no symbol table and no
// DWARF, which the runner never uses (panics and runtime.Caller read the
// pclntab, which stays), for a faster link in less memory.
const runnerLdflags = "-s -w"

// getenv returns the value of the environment variable key in cfg.Env (the
// last setting wins, as for exec.Cmd), or in the process's environment when
// cfg.Env is nil.
func (c *Config) getenv(key string) string {
	if c.Env == nil {
		return os.Getenv(key)
	}
	val := ""
	for _, kv := range c.Env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			val = v
		}
	}
	return val
}

// cacheDir returns the directory of aslgen's cache: $ASLGEN_CACHE, else
// aslgen in the user's cache directory. It returns "" when the cache is off
// (ASLGEN_CACHE=off) or there is no cache directory.
func cacheDir(cfg *Config) string {
	switch dir := cfg.getenv(cacheEnv); dir {
	case "off":
		return ""
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		return filepath.Join(base, "aslgen")
	default:
		if abs, err := filepath.Abs(dir); err == nil {
			return abs
		}
		return dir
	}
}

// buildEnvVars are the environment variables that change what go build
// makes of the same source, part of a runner's key. (go generate sets GOOS,
// GOARCH and GOROOT to the go command's own values, which are also what an
// unset variable means: they count only when set to something else.)
var buildEnvVars = []string{
	"GOFLAGS", "GOOS", "GOARCH", "GOROOT", "GOEXPERIMENT", "GOTOOLCHAIN", "GOWORK", "GOFIPS140",
	"GO386", "GOAMD64", "GOARM", "GOARM64", "GOMIPS", "GOMIPS64", "GOPPC64", "GORISCV64", "GOWASM",
	"CGO_ENABLED", "CC", "CXX", "CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_LDFLAGS",
}

// runnerFile is a file of a runner's overlay: the virtual path it takes
// and its content.
type runnerFile struct {
	virtual string
	content []byte
}

// runnerKey returns the key of the runner cache entry for a group's runner
// in virtDir made of files.
func runnerKey(cfg *Config, g *group, virtDir string, files []runnerFile) string {
	h := sha256.New()
	fmt.Fprintf(h, "aslgen runner cache 1\nvirtual %s\nmodule %s %s\ntags %s\nldflags %s\n",
		virtDir, g.Module.Dir, g.Module.GoMod, cfg.Tags, runnerLdflags)
	for _, f := range files {
		fmt.Fprintf(h, "file %s %d\n", f.virtual, len(f.content))
		h.Write(f.content)
	}
	for _, name := range []string{g.Module.GoMod, filepath.Join(g.Module.Dir, "go.sum")} {
		data, _ := os.ReadFile(name) // a missing file is part of the key too
		fmt.Fprintf(h, "%s %d\n", filepath.Base(name), len(data))
		h.Write(data)
	}
	goCmd, goRoot := goCommand()
	for _, name := range buildEnvVars {
		v := cfg.getenv(name)
		switch {
		case name == "GOOS" && v == runtime.GOOS, name == "GOARCH" && v == runtime.GOARCH,
			name == "GOROOT" && v != "" && sameDir(v, goRoot):
			v = ""
		}
		fmt.Fprintf(h, "env %s=%q\n", name, v)
	}
	fmt.Fprintf(h, "go %s\n", goCmd)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// goCommand identifies the go command in PATH, which builds the runners:
// its path, size and modification time; and returns the GOROOT its path
// implies (GOROOT/bin/go). Both are "" when there is none.
func goCommand() (id, goroot string) {
	path, err := exec.LookPath("go")
	if err != nil {
		return "", ""
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	goroot = filepath.Dir(filepath.Dir(path))
	st, err := os.Stat(path)
	if err != nil {
		return path, goroot
	}
	return fmt.Sprintf("%s %d %d", path, st.Size(), st.ModTime().UnixNano()), goroot
}

// sameDir reports whether a and b name the same directory.
func sameDir(a, b string) bool {
	if a == b {
		return true
	}
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// runnerEntry is a runner's directory, in the cache or not, with the paths
// go build and the run use.
type runnerEntry struct {
	// dir holds the runner's files; overlay is its overlay file.
	dir, overlay string
	// bin is the binary go build checks or writes, and the run executes:
	// in the cache, this process's own name for the entry's binary.
	bin string
	// shared is the entry's binary, which bin replaces after the run when
	// go build rebuilt it; "" outside the cache.
	shared string
	// linked is bin as linked to (or copied from) shared before go build;
	// nil when there was no binary to start from.
	linked os.FileInfo
}

// privatePrefix starts the name of a process's own link to an entry's
// binary, followed by its creation time in Unix nanoseconds.
const privatePrefix = "runner-"

// binName is the name of a runner binary: base, with .exe on Windows.
func binName(base string) string {
	if runtime.GOOS == "windows" {
		return base + ".exe"
	}
	return base
}

// openEntry prepares the cache entry for a runner made of files: it
// creates the entry when missing, marks it used, writes any of its files
// that is missing or differs (a damaged entry is repaired), and gives this
// process its own hard link to (or copy of) the entry's binary.
func openEntry(cache, key, virtDir string, files []runnerFile) (*runnerEntry, error) {
	dir := filepath.Join(cache, "runners", key)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	now := fsNow(cache)
	os.Chtimes(dir, now, now) // the entry's last use, for cleaning
	ovFile, err := writeRunnerFiles(dir, virtDir, files, writeIfChanged)
	if err != nil {
		return nil, err
	}
	suffix, err := randomSuffix()
	if err != nil {
		return nil, err
	}
	// The name says when it was made: a hard link shares the times of the
	// entry's binary, which may be old.
	private := fmt.Sprintf("%s%d-%s", privatePrefix, now.UnixNano(), suffix)
	e := &runnerEntry{dir: dir, overlay: ovFile, shared: filepath.Join(dir, binName("runner")),
		bin: filepath.Join(dir, binName(private))}
	// A damaged binary is left out: go build would refuse to replace a
	// file that is not an executable.
	if isExecutable(e.shared) {
		if err := os.Link(e.shared, e.bin); err != nil {
			copyFile(e.bin, e.shared) // no hard links here: a copy will do, or go build writes one
		}
		e.linked, _ = os.Stat(e.bin)
	}
	return e, nil
}

// executableMagic are the starts of the executable formats go build
// writes: ELF, Mach-O, PE, WebAssembly, XCOFF and Plan 9's.
var executableMagic = []string{
	"\x7fELF", "\xfe\xed\xfa\xce", "\xfe\xed\xfa\xcf", "\xce\xfa\xed\xfe", "\xcf\xfa\xed\xfe", "MZ",
	"\x00asm", "\x01\xdf", "\x01\xf7", "\x00\x00\x01\xeb", "\x00\x00\x8a\x97", "\x00\x00\x06\x47",
}

// isExecutable reports whether the file at path starts as an executable.
func isExecutable(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var head [4]byte
	n, _ := io.ReadFull(f, head[:])
	for _, m := range executableMagic {
		if strings.HasPrefix(string(head[:n]), m) {
			return true
		}
	}
	return false
}

// publish makes the binary that this process's go build wrote, if it
// wrote one, the entry's binary, by a rename, and drops this process's
// name for it. A binary that go build found current is not published: the
// entry may hold a newer one by now.
func (e *runnerEntry) publish() {
	if e.shared == "" {
		return
	}
	defer os.Remove(e.bin)
	mine, err := os.Stat(e.bin)
	if err != nil || e.linked != nil && os.SameFile(mine, e.linked) {
		return // nothing was rebuilt
	}
	os.Rename(e.bin, e.shared) // best effort: on failure, the next run builds again
}

// discard drops this process's name for the entry's binary, after a failed
// build.
func (e *runnerEntry) discard() {
	if e.shared != "" {
		os.Remove(e.bin)
	}
}

// writeMode says how writeRunnerFiles writes a file.
type writeMode int

const (
	// writePlain writes into a fresh directory.
	writePlain writeMode = iota
	// writeIfChanged writes a file only when its content differs, through
	// a temporary file and a rename, so that another process never reads
	// a partly written file.
	writeIfChanged
)

// writeRunnerFiles writes the runner's files into dir as main.go,
// stub<N>.go, ... and the overlay that places each at its virtual path, and
// returns the overlay's path.
func writeRunnerFiles(dir, virtDir string, files []runnerFile, mode writeMode) (string, error) {
	ov := overlay{Replace: make(map[string]string, len(files))}
	write := func(path string, data []byte) error {
		if mode == writePlain {
			return os.WriteFile(path, data, 0o644)
		}
		return writeFileIfChanged(path, data)
	}
	for i, f := range files {
		name := "main.go"
		if i > 0 {
			name = fmt.Sprintf("stub%d.go", i-1)
		}
		path := filepath.Join(dir, name)
		if err := write(path, f.content); err != nil {
			return "", err
		}
		ov.Replace[f.virtual] = path
	}
	ovData, err := marshalOverlay(ov)
	if err != nil {
		return "", err
	}
	ovFile := filepath.Join(dir, "overlay.json")
	return ovFile, write(ovFile, ovData)
}

// writeFileIfChanged writes data to path unless path holds it already,
// through a temporary file renamed into place.
func writeFileIfChanged(path string, data []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// copyFile copies the file src to a new file dst, executable.
func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
	}
	return err
}

// randomSuffix returns 12 random hexadecimal digits.
func randomSuffix() (string, error) {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return hex.EncodeToString(b[:]), nil
}

// cleanCache removes stale runner entries, at most once every
// cacheCleanEvery (a stamp file's time says when it last ran): entries
// unused for cacheMaxAge; beyond the cacheMaxEntries most recently used,
// those unused for cacheOrphanAge; and in the entries kept, the binaries
// that processes killed during a run left behind, after cacheOrphanAge.
// Errors are ignored: what is not removed now is removed next time.
func cleanCache(cache string, now time.Time) {
	root := filepath.Join(cache, "runners")
	stamp := filepath.Join(root, ".cleaned")
	st, err := os.Stat(stamp)
	switch {
	case err == nil && now.Sub(st.ModTime()) < cacheCleanEvery:
		return
	case errors.Is(err, fs.ErrNotExist):
		if f, err := os.Create(stamp); err == nil {
			f.Close()
		}
	}
	os.Chtimes(stamp, now, now)
	cleanSessions(filepath.Join(cache, "sessions"), now)
	entries, err := os.ReadDir(root)
	if err != nil {
		return
	}
	type entry struct {
		dir  string
		used time.Time
	}
	var kept []entry
	for _, de := range entries {
		if strings.HasPrefix(de.Name(), ".trash-") {
			os.RemoveAll(filepath.Join(root, de.Name())) // left by an earlier clean
			continue
		}
		if !de.IsDir() || strings.HasPrefix(de.Name(), ".") {
			continue
		}
		info, err := de.Info()
		if err != nil {
			continue
		}
		dir := filepath.Join(root, de.Name())
		if now.Sub(info.ModTime()) > cacheMaxAge {
			removeEntry(dir)
			continue
		}
		kept = append(kept, entry{dir, info.ModTime()})
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].used.After(kept[j].used) })
	for i, e := range kept {
		if i >= cacheMaxEntries && now.Sub(e.used) > cacheOrphanAge {
			removeEntry(e.dir)
			continue
		}
		removeOrphans(e.dir, now)
	}
}

// cleanSessions removes the session records (see session.go) made more
// than a day ago, long after they stopped serving.
func cleanSessions(dir string, now time.Time) {
	names, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, de := range names {
		if info, err := de.Info(); err == nil && now.Sub(info.ModTime()) > cacheCleanEvery {
			os.Remove(filepath.Join(dir, de.Name()))
		}
	}
}

// removeEntry removes an entry: first out of the way under a name that no
// run uses, then for good.
func removeEntry(dir string) {
	suffix, err := randomSuffix()
	if err != nil {
		return
	}
	trash := filepath.Join(filepath.Dir(dir), ".trash-"+suffix)
	if os.Rename(dir, trash) == nil {
		os.RemoveAll(trash)
	}
}

// removeOrphans removes from an entry the binaries and temporary files
// older than cacheOrphanAge that a process killed during a run left.
func removeOrphans(dir string, now time.Time) {
	names, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	fixed := []string{"main.go", "overlay.json", binName("runner")}
	for _, de := range names {
		name := de.Name()
		if slices.Contains(fixed, name) || strings.HasPrefix(name, "stub") && strings.HasSuffix(name, ".go") {
			continue
		}
		if made, ok := privateTime(name); ok {
			if now.Sub(made) > cacheOrphanAge {
				os.Remove(filepath.Join(dir, name))
			}
			continue
		}
		if info, err := de.Info(); err == nil && now.Sub(info.ModTime()) > cacheOrphanAge {
			os.Remove(filepath.Join(dir, name))
		}
	}
}

// privateTime returns the creation time in the name of a process's own
// link to an entry's binary.
func privateTime(name string) (time.Time, bool) {
	rest, ok := strings.CutPrefix(name, privatePrefix)
	if !ok {
		return time.Time{}, false
	}
	digits, _, _ := strings.Cut(rest, "-")
	ns, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(0, ns), true
}

// fsNow returns the time as the file system records it, by writing a file
// in dir and reading its modification time. The cache's ages compare file
// times, so they compare them with this, not with time.Now: the two may
// disagree (a clock set forward or back, a network file system), and a
// cleaner going by time.Now could remove the entry a run is using.
func fsNow(dir string) time.Time {
	f := filepath.Join(dir, ".now")
	if err := os.WriteFile(f, nil, 0o644); err == nil {
		if st, err := os.Stat(f); err == nil {
			return st.ModTime()
		}
	}
	return time.Now()
}
