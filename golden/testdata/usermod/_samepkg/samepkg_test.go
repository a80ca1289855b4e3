package samepkg

import (
	"flag"
	"testing"

	"github.com/aslgen/aslgen/golden"
)

// update cannot be defined here: golden, which this package imports, is
// initialized first and has defined -update.
var update = flag.Bool("update", false, "a second -update")

func TestSamePackage(t *testing.T) {
	golden.File(t, "testdata/samepkg.golden", []byte("v2\n"))
	_ = *update
}
