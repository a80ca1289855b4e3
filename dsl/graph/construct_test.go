package graph_test

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/graph"
)

// everything uses every construct the drawings show, with names that need
// escaping in each format.
const everything = `{
  "Comment": "every construct",
  "StartAt": "Say \"hi\" <now> & #1 | ü",
  "States": {
    "Say \"hi\" <now> & #1 | ü": {"Type": "Pass", "Next": "Route"},
    "Route": {
      "Type": "Choice",
      "Choices": [
        {"Variable": "$.amount", "NumericGreaterThan": 100, "Next": "Fan out"},
        {"And": [{"Variable": "$.kind", "StringEquals": "book"}, {"Not": {"Variable": "$.gift", "IsPresent": true}}], "Next": "Each"},
        {"Variable": "$.a", "NumericLessThanEqualsPath": "$.b", "Next": "Wait a bit"},
        {"Variable": "$.name", "StringMatches": "log-*.txt", "Next": "Done"}
      ],
      "Default": "Broken \\ state"
    },
    "Fan out": {
      "Type": "Parallel",
      "Branches": [
        {"StartAt": "Left", "States": {"Left": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
        {"StartAt": "Right", "States": {"Right": {"Type": "Succeed"}}}
      ],
      "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 5}],
      "Catch": [{"ErrorEquals": ["States.TaskFailed", "Custom.Error"], "Next": "Broken \\ state"}],
      "Next": "Done"
    },
    "Each": {
      "Type": "Map",
      "ItemProcessor": {"StartAt": "One", "States": {"One": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:One", "End": true}}},
      "End": true
    },
    "Wait a bit": {"Type": "Wait", "Seconds": 10, "Next": "Route"},
    "Done": {"Type": "Succeed"},
    "Broken \\ state": {"Type": "Fail", "Error": "Bad.\"Thing\"", "Cause": "no"}
  }
}`

const jsonataMachine = `{
  "QueryLanguage": "JSONata",
  "StartAt": "Check",
  "States": {
    "Check": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.n > 1 and $states.input.s = \"a|b\" %}", "Next": "Big"}], "Default": "Small"},
    "Big": {"Type": "Succeed"},
    "Small": {"Type": "Succeed"}
  }
}`

func mustDecode(t *testing.T, doc string) *asl.StateMachine {
	t.Helper()
	sm, err := asl.Unmarshal([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return sm
}

func TestMermaidConstructs(t *testing.T) {
	out := string(graph.Mermaid(mustDecode(t, everything), nil))
	for _, want := range []string{
		`s0("Say #34;hi#34; #60;now#62; #38; #35;1 #124; ü<br>Pass")`,
		`s1{"Route"}`,
		`-->|"$.amount #62; 100"|`,
		`-->|"And($.kind == #34;book#34;, Not($.gift is present))"|`,
		`-->|"$.a #60;= $.b"|`,
		`-->|"$.name matches #34;log-*.txt#34;"|`,
		`-->|"Default"|`,
		`subgraph s2_c["Fan out (Parallel)"]`,
		`s2[["Fan out<br>Parallel<br>retry ×5"]]`,
		`subgraph s2_b0["Branch 1"]`,
		`subgraph s2_b1["Branch 2"]`,
		`s2_join -.->|"States.TaskFailed, Custom.Error"| s9`,
		`subgraph s5_p["Item processor"]`,
		`s6["One<br>λ One"]`,
		`s7{{"Wait a bit<br>wait 10s"}}`,
		`s9(["Broken \ state<br>Fail: Bad.#34;Thing#34;"])`,
		`s4 --> s2_join`,
		`s3 --> s2_join`,
		`s2_join --> s8`,
		`s5_join --> finish`,
		`s7 --> s1`,
		`begin --> s0`,
		`class s9 fail`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the Mermaid drawing lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "linkStyle") || strings.Contains(out, "entered") {
		t.Errorf("a drawing without overlay highlights:\n%s", out)
	}
}

func TestJSONataCondition(t *testing.T) {
	sm := mustDecode(t, jsonataMachine)
	out := string(graph.Mermaid(sm, nil))
	want := `s0 -->|"$states.input.n #62; 1 and $states.input.s = #34;a#124;b#34;"| s1`
	if !strings.Contains(out, want) {
		t.Errorf("the Mermaid drawing lacks %s:\n%s", want, out)
	}
	dot := string(graph.DOT(sm, nil))
	if want := `s0 -> s1 [label="$states.input.n > 1 and $states.input.s = \"a|b\""];`; !strings.Contains(dot, want) {
		t.Errorf("the DOT drawing lacks %s:\n%s", want, dot)
	}
}

func TestDOTConstructs(t *testing.T) {
	out := string(graph.DOT(mustDecode(t, everything), nil))
	for _, want := range []string{
		`s0 [label="Say \"hi\" <now> & #1 | ü\nPass", shape=box, style="rounded,filled"];`,
		`s9 [label="Broken \\ state\nFail: Bad.\"Thing\"", shape=box, style="rounded,filled", peripheries=2, fillcolor="#fde2e1", color="#c62828"];`,
		`subgraph cluster_s2 {`,
		`label="Fan out (Parallel)";`,
		`subgraph cluster_s2_b1 {`,
		`s2_join -> s9 [label="States.TaskFailed, Custom.Error", style=dashed];`,
		`s1 -> s9 [label="Default", fontcolor="#555555"];`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the DOT drawing lacks %s:\n%s", want, out)
		}
	}
	if dot, err := exec.LookPath("dot"); err != nil {
		t.Log("Graphviz dot is not installed: the drawing is not checked with it")
	} else {
		cmd := exec.Command(dot, "-Tsvg", "-o", os.DevNull)
		cmd.Stdin = strings.NewReader(out)
		if msg, err := cmd.CombinedOutput(); err != nil || len(msg) > 0 {
			t.Errorf("dot: %v\n%s", err, msg)
		}
	}
}

func TestSVGConstructs(t *testing.T) {
	out := graph.SVG(mustDecode(t, everything), nil)
	if err := wellFormed(out); err != nil {
		t.Fatalf("not XML: %v\n%s", err, out)
	}
	// Every label is in the image as text.
	var texts []string
	dec := xml.NewDecoder(bytes.NewReader(out))
	in := false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			in = tok.Name.Local == "text"
		case xml.CharData:
			if in {
				texts = append(texts, string(tok))
			}
		case xml.EndElement:
			in = false
		}
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{
		`Say "hi" <now> & #1 | ü`, `$.amount > 100`, `Default`, `Fan out (Parallel)`, `Branch 2`,
		`Item processor`, `retry ×5`, `States.TaskFailed, Custom.Error`, `Broken \ state`, `Start`, `End`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the SVG lacks the text %q; it has:\n%s", want, all)
		}
	}
	if n := bytes.Count(out, []byte(`stroke-dasharray="6 4"`)); n != 1 {
		t.Errorf("the SVG has %d dashed (catch) edges, want 1", n)
	}
}

func TestCondition(t *testing.T) {
	for _, c := range []struct{ rule, want string }{
		{`{"Variable": "$.x", "StringEquals": "a\"b"}`, `$.x == "a\"b"`},
		{`{"Variable": "$.x", "NumericGreaterThanEquals": 1.5}`, `$.x >= 1.5`},
		{`{"Variable": "$.x", "NumericLessThan": 0}`, `$.x < 0`},
		{`{"Variable": "$.t", "TimestampGreaterThanPath": "$.u"}`, `$.t > $.u`},
		{`{"Variable": "$.b", "BooleanEquals": false}`, `$.b == false`},
		{`{"Variable": "$.n", "IsNull": false}`, `$.n is not null`},
		{`{"Variable": "$.n", "IsPresent": false}`, `$.n is absent`},
		{`{"Variable": "$.n", "IsTimestamp": true}`, `$.n is timestamp`},
		{`{"Or": [{"Variable": "$.a", "IsString": true}, {"Not": {"Variable": "$.b", "NumericEquals": 2}}]}`, `Or($.a is string, Not($.b == 2))`},
		{`{"Condition": "{% $x %}"}`, `$x`},
		{`{"Condition": true}`, `true`},
		{`{"Variable": "$.a", "StringEquals": "` + strings.Repeat("x", 80) + `"}`, `$.a == "` + strings.Repeat("x", 51) + `…`},
	} {
		var r asl.ChoiceRule
		sm := mustDecode(t, `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[`+
			strings.TrimSuffix(c.rule, "}")+`,"Next":"E"}],"Default":"E"},"E":{"Type":"Succeed"}}}`)
		st, _ := sm.States.Get("C")
		r = st.(*asl.Choice).Choices[0]
		if got := graph.Condition(&r); got != c.want {
			t.Errorf("Condition(%s) = %q, want %q", c.rule, got, c.want)
		}
	}
}

func TestOverlay(t *testing.T) {
	sm := mustDecode(t, everything)
	ov := &graph.Overlay{}
	for _, s := range []string{`Say "hi" <now> & #1 | ü`, "Route", "Fan out", "Left", "Right", "Broken \\ state"} {
		ov.AddState(s)
	}
	for _, tr := range [][3]string{
		{"", `Say "hi" <now> & #1 | ü`}, {`Say "hi" <now> & #1 | ü`, "Route"}, {"Route", "Fan out"},
		{"Fan out", "Left"}, {"Fan out", "Right"}, {"Right", ""},
	} {
		ov.AddEdge(graph.EdgeOf(sm, tr[0], tr[1], false))
	}
	ov.AddEdge(graph.EdgeOf(sm, "Fan out", "Broken \\ state", true))
	ov.AddFailed("Left")
	ov.AddFailed("Broken \\ state")
	opts := &graph.Options{Overlay: ov}
	mm := string(graph.Mermaid(sm, opts))
	for _, want := range []string{
		"class s0,s1,s2,s4 entered", "class s3,s9 failed",
		"linkStyle 0,1,3,6,7,8,14 stroke:#1b7a34,stroke-width:3px",
	} {
		if !strings.Contains(mm, want) {
			t.Errorf("the Mermaid drawing lacks %s:\n%s", want, mm)
		}
	}
	dot := string(graph.DOT(sm, opts))
	if n := strings.Count(dot, "penwidth=3"); n != 6+7 {
		t.Errorf("DOT has %d highlighted nodes and edges, want 13:\n%s", n, dot)
	}
	svg := graph.SVG(sm, opts)
	if err := wellFormed(svg); err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(svg, []byte(`marker-end="url(#arrow-taken)"`)); n != 7 {
		t.Errorf("SVG has %d taken edges, want 7", n)
	}
}

func TestEdgeOf(t *testing.T) {
	sm := mustDecode(t, everything)
	for _, c := range []struct {
		from, to string
		caught   bool
		want     graph.EdgeKey
	}{
		{"", "X", false, graph.EdgeKey{To: "X", Kind: graph.EdgeStart}},
		{"Done", "", false, graph.EdgeKey{From: "Done", Kind: graph.EdgeEnd}},
		{"Route", "Each", false, graph.EdgeKey{From: "Route", To: "Each", Kind: graph.EdgeRule, Index: 1}},
		{"Route", "Broken \\ state", false, graph.EdgeKey{From: "Route", To: "Broken \\ state", Kind: graph.EdgeDefault}},
		{"Fan out", "Broken \\ state", true, graph.EdgeKey{From: "Fan out", To: "Broken \\ state", Kind: graph.EdgeCatch}},
		{"Fan out", "Right", false, graph.EdgeKey{From: "Fan out", To: "Right", Kind: graph.EdgeStart}},
		{"Fan out", "Done", false, graph.EdgeKey{From: "Fan out", To: "Done", Kind: graph.EdgeNext}},
		{"Each", "One", false, graph.EdgeKey{From: "Each", To: "One", Kind: graph.EdgeStart}},
	} {
		if got := graph.EdgeOf(sm, c.from, c.to, c.caught); got != c.want {
			t.Errorf("EdgeOf(%q, %q, %v) = %+v, want %+v", c.from, c.to, c.caught, got, c.want)
		}
	}
	if s := graph.EdgeCatch.String(); s != "catch" {
		t.Errorf("EdgeCatch.String() = %q", s)
	}
}

// TestOddDocuments draws documents that decode but do not validate, or are
// unusual: every format must draw them without failing.
func TestOddDocuments(t *testing.T) {
	for _, doc := range []string{
		`{"StartAt": "Nowhere", "States": {"A": {"Type": "Pass", "Next": "Missing"}}}`,
		`{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A"}}}`,
		`{"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true, "Next": "A"}], "Default": "A"}}}`,
		`{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [
		  {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "P"}}},
		  {"StartAt": "Missing", "States": {"A": {"Type": "Pass", "End": true}}}], "Next": "A"},
		  "A": {"Type": "Task", "Resource": "x", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "A"}], "End": true}}}`,
		`{"StartAt": "M", "States": {"M": {"Type": "Map", "Iterator": {"StartAt": "I", "States": {"I": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "J", "States": {"J": {"Type": "Succeed"}}}, "End": true}}}, "End": true}}}`,
		`{"StartAt": "A", "States": {"A": {"Type": "Wait", "TimestampPath": "$.t", "Next": "B"}, "B": {"Type": "Wait", "QueryLanguage": "JSONata", "Seconds": "{% 3 %}", "Next": "C"}, "C": {"Type": "Pass", "Next": "A"}}}`,
		"{\"StartAt\": \"日本語の状態\", \"States\": {\"日本語の状態\": {\"Type\": \"Fail\", \"ErrorPath\": \"$.e\"}}}",
	} {
		sm, err := asl.Unmarshal([]byte(doc))
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		for _, f := range formats {
			out := f.draw(sm, &graph.Options{Overlay: &graph.Overlay{States: map[string]int{"A": 2}}})
			if len(out) == 0 || out[len(out)-1] != '\n' {
				t.Errorf("%s: the %s drawing is empty or lacks its final newline", doc, f.ext)
			}
			if f.ext == ".svg" {
				if err := wellFormed(out); err != nil {
					t.Errorf("%s: %v", doc, err)
				}
			}
		}
	}
}
