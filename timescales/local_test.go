package timescales_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
)

var anytown = timescales.Citation{Edition: "Anytown Safeguarding Children Partnership procedures 2024", Chapter: "Child protection conferences", Paragraph: "4.2"}

func localRule(id timescales.RuleID, b timescales.Bound) timescales.Rule {
	return timescales.Rule{ID: id, Name: "local " + string(id), Anchor: "anchor", Target: "target", Bound: b, Statutory: true, Citation: anytown}
}

func wd(n int) timescales.Bound { return timescales.Bound{N: n, Unit: timescales.WorkingDays} }
func cd(n int) timescales.Bound { return timescales.Bound{N: n, Unit: timescales.CalendarDays} }
func cm(n int) timescales.Bound { return timescales.Bound{N: n, Unit: timescales.CalendarMonths} }

func TestWithLocalTightens(t *testing.T) {
	cal := holidays.EnglandAndWales()
	national := timescales.National()
	book, err := national.WithLocal(
		localRule(timescales.ICPC, wd(10)),
		localRule(timescales.ImmediateProtection, wd(1)),
		localRule("anytown-visit", cd(7)),
	)
	if err != nil {
		t.Fatal(err)
	}
	// Strategy discussion Thu 26 May 2022: 10 working days skipping 2, 3 June
	// -> Mon 13 June 2022, under the 2018 edition with the local rule.
	dl, err := book.Deadline(cal, timescales.ICPC, d(2022, 5, 26))
	if err != nil {
		t.Fatal(err)
	}
	if dl.Due != d(2022, 6, 13) || !dl.Rule.Local || dl.Rule.Citation != anytown || dl.Edition != 2018 {
		t.Errorf("local ICPC = %s local=%v %v edition %d", dl.Due, dl.Rule.Local, dl.Rule.Citation, dl.Edition)
	}
	// As soon as possible turned into 1 working day: Thu 28 Mar 2024 -> Tue 2 Apr.
	dl, err = book.Deadline(cal, timescales.ImmediateProtection, d(2024, 3, 28))
	if err != nil || dl.Due != d(2024, 4, 2) {
		t.Errorf("local immediate protection = %s, %v", dl.Due, err)
	}
	// A new local rule applies in every edition.
	for _, year := range []int{2023, 2018, 2015, 2013} {
		rules, err := book.Rules(year)
		if err != nil {
			t.Fatal(err)
		}
		last := rules[len(rules)-1]
		if last.ID != "anytown-visit" || !last.Local {
			t.Errorf("%d: last rule %s local=%v, want anytown-visit", year, last.ID, last.Local)
		}
		// The override takes the place of the national rule.
		nat, err := national.Rules(year)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(nat, func(r timescales.Rule) bool { return r.ID == timescales.ICPC })
		if i < 0 {
			t.Fatalf("%d: no national ICPC", year)
		}
		if rules[i].ID != timescales.ICPC || rules[i].Bound != wd(10) {
			t.Errorf("%d: rule %d = %s %s, want the local ICPC in the national one's place", year, i, rules[i].ID, rules[i].Bound)
		}
	}
	// The national rulebook is unchanged.
	if dl, _ := national.Deadline(cal, timescales.ICPC, d(2022, 5, 26)); dl.Due != d(2022, 6, 20) || dl.Rule.Local {
		t.Errorf("national ICPC changed to %s", dl.Due)
	}
	// A second protocol is checked against the guidance, not the first
	// protocol: 12 working days loosens the local 10 but not the national 15.
	again, err := book.WithLocal(localRule(timescales.ICPC, wd(12)))
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := again.Rule(timescales.ICPC, d(2024, 1, 1)); r.Bound != wd(12) {
		t.Errorf("second protocol ICPC = %s", r.Bound)
	}
	// Pinning survives.
	pinned, _ := national.Pin(2018)
	lp, err := pinned.WithLocal(localRule(timescales.ICPC, wd(10)))
	if err != nil {
		t.Fatal(err)
	}
	if e, _ := lp.EditionFor(d(2025, 1, 1)); e.Year != 2018 {
		t.Errorf("WithLocal lost the pin: %d", e.Year)
	}
}

func TestWithLocalRejects(t *testing.T) {
	national := timescales.National()
	tests := []struct {
		name string
		rule timescales.Rule
		want error
	}{
		{"looser ICPC", localRule(timescales.ICPC, wd(20)),
			&timescales.LooserThanNationalError{Rule: timescales.ICPC, Edition: 2023, National: wd(15), Local: wd(20)}},
		{"ASAP in place of a fixed bound", localRule(timescales.ReferralDecision, timescales.Bound{Unit: timescales.AsSoonAsPossible}),
			&timescales.LooserThanNationalError{Rule: timescales.ReferralDecision, Edition: 2023, National: wd(1), Local: timescales.Bound{Unit: timescales.AsSoonAsPossible}}},
		// From a Sunday with no holiday, 15 working days end on the 19th day.
		{"20 days against 15 working days", localRule(timescales.ICPC, cd(20)),
			&timescales.LooserThanNationalError{Rule: timescales.ICPC, Edition: 2023, National: wd(15), Local: cd(20)}},
		// 1 month is at least 28 days; 15 working days can end on the 19th.
		{"1 month against 15 working days", localRule(timescales.ICPC, cm(1)),
			&timescales.LooserThanNationalError{Rule: timescales.ICPC, Edition: 2023, National: wd(15), Local: cm(1)}},
		{"91 days against 3 months", localRule(timescales.ReviewFirst, cd(91)),
			&timescales.LooserThanNationalError{Rule: timescales.ReviewFirst, Edition: 2023, National: cm(3), Local: cd(91)}},
		// Christmas can stretch 3 working days past a week.
		{"3 working days against 7 days", localRule(timescales.YearlyReportToPanel, wd(3)),
			&timescales.IncomparableBoundsError{Rule: timescales.YearlyReportToPanel, Edition: 2023, National: cd(7), Local: wd(3)}},
		// Holidays push "7 working days before" earlier: Christmas makes it 14
		// days before 2 January 2024, and a longer break would make it more.
		{"14 days before against 7 working days before", localRule(timescales.PracticeReviewToPanel, timescales.Bound{N: 14, Unit: timescales.CalendarDays, Before: true}),
			&timescales.IncomparableBoundsError{Rule: timescales.PracticeReviewToPanel, Edition: 2023, National: timescales.Bound{N: 7, Unit: timescales.WorkingDays, Before: true}, Local: timescales.Bound{N: 14, Unit: timescales.CalendarDays, Before: true}}},
		{"an age against months", localRule(timescales.ReviewFirst, timescales.Bound{N: 1, Unit: timescales.YearsOfAge}),
			&timescales.IncomparableBoundsError{Rule: timescales.ReviewFirst, Edition: 2023, National: cm(3), Local: timescales.Bound{N: 1, Unit: timescales.YearsOfAge}}},
		{"5 working days before against 7 before", localRule(timescales.PracticeReviewToPanel, timescales.Bound{N: 5, Unit: timescales.WorkingDays, Before: true}),
			&timescales.LooserThanNationalError{Rule: timescales.PracticeReviewToPanel, Edition: 2023, National: timescales.Bound{N: 7, Unit: timescales.WorkingDays, Before: true}, Local: timescales.Bound{N: 5, Unit: timescales.WorkingDays, Before: true}}},
		{"no citation", timescales.Rule{ID: "x", Name: "x", Anchor: "a", Target: "t", Bound: wd(1)},
			&timescales.LocalRuleError{Rule: "x", Message: `rule "x" has no citation`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := national.WithLocal(localRule("harmless", wd(1)), tt.rule)
			if b != nil {
				t.Error("WithLocal returned a rulebook with its error")
			}
			if diff := cmp.Diff(tt.want, err); diff != "" {
				t.Errorf("WithLocal error mismatch (-want +got):\n%s", diff)
			}
		})
	}
	// Nothing half applied: the harmless rule laid beside the bad one is
	// nowhere.
	if _, err := national.Rule("harmless", d(2024, 1, 1)); !errors.As(err, new(*timescales.UnknownRuleError)) {
		t.Errorf("harmless rule leaked into the national book: %v", err)
	}
	if _, err := national.WithLocal(localRule("dup", wd(1)), localRule("dup", wd(2))); !errors.As(err, new(*timescales.LocalRuleError)) {
		t.Errorf("duplicate local IDs: %v", err)
	}
	// The loosening message names the rule and both bounds.
	_, err := national.WithLocal(localRule(timescales.ICPC, wd(20)))
	if got, want := err.Error(), `timescales: local rule "icpc" (within 20 working days) is looser than the national bound (within 15 working days) of the 2023 edition`; got != want {
		t.Errorf("message = %q\nwant      %q", got, want)
	}
}

func TestWithLocalAccepts(t *testing.T) {
	national := timescales.National()
	for _, tt := range []struct {
		name string
		rule timescales.Rule
	}{
		{"equal bound", localRule(timescales.ICPC, wd(15))},
		{"14 days against 15 working days", localRule(timescales.ICPC, cd(14))},
		{"19 days against 15 working days", localRule(timescales.ICPC, cd(19))},
		{"15 days against 15 working days", localRule(timescales.ICPC, cd(15))},
		{"89 days against 3 months (1 Feb + 3 months is 89 days)", localRule(timescales.ReviewFirst, cd(89))},
		{"2 months against 3", localRule(timescales.ReviewFirst, cm(2))},
		{"0 working days (the anchor itself) against 1", localRule(timescales.ReferralDecision, wd(0))},
		{"10 working days before against 7 before", localRule(timescales.PracticeReviewToPanel, timescales.Bound{N: 10, Unit: timescales.WorkingDays, Before: true})},
		{"anything against as soon as possible", localRule(timescales.StrategyAfterEmergency, cm(1))},
		{"non-statutory rapid review may be loosened", localRule(timescales.RapidReview, wd(20))},
		{"plan ends at 17", localRule(timescales.PlanEndsAt18, timescales.Bound{N: 17, Unit: timescales.YearsOfAge})},
	} {
		if _, err := national.WithLocal(tt.rule); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}
