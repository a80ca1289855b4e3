package invoicing

import (
	"testing"

	"github.com/aslgen/aslgen/golden"
)

func TestInvoicingASL(t *testing.T) {
	golden.ASL(t, Invoicing(), "invoicing.asl.json")
}
