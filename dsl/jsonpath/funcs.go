package jsonpath

import (
	"math"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// callFunction applies a Jayway path function to v. It returns the result,
// or Jayway's error message.
//
//	length()  the number of elements of an array or members of an object
//	          (an integer); null for anything else, strings included
//	keys()    the member names of an object; null for anything else
//	min() max() avg() sum() stddev()
//	          over the numbers among an array's elements (other elements
//	          are ignored), computed and returned as Java doubles; an error
//	          when there is no number
func callFunction(name string, v any) (any, string) {
	switch name {
	case "length":
		switch v := v.(type) {
		case []any:
			return jsonvalue.Int(int64(len(v))), ""
		case *jsonvalue.Object:
			return jsonvalue.Int(int64(v.Len())), ""
		}
		return nil, ""
	case "keys":
		if o, ok := v.(*jsonvalue.Object); ok {
			keys := make([]any, o.Len())
			for i, k := range o.Keys() {
				keys[i] = k
			}
			return keys, ""
		}
		return nil, ""
	}
	agg := aggregator{name: name}
	if a, ok := v.([]any); ok {
		for _, w := range a {
			agg.add(w)
		}
	}
	return agg.result()
}

// aggregator computes Jayway's numeric functions with Jayway's arithmetic:
// doubles throughout, max() starting from Double.MIN_VALUE (so the max of
// negative numbers is 4.9E-324), stddev() as the population deviation
// sqrt(sumSq/n - sum*sum/n/n).
type aggregator struct {
	name       string
	n          int
	sum, sumSq float64
	minV, maxV float64
	started    bool
}

func (a *aggregator) add(v any) {
	num, ok := v.(jsonvalue.Number)
	if !ok {
		return
	}
	f := num.Float64()
	if !a.started {
		a.started = true
		a.minV = math.MaxFloat64
		a.maxV = math.SmallestNonzeroFloat64
	}
	a.n++
	a.sum += f
	a.sumSq += f * f
	if a.minV > f {
		a.minV = f
	}
	if a.maxV < f {
		a.maxV = f
	}
}

func (a *aggregator) result() (any, string) {
	if a.n == 0 {
		return nil, "Aggregation function attempted to calculate value using empty array"
	}
	var r float64
	n := float64(a.n)
	switch a.name {
	case "min":
		r = a.minV
	case "max":
		r = a.maxV
	case "sum":
		r = a.sum
	case "avg":
		r = a.sum / n
	case "stddev":
		r = math.Sqrt(a.sumSq/n - a.sum*a.sum/n/n)
	default:
		return nil, "Function of name: " + a.name + " cannot be created"
	}
	return doubleValue(r), ""
}

// doubleValue is the JSON value Jackson writes for a Java double: a number
// as Double.toString prints it, or the strings "NaN", "Infinity" and
// "-Infinity", which Jackson quotes by default.
func doubleValue(f float64) any {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return jsonvalue.JavaDouble(f)
	}
	return jsonvalue.Number(jsonvalue.JavaDouble(f))
}
