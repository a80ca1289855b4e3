package dsl_test

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl"
	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
	"github.com/aslgen/aslgen/dsl/sim"
	"github.com/aslgen/aslgen/golden"
)

type order struct {
	ID    string  `json:"id"`
	Total float64 `json:"total"`
}

type receipt struct {
	ChargeID string `json:"chargeId"`
}

// jsonPathMachine uses every state type and every JSONPath-mode field.
func jsonPathMachine() *dsl.Machine {
	m := dsl.NewMachine("EverythingJSONPath").
		Comment("every JSONPath field").
		Timeout(time.Hour).
		Version("1.0")

	failed := m.Fail("Failed").Comment("fails").Error(dsl.ErrorName("Order.Failed")).Cause(dsl.Text("the order failed"))
	failedFromInput := m.Fail("FailedFromInput").Error(dsl.Path("$.error.Error")).Cause(dsl.Path("$.error.Cause"))
	pay := m.Task("Pay").
		Comment("charges the card").
		QueryLanguage(dsl.JSONPath).
		Resource("arn:aws:states:::lambda:invoke.waitForTaskToken").
		Credentials(dsl.Obj{"RoleArn": "arn:aws:iam::123456789012:role/Payments"}).
		InputPath("$.order").
		Parameters(dsl.Obj{
			"FunctionName": "${PayFunctionArn}",
			"Payload": dsl.Obj{
				"order":     dsl.Path("$"),
				"token":     dsl.TaskToken,
				"requestId": dsl.UUID(),
				"greeting":  dsl.Format("Hello, {}!", dsl.Path("$.customer.name")),
			},
		}).
		ResultSelector(dsl.Obj{"chargeId": dsl.Path("$.Payload.chargeId")}).
		ResultPath("$.payment").
		OutputPath("$").
		Assign(dsl.Obj{"charged": dsl.Path("$.payment.chargeId")}).
		Timeout(dsl.Duration(5*time.Minute)).
		Heartbeat(dsl.Duration(time.Minute)).
		Retry(dsl.Retry(dsl.ErrLambdaServiceException, dsl.ErrLambdaTooManyRequestsException).
			Comment("transient").Interval(2*time.Second).MaxAttempts(6).Backoff(2).
			MaxDelay(30*time.Second).Jitter(dsl.JitterFull)).
		Catch(dsl.Catch(failed, "PaymentDeclined").Comment("declined").ResultPath("$.error"),
			dsl.Catch(failedFromInput, dsl.ErrAll).ResultPath(dsl.NullPath))
	poll := m.Task("Poll").Resource("arn:aws:states:::aws-sdk:sfn:describeExecution").
		Timeout(dsl.Path("$.timeouts.task")).Heartbeat(dsl.Path("$.timeouts.heartbeat")).ResultPath(dsl.NullPath)
	check := m.Choice("Check").InputPath("$").OutputPath("$").Assign(dsl.Obj{"checked": true})
	wait := m.Wait("Wait").For(dsl.Duration(10 * time.Second)).InputPath("$").OutputPath("$").Assign(dsl.Obj{"waited": true})
	waitPath := m.Wait("WaitPath").For(dsl.Path("$.delay"))
	waitUntil := m.Wait("WaitUntil").Until(dsl.Time(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)))
	waitUntilPath := m.Wait("WaitUntilPath").Until(dsl.Path("$.shipAt"))
	fanout := m.Parallel("Fanout").
		InputPath("$").
		Parameters(dsl.Obj{"order.$": "$.order", "count": dsl.ArrayLength(dsl.Path("$.items"))}).
		ResultSelector(dsl.Obj{"first": dsl.Path("$[0]")}).
		ResultPath("$.fanout").
		OutputPath("$").
		Assign(dsl.Obj{"fanned": true}).
		Retry(dsl.Retry(dsl.ErrBranchFailed)).
		Catch(dsl.Catch(failed, dsl.ErrAll))
	b1 := fanout.Branch().Comment("first branch")
	b1.Chain(b1.Pass("Left").Result(map[string]any{"side": "left"}))
	b2 := fanout.Branch()
	b2.Chain(b2.Pass("Right").Result([]any{1, "two", nil, true}), b2.Succeed("RightDone").InputPath("$").OutputPath("$"))
	items := m.Map("Items").
		InputPath("$").
		Items(dsl.Path("$.items")).
		ItemSelector(dsl.Obj{"item": dsl.MapItemValue, "index": dsl.MapItemIndex}).
		MaxConcurrency(dsl.Int(5)).
		ResultSelector(dsl.Obj{"all": dsl.Path("$")}).
		ResultPath("$.results").
		OutputPath("$").
		Assign(dsl.Obj{"mapped": true}).
		Retry(dsl.Retry(dsl.ErrAll).MaxAttempts(0)).
		Catch(dsl.Catch(failed, dsl.ErrAll))
	proc := items.ItemProcessor().Comment("per item")
	proc.Chain(proc.Pass("Item").Parameters(dsl.Obj{"sku": dsl.Path("$.item.sku")}))
	done := m.Succeed("Done")
	batch := m.Map("Batch").
		ItemReader(dsl.ItemReader{
			Resource:          "arn:aws:states:::s3:getObject",
			Parameters:        dsl.Obj{"Bucket": "orders", "Key.$": "$.key"},
			InputType:         "CSV",
			CSVHeaderLocation: "GIVEN",
			CSVHeaders:        []string{"id", "total"},
			CSVDelimiter:      "COMMA",
			MaxItems:          dsl.Int(100),
		}).
		ItemBatcher(dsl.ItemBatcher{MaxItemsPerBatch: dsl.Int(10), MaxInputBytesPerBatch: dsl.Int(1024), BatchInput: dsl.Obj{"run.$": "$$.Execution.Id"}}).
		ResultWriter(dsl.ResultWriter{Resource: "arn:aws:states:::s3:putObject", Parameters: dsl.Obj{"Bucket": "results", "Prefix": "run"},
			OutputType: "JSON", Transformation: "NONE"}).
		Distributed(dsl.Express).
		MaxConcurrency(dsl.Path("$.concurrency")).
		ToleratedFailurePercentage(dsl.Percent(5)).
		ToleratedFailureCount(dsl.Int(10)).
		Label("Batch")
	bp := batch.ItemProcessor()
	bp.Pass("BatchItem")
	batchPaths := m.Map("BatchPaths").
		ItemReader(dsl.ItemReader{Resource: "arn:aws:states:::s3:listObjectsV2", Parameters: dsl.Obj{"Bucket": "orders"}, MaxItems: dsl.Path("$.max")}).
		ItemBatcher(dsl.ItemBatcher{MaxItemsPerBatch: dsl.Path("$.perBatch"), MaxInputBytesPerBatch: dsl.Path("$.bytes")}).
		Distributed(dsl.Standard).
		ToleratedFailurePercentage(dsl.Path("$.pct")).
		ToleratedFailureCount(dsl.Path("$.count"))
	batchPaths.ItemProcessor().Pass("PathItem")
	legacy := m.Map("Legacy").UseIterator().Items(dsl.Path("$.items")).Parameters(dsl.Obj{"value.$": "$$.Map.Item.Value"})
	legacy.ItemProcessor().Pass("LegacyItem")
	inline := m.Pass("Inline").InputPath("$").Parameters(dsl.Obj{"x": 1}).ResultPath("$.x").OutputPath("$")

	m.Chain(inline, pay, poll, check)
	ts := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	check.
		When(dsl.StringEquals("$.s", "a").Comment("string"), wait).
		When(dsl.StringEquals("$.s", dsl.Path("$.t")), waitPath).
		When(dsl.Or(
			dsl.StringLessThan("$.s", "b"), dsl.StringLessThan("$.s", dsl.Path("$.t")),
			dsl.StringGreaterThan("$.s", "b"), dsl.StringGreaterThan("$.s", dsl.Path("$.t")),
			dsl.StringLessThanEquals("$.s", "b"), dsl.StringLessThanEquals("$.s", dsl.Path("$.t")),
			dsl.StringGreaterThanEquals("$.s", "b"), dsl.StringGreaterThanEquals("$.s", dsl.Path("$.t")),
			dsl.StringMatches("$.s", "log-*.txt"),
		), waitUntil).
		When(dsl.And(
			dsl.NumericEquals("$.n", 1), dsl.NumericEquals("$.n", dsl.Path("$.m")),
			dsl.NumericLessThan("$.n", 1.5), dsl.NumericLessThan("$.n", dsl.Path("$.m")),
			dsl.NumericGreaterThan("$.n", -1), dsl.NumericGreaterThan("$.n", dsl.Path("$.m")),
			dsl.NumericLessThanEquals("$.n", 1), dsl.NumericLessThanEquals("$.n", dsl.Path("$.m")),
			dsl.NumericGreaterThanEquals("$.n", 1), dsl.NumericGreaterThanEquals("$.n", dsl.Path("$.m")),
		), waitUntilPath).
		When(dsl.And(
			dsl.BooleanEquals("$.b", true), dsl.BooleanEquals("$.b", dsl.Path("$.c")),
			dsl.TimestampEquals("$.ts", ts), dsl.TimestampEquals("$.ts", dsl.Path("$.tt")),
			dsl.TimestampLessThan("$.ts", ts), dsl.TimestampLessThan("$.ts", dsl.Path("$.tt")),
			dsl.TimestampGreaterThan("$.ts", ts), dsl.TimestampGreaterThan("$.ts", dsl.Path("$.tt")),
			dsl.TimestampLessThanEquals("$.ts", ts), dsl.TimestampLessThanEquals("$.ts", dsl.Path("$.tt")),
			dsl.TimestampGreaterThanEquals("$.ts", ts), dsl.TimestampGreaterThanEquals("$.ts", dsl.Path("$.tt")),
		), fanout).
		When(dsl.Not(dsl.Or(
			dsl.IsNull("$.x", true), dsl.IsPresent("$.x", false), dsl.IsNumeric("$.x", true),
			dsl.IsString("$.x", true), dsl.IsBoolean("$.x", true), dsl.IsTimestamp("$.x", true),
		)), items).
		When(dsl.IsPresent("$.batch", true), batch).
		When(dsl.IsPresent("$.batchPaths", true), batchPaths).
		When(dsl.IsPresent("$.legacy", true), legacy).
		Otherwise(done)
	for _, w := range []*dsl.WaitState{wait, waitPath, waitUntil, waitUntilPath} {
		w.Next(done)
	}
	fanout.Next(items)
	items.Next(done)
	return m
}

// jsonataMachine uses every JSONata-mode field.
func jsonataMachine() *dsl.Machine {
	m := dsl.NewMachine("EverythingJSONata").QueryLanguage(dsl.JSONata)
	failed := m.Fail("Failed").Error(dsl.Expr("{% $states.input.error %}")).Cause(dsl.Expr("{% $states.input.cause %}"))
	pay := m.Task("Pay").
		Resource("arn:aws:states:::lambda:invoke").
		Arguments(dsl.Obj{"FunctionName": "${PayFunctionArn}", "Payload": "{% $states.input %}"}).
		Output("{% $states.result.Payload %}").
		Assign(dsl.Obj{"paid": "{% $states.result.Payload.ok %}"}).
		Timeout(dsl.Expr("{% $states.input.timeout %}")).
		Heartbeat(dsl.Expr("{% $states.input.heartbeat %}")).
		Catch(dsl.Catch(failed, dsl.ErrAll).Output(dsl.Obj{"error": "{% $states.errorOutput %}"}).Assign(dsl.Obj{"failed": true}))
	check := m.Choice("Check").Output("{% $states.input %}").Assign(dsl.Obj{"checked": true})
	wait := m.Wait("Wait").For(dsl.Expr("{% $states.input.delay %}")).Output(dsl.Obj{"waited": true})
	waitUntil := m.Wait("WaitUntil").Until(dsl.Expr("{% $states.input.at %}"))
	fan := m.Parallel("Fan").Arguments("{% $states.input %}").Output("{% $states.result %}")
	b := fan.Branch()
	b.Pass("Branch").Output(dsl.Obj{"answer": 42})
	items := m.Map("Items").
		Items("{% $states.input.items %}").
		ItemSelector(dsl.Obj{"item": "{% $states.context.Map.Item.Value %}"}).
		MaxConcurrency(dsl.Expr("{% $states.input.concurrency %}"))
	items.ItemProcessor().Pass("Item")
	batch := m.Map("Batch").
		Items([]any{1, 2, 3}).
		Distributed(dsl.Standard).
		ToleratedFailurePercentage(dsl.Expr("{% $states.input.pct %}")).
		ToleratedFailureCount(dsl.Expr("{% $states.input.count %}")).
		ItemReader(dsl.ItemReader{Resource: "arn:aws:states:::s3:getObject", Arguments: dsl.Obj{"Bucket": "b", "Key": "{% $states.input.key %}"}, InputType: "JSON",
			MaxItems: dsl.Expr("{% $states.input.max %}")}).
		ItemBatcher(dsl.ItemBatcher{MaxItemsPerBatch: dsl.Expr("{% $states.input.perBatch %}"), MaxInputBytesPerBatch: dsl.Expr("{% $states.input.bytes %}")}).
		ResultWriter(dsl.ResultWriter{Resource: "arn:aws:states:::s3:putObject", Arguments: dsl.Obj{"Bucket": "r", "Prefix": "p"}})
	batch.ItemProcessor().Pass("BatchItem")
	done := m.Succeed("Done").Output(dsl.Expr("{% $states.input %}"))
	m.Chain(pay, check)
	check.When(dsl.Condition("{% $states.input.wait %}").Comment("waits").Output("{% $states.input %}").Assign(dsl.Obj{"x": 1}), wait).
		When(dsl.Condition("{% $states.input.later %}"), waitUntil).
		Otherwise(fan)
	m.Chain(wait, fan, items, batch, done)
	waitUntil.Next(done)
	return m
}

// TestEverything builds machines that use every state type and field, checks
// them against committed golden files, validates them, and checks that every
// field of ASL appears in at least one of them.
func TestEverything(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range []struct {
		m    *dsl.Machine
		file string
	}{
		{jsonPathMachine(), "testdata/everything-jsonpath.asl.json"},
		{jsonataMachine(), "testdata/everything-jsonata.asl.json"},
	} {
		golden.ASL(t, tc.m, tc.file)
		doc, err := tc.m.Build()
		if err != nil {
			t.Fatalf("%s: %v", tc.m.Name(), err)
		}
		out, err := asl.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		if ds := asl.ValidateJSON(out); asl.HasErrors(ds) {
			t.Errorf("%s does not validate: %v", tc.m.Name(), ds)
		}
		var v any
		if err := json.Unmarshal(out, &v); err != nil {
			t.Fatal(err)
		}
		collectFields(v, seen, false)
	}
	var missing []string
	for _, f := range allFields {
		if !seen[f] {
			missing = append(missing, f)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("fields no builder method produced: %s", strings.Join(missing, ", "))
	}
}

// allFields lists the field names of ASL: machine, state, rule, retrier,
// catcher, item processor, reader, batcher and writer fields.
var allFields = strings.Fields(`
Comment QueryLanguage StartAt States TimeoutSeconds Version
Type Resource Credentials InputPath Parameters Arguments ResultSelector ResultPath OutputPath Output Assign
TimeoutSecondsPath HeartbeatSeconds HeartbeatSecondsPath Retry Catch Next End Result
Choices Default Seconds SecondsPath Timestamp TimestampPath Error ErrorPath Cause CausePath Branches
ItemsPath Items ItemReader ItemSelector ItemBatcher ItemProcessor Iterator ResultWriter MaxConcurrency
MaxConcurrencyPath ToleratedFailurePercentage ToleratedFailurePercentagePath ToleratedFailureCount
ToleratedFailureCountPath Label ProcessorConfig Mode ExecutionType
ReaderConfig InputType CSVHeaderLocation CSVHeaders CSVDelimiter MaxItems MaxItemsPath
MaxItemsPerBatch MaxItemsPerBatchPath MaxInputBytesPerBatch MaxInputBytesPerBatchPath BatchInput
WriterConfig OutputType Transformation
ErrorEquals IntervalSeconds MaxAttempts BackoffRate MaxDelaySeconds JitterStrategy
Condition Variable And Or Not
StringEquals StringEqualsPath StringLessThan StringLessThanPath StringGreaterThan StringGreaterThanPath
StringLessThanEquals StringLessThanEqualsPath StringGreaterThanEquals StringGreaterThanEqualsPath StringMatches
NumericEquals NumericEqualsPath NumericLessThan NumericLessThanPath NumericGreaterThan NumericGreaterThanPath
NumericLessThanEquals NumericLessThanEqualsPath NumericGreaterThanEquals NumericGreaterThanEqualsPath
BooleanEquals BooleanEqualsPath TimestampEquals TimestampEqualsPath TimestampLessThan TimestampLessThanPath
TimestampGreaterThan TimestampGreaterThanPath TimestampLessThanEquals TimestampLessThanEqualsPath
TimestampGreaterThanEquals TimestampGreaterThanEqualsPath IsNull IsPresent IsNumeric IsString IsBoolean IsTimestamp
`)

// collectFields records the keys of ASL objects in v, skipping state names
// and the contents of payload templates.
func collectFields(v any, seen map[string]bool, names bool) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if !names {
				seen[k] = true
			}
			switch k {
			case "Parameters", "Arguments", "ResultSelector", "ItemSelector", "Output", "Assign", "Result", "Credentials", "BatchInput", "Items":
				if !names {
					continue
				}
			}
			collectFields(x, seen, k == "States" && !names)
		}
	case []any:
		for _, x := range v {
			collectFields(x, seen, false)
		}
	}
}

// TestPayloadTypes checks that declared Go types are carried in the model.
func TestPayloadTypes(t *testing.T) {
	m := dsl.NewMachine("Typed").InputType(dsl.TypeOf[order]()).OutputType(dsl.TypeOf[receipt]())
	m.Task("Pay").Resource("arn:aws:states:::lambda:invoke").OutputPath("$.Payload").
		InputType(dsl.TypeOf[order]()).ResultType(dsl.TypeOf[receipt]())
	if _, err := m.Build(); err != nil {
		t.Fatal(err)
	}
	got := m.PayloadTypes()
	want := []string{"/input/dsl_test.order", "/output/dsl_test.receipt", "Pay/input/dsl_test.order", "Pay/result/dsl_test.receipt"}
	if len(got) != len(want) {
		t.Fatalf("PayloadTypes() = %v, want %v", got, want)
	}
	for i, p := range got {
		if s := p.State + "/" + string(p.Role) + "/" + p.Type.String(); s != want[i] {
			t.Errorf("PayloadTypes()[%d] = %s, want %s", i, s, want[i])
		}
	}
}

// TestLambdaInvokeJSONata checks that LambdaInvoke passes the input as
// Arguments in a JSONata state, and that Arguments set on it replace them.
func TestLambdaInvokeJSONata(t *testing.T) {
	m := dsl.NewMachine("L").QueryLanguage(dsl.JSONata)
	a := m.LambdaInvoke("A", "fn-a")
	b := m.LambdaInvoke("B", "fn-b").Arguments(dsl.Obj{"FunctionName": "fn-b", "Payload": "{% $states.input.x %}"})
	c := m.LambdaInvoke("C", "fn-c").QueryLanguage(dsl.JSONPath)
	m.Chain(a, b, c)
	doc, err := m.Build()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"A": `{"FunctionName":"fn-a","Payload":"{% $states.input %}"}`,
		"B": `{"FunctionName":"fn-b","Payload":"{% $states.input.x %}"}`,
	} {
		st, _ := doc.States.Get(name)
		task := st.(*asl.Task)
		if len(task.Parameters) != 0 || !jsonvalue.Equal(jsonvalue.MustParse(string(task.Arguments)), jsonvalue.MustParse(want)) {
			t.Errorf("%s: Parameters %s, Arguments %s; want Arguments %s", name, task.Parameters, task.Arguments, want)
		}
	}
	st, _ := doc.States.Get("C")
	if task := st.(*asl.Task); len(task.Arguments) != 0 || !strings.Contains(string(task.Parameters), `"Payload.$":"$"`) {
		t.Errorf("C, a JSONPath state: Parameters %s, Arguments %s", task.Parameters, task.Arguments)
	}
}

// TestVariablesInJSONPath builds a typed JSONPath machine that reads
// variables in paths, intrinsic functions and Choice rules, and runs it.
func TestVariablesInJSONPath(t *testing.T) {
	type input struct {
		N int `json:"n"`
	}
	m := dsl.NewMachine("Vars").InputType(dsl.TypeOf[input]())
	set := m.Pass("Set").Assign(dsl.Obj{"cfg": dsl.Obj{"limit": 3}, "n": dsl.Path("$.n")})
	check := m.Choice("Check")
	over := m.Pass("Over").Parameters(dsl.Obj{
		"limit": dsl.Path("$cfg.limit"),
		"text":  dsl.Format("{} > {}", dsl.Path("$n"), dsl.Path("$cfg.limit")),
	})
	under := m.Succeed("Under").InputPath("$cfg")
	m.Chain(set, check)
	check.When(dsl.NumericGreaterThan("$n", dsl.Path("$cfg.limit")), over).Otherwise(under)
	doc, err := m.Build()
	if err != nil {
		t.Fatal(err)
	}
	s, err := sim.New(doc)
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[int]string{5: `{"limit": 3, "text": "5 > 3"}`, 1: `{"limit": 3}`} {
		ex, err := s.Run(context.Background(), input{N: in})
		if err != nil {
			t.Fatal(err)
		}
		if ex.Status != sim.Succeeded || !jsonvalue.Equal(ex.Output, jsonvalue.MustParse(want)) {
			t.Errorf("n=%d: %s %s %s; want %s", in, ex.Status, ex.OutputJSON(), ex.Cause, want)
		}
	}
}

// TestComparisonOperands checks that a comparison writes the operator its
// operand calls for: the value's, or the Path form for a Path, for Go
// values of named types too.
func TestComparisonOperands(t *testing.T) {
	type status string
	type cents int
	ts := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		cond    *dsl.Cond
		op      asl.Operator
		operand string
	}{
		{dsl.StringEquals("$.s", "paid"), asl.OpStringEquals, `"paid"`},
		{dsl.StringEquals("$.s", status("paid")), asl.OpStringEquals, `"paid"`},
		{dsl.StringEquals("$.e", dsl.ErrTaskFailed), asl.OpStringEquals, `"States.TaskFailed"`},
		{dsl.StringEquals("$.s", dsl.Path("$.t")), asl.OpStringEqualsPath, `"$.t"`},
		{dsl.StringEquals("$.s", dsl.ExecutionName), asl.OpStringEqualsPath, `"$$.Execution.Name"`},
		{dsl.NumericLessThan("$.n", 3), asl.OpNumericLessThan, `3`},
		{dsl.NumericLessThan("$.n", 2.5), asl.OpNumericLessThan, `2.5`},
		{dsl.NumericLessThan("$.n", cents(250)), asl.OpNumericLessThan, `250`},
		{dsl.NumericLessThan("$.n", dsl.Path("$limit")), asl.OpNumericLessThanPath, `"$limit"`},
		{dsl.BooleanEquals("$.b", false), asl.OpBooleanEquals, `false`},
		{dsl.BooleanEquals("$.b", dsl.Path("$.c")), asl.OpBooleanEqualsPath, `"$.c"`},
		{dsl.TimestampGreaterThan("$.t", ts), asl.OpTimestampGreaterThan, `"2026-05-01T12:00:00Z"`},
		{dsl.TimestampGreaterThan("$.t", dsl.Path("$.u")), asl.OpTimestampGreaterThanPath, `"$.u"`},
	} {
		m := dsl.NewMachine("M")
		c := m.Choice("C")
		s := m.Succeed("S")
		c.When(tc.cond, s).Otherwise(s)
		doc, err := m.Build()
		if err != nil {
			t.Fatal(err)
		}
		st, _ := doc.States.Get("C")
		r := st.(*asl.Choice).Choices[0]
		if r.Operator != tc.op || string(r.Operand) != tc.operand {
			t.Errorf("got %s %s, want %s %s", r.Operator, r.Operand, tc.op, tc.operand)
		}
	}
}

// TestIntrinsicHelpers checks the ASL text of intrinsic calls built from Go
// values, and that an Intrinsic is a plain call string.
func TestIntrinsicHelpers(t *testing.T) {
	for _, tc := range []struct {
		got  dsl.Intrinsic
		want string
	}{
		{dsl.Format("Hello, {}! It's {}.", dsl.Path("$.name"), dsl.Path("$.day")), `States.Format('Hello, {}! It\'s {}.', $.name, $.day)`},
		{dsl.MathRandom(1, 10), `States.MathRandom(1, 10)`},
		{dsl.MathRandom(1, 10, dsl.Path("$.seed")), `States.MathRandom(1, 10, $.seed)`},
		{dsl.ArrayGetItem(dsl.Array(1, "a{b}", nil, true), dsl.MathAdd(dsl.Path("$.i"), -1)), `States.ArrayGetItem(States.Array(1, 'a\{b\}', null, true), States.MathAdd($.i, -1))`},
		{dsl.Hash(dsl.Path("$.data"), dsl.SHA256), `States.Hash($.data, 'SHA-256')`},
		{dsl.Intrinsic("States.UUID()"), `States.UUID()`},
	} {
		if string(tc.got) != tc.want {
			t.Errorf("got  %s\nwant %s", tc.got, tc.want)
		}
	}
}
