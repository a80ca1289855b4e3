package graph

import "testing"

func TestEdgeKeyString(t *testing.T) {
	for k, want := range map[EdgeKey]string{
		{To: "A", Kind: EdgeStart}:                      "Start → A",
		{From: "A", To: "B", Kind: EdgeNext}:            "A → B",
		{From: "C", To: "D", Kind: EdgeRule}:            "C → D (rule 1)",
		{From: "C", To: "E", Kind: EdgeDefault}:         "C → E (Default)",
		{From: "T", To: "F", Kind: EdgeCatch, Index: 1}: "T → F (Catch 2)",
		{From: "B", Kind: EdgeEnd}:                      "B → End",
	} {
		if got := k.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", k, got, want)
		}
	}
}
