package census

import (
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
		// Up to linearMax spans are read one by one, more are searched:
		// n reaches past both, and past the insertion sort's limit.
		n := rapid.IntRange(0, 20).Draw(t, "n")
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
func hostileChild(t *testing.T, n int) (Header, Child) {
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

// overlapSteps returns the binary-search steps the overlap rules take on c.
func overlapSteps(h Header, c Child) (steps, findings int) {
	a := NewAuditor(h, Config{})
	fs := checkChild(a.cal, a.per, &a.run, &c, nil)
	return a.run.sp.steps + a.run.eps.steps, len(fs)
}

// TestHostileChild: the overlap rules cost n log n, not n², in the records
// of one child: on eight times the records (every one overlapping every
// other) they take about 8 × log(8n)/log(n) times the steps, under 16 times,
// where comparing every pair would take 64 times the comparisons.
func TestHostileChild(t *testing.T) {
	const n = 500
	h, small := hostileChild(t, n)
	_, large := hostileChild(t, 8*n)
	ss, fs := overlapSteps(h, small)
	sl, fl := overlapSteps(h, large)
	if fs < 4*n || fl < 32*n {
		t.Errorf("%d and %d findings, want every record's overlap reported", fs, fl)
	}
	if ss == 0 || sl > 16*ss {
		t.Errorf("%d records: %d steps; %d records: %d steps: worse than n log n", 4*n, ss, 32*n, sl)
	}
}
