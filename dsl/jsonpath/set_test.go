package jsonpath

import (
	"errors"
	"testing"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

func TestSet(t *testing.T) {
	tests := []struct {
		root, path, value, want string
	}{
		{`{"a": 1}`, "$", `"result"`, `"result"`},
		{`[1, 2]`, "$", `{"x": 1}`, `{"x": 1}`},
		{`null`, "$", `1`, `1`},
		{`{"a": 1}`, "$.r", `{"ok": true}`, `{"a": 1, "r": {"ok": true}}`},
		{`{"a": 1, "r": 0, "z": 2}`, "$.r", `5`, `{"a": 1, "r": 5, "z": 2}`},
		{`{"a": {"x": 1}}`, "$.a.b.c", `7`, `{"a": {"x": 1, "b": {"c": 7}}}`},
		{`{}`, "$.a.b", `null`, `{"a": {"b": null}}`},
		{`{}`, "$.list[0]", `"v"`, `{"list": ["v"]}`},
		{`{}`, "$.list[0].x", `1`, `{"list": [{"x": 1}]}`},
		{`{"list": [1, 2]}`, "$.list[1]", `9`, `{"list": [1, 9]}`},
		{`{"list": [1, 2]}`, "$.list[2]", `3`, `{"list": [1, 2, 3]}`},
		{`{"list": [{"a": 1}, {"a": 2}]}`, "$.list[1].b", `3`, `{"list": [{"a": 1}, {"a": 2, "b": 3}]}`},
		{`[[0], [1]]`, "$[1][0]", `"x"`, `[[0], ["x"]]`},
		{`{"a b": {}}`, "$['a b']['c.d']", `1`, `{"a b": {"c.d": 1}}`},
	}
	for _, tc := range tests {
		root := jsonvalue.MustParse(tc.root)
		before := jsonvalue.String(root)
		got, err := MustParse(tc.path).Set(root, jsonvalue.MustParse(tc.value))
		if err != nil {
			t.Errorf("Set(%s, %s): %v", tc.root, tc.path, err)
			continue
		}
		if want := jsonvalue.MustParse(tc.want); jsonvalue.String(got) != jsonvalue.String(want) {
			t.Errorf("Set(%s, %s, %s) = %s, want %s", tc.root, tc.path, tc.value, jsonvalue.String(got), tc.want)
		}
		if jsonvalue.String(root) != before {
			t.Errorf("Set(%s, %s) modified its input: %s", tc.root, tc.path, jsonvalue.String(root))
		}
	}
}

func TestSetShares(t *testing.T) {
	root := jsonvalue.MustParse(`{"keep": {"big": [1, 2, 3]}, "a": {"other": [4], "b": 1}}`)
	got, err := MustParse("$.a.b").Set(root, jsonvalue.Number("2"))
	if err != nil {
		t.Fatal(err)
	}
	o := got.(*jsonvalue.Object)
	if o == root.(*jsonvalue.Object) {
		t.Fatal("Set returned its input")
	}
	oldKeep, _ := root.(*jsonvalue.Object).Get("keep")
	newKeep, _ := o.Get("keep")
	if oldKeep != newKeep {
		t.Error("Set copied a member off the path")
	}
	oldA, _ := root.(*jsonvalue.Object).Get("a")
	newA, _ := o.Get("a")
	if oldA == newA {
		t.Error("Set did not copy an object on the path")
	}
	oldOther, _ := oldA.(*jsonvalue.Object).Get("other")
	newOther, _ := newA.(*jsonvalue.Object).Get("other")
	if &oldOther.([]any)[0] != &newOther.([]any)[0] {
		t.Error("Set copied an array off the path")
	}
}

func TestSetErrors(t *testing.T) {
	tests := []struct {
		root, path string
		reason     SetReason
		at         int
		msg        string
	}{
		{`{"a": "str"}`, "$.a.b", SetNotAnObject, 1, "cannot set $.a.b: $.a is string, not an object"},
		{`[1, 2]`, "$.x", SetNotAnObject, 0, "cannot set $.x: $ is array, not an object"},
		{`null`, "$.x", SetNotAnObject, 0, "cannot set $.x: $ is null, not an object"},
		{`{"a": [1]}`, "$.a.b", SetNotAnObject, 1, "cannot set $.a.b: $.a is array, not an object"},
		{`{"a": {}}`, "$.a[0]", SetNotAnArray, 1, "cannot set $.a[0]: $.a is object, not an array"},
		{`{"a": [1, 2]}`, "$.a[5]", SetIndexOutOfRange, 1, "cannot set $.a[5]: $.a is an array of length 2, too short for [5]"},
		{`{}`, "$.a[1]", SetIndexOutOfRange, 1, "cannot set $.a[1]: $.a is an array of length 0, too short for [1]"},
		{`{"a": [1]}`, "$.a[-1]", NotReferencePath, 1, "cannot set $.a[-1]: not a reference path"},
		{`{"a": [1]}`, "$.a[*]", NotReferencePath, 1, "cannot set $.a[*]: not a reference path"},
		{`{}`, "$..a", NotReferencePath, 0, "cannot set $..a: not a reference path"},
		{`{}`, "$$.a", NotReferencePath, 0, "cannot set $$.a: not a reference path"},
	}
	for _, tc := range tests {
		root := jsonvalue.MustParse(tc.root)
		p := MustParse(tc.path)
		got, err := p.Set(root, jsonvalue.Number("1"))
		var se *SetError
		if !errors.As(err, &se) {
			t.Errorf("Set(%s, %s) = %s, %v; want a SetError", tc.root, tc.path, jsonvalue.String(got), err)
			continue
		}
		if se.Reason != tc.reason || se.At != tc.at || se.Path != p {
			t.Errorf("Set(%s, %s): reason %d at %d, want %d at %d", tc.root, tc.path, se.Reason, se.At, tc.reason, tc.at)
		}
		if se.Error() != tc.msg {
			t.Errorf("Set(%s, %s):\n got %s\nwant %s", tc.root, tc.path, se.Error(), tc.msg)
		}
	}
}
