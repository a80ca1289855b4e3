package gen

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"testing"
)

// The benchmarks build a module in a temporary directory that uses this
// repository, and are skipped with -short. They are hermetic: the go
// commands use the module cache only (GOPROXY=off, GOFLAGS=-mod=mod) and
// the runner cache starts empty. Each warms up first, so they measure
// regeneration as a developer sees it:
//
//	go test -run '^$' -bench . -benchtime 10x ./gen

// BenchmarkRegenerate runs the generator on one package, as go generate
// does (in the package, no arguments), in-process.
func BenchmarkRegenerate(b *testing.B) {
	b.Run("NoChange", func(b *testing.B) {
		mod, env := newModule(b, map[string]string{"orders/flow.go": flowSource("orders", "Orders", "Validate")})
		cfg := Config{Dir: filepath.Join(mod, "orders"), Env: env}
		regenerate(b, cfg)
		b.ResetTimer()
		for range b.N {
			regenerate(b, cfg)
		}
	})
	b.Run("OneEdit", func(b *testing.B) {
		mod, env := newModule(b, map[string]string{"orders/flow.go": flowSource("orders", "Orders", "Validate")})
		cfg := Config{Dir: filepath.Join(mod, "orders"), Env: env}
		regenerate(b, cfg)
		b.ResetTimer()
		for i := range b.N {
			// A one-line edit: the first state's name.
			writeModuleFiles(b, mod, map[string]string{"orders/flow.go": flowSource("orders", "Orders", fmt.Sprintf("Validate%d", i))})
			regenerate(b, cfg)
		}
	})
}

func regenerate(b *testing.B, cfg Config) {
	b.Helper()
	if _, err := Run(context.Background(), cfg); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkGoGenerate runs go generate ./... on a module of 10 packages,
// each with one //go:generate go tool aslgen line, with aslgen added as a
// tool of the module (go get -tool), as users do: NoChange with nothing
// changed, OneEdit after a one-line edit in one of the packages.
func BenchmarkGoGenerate(b *testing.B) {
	files := map[string]string{}
	for i := range 10 {
		pkg := fmt.Sprintf("p%d", i)
		files[pkg+"/flow.go"] = flowSource(pkg, "Flow"+pkg, "Validate")
	}
	mod, env := newModule(b, files)
	goCmd(b, mod, env, "get", "-tool", "github.com/aslgen/aslgen/cmd/aslgen@v0.0.0")
	goCmd(b, mod, env, "generate", "./...")
	b.Run("NoChange", func(b *testing.B) {
		goCmd(b, mod, env, "generate", "./...")
		b.ResetTimer()
		for range b.N {
			goCmd(b, mod, env, "generate", "./...")
		}
	})
	b.Run("OneEdit", func(b *testing.B) {
		for i := range b.N {
			b.StopTimer()
			writeModuleFiles(b, mod, map[string]string{"p4/flow.go": flowSource("p4", "Flowp4", fmt.Sprintf("Validate%d", i))})
			b.StartTimer()
			goCmd(b, mod, env, "generate", "./...")
		}
	})
}

func goCmd(b *testing.B, dir string, env []string, args ...string) {
	b.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Env = dir, env
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go %v: %v\n%s", args, err, out)
	}
}
