package census

import (
	"slices"
	"testing"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
	"pgregory.net/rapid"
)

func drawDate(t *rapid.T, label string) holidays.Date {
	base := holidays.Date{Year: 2000, Month: 1, Day: 1}
	return base.AddDays(rapid.IntRange(0, 36000).Draw(t, label))
}

// TestTargetProperty: a TargetMismatch is reported exactly when the file's
// target is not the start plus 15 working days, and its Due and Workdays
// lead back to the file's target.
func TestTargetProperty(t *testing.T) {
	cal := holidays.EnglandAndWales()
	rapid.Check(t, func(t *rapid.T) {
		start := drawDate(t, "start")
		target := start.AddDays(rapid.IntRange(-10, 40).Draw(t, "days"))
		c := Child{Episodes: []Episode{{ReferralDate: start, Section47s: []Section47{{StartDate: start, InitialCPCtarget: target}}}}}
		var got []Finding
		for _, f := range checkChild(cal, newPeriod(Header{}, cal), nil, &c, nil) {
			if f.Kind == TargetMismatch {
				got = append(got, f)
			}
		}
		want, err := cal.AddWorkdays(start, 15)
		if err != nil {
			t.Fatal(err)
		}
		if (target != want) != (len(got) == 1) || len(got) > 1 {
			t.Fatalf("target %s, computed %s: findings %v", target, want, got)
		}
		if len(got) == 0 {
			return
		}
		f := got[0]
		if f.Due != want {
			t.Fatalf("Due %s, want %s", f.Due, want)
		}
		if ok, _ := cal.IsWorkday(target); ok {
			back, err := cal.AddWorkdays(f.Due, f.Workdays)
			if err != nil || back != target {
				t.Fatalf("AddWorkdays(%s, %d) = %s, %v; want the file's target %s", f.Due, f.Workdays, back, err, target)
			}
		}
	})
}

// TestBandProperty: every timed assessment lands in exactly one band, and
// Within45 counts those of 45 working days or fewer.
func TestBandProperty(t *testing.T) {
	cal := holidays.EnglandAndWales()
	rapid.Check(t, func(t *rapid.T) {
		tl := newTally(Header{}, cal, figureBounds(timescales.National(), holidays.Date{}))
		n := rapid.IntRange(1, 20).Draw(t, "n")
		within := 0
		for i := range n {
			start := drawDate(t, "start")
			end := start.AddDays(rapid.IntRange(0, 120).Draw(t, "length"))
			w, err := cal.WorkdaysBetween(start, end)
			if err != nil {
				t.Fatal(err)
			}
			if w <= 45 {
				within++
			}
			tl.add(&Child{Episodes: []Episode{{Assessments: []Assessment{{StartDate: start, AuthorisationDate: end, Line: i}}}}}, nil)
		}
		f := tl.figures().Assessments
		total := 0
		for _, b := range f.Bands {
			total += b.Count
		}
		if total != n || f.Completed != n || f.Within45 != within {
			t.Fatalf("bands hold %d, completed %d, within45 %d; want %d, %d, %d", total, f.Completed, f.Within45, n, n, within)
		}
	})
}

// drawChild draws a child with a few episodes whose dates fall around the
// 2023-24 collection year, in any order, some missing.
func drawChild(t *rapid.T, i int) Child {
	base := holidays.Date{Year: 2022, Month: 10, Day: 1}
	date := func(label string) holidays.Date {
		if rapid.IntRange(0, 5).Draw(t, label+"?") == 0 {
			return holidays.Date{}
		}
		return base.AddDays(rapid.IntRange(0, 600).Draw(t, label))
	}
	c := Child{LAchildID: "C", Line: i}
	for range rapid.IntRange(0, 2).Draw(t, "episodes") {
		e := Episode{ReferralDate: date("referral"), ClosureDate: date("closure"), DateOfInitialCPC: date("icpc")}
		for range rapid.IntRange(0, 2).Draw(t, "assessments") {
			e.Assessments = append(e.Assessments, Assessment{StartDate: date("astart"), AuthorisationDate: date("aauth")})
		}
		for range rapid.IntRange(0, 2).Draw(t, "s47s") {
			e.Section47s = append(e.Section47s, Section47{StartDate: date("s47"), DateOfInitialCPC: date("s47icpc")})
		}
		for range rapid.IntRange(0, 2).Draw(t, "plans") {
			p := ProtectionPlan{StartDate: date("pstart"), EndDate: date("pend")}
			for range rapid.IntRange(0, 3).Draw(t, "reviews") {
				p.Reviews = append(p.Reviews, date("review"))
			}
			e.Plans = append(e.Plans, p)
		}
		c.Episodes = append(c.Episodes, e)
	}
	return c
}

// TestFiguresAccountForEveryRecord: every assessment of the children lands
// in exactly one of the figure's counts, and every Section47 conference in
// one of its counts, whatever DfE errors the children break.
func TestFiguresAccountForEveryRecord(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h := Header{ReferenceDate: holidays.Date{Year: 2024, Month: 3, Day: 31}}
		a := NewAuditor(h, Config{})
		assessments, conferences := 0, 0
		for i := range rapid.IntRange(0, 8).Draw(t, "children") {
			c := drawChild(t, i)
			for _, e := range c.Episodes {
				assessments += len(e.Assessments)
				for _, s := range e.Section47s {
					if !s.DateOfInitialCPC.IsZero() {
						conferences++
					}
				}
			}
			a.Audit(c)
		}
		f := a.Figures()
		as, cf := f.Assessments, f.Conferences
		if got := as.Completed + as.Open + as.Untimed + as.OutOfYear + as.Rejected; got != assessments {
			t.Fatalf("assessments counted %d times, there are %d: %+v", got, assessments, as)
		}
		if got := cf.Held + cf.OutOfYear + cf.Rejected + cf.Untimed - untimedAtCINLevel(a); got != conferences {
			t.Fatalf("conferences counted %d times, there are %d: %+v", got, conferences, cf)
		}
		if cf.Held != cf.Timed+cf.BeforeStart {
			t.Fatalf("held %d, timed %d, before start %d", cf.Held, cf.Timed, cf.BeforeStart)
		}
	})
}

// untimedAtCINLevel returns the CINdetails-level conferences the tally
// counted as untimed, which are not Section47 conferences.
func untimedAtCINLevel(a *Auditor) int { return a.tally.n[cICPCCINLevel] }

// TestRejectionsNext: asked about records in sorted order, as the tally
// asks, rejections.next answers as looking each record up among the
// rejections does, whichever questions are skipped.
func TestRejectionsNext(t *testing.T) {
	key := rapid.Custom(func(t *rapid.T) recKey {
		return recKey{rapid.IntRange(1, 3).Draw(t, "ep"), level(rapid.IntRange(0, 3).Draw(t, "lv")), rapid.IntRange(0, 3).Draw(t, "index")}
	})
	rapid.Check(t, func(t *rapid.T) {
		var rs rejections
		for _, k := range rapid.SliceOfN(key, 0, 12).Draw(t, "rejected") {
			rs = append(rs, k)
		}
		slices.SortFunc(rs, recKey.compare)
		asks := rapid.SliceOfN(key, 0, 20).Draw(t, "asked")
		slices.SortFunc(asks, recKey.compare)
		cur := slices.Clone(rs)
		for _, k := range asks {
			if got, want := cur.next(k), slices.Contains(rs, k); got != want {
				t.Fatalf("next(%v) = %v, want %v (rejections %v)", k, got, want, rs)
			}
		}
	})
}
