package jsonata

import (
	"sync"
	"testing"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// sfnExpressions are typical expressions of JSONata-mode state machines.
var sfnExpressions = map[string]string{
	"field":     `$states.input.order.id`,
	"condition": `$states.input.order.total > 100 and $states.input.customer.tier = 'gold'`,
	"object":    `{'id': $states.input.order.id, 'count': $count($states.input.order.items), 'total': $sum($states.input.order.items.(price * qty))}`,
	"filter":    `$states.input.order.items[price > 10].sku`,
	"string":    `'Order ' & $states.input.order.id & ' for ' & $uppercase($states.input.customer.name)`,
	"map":       `$map($states.input.order.items, function($i)<o:n> { $i.price * $i.qty }) ~> $sum()`,
}

func sfnBindings() map[string]any {
	var items []any
	for i := 0; i < 10; i++ {
		items = append(items, jsonvalue.MustParse(`{"sku": "SKU-`+itoa(i)+`", "price": `+itoa(5+i*3)+`, "qty": `+itoa(1+i%3)+`}`))
	}
	order := jsonvalue.NewObject(3)
	order.Set("id", "o-123")
	order.Set("total", jsonvalue.Int(250))
	order.Set("items", items)
	input := jsonvalue.NewObject(2)
	input.Set("order", order)
	input.Set("customer", jsonvalue.MustParse(`{"name": "Ada", "tier": "gold"}`))
	states := jsonvalue.NewObject(1)
	states.Set("input", input)
	return map[string]any{"states": states}
}

// BenchmarkCompile measures parsing typical Step Functions expressions.
func BenchmarkCompile(b *testing.B) {
	for name, src := range sfnExpressions {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := ParseWith(src, Options{JSONata20: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEvaluate measures evaluating them against a typical state
// input bound as $states.
func BenchmarkEvaluate(b *testing.B) {
	bind := sfnBindings()
	for name, src := range sfnExpressions {
		e, err := ParseWith(src, Options{JSONata20: true})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, _, err := e.Evaluate(nil, bind); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestEvaluateConcurrently evaluates the same compiled expressions from
// several goroutines (run with -race).
func TestEvaluateConcurrently(t *testing.T) {
	bind := sfnBindings()
	want := map[string]string{}
	exprs := map[string]*Expr{}
	for name, src := range sfnExpressions {
		e, err := ParseWith(src, Options{JSONata20: true})
		if err != nil {
			t.Fatal(err)
		}
		v, _, err := e.Evaluate(nil, bind)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		exprs[name], want[name] = e, jsonvalue.String(v)
	}
	// The map expression computes the object's total another way.
	obj := jsonvalue.MustParse(want["object"]).(*jsonvalue.Object)
	if total, _ := obj.Get("total"); jsonvalue.String(total) != want["map"] {
		t.Errorf("map = %s, object = %s", want["map"], want["object"])
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				for name, e := range exprs {
					v, _, err := e.Evaluate(nil, bind)
					if err != nil || jsonvalue.String(v) != want[name] {
						t.Errorf("%s: %s, %v; want %s", name, jsonvalue.String(v), err, want[name])
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

// BenchmarkLargeRange measures the suite's heaviest case, a range of ten
// million numbers counted: its time limit is 10 s.
func BenchmarkLargeRange(b *testing.B) {
	e, err := Parse(`[1..10000000] ~> $count()`)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, _, err := e.Evaluate(nil, nil); err != nil {
			b.Fatal(err)
		}
	}
}
