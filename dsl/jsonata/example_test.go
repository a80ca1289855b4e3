package jsonata_test

import (
	"errors"
	"fmt"

	"github.com/aslgen/aslgen/dsl/jsonata"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

func ExampleParse() {
	e, err := jsonata.Parse(`Account.Order[0].Product.(Price * Quantity)`)
	if err != nil {
		panic(err)
	}
	path := e.Root.(*jsonata.Path)
	for _, s := range path.Steps {
		fmt.Printf("%T %s\n", s.Expr, jsonata.Format(s.Expr))
	}
	fmt.Println(e)
	// Output:
	// *jsonata.Name Account
	// *jsonata.Name Order
	// *jsonata.Name Product
	// *jsonata.Block (Price * Quantity)
	// Account.Order[0].Product.(Price * Quantity)
}

func ExampleParse_error() {
	_, err := jsonata.Parse(`$sum(Account.Order.Product.Price`)
	fmt.Println(err)
	var se *jsonata.SyntaxError
	if errors.As(err, &se) {
		fmt.Println(se.Code, se.Offset)
	}
	// Output:
	// expected ")" before end of expression at column 33
	// S0203 32
}

func ExampleParseTemplate() {
	for _, s := range []string{
		"{% $states.input.price * 1.2 %}",
		"{%$states.input%}",
		" {% $states.input %}",
		"{% $states.input.items[?(@.price < 10)] %}",
	} {
		if !jsonata.IsExpression(s) {
			continue
		}
		e, err := jsonata.ParseTemplate(s)
		if err != nil {
			fmt.Println("invalid:", err)
			continue
		}
		fmt.Println("valid:", e)
	}
	// Output:
	// valid: $states.input.price * 1.2
	// valid: $states.input
	// invalid: the symbol "?" cannot be used as a unary operator at column 24
}

func ExampleInspect() {
	e, err := jsonata.Parse(`$count($states.input.items[price > $limit]) > 0`)
	if err != nil {
		panic(err)
	}
	jsonata.Inspect(e.Root, func(n jsonata.Node) bool {
		if v, ok := n.(*jsonata.Variable); ok {
			fmt.Printf("$%s at %d\n", v.Name, v.Offset)
		}
		return true
	})
	// Output:
	// $count at 0
	// $states at 7
	// $limit at 35
}

func ExampleExpr_Evaluate() {
	e, err := jsonata.ParseWith(`$sum($states.input.items.(price * qty))`, jsonata.Options{JSONata20: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	states := jsonvalue.MustParse(`{"input": {"items": [{"price": 2.5, "qty": 4}, {"price": 10, "qty": 1}]}}`)
	v, ok, err := e.Evaluate(nil, map[string]any{"states": states})
	fmt.Println(jsonvalue.String(v), ok, err)

	// Errors carry JSONata's code and the column in the expression.
	e, _ = jsonata.Parse(`$states.input.items[0].price + 'x'`)
	_, _, err = e.Evaluate(nil, map[string]any{"states": states})
	fmt.Println(err)
	// Output:
	// 20 true <nil>
	// T2002: the right side of the "+" operator must evaluate to a number at column 30
}

// stateVars is the lookup of a Step Functions state: $states, then the
// workflow's variables.
type stateVars struct {
	states any
	vars   map[string]any
}

func (s stateVars) Var(name string) (any, bool) {
	if name == "states" {
		return s.states, true
	}
	v, ok := s.vars[name]
	return v, ok
}

func ExampleExpr_EvaluateVars() {
	e, err := jsonata.ParseTemplate(`{% $round($states.input.subtotal * (1 + $customer.taxRate), 2) %}`)
	if err != nil {
		fmt.Println(err)
		return
	}
	vars := stateVars{
		states: jsonvalue.MustParse(`{"input": {"subtotal": 292.5}}`),
		vars:   map[string]any{"customer": jsonvalue.MustParse(`{"taxRate": 0.2}`)},
	}
	v, ok, err := e.EvaluateVars(jsonata.NoInput, vars, jsonata.Limits{MaxDepth: 100})
	fmt.Println(jsonvalue.String(v), ok, err)

	// A variable that is not set gives nothing (undefined).
	e, _ = jsonata.ParseTemplate(`{% $discount %}`)
	_, ok, err = e.EvaluateVars(jsonata.NoInput, vars, jsonata.Limits{})
	fmt.Println(ok, err)
	// Output:
	// 351 true <nil>
	// false <nil>
}
