package jsonata

import (
	"errors"
	"math"
	"testing"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		x       float64
		picture string
		options string
		want    string
	}{
		{12345.6, "#,###.00", "", "12,345.60"},
		{12345678.9, "9,999.99", "", "12,345,678.90"},
		{123412345678.9, "9,9,99.99", "", "123412345,6,78.90"},
		{1234.56789, "9,999.999,999", "", "1,234.567,890"},
		{123.9, "9999", "", "0124"},
		{0.14, "01%", "", "14%"},
		{0.4857, "###.###\u2030", "", "485.7\u2030"},
		{0.14, "###pm", `{"per-mille": "pm"}`, "140pm"},
		{-6, "000", "", "-006"},
		{1234.5678, "00.000e0", "", "12.346e2"},
		{1234.5678, "00.000e000", "", "12.346e002"},
		{0.234, "0.0e0", "", "2.3e-1"},
		{0.234, "#.00e0", "", "0.23e0"},
		{0.123, "#.e9", "", "0.1e0"},
		{0.234, ".00e0", "", ".23e0"},
		{2.14 * 86.58, "PREFIX##00.000###SUFFIX", "", "PREFIX185.2812SUFFIX"},
		{1e20, "#,######", "", "100,000000,000000,000000"},
		{2, "AAA.AAA", `{"zero-digit": "A"}`, "AAC.AAA"},
		{0.1, "AeAAA", `{"zero-digit": "A"}`, "Be-AAB"},
		{0, "0e0", "", "0e0"},
		{-42, "0e0", "", "-4e1"},
		{0, "0.00e0", "", "0.00e0"},
		{-1234.5, "#,##0.00;(#,##0.00)", "", "(1,234.50)"},
		{1234.5, "#.##0,00", `{"decimal-separator": ",", "grouping-separator": "."}`, "1.234,50"},
		{-3, "0", `{"minus-sign": "~"}`, "~3"},
		{0.5, "0", "", "0"},
		{1.5, "0", "", "2"},
		{2.5, "0", "", "2"},
		{math.Inf(1), "#,##0", "", "Infinity"},
		{math.Inf(-1), "#,##0", "", "-Infinity"},
	}
	for _, tc := range tests {
		var opts *jsonvalue.Object
		if tc.options != "" {
			opts = jsonvalue.MustParse(tc.options).(*jsonvalue.Object)
		}
		got, err := formatNumber(tc.x, tc.picture, opts, 0)
		if err != nil || got != tc.want {
			t.Errorf("formatNumber(%v, %q, %s) = %q, %v; want %q", tc.x, tc.picture, tc.options, got, err, tc.want)
		}
	}
}

func TestFormatNumberErrors(t *testing.T) {
	tests := []struct{ picture, code string }{
		{"#;#;#", "D3080"},
		{"#.0.0", "D3081"},
		{"#0%%", "D3082"},
		{"#0\u2030\u2030", "D3083"},
		{"#0%\u2030", "D3084"},
		{".e0", "D3085"},
		{"0+.e0", "D3086"},
		{"0,.e0", "D3087"},
		{"0,", "D3088"},
		{"0,,0", "D3089"},
		{"0#.e0", "D3090"},
		{"#0.#0e0", "D3091"},
		{"#0.0e0%", "D3092"},
		{"#0.0e0,0", "D3093"},
		{"%%", "D3086"},
		{"---", "D3086"},
	}
	for _, tc := range tests {
		_, err := formatNumber(20, tc.picture, nil, 0)
		var re *RuntimeError
		if !errors.As(err, &re) || re.Code != tc.code {
			t.Errorf("formatNumber(20, %q): got %v, want %s", tc.picture, err, tc.code)
		}
	}
}

func TestJSRound(t *testing.T) {
	tests := []struct {
		x      float64
		places int
		want   float64
	}{
		{2.5, 0, 2}, {3.5, 0, 4}, {-2.5, 0, -2}, {-3.5, 0, -4}, {0.4, 0, 0},
		{2.675, 2, 2.68}, {1.005, 2, 1}, {1.015, 2, 1.02}, {12345, -2, 12300}, {12350, -2, 12400},
		{-0.1, 0, 0},
	}
	for _, tc := range tests {
		if got := jsRound(tc.x, tc.places); got != tc.want || (got == 0 && math.Signbit(got)) {
			t.Errorf("jsRound(%v, %d) = %v, want %v", tc.x, tc.places, got, tc.want)
		}
	}
}

func TestJSToFixed(t *testing.T) {
	tests := []struct {
		x    float64
		dp   int
		want string
	}{
		{0.5, 0, "1"}, {2.5, 0, "3"}, {1.005, 2, "1.00"}, {1.25, 1, "1.3"},
		{123.456, 5, "123.45600"}, {1e21, 0, "1e+21"}, {0, 2, "0.00"},
	}
	for _, tc := range tests {
		if got := jsToFixed(tc.x, tc.dp); got != tc.want {
			t.Errorf("jsToFixed(%v, %d) = %q, want %q", tc.x, tc.dp, got, tc.want)
		}
	}
}
