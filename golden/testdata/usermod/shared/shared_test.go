package shared

import (
	"flag"
	"testing"

	"example.com/usermod/flags"
	"github.com/aslgen/aslgen/golden"
)

func TestShared(t *testing.T) {
	if f := flag.Lookup("update"); f.Usage != "rewrite the user's golden files" {
		t.Fatalf("-update is not the user's flag: %q", f.Usage)
	}
	if *flags.Update && !golden.Updating() {
		t.Fatal("golden does not see the user's -update")
	}
	golden.File(t, "testdata/shared.golden", []byte("v2\n"))
}
