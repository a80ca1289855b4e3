package dsl_test

import (
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl"
)

// errOrderFailed is the error the benchmark workflows fail with.
const errOrderFailed dsl.ErrorName = "Order.Failed"

// fiveStates builds the 5-state workflow of the design's performance targets:
// a task with retry and catch, a choice, a wait, a pass and a succeed.
func fiveStates() *dsl.Machine {
	m := dsl.NewMachine("Five")
	failed := m.Fail("Failed").Error(errOrderFailed)
	pay := m.LambdaInvoke("Pay", "pay").OutputPath("$.Payload").
		Retry(dsl.Retry(dsl.ErrTaskFailed).Interval(time.Second).MaxAttempts(3)).
		Catch(dsl.Catch(failed, dsl.ErrAll).ResultPath("$.error"))
	check := m.Choice("Check")
	wait := m.Wait("Wait").For(dsl.Duration(10 * time.Second))
	done := m.Succeed("Done")
	m.Chain(pay, check)
	check.When(dsl.NumericGreaterThan("$.total", 100), wait).Otherwise(done)
	wait.Next(done)
	return m
}

// BenchmarkBuildFiveStates measures building and validating a 5-state machine
// (target: under 50 µs).
func BenchmarkBuildFiveStates(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := fiveStates().Build(); err != nil {
			b.Fatal(err)
		}
	}
}
