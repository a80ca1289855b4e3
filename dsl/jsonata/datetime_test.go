package jsonata

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// evalForTest evaluates expr against an empty object and returns the
// result as JSON, "undefined", or "ERR " and the error code.
func evalForTest(t *testing.T, expr string) string {
	t.Helper()
	e, err := Parse(expr)
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	v, ok, err := e.Evaluate(jsonvalue.NewObject(0), nil)
	var re *RuntimeError
	switch {
	case errors.As(err, &re):
		return "ERR " + re.Code
	case err != nil:
		return "ERR " + err.Error()
	case !ok:
		return "undefined"
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDateTimeQuirks checks results of the date/time and integer picture
// functions beyond the official suite. The expected values are those of
// the reference implementation (jsonata-js 2.2.2), quirks included; where
// it yields NaN, this implementation fails with D1001 at the top level.
func TestDateTimeQuirks(t *testing.T) {
	cases := []struct{ expr, want string }{
		{`$formatInteger(12, "#:###,##0")`, `",:12"`},
		{`$formatInteger(1234567, "#:###,##0")`, `"1:234,567"`},
		{`$formatInteger(-1234.5, "#,##0;o")`, `"-1,235th"`},
		{`$formatInteger(1e21, "0")`, `"1e+21"`},
		{`$formatInteger(112, "0;o")`, `"112th"`},
		{`$formatInteger(703, "A")`, `"AAA"`},
		{`$formatInteger(3999, "I")`, `"MMMCMXCIX"`},
		{`$formatInteger(1e15, "w")`, `"one thousand trillion"`},
		{`$formatInteger(1e300, "w")`, `"one trillion trillion, two hundred and sixty-eight million, four hundred and thirty-five thousand, four hundred and fifty-six trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion, one hundred and fifteen million, one hundred and seventy-two thousand, one hundred and ninety-three trillion, one hundred and forty billion, three hundred and five million, eight hundred and nine thousand, four hundred and eight trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion trillion"`},
		{`$formatInteger(1000000, "w;o")`, `"one millionth"`},
		{`$formatInteger(-12, "w")`, `"-twelve"`},
		{`$formatInteger(5, "#")`, `ERR D3130`},
		{`$formatInteger(5, "0٠")`, `ERR D3131`},
		{`$parseInteger("0x1A", "0")`, `26`},
		{`$parseInteger("12abc", "0")`, `12`},
		{`$parseInteger("abc", "0")`, `ERR D1001`},
		{`$parseInteger("mcm", "I")`, `ERR D1001`},
		{`$parseInteger("Two Thousand and Nineteen", "A")`, `2.020148659611639e+35`},
		{`$parseInteger("ninety nine", "w")`, `99`},
		{`$fromMillis(0, "[Z0]", "-0530")`, `"-6:-30"`},
		{`$fromMillis(0, "[Z]", "+0030")`, `"+00:30"`},
		{`$fromMillis(0, "[Y]", "abc")`, `"NaN"`},
		{`$fromMillis(1e300)`, `"0NaN-NaN-NaNTNaN:NaN:NaN.NaNZ"`},
		{`$fromMillis(-62167219200001)`, `"-0001-12-31T23:59:59.999Z"`},
		{`$fromMillis(253402300800000)`, `"0000-01-01T00:00:00.000Z"`},
		{`$fromMillis(-2268207985484, "]][YW,2-*][[[En,*]", "+0530")`, `"]ONE THOUSAND, EIGHT HUNDRED AND NINETY-EIGHT[ISO"`},
		{`$fromMillis(-3698796700481, "T[z01,5]-[m0101,2-*]:[Ya,2] [d1,2-1]")`, `"TGMT+00-0028:bsf 289"`},
		{`$fromMillis(0, "[q1] [C] [E] [MNn,*-2] [F1,3-3] [Y,1-x]")`, `"undefined ISO ISO Ja 004 NaN"`},
		{`$fromMillis(0, "[FNn]", "-0100")`, `"Wednesday"`},
		{`$fromMillis(1483272000000, "[w] [xNn] [W] [X]")`, `"5 December 52 2016"`},
		{`$toMillis("18-2-5", "[Y0001]-[M#1]-[D1]")`, `-1637971200000`},
		{`$toMillis("2018025", "[Y0001][M1][D01]")`, `1516838400000`},
		{`$toMillis("2018-14-40", "[Y]-[M]-[D]")`, `1552348800000`},
		{`$toMillis("2018-FEB-05", "[Y]-[MN,3-3]-[D]")`, `ERR D3136`},
		{`$toMillis("2018-02-05 -02:30", "[Y]-[M]-[D] [Z]")`, `1517794200000`},
		{`$toMillis("2018-02-05 12 am", "[Y]-[M]-[D] [h] [P]")`, `1517788800000`},
		{`$toMillis("2018 366", "[Y] [d]")`, `1514764800000`},
		{`$toMillis("0099-12-31T23:59:59Z")`, `-59011459201000`},
		{`$toMillis("2018-02-30")`, `1519948800000`},
		{`$toMillis("2018-13")`, `ERR D1001`},
		{`$toMillis("2018-01-01T24:00:00")`, `1514851200000`},
		{`$toMillis("2018-01-01+0100")`, `ERR D1001`},
		{`$toMillis("2018-01-01T10:00:00-23:59")`, `1514887140000`},
		{`$toMillis("2018-01-01T10:00:00.9999Z")`, `1514800800999`},
	}
	for _, c := range cases {
		if got := evalForTest(t, c.expr); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.expr, got, c.want)
		}
	}
}

// TestDateTimeNow checks that $now, $millis and the defaults of $toMillis
// read the clock.
func TestDateTimeNow(t *testing.T) {
	for _, expr := range []string{
		`$substringBefore($now(), "T") = $substringBefore($fromMillis($millis()), "T")`,
		`$toMillis("13:45", "[H]:[m]") ~> $fromMillis() ~> $substringBefore("T") = $substringBefore($now(), "T")`,
		`$millis() > 1500000000000`,
	} {
		if got := evalForTest(t, expr); got != "true" {
			t.Errorf("%s: got %s", expr, got)
		}
	}
}

func TestCivilDays(t *testing.T) {
	for _, days := range []int64{-1e8, -719468, -1, 0, 1, 59, 365, 10957, 2932896, 1e8} {
		y, m, d := civilFromDays(days)
		if got := daysFromCivil(y, m, d); got != days {
			t.Errorf("days %d: %d-%d-%d gives %d", days, y, m, d, got)
		}
	}
	// Date.UTC maps the year 99 to 1999.
	if got := jsDateUTC(99, 0, 1, 0, 0, 0, 0); got != 915148800000 {
		t.Errorf("Date.UTC(99, 0) = %v", got)
	}
	if !math.IsNaN(jsDateUTC(275760, 8, 14, 0, 0, 0, 0)) {
		t.Error("a date beyond the range of JavaScript dates is not NaN")
	}
}

func TestWordsRoundTrip(t *testing.T) {
	for _, v := range []float64{0, 7, 19, 20, 45, 100, 101, 999, 1000, 1001, 20019, 999999, 1e6, 123456789, 1e12 + 1} {
		for _, ord := range []bool{false, true} {
			w := toWords(v, ord)
			if got := fromWords(strings.ToLower(w)); got != v {
				t.Errorf("%v (ordinal %v): %q reads back as %v", v, ord, w, got)
			}
		}
	}
}
