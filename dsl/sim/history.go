package sim

import (
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// MaxEvents is AWS's limit on the events of one execution's history: an
// execution that would have more fails with States.Runtime, whether its
// history is recorded ([History]) or not.
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

// eventLog is an execution's history as it is recorded: compact records in
// chunks, so that a long history grows without copying what it holds and
// costs the garbage collector little while the execution runs (an Event is
// 272 bytes with a dozen pointers; a record a third of that). Execution.Events
// builds the Events, once, when they are asked for; EventTypes and the other
// readers of the history read the records.
type eventLog struct {
	start  time.Time // the execution's start: records keep times as offsets
	first  int       // capacity of the first chunk: the run's expected length
	chunks [][]record
	n      int
	lastID int64
	closed bool // the execution has ended: add records nothing

	built  sync.Once
	events []Event
}

// record is an event as the log keeps it: the fields of the events of
// Pass, Choice, Wait, Succeed and execution starts and ends inline, and any
// other event whole, in full.
type record struct {
	at       time.Duration // Timestamp - start
	id, prev int64
	typ      string
	name     string
	value    any // Input (hasInput) or Output (hasOutput)
	flags    uint8
	full     *Event
}

const (
	hasInputFlag uint8 = 1 << iota
	hasOutputFlag
)

// eventChunk is the capacity of the chunks after the first.
const eventChunk = 4096

func (l *eventLog) add(ev *Event) {
	if l.closed {
		return
	}
	k := len(l.chunks) - 1
	if k < 0 || len(l.chunks[k]) == cap(l.chunks[k]) {
		size := eventChunk
		if k < 0 && l.first > 0 {
			size = l.first
		}
		l.chunks = append(l.chunks, make([]record, 0, size))
		k++
	}
	r := record{at: ev.Timestamp.Sub(l.start), id: ev.ID, prev: ev.PreviousEventID, typ: ev.Type, name: ev.Name}
	switch {
	case !ev.plain():
		r.full = new(Event)
		*r.full = *ev
	case ev.hasInput:
		r.value, r.flags = ev.Input, hasInputFlag
	case ev.hasOutput:
		r.value, r.flags = ev.Output, hasOutputFlag
	}
	l.chunks[k] = append(l.chunks[k], r)
	l.n++
	l.lastID = ev.ID
}

// plain reports whether the event has no fields but those a record keeps
// inline: ids, time, type, name, and either an input or an output.
func (ev *Event) plain() bool {
	return !(ev.hasInput && ev.hasOutput) &&
		(ev.hasInput || ev.Input == nil) && (ev.hasOutput || ev.Output == nil) &&
		ev.Error == "" && ev.Cause == "" && !ev.hasError &&
		ev.Resource == "" && ev.ResourceType == "" && ev.Parameters == nil &&
		ev.Index == 0 && ev.Length == 0 && ev.TimeoutSeconds == 0 && ev.HeartbeatSeconds == 0 &&
		ev.MapRunARN == "" && ev.AssignedVariables == nil && ev.Location == ""
}

// eventType returns the type of r's event.
func (r *record) eventType() string {
	if r.full != nil {
		return r.full.Type
	}
	return r.typ
}

// eventName returns the Name of r's event.
func (r *record) eventName() string {
	if r.full != nil {
		return r.full.Name
	}
	return r.name
}

// event returns the Event that r records.
func (l *eventLog) event(r *record) Event {
	if r.full != nil {
		return *r.full
	}
	ev := Event{ID: r.id, PreviousEventID: r.prev, Timestamp: l.start.Add(r.at), Type: r.typ, Name: r.name}
	switch r.flags {
	case hasInputFlag:
		ev.Input, ev.hasInput = r.value, true
	case hasOutputFlag:
		ev.Output, ev.hasOutput = r.value, true
	}
	return ev
}

// records calls yield with each record, in order, until it returns false.
func (l *eventLog) records(yield func(*record) bool) {
	for _, c := range l.chunks {
		for i := range c {
			if !yield(&c[i]) {
				return
			}
		}
	}
}

// all returns the events, built once.
func (l *eventLog) all() []Event {
	l.built.Do(func() {
		if l.n == 0 {
			return
		}
		l.events = make([]Event, 0, l.n)
		for r := range l.records {
			l.events = append(l.events, l.event(r))
		}
	})
	return l.events
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

// Events returns the history, unless recording was turned off (History):
// the events in order, built from the execution's record of them on the
// first call and the same slice on later ones.
func (e *Execution) Events() []Event {
	if e.log == nil {
		return nil
	}
	return e.log.all()
}

// EventTypes returns the types of the execution's events, in order.
func (e *Execution) EventTypes() []string {
	if e.log == nil {
		return []string{}
	}
	out := make([]string, 0, e.log.n)
	for r := range e.log.records {
		out = append(out, r.eventType())
	}
	return out
}

// StatesEntered returns the names of the states the execution entered, in
// the order of their StateEntered events (branches and iterations included).
func (e *Execution) StatesEntered() []string {
	var out []string
	if e.log == nil {
		return out
	}
	for r := range e.log.records {
		if strings.HasSuffix(r.eventType(), "StateEntered") {
			out = append(out, r.eventName())
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
	events := e.Events()
	for i := range events {
		ev := &events[i]
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
