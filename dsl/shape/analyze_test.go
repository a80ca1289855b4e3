package shape

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/internal/shareddata"
	"github.com/aslgen/aslgen/dsl/jsonpath"
	"github.com/google/go-cmp/cmp"
)

func machine(t testing.TB, doc string) *asl.StateMachine {
	t.Helper()
	sm, err := asl.Unmarshal([]byte(doc))
	if err != nil {
		t.Fatalf("bad test document: %v", err)
	}
	return sm
}

func typeOf[T any]() *Shape { return FromGo(reflect.TypeFor[T]()) }

// summary renders findings as "severity location: message".
func summary(a *Analysis) []string {
	var out []string
	for _, f := range a.Findings {
		out = append(out, f.Severity.String()+" "+f.Location+": "+f.Message)
	}
	return out
}

func expect(t *testing.T, a *Analysis, want ...string) {
	t.Helper()
	if diff := cmp.Diff(want, summary(a)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestTypoDidYouMean(t *testing.T) {
	sm := machine(t, `{"StartAt": "Pay", "States": {
		"Pay": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
			"Credentials": {"RoleArn.$": "$.rol"},
			"Parameters": {"amount.$": "$.amout", "id.$": "$.id", "Customer": {"who.$": "$.customer.nmae"}, "list": [{"x.$": "$.ID"}]},
			"End": true}}}`)
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a,
		`error /States/Pay/Credentials/RoleArn.$: $.rol: no field "rol" in shape.Order`,
		`error /States/Pay/Parameters/amount.$: $.amout: no field "amout" in shape.Order (did you mean "amount"?)`,
		`error /States/Pay/Parameters/Customer/who.$: $.customer.nmae: no field "nmae" in shape.Customer (did you mean "name"?)`,
		`error /States/Pay/Parameters/list/0/x.$: $.ID: no field "ID" in shape.Order (did you mean "id"?)`,
	)
	f := a.Findings[1]
	if f.State != "Pay" || f.Field != `Parameters "amount.$"` || f.Path != "$.amout" || f.Severity != Error {
		t.Errorf("finding %+v", f)
	}
	if got := a.Findings[2].Field; got != `Parameters "Customer/who.$"` {
		t.Errorf("nested field label %q", got)
	}
	// Far from every member: no suggestion.
	sm = machine(t, `{"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.zzzzzzzz", "End": true}}}`)
	expect(t, Analyze(sm, Declared{Input: typeOf[Order]()}),
		`error /States/P/InputPath: $.zzzzzzzz: no field "zzzzzzzz" in shape.Order`)
}

func TestUntypedNoFindings(t *testing.T) {
	sm := machine(t, `{"StartAt": "P", "States": {
		"P": {"Type": "Pass", "InputPath": "$.a.b[0].c", "Parameters": {"x.$": "$.anything", "y.$": "States.ArrayLength($.list)"}, "Next": "Q"},
		"Q": {"Type": "Pass", "OutputPath": "$.x.deep", "End": true}}}`)
	a := Analyze(sm, Declared{})
	expect(t, a)
	if !a.MachineOutput.Equal(Unknown()) {
		t.Errorf("output %s", a.MachineOutput)
	}
	// An open map yields its element type without findings.
	sm = machine(t, `{"StartAt": "P", "States": {"P": {"Type": "Pass", "OutputPath": "$.tags.anykey", "End": true}}}`)
	a = Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a)
	if !a.MachineOutput.Equal(String()) {
		t.Errorf("map member = %s", a.MachineOutput)
	}
}

func TestKindErrors(t *testing.T) {
	sm := machine(t, `{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {
		"a.$": "$.amount.cents", "b.$": "$.id[0]", "c.$": "$.items.sku", "d.$": "$.total[1]", "e.$": "$.created.year",
		"f.$": "$.items[0].sku", "g.$": "$.total.amount"}, "End": true}}}`)
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a,
		`error /States/P/Parameters/a.$: $.amount.cents: amount is number, not an object`,
		`error /States/P/Parameters/b.$: $.id[0]: id is string, not an array`,
		`error /States/P/Parameters/c.$: $.items.sku: items is []shape.Item, not an object`,
		`error /States/P/Parameters/d.$: $.total[1]: total is shape.Money, not an array`,
		`error /States/P/Parameters/e.$: $.created.year: created is timestamp, not an object`,
	)
	out := a.Output["P"]
	if f, _ := out.Field("f"); !f.Shape.Equal(String()) {
		t.Errorf("f = %s", f.Shape)
	}
	if f, _ := out.Field("g"); !f.Shape.Equal(Number()) {
		t.Errorf("g = %s", f.Shape)
	}
}

func TestOptionalWarning(t *testing.T) {
	sm := machine(t, `{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {
		"note.$": "$.note", "email.$": "$.customer.email", "name.$": "$.customer.name"}, "End": true}}}`)
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a,
		`warning /States/P/Parameters/note.$: $.note: field "note" of shape.Order may be absent`,
		`warning /States/P/Parameters/email.$: $.customer.email: customer may be null`,
		`warning /States/P/Parameters/email.$: $.customer.email: field "email" of shape.Customer may be absent`,
		`warning /States/P/Parameters/name.$: $.customer.name: customer may be null`,
	)
	for _, f := range a.Findings {
		if f.Severity != Warning {
			t.Errorf("%v: not a warning", f)
		}
	}
}

func TestResultPathMerge(t *testing.T) {
	doc := `{"StartAt": "Charge", "States": {
		"Charge": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "ResultPath": "$.receipt", "Next": "Ship"},
		"Ship": {"Type": "Pass", "Parameters": {"amount.$": "$.receipt.total.amount", "order.$": "$.id", "x.$": "$.receipt.totl"}, "Next": "Discard"},
		"Discard": {"Type": "Pass", "Result": {"ignored": true}, "ResultPath": null, "Next": "Replace"},
		"Replace": {"Type": "Pass", "Result": {"done": true}, "ResultPath": "$", "OutputPath": "$.done", "End": true}}}`
	a := Analyze(machine(t, doc), Declared{
		Input:      typeOf[Order](),
		TaskResult: map[string]*Shape{"Charge": typeOf[Receipt]()},
	})
	expect(t, a, `error /States/Ship/Parameters/x.$: $.receipt.totl: no field "totl" in shape.Receipt (did you mean "total"?)`)
	out := a.Output["Charge"]
	if f, ok := out.Field("receipt"); !ok || f.Shape.GoType() != reflect.TypeFor[Receipt]() {
		t.Errorf("Charge output %s", out)
	}
	if _, ok := out.Field("amount"); !ok || out.Open() {
		t.Errorf("Charge output %s must keep Order's members and stay closed", out)
	}
	if !a.Output["Discard"].Equal(a.Input["Discard"]) {
		t.Errorf("null ResultPath: output %s, input %s", a.Output["Discard"], a.Input["Discard"])
	}
	if !a.MachineOutput.Equal(Bool()) {
		t.Errorf("machine output %s", a.MachineOutput)
	}
	// Into untyped input, ResultPath makes an open object whose new member is known.
	a = Analyze(machine(t, doc), Declared{TaskResult: map[string]*Shape{"Charge": typeOf[Receipt]()}})
	expect(t, a, `error /States/Ship/Parameters/x.$: $.receipt.totl: no field "totl" in shape.Receipt (did you mean "total"?)`)
	// Into a scalar: an error.
	sm := machine(t, `{"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.id", "Next": "Q"},
		"Q": {"Type": "Pass", "Result": 1, "ResultPath": "$.x.y", "End": true}}}`)
	expect(t, Analyze(sm, Declared{Input: typeOf[Order]()}), `error /States/Q/ResultPath: $.x.y: $ is string, not an object`)
}

type Receipt struct {
	ID    string `json:"id"`
	Total Money  `json:"total"`
}

func TestChoiceUnion(t *testing.T) {
	sm := machine(t, `{"StartAt": "Route", "States": {
		"Route": {"Type": "Choice", "Choices": [{"Variable": "$.paid", "BooleanEquals": true, "Next": "Card"}], "Default": "Invoice"},
		"Card": {"Type": "Pass", "Result": {"last4": "1234", "ref": "c"}, "ResultPath": "$.payment", "Next": "Done"},
		"Invoice": {"Type": "Pass", "Result": {"due": "2024-01-01T00:00:00Z", "ref": "i"}, "ResultPath": "$.payment", "Next": "Done"},
		"Done": {"Type": "Pass", "Parameters": {"ref.$": "$.payment.ref", "last4.$": "$.payment.last4", "bad.$": "$.payment.reff"}, "End": true}}}`)
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a,
		`warning /States/Done/Parameters/last4.$: $.payment.last4: may be absent: no field "last4" in {due: timestamp, ref: string}`,
		`error /States/Done/Parameters/bad.$: $.payment.reff: no field "reff" in {last4: string, ref: string} (did you mean "ref"?)`,
	)
	in := a.Input["Done"]
	if in.Kind() != KindUnion || len(in.Alternatives()) != 2 {
		t.Errorf("Done input = %s, want the union of both branches", in)
	}
	if !a.Input["Card"].Equal(typeOf[Order]()) || !a.Input["Invoice"].Equal(typeOf[Order]()) {
		t.Error("a Choice's output must flow to every target")
	}
}

func TestLoopFixedPoint(t *testing.T) {
	sm := machine(t, `{"StartAt": "Init", "States": {
		"Init": {"Type": "Pass", "Result": 0, "ResultPath": "$.count", "Next": "Work"},
		"Work": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "ResultPath": "$.last", "Next": "Inc"},
		"Inc": {"Type": "Pass", "Parameters": {"count.$": "States.MathAdd($.count, 1)", "id.$": "$.id", "last.$": "$.last"}, "Next": "More"},
		"More": {"Type": "Choice", "Choices": [{"Variable": "$.count", "NumericLessThan": 3, "Next": "Work"}], "Default": "Out"},
		"Out": {"Type": "Pass", "Parameters": {"c.$": "$.count", "r.$": "$.last.total", "x.$": "$.lst"}, "End": true}}}`)
	a := Analyze(sm, Declared{Input: typeOf[Order](), TaskResult: map[string]*Shape{"Work": typeOf[Receipt]()}})
	expect(t, a, `error /States/Out/Parameters/x.$: $.lst: no field "lst" in {count: integer, id: string, last: shape.Receipt} (did you mean "last"?)`)
	work := a.Input["Work"]
	if work.Kind() != KindUnion || len(work.Alternatives()) != 2 {
		t.Errorf("Work input = %s: want the first entry and the loop's", work)
	}
	// A loop that nests deeper on every turn widens to Unknown and ends.
	sm = machine(t, `{"StartAt": "Grow", "States": {
		"Grow": {"Type": "Pass", "Parameters": {"prev.$": "$"}, "Next": "Again"},
		"Again": {"Type": "Choice", "Choices": [{"Variable": "$.prev", "IsPresent": true, "Next": "Grow"}], "Default": "End"},
		"End": {"Type": "Succeed"}}}`)
	a = Analyze(sm, Declared{Input: typeOf[Money]()})
	expect(t, a)
	if a.Input["Grow"].Kind() != KindUnknown {
		t.Errorf("Grow input = %s, want Unknown after widening", a.Input["Grow"])
	}
}

func TestParallel(t *testing.T) {
	sm := machine(t, `{"StartAt": "Both", "States": {
		"Both": {"Type": "Parallel", "Branches": [
			{"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "$.total", "End": true}}},
			{"StartAt": "B", "States": {"B": {"Type": "Pass", "InputPath": "$.itmes", "End": true}}}
		], "ResultSelector": {"money.$": "$[0].amount", "bad.$": "$[2]", "cur.$": "$[0].currncy"}, "Next": "After"},
		"After": {"Type": "Pass", "OutputPath": "$.money", "End": true}}}`)
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a,
		`error /States/Both/Branches/1/States/B/InputPath: $.itmes: no field "itmes" in shape.Order (did you mean "items"?)`,
		`error /States/Both/ResultSelector/bad.$: $[2]: $ has 2 elements, so no index 2`,
		`error /States/Both/ResultSelector/cur.$: $[0].currncy: no field "currncy" in shape.Money (did you mean "currency"?)`,
	)
	if got := a.Output["After"]; !got.Equal(Number()) {
		t.Errorf("After output %s", got)
	}
	sm = machine(t, `{"StartAt": "Both", "States": {
		"Both": {"Type": "Parallel", "Branches": [
			{"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "$.total", "End": true}}},
			{"StartAt": "B", "States": {"B": {"Type": "Pass", "InputPath": "$.id", "End": true}}}
		], "End": true}}}`)
	a = Analyze(sm, Declared{Input: typeOf[Order]()})
	if want := TupleOf(typeOf[Money](), String()); !a.MachineOutput.Equal(want) {
		t.Errorf("Parallel output %s, want %s", a.MachineOutput, want)
	}
}

func TestMap(t *testing.T) {
	sm := machine(t, `{"StartAt": "Each", "States": {
		"Each": {"Type": "Map", "ItemsPath": "$.items",
			"ItemSelector": {"sku.$": "$$.Map.Item.Value.sku", "n.$": "$$.Map.Item.Index", "order.$": "$.id", "q.$": "$$.Map.Item.Value.qyt"},
			"ItemProcessor": {"StartAt": "One", "States": {
				"One": {"Type": "Pass", "Parameters": {"s.$": "$.sku", "n.$": "$.n", "bad.$": "$.skuu"}, "End": true}}},
			"ResultPath": "$.results", "Next": "Out"},
		"Out": {"Type": "Pass", "OutputPath": "$.results[0].s", "End": true}}}`)
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a,
		`error /States/Each/ItemSelector/q.$: $$.Map.Item.Value.qyt: no field "qyt" in shape.Item (did you mean "qty"?)`,
		`error /States/Each/ItemProcessor/States/One/Parameters/bad.$: $.skuu: no field "skuu" in {sku: string, n: integer, order: string, q: unknown} (did you mean "sku"?)`,
	)
	if !a.MachineOutput.Equal(String()) {
		t.Errorf("output %s", a.MachineOutput)
	}
	// Without ItemSelector the iteration input is the item; ItemsPath must
	// be an array or an object.
	sm = machine(t, `{"StartAt": "Each", "States": {
		"Each": {"Type": "Map", "ItemsPath": "$.amount", "ItemProcessor": {"StartAt": "One", "States": {
			"One": {"Type": "Pass", "End": true}}}, "End": true}}}`)
	expect(t, Analyze(sm, Declared{Input: typeOf[Order]()}),
		`error /States/Each/ItemsPath: $.amount: ItemsPath must select an array or an object, but amount is number`)
	sm = machine(t, `{"StartAt": "Each", "States": {
		"Each": {"Type": "Map", "InputPath": "$[0]", "ItemProcessor": {"StartAt": "Two", "States": {
			"Two": {"Type": "Pass", "InputPath": "$.qtty", "End": true}}}, "End": true}}}`)
	a = Analyze(sm, Declared{Input: typeOf[[][]Item]()})
	expect(t, a, `error /States/Each/ItemProcessor/States/Two/InputPath: $.qtty: no field "qtty" in shape.Item (did you mean "qty"?)`)
	if want := typeOf[Item](); !a.Input["Two"].Equal(want) {
		t.Errorf("iteration input %s, want %s", a.Input["Two"], want)
	}
	a = Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a,
		`error /States/Each/InputPath: $[0]: $ is shape.Order, not an array`)
	sm = machine(t, `{"StartAt": "Each", "States": {
		"Each": {"Type": "Map", "ItemProcessor": {"StartAt": "Two", "States": {
			"Two": {"Type": "Pass", "End": true}}}, "End": true}}}`)
	expect(t, Analyze(sm, Declared{Input: typeOf[string]()}),
		`error /States/Each: $: ItemsPath must select an array or an object, but $ is string`)
	// The legacy form: Parameters and Iterator.
	sm = machine(t, `{"StartAt": "Each", "States": {
		"Each": {"Type": "Map", "ItemsPath": "$.items", "Parameters": {"v.$": "$$.Map.Item.Value", "bad.$": "$$.Map.Item.Valeu"},
			"Iterator": {"StartAt": "One", "States": {"One": {"Type": "Pass", "InputPath": "$.v.qty", "End": true}}}, "End": true}}}`)
	a = Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a, `error /States/Each/Parameters/bad.$: $$.Map.Item.Valeu: no field "Valeu" in $$.Map.Item (did you mean "Value"?)`)
	if want := ArrayOf(Integer()); !a.MachineOutput.Equal(want) {
		t.Errorf("legacy Map output %s, want %s", a.MachineOutput, want)
	}
	// Items read by an ItemReader are Unknown; batches are open objects with Items.
	sm = machine(t, `{"StartAt": "Each", "States": {
		"Each": {"Type": "Map", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"}, "Parameters": {"Bucket": "b", "Key": "k"}},
			"ItemBatcher": {"MaxItemsPerBatch": 10},
			"ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "One", "States": {
				"One": {"Type": "Pass", "Parameters": {"items.$": "$.Items", "x.$": "$.BatchInput.x", "input.$": "$$.Execution.Input.anything", "bad.$": "$.Itemz"}, "End": true}}},
			"End": true}}}`)
	a = Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a)
	// $$.Map outside an ItemSelector may be absent.
	sm = machine(t, `{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"i.$": "$$.Map.Item.Index"}, "End": true}}}`)
	expect(t, Analyze(sm, Declared{}), `warning /States/P/Parameters/i.$: $$.Map.Item.Index: field "Map" of $$ may be absent`)
}

func TestCatch(t *testing.T) {
	sm := machine(t, `{"StartAt": "Pay", "States": {
		"Pay": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
			"Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Handle"}], "End": true},
		"Handle": {"Type": "Pass", "Parameters": {"cause.$": "$.error.Cause", "order.$": "$.id", "bad.$": "$.error.Caus"}, "Next": "Replaced"},
		"Replaced": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
			"Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Fallback"}], "End": true},
		"Fallback": {"Type": "Pass", "InputPath": "$.id", "End": true}}}`)
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a,
		`error /States/Handle/Parameters/bad.$: $.error.Caus: no field "Caus" in {Error: string, Cause: string} (did you mean "Cause"?)`,
		`error /States/Fallback/InputPath: $.id: no field "id" in {Error: string, Cause: string}`,
	)
	if f, ok := a.Output["Handle"].Field("cause"); !ok || !f.Shape.Equal(String()) {
		t.Errorf("Handle output %s", a.Output["Handle"])
	}
}

type ChargeRequest struct {
	Amount   float64 `json:"amount"`
	Currency string  `json:"currency"`
}

type ChargeResult struct {
	ChargeID string  `json:"chargeId"`
	Amount   float64 `json:"amount"`
}

func TestLambdaPayload(t *testing.T) {
	doc := `{"StartAt": "Charge", "States": {
		"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
			"Parameters": {"FunctionName": "charge", "Payload": {"amount.$": "$.amount", "currency.$": "$.total.currency"}},
			"ResultSelector": {"code.$": "$.StatusCode", "id.$": "$.Payload.chargeId"},
			"ResultPath": "$.charge", "Next": "Direct"},
		"Direct": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
			"Parameters": {"FunctionName": "charge", "Payload.$": "$.total"},
			"OutputPath": "$.Payload.amount", "Next": "Typo"},
		"Typo": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
			"Parameters": {"FunctionName": "charge", "Payload.$": "$$.Execution.Input.customer"},
			"OutputPath": "$.Payload.amout", "End": true}}}`
	declared := Declared{
		Input:      typeOf[Order](),
		TaskInput:  map[string]*Shape{"Charge": typeOf[ChargeRequest](), "Direct": typeOf[ChargeRequest](), "Typo": typeOf[ChargeRequest]()},
		TaskResult: map[string]*Shape{"Charge": typeOf[ChargeResult](), "Direct": typeOf[ChargeResult](), "Typo": typeOf[ChargeResult]()},
	}
	a := Analyze(machine(t, doc), declared)
	expect(t, a,
		`error /States/Typo/Parameters/Payload.$: the Lambda payload *shape.Customer does not fit the declared input shape.ChargeRequest: missing field "amount" of shape.ChargeRequest`,
		`error /States/Typo/OutputPath: $.Payload.amout: no field "amout" in shape.ChargeResult (did you mean "amount"?)`,
	)
	if got := a.Output["Direct"]; !got.Equal(Number()) {
		t.Errorf("Direct output %s", got)
	}
	if f, ok := a.Result["Charge"].Field("Payload"); !ok || f.Shape.GoType() != reflect.TypeFor[ChargeResult]() {
		t.Errorf("Charge result %s", a.Result["Charge"])
	}
	charge, _ := a.Output["Charge"].Field("charge")
	if want := ObjectOf([]Field{{Name: "code", Shape: Integer()}, {Name: "id", Shape: String()}}, false); !charge.Shape.Equal(want) {
		t.Errorf("charge = %s, want %s", charge.Shape, want)
	}
	if eff := a.EffectiveInput["Direct"]; eff.Kind() != KindObject {
		t.Errorf("effective input %s", eff)
	}
	// Without a declared result, a Lambda's result is Unknown.
	a = Analyze(machine(t, doc), Declared{Input: typeOf[Order]()})
	expect(t, a)

	// A deploy tool's partition placeholder is the same integration.
	a = Analyze(machine(t, strings.ReplaceAll(doc, "arn:aws:", "arn:${AWS::Partition}:")), declared)
	expect(t, a,
		`error /States/Typo/Parameters/Payload.$: the Lambda payload *shape.Customer does not fit the declared input shape.ChargeRequest: missing field "amount" of shape.ChargeRequest`,
		`error /States/Typo/OutputPath: $.Payload.amout: no field "amout" in shape.ChargeResult (did you mean "amount"?)`,
	)

	// With .waitForTaskToken the function still receives the Payload, and
	// the task's result is the declared result itself, not wrapped.
	wait := `{"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
		"Parameters": {"FunctionName": "ask", "Payload": {"amount.$": "$.amount", "currency": "EUR", "token.$": "$$.Task.Token"}},
		"OutputPath": "$.chargeId", "End": true}}}`
	a = Analyze(machine(t, wait), Declared{Input: typeOf[Order](),
		TaskInput: map[string]*Shape{"Ask": typeOf[ChargeRequest]()}, TaskResult: map[string]*Shape{"Ask": typeOf[ChargeResult]()}})
	expect(t, a)
	if got := a.Output["Ask"]; !got.Equal(String()) {
		t.Errorf("Ask output %s, want the declared result's chargeId", got)
	}
}

func TestTaskInputFits(t *testing.T) {
	declared := Declared{Input: typeOf[Order](), TaskInput: map[string]*Shape{"T": typeOf[ChargeRequest]()}}
	cases := []struct {
		fields string
		want   []string
	}{
		{`"Parameters": {"amount.$": "$.amount", "currency.$": "$.total.currency"}`, nil},
		{`"Parameters": {"amount.$": "$.amount"}`, []string{
			`error /States/T/Parameters: the effective input {amount: number} does not fit the declared input shape.ChargeRequest: missing field "currency" of shape.ChargeRequest`}},
		{`"Parameters": {"amount.$": "$.id", "currency": "EUR"}`, []string{
			`error /States/T/Parameters: the effective input {amount: string, currency: string} does not fit the declared input shape.ChargeRequest: .amount: string does not fit number`}},
		{`"InputPath": "$.total"`, nil},
		{`"InputPath": "$.items"`, []string{
			`error /States/T/InputPath: the effective input []shape.Item does not fit the declared input shape.ChargeRequest: []shape.Item does not fit shape.ChargeRequest`}},
		{``, []string{
			`error /States/T: the effective input shape.Order does not fit the declared input shape.ChargeRequest: missing field "currency" of shape.ChargeRequest`}},
	}
	for _, c := range cases {
		doc := `{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", ` + c.fields + strings.Repeat(",", min(len(c.fields), 1)) + ` "End": true}}}`
		a := Analyze(machine(t, doc), declared)
		if diff := cmp.Diff(c.want, summary(a)); diff != "" {
			t.Errorf("%s: findings (-want +got):\n%s", c.fields, diff)
		}
	}
}

func TestChoiceKinds(t *testing.T) {
	type In struct {
		Name  string    `json:"name"`
		Count int       `json:"count"`
		Flag  bool      `json:"flag"`
		Maybe *int      `json:"maybe"`
		Any   any       `json:"any"`
		When  string    `json:"when"`
		Opt   string    `json:"opt,omitempty"`
		List  []string  `json:"list"`
		Sub   *Customer `json:"sub,omitempty"`
		Mixed any       `json:"-"`
	}
	sm := machine(t, `{"StartAt": "C", "States": {
		"C": {"Type": "Choice", "Choices": [
			{"Variable": "$.name", "NumericEquals": 1, "Next": "X"},
			{"Variable": "$.count", "StringEquals": "1", "Next": "X"},
			{"Variable": "$.name", "BooleanEquals": true, "Next": "X"},
			{"Variable": "$.count", "TimestampLessThan": "2024-01-01T00:00:00Z", "Next": "X"},
			{"Variable": "$.maybe", "NumericGreaterThan": 1, "Next": "X"},
			{"Variable": "$.any", "NumericGreaterThan": 1, "Next": "X"},
			{"Variable": "$.when", "TimestampEquals": "2024-01-01T00:00:00Z", "Next": "X"},
			{"Variable": "$.flag", "BooleanEquals": true, "Next": "X"},
			{"And": [{"Variable": "$.count", "NumericEqualsPath": "$.name"}, {"Not": {"Variable": "$.nmae", "StringEquals": "a"}}], "Next": "X"},
			{"Variable": "$.opt", "StringEquals": "a", "Next": "X"},
			{"And": [{"Variable": "$.sub", "IsPresent": true}, {"Variable": "$.sub.name", "StringEquals": "a"}], "Next": "X"},
			{"Variable": "$.list", "IsPresent": true, "Next": "X"},
			{"Variable": "$.gone", "IsPresent": false, "Next": "X"}
		], "Default": "X"},
		"X": {"Type": "Succeed"}}}`)
	a := Analyze(sm, Declared{Input: typeOf[In]()})
	expect(t, a,
		`error /States/C/Choices/0/Variable: $.name: NumericEquals needs a number, but name is string`,
		`error /States/C/Choices/1/Variable: $.count: StringEquals needs a string, but count is integer`,
		`error /States/C/Choices/2/Variable: $.name: BooleanEquals needs a boolean, but name is string`,
		`error /States/C/Choices/3/Variable: $.count: TimestampLessThan needs a timestamp string, but count is integer`,
		`error /States/C/Choices/8/And/0/NumericEqualsPath: $.name: NumericEqualsPath needs a number, but name is string`,
		`error /States/C/Choices/8/And/1/Not/Variable: $.nmae: no field "nmae" in shape.In (did you mean "name"?)`,
		`warning /States/C/Choices/9/Variable: $.opt: field "opt" of shape.In may be absent`,
		`warning /States/C/Choices/12/Variable: $.gone: no field "gone" in shape.In`,
	)
	if got := a.Findings[5].Field; got != "Choices[8].And[1].Not.Variable" {
		t.Errorf("field label %q", got)
	}
}

func TestIntrinsics(t *testing.T) {
	sm := machine(t, `{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {
		"format.$": "States.Format('{} {}', $.id, $.amount)",
		"len.$": "States.ArrayLength($.items)",
		"add.$": "States.MathAdd($.items[0].qty, 1)",
		"json.$": "States.StringToJson($.id)",
		"arr.$": "States.Array($.id, $.amount)",
		"uuid.$": "States.UUID()",
		"item.$": "States.ArrayGetItem($.items, 0)",
		"part.$": "States.ArrayPartition($.items, 2)",
		"has.$": "States.ArrayContains($.items, 1)",
		"range.$": "States.ArrayRange(1, 9, 2)",
		"split.$": "States.StringSplit($.id, ',')",
		"merge.$": "States.JsonMerge($.total, $.customer, false)",
		"hash.$": "States.Hash($.id, 'SHA-256')",
		"rand.$": "States.MathRandom(1, 9)",
		"b64.$": "States.Base64Encode(States.JsonToString($.total))",
		"badlen.$": "States.ArrayLength($.id)",
		"typo.$": "States.Format('{}', $.amout)"
	}, "End": true}}}`)
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a,
		`error /States/P/Parameters/badlen.$: $.id: argument 1 of States.ArrayLength must be an array, but id is string`,
		`error /States/P/Parameters/typo.$: $.amout: no field "amout" in shape.Order (did you mean "amount"?)`,
	)
	want := map[string]*Shape{
		"format": String(), "len": Integer(), "add": Integer(), "json": Unknown(),
		"arr": ArrayOf(Union(String(), Number())), "uuid": String(), "item": typeOf[Item](),
		"part": ArrayOf(ArrayOf(typeOf[Item]())), "has": Bool(), "range": ArrayOf(Integer()),
		"split": ArrayOf(String()), "hash": String(), "rand": Integer(), "b64": String(),
		"merge": Unknown(),
	}
	out := a.Output["P"]
	for name, w := range want {
		f, _ := out.Field(name)
		if !f.Shape.Equal(w) {
			t.Errorf("%s = %s, want %s", name, f.Shape, w)
		}
	}
	m := merge(typeOf[Money](), ObjectOf([]Field{{Name: "amount", Shape: String()}, {Name: "x", Shape: Bool()}}, false))
	if want := ObjectOf([]Field{{Name: "amount", Shape: String()}, {Name: "currency", Shape: String()}, {Name: "x", Shape: Bool()}}, false); !m.Equal(want) {
		t.Errorf("JsonMerge = %s, want %s", m, want)
	}
}

func TestContextObject(t *testing.T) {
	sm := machine(t, `{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {
		"id.$": "$$.Execution.Id", "at.$": "$$.State.EnteredTime", "amount.$": "$$.Execution.Input.amount",
		"bad.$": "$$.Execution.Input.amout", "bad2.$": "$$.Exection.Id"}, "End": true}}}`)
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a,
		`error /States/P/Parameters/bad.$: $$.Execution.Input.amout: no field "amout" in shape.Order (did you mean "amount"?)`,
		`error /States/P/Parameters/bad2.$: $$.Exection.Id: no field "Exection" in $$ (did you mean "Execution"?)`,
	)
	// What the context object holds depends on the state, as AWS records it.
	sm2 := machine(t, `{"StartAt": "P", "States": {
		"P": {"Type": "Pass", "Parameters": {"r.$": "$$.State.RetryCount", "d.$": "$$.Execution.RedriveCount", "t.$": "$$.Task.Token"}, "Next": "T"},
		"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Parameters": {"r.$": "$$.State.RetryCount", "t.$": "$$.Task.Token"}, "Next": "S"},
		"S": {"Type": "Task", "Resource": "${Substituted}", "Parameters": {"t.$": "$$.Task.Token"}, "End": true}}}`)
	expect(t, Analyze(sm2, Declared{}),
		`warning /States/P/Parameters/r.$: $$.State.RetryCount: field "RetryCount" of $$.State may be absent`,
		`warning /States/P/Parameters/d.$: $$.Execution.RedriveCount: field "RedriveCount" of $$.Execution may be absent`,
		`warning /States/P/Parameters/t.$: $$.Task.Token: field "Task" of $$ may be absent`,
	)
	out := a.Output["P"]
	for name, w := range map[string]*Shape{"id": String(), "at": Timestamp(), "amount": Number()} {
		if f, _ := out.Field(name); !f.Shape.Equal(w) {
			t.Errorf("%s = %s", name, f.Shape)
		}
	}
}

func TestPathFields(t *testing.T) {
	type In struct {
		Secs  int    `json:"secs"`
		Name  string `json:"name"`
		When  string `json:"when"`
		Err   string `json:"err"`
		Count int    `json:"count"`
		Items []Item `json:"items"`
		Money Money  `json:"money"`
	}
	sm := machine(t, `{"StartAt": "W", "States": {
		"W": {"Type": "Wait", "SecondsPath": "$.name", "Next": "W2"},
		"W2": {"Type": "Wait", "TimestampPath": "$.wen", "Next": "W3"},
		"W3": {"Type": "Wait", "InputPath": "$.money", "SecondsPath": "$.amount", "OutputPath": "$$.Execution.Input", "Next": "T"},
		"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "TimeoutSecondsPath": "$.secs", "HeartbeatSecondsPath": "$.name",
			"ResultPath": null, "Next": "M"},
		"M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrencyPath": "$.cnt", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}},
			"ResultPath": null, "Next": "F"},
		"F": {"Type": "Fail", "ErrorPath": "$.count", "CausePath": "States.Format('{}', $.errr)"}}}`)
	a := Analyze(sm, Declared{Input: typeOf[In]()})
	expect(t, a,
		`error /States/W/SecondsPath: $.name: SecondsPath must select a number, but name is string`,
		`error /States/W2/TimestampPath: $.wen: no field "wen" in shape.In (did you mean "when"?)`,
		`error /States/T/HeartbeatSecondsPath: $.name: HeartbeatSecondsPath must select a number, but name is string`,
		`error /States/M/MaxConcurrencyPath: $.cnt: no field "cnt" in shape.In`,
		`error /States/F/ErrorPath: $.count: ErrorPath must select a string, but count is integer`,
		`error /States/F/CausePath: $.errr: no field "errr" in shape.In (did you mean "err"?)`,
	)
	sm = machine(t, `{"StartAt": "W", "States": {"W": {"Type": "Wait", "InputPath": "$.money", "Seconds": 1, "End": true}}}`)
	if a := Analyze(sm, Declared{Input: typeOf[In]()}); !a.MachineOutput.Equal(typeOf[Money]()) {
		t.Errorf("a Wait passes its effective input: %s", a.MachineOutput)
	}
	if _, ok := a.Output["F"]; ok {
		t.Error("a Fail state has no output")
	}
	if !a.MachineOutput.Equal(Unknown()) {
		t.Errorf("a machine that can only fail has output %s", a.MachineOutput)
	}
}

func TestNullPaths(t *testing.T) {
	sm := machine(t, `{"StartAt": "P", "States": {
		"P": {"Type": "Pass", "InputPath": null, "Parameters": {"x.$": "$.id"}, "Next": "Q"},
		"Q": {"Type": "Pass", "OutputPath": null, "End": true}}}`)
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a, `error /States/P/Parameters/x.$: $.id: no field "id" in {}`)
	if !a.MachineOutput.Equal(ObjectOf(nil, false)) {
		t.Errorf("output %s", a.MachineOutput)
	}
}

func TestIndefinitePaths(t *testing.T) {
	sm := machine(t, `{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {
		"skus.$": "$.items[*].sku", "big.$": "$.items[?(@.qty > 1)]", "all.$": "$..sku", "some.$": "$.items[0:2]",
		"n.$": "$.items.length()", "pick.$": "$.total['amount','currency']", "bad.$": "$.items[*].skus",
		"vals.$": "$.total.*"}, "End": true}}}`)
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a, `error /States/P/Parameters/bad.$: $.items[*].skus: no field "skus" in shape.Item (did you mean "sku"?)`)
	out := a.Output["P"]
	want := map[string]*Shape{
		"skus": ArrayOf(String()),
		"big":  ArrayOf(typeOf[Item]()),
		"all":  ArrayOf(String()),
		"some": ArrayOf(typeOf[Item]()),
		"n":    Integer(),
		"pick": typeOf[Money](),
		"vals": ArrayOf(Union(Number(), String())),
	}
	for name, w := range want {
		if f, _ := out.Field(name); !f.Shape.Equal(w) {
			t.Errorf("%s = %s, want %s", name, f.Shape, w)
		}
	}
}

func TestJSONata(t *testing.T) {
	sm := machine(t, `{"QueryLanguage": "JSONata", "StartAt": "A", "States": {
		"A": {"Type": "Pass", "Output": "{% $states.input.nothing %}", "Next": "B"},
		"B": {"Type": "Pass", "QueryLanguage": "JSONPath", "InputPath": "$.whatever.deep", "End": true}}}`)
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	// A path the types rule out is reported, and then Unknown: B's path
	// into it finds nothing more.
	expect(t, a, `error /States/A/Output: $states.input.nothing: no field "nothing" in shape.Order`)
	if a.Output["A"].Kind() != KindUnknown || !a.Input["A"].Equal(typeOf[Order]()) {
		t.Errorf("A: input %s output %s", a.Input["A"], a.Output["A"])
	}
}

func TestMachineOutput(t *testing.T) {
	sm := machine(t, `{"StartAt": "C", "States": {
		"C": {"Type": "Choice", "Choices": [
			{"Variable": "$.paid", "BooleanEquals": true, "Next": "Yes"},
			{"Variable": "$.paid", "BooleanEquals": false, "Next": "No"}], "Default": "Bad"},
		"Yes": {"Type": "Pass", "InputPath": "$.id", "End": true},
		"No": {"Type": "Succeed", "InputPath": "$.amount"},
		"Bad": {"Type": "Fail", "Error": "X"}}}`)
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a)
	if want := Union(String(), Number()); !a.MachineOutput.Equal(want) {
		t.Errorf("output %s, want %s", a.MachineOutput, want)
	}
}

func TestFindingOrder(t *testing.T) {
	sm := machine(t, `{"StartAt": "A", "States": {
		"A": {"Type": "Parallel", "Parameters": {"p.$": "$.x1"}, "Branches": [
			{"StartAt": "B", "States": {"B": {"Type": "Pass", "Parameters": {"a.$": "$.x2"}, "OutputPath": "$.x3", "End": true}}}
		], "ResultSelector": {"a.$": "$.x4"}, "ResultPath": "$.r", "OutputPath": "$.x5", "Next": "Z"},
		"Z": {"Type": "Pass", "InputPath": "$$.Execution.Input.x6", "End": true}}}`)
	a := Analyze(sm, Declared{Input: ObjectOf(nil, false)})
	var locs []string
	for _, f := range a.Findings {
		locs = append(locs, f.Location)
	}
	want := []string{
		"/States/A/Parameters/p.$",
		"/States/A/Branches/0/States/B/Parameters/a.$",
		"/States/A/Branches/0/States/B/OutputPath",
		"/States/A/ResultSelector/a.$",
		"/States/A/OutputPath",
		"/States/Z/InputPath",
	}
	if diff := cmp.Diff(want, locs); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

func TestSelect(t *testing.T) {
	p := mustPath(t, "$.customer.nmae")
	s, fs := Select(typeOf[Order](), p)
	if s.Kind() != KindUnknown || len(fs) != 1 || fs[0].Severity != Error || fs[0].Path != "$.customer.nmae" ||
		fs[0].Message != `$.customer.nmae: no field "nmae" in shape.Customer (did you mean "name"?)` {
		t.Errorf("Select = %s, %+v", s, fs)
	}
}

// knownFindings lists the findings an untyped analysis makes on corpus
// documents; each is a real mistake in the document.
var knownFindings = map[string][]string{
	// The Map iterates over numbers, so a catcher's ResultPath cannot
	// place the error output into the iteration's input.
	"app-control-concurrency-with-dynamodb-tf__test-run-semaphore.asl.json": {
		`error /States/StartInParallel/Iterator/States/RunChildStateMachine/Catch/0/ResultPath: $.stateoutput.RunChildStateMachine: $ is integer, not an object`,
	},
	// $$.Task.Token exists only in a .waitForTaskToken task; this one is
	// a plain putEvents.
	"emit-and-wait__statemachine.asl.json": {
		`warning /States/Emit - TIMEDOUT/Parameters/Entries/0/Detail/TaskToken.$: $$.Task.Token: field "Task" of $$ may be absent`,
	},
	// The same in JSONata: these tasks start a child execution with .sync:2,
	// which has no task token.
	"distributed-data-stream-aggregator__data-extraction-child.asl.json": {
		`warning /States/Iterate states/ItemProcessor/States/Get Data/Arguments/Input/childTaskToken: $states.context.Task.Token: field "Task" of $states.context may be absent`,
	},
	"distributed-data-stream-aggregator__statemachine.asl.json": {
		`warning /States/Iterate Containers/ItemProcessor/States/Extract Data/Arguments/Input/taskToken: $states.context.Task.Token: field "Task" of $states.context may be absent`,
	},
	// SetupWait's output has waitTime only; DoWait2 reads a timeout the
	// document never sets.
	"valid-wait-jsonata.asl.json": {
		`error /States/DoWait2/Timestamp: $states.input.timeout: no field "timeout" in {waitTime: integer}`,
	},
}

func TestCorpusUntyped(t *testing.T) {
	files := append(shareddata.Glob(t, "corpus/workflows-collection/*.json"),
		shareddata.Glob(t, "conformance/validator/valid-*.json")...)
	decoded := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sm, err := asl.Unmarshal(data)
		if err != nil {
			continue
		}
		decoded++
		a := Analyze(sm, Declared{})
		got := summary(a)
		if diff := cmp.Diff(knownFindings[filepath.Base(f)], got); diff != "" {
			t.Errorf("%s: findings (-want +got):\n%s", filepath.Base(f), diff)
		}
	}
	t.Logf("%d of %d documents decoded and analyzed", decoded, len(files))
}

func FuzzAnalyze(f *testing.F) {
	f.Add([]byte(`{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "$.a[0].b"}, "ResultPath": "$.r", "Next": "B"},
		"B": {"Type": "Choice", "Choices": [{"Variable": "$.r.x", "NumericEquals": 1, "Next": "A"}], "Default": "C"},
		"C": {"Type": "Map", "ItemsPath": "$.r", "ItemSelector": {"v.$": "$$.Map.Item.Value"}, "ItemProcessor": {"StartAt": "D", "States": {"D": {"Type": "Succeed"}}}, "End": true}}}`))
	f.Add([]byte(`{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [{"StartAt": "Q", "States": {"Q": {"Type": "Pass", "Result": [1, {"a": null}], "End": true}}}], "ResultSelector": {"a.$": "$[0][1].a"}, "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.e", "Next": "P"}], "End": true}}}`))
	f.Add([]byte(`{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"Payload.$": "States.Array($..x, $[*], States.JsonMerge($.a, $.b, false))"}, "OutputPath": "$.Payload", "End": true}}}`))
	f.Add([]byte(`{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"v": "{% $states.input.a %}"}, "Output": {"x": "{% $states.input.items[qty > 1].sku %}", "y": ["{% $v.b %}", "{% $count($v) %}"]}, "Next": "B"},
		"B": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.x = 1 %}", "Output": "{% $v %}", "Next": "A"}], "Default": "C"},
		"C": {"Type": "Map", "Items": "{% $states.input.y %}", "ItemSelector": {"v": "{% $states.context.Map.Item.Value %}"}, "ItemProcessor": {"StartAt": "D", "States": {"D": {"Type": "Succeed", "Output": "{% $map($states.input.v, function($e) { $e.z }) %}"}}}, "Next": "T"},
		"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f", "Payload": "{% $states.input[0] %}"}, "Output": "{% $states.result.Payload %}", "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% $states.errorOutput %}", "Next": "A"}], "End": true}}}`))
	f.Add([]byte(`{"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"v.$": "$.a", "w": 1}, "Next": "B"}, "B": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% ($x := $v; {'a': $x.b, $string($w): [1..3]}) %}", "End": true}}}`))
	m := shareddata.Matches("conformance/validator/valid-*.json")
	for _, file := range m[:min(len(m), 20)] {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	declared := Declared{
		Input:      typeOf[Order](),
		TaskInput:  map[string]*Shape{"T": typeOf[ChargeRequest](), "A": typeOf[Money]()},
		TaskResult: map[string]*Shape{"T": typeOf[ChargeResult](), "A": typeOf[Order]()},
		Output:     typeOf[Money](),
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sm, err := asl.Unmarshal(data)
		if err != nil {
			return
		}
		for _, d := range []Declared{{}, declared} {
			// Analyze takes milliseconds on a fuzzed document; a minute, far
			// beyond what any machine's load explains, means it blew up.
			start := time.Now()
			a := Analyze(sm, d)
			if el := time.Since(start); el > time.Minute {
				t.Fatalf("Analyze took %v", el)
			}
			for _, fd := range a.Findings {
				if fd.Location == "" || fd.Message == "" {
					t.Fatalf("incomplete finding %+v", fd)
				}
			}
		}
	})
}

func mustPath(t *testing.T, s string) *jsonpath.Path {
	t.Helper()
	p, err := jsonpath.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPathological(t *testing.T) {
	// Each state doubles the shape; past maxShapeSize it becomes Unknown,
	// so a long chain stays cheap; paths into the Unknown part find
	// nothing.
	var b strings.Builder
	b.WriteString(`{"StartAt": "S0", "States": {`)
	for i := range 20 {
		fmt.Fprintf(&b, `"S%d": {"Type": "Pass", "Parameters": {"a.$": "$", "b.$": "$"}, "Next": "S%d"},`, i, i+1)
	}
	deep := "$" + strings.Repeat(".a", 20) + ".nope"
	b.WriteString(`"S20": {"Type": "Pass", "Parameters": {"deep.$": "` + deep + `", "top.$": "$.nope"}, "End": true}}}`)
	a := Analyze(machine(t, b.String()), Declared{Input: typeOf[Order]()})
	expect(t, a, `error /States/S20/Parameters/top.$: $.nope: no field "nope" in {a: {a: {a: {a: {...}, b: {...}}, b: {a: {...}, b: {...}}}, b: {a: {a: {...}, b: {...}}, b: {a: {...}, b: {...}}}}, b: {a: {a: {a: {...}, b: {...}}, b: {a: {...}, b: {...}}}, b: {a: {a: {...}, b: {...}}, b: {a: {...}, b: {...}}}}}`)
	if n := a.Input["S20"].size; n > maxShapeSize {
		t.Errorf("S20 input has size %d", n)
	}
	// Loops nested in Parallel branches nested in loops multiply the work;
	// past maxTransfers the analysis gives up with one warning.
	var gen func(d int, pre string) string
	gen = func(d int, pre string) string {
		if d == 0 {
			return fmt.Sprintf(`{"StartAt": "%[1]sL", "States": {"%[1]sL": {"Type": "Pass", "Parameters": {"a.$": "$", "b.$": "$"}, "Next": "%[1]sC"},
				"%[1]sC": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "%[1]sL"}], "Default": "%[1]sE"},
				"%[1]sE": {"Type": "Pass", "InputPath": "$.nope", "End": true}}}`, pre)
		}
		return fmt.Sprintf(`{"StartAt": "%[1]sP", "States": {"%[1]sP": {"Type": "Parallel", "Branches": [%[2]s, %[3]s], "Next": "%[1]sQ"},
			"%[1]sQ": {"Type": "Choice", "Choices": [{"Variable": "$[0]", "IsPresent": true, "Next": "%[1]sP"}], "Default": "%[1]sE"},
			"%[1]sE": {"Type": "Succeed"}}}`, pre, gen(d-1, pre+"a"), gen(d-1, pre+"b"))
	}
	a = Analyze(machine(t, gen(2, "s")), Declared{Input: typeOf[Order]()})
	expect(t, a) // the growing loops widen to Unknown
	if len(a.Input) != 3*4+3*2+3 {
		t.Errorf("depth 2: %d states analyzed", len(a.Input))
	}
	a = Analyze(machine(t, gen(7, "s")), Declared{Input: typeOf[Order]()})
	expect(t, a, `warning : the data flow is too complex to analyze (more than 50000 steps); shapes are not checked`)
	if len(a.Input) != 0 || a.MachineOutput.Kind() != KindUnknown {
		t.Error("an abandoned analysis must not report shapes")
	}
}

// valueFits reports whether the JSON value v (decoded with UseNumber) is
// one of the values shape s describes.
func valueFits(v any, s *Shape) bool {
	s = norm(s)
	switch s.kind {
	case KindUnknown:
		return true
	case KindUnion:
		for _, a := range s.elems {
			if valueFits(v, a) {
				return true
			}
		}
		return false
	case KindNull:
		return v == nil
	case KindBool:
		_, ok := v.(bool)
		return ok
	case KindNumber:
		_, ok := v.(json.Number)
		return ok
	case KindInteger:
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		f, err := n.Float64()
		return err == nil && f == math.Trunc(f)
	case KindString:
		_, ok := v.(string)
		return ok
	case KindTimestamp:
		str, ok := v.(string)
		if !ok {
			return false
		}
		_, err := time.Parse(time.RFC3339, str)
		return err == nil
	case KindArray:
		a, ok := v.([]any)
		if !ok {
			return false
		}
		for _, e := range a {
			if !valueFits(e, s.elem) {
				return false
			}
		}
		return true
	case KindTuple:
		a, ok := v.([]any)
		if !ok || len(a) != len(s.elems) {
			return false
		}
		for i, e := range a {
			if !valueFits(e, s.elems[i]) {
				return false
			}
		}
		return true
	case KindObject:
		o, ok := v.(map[string]any)
		if !ok {
			return false
		}
		for _, f := range s.fields {
			w, has := o[f.Name]
			if !has && !f.Optional || has && !valueFits(w, f.Shape) {
				return false
			}
		}
		for k, w := range o {
			if _, listed := s.Field(k); !listed && (!s.open || !valueFits(w, s.elem)) {
				return false
			}
		}
		return true
	}
	return false
}

// TestRecordedSoundness checks the inferred shapes against executions
// recorded on AWS: with the execution's input as the declared input, the
// output of every successful execution must be a value of the inferred
// machine output shape, in JSONPath and in JSONata machines alike.
func TestRecordedSoundness(t *testing.T) {
	checked, jsonataChecked, jsonataTyped := 0, 0, 0
	for _, file := range []string{"conformance/aws-recorded.jsonl", "conformance/holdout.jsonl"} {
		for _, line := range shareddata.Lines(t, file) {
			var c struct {
				ID           string          `json:"id"`
				Definition   json.RawMessage `json:"definition"`
				Input        json.RawMessage `json:"input"`
				Placeholders bool            `json:"placeholders_in_expected"`
				Expected     struct {
					Status string          `json:"status"`
					Output json.RawMessage `json:"output"`
				} `json:"expected"`
			}
			if json.Unmarshal(line, &c) != nil || c.Placeholders || c.Expected.Status != "SUCCEEDED" || len(c.Expected.Output) == 0 ||
				bytes.Contains(c.Expected.Output, []byte(`"RandomNumberGenerated"`)) || // a recorder placeholder not flagged as one
				bytes.Contains(c.Expected.Output, []byte(`"date"`)) { // the recorder's placeholder for a timestamp
				continue
			}
			sm, err := asl.Unmarshal(c.Definition)
			if err != nil {
				continue
			}
			in := Unknown()
			if len(c.Input) > 0 {
				in = Literal(c.Input)
			}
			a := Analyze(sm, Declared{Input: in})
			dec := json.NewDecoder(bytes.NewReader(c.Expected.Output))
			dec.UseNumber()
			var out any
			if dec.Decode(&out) != nil {
				continue
			}
			checked++
			if bytes.Contains(c.Definition, []byte(`"JSONata"`)) {
				jsonataChecked++
				if a.MachineOutput.Kind() != KindUnknown {
					jsonataTyped++
				}
			}
			if !valueFits(out, a.MachineOutput) {
				t.Errorf("%s: output %s is not a value of the inferred %s", c.ID, c.Expected.Output, a.MachineOutput)
			}
		}
	}
	t.Logf("%d recorded outputs checked, %d of JSONata machines (%d of them with a known shape)", checked, jsonataChecked, jsonataTyped)
}
