package sim

import "strings"

// Path is the way an execution went through its machine, read from its
// history: the states it entered, the transitions it took and the states
// that failed. Branches of Parallel states and iterations of Map states
// are included (not the child executions of a distributed Map, which have
// no events in the history). Package dsl/graph draws it over the machine.
type Path struct {
	// Entered names the states entered, in the order of their StateEntered
	// events, once per entry.
	Entered []string
	// Transitions are the moves from state to state, in history order.
	Transitions []Transition
	// Failed names the states that failed, in the order of their first
	// entry: those entered that did not exit (a Fail state, a task whose
	// error ended the execution, a branch's state stopped by the failure
	// of another branch) and those whose error a catcher handled.
	Failed []string
}

// Transition is one move of an execution.
type Transition struct {
	// From is the state left: "" for the start of the execution; a
	// Parallel or Map state for the first state of a branch or iteration.
	From string
	// To is the state entered: "" when From ended the execution, a
	// Parallel branch or a Map iteration.
	To string
	// Caught says From failed and a catcher of it chose To.
	Caught bool
}

// Path returns the execution's path. It reads the history, so it is empty
// when recording was turned off (History(false)).
func (e *Execution) Path() Path {
	events := e.Events()
	var p Path
	if len(events) == 0 {
		return p
	}
	byID := make(map[int64]int, len(events))
	for i := range events {
		byID[events[i].ID] = i
	}
	incoming := make(map[int]Transition)
	consumed := make(map[int]bool) // StateExited events that led somewhere
	open := map[string]int{}       // entries without exits, by state
	caught := map[string]bool{}    // states whose error a catcher handled
	var order []string
	for i := range events {
		ev := &events[i]
		switch {
		case strings.HasSuffix(ev.Type, "StateEntered"):
			if _, seen := open[ev.Name]; !seen {
				order = append(order, ev.Name)
			}
			open[ev.Name]++
			t := from(events, byID, i, consumed)
			t.To = ev.Name
			incoming[i] = t
			if t.Caught {
				caught[t.From] = true
			}
		case strings.HasSuffix(ev.Type, "StateExited"):
			open[ev.Name]--
		}
	}
	for i := range events {
		ev := &events[i]
		switch {
		case strings.HasSuffix(ev.Type, "StateEntered"):
			p.Entered = append(p.Entered, ev.Name)
			p.Transitions = append(p.Transitions, incoming[i])
		case strings.HasSuffix(ev.Type, "StateExited") && !consumed[i]:
			p.Transitions = append(p.Transitions, Transition{From: ev.Name})
		}
	}
	for _, name := range order {
		if open[name] > 0 || caught[name] {
			p.Failed = append(p.Failed, name)
		}
	}
	return p
}

// from follows the PreviousEventID chain of the StateEntered event at i
// back to where the execution came from: a state's exit, a Parallel or Map
// state entering a branch or iteration, a failed state whose catcher chose
// this one, or the start. It marks the exit it finds as consumed.
func from(events []Event, byID map[int64]int, i int, consumed map[int]bool) Transition {
	var t Transition
	for steps := 0; steps < len(events); steps++ {
		j, ok := byID[events[i].PreviousEventID]
		if !ok || j >= i {
			return t
		}
		i = j
		ev := &events[i]
		switch typ := ev.Type; {
		case typ == "ExecutionStarted":
			return t
		case strings.HasSuffix(typ, "StateExited"):
			consumed[i] = true
			t.From = ev.Name
			// A state whose error was caught exits after its failure.
			if k, ok := byID[ev.PreviousEventID]; ok && k < i && failure(events[k].Type) {
				t.Caught = true
			}
			return t
		case strings.HasSuffix(typ, "StateEntered"):
			t.From = ev.Name
			return t
		case failure(typ):
			t.Caught = true
		}
	}
	return t
}

// failure reports whether an event type is a failure: TaskFailed,
// ParallelStateFailed, TaskTimedOut, ...
func failure(typ string) bool {
	return strings.HasSuffix(typ, "Failed") || strings.HasSuffix(typ, "TimedOut") || strings.HasSuffix(typ, "Aborted")
}
