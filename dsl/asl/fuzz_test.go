package asl

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/aslgen/aslgen/dsl/internal/shareddata"
)

// FuzzUnmarshal checks that decoding never panics, that every error carries a
// position, and that a decoded document encodes to bytes that decode again to
// the same encoding (and validate without panicking).
func FuzzUnmarshal(f *testing.F) {
	f.Add([]byte(`{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}`))
	f.Add([]byte(`{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":"x","Next":"B"},"B":{"Type":"Succeed"}}}`))
	f.Add([]byte(`{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1,"Next":"D"},{"And":[{"Not":{"Variable":"$.y","IsNull":true}}],"Next":"D"}],"Default":"D"},"D":{"Type":"Map","ItemProcessor":{"StartAt":"E","States":{"E":{"Type":"Pass","End":true}}},"End":true}}}`))
	f.Add([]byte(`{"a":1,"a":2}`))
	f.Add([]byte("{\"StartAt\":\"\\ud800\",\"States\":{}}"))
	// Seed with the shared corpus and fixtures when they are there.
	for _, pattern := range []string{"corpus/workflows-collection/*.json", "conformance/validator/*.json"} {
		for _, file := range shareddata.Matches(pattern) {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sm, err := Unmarshal(data)
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %v is not a non-empty ErrorList", err)
			}
			for _, e := range list {
				if e.Line < 1 || e.Column < 1 {
					t.Fatalf("error without a position: %#v", e)
				}
			}
			_ = ValidateJSON(data)
			return
		}
		_ = Validate(sm)
		out, err := Marshal(sm)
		if err != nil {
			t.Fatalf("Marshal of a decoded document: %v", err)
		}
		sm2, err := Unmarshal(out)
		if err != nil {
			t.Fatalf("re-decoding %s: %v", out, err)
		}
		out2, err := Marshal(sm2)
		if err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("encoding not stable (%v):\n%s\n%s", err, out, out2)
		}
	})
}
