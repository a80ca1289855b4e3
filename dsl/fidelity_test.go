package dsl_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl"
	"github.com/aslgen/aslgen/dsl/asl"
)

// builtState builds m and returns the named top-level state as a JSON value.
func builtState(t *testing.T, m *dsl.Machine, name string) map[string]any {
	t.Helper()
	doc, err := m.Build()
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	out, err := asl.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if ds := asl.ValidateJSON(out); asl.HasErrors(ds) {
		t.Fatalf("the document does not validate: %v\n%s", ds, out)
	}
	var v struct{ States map[string]map[string]any }
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatal(err)
	}
	return v.States[name]
}

// jsonOf decodes a JSON text for comparisons.
func jsonOf(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return v
}

func wantJSON(t *testing.T, what string, got any, want string) {
	t.Helper()
	if w := jsonOf(t, want); !reflect.DeepEqual(got, w) {
		g, _ := json.Marshal(got)
		t.Errorf("%s = %s, want %s", what, g, want)
	}
}

// TestProcessorConfig checks what each form of a Map writes as its
// ProcessorConfig: INLINE by default in an ItemProcessor, nothing by
// default in an Iterator, and what Inline, OmitProcessorConfig and
// Distributed ask for in either.
func TestProcessorConfig(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(*dsl.MapState)
		field string
		want  string // the ProcessorConfig; "" for none
	}{
		{"default", func(*dsl.MapState) {}, "ItemProcessor", `{"Mode":"INLINE"}`},
		{"omitted", func(s *dsl.MapState) { s.OmitProcessorConfig() }, "ItemProcessor", ""},
		{"inline", func(s *dsl.MapState) { s.Inline() }, "ItemProcessor", `{"Mode":"INLINE"}`},
		{"distributed then omitted", func(s *dsl.MapState) { s.Distributed(dsl.Express).OmitProcessorConfig() }, "ItemProcessor", ""},
		{"omitted then distributed", func(s *dsl.MapState) { s.OmitProcessorConfig().Distributed(dsl.Express) }, "ItemProcessor",
			`{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"}`},
		{"iterator", func(s *dsl.MapState) { s.UseIterator() }, "Iterator", ""},
		{"iterator inline", func(s *dsl.MapState) { s.UseIterator().Inline() }, "Iterator", `{"Mode":"INLINE"}`},
		{"iterator omitted", func(s *dsl.MapState) { s.UseIterator().Inline().OmitProcessorConfig() }, "Iterator", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := dsl.NewMachine("M")
			mp := m.Map("Each").Items(dsl.Path("$.items"))
			tc.setup(mp)
			p := mp.ItemProcessor()
			p.Chain(p.Pass("Item"))
			st := builtState(t, m, "Each")
			proc, ok := st[tc.field].(map[string]any)
			if !ok {
				t.Fatalf("no %s in %v", tc.field, st)
			}
			pc, has := proc["ProcessorConfig"]
			switch {
			case tc.want == "" && has:
				t.Errorf("ProcessorConfig = %v, want none", pc)
			case tc.want != "":
				wantJSON(t, "ProcessorConfig", pc, tc.want)
			}
		})
	}
}

// TestResourceIntrinsic checks a Task Resource given as a CloudFormation
// intrinsic function object, and that Resource and ResourceIntrinsic
// replace each other.
func TestResourceIntrinsic(t *testing.T) {
	m := dsl.NewMachine("M")
	m.Chain(
		m.Task("GetAtt").ResourceIntrinsic(dsl.Obj{"Fn::GetAtt": []any{"MyFunction", "Arn"}}),
		m.Task("Ref").Resource("arn:aws:states:::lambda:invoke").ResourceIntrinsic(dsl.Obj{"Ref": "MyFunction"}),
		m.Task("Str").ResourceIntrinsic(dsl.Obj{"Ref": "MyFunction"}).Resource("arn:aws:lambda:us-east-1:123456789012:function:f"),
	)
	wantJSON(t, "GetAtt Resource", builtState(t, m, "GetAtt")["Resource"], `{"Fn::GetAtt":["MyFunction","Arn"]}`)
	wantJSON(t, "Ref Resource", builtState(t, m, "Ref")["Resource"], `{"Ref":"MyFunction"}`)
	wantJSON(t, "Str Resource", builtState(t, m, "Str")["Resource"], `"arn:aws:lambda:us-east-1:123456789012:function:f"`)

	for _, tc := range []struct {
		fn   dsl.Obj
		want string
	}{
		{dsl.Obj{}, `ResourceIntrinsic: give a CloudFormation intrinsic function object`},
		{dsl.Obj{"Ref": dsl.Path("$.fn")}, `ResourceIntrinsic: Ref: the value is written as it is`},
	} {
		m := dsl.NewMachine("M")
		m.Task("T").ResourceIntrinsic(tc.fn)
		_, err := m.Build()
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "fidelity_test.go:") {
			t.Errorf("ResourceIntrinsic(%v): got %v, want an error at this file containing %q", tc.fn, err, tc.want)
		}
	}
}

// TestConditionBool checks a JSONata Condition given as a boolean, and as
// an Expr.
func TestConditionBool(t *testing.T) {
	m := dsl.NewMachine("M").QueryLanguage(dsl.JSONata)
	c := m.Choice("C")
	yes, no := m.Succeed("Yes"), m.Succeed("No")
	c.
		When(dsl.Condition(false), no).
		When(dsl.Condition(dsl.Expr("{% $states.input.ok %}")), yes).
		When(dsl.Condition(true), yes)
	wantJSON(t, "Choices", builtState(t, m, "C")["Choices"],
		`[{"Condition":false,"Next":"No"},{"Condition":"{% $states.input.ok %}","Next":"Yes"},{"Condition":true,"Next":"Yes"}]`)
}

// TestNestedRuleComment checks that a rule inside And, Or or Not keeps its
// Comment; Output and Assign stay top-level only (see TestBuildErrors).
func TestNestedRuleComment(t *testing.T) {
	m := dsl.NewMachine("M")
	c := m.Choice("C")
	yes, no := m.Succeed("Yes"), m.Succeed("No")
	c.
		When(dsl.And(
			dsl.IsPresent("$.x", true).Comment("has x"),
			dsl.Not(dsl.IsNull("$.x", true).Comment("x is null")).Comment("x is not null"),
		).Comment("top"), yes).
		Otherwise(no)
	wantJSON(t, "Choices", builtState(t, m, "C")["Choices"], `[{"Comment":"top","And":[
		{"Comment":"has x","Variable":"$.x","IsPresent":true},
		{"Comment":"x is not null","Not":{"Comment":"x is null","Variable":"$.x","IsNull":true}}],"Next":"Yes"}]`)
}

// TestEmptyReaderWriterConfig checks that KeepEmptyReaderConfig and
// KeepEmptyWriterConfig write {} and that an empty config is left out
// without them.
func TestEmptyReaderWriterConfig(t *testing.T) {
	for _, keep := range []bool{false, true} {
		m := dsl.NewMachine("M")
		mp := m.Map("Each").
			Distributed(dsl.Standard).
			ItemReader(dsl.ItemReader{Resource: "arn:aws:states:::s3:listObjectsV2",
				Parameters: dsl.Obj{"Bucket": "b"}, KeepEmptyReaderConfig: keep}).
			ResultWriter(dsl.ResultWriter{Resource: "arn:aws:states:::s3:putObject",
				Parameters: dsl.Obj{"Bucket": "b", "Prefix": "out"}, KeepEmptyWriterConfig: keep})
		p := mp.ItemProcessor()
		p.Chain(p.Pass("Item"))
		st := builtState(t, m, "Each")
		rc, hasRC := st["ItemReader"].(map[string]any)["ReaderConfig"]
		wc, hasWC := st["ResultWriter"].(map[string]any)["WriterConfig"]
		if hasRC != keep || hasWC != keep {
			t.Errorf("keep %v: ReaderConfig %v (%v), WriterConfig %v (%v)", keep, rc, hasRC, wc, hasWC)
		}
		if keep {
			wantJSON(t, "ReaderConfig", rc, `{}`)
			wantJSON(t, "WriterConfig", wc, `{}`)
		}
	}
	// With fields set, the flags change nothing.
	m := dsl.NewMachine("M")
	mp := m.Map("Each").Distributed(dsl.Standard).
		ItemReader(dsl.ItemReader{Resource: "arn:aws:states:::s3:getObject", Parameters: dsl.Obj{"Bucket": "b", "Key": "k"},
			InputType: "JSON", KeepEmptyReaderConfig: true})
	p := mp.ItemProcessor()
	p.Chain(p.Pass("Item"))
	wantJSON(t, "ReaderConfig", builtState(t, m, "Each")["ItemReader"].(map[string]any)["ReaderConfig"], `{"InputType":"JSON"}`)
}

// TestDollarKeysWhereMeaningless checks that "k" and "k.$" may stand side
// by side where ".$" means nothing (a Pass Result, a JSONata Output), and
// are still refused in a JSONPath template (see TestBuildErrors).
func TestDollarKeysWhereMeaningless(t *testing.T) {
	m := dsl.NewMachine("M")
	jsonata := m.Pass("Out").QueryLanguage(dsl.JSONata).Output(dsl.Obj{"k": 1, "k.$": "$.literal"})
	static := m.Pass("Res").Result(dsl.Obj{"k": 1, "k.$": "$.literal"})
	m.Chain(jsonata, static)
	wantJSON(t, "Output", builtState(t, m, "Out")["Output"], `{"k":1,"k.$":"$.literal"}`)
	wantJSON(t, "Result", builtState(t, m, "Res")["Result"], `{"k":1,"k.$":"$.literal"}`)
}

// TestTimestampText checks that a Timestamp is written as it is, in a
// Wait's Until and in the Timestamp comparisons, and that Build reports
// one that is not an RFC 3339 timestamp.
func TestTimestampText(t *testing.T) {
	m := dsl.NewMachine("M")
	wait := m.Wait("W").Until(dsl.Timestamp("2026-01-02T03:04:05+00:00"))
	done := m.Succeed("Done")
	choice := m.Choice("C").
		When(dsl.TimestampEquals("$.t", dsl.Timestamp("2026-01-02T03:04:05.500000Z")), done).
		When(dsl.TimestampLessThan("$.t", dsl.Timestamp("2026-01-02T03:04:05.10+01:00")), done).
		Otherwise(done)
	m.Chain(wait, choice)
	wantJSON(t, "Timestamp", builtState(t, m, "W")["Timestamp"], `"2026-01-02T03:04:05+00:00"`)
	wantJSON(t, "Choices", builtState(t, m, "C")["Choices"], `[
		{"Variable":"$.t","TimestampEquals":"2026-01-02T03:04:05.500000Z","Next":"Done"},
		{"Variable":"$.t","TimestampLessThan":"2026-01-02T03:04:05.10+01:00","Next":"Done"}]`)

	m = dsl.NewMachine("M")
	done = m.Succeed("Done")
	m.Chain(
		m.Wait("W").Until(dsl.Timestamp("2026-01-02 03:04:05Z")),
		m.Choice("C").When(dsl.TimestampGreaterThan("$.t", dsl.Timestamp("yesterday")), done).Otherwise(done),
	)
	_, err := m.Build()
	for _, want := range []string{
		`state "W": Timestamp: dsl.Timestamp("2026-01-02 03:04:05Z") is not an RFC 3339 timestamp`,
		`state "C": TimestampGreaterThan: dsl.Timestamp("yesterday") is not an RFC 3339 timestamp`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want an error containing %q", err, want)
		}
	}
}
