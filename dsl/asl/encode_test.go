package asl

import (
	"strings"
	"testing"
)

// TestMarshalNilState checks that a nil state is an error, not a panic.
func TestMarshalNilState(t *testing.T) {
	for _, st := range []State{nil, (*Task)(nil), (*Map)(nil)} {
		sm := &StateMachine{StartAt: "A"}
		sm.States.Add("A", st)
		_, err := Marshal(sm)
		if err == nil || !strings.Contains(err.Error(), "/States/A is a nil state") {
			t.Errorf("Marshal with state %#v: err = %v, want a nil-state error", st, err)
		}
	}
}
