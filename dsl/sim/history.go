package sim

import (
	"slices"
	"strings"
	"time"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// MaxEvents is AWS's limit on the events of one execution's history: an
// execution that would record more fails.
const MaxEvents = 25000

// Event is one history event, as AWS's GetExecutionHistory returns it. Only
// the fields of the event's type are set.
type Event struct {
	ID              int64
	PreviousEventID int64
	Timestamp       time.Time
	// Type is AWS's event type, such as ExecutionStarted, TaskStateEntered or
	// MapIterationSucceeded.
	Type string

	// Name is the state's name (state and map iteration events).
	Name string
	// Input and Output are JSON values (package jsonvalue), set on the
	// events that carry them.
	Input, Output any
	hasInput      bool
	hasOutput     bool
	// Error and Cause describe failures.
	Error, Cause string
	hasError     bool
	// Resource and ResourceType name a task's resource (Task* events).
	Resource, ResourceType string
	// Parameters is a TaskScheduled event's effective input.
	Parameters any
	// Index is a map iteration's index; Length a MapStateStarted's item count.
	Index, Length int
	// TimeoutSeconds and HeartbeatSeconds are a TaskScheduled event's limits.
	TimeoutSeconds, HeartbeatSeconds int64
	// MapRunARN names a distributed map's run.
	MapRunARN string
	// AssignedVariables are the workflow variables a StateExited event's
	// state set (Assign), by name.
	AssignedVariables map[string]any
	// Location is the field of an EvaluationFailed event's state whose
	// JSONata expression failed, such as Output or Items.
	Location string
}

// eventLog is an execution's history as it is recorded: events in chunks,
// so that a long history grows without copying the events it holds (a
// slice that doubles copies each 272-byte event again and again); all joins
// them once, at the end.
type eventLog struct {
	first  int // capacity of the first chunk: the run's expected length
	chunks [][]Event
	n      int
}

// eventChunk is the capacity of the chunks after the first.
const eventChunk = 4096

func (l *eventLog) add(ev Event) {
	k := len(l.chunks) - 1
	if k < 0 || len(l.chunks[k]) == cap(l.chunks[k]) {
		size := eventChunk
		if k < 0 && l.first > 0 {
			size = l.first
		}
		l.chunks = append(l.chunks, make([]Event, 0, size))
		k++
	}
	l.chunks[k] = append(l.chunks[k], ev)
	l.n++
}

// last returns the latest event, or nil.
func (l *eventLog) last() *Event {
	if l.n == 0 {
		return nil
	}
	c := l.chunks[len(l.chunks)-1]
	return &c[len(c)-1]
}

// all returns the events in one slice.
func (l *eventLog) all() []Event {
	switch len(l.chunks) {
	case 0:
		return nil
	case 1:
		return l.chunks[0]
	}
	out := make([]Event, 0, l.n)
	for _, c := range l.chunks {
		out = append(out, c...)
	}
	return out
}

// detailsKey returns the name of the event's details field in AWS's JSON.
func (ev *Event) detailsKey() string {
	t := ev.Type
	switch {
	case strings.HasSuffix(t, "StateEntered"):
		return "stateEnteredEventDetails"
	case strings.HasSuffix(t, "StateExited"):
		return "stateExitedEventDetails"
	}
	if t == "" {
		return ""
	}
	return strings.ToLower(t[:1]) + t[1:] + "EventDetails"
}

// MarshalJSON writes the event as AWS's API does: id, previousEventId,
// timestamp, type and a details object named after the type, in which input
// and output are JSON text.
func (ev Event) MarshalJSON() ([]byte, error) { return jsonvalue.Marshal(ev.object()), nil }

// String returns the event's JSON, as MarshalJSON writes it.
func (ev Event) String() string { return jsonvalue.String(ev.object()) }

// object returns the event as AWS's API writes it.
func (ev Event) object() *jsonvalue.Object {
	o := jsonvalue.NewObject(5)
	o.Set("id", jsonvalue.Int(ev.ID))
	o.Set("previousEventId", jsonvalue.Int(ev.PreviousEventID))
	o.Set("timestamp", ev.Timestamp.UTC().Format(time.RFC3339Nano))
	o.Set("type", ev.Type)
	d := jsonvalue.NewObject(4)
	if ev.ResourceType != "" {
		d.Set("resourceType", ev.ResourceType)
	}
	if ev.Resource != "" {
		d.Set("resource", ev.Resource)
	}
	if ev.Type == "TaskScheduled" {
		d.Set("region", "us-east-1")
		d.Set("parameters", jsonvalue.String(ev.Parameters))
		if ev.TimeoutSeconds > 0 {
			d.Set("timeoutInSeconds", jsonvalue.Int(ev.TimeoutSeconds))
		}
		if ev.HeartbeatSeconds > 0 {
			d.Set("heartbeatInSeconds", jsonvalue.Int(ev.HeartbeatSeconds))
		}
	}
	if ev.Name != "" {
		if ev.Type == "EvaluationFailed" {
			d.Set("state", ev.Name)
		} else {
			d.Set("name", ev.Name)
		}
	}
	if ev.Location != "" {
		d.Set("location", ev.Location)
	}
	if strings.HasPrefix(ev.Type, "MapIteration") {
		d.Set("index", jsonvalue.Int(int64(ev.Index)))
	}
	if ev.Type == "MapStateStarted" {
		d.Set("length", jsonvalue.Int(int64(ev.Length)))
	}
	if ev.MapRunARN != "" {
		d.Set("mapRunArn", ev.MapRunARN)
	}
	if ev.hasInput {
		d.Set("input", jsonvalue.String(ev.Input))
		d.Set("inputDetails", truncated())
	}
	if ev.hasOutput {
		d.Set("output", jsonvalue.String(ev.Output))
		d.Set("outputDetails", truncated())
	}
	if len(ev.AssignedVariables) > 0 {
		names := make([]string, 0, len(ev.AssignedVariables))
		for k := range ev.AssignedVariables {
			names = append(names, k)
		}
		slices.Sort(names)
		vars := jsonvalue.NewObject(len(names))
		for _, k := range names {
			vars.Set(k, jsonvalue.String(ev.AssignedVariables[k]))
		}
		d.Set("assignedVariables", vars)
		d.Set("assignedVariablesDetails", truncated())
	}
	if ev.hasError {
		setFailure(d, ev.Error, ev.Cause)
	}
	if ev.Type == "ExecutionStarted" {
		d.Set("roleArn", "arn:aws:iam::123456789012:role/StepFunctionsRole")
	}
	if d.Len() > 0 {
		o.Set(ev.detailsKey(), d)
	}
	return o
}

func truncated() *jsonvalue.Object {
	o := jsonvalue.NewObject(1)
	o.Set("truncated", false)
	return o
}

// String returns the execution as one line of JSON, as aslgen run prints
// it: its status and its output, {"status":"SUCCEEDED","output":...}, or
// its status, error and cause, {"status":"FAILED","error":"...","cause":"..."}.
func (e *Execution) String() string {
	o := jsonvalue.NewObject(3)
	o.Set("status", string(e.Status))
	if e.Status == Succeeded {
		o.Set("output", e.Output)
	} else {
		setFailure(o, e.Error, e.Cause)
	}
	return jsonvalue.String(o)
}

// setFailure sets the "error" and "cause" members of o, those not empty.
func setFailure(o *jsonvalue.Object, name, cause string) {
	if name != "" {
		o.Set("error", name)
	}
	if cause != "" {
		o.Set("cause", cause)
	}
}

// EventTypes returns the types of the execution's events, in order.
func (e *Execution) EventTypes() []string {
	out := make([]string, len(e.Events))
	for i := range e.Events {
		out[i] = e.Events[i].Type
	}
	return out
}

// StatesEntered returns the names of the states the execution entered, in
// the order of their StateEntered events (branches and iterations included).
func (e *Execution) StatesEntered() []string {
	var out []string
	for i := range e.Events {
		if strings.HasSuffix(e.Events[i].Type, "StateEntered") {
			out = append(out, e.Events[i].Name)
		}
	}
	return out
}

// StateRun is one run of a state, from its StateEntered event to its
// StateExited event.
type StateRun struct {
	Name string
	// Input is the state's raw input and Output its output (nil when the
	// state did not exit, as when it failed).
	Input, Output any
	// Exited reports whether the state exited.
	Exited bool
}

// String returns the run as one line of JSON: {"name":...,"input":...},
// with "output" when the state exited.
func (r StateRun) String() string {
	o := jsonvalue.NewObject(3)
	o.Set("name", r.Name)
	o.Set("input", r.Input)
	if r.Exited {
		o.Set("output", r.Output)
	}
	return jsonvalue.String(o)
}

// StateRuns returns every run of the named state, in order.
func (e *Execution) StateRuns(name string) []StateRun {
	var out []StateRun
	open := map[string][]int{}
	for i := range e.Events {
		ev := &e.Events[i]
		switch {
		case ev.Name != name:
		case strings.HasSuffix(ev.Type, "StateEntered"):
			out = append(out, StateRun{Name: name, Input: ev.Input})
			open[name] = append(open[name], len(out)-1)
		case strings.HasSuffix(ev.Type, "StateExited"):
			if idx := open[name]; len(idx) > 0 {
				r := &out[idx[0]]
				r.Output, r.Exited = ev.Output, true
				open[name] = idx[1:]
			}
		}
	}
	return out
}
