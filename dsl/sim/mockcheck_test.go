package sim

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

// tripDef is a machine with Task states at the top, in a Parallel branch,
// in a Map's item processor, and a distributed Map with an ItemReader.
const tripDef = `{"StartAt": "ReserveHotel", "States": {
	"ReserveHotel": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "Parameters": {"TableName": "hotels"}, "ResultPath": "$.hotel",
		"Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 1, "MaxAttempts": 5}], "Next": "Log"},
	"Log": {"Type": "Pass", "Next": "Both"},
	"Both": {"Type": "Parallel", "Branches": [
		{"StartAt": "BookFlight", "States": {"BookFlight": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"}, "End": true}}},
		{"StartAt": "Guests", "States": {"Guests": {"Type": "Map", "ItemsPath": "$.guests",
			"ItemProcessor": {"StartAt": "Notify", "States": {"Notify": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Parameters": {"Message": "hi"}, "End": true}}},
			"End": true}}}],
		"Next": "Rooms"},
	"Rooms": {"Type": "Map", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"}, "Parameters": {"Bucket": "b", "Key": "k"}},
		"ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "Clean", "States": {"Clean": {"Type": "Pass", "End": true}}},
		"End": true}}}`

// tripMocks mocks every task of tripDef.
func tripMocks() []Option {
	return []Option{
		OnState("ReserveHotel", Sequence(Throw("Busy", "again"), Throw("Busy", "again"), Return("room"))),
		OnState("BookFlight", Return("seat")),
		OnResource("arn:aws:states:::sns:publish", Return("sent")),
		OnState("Rooms/ItemReader", Return([]any{1, 2})),
	}
}

func newErr(t *testing.T, def string, opts ...Option) string {
	t.Helper()
	_, err := New(mustDecode(t, def), opts...)
	if err == nil {
		t.Fatalf("New took %d options it should refuse", len(opts))
	}
	return err.Error()
}

func wantIn(t *testing.T, what, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s: %q does not say %q", what, got, w)
		}
	}
}

// TestMockTargets checks the report: a mock for a state that does not
// exist, or one that takes none, is refused with the states that can take
// one (and the closest name to a typo); states in branches and item
// processors, and ItemReaders, take mocks.
func TestMockTargets(t *testing.T) {
	s := mustSim(t, tripDef, tripMocks()...)
	ex := mustRun(t, s, `{"guests": ["a", "b"]}`)
	wantOutput(t, ex, `[1, 2]`)

	takers := "the states that take mocks are BookFlight, Notify, ReserveHotel, Rooms/ItemReader"
	wantIn(t, "a typo", newErr(t, tripDef, OnState("ReserveHotl", Return(1))),
		`sim: OnState("ReserveHotl"): the state machine has no state "ReserveHotl"`, `did you mean "ReserveHotel"?`, takers)
	wantIn(t, "a Pass state", newErr(t, tripDef, OnState("Log", Return(1))),
		`sim: OnState("Log"): state "Log" is a Pass state, which takes no mock`, takers)
	wantIn(t, "a Map state", newErr(t, tripDef, OnState("Rooms", Return(1))),
		`state "Rooms" is a Map state, which takes no mock`, `did you mean "Rooms/ItemReader"?`)
	wantIn(t, "a Map without an ItemReader", newErr(t, tripDef, OnState("Guests/ItemReader", Return(1))),
		`the state machine has no state "Guests/ItemReader"`)
	wantIn(t, "in a branch", newErr(t, tripDef, OnState("Clean", Return(1))), `state "Clean" is a Pass state`)
	wantIn(t, "an unknown resource", newErr(t, tripDef, OnResource("arn:aws:states:::sns:publsh", Return(1))),
		`sim: OnResource("arn:aws:states:::sns:publsh"): no Task state has this Resource`, `did you mean "arn:aws:states:::sns:publish"?`,
		"the resources are arn:aws:states:::dynamodb:putItem, arn:aws:states:::lambda:invoke, arn:aws:states:::s3:getObject, arn:aws:states:::sns:publish")
	// Every problem at once, one a line.
	msg := newErr(t, tripDef, OnState("A", Return(1)), OnState("Log", Return(1)))
	if strings.Count(msg, "\n") != 1 || !strings.Contains(msg, `OnState("A")`) || !strings.Contains(msg, `OnState("Log")`) {
		t.Errorf("two problems: %q", msg)
	}
	// A machine without a Task.
	wantIn(t, "no tasks", newErr(t, `{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}`, OnState("P", Return(1))),
		"the state machine has no state that takes a mock")

	// With checks its options as New does.
	if _, err := s.With(OnState("BookFlite", Return(1))); err == nil || !strings.Contains(err.Error(), `did you mean "BookFlight"?`) {
		t.Errorf("With took a typo: %v", err)
	}
}

// TestDuplicateMocks checks the report: two mocks for one state, or for one
// resource, in the options of one New or With, are an error; With may
// replace a mock it inherits.
func TestDuplicateMocks(t *testing.T) {
	wantIn(t, "two OnState", newErr(t, tripDef, OnState("BookFlight", Return(1)), OnState("BookFlight", Return(2))),
		`sim: OnState("BookFlight") is given twice`)
	wantIn(t, "two OnResource", newErr(t, tripDef, OnResource("arn:aws:states:::sns:publish", Return(1)), OnResource("arn:aws:states:::sns:publish", Return(2))),
		`sim: OnResource("arn:aws:states:::sns:publish") is given twice`)
	s := mustSim(t, tripDef, tripMocks()...)
	other, err := s.With(OnState("BookFlight", Return("another seat")))
	if err != nil {
		t.Fatalf("With could not replace a mock: %v", err)
	}
	ex := mustRun(t, other, `{"guests": []}`)
	if runs := ex.StateRuns("BookFlight"); len(runs) != 1 || runs[0].Output != "another seat" {
		t.Errorf("BookFlight ran %v", runs)
	}
	if _, err := s.With(OnState("BookFlight", Return(1)), OnState("BookFlight", Return(2))); err == nil {
		t.Error("With took two mocks of one state")
	}
}

// TestMockCalls checks the report: an execution tells how often each mock
// ran, and which never did.
func TestMockCalls(t *testing.T) {
	s := mustSim(t, tripDef, append(tripMocks(), OnResource("arn:aws:states:::lambda:invoke", Return("unused")))...)
	ex := mustRun(t, s, `{"guests": ["a", "b", "c"]}`)
	wantStatus(t, ex, Succeeded)
	want := map[string]int{"ReserveHotel": 3, "BookFlight": 1, "arn:aws:states:::sns:publish": 3, "Rooms/ItemReader": 1, "arn:aws:states:::lambda:invoke": 0}
	if got := ex.MockCalls(); !maps.Equal(got, want) {
		t.Errorf("MockCalls() = %v, want %v", got, want)
	}
	if got := ex.UnusedMocks(); !slices.Equal(got, []string{"arn:aws:states:::lambda:invoke"}) {
		t.Errorf("UnusedMocks() = %v", got)
	}
	// Executions count their own calls.
	ex = mustRun(t, s, `{"guests": []}`)
	if got := ex.MockCalls(); got["arn:aws:states:::sns:publish"] != 0 || got["ReserveHotel"] != 3 {
		t.Errorf("second run: %v", got)
	}
	if got := ex.UnusedMocks(); !slices.Equal(got, []string{"arn:aws:states:::lambda:invoke", "arn:aws:states:::sns:publish"}) {
		t.Errorf("second run: UnusedMocks() = %v", got)
	}
	// Many mocks (more than an execution keeps inline), and none.
	var opts []Option
	var states []string
	for i := range 12 {
		next := fmt.Sprintf(`"Next": "T%d"`, i+1)
		if i == 11 {
			next = `"End": true`
		}
		states = append(states, fmt.Sprintf(`"T%d": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", %s}`, i, next))
		opts = append(opts, OnState(fmt.Sprintf("T%d", i), Return(i)))
	}
	ex = mustRun(t, mustSim(t, `{"StartAt": "T0", "States": {`+strings.Join(states, ",")+`}}`, opts...), `{}`)
	if got := ex.MockCalls(); len(got) != 12 || got["T0"] != 1 || got["T11"] != 1 || len(ex.UnusedMocks()) != 0 {
		t.Errorf("12 mocks: %v (%s %s)", got, ex.Error, ex.Cause)
	}
	if got := mustRun(t, mustSim(t, `{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}`), `{}`); len(got.MockCalls()) != 0 || got.UnusedMocks() != nil {
		t.Errorf("no mocks: %v %v", got.MockCalls(), got.UnusedMocks())
	}
}

// TestMockConfigChecks checks a mock configuration's test case against the
// machine: a state it names must exist and take a mock; its entries are
// counted as calls; an OnState replaces one of its entries; an unmocked task
// names the test case; a missing test case lists those there are.
func TestMockConfigChecks(t *testing.T) {
	cfg, err := ParseMockConfig([]byte(`{
		"StateMachines": {"Trip": {"TestCases": {
			"Happy": {"ReserveHotel": "Room", "BookFlight": "Seat", "Notify": "Sent", "Rooms/ItemReader": "Items"},
			"Typo": {"ReserveHotl": "Room"},
			"PassMocked": {"Log": "Room", "ReserveHotel": "Room"},
			"NoFlight": {"ReserveHotel": "Room"}}}},
		"MockedResponses": {
			"Room": {"0": {"Return": "room"}}, "Seat": {"0": {"Return": "seat"}},
			"Sent": {"0-9": {"Return": "sent"}}, "Items": {"0": {"Return": [1]}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	ex := mustRun(t, mustSim(t, tripDef, Name("Trip"), UseMockConfig(cfg, "Happy")), `{"guests": ["a", "b"]}`)
	wantOutput(t, ex, `[1]`)
	if want := map[string]int{"ReserveHotel": 1, "BookFlight": 1, "Notify": 2, "Rooms/ItemReader": 1}; !maps.Equal(ex.MockCalls(), want) {
		t.Errorf("MockCalls() = %v, want %v", ex.MockCalls(), want)
	}
	wantIn(t, "a typo in a test case", newErr(t, tripDef, Name("Trip"), UseMockConfig(cfg, "Typo")),
		`sim: mock config: test case "Typo" of state machine "Trip" names state "ReserveHotl", which the state machine does not have`,
		`did you mean "ReserveHotel"?`, "the states that take mocks are BookFlight, Notify, ReserveHotel, Rooms/ItemReader")
	wantIn(t, "a Pass state in a test case", newErr(t, tripDef, Name("Trip"), UseMockConfig(cfg, "PassMocked")),
		`test case "PassMocked" of state machine "Trip" names state "Log", a Pass state, which takes no mock`)

	// An OnState replaces the test case's entry for its state.
	ex = mustRun(t, mustSim(t, tripDef, Name("Trip"), UseMockConfig(cfg, "Happy"), OnState("BookFlight", Return("upgraded"))), `{"guests": []}`)
	if runs := ex.StateRuns("BookFlight"); len(runs) != 1 || runs[0].Output != "upgraded" {
		t.Errorf("BookFlight ran %v", runs)
	}
	if got := ex.UnusedMocks(); !slices.Equal(got, []string{"Notify"}) {
		t.Errorf("UnusedMocks() = %v", got)
	}

	// The cause of an unmocked task speaks of the test case.
	ex = mustRun(t, mustSim(t, tripDef, Name("Trip"), UseMockConfig(cfg, "NoFlight")), `{"guests": []}`)
	wantStatus(t, ex, Failed)
	if ex.Error != ErrorUnmocked || ex.Cause != `state "BookFlight" (Resource arn:aws:states:::lambda:invoke) has no mock: test case "NoFlight" of state machine "Trip" in the mock config does not name it` {
		t.Errorf("unmocked under a mock config: %s %q", ex.Error, ex.Cause)
	}
	// Under Go options, it tells how to add one.
	ex = mustRun(t, mustSim(t, tripDef, OnState("ReserveHotel", Return(1))), `{"guests": []}`)
	if !strings.Contains(ex.Cause, `sim.OnState("BookFlight", ...)`) {
		t.Errorf("unmocked: %q", ex.Cause)
	}

	wantIn(t, "a missing test case", newErr(t, tripDef, Name("Trip"), UseMockConfig(cfg, "Gold")),
		`mock config: state machine "Trip" has no test case "Gold" (it has Happy, NoFlight, PassMocked, Typo)`)
}

// TestMockConfigExtraKeys checks the report: keys of a mock configuration
// other than StateMachines and MockedResponses (a team's own) are ignored
// with a warning.
func TestMockConfigExtraKeys(t *testing.T) {
	cfg, err := ParseMockConfig([]byte(`{"StateMachines": {"M": {"TestCases": {"Ok": {"T": "R"}}}},
		"Assert": {"Ok": {"status": "SUCCEEDED"}}, "MockedResponses": {"R": {"0": {"Return": 1}}}, "Comment": "ours"}`))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`mock config: top-level key "Assert" is not part of the format (StateMachines, MockedResponses): ignored`,
		`mock config: top-level key "Comment" is not part of the format (StateMachines, MockedResponses): ignored`,
	}
	if got := cfg.Warnings(); !slices.Equal(got, want) {
		t.Errorf("Warnings() = %q, want %q", got, want)
	}
	def := `{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true}}}`
	wantOutput(t, mustRun(t, mustSim(t, def, UseMockConfig(cfg, "Ok")), `{}`), `1`)
	if ok, _ := ParseMockConfig([]byte(`{"StateMachines": {}}`)); len(ok.Warnings()) != 0 {
		t.Errorf("warnings of a plain config: %q", ok.Warnings())
	}
	// Below the top level, the format is checked as before.
	for _, bad := range []string{`{"StateMachines": {"M": {"TestCase": {}}}}`, `{"MockedResponses": {"R": {"0": {"Retrun": 1}}}}`, `[]`, `{"StateMachines": []}`} {
		if _, err := ParseMockConfig([]byte(bad)); err == nil {
			t.Errorf("ParseMockConfig(%s) succeeded", bad)
		}
	}
}

// TestAfterDoesNotChangeMockIdentity checks that a handler made slow in an
// option keeps counting as the state's mock.
func TestAfterDoesNotChangeMockIdentity(t *testing.T) {
	def := `{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true}}}`
	ex := mustRun(t, mustSim(t, def, OnState("T", Return(1).After(time.Second))), `{}`)
	if ex.MockCalls()["T"] != 1 {
		t.Errorf("MockCalls() = %v", ex.MockCalls())
	}
}
