package intrinsic

import (
	"crypto"
	"fmt"
	"math"
	"sort"
)

// kind is the JSON type of a value, as far as it can be known statically.
type kind uint8

const (
	kAny kind = iota
	kString
	kNumber
	kBool
	kArray
	kObject
)

// String describes k for error messages ("a string", "an array", ...).
func (k kind) String() string {
	switch k {
	case kString:
		return "a string"
	case kNumber:
		return "a number"
	case kBool:
		return "a boolean"
	case kArray:
		return "an array"
	case kObject:
		return "an object"
	}
	return "a value"
}

// spec describes one intrinsic function.
type spec struct {
	min, max int    // argument count bounds; max < 0 means unbounded
	params   []kind // expected kinds of the leading arguments
	result   kind   // kind of the returned value
	extra    func(c *Call) error
}

// specs lists the intrinsic functions documented for AWS Step Functions.
var specs = map[string]spec{
	"States.Format":         {min: 1, max: -1, params: []kind{kString}, result: kString},
	"States.StringToJson":   {min: 1, max: 1, params: []kind{kString}, result: kAny},
	"States.JsonToString":   {min: 1, max: 1, result: kString},
	"States.Array":          {min: 0, max: -1, result: kArray},
	"States.ArrayPartition": {min: 2, max: 2, params: []kind{kArray, kNumber}, result: kArray, extra: checkArrayPartition},
	"States.ArrayContains":  {min: 2, max: 2, params: []kind{kArray}, result: kBool},
	"States.ArrayRange":     {min: 3, max: 3, params: []kind{kNumber, kNumber, kNumber}, result: kArray, extra: checkArrayRange},
	"States.ArrayGetItem":   {min: 2, max: 2, params: []kind{kArray, kNumber}, result: kAny},
	"States.ArrayLength":    {min: 1, max: 1, params: []kind{kArray}, result: kNumber},
	"States.ArrayUnique":    {min: 1, max: 1, params: []kind{kArray}, result: kArray},
	"States.Base64Encode":   {min: 1, max: 1, params: []kind{kString}, result: kString},
	"States.Base64Decode":   {min: 1, max: 1, params: []kind{kString}, result: kString},
	"States.Hash":           {min: 2, max: 2, params: []kind{kAny, kString}, result: kString, extra: checkHash},
	"States.JsonMerge":      {min: 3, max: 3, params: []kind{kObject, kObject, kBool}, result: kObject, extra: checkJsonMerge},
	"States.MathRandom":     {min: 2, max: 3, params: []kind{kNumber, kNumber, kNumber}, result: kNumber},
	"States.MathAdd":        {min: 2, max: 2, params: []kind{kNumber, kNumber}, result: kNumber, extra: checkMathAdd},
	"States.StringSplit":    {min: 2, max: 2, params: []kind{kString, kString}, result: kArray},
	"States.UUID":           {min: 0, max: 0, result: kString},
}

// Names returns the names of all supported intrinsic functions, sorted.
func Names() []string {
	names := make([]string, 0, len(specs))
	for n := range specs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// IsKnown reports whether name (for example "States.Format") is a supported
// intrinsic function.
func IsKnown(name string) bool {
	_, ok := specs[name]
	return ok
}

func errAt(off int, format string, args ...any) error {
	return &SyntaxError{Offset: off, Msg: fmt.Sprintf(format, args...)}
}

// plural returns "1 word" or "n words".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// argKind returns the statically known kind of a; kAny for paths and for
// calls whose result type depends on the input.
func argKind(a Arg) kind {
	switch a := a.(type) {
	case *StringLit:
		return kString
	case *NumberLit:
		return kNumber
	case *BoolLit:
		return kBool
	case *Call:
		return specs[a.Name].result
	}
	return kAny // paths; null is rejected wherever a kind is required
}

// check validates the argument count and the statically known argument
// kinds of c, then runs the function-specific checks.
func (sp spec) check(c *Call) error {
	n := len(c.Args)
	switch {
	case sp.max < 0 && n < sp.min:
		return errAt(c.Offset, "%s expects at least %s, got %d", c.Name, plural(sp.min, "argument"), n)
	case sp.max >= 0 && sp.min == sp.max && n != sp.min:
		return errAt(c.Offset, "%s expects %s, got %d", c.Name, plural(sp.min, "argument"), n)
	case sp.max >= 0 && (n < sp.min || n > sp.max):
		return errAt(c.Offset, "%s expects %d to %s, got %d", c.Name, sp.min, plural(sp.max, "argument"), n)
	}
	for i, want := range sp.params {
		if i >= n || want == kAny {
			continue
		}
		a := c.Args[i]
		got := argKind(a)
		_, isNull := a.(*NullLit)
		if isNull || got != kAny && got != want {
			return errAt(a.Pos(), "argument %d of %s must be %s", i+1, c.Name, want)
		}
	}
	if sp.extra != nil {
		return sp.extra(c)
	}
	return nil
}

// hashAlgorithms are the algorithms of States.Hash, by the names AWS gives
// them. (Eval links their implementations; Parse only checks the names.)
var hashAlgorithms = map[string]crypto.Hash{
	"MD5": crypto.MD5, "SHA-1": crypto.SHA1, "SHA-256": crypto.SHA256, "SHA-384": crypto.SHA384, "SHA-512": crypto.SHA512,
}

func checkHash(c *Call) error {
	if s, ok := c.Args[1].(*StringLit); ok && hashAlgorithms[s.Value] == 0 {
		return errAt(s.Offset, "unsupported hash algorithm %s (want MD5, SHA-1, SHA-256, SHA-384 or SHA-512)", Quote(s.Value))
	}
	return nil
}

func checkJsonMerge(c *Call) error {
	if b, ok := c.Args[2].(*BoolLit); ok && b.Value {
		return errAt(b.Offset, "States.JsonMerge supports only shallow merging: the third argument must be false")
	}
	return nil
}

func checkArrayPartition(c *Call) error {
	if n, ok := c.Args[1].(*NumberLit); ok && math.Round(n.Value) < 1 {
		return errAt(n.Offset, "States.ArrayPartition chunk size must be positive")
	}
	return nil
}

// maxRange is the largest array States.ArrayRange may produce.
const maxRange = 1000

func checkArrayRange(c *Call) error {
	step, ok := c.Args[2].(*NumberLit)
	if !ok {
		return nil
	}
	if step.Value == 0 {
		return errAt(step.Offset, "States.ArrayRange step must not be zero")
	}
	start, ok1 := c.Args[0].(*NumberLit)
	end, ok2 := c.Args[1].(*NumberLit)
	if !ok1 || !ok2 || !isInt(start.Value) || !isInt(end.Value) || !isInt(step.Value) {
		return nil
	}
	if count := math.Floor((end.Value-start.Value)/step.Value) + 1; count > maxRange {
		return errAt(c.Offset, "States.ArrayRange would produce more than %d elements", maxRange)
	}
	return nil
}

func isInt(v float64) bool { return v == math.Trunc(v) && !math.IsInf(v, 0) }

func checkMathAdd(c *Call) error {
	for _, a := range c.Args {
		if n, ok := a.(*NumberLit); ok {
			if v := math.Round(n.Value); v < math.MinInt32 || v > math.MaxInt32 {
				return errAt(n.Offset, "States.MathAdd argument out of 32-bit integer range")
			}
		}
	}
	return nil
}
