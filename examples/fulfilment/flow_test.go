package fulfilment

import (
	"reflect"
	"testing"

	"github.com/aslgen/aslgen/dsl"
	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/golden"
)

func TestFulfilmentASL(t *testing.T) {
	golden.ASL(t, Fulfilment(), "orderfulfilment.asl.json")
}

// TestEveryStateType checks that the example shows every state type.
func TestEveryStateType(t *testing.T) {
	doc, err := Fulfilment().Build()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[asl.StateType]bool{}
	var walk func(asl.States)
	walk = func(states asl.States) {
		for _, st := range states.All() {
			seen[st.Type()] = true
			switch st := st.(type) {
			case *asl.Parallel:
				for _, b := range st.Branches {
					walk(b.States)
				}
			case *asl.Map:
				walk(st.Processor().States)
			}
		}
	}
	walk(doc.States)
	for _, typ := range []asl.StateType{asl.TypeTask, asl.TypePass, asl.TypeChoice, asl.TypeWait,
		asl.TypeSucceed, asl.TypeFail, asl.TypeParallel, asl.TypeMap} {
		if !seen[typ] {
			t.Errorf("no %s state", typ)
		}
	}
	st, _ := doc.States.Get("CheckStock")
	if c := st.(*asl.Choice); c.Default != "OutOfStock" {
		t.Errorf("CheckStock Default = %q, want OutOfStock", c.Default)
	}
	st, _ = doc.States.Get("MarkReceived")
	if p := st.(*asl.Pass); len(p.Result) == 0 {
		t.Error("MarkReceived has no Result")
	}
}

// TestPayloadTypes checks the Go types the workflow declares.
func TestPayloadTypes(t *testing.T) {
	want := map[string]reflect.Type{
		"/input":                  reflect.TypeFor[Order](),
		"/output":                 reflect.TypeFor[Result](),
		"ReserveInventory/result": reflect.TypeFor[Reservation](),
		"PackItem/input":          reflect.TypeFor[PackRequest](),
		"PackItem/result":         reflect.TypeFor[Parcel](),
		"ChargeCustomer/result":   reflect.TypeFor[Charge](),
		"ScheduleShipment/result": reflect.TypeFor[Shipment](),
	}
	got := map[string]reflect.Type{}
	for _, p := range Fulfilment().PayloadTypes() {
		got[p.State+"/"+string(p.Role)] = p.Type.Reflect()
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("PayloadTypes:\n got %v\nwant %v", got, want)
	}
	_ = dsl.TypeOf[Order]
}
