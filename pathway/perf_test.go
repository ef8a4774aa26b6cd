package pathway

import (
	"testing"
	"time"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
)

// TestReplayOlderEditionAllocates: a case from before the 2023 edition (in
// force 15 December 2023) starts no child seen clock, since its edition
// lacks the rule; finding that out must cost no more allocations than
// replaying the same case under the 2023 edition, which keeps the clock.
func TestReplayOlderEditionAllocates(t *testing.T) {
	allocs := func(year int) float64 {
		l := typicalLog(0)
		shift := d(year, time.March, 2).DaysSince(l.Events[0].Date)
		for i := range l.Events {
			l.Events[i].Date = l.Events[i].Date.AddDays(shift)
		}
		return testing.AllocsPerRun(50, func() {
			if _, err := Replay(l); err != nil {
				t.Fatal(err)
			}
		})
	}
	if old, cur := allocs(2020), allocs(2024); old > cur {
		t.Errorf("replaying a 2020 case allocates %v times, a 2024 case %v: the missing child seen rule costs %v", old, cur, old-cur)
	}
}

// TestMapCasesWindow: the text and the cases in flight are bounded
// whatever the number of workers, so that memory does not grow with the
// cores, and every worker has batches to work on while the window allows.
func TestMapCasesWindow(t *testing.T) {
	for _, workers := range []int{1, 2, 4, 32, 256, 4096} {
		cases, size, window := batchSize(workers)
		// A batch's text is at most its size plus the case that crossed it
		// (bounded by MaxCaseSize, counted apart).
		if got := window * size; got > windowBytes {
			t.Errorf("%d workers: window of %d batches of %d bytes = %d bytes; want at most %d", workers, window, size, got, windowBytes)
		}
		if got := window * cases; got > windowCases {
			t.Errorf("%d workers: window of %d batches of %d cases = %d cases; want at most %d", workers, window, cases, got, windowCases)
		}
		if window < min(2*workers, windowCases/minBatchCases, windowBytes/minBatchBytes) {
			t.Errorf("%d workers: window of %d batches leaves workers idle", workers, window)
		}
	}
}

// TestAheadFitsMaxAhead holds the clocks not started that Deadlines lists
// to maxAhead, which sizes its result.
func TestAheadFitsMaxAhead(t *testing.T) {
	for stage, a := range ahead {
		if len(a.starts) > maxAhead {
			t.Errorf("stage %v lists %d clocks ahead; maxAhead is %d", Stage(stage), len(a.starts), maxAhead)
		}
	}
}

// TestDeadlinesAllocatesOnce: a case's deadlines cost one allocation, the
// result, however many clocks it holds (a slice grown clock by clock
// copied its large Clocks several times over).
func TestDeadlinesAllocatesOnce(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts differ under the race detector")
	}
	c, err := Replay(typicalLog(0))
	if err != nil {
		t.Fatal(err)
	}
	asOf := d(2024, time.January, 2)
	allocs := testing.AllocsPerRun(50, func() {
		if _, err := c.Deadlines(asOf); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 1 {
		t.Errorf("Deadlines allocates %v times; want 1", allocs)
	}
}

// TestResetWithOptionsAllocatesNothing: a host that resets one case for
// each of millions of records, with a birth date, a calendar and a
// rulebook, pays no allocation for the options; and the zero Option is
// no option at all.
func TestResetWithOptionsAllocatesNothing(t *testing.T) {
	c, err := New("a")
	if err != nil {
		t.Fatal(err)
	}
	cal, book := holidays.EnglandAndWales(), timescales.National()
	birth := d(2012, time.May, 4)
	allocs := testing.AllocsPerRun(100, func() {
		if err := c.Reset("b", WithBirthDate(birth), WithCalendar(cal), WithRulebook(book), Option{}); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("Reset with three options allocates %v times; want 0", allocs)
	}
	if got := c.BirthDate(); got != birth {
		t.Errorf("birth date after Reset with a zero Option last: %v; want %v", got, birth)
	}
}
