package plain

import "testing"

// TestPlain is a test that does not import golden.
func TestPlain(t *testing.T) {}
