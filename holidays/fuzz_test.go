package holidays

import (
	"bytes"
	"errors"
	"testing"
)

// More seeds live in testdata/fuzz/FuzzParseDate.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-03-28", "2024-02-29", "2023-02-29", "0000-01-01", "9999-12-31", "2024-13-01", "", "2024-3-28", "2024-03-28T00:00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Input != s {
				t.Fatalf("ParseDate(%q) error %v: want a *ParseError quoting the input", s, err)
			}
			if d != (Date{}) {
				t.Fatalf("ParseDate(%q) = %v with an error, want the zero Date", s, d)
			}
			return
		}
		if !d.IsValid() {
			t.Fatalf("ParseDate(%q) = %#v, not valid", s, d)
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q).String() = %q", s, d.String())
		}
		text, err := d.MarshalText()
		if err != nil || string(text) != s {
			t.Fatalf("MarshalText of ParseDate(%q) = %q, %v", s, text, err)
		}
	})
}

// More seeds live in testdata/fuzz/FuzzParseFeed.
func FuzzParseFeed(f *testing.F) {
	f.Add([]byte(`{"england-and-wales":{"division":"england-and-wales","events":[{"title":"New Year’s Day","date":"2026-01-01","notes":"","bunting":true}]}}`))
	f.Add([]byte(`{"england-and-wales":{"events":[{"title":"b","date":"2026-05-04"},{"title":"a","date":"2026-01-01","notes":"Substitute day"}]}}`))
	f.Add([]byte(`{"england-and-wales":{"events":[{"title":"x","date":20260101}]}}`))
	f.Add([]byte(`{"england-and-wales":{"events":[]}}`))
	f.Add([]byte(`{"england-and-wales":`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		hs, err := ParseFeed(bytes.NewReader(data))
		if err != nil {
			var fe *FeedError
			if !errors.As(err, &fe) {
				t.Fatalf("ParseFeed error %v (%T), want *FeedError", err, err)
			}
			if fe.Line < 0 || fe.Column < 0 || (fe.Line > 0) != (fe.Column > 0) {
				t.Fatalf("ParseFeed error position line %d, column %d", fe.Line, fe.Column)
			}
			return
		}
		if len(hs) == 0 {
			t.Fatal("ParseFeed succeeded with no holidays")
		}
		for i, h := range hs {
			if !h.Date.IsValid() {
				t.Fatalf("holiday %d: %#v is not a valid date", i, h.Date)
			}
			if h.Name == "" {
				t.Fatalf("holiday %d on %s has no name", i, h.Date)
			}
			if i > 0 && !hs[i-1].Date.Before(h.Date) {
				t.Fatalf("holidays %d and %d out of order: %s, %s", i-1, i, hs[i-1].Date, h.Date)
			}
		}
		// What ParseFeed returns, WithFeed accepts or rejects with a typed error.
		if _, err := EnglandAndWales().WithFeed(hs); err != nil {
			var re *RangeError
			if !errors.As(err, &re) {
				t.Fatalf("WithFeed(ParseFeed output) error %v, want nil or *RangeError", err)
			}
		}
		_ = EnglandAndWales().Diff(hs)
	})
}
