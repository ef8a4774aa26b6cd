package census

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
	"github.com/workingtogether/safeguarding/timescales"
	"pgregory.net/rapid"
)

// TestCaseIDsStayPut: the case IDs caseID writes in shared chunks each keep
// their own words while later IDs fill the chunk and the next ones, an ID
// longer than a chunk included, so that no case's ID changes under it.
func TestCaseIDsStayPut(t *testing.T) {
	var sc mapScratch
	long := strings.Repeat("L", idChunk+10)
	var ids, want []string
	for i := range 3 * idChunk / 8 {
		child := "C" + strconv.Itoa(i)
		if i == 100 {
			child = long
		}
		ep := i%12 + 1
		if i%7 == 0 {
			ep = i // and numbers of several digits
		}
		ids = append(ids, sc.caseID(child, ep))
		want = append(want, child+"/"+strconv.Itoa(ep))
	}
	for i := range ids {
		if ids[i] != want[i] {
			t.Fatalf("ID %d = %.40q, want %.40q", i, ids[i], want[i])
		}
	}
}

// TestSortItemsStable: sortItems orders an episode's items as a stable sort
// by date and then kind does, for few items (sorted by insertion) and many,
// with dates and kinds drawn from small sets so that ties are common.
func TestSortItemsStable(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		items := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) item {
			d := holidays.Date{Year: 2023, Month: 5, Day: rapid.IntRange(1, 4).Draw(t, "day")}
			return item{date: d, kind: itemKind(rapid.IntRange(0, int(kClosure)).Draw(t, "kind")),
				i: rapid.IntRange(0, 3).Draw(t, "i"), j: rapid.IntRange(0, 3).Draw(t, "j")}
		}), 0, 40).Draw(t, "items")
		want := slices.Clone(items)
		slices.SortStableFunc(want, func(x, y item) int {
			if c := x.date.Compare(y.date); c != 0 {
				return c
			}
			return int(x.kind) - int(y.kind)
		})
		sortItems(items)
		if !slices.Equal(items, want) {
			t.Fatalf("sortItems:\n got %v\nwant %v", items, want)
		}
	})
}

// TestJudgedClocksKeepOrder: judgedClocks, which passes over the clocks
// dropped before any is kept and moves the kept clocks after a later drop
// down a run at a time, keeps exactly the clocks a one-by-one filter keeps,
// in their order, whichever clocks are dropped: none, the first, some in
// the middle, the last or all.
func TestJudgedClocksKeepOrder(t *testing.T) {
	ids := []timescales.RuleID{timescales.ReferralDecision, timescales.Assessment, timescales.CoreGroupFirst,
		timescales.ReviewFirst, timescales.ReviewNext, timescales.PlanEndsAt18}
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 12).Draw(t, "n")
		dl := make([]pathway.Clock, n)
		for i := range dl {
			dl[i] = pathway.Clock{Rule: timescales.Rule{ID: rapid.SampledFrom(ids).Draw(t, "rule")}, Event: i}
		}
		want := slices.DeleteFunc(slices.Clone(dl), func(k pathway.Clock) bool { return !judged(k.Rule.ID) })
		m := &mapper{ep: &Episode{}}
		if got := (&Auditor{}).judgedClocks(m, dl); !slices.EqualFunc(got, want, func(a, b pathway.Clock) bool {
			return a.Rule.ID == b.Rule.ID && a.Event == b.Event
		}) {
			t.Fatalf("judgedClocks kept %v, want %v", got, want)
		}
	})
}

// TestRecycledClocksKeepMemory: a report written over again and again by
// AuditInto keeps each case's clocks in the same memory, though
// judgedClocks passes over the dropped first clock by slicing rather than
// moving the rest down: Case.clocks hands the whole memory on, so that a
// recycled report does not lose a clock's room each time and come to
// allocate.
func TestRecycledClocksKeepMemory(t *testing.T) {
	h, pool := reusePool(t)
	a := NewAuditor(h, Config{})
	firstClocks := func(rep *ChildReport) (out []*pathway.Clock) {
		for i := range rep.Cases {
			if cs := &rep.Cases[i]; len(cs.Deadlines) > 0 {
				out = append(out, &cs.Deadlines[0])
			}
		}
		return out
	}
	checked := 0
	for i := range pool {
		var rep ChildReport
		a.AuditInto(&rep, &pool[i])
		want := firstClocks(&rep)
		for range 3 {
			a.AuditInto(&rep, &pool[i])
		}
		if got := firstClocks(&rep); !slices.Equal(got, want) {
			t.Fatalf("child %d: the clocks moved to other memory when the report was written over", i)
		}
		checked += len(want)
	}
	if checked == 0 {
		t.Fatal("no case with clocks")
	}
}
