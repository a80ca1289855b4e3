package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOutputPathIsDirectory checks that an output that cannot be written
// (here a directory stands where the ASL file goes) is a clear error, exit
// 2, and that no temporary file is left behind.
func TestOutputPathIsDirectory(t *testing.T) {
	t.Parallel()
	mod := newModule(t, map[string]string{"orders/flow.go": simpleFlow, "orders/x.asl.json/keep": "not a file"})
	r := aslgen(t, mod, "./...")
	r.want(t, 2)
	if !strings.Contains(r.stderr, "x.asl.json") {
		t.Errorf("stderr does not name the file:\n%s", r.stderr)
	}
	if got := listDir(t, filepath.Join(mod, "orders")); got != "flow.go x.asl.json" {
		t.Errorf("files after the failure: %s", got)
	}
}

// TestInterrupted checks that an interrupted run (SIGINT while the user's
// constructor runs) exits 2 and writes nothing.
func TestInterrupted(t *testing.T) {
	t.Parallel()
	mod := newModule(t, map[string]string{"orders/flow.go": `package orders

import (
	"os"
	"time"

	"github.com/aslgen/aslgen/dsl"
)

func Slow() *dsl.Machine {
	os.WriteFile(os.Getenv("STARTED"), nil, 0o644)
	time.Sleep(time.Minute)
	m := dsl.NewMachine("Slow")
	m.Pass("A")
	return m
}
` + directive})
	started := filepath.Join(t.TempDir(), "started")
	cmd := exec.Command(aslgenBin, "./...")
	cmd.Dir = mod
	cmd.Env = append(childEnv(), "STARTED="+started)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(90 * time.Second)
	for {
		if _, err := os.Stat(started); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("the constructor never started:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		exit, ok := err.(*exec.ExitError)
		if !ok || exit.ExitCode() != 2 {
			t.Errorf("exit %v, want 2\n%s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("aslgen did not stop after SIGINT")
	}
	if got := listDir(t, filepath.Join(mod, "orders")); got != "flow.go" {
		t.Errorf("files after the interruption: %s", got)
	}
}
