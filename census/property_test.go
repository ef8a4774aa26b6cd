package census

import (
	"testing"

	"github.com/workingtogether/safeguarding/holidays"
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
		for _, f := range checkChild(cal, c) {
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
		tl := newTally(Header{}, cal)
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
			tl.add(Child{Episodes: []Episode{{Assessments: []Assessment{{StartDate: start, AuthorisationDate: end, Line: i}}}}})
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
