package dsl

import "reflect"

// Type is a Go type that describes a payload: a machine's input or output, a
// task's input or result. Build carries it in the model; the generator uses it
// to check data flow and emit Go structs.
type Type struct {
	rt reflect.Type
}

// TypeOf returns the Type of T.
//
//	m.InputType(dsl.TypeOf[Order]())
func TypeOf[T any]() Type { return Type{rt: reflect.TypeFor[T]()} }

// Reflect returns the reflect.Type, or nil for the zero Type.
func (t Type) Reflect() reflect.Type { return t.rt }

// String returns the type's name as Go writes it, such as orders.Order.
func (t Type) String() string {
	if t.rt == nil {
		return "<none>"
	}
	return t.rt.String()
}

// IsZero reports whether t is the zero Type.
func (t Type) IsZero() bool { return t.rt == nil }

// PayloadRole says which payload of a machine or state a [PayloadType] describes.
type PayloadRole string

// Payload roles.
const (
	// RoleInput is a machine's execution input or a task's effective input
	// (after InputPath and Parameters).
	RoleInput PayloadRole = "input"
	// RoleOutput is a machine's execution output.
	RoleOutput PayloadRole = "output"
	// RoleResult is a task's raw result, before ResultSelector and ResultPath.
	RoleResult PayloadRole = "result"
)

// PayloadType binds a Go type to one payload of a machine or a state.
type PayloadType struct {
	// State names the state, or is empty for the machine itself.
	State string
	Role  PayloadRole
	Type  Type
}
