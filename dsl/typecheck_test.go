package dsl_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl"
)

type tcCustomer struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

type tcGreeting struct {
	Text string `json:"text"`
}

type tcCharge struct {
	Amount   float64 `json:"amount"`
	Currency string  `json:"currency"`
}

// buildErrors builds m and returns its errors; it fails the test when
// Build succeeds.
func buildErrors(t *testing.T, m *dsl.Machine) dsl.ErrorList {
	t.Helper()
	_, err := m.Build()
	var list dsl.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Build() = %v, want an ErrorList", err)
	}
	return list
}

// wantError checks that list holds exactly one error, at line of this file,
// about state, with msg.
func wantError(t *testing.T, list dsl.ErrorList, line int, state, msg string) {
	t.Helper()
	if len(list) != 1 {
		t.Fatalf("got %d errors, want 1:\n%v", len(list), list)
	}
	e := list[0]
	if filepath.Base(e.Pos.File) != "typecheck_test.go" || e.Pos.Line != line || e.State != state || e.Msg != msg {
		t.Errorf("got  %s:%d: state %q: %s\nwant typecheck_test.go:%d: state %q: %s", filepath.Base(e.Pos.File), e.Pos.Line, e.State, e.Msg, line, state, msg)
	}
}

// TestTypecheckJSONataOutput checks that a typo in a JSONata Output, against
// the declared input type, fails Build at the Output call, naming the field
// and suggesting the member meant.
func TestTypecheckJSONataOutput(t *testing.T) {
	m := dsl.NewMachine("Greeter").QueryLanguage(dsl.JSONata).InputType(dsl.TypeOf[tcCustomer]())
	m.Pass("Greet").Output("{% $states.input.emial %}")
	wantError(t, buildErrors(t, m), line()-1, "Greet",
		`Output: $states.input.emial: no field "emial" in dsl_test.tcCustomer (did you mean "email"?)`)
	if got := buildErrors(t, m).Error(); !strings.Contains(got, `typecheck_test.go:`) ||
		!strings.Contains(got, `state "Greet": Output: $states.input.emial: no field "emial" in dsl_test.tcCustomer (did you mean "email"?)`) {
		t.Errorf("message %q", got)
	}

	// Nested in an object: the member is named.
	m = dsl.NewMachine("Greeter").QueryLanguage(dsl.JSONata).InputType(dsl.TypeOf[tcCustomer]())
	m.Pass("Greet").Output(dsl.Obj{"to": "{% $states.input.nmae %}"})
	wantError(t, buildErrors(t, m), line()-1, "Greet",
		`Output "to": $states.input.nmae: no field "nmae" in dsl_test.tcCustomer (did you mean "name"?)`)

	// Correct, it builds.
	m = dsl.NewMachine("Greeter").QueryLanguage(dsl.JSONata).InputType(dsl.TypeOf[tcCustomer]())
	m.Pass("Greet").Output(dsl.Obj{"text": "{% 'Hello ' & $states.input.name %}"})
	if _, err := m.Build(); err != nil {
		t.Fatal(err)
	}
}

// TestTypecheckJSONataInputType checks that a JSONata LambdaInvoke whose
// payload does not fit its declared InputType fails at the LambdaInvoke
// call (where its Arguments come from).
func TestTypecheckJSONataInputType(t *testing.T) {
	m := dsl.NewMachine("Charge").QueryLanguage(dsl.JSONata).InputType(dsl.TypeOf[tcCustomer]())
	m.LambdaInvoke("Charge", "charge").InputType(dsl.TypeOf[tcCharge]())
	wantError(t, buildErrors(t, m), line()-1, "Charge",
		`Arguments "Payload": the Lambda payload dsl_test.tcCustomer does not fit the declared input dsl_test.tcCharge: missing field "amount" of dsl_test.tcCharge`)
}

// TestTypecheckVariables checks that variables keep the shapes Assign
// gives them, in JSONata and in JSONPath.
func TestTypecheckVariables(t *testing.T) {
	m := dsl.NewMachine("Vars").QueryLanguage(dsl.JSONata).InputType(dsl.TypeOf[tcCustomer]())
	save := m.Pass("Save").Assign(dsl.Obj{"customer": "{% $states.input %}"})
	use := m.Pass("Use").Output("{% $customer.emails %}")
	m.Chain(save, use)
	wantError(t, buildErrors(t, m), line()-2, "Use",
		`Output: $customer.emails: no field "emails" in dsl_test.tcCustomer (did you mean "email"?)`)

	m = dsl.NewMachine("Vars").InputType(dsl.TypeOf[tcCustomer]())
	save = m.Pass("Save").Assign(dsl.Obj{"customer": dsl.Path("$")})
	use = m.Pass("Use").Parameters(dsl.Obj{"to": dsl.Path("$customer.emial")})
	m.Chain(save, use)
	wantError(t, buildErrors(t, m), line()-2, "Use",
		`Parameters "to.$": $customer.emial: no field "emial" in dsl_test.tcCustomer (did you mean "email"?)`)
}

// TestTypecheckOutputType checks that a declared machine output the
// inferred output cannot fit is reported at the OutputType call.
func TestTypecheckOutputType(t *testing.T) {
	m := dsl.NewMachine("Greeter").InputType(dsl.TypeOf[tcCustomer]()).
		OutputType(dsl.TypeOf[tcGreeting]())
	at := line() - 1
	m.Pass("Greet").Parameters(dsl.Obj{"message": dsl.Format("Hello {}", dsl.Path("$.name"))})
	wantError(t, buildErrors(t, m), at, "Greet",
		`OutputType: the output {message: string} does not fit the declared machine output dsl_test.tcGreeting: missing field "text" of dsl_test.tcGreeting`)

	m = dsl.NewMachine("Greeter").InputType(dsl.TypeOf[tcCustomer]()).OutputType(dsl.TypeOf[tcGreeting]())
	m.Pass("Greet").Parameters(dsl.Obj{"text": dsl.Format("Hello {}", dsl.Path("$.name"))})
	if _, err := m.Build(); err != nil {
		t.Fatal(err)
	}
	// Untyped data fits whatever is declared.
	m = dsl.NewMachine("Greeter").OutputType(dsl.TypeOf[tcGreeting]())
	m.Pass("Greet").Parameters(dsl.Obj{"text": dsl.Path("$.anything")})
	if _, err := m.Build(); err != nil {
		t.Fatal(err)
	}
}

// typedFiveStates is the 5-state workflow of the performance targets in
// JSONata, with declared types, so that Build runs the data-flow analysis.
func typedFiveStates() *dsl.Machine {
	m := dsl.NewMachine("TypedFive").QueryLanguage(dsl.JSONata).
		InputType(dsl.TypeOf[tcCharge]()).OutputType(dsl.TypeOf[tcCharge]())
	failed := m.Fail("Failed").Error(errOrderFailed)
	pay := m.LambdaInvoke("Pay", "pay").InputType(dsl.TypeOf[tcCharge]()).ResultType(dsl.TypeOf[tcCharge]()).
		Output("{% $states.result.Payload %}").
		Assign(dsl.Obj{"currency": "{% $states.result.Payload.currency %}"}).
		Retry(dsl.Retry(dsl.ErrTaskFailed).Interval(time.Second).MaxAttempts(3)).
		Catch(dsl.Catch(failed, dsl.ErrAll))
	check := m.Choice("Check")
	wait := m.Wait("Wait").For(dsl.Duration(10 * time.Second))
	done := m.Succeed("Done").Output(dsl.Obj{"amount": "{% $states.input.amount %}", "currency": "{% $currency %}"})
	m.Chain(pay, check)
	check.When(dsl.Condition("{% $states.input.amount > 100 %}"), wait).Otherwise(done)
	wait.Next(done)
	return m
}

// BenchmarkBuildTypedJSONata measures building, validating and analyzing
// a typed 5-state JSONata machine.
func BenchmarkBuildTypedJSONata(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := typedFiveStates().Build(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestResultTypeWarningAtDeclaration checks that a warning about a task's
// declared result is reported at the ResultType call.
func TestResultTypeWarningAtDeclaration(t *testing.T) {
	type response struct {
		Payload    map[string]any `json:"Payload"`
		StatusCode int            `json:"StatusCode"`
	}
	m := dsl.NewMachine("M").InputType(dsl.TypeOf[tcCharge]())
	m.LambdaInvoke("Pay", "pay").
		ResultType(dsl.TypeOf[response]())
	wantLine := line() - 1
	_, warnings, err := m.Check()
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || warnings[0].Pos.Line != wantLine || !strings.Contains(warnings[0].Msg, "ResultType") {
		t.Errorf("warnings %v, want one about ResultType at line %d", warnings, wantLine)
	}
}
