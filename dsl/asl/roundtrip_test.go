package asl

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// brokenCorpus lists the corpus documents that are not valid ASL, and why.
var brokenCorpus = map[string]string{
	"corpus/workflows-collection/sfn-iot-data-analytics-dataset__statemachine.asl.json": "not valid JSON",
	"corpus/workflows-collection/shared-fallback-state-jsonata__statemachine.asl.json":  `"QueryLanguage": "JSONata" is written inside States, where only states belong`,
}

// TestRoundTripShared decodes every shared document and encodes it again: the
// JSON value must come back unchanged, and encoding the result again must give
// the same bytes. Documents that do not decode must be invalid ones, and their
// errors must carry a location.
func TestRoundTripShared(t *testing.T) {
	docs := sharedDocs(t)
	var decoded, rejected int
	for _, doc := range docs {
		sm, err := Unmarshal(doc.data)
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Errorf("%s: error %v is not a non-empty ErrorList", doc.name, err)
				continue
			}
			for _, e := range list {
				if e.Line == 0 || (e.Pointer == "" && e.Code != CodeInvalidJSON) {
					t.Errorf("%s: error without a location: %#v", doc.name, e)
				}
			}
			if reason, known := brokenCorpus[doc.name]; known {
				t.Logf("%s: rejected as expected (%s): %v", doc.name, reason, err)
			} else if !isInvalidFixture(doc.name) {
				t.Errorf("%s: does not decode: %v", doc.name, err)
			}
			rejected++
			continue
		}
		decoded++
		out, err := Marshal(sm)
		if err != nil {
			t.Errorf("%s: Marshal: %v", doc.name, err)
			continue
		}
		var want, got any
		if err := json.Unmarshal(doc.data, &want); err != nil {
			t.Fatalf("%s: %v", doc.name, err)
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Errorf("%s: encoded output is not JSON: %v\n%s", doc.name, err, out)
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: round trip changed the document (-want +got):\n%s", doc.name, diff)
			continue
		}
		sm2, err := Unmarshal(out)
		if err != nil {
			t.Errorf("%s: re-decoding the encoded document: %v", doc.name, err)
			continue
		}
		out2, err := Marshal(sm2)
		if err != nil || string(out2) != string(out) {
			t.Errorf("%s: encoding is not stable (err %v):\n%s", doc.name, err, cmp.Diff(string(out), string(out2)))
		}
	}
	t.Logf("%d documents decoded and round-tripped, %d rejected with located errors", decoded, rejected)
}
