package jsonpath

import (
	"errors"
	"testing"
)

// fuzzSeeds are the seed paths of the fuzz targets.
var fuzzSeeds = []string{
	"$", "$$", "$.a.b", "$$.Map.Item.Value", "$.detail.requestParameters['bucketName']",
	"$..book[?(@.price < 10)].title", "$.items[-1]", "$[1:5:2]", "$['a','b']", "$[0,1]",
	"$..*", "$.a.length()", `$["x\"y"]`, "$[?(!@.x && (@.y =~ /a\\/b/i || @.z in ['a',1]))]",
	"$[?(@.a size 2 || @.b empty true)]", "$.my-key", "$[?($.x nin [[1],null])]", "$.abc.['def ghi']",
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error %T, want *SyntaxError", s, err)
			}
			if se.Offset < 0 || se.Offset > len(s) {
				t.Fatalf("Parse(%q) error offset %d out of range", s, se.Offset)
			}
			return
		}
		checkRoundTrip(t, s, p)
	})
}
