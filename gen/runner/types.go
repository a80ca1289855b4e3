package runner

import (
	"github.com/aslgen/aslgen/dsl"
	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/shape"
)

// Types describes the data of a machine that declares Go types: the shapes
// the generator turns into Go types.
type Types struct {
	// Input and Output are the execution's input and output.
	Input  *Shape `json:"input,omitempty"`
	Output *Shape `json:"output,omitempty"`
	// Tasks lists the Task states in document order, with what each
	// handler receives and returns (for the optimized Lambda integration:
	// the function's event and result, not the integration's).
	Tasks []TaskTypes `json:"tasks,omitempty"`
}

// TaskTypes is what one Task state's handler receives and returns.
type TaskTypes struct {
	State  string `json:"state"`
	Input  *Shape `json:"input"`
	Result *Shape `json:"result"`
}

// Shape is a shape.Shape as JSON.
type Shape struct {
	// Kind is unknown, null, boolean, number, integer, string, timestamp,
	// object, array, tuple or union.
	Kind string `json:"kind"`
	// Go names the Go type the shape was declared with.
	Go *GoType `json:"go,omitempty"`
	// Fields are an object's members; Open says others may exist, with
	// Elem their shape when known.
	Fields []ShapeField `json:"fields,omitempty"`
	Open   bool         `json:"open,omitempty"`
	// Elem is an array's element; Elems a tuple's elements or a union's
	// alternatives.
	Elem  *Shape   `json:"elem,omitempty"`
	Elems []*Shape `json:"elems,omitempty"`
}

// ShapeField is one member of an object shape.
type ShapeField struct {
	Name     string `json:"name"`
	Optional bool   `json:"optional,omitempty"`
	Shape    *Shape `json:"shape"`
}

// GoType names a Go type by its package path and name.
type GoType struct {
	Pkg  string `json:"pkg"`
	Name string `json:"name"`
}

var kindNames = map[shape.Kind]string{
	shape.KindUnknown: "unknown", shape.KindNull: "null", shape.KindBool: "boolean", shape.KindNumber: "number",
	shape.KindInteger: "integer", shape.KindString: "string", shape.KindTimestamp: "timestamp",
	shape.KindObject: "object", shape.KindArray: "array", shape.KindTuple: "tuple", shape.KindUnion: "union",
}

// toShape converts a shape for the description, to the given depth.
func toShape(s *shape.Shape, depth int) *Shape {
	if s == nil || depth > 32 {
		return &Shape{Kind: "unknown"}
	}
	out := &Shape{Kind: kindNames[s.Kind()]}
	if t := s.GoType(); t != nil && t.Name() != "" && t.PkgPath() != "" {
		out.Go = &GoType{Pkg: t.PkgPath(), Name: t.Name()}
	}
	switch s.Kind() {
	case shape.KindObject:
		for _, f := range s.Fields() {
			out.Fields = append(out.Fields, ShapeField{Name: f.Name, Optional: f.Optional, Shape: toShape(f.Shape, depth+1)})
		}
		out.Open = s.Open()
		if s.Open() && s.Elem() != nil {
			out.Elem = toShape(s.Elem(), depth+1)
		}
	case shape.KindArray:
		out.Elem = toShape(s.Elem(), depth+1)
	case shape.KindTuple:
		for _, e := range s.Elems() {
			out.Elems = append(out.Elems, toShape(e, depth+1))
		}
	case shape.KindUnion:
		for _, e := range s.Alternatives() {
			out.Elems = append(out.Elems, toShape(e, depth+1))
		}
	}
	return out
}

// typesOf describes the data of a machine that declares Go types, or
// returns nil.
func typesOf(m *dsl.Machine) *Types {
	declared := m.PayloadTypes()
	if len(declared) == 0 {
		return nil
	}
	doc, an, err := m.Analyze()
	if err != nil {
		return nil
	}
	t := &Types{}
	input, result := map[string]*shape.Shape{}, map[string]*shape.Shape{}
	var machineOut *shape.Shape
	for _, pt := range declared {
		sh := shape.FromGo(pt.Type.Reflect())
		switch {
		case pt.State == "" && pt.Role == dsl.RoleInput:
			t.Input = toShape(sh, 0)
		case pt.State == "" && pt.Role == dsl.RoleOutput:
			machineOut = sh
		case pt.Role == dsl.RoleInput:
			input[pt.State] = sh
		case pt.Role == dsl.RoleResult:
			result[pt.State] = sh
		}
	}
	if machineOut == nil {
		machineOut = an.MachineOutput
	}
	t.Output = toShape(machineOut, 0)
	var walk func(states asl.States)
	walk = func(states asl.States) {
		for name, st := range states.All() {
			switch st := st.(type) {
			case *asl.Task:
				in := input[name]
				if in == nil {
					in = an.EffectiveInput[name]
					if asl.IsLambdaInvoke(st.Resource) && in != nil {
						if f, ok := in.Field("Payload"); ok {
							in = f.Shape
						} else {
							in = shape.Unknown()
						}
					}
				}
				res := result[name]
				if res == nil {
					res = shape.Unknown()
				}
				t.Tasks = append(t.Tasks, TaskTypes{State: name, Input: toShape(in, 0), Result: toShape(res, 0)})
			case *asl.Parallel:
				for _, b := range st.Branches {
					walk(b.States)
				}
			case *asl.Map:
				if p := st.Processor(); p != nil {
					walk(p.States)
				}
			}
		}
	}
	walk(doc.States)
	return t
}
