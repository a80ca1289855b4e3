package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestUpToDate checks that the committed states_methods.go is what stategen
// writes now, and that it gives each state type exactly its methods.
func TestUpToDate(t *testing.T) {
	src, err := render()
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("../../states_methods.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(src, committed) {
		t.Error("dsl/states_methods.go is stale: run go generate ./dsl")
	}
	for _, tc := range []struct{ method string }{
		{"func (s *FailState) Comment("}, {"func (s *SucceedState) OutputPath("}, {"func (s *MapState) Retry("}, {"func (s *ParallelState) Arguments("},
	} {
		if !strings.Contains(string(src), tc.method) {
			t.Errorf("missing %s", tc.method)
		}
	}
	for _, forbidden := range []string{"func (s *FailState) InputPath(", "func (s *ChoiceState) Next(", "func (s *SucceedState) Assign(", "func (s *PassState) Retry(", "func (s *MapState) Arguments("} {
		if strings.Contains(string(src), forbidden) {
			t.Errorf("ASL does not allow %s...)", forbidden)
		}
	}
}
