package examples

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/aslgen/aslgen/dsl/asl"
)

// TestASLValidatorAcceptsExamples runs the peer tool asl-validator on every
// committed example ASL file. It needs the peer installed by
// ../shared/peer/setup.sh (npm); without it the test skips and says so.
func TestASLValidatorAcceptsExamples(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("skipping: node is not installed (asl-validator runs on Node.js)")
	}
	dir := os.Getenv("PEER_DIR")
	if dir == "" {
		cache := os.Getenv("XDG_CACHE_HOME")
		if cache == "" {
			home, _ := os.UserHomeDir()
			cache = filepath.Join(home, ".cache")
		}
		dir = filepath.Join(cache, "aslgen-peer")
	}
	validator := filepath.Join(dir, "node_modules", "asl-validator", "dist", "bin", "asl-validator.js")
	if _, err := os.Stat(validator); err != nil {
		validator = filepath.Join(dir, "node_modules", ".bin", "asl-validator")
		if _, err := os.Stat(validator); err != nil {
			t.Skipf("skipping: asl-validator not installed in %s; run ../shared/peer/setup.sh", dir)
		}
	}
	files, err := filepath.Glob("*/*.asl.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no example ASL files found (%v)", err)
	}
	more, _ := filepath.Glob("../dsl/testdata/*.asl.json")
	for _, f := range append(files, more...) {
		out, err := exec.Command(node, validator, "--json-path", f).CombinedOutput()
		if err != nil {
			t.Errorf("asl-validator rejects %s: %v\n%s", f, err, out)
		}
	}
}

// TestASLValidateAcceptsExamples checks every committed example ASL file
// with aslgen's own validator, as `aslgen validate` runs it.
func TestASLValidateAcceptsExamples(t *testing.T) {
	files, err := filepath.Glob("*/*.asl.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no example ASL files found (%v)", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range asl.ValidateJSON(data) {
			t.Errorf("%s:%d:%d: %s", f, d.Line, d.Column, d)
		}
	}
}
