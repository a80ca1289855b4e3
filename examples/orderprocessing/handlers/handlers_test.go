package handlers_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/sim"
	"github.com/aslgen/aslgen/examples/orderprocessing"
	"github.com/aslgen/aslgen/examples/orderprocessing/handlers"
)

// TestHandlersInWorkflow runs the committed workflow with the real handlers
// as its tasks. The generated NewOrderProcessingSimulator and typed mocks
// are test code of package orderprocessing, out of reach here; the tests of
// another package build the simulator from the embedded ASL, and sim.Func
// checks the handlers' types as the generated mocks do.
func TestHandlersInWorkflow(t *testing.T) {
	doc, err := asl.Unmarshal(orderprocessing.OrderProcessingASL())
	if err != nil {
		t.Fatal(err)
	}
	s, err := sim.New(doc,
		sim.Name("OrderProcessing"),
		sim.Strict(),
		sim.OnState("ValidateOrder", sim.Func(handlers.ValidateOrder)),
		sim.OnState("ProcessPayment", sim.Func(handlers.ProcessPayment)),
		sim.OnState("ShipOrder", sim.Func(handlers.ShipOrder)),
	)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := s.Run(context.Background(), orderprocessing.Order{OrderID: "o-1", Amount: 20})
	if err != nil {
		t.Fatal(err)
	}
	var out orderprocessing.OrderProcessingOutput
	if err := ex.DecodeOutput(&out); err != nil {
		t.Fatalf("%v (%s %s)", err, ex.Error, ex.Cause)
	}
	if !out.Paid || !out.Shipped {
		t.Errorf("output %+v", out)
	}

	// A handler's plain error fails the task; the workflow's catcher turns it
	// into Order.ProcessingError.
	ex, err = s.Run(context.Background(), orderprocessing.Order{OrderID: "o-2"})
	if err != nil {
		t.Fatal(err)
	}
	if ex.Status != sim.Failed || ex.Error != "Order.ProcessingError" {
		t.Errorf("invalid order: %s %s", ex.Status, ex.Error)
	}
}

// TestHandlersDoNotLinkSimulator checks that a program built from the
// handlers, such as a Lambda function, does not link the simulator: the
// payload types it imports come without it.
func TestHandlersDoNotLinkSimulator(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list; skipped with -short")
	}
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	for _, dep := range deps {
		if dep == "github.com/aslgen/aslgen/dsl/sim" {
			t.Errorf("the handlers link %s:\n%s", dep, out)
		}
	}
	if len(deps) < 2 || deps[len(deps)-1] != "github.com/aslgen/aslgen/examples/orderprocessing/handlers" {
		t.Errorf("go list -deps gave %v", deps)
	}
}

// leanMain is a Lambda-style program that calls a handler.
const leanMain = `package main

import (
	"context"
	"fmt"

	"github.com/aslgen/aslgen/examples/orderprocessing"
	"github.com/aslgen/aslgen/examples/orderprocessing/handlers"
)

// process is the handler as a Lambda runtime holds it: a function value.
var process = handlers.ProcessPayment

func main() {
	fmt.Println(process(context.Background(), orderprocessing.Order{OrderID: "o-1", Amount: 1}))
}
`

// TestHandlerBinaryIsLean builds a program around a handler and checks
// what it links: not the simulator, and neither the JSONata evaluator nor
// its parser, although the workflow package it imports for the payload
// types also holds the workflow's constructor (package dsl).
func TestHandlerBinaryIsLean(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program; skipped with -short")
	}
	dir := t.TempDir()
	// The program's source exists only in an overlay, in a directory of
	// this module that is not on disk, so that it builds against go.mod.
	pkgDir, err := filepath.Abs(filepath.Join("internal", "leancheck"))
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte(leanMain), 0o644); err != nil {
		t.Fatal(err)
	}
	overlay, err := json.Marshal(map[string]map[string]string{"Replace": {filepath.Join(pkgDir, "main.go"): src}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "overlay.json"), overlay, 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "handler")
	if out, err := exec.Command("go", "build", "-overlay", filepath.Join(dir, "overlay.json"), "-o", bin, "./internal/leancheck").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	syms, err := exec.Command("go", "tool", "nm", bin).Output()
	if err != nil {
		t.Fatalf("go tool nm: %v", err)
	}
	if !strings.Contains(string(syms), "examples/orderprocessing/handlers.ProcessPayment") {
		t.Fatal("the program does not hold the handler: the check is void")
	}
	for _, forbidden := range []string{"aslgen/dsl/sim.", "dsl/jsonata.(*evaluator)", "dsl/jsonata.(*parser)"} {
		if strings.Contains(string(syms), forbidden) {
			t.Errorf("the handler's program links %s", forbidden)
		}
	}
}
