package census

import (
	"fmt"
	"strings"
	"testing"

	"github.com/workingtogether/safeguarding/holidays"
	"pgregory.net/rapid"
)

// TestSpansProperty: spans.covers answers as the rules' wording does, one
// record against every other: d on or after the other's start and on or
// before its end (before it, when the end is exclusive), or up to the
// reference date when it has no end.
func TestSpansProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := &period{}
		if rapid.Bool().Draw(t, "has reference date") {
			p.has, p.ref = true, holidays.Date{Year: 2024, Month: 3, Day: 31}
		}
		base := holidays.Date{Year: 2023, Month: 1, Day: 1}
		day := func(label string) holidays.Date {
			if rapid.IntRange(0, 4).Draw(t, label+"?") == 0 {
				return holidays.Date{}
			}
			return base.AddDays(rapid.IntRange(0, 500).Draw(t, label))
		}
		exclusive := rapid.Bool().Draw(t, "exclusive")
		n := rapid.IntRange(0, 12).Draw(t, "n")
		los, his := make([]holidays.Date, n), make([]holidays.Date, n)
		var s spans
		s.reset(p)
		for i := range n {
			los[i], his[i] = day("lo"), day("hi")
			s.add(los[i], his[i], exclusive, i)
		}
		s.build()
		for range 20 {
			d, self := day("d"), rapid.IntRange(-1, n-1).Draw(t, "self")
			want := false
			for j := range n {
				lo, hi := los[j], his[j]
				if j == self || d.IsZero() || lo.IsZero() || d.Before(lo) {
					continue
				}
				switch {
				case hi.IsZero():
					want = want || !p.has || !d.After(p.ref)
				case exclusive:
					want = want || d.Before(hi)
				default:
					want = want || !d.After(hi)
				}
			}
			if got := s.covers(d, self); got != want {
				t.Fatalf("covers(%s, %d) = %v, want %v; spans %v", d, self, got, want, s.list)
			}
		}
	})
}

// hostileChild returns a child with n assessments, CIN plans, enquiries
// and plans in one episode, every one overlapping every other.
func hostileChild(t testing.TB, n int) (Header, Child) {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<Message><Header><CollectionDetails><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails></Header><Children><Child><ChildIdentifiers><LAchildID>H</LAchildID></ChildIdentifiers><CINdetails><CINreferralDate>2023-05-01</CINreferralDate>`)
	for range n {
		b.WriteString(`<Assessments><AssessmentActualStartDate>2023-05-02</AssessmentActualStartDate></Assessments>`)
		b.WriteString(`<CINPlanDates><CINPlanStartDate>2023-05-02</CINPlanStartDate></CINPlanDates>`)
		b.WriteString(`<Section47><S47ActualStartDate>2023-05-02</S47ActualStartDate><ICPCnotRequired>0</ICPCnotRequired></Section47>`)
		b.WriteString(`<ChildProtectionPlans><CPPstartDate>2023-05-03</CPPstartDate><Reviews><CPPreviewDate>2023-06-01</CPPreviewDate></Reviews></ChildProtectionPlans>`)
	}
	b.WriteString(`<ReferralNFA>0</ReferralNFA></CINdetails></Child></Children></Message>`)
	f, err := ReadAll(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return f.Header, f.Children[0]
}

// TestHostileChild: a child whose every record overlaps every other has
// each overlap reported. How judging grows with the records (n log n, not
// n²) is measured by BenchmarkHostileChild, not timed here: a timed unit
// test fails on a busy machine.
func TestHostileChild(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	const n = 500
	for _, k := range []int{n, 8 * n} {
		h, c := hostileChild(t, k)
		a := NewAuditor(h, Config{})
		fs := checkChild(a.cal, a.per, nil, &c, nil)
		if len(fs) < 4*k {
			t.Errorf("%d records: %d findings, want every record's overlap reported", k, len(fs))
		}
	}
}

// BenchmarkHostileChild judges one child of 500 and of 4,000 mutually
// overlapping records: the second should take well under 64 times the first.
func BenchmarkHostileChild(b *testing.B) {
	for _, n := range []int{500, 4000} {
		h, c := hostileChild(b, n)
		b.Run(fmt.Sprintf("records=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				a := NewAuditor(h, Config{})
				fs := checkChild(a.cal, a.per, nil, &c, nil)
				a.tally.add(c, fs)
			}
		})
	}
}
