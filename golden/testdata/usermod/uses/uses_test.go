package uses

import (
	"testing"

	"github.com/aslgen/aslgen/golden"
)

func TestUses(t *testing.T) {
	golden.File(t, "testdata/uses.golden", []byte("v2\n"))
}
