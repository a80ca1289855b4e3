package shape

import (
	"testing"
)

func TestVariablesJSONata(t *testing.T) {
	sm := machine(t, jsonataDoc("Save", `
		"Save": {"Type": "Pass", "Assign": {"order": "{% $states.input %}", "n": "{% $count($states.input.items) %}", "lit": {"a": 1}},
			"Output": "{% $order %}", "Next": "Use"},
		"Use": {"Type": "Pass", "Output": {"amount": "{% $order.amount %}", "bad": "{% $order.amout %}", "n": "{% $n + 1 %}", "a": "{% $lit.a %}", "b": "{% $lit.b %}", "other": "{% $never.x %}"}, "End": true}`))
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a,
		`error /States/Use/Output/bad: $order.amout: no field "amout" in shape.Order (did you mean "amount"?)`,
		`error /States/Use/Output/b: $lit.b: no field "b" in {a: integer}`,
	)
	// Values are assigned when the state exits: its own Output reads what
	// came before (here, nothing).
	if got := a.Output["Save"]; got.Kind() != KindUnknown {
		t.Errorf("Save output %s: $order is not set yet", got)
	}
	use := a.Output["Use"]
	for name, want := range map[string]*Shape{"amount": Number(), "n": Integer(), "a": Integer(), "other": Unknown()} {
		if f, _ := use.Field(name); !f.Shape.Equal(want) {
			t.Errorf("%s = %s, want %s", name, f.Shape, want)
		}
	}
	if f, _ := use.Field("amount"); f.Optional {
		t.Error("a template member is required: the state fails without it")
	}
}

func TestVariablesJSONPath(t *testing.T) {
	sm := machine(t, `{"StartAt": "Save", "States": {
		"Save": {"Type": "Pass", "Parameters": {"t.$": "$.total", "id.$": "$.id"}, "Assign": {"total.$": "$.t", "id.$": "$.id", "bad.$": "$.amount", "fixed": 3}, "Next": "Use"},
		"Use": {"Type": "Pass", "Parameters": {"cur.$": "$total.currency", "bad.$": "$total.curency", "len.$": "States.ArrayLength($id)", "f.$": "States.Format('{}', $total.amout)", "n.$": "$fixed"}, "Next": "Check"},
		"Check": {"Type": "Choice", "Choices": [{"Variable": "$total.amount", "StringEquals": "x", "Next": "Done"}], "Default": "Done"},
		"Done": {"Type": "Pass", "InputPath": "$total", "End": true}}}`)
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a,
		`error /States/Save/Assign/bad.$: $.amount: no field "amount" in {t: shape.Money, id: string}`,
		`error /States/Use/Parameters/bad.$: $total.curency: no field "curency" in shape.Money (did you mean "currency"?)`,
		`error /States/Use/Parameters/len.$: $id: argument 1 of States.ArrayLength must be an array, but $id is string`,
		`error /States/Use/Parameters/f.$: $total.amout: no field "amout" in shape.Money (did you mean "amount"?)`,
		`error /States/Check/Choices/0/Variable: $total.amount: StringEquals needs a string, but $total.amount is number`,
	)
	if f := a.Findings[0]; f.Field != `Assign "bad.$"` {
		t.Errorf("field label %q", f.Field)
	}
	if f, _ := a.Output["Use"].Field("n"); !f.Shape.Equal(Integer()) {
		t.Errorf("n = %s", f.Shape)
	}
	if got := a.Output["Done"]; !got.Equal(typeOf[Money]()) {
		t.Errorf("Done output %s", got)
	}
	// A Task's Assign reads its raw result, a Choice's and a Wait's their
	// effective input, a catcher's the error output.
	sm = machine(t, `{"StartAt": "T", "States": {
		"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "ResultSelector": {"x.$": "$.id"},
			"Assign": {"rid.$": "$.id", "bad.$": "$.x"},
			"Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"err.$": "$.Cause", "bad.$": "$.Caus"}, "Next": "F"}], "Next": "C"},
		"C": {"Type": "Choice", "InputPath": "$.x", "Choices": [{"Variable": "$", "IsPresent": true, "Assign": {"c.$": "$.nope"}, "Next": "W"}], "Default": "W", "Assign": {"d.$": "$"}},
		"W": {"Type": "Wait", "Seconds": 1, "Assign": {"w.$": "$.x"}, "Next": "F"},
		"F": {"Type": "Pass", "Parameters": {"r.$": "$rid", "e.$": "$err"}, "End": true}}}`)
	a = Analyze(sm, Declared{Input: typeOf[Order](), TaskResult: map[string]*Shape{"T": typeOf[Receipt]()}})
	expect(t, a,
		`error /States/T/Assign/bad.$: $.x: no field "x" in shape.Receipt`,
		`error /States/T/Catch/0/Assign/bad.$: $.Caus: no field "Caus" in {Error: string, Cause: string} (did you mean "Cause"?)`,
		`error /States/C/Choices/0/Assign/c.$: $.nope: $ is string, not an object`,
		`error /States/W/Assign/w.$: $.x: $ is string, not an object`,
	)
	if f, _ := a.Output["F"].Field("r"); !f.Shape.Equal(String()) {
		t.Errorf("r = %s", f.Shape)
	}
	if f, _ := a.Output["F"].Field("e"); !f.Shape.Equal(String()) {
		t.Errorf("e = %s", f.Shape)
	}
}

func TestVariablesFlow(t *testing.T) {
	// A variable set on one path keeps its shape; set on both, it has
	// either; the shape of one assigned on a path the analysis cannot
	// follow is Unknown.
	sm := machine(t, jsonataDoc("C", `
		"C": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.paid %}", "Assign": {"v": "{% $states.input.total %}"}, "Next": "Join"}],
			"Default": "Other", "Assign": {"v": "{% $states.input.id %}"}},
		"Other": {"Type": "Pass", "Next": "Join"},
		"Join": {"Type": "Pass", "Output": {"v": "{% $v %}", "c": "{% $v.currency %}", "x": "{% $v.nope %}"}, "End": true}`))
	a := Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a,
		`warning /States/Join/Output/c: $v.currency: may be absent: $v is string, not an object`,
		`error /States/Join/Output/x: $v.nope: no field "nope" in shape.Money`)
	if f, _ := a.Output["Join"].Field("v"); !f.Shape.Equal(Union(typeOf[Money](), String())) {
		t.Errorf("v = %s", f.Shape)
	}
	// Scopes: a branch reads the variables around it; what it assigns ends
	// with it; an inline Map's iterations read them, a Distributed Map's
	// (child executions) do not.
	sm = machine(t, `{"QueryLanguage": "JSONata", "StartAt": "Set", "States": {
		"Set": {"Type": "Pass", "Assign": {"total": "{% $states.input.total %}"}, "Next": "Par"},
		"Par": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {
			"B": {"Type": "Pass", "Assign": {"inner": "{% $total %}"}, "Output": "{% $total.curency %}", "Next": "B2"},
			"B2": {"Type": "Pass", "Output": "{% $inner.amout %}", "End": true}}}], "Next": "After"},
		"After": {"Type": "Pass", "Output": "{% $inner.anything %}", "Next": "Inline"},
		"Inline": {"Type": "Map", "Items": [1, 2], "ItemProcessor": {"StartAt": "I", "States": {
			"I": {"Type": "Pass", "Output": "{% $total.amout %}", "End": true}}}, "Next": "Dist"},
		"Dist": {"Type": "Map", "Items": [1, 2], "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "D", "States": {
			"D": {"Type": "Pass", "Output": "{% $total.amout %}", "End": true}}}, "End": true}}}`)
	expect(t, Analyze(sm, Declared{Input: typeOf[Order]()}),
		`error /States/Par/Branches/0/States/B/Output: $total.curency: no field "curency" in shape.Money (did you mean "currency"?)`,
		`error /States/Par/Branches/0/States/B2/Output: $inner.amout: no field "amout" in shape.Money (did you mean "amount"?)`,
		`error /States/Inline/ItemProcessor/States/I/Output: $total.amout: no field "amout" in shape.Money (did you mean "amount"?)`,
	)
	// A loop reaches a fixed point with the variables too.
	sm = machine(t, jsonataDoc("Init", `
		"Init": {"Type": "Pass", "Assign": {"n": 0, "acc": []}, "Next": "Loop"},
		"Loop": {"Type": "Pass", "Assign": {"n": "{% $n + 1 %}", "acc": "{% $append($acc, $states.input.items) %}"}, "Next": "More"},
		"More": {"Type": "Choice", "Choices": [{"Condition": "{% $n < 3 %}", "Next": "Loop"}], "Default": "Done"},
		"Done": {"Type": "Pass", "Output": {"n": "{% $n %}", "bad": "{% $n.x %}"}, "End": true}`))
	a = Analyze(sm, Declared{Input: typeOf[Order]()})
	expect(t, a, `error /States/Done/Output/bad: $n.x: $n is integer, not an object`)
	if f, _ := a.Output["Done"].Field("n"); !f.Shape.Equal(Integer()) {
		t.Errorf("n = %s", f.Shape)
	}
}

func TestVarsJoin(t *testing.T) {
	obj := func(fs ...Field) *Shape { return ObjectOf(fs, false) }
	a := (*vars)(nil).with(obj(Field{Name: "x", Shape: String()}, Field{Name: "y", Shape: Integer()}))
	b := (*vars)(nil).with(obj(Field{Name: "x", Shape: Number()}))
	j := joinVars(a, b)
	if s, _ := j.get("x"); !s.Equal(Union(String(), Number())) {
		t.Errorf("x = %s", s)
	}
	if s, _ := j.get("y"); !s.Equal(Integer()) {
		t.Errorf("y = %s", s)
	}
	if !joinVars(a, nil).equal(a) || !joinVars(nil, a).equal(a) || j.equal(a) {
		t.Error("join with nothing")
	}
	// An Assign that cannot be followed may set anything: variables only
	// the other side has become Unknown.
	u := b.with(Unknown())
	if s, _ := u.get("x"); s.Kind() != KindUnknown {
		t.Errorf("x after an unknown Assign = %s", s)
	}
	if s, _ := joinVars(u, a).get("y"); s.Kind() != KindUnknown {
		t.Errorf("y = %s", s)
	}
	if w := a.widen(); w.equal(a) {
		t.Error("widen changes nothing")
	}
}
