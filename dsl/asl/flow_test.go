package asl

import "testing"

func TestNextOfAndHandlersOf(t *testing.T) {
	r := []Retrier{{ErrorEquals: []string{"States.ALL"}}}
	c := []Catcher{{ErrorEquals: []string{"States.ALL"}, Next: "F"}}
	for _, tc := range []struct {
		st       State
		next     string
		end, ok  bool
		handlers bool
	}{
		{&Task{Next: "A", Retry: r, Catch: c}, "A", false, true, true},
		{&Pass{End: true}, "", true, true, false},
		{&Wait{Next: "B"}, "B", false, true, false},
		{&Parallel{Next: "C", Retry: r, Catch: c}, "C", false, true, true},
		{&Map{End: true, Retry: r, Catch: c}, "", true, true, true},
		{&Choice{Default: "D"}, "", false, false, false},
		{&Succeed{}, "", false, false, false},
		{&Fail{}, "", false, false, false},
	} {
		next, end, ok := NextOf(tc.st)
		if next != tc.next || end != tc.end || ok != tc.ok {
			t.Errorf("NextOf(%T) = %q, %v, %v; want %q, %v, %v", tc.st, next, end, ok, tc.next, tc.end, tc.ok)
		}
		retry, catch := HandlersOf(tc.st)
		if got := len(retry) == 1 && len(catch) == 1; got != tc.handlers {
			t.Errorf("HandlersOf(%T) = %v, %v", tc.st, retry, catch)
		}
	}
}
