package dsl_test

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl"
	"github.com/aslgen/aslgen/dsl/asl"
)

// line returns the line of its caller, to tell a test where an error belongs.
func line() int {
	_, _, l, _ := runtime.Caller(1)
	return l
}

// TestBuildErrors checks that each kind of mistake is reported at the builder
// call that made it, with the state's name and a clear message.
func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name  string
		build func() (*dsl.Machine, int)
		state string
		msg   string
	}{
		{"LambdaInvoke given another function", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.LambdaInvoke("Pay", "pay").Parameters(dsl.Obj{"FunctionName": "charge", "Payload.$": "$"})
			return m, line() - 1
		}, "Pay", `Parameters: FunctionName charge names another function than LambdaInvoke's "pay"`},
		{"LambdaInvoke given its event as Parameters", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.LambdaInvoke("Pay", "pay").Parameters(dsl.Obj{"orderId": dsl.Path("$.id")})
			return m, line() - 1
		}, "Pay", `Parameters: "orderId" is not a parameter of lambda:invoke`},
		{"LambdaInvoke given an expression as Arguments", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M").QueryLanguage(dsl.JSONata)
			m.LambdaInvoke("Pay", "pay").Arguments("{% $states.input %}")
			return m, line() - 1
		}, "Pay", `Arguments: LambdaInvoke("pay") takes an object of lambda:invoke parameters`},
		{"Fail's CausePath with a broken intrinsic", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.Fail("F").Cause(dsl.Intrinsic("States.Format('order {} failed', $.id"))
			return m, line() - 1
		}, "F", `CausePath "States.Format('order {} failed', $.id": `},
		{"duplicate name", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.Pass("A")
			m.Pass("A")
			return m, line() - 1
		}, "A", `duplicate state name: a Pass state named "A" already exists (created at builder_errors_test.go:`},
		{"duplicate name across a branch", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			p := m.Parallel("P")
			p.Branch().Pass("A")
			p.Branch().Pass("A")
			return m, line() - 1
		}, "A", `in branch 1 of Parallel "P"`},
		{"state given two successors", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			a, b, c := m.Pass("A"), m.Pass("B"), m.Pass("C")
			m.Chain(a, b, c)
			a.Next(c)
			return m, line() - 1
		}, "A", `Next: the state already continues to "B"`},
		{"state chained twice", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			a, b, c := m.Pass("A"), m.Pass("B"), m.Pass("C")
			m.Chain(a, b, c)
			m.Chain(b, a)
			return m, line() - 1
		}, "B", `already continues to "C"`},
		{"state of the machine reused in a branch", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			a := m.Pass("A")
			p := m.Parallel("P")
			m.Chain(a, p)
			br := p.Branch()
			br.Chain(br.Pass("B"), a)
			return m, line() - 1
		}, "A", `Chain: the state belongs to machine "M"`},
		{"state of another machine", func() (*dsl.Machine, int) {
			other := dsl.NewMachine("Other")
			x := other.Pass("X")
			m := dsl.NewMachine("M")
			m.Pass("A").Next(x)
			return m, line() - 1
		}, "A", `Next: missing transition target: "X" belongs to another machine, "Other"`},
		{"transition across a Parallel boundary", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			p := m.Parallel("P")
			done := m.Succeed("Done")
			p.Next(done)
			br := p.Branch()
			br.Pass("Inner").Next(done)
			return m, line() - 1
		}, "Inner", `Next: missing transition target: "Done" is in machine "M"`},
		{"catch into a Map's processor from outside", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			mp := m.Map("M1").Items(dsl.Path("$.items"))
			inner := mp.ItemProcessor().Pass("Inner")
			m.Task("T").Resource("arn:aws:lambda:us-east-1:123456789012:function:f").
				Catch(dsl.Catch(inner, dsl.ErrAll)).Next(mp)
			return m, line() - 1
		}, "T", `Catch: missing transition target: "Inner" is in the item processor of Map "M1"`},
		{"nil Next", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			var missing *dsl.PassState
			m.Pass("A").Next(missing)
			return m, line() - 1
		}, "A", `Next: missing transition target: the state is nil`},
		{"nil Otherwise", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			c := m.Choice("C")
			c.When(dsl.BooleanEquals("$.ok", true), m.Succeed("Yes"))
			c.Otherwise(nil)
			return m, line() - 1
		}, "C", `Otherwise: missing transition target`},
		{"unreachable state", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.Pass("A")
			m.Pass("Orphan")
			return m, line() - 1
		}, "Orphan", `not reachable`},
		{"bad ResultPath", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.Task("Pay").Resource("arn:aws:states:::lambda:invoke").ResultPath("$.payment[")
			return m, line() - 1
		}, "Pay", `ResultPath "$.payment[": unterminated bracket`},
		{"ResultPath into the context object", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.Pass("A").ResultPath("$$.Execution")
			return m, line() - 1
		}, "A", `cannot refer to the context object`},
		{"bad path in a template", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.Pass("A").Parameters(dsl.Obj{"x": dsl.Obj{"y": dsl.Path("$.a[?(")}})
			return m, line() - 1
		}, "A", `Parameters: x.y: path "$.a[?("`},
		{"bad intrinsic in a template", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.Pass("A").Parameters(dsl.Obj{"id": dsl.Intrinsic("States.NoSuch(1)")})
			return m, line() - 1
		}, "A", `unknown intrinsic function States.NoSuch`},
		{"path in a static Result", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.Pass("A").Result(dsl.Obj{"id": dsl.Path("$.id")})
			return m, line() - 1
		}, "A", `Result is static`},
		{"path without a key", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.Pass("A").Parameters(dsl.Path("$.id"))
			return m, line() - 1
		}, "A", `needs a key`},
		{"conflicting template keys", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.Pass("A").Parameters(dsl.Obj{"id": "x", "id.$": "$.id"})
			return m, line() - 1
		}, "A", `both set field "id"`},
		{"template that contains itself", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			loop := dsl.Obj{}
			loop["self"] = loop
			m.Pass("A").Parameters(loop)
			return m, line() - 1
		}, "A", `nested more than 500 levels deep`},
		{"fractional seconds", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.Wait("W").For(dsl.Duration(1500 * time.Millisecond))
			return m, line() - 1
		}, "W", `Seconds must be a whole number of seconds, got 1.5s`},
		{"bad retrier", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			r := dsl.Retry(dsl.ErrTaskFailed).Backoff(0.5)
			m.Task("T").Resource("arn:aws:states:::lambda:invoke").Retry(r)
			return m, line() - 2
		}, "T", `BackoffRate`},
		{"States.ALL not last", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			fail := m.Fail("F")
			t := m.Task("T").Resource("arn:aws:states:::lambda:invoke").Next(fail)
			t.Catch(dsl.Catch(fail, dsl.ErrAll), dsl.Catch(fail, dsl.ErrTimeout))
			return m, line() - 1
		}, "T", `States.ALL`},
		{"Wait with two durations", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.Wait("W").For(dsl.Duration(time.Second)).Until(dsl.Path("$.t"))
			return m, line() - 1
		}, "W", `Seconds`},
		{"Choice followed in a Chain", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			c := m.Choice("C")
			yes := m.Succeed("Yes")
			c.When(dsl.BooleanEquals("$.ok", true), yes).Otherwise(yes)
			m.Chain(c, yes)
			return m, line() - 1
		}, "C", `a Choice state cannot be followed by "Yes"`},
		{"Choice without rules", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.Choice("C").Otherwise(m.Succeed("S"))
			return m, line() - 1
		}, "C", `Choices`},
		{"nested rule with Assign", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			s := m.Succeed("S")
			m.Choice("C").When(dsl.Not(dsl.IsNull("$.x", true).Assign(dsl.Obj{"x": 1})), s).Otherwise(s)
			return m, line() - 1
		}, "C", `belong on the top-level condition`},
		{"Map without an item processor", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.Map("Items").Items(dsl.Path("$.items"))
			return m, line() - 1
		}, "Items", `ItemProcessor`},
		{"path typo against a declared type", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M").InputType(dsl.TypeOf[order]())
			m.Pass("A").Parameters(dsl.Obj{"t": dsl.Path("$.totl")})
			return m, line() - 1
		}, "A", `Parameters "t.$": $.totl: no field "totl" in dsl_test.order (did you mean "total"?)`},
		{"comparison of the wrong kind against a declared type", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M").InputType(dsl.TypeOf[order]())
			c := m.Choice("C")
			s := m.Succeed("S")
			c.When(dsl.NumericGreaterThan("$.id", 3), s).Otherwise(s)
			return m, line() - 1
		}, "C", `$.id`},
		{"JSONata syntax error", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M").QueryLanguage(dsl.JSONata)
			p := m.Pass("A")
			p.Output(dsl.Obj{"total": "{% $sum($states.input.items.price %}"})
			return m, line() - 1
		}, "A", `Output/total: JSONata expression "$sum($states.input.items.price": expected ")" before end of expression at column 31`},
		{"JSONata syntax error in Assign", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M").QueryLanguage(dsl.JSONata)
			p := m.Pass("A")
			p.Assign(map[string]any{"n": "{% 1 + %}"})
			return m, line() - 1
		}, "A", `Assign/n: JSONata expression "1 +": unexpected end of expression at column 4`},
		{"JSONPath field in a JSONata state", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M").QueryLanguage(dsl.JSONata)
			p := m.Pass("A")
			p.Parameters(dsl.Obj{"x": 1})
			return m, line() - 1
		}, "A", `Parameters`},
		{"JSONata field in a JSONPath state", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			p := m.Pass("A")
			p.Output(dsl.Obj{"x": 1})
			return m, line() - 1
		}, "A", `Output`},
		{"variable as ResultPath", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			p := m.Pass("A")
			p.ResultPath("$total")
			return m, line() - 1
		}, "A", `ResultPath cannot write the variable $total; set variables with Assign`},
		{"Path value in a JSONata state", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M").QueryLanguage(dsl.JSONata)
			m.Task("T").Resource("arn:aws:states:::lambda:invoke").Timeout(dsl.Path("$.timeout"))
			return m, line() - 1
		}, "T", `TimeoutSeconds: dsl.Path("$.timeout") is for JSONPath states (TimeoutSecondsPath); in a JSONata state give a dsl.Expr("{% ... %}")`},
		{"Expr value in a JSONPath state", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.Wait("W").For(dsl.Expr("{% $states.input.delay %}"))
			return m, line() - 1
		}, "W", `Seconds: dsl.Expr("{% $states.input.delay %}") is for JSONata states (QueryLanguage(dsl.JSONata)); in a JSONPath state give a dsl.Path`},
		{"Expr value in a JSONPath state set on the state", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M").QueryLanguage(dsl.JSONata)
			mp := m.Map("Items").QueryLanguage(dsl.JSONPath).Items(dsl.Path("$.items"))
			mp.MaxConcurrency(dsl.Expr("{% $states.input.n %}"))
			mp.ItemProcessor().Pass("P")
			return m, line() - 2
		}, "Items", `MaxConcurrency: dsl.Expr("{% $states.input.n %}") is for JSONata states`},
		{"Expr value not written {% %}", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M").QueryLanguage(dsl.JSONata)
			m.Wait("W").Until(dsl.Expr("$states.input.at"))
			return m, line() - 1
		}, "W", `Timestamp: dsl.Expr("$states.input.at") is not written "{% ... %}"`},
		{"intrinsic value in a JSONata state", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M").QueryLanguage(dsl.JSONata)
			m.Fail("F").Cause(dsl.Format("order {} failed", dsl.Path("$.id")))
			return m, line() - 1
		}, "F", `Cause: intrinsic functions are for JSONPath states (CausePath); in a JSONata state give a dsl.Expr("{% ... %}")`},
		{"bad Path value", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.Task("T").Resource("arn:aws:states:::lambda:invoke").Heartbeat(dsl.Path("$.h["))
			return m, line() - 1
		}, "T", `HeartbeatSecondsPath "$.h[": unterminated bracket`},
		{"nil value", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.Wait("W").For(nil)
			return m, line() - 1
		}, "W", `Seconds: no value (nil)`},
		{"fractional Duration value", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.Task("T").Resource("arn:aws:states:::lambda:invoke").Timeout(dsl.Duration(2500 * time.Millisecond))
			return m, line() - 1
		}, "T", `TimeoutSeconds must be a whole number of seconds, got 2.5s`},
		{"value in an ItemReader of the wrong language", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			mp := m.Map("Batch").Distributed(dsl.Standard).
				ItemReader(dsl.ItemReader{Resource: "arn:aws:states:::s3:getObject", Parameters: dsl.Obj{"Bucket": "b", "Key": "k"}, MaxItems: dsl.Expr("{% 10 %}")})
			mp.ItemProcessor().Pass("P")
			return m, line() - 2
		}, "Batch", `ItemReader MaxItems: dsl.Expr("{% 10 %}") is for JSONata states`},
		{"Expr in a JSONPath template", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.Pass("A").Parameters(dsl.Obj{"n": dsl.Expr("{% 1 + 1 %}")})
			return m, line() - 1
		}, "A", `Parameters: n: dsl.Expr("{% 1 + 1 %}") is a JSONata expression, for JSONata states`},
		{"Items array in a JSONPath Map", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			mp := m.Map("Items").Items([]any{1, 2})
			mp.ItemProcessor().Pass("P")
			return m, line() - 2
		}, "Items", `Items: in a JSONPath state give a dsl.Path to the array (ItemsPath)`},
		{"Items path in a JSONata Map", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M").QueryLanguage(dsl.JSONata)
			mp := m.Map("Items").Items(dsl.Path("$.items"))
			mp.ItemProcessor().Pass("P")
			return m, line() - 2
		}, "Items", `Items: dsl.Path("$.items") is for JSONPath states (ItemsPath)`},
		{"comparison with an expression", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			s := m.Succeed("S")
			m.Choice("C").When(dsl.StringEquals("$.s", dsl.Expr("{% 'a' %}")), s).Otherwise(s)
			return m, line() - 1
		}, "C", `StringEquals: compares with a constant or a dsl.Path, not dsl.Expr "{% 'a' %}"`},
		{"unnamed machine", func() (*dsl.Machine, int) {
			m := dsl.NewMachine("")
			m.Pass("A")
			return m, line() - 2
		}, "", `the machine needs a name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, wantLine := tt.build()
			doc, err := m.Build()
			if err == nil {
				t.Fatalf("Build succeeded (%d states), want an error containing %q", doc.States.Len(), tt.msg)
			}
			var list dsl.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error %T is not a dsl.ErrorList: %v", err, err)
			}
			for _, e := range list {
				if !strings.Contains(e.Msg, tt.msg) {
					continue
				}
				if filepath.Base(e.Pos.File) != "builder_errors_test.go" || e.Pos.Line != wantLine {
					t.Errorf("error %q at %s, want builder_errors_test.go:%d", e.Msg, e.Pos, wantLine)
				}
				if e.State != tt.state {
					t.Errorf("error %q names state %q, want %q", e.Msg, e.State, tt.state)
				}
				return
			}
			t.Errorf("no error contains %q; got:\n%v", tt.msg, err)
		})
	}
}

// TestErrorListSorted checks that Build sorts its errors by position and
// formats them as file:line: state "X": message.
func TestErrorListSorted(t *testing.T) {
	m := dsl.NewMachine("M")
	m.Pass("A").ResultPath("$[")
	m.Pass("B").InputPath("x")
	m.Pass("C").OutputPath("$.]")
	_, err := m.Build()
	var list dsl.ErrorList
	if !errors.As(err, &list) || len(list) < 3 {
		t.Fatalf("want at least 3 errors, got %v", err)
	}
	for i := 1; i < len(list); i++ {
		if list[i-1].Pos.Line > list[i].Pos.Line {
			t.Errorf("errors not sorted: line %d before line %d", list[i-1].Pos.Line, list[i].Pos.Line)
		}
	}
	first := list[0].Error()
	if !strings.Contains(first, "builder_errors_test.go:") || !strings.Contains(first, `: state "A": ResultPath "$[":`) {
		t.Errorf("Error() = %q, want file:line: state \"A\": ResultPath ...", first)
	}
}

// TestCheckWarnings checks that a path into an optional member of a declared
// type is a warning, positioned like an error, and does not stop Build.
func TestCheckWarnings(t *testing.T) {
	type shipping struct {
		Express bool `json:"express"`
	}
	type input struct {
		Shipping *shipping `json:"shipping,omitempty"`
	}
	m := dsl.NewMachine("M").InputType(dsl.TypeOf[input]())
	m.Pass("A").Parameters(dsl.Obj{"express": dsl.Path("$.shipping.express")})
	wantLine := line() - 1
	doc, warnings, err := m.Check()
	if err != nil || doc == nil {
		t.Fatalf("Check: %v", err)
	}
	if len(warnings) == 0 {
		t.Fatal("no warning for a path into an optional member")
	}
	for _, w := range warnings {
		if w.Pos.Line != wantLine || w.State != "A" || !strings.Contains(w.Msg, "$.shipping.express: ") {
			t.Errorf("warning %v, want it at line %d about $.shipping.express", w, wantLine)
		}
	}
	if _, err := m.Build(); err != nil {
		t.Errorf("Build fails on a warning: %v", err)
	}
}

// TestLambdaInvokeKeepsFunction checks that Parameters or Arguments set on
// a LambdaInvoke task keep the function it was given.
func TestLambdaInvokeKeepsFunction(t *testing.T) {
	m := dsl.NewMachine("M")
	a := m.LambdaInvoke("A", "${PayArn}").Parameters(dsl.Obj{"Payload": dsl.Obj{"id": dsl.Path("$.id")}, "Qualifier": "live"})
	b := m.LambdaInvoke("B", "ship").Parameters(dsl.Obj{"FunctionName": "ship", "Payload.$": "$"})
	m.Chain(a, b)
	j := dsl.NewMachine("J").QueryLanguage(dsl.JSONata)
	j.LambdaInvoke("C", "price").Arguments(dsl.Obj{"Payload": dsl.Obj{"sku": "{% $states.input.sku %}"}})
	for _, c := range []struct {
		m     *dsl.Machine
		state string
		want  string
	}{
		{m, "A", `"Parameters": {"FunctionName": "${PayArn}", "Payload": {"id.$": "$.id"}, "Qualifier": "live"}`},
		{m, "B", `"Parameters": {"FunctionName": "ship", "Payload.$": "$"}`},
		{j, "C", `"Arguments": {"FunctionName": "price", "Payload": {"sku": "{% $states.input.sku %}"}}`},
	} {
		doc, err := c.m.Build()
		if err != nil {
			t.Fatal(err)
		}
		data, err := asl.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		var states map[string]map[string]json.RawMessage
		var top struct{ States json.RawMessage }
		if err := json.Unmarshal(data, &top); err != nil || json.Unmarshal(top.States, &states) != nil {
			t.Fatalf("%s: %v", data, err)
		}
		field, want, _ := strings.Cut(c.want, ": ")
		field = strings.Trim(field, `"`)
		if !jsonEqual(states[c.state][field], want) {
			t.Errorf("%s %s = %s, want %s", c.state, field, states[c.state][field], want)
		}
	}
}

// TestFailIntrinsicPaths checks that Fail's ErrorPath and CausePath take
// intrinsic functions, as ASL allows.
func TestFailIntrinsicPaths(t *testing.T) {
	m := dsl.NewMachine("M")
	m.Fail("F").Error(dsl.Format("Order.{}", dsl.Path("$.reason"))).Cause(dsl.Format("order {} failed", dsl.Path("$.id")))
	doc, err := m.Build()
	if err != nil {
		t.Fatal(err)
	}
	data, err := asl.Marshal(doc)
	if err != nil || !strings.Contains(string(data), `"CausePath": "States.Format('order {} failed', $.id)"`) {
		t.Errorf("%s %v", data, err)
	}
}

// jsonEqual reports whether two JSON texts hold the same value.
func jsonEqual(a json.RawMessage, b string) bool {
	var x, y any
	return json.Unmarshal(a, &x) == nil && json.Unmarshal([]byte(b), &y) == nil && reflect.DeepEqual(x, y)
}

// TestNoDuplicateErrors checks that a mistake the builder reports is not
// reported again by the validator at the same call.
func TestNoDuplicateErrors(t *testing.T) {
	m := dsl.NewMachine("M")
	m.Pass("A").ResultPath("$$.Execution").Parameters(dsl.Obj{"a": "x", "a.$": "$.y"})
	_, err := m.Build()
	var list dsl.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("want errors, got %v", err)
	}
	if len(list) != 2 {
		t.Errorf("%d errors, want one for ResultPath and one for Parameters:\n%v", len(list), err)
	}
}

// TestValueOfTheWrongLanguage checks that a field given by a value of the
// wrong query language is one error, at the call that set it, with no
// second one from the validator.
func TestValueOfTheWrongLanguage(t *testing.T) {
	for name, build := range map[string]func() (*dsl.Machine, int){
		"Path in JSONata": func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M").QueryLanguage(dsl.JSONata)
			m.Wait("W").
				For(dsl.Path("$.delay"))
			return m, line() - 1
		},
		"Expr in JSONPath": func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M")
			m.Task("T").Resource("arn:aws:states:::lambda:invoke").
				Heartbeat(dsl.Expr("{% $states.input.h %}"))
			return m, line() - 1
		},
		"Intrinsic in JSONata": func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M").QueryLanguage(dsl.JSONata)
			m.Fail("F").
				Error(dsl.Format("Order.{}", dsl.Path("$.reason")))
			return m, line() - 1
		},
		"Items path in JSONata": func() (*dsl.Machine, int) {
			m := dsl.NewMachine("M").QueryLanguage(dsl.JSONata)
			mp := m.Map("Items").
				Items(dsl.Path("$.items"))
			mp.ItemProcessor().Pass("P")
			return m, line() - 2
		},
	} {
		m, wantLine := build()
		_, err := m.Build()
		var list dsl.ErrorList
		if !errors.As(err, &list) || len(list) != 1 || list[0].Pos.Line != wantLine {
			t.Errorf("%s: %v; want one error at line %d", name, err, wantLine)
		}
	}
}

// TestCheckValidatorWarnings checks that the validator's warnings reach
// Check at the builder call, with their code, and that Strict makes them
// errors.
func TestCheckValidatorWarnings(t *testing.T) {
	build := func(strict bool) (*dsl.Machine, int) {
		m := dsl.NewMachine("M").QueryLanguage(dsl.JSONata)
		if strict {
			m.Strict()
		}
		m.Pass("A").Output("{% $undefinedVar %}")
		return m, line() - 1
	}
	m, wantLine := build(false)
	doc, warnings, err := m.Check()
	if err != nil || doc == nil {
		t.Fatalf("Check: %v", err)
	}
	if len(warnings) != 1 || warnings[0].Pos.Line != wantLine || warnings[0].State != "A" ||
		!strings.Contains(warnings[0].Msg, "UNDEFINED_VARIABLE") || !strings.Contains(warnings[0].Msg, "Output") {
		t.Errorf("warnings %v, want one UNDEFINED_VARIABLE at line %d", warnings, wantLine)
	}
	m, wantLine = build(true)
	_, err = m.Build()
	var list dsl.ErrorList
	if !errors.As(err, &list) || len(list) != 1 || list[0].Pos.Line != wantLine || !strings.Contains(list[0].Msg, "UNDEFINED_VARIABLE") {
		t.Errorf("Strict: %v, want the warning as an error at line %d", err, wantLine)
	}
}
