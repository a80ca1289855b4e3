package gen

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// entries returns the runner cache's entry directories.
func entries(t *testing.T, env []string) []string {
	t.Helper()
	cache := (&Config{Env: env}).getenv(cacheEnv)
	dirs, err := filepath.Glob(filepath.Join(cache, "runners", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range dirs {
		if st, err := os.Stat(d); err == nil && st.IsDir() && !strings.HasPrefix(filepath.Base(d), ".") {
			out = append(out, d)
		}
	}
	return out
}

// runnerBinary returns the stat of the entry's binary.
func runnerBinary(t *testing.T, entry string) os.FileInfo {
	t.Helper()
	st, err := os.Stat(filepath.Join(entry, binName("runner")))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// leftovers returns the files in an entry besides its source, overlay and
// binary: a process's own binaries and temporary files, which must not
// outlive a run.
func leftovers(t *testing.T, entry string) []string {
	t.Helper()
	des, err := os.ReadDir(entry)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, de := range des {
		switch name := de.Name(); {
		case name == "main.go", name == "overlay.json", name == binName("runner"),
			strings.HasPrefix(name, "stub") && strings.HasSuffix(name, ".go"):
		default:
			out = append(out, name)
		}
	}
	return out
}

// TestRunnerCache checks that a runner is built once and kept: a run with
// nothing changed neither compiles nor links (the binary stays the same
// file), a change rebuilds it, a damaged or missing entry is repaired, and
// runs at the same time share the entry safely.
func TestRunnerCache(t *testing.T) {
	t.Parallel()
	mod, env := newModule(t, map[string]string{"orders/flow.go": flowSource("orders", "Orders", "Validate")})
	pkgDir := filepath.Join(mod, "orders")
	out := filepath.Join(pkgDir, "orders.asl.json")
	gen := func() {
		t.Helper()
		if _, err := Run(context.Background(), Config{Dir: pkgDir, Env: env}); err != nil {
			t.Fatal(err)
		}
	}

	gen()
	es := entries(t, env)
	if len(es) != 1 {
		t.Fatalf("entries after the first run: %v", es)
	}
	entry := es[0]
	first := runnerBinary(t, entry)

	// Nothing changed: go build finds the binary current.
	gen()
	if !os.SameFile(first, runnerBinary(t, entry)) {
		t.Error("a run with nothing changed rebuilt the runner")
	}
	if left := leftovers(t, entry); len(left) > 0 {
		t.Errorf("the run left %v in the entry", left)
	}

	// A change to the user's code: the same entry, a new binary.
	writeTree(t, mod, map[string]string{"orders/flow.go": flowSource("orders", "Orders", "Check")})
	gen()
	if got := startAt(out); got != "Check" {
		t.Fatalf("StartAt %q after an edit", got)
	}
	if es := entries(t, env); len(es) != 1 || es[0] != entry {
		t.Errorf("entries after an edit: %v", es)
	}
	second := runnerBinary(t, entry)
	if os.SameFile(first, second) {
		t.Error("an edit did not rebuild the runner")
	}

	// A damaged binary, a damaged source, a missing binary: rebuilt.
	if err := os.WriteFile(filepath.Join(entry, binName("runner")), []byte("garbage"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(entry, "main.go"), []byte("package main\n\nfunc main() { panic(1) }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	writeTree(t, mod, map[string]string{"orders/flow.go": flowSource("orders", "Orders", "Again")})
	gen()
	if got := startAt(out); got != "Again" {
		t.Fatalf("StartAt %q after damaging the entry", got)
	}
	if st := runnerBinary(t, entry); st.Size() < 1000 {
		t.Errorf("the damaged binary was kept: %d bytes", st.Size())
	}
	if err := os.Remove(filepath.Join(entry, binName("runner"))); err != nil {
		t.Fatal(err)
	}
	gen()
	third := runnerBinary(t, entry)
	gen()
	if !os.SameFile(third, runnerBinary(t, entry)) {
		t.Error("the rebuilt entry is not reused")
	}

	// Runs at the same time, after an edit: every one succeeds and writes
	// the same file; the entry is left whole.
	writeTree(t, mod, map[string]string{"orders/flow.go": flowSource("orders", "Orders", "Together")})
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = Run(context.Background(), Config{Dir: pkgDir, Env: env})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if got := startAt(out); got != "Together" {
		t.Errorf("StartAt %q after concurrent runs", got)
	}
	if left := leftovers(t, entry); len(left) > 0 {
		t.Errorf("concurrent runs left %v in the entry", left)
	}
	last := runnerBinary(t, entry)
	gen()
	if !os.SameFile(last, runnerBinary(t, entry)) {
		t.Error("the entry left by concurrent runs is not current")
	}

	// Other build tags: another entry, and the first one still serves.
	if _, err := Run(context.Background(), Config{Dir: pkgDir, Env: env, Tags: "special"}); err != nil {
		t.Fatal(err)
	}
	if es := entries(t, env); len(es) != 2 {
		t.Errorf("entries after a run with tags: %v", es)
	}
	gen()
	if !os.SameFile(last, runnerBinary(t, entry)) {
		t.Error("a run with other tags replaced the runner of the first")
	}
}

// TestCacheOff checks ASLGEN_CACHE=off: nothing is kept.
func TestCacheOff(t *testing.T) {
	t.Parallel()
	mod, env := newModule(t, map[string]string{"orders/flow.go": flowSource("orders", "Orders", "Validate")})
	cache := (&Config{Env: env}).getenv(cacheEnv)
	env = append(env, cacheEnv+"=off")
	if _, err := Run(context.Background(), Config{Dir: filepath.Join(mod, "orders"), Env: env}); err != nil {
		t.Fatal(err)
	}
	if got := startAt(filepath.Join(mod, "orders", "orders.asl.json")); got != "Validate" {
		t.Errorf("StartAt %q", got)
	}
	if _, err := os.Stat(cache); !os.IsNotExist(err) {
		t.Errorf("the cache was created with %s=off: %v", cacheEnv, err)
	}
}

// TestCleanCache checks the cleaning rule on an entry tree of known ages.
func TestCleanCache(t *testing.T) {
	cache := t.TempDir()
	root := filepath.Join(cache, "runners")
	now := time.Now()
	touch := func(path string, age time.Duration) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(path, "/") {
			if err := os.WriteFile(path, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chtimes(path, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	entry := func(name string, age time.Duration) string {
		dir := filepath.Join(root, name)
		touch(filepath.Join(dir, "main.go"), age)
		touch(filepath.Join(dir, binName("runner")), age)
		touch(dir+"/", age)
		return dir
	}
	fresh := entry("fresh", time.Minute)
	old := entry("old", cacheMaxAge+time.Hour)
	// A binary left by a process killed an hour and a half ago, and one
	// of a run under way, hard-linked (its times are the entry's).
	orphan := filepath.Join(fresh, binName(fmt.Sprintf("%s%d-0123456789ab", privatePrefix, now.Add(-90*time.Minute).UnixNano())))
	running := filepath.Join(fresh, binName(fmt.Sprintf("%s%d-0123456789ab", privatePrefix, now.UnixNano())))
	touch(orphan, time.Minute)
	touch(running, 3*time.Hour)
	touch(fresh+"/", time.Minute)
	// Beyond cacheMaxEntries, entries unused for an hour go; the rest stay.
	var many []string
	for i := range cacheMaxEntries + 2 {
		many = append(many, entry(fmt.Sprintf("e%03d", i), 2*time.Minute+time.Duration(i)*time.Minute))
	}
	record := filepath.Join(cache, "sessions", "x.json")
	touch(record, 25*time.Hour)
	touch(filepath.Join(root, ".trash-0123"), time.Minute)

	cleanCache(cache, now)
	exists := func(path string) bool { _, err := os.Stat(path); return err == nil }
	for path, want := range map[string]bool{
		fresh: true, old: false, orphan: false, running: true, record: false,
		filepath.Join(root, ".trash-0123"): false,
		many[0]:                            true,
		many[cacheMaxEntries-2]:            true, // with fresh, the 64th most recent
		many[cacheMaxEntries-1]:            false,
		many[cacheMaxEntries+1]:            false,
	} {
		if exists(path) != want {
			t.Errorf("%s: exists %v, want %v", strings.TrimPrefix(path, cache), !want, want)
		}
	}

	// The stamp says the cache was cleaned: not again before a day.
	stale := entry("stale", cacheMaxAge+time.Hour)
	cleanCache(cache, now.Add(time.Hour))
	if !exists(stale) {
		t.Error("the cache was cleaned twice within a day")
	}
	cleanCache(cache, now.Add(cacheCleanEvery+time.Minute))
	if exists(stale) {
		t.Error("the cache was not cleaned a day later")
	}
}
