package caseload

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
	"pgregory.net/rapid"
)

// TestSortEntriesIsStable: sortEntries orders an agenda, gathered in parts,
// exactly as a stable sort of the whole with compareEntries does, ties
// (entries equal to compareEntries but not identical) kept in the order
// they were gathered. Few distinct values
// are drawn, so that ties are common.
func TestSortEntriesIsStable(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 60).Draw(t, "n")
		agenda := make([]Entry, n)
		for i := range agenda {
			e := &agenda[i]
			// Due dates a day, a month and a year apart, or none.
			if d := rapid.IntRange(0, 4).Draw(t, "due"); d > 0 {
				e.Due = []holidays.Date{{}, holidays.NewDate(2024, 6, 30), holidays.NewDate(2024, 7, 1), holidays.NewDate(2024, 7, 2), holidays.NewDate(2025, 1, 1)}[d]
			}
			e.Case = rapid.SampledFrom([]string{"a", "b"}).Draw(t, "case")
			e.Rule = rapid.SampledFrom([]timescales.RuleID{timescales.ICPC, timescales.ReviewNext}).Draw(t, "rule")
			e.Left = rapid.IntRange(0, 1).Draw(t, "left")
			e.Name = string(rune('A' + i)) // tells apart entries compareEntries may tie
		}
		want := slices.Clone(agenda)
		slices.SortStableFunc(want, func(a, b Entry) int { return compareEntries(&a, &b) })
		// Gathered case by case: the agenda in parts.
		var parts [][]Entry
		for rest := agenda; len(rest) > 0; {
			k := rapid.IntRange(1, len(rest)).Draw(t, "part")
			parts, rest = append(parts, rest[:k]), rest[k:]
		}
		got := sortEntries(parts, n)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("sortEntries (-want +got):\n%s", diff)
		}
	})
}
