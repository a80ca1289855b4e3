package dsl_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl"
)

// The field groups of ASL, as the state types embed them.
var (
	common     = []string{"Name", "Comment", "QueryLanguage"}
	io         = []string{"InputPath", "OutputPath", "Output"}
	vars       = []string{"Assign"}
	transition = []string{"Next"}
	data       = []string{"Parameters", "ResultPath"}
	outcome    = []string{"ResultSelector", "Retry", "Catch"}
	args       = []string{"Arguments"}
)

// TestStateMethods checks that each state type has exactly the methods ASL
// allows it (a Fail state no InputPath, a Choice state no Next, a Map state
// no Arguments, ...), and that its setters return the state itself, so
// that calls chain.
func TestStateMethods(t *testing.T) {
	groups := func(own []string, gs ...[]string) []string { return append(slices.Concat(gs...), own...) }
	for _, tc := range []struct {
		state any
		want  []string
	}{
		{&dsl.TaskState{}, groups([]string{"Resource", "ResourceIntrinsic", "Credentials", "Timeout", "Heartbeat", "InputType", "ResultType"},
			common, io, vars, transition, data, outcome, args)},
		{&dsl.PassState{}, groups([]string{"Result"}, common, io, vars, transition, data)},
		{&dsl.ChoiceState{}, groups([]string{"When", "Otherwise"}, common, io, vars)},
		{&dsl.WaitState{}, groups([]string{"For", "Until"}, common, io, vars, transition)},
		{&dsl.SucceedState{}, groups(nil, common, io)},
		{&dsl.FailState{}, groups([]string{"Error", "Cause"}, common)},
		{&dsl.ParallelState{}, groups([]string{"Branch"}, common, io, vars, transition, data, outcome, args)},
		{&dsl.MapState{}, groups([]string{"Items", "ItemSelector", "ItemProcessor", "UseIterator", "Distributed", "Inline", "OmitProcessorConfig",
			"MaxConcurrency",
			"ToleratedFailurePercentage", "ToleratedFailureCount", "Label", "ItemReader", "ItemBatcher", "ResultWriter"},
			common, io, vars, transition, data, outcome)},
	} {
		typ := reflect.TypeOf(tc.state)
		var got []string
		for i := range typ.NumMethod() {
			m := typ.Method(i)
			got = append(got, m.Name)
			switch m.Name {
			case "Name", "Branch", "ItemProcessor":
				continue
			}
			if m.Type.NumOut() != 1 || m.Type.Out(0) != typ {
				t.Errorf("%s.%s returns %v, want %v", typ.Elem().Name(), m.Name, m.Type, typ)
			}
		}
		slices.Sort(got)
		slices.Sort(tc.want)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s has methods\n  %s\nwant\n  %s", typ.Elem().Name(), strings.Join(got, " "), strings.Join(tc.want, " "))
		}
	}
	// What ASL forbids, spelled out.
	for _, forbidden := range []struct {
		state  any
		method string
	}{
		{&dsl.FailState{}, "InputPath"}, {&dsl.ChoiceState{}, "Next"}, {&dsl.SucceedState{}, "Assign"},
		{&dsl.PassState{}, "Retry"}, {&dsl.MapState{}, "Arguments"}, {&dsl.WaitState{}, "Parameters"},
	} {
		if _, ok := reflect.TypeOf(forbidden.state).MethodByName(forbidden.method); ok {
			t.Errorf("%T has %s, which ASL does not allow", forbidden.state, forbidden.method)
		}
	}
}
