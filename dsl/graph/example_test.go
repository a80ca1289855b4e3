package graph_test

import (
	"fmt"
	"time"

	"github.com/aslgen/aslgen/dsl"
	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/graph"
)

// A machine built with package dsl is drawn from the document Build
// returns; the Mermaid text goes in a ```mermaid block of a Markdown file.
func ExampleMermaid() {
	m := dsl.NewMachine("OrderConfirmation")
	process := m.LambdaInvoke("ProcessOrder", "${ProcessOrderFunctionArn}")
	email := m.LambdaInvoke("SendEmail", "${SendEmailFunctionArn}").
		Retry(dsl.Retry(dsl.ErrTaskFailed).Interval(5 * time.Second).MaxAttempts(3))
	m.Chain(process, email)
	doc, err := m.Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(graph.Mermaid(doc, nil)))
	// Output:
	// flowchart TD
	//   begin(("Start"))
	//   s0["ProcessOrder<br>lambda:invoke"]
	//   s1["SendEmail<br>lambda:invoke<br>retry ×3"]
	//   finish(("End"))
	//   begin --> s0
	//   s0 --> s1
	//   s1 --> finish
	//   classDef startEnd fill:#333,stroke:#333,color:#fff
	//   classDef join fill:#999,stroke:#999,color:#999
	//   classDef fail fill:#fde2e1,stroke:#c62828
	//   class begin,finish startEnd
}

// A Choice's rules label its edges; Catch edges are dashed.
func ExampleDOT() {
	sm, err := asl.Unmarshal([]byte(`{
	  "StartAt": "Check",
	  "States": {
	    "Check": {"Type": "Choice", "Choices": [{"Variable": "$.amount", "NumericGreaterThan": 100, "Next": "Pay"}], "Default": "Done"},
	    "Pay": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}], "Next": "Done"},
	    "Failed": {"Type": "Fail", "Error": "PaymentFailed"},
	    "Done": {"Type": "Succeed"}
	  }
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(graph.DOT(sm, nil)))
	// Output:
	// digraph StateMachine {
	//   rankdir=TB;
	//   node [fontname="Helvetica", fontsize=11, style=filled, fillcolor="#ffffff"];
	//   edge [fontname="Helvetica", fontsize=10];
	//   begin [label="Start", shape=circle, fillcolor="#333333", fontcolor="#ffffff", width=0.5, fixedsize=true, fontsize=9];
	//   s0 [label="Check", shape=diamond];
	//   s1 [label="Pay\nlambda:invoke", shape=box];
	//   s2 [label="Failed\nFail: PaymentFailed", shape=box, style="rounded,filled", peripheries=2, fillcolor="#fde2e1", color="#c62828"];
	//   s3 [label="Done\nSucceed", shape=box, style="rounded,filled", peripheries=2];
	//   finish [label="End", shape=circle, fillcolor="#333333", fontcolor="#ffffff", width=0.5, fixedsize=true, fontsize=9];
	//   begin -> s0;
	//   s0 -> s1 [label="$.amount > 100"];
	//   s0 -> s3 [label="Default", fontcolor="#555555"];
	//   s1 -> s3;
	//   s1 -> s2 [label="States.ALL", style=dashed];
	//   s3 -> finish;
	// }
}

// An overlay highlights what an execution did: the states it entered, the
// edges it took (named with EdgeOf), the state that failed.
func ExampleOverlay() {
	sm, err := asl.Unmarshal([]byte(`{
	  "StartAt": "Pay",
	  "States": {
	    "Pay": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Ship"},
	    "Ship": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}
	  }
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	var ov graph.Overlay
	ov.AddState("Pay")
	ov.AddState("Ship")
	ov.AddEdge(graph.EdgeOf(sm, "", "Pay", false))
	ov.AddEdge(graph.EdgeOf(sm, "Pay", "Ship", false))
	ov.AddFailed("Ship")
	fmt.Print(string(graph.Mermaid(sm, &graph.Options{Overlay: &ov})))
	// Output:
	// flowchart TD
	//   begin(("Start"))
	//   s0["Pay<br>lambda:invoke"]
	//   s1["Ship<br>lambda:invoke"]
	//   finish(("End"))
	//   begin --> s0
	//   s0 --> s1
	//   s1 --> finish
	//   classDef startEnd fill:#333,stroke:#333,color:#fff
	//   classDef join fill:#999,stroke:#999,color:#999
	//   classDef fail fill:#fde2e1,stroke:#c62828
	//   classDef entered fill:#d7f5dd,stroke:#1b7a34,stroke-width:3px
	//   classDef failed fill:#f8b4b4,stroke:#b71c1c,stroke-width:4px
	//   class begin,finish startEnd
	//   class s0 entered
	//   class s1 failed
	//   linkStyle 0,1 stroke:#1b7a34,stroke-width:3px
}
