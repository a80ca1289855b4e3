package shape_test

import (
	"fmt"
	"reflect"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/shape"
)

// Order is the input of the workflow below.
type Order struct {
	ID      string    `json:"id"`
	Amount  float64   `json:"amount"`
	Note    string    `json:"note,omitempty"`
	Created time.Time `json:"created"`
}

// Receipt is what the payment task returns.
type Receipt struct {
	ChargeID string `json:"chargeId"`
}

// A typed machine with a typo in a path: the finding names the field's
// JSON pointer and suggests the member that was meant.
func Example() {
	sm, err := asl.Unmarshal([]byte(`{
	  "StartAt": "ProcessPayment",
	  "States": {
	    "ProcessPayment": {
	      "Type": "Task",
	      "Resource": "arn:aws:states:::lambda:invoke",
	      "Parameters": {"FunctionName": "pay", "Payload": {"amount.$": "$.amout", "id.$": "$.id"}},
	      "ResultSelector": {"charge.$": "$.Payload.chargeId"},
	      "ResultPath": "$.payment",
	      "Next": "Done"
	    },
	    "Done": {"Type": "Pass", "OutputPath": "$.payment.charge", "End": true}
	  }
	}`))
	if err != nil {
		panic(err)
	}
	a := shape.Analyze(sm, shape.Declared{
		Input:      shape.FromGo(reflect.TypeFor[Order]()),
		TaskResult: map[string]*shape.Shape{"ProcessPayment": shape.FromGo(reflect.TypeFor[Receipt]())},
	})
	for _, f := range a.Findings {
		fmt.Println(f.Severity, f.Location)
		fmt.Println(f.Message)
	}
	fmt.Println("output:", a.MachineOutput)
	// Output:
	// error /States/ProcessPayment/Parameters/Payload/amount.$
	// $.amout: no field "amout" in shape_test.Order (did you mean "amount"?)
	// output: string
}

func ExampleFromGo() {
	s := shape.FromGo(reflect.TypeFor[Order]())
	fmt.Println(s)
	for _, f := range s.Fields() {
		fmt.Printf("%s optional=%v %s\n", f.Name, f.Optional, f.Shape)
	}
	// Output:
	// shape_test.Order
	// id optional=false string
	// amount optional=false number
	// note optional=true string
	// created optional=false timestamp
}

func ExampleShape_Fits() {
	computed := shape.ObjectOf([]shape.Field{{Name: "id", Shape: shape.String()}, {Name: "amount", Shape: shape.String()}}, false)
	ok, why := computed.Fits(shape.FromGo(reflect.TypeFor[Order]()))
	fmt.Println(ok, why)
	// Output:
	// false .amount: string does not fit number
}
