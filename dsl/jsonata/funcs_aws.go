package jsonata

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	mrand "math/rand/v2"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// codeAWSArgument is the code of errors raised by the functions AWS Step
// Functions adds to JSONata when their arguments are out of range. JSONata
// has no code for these; Step Functions reports them as
// States.QueryEvaluationError.
const codeAWSArgument = "D9001"

// The functions AWS Step Functions adds to JSONata: $partition, $range,
// $hash, $random (with an optional seed), $uuid and $parse.
// defineAWS defines built-in functions; builtins calls it, once.
func defineAWS() {
	def("partition", func(_ *evaluator, a []any, pos int) (any, error) {
		if a[0] == undefined {
			return undefined, nil
		}
		size, ok := num(a[1])
		if !ok || size < 1 || size != math.Trunc(size) {
			return nil, rterr(codeAWSArgument, pos, "the size argument of $partition must be a positive integer")
		}
		in := items(a[0])
		n := int(size)
		out := make([]any, 0, (len(in)+n-1)/n)
		for i := 0; i < len(in); i += n {
			out = append(out, append([]any{}, in[i:min(i+n, len(in))]...))
		}
		return out, nil
	})
	def("range", func(_ *evaluator, a []any, pos int) (any, error) {
		start, ok1 := num(a[0])
		end, ok2 := num(a[1])
		if !ok1 || !ok2 {
			return undefined, nil
		}
		step := 1.0
		if a[2] != undefined {
			step, _ = num(a[2])
		}
		if step == 0 || start != math.Trunc(start) || end != math.Trunc(end) || step != math.Trunc(step) {
			return nil, rterr(codeAWSArgument, pos, "the arguments of $range must be integers and the step must not be 0")
		}
		var out []any
		for x := start; (step > 0 && x <= end) || (step < 0 && x >= end); x += step {
			if len(out) >= 1000 {
				return nil, rterr(codeAWSArgument, pos, "$range may produce at most 1000 values")
			}
			out = append(out, x)
		}
		// A sequence: one value is returned as itself, as on AWS.
		return &sequence{items: out}, nil
	})
	def("hash", func(_ *evaluator, a []any, pos int) (any, error) {
		s, ok := a[0].(string)
		if !ok {
			return undefined, nil
		}
		alg := "SHA-256"
		if x, ok := a[1].(string); ok {
			alg = x
		}
		var h hash.Hash
		switch alg {
		case "MD5":
			h = md5.New()
		case "SHA-1":
			h = sha1.New()
		case "SHA-256":
			h = sha256.New()
		case "SHA-384":
			h = sha512.New384()
		case "SHA-512":
			h = sha512.New()
		default:
			return nil, rterr(codeAWSArgument, pos, "unsupported hash algorithm %q: use MD5, SHA-1, SHA-256, SHA-384 or SHA-512", alg)
		}
		h.Write([]byte(s))
		return hex.EncodeToString(h.Sum(nil)), nil
	})
	def("random", func(_ *evaluator, a []any, _ int) (any, error) {
		if seed, ok := num(a[0]); ok {
			r := mrand.New(mrand.NewPCG(uint64(int64(seed)), 0x5f3759df))
			return r.Float64(), nil
		}
		return mrand.Float64(), nil
	})
	def("uuid", func(_ *evaluator, _ []any, _ int) (any, error) {
		var b [16]byte
		if _, err := rand.Read(b[:]); err != nil {
			return nil, err
		}
		b[6] = b[6]&0x0f | 0x40
		b[8] = b[8]&0x3f | 0x80
		return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
	})
	def("parse", func(_ *evaluator, a []any, pos int) (any, error) {
		s, ok := a[0].(string)
		if !ok {
			return undefined, nil
		}
		v, err := jsonvalue.Parse([]byte(s))
		if err != nil {
			return nil, rterr(codeAWSArgument, pos, "$parse: the argument is not JSON: %v", err)
		}
		return v, nil
	})
}
