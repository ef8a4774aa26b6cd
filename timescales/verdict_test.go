package timescales_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
)

func deadline(t *testing.T, id timescales.RuleID, anchor holidays.Date) timescales.Deadline {
	t.Helper()
	dl, err := timescales.National().Deadline(holidays.EnglandAndWales(), id, anchor)
	if err != nil {
		t.Fatal(err)
	}
	return dl
}

func TestJudge(t *testing.T) {
	cal := holidays.EnglandAndWales()
	// Para 155: referral Mon 18 Dec 2023, due Thu 22 Feb 2024.
	assessment := deadline(t, timescales.Assessment, d(2023, 12, 18))
	// Para 364: publication Tue 2 Jan 2024, report to the panel by Tue 19 Dec 2023.
	toPanel := deadline(t, timescales.PracticeReviewToPanel, d(2024, 1, 2))
	// Review conference: ICPC 30 Nov 2024, first review by Fri 28 Feb 2025.
	review := deadline(t, timescales.ReviewFirst, d(2024, 11, 30))
	// Para 154: referral Fri 22 Dec 2023.
	asap := deadline(t, timescales.ImmediateProtection, d(2023, 12, 22))
	// Plan ends at 18: born 29 Feb 2008, 18 on Sun 1 Mar 2026.
	at18 := deadline(t, timescales.PlanEndsAt18, d(2008, 2, 29))

	tests := []struct {
		name   string
		dl     timescales.Deadline
		actual holidays.Date
		reason string
		want   timescales.Verdict
	}{
		{"assessment met early", assessment, d(2024, 2, 1), "",
			timescales.Verdict{Result: timescales.BeforeDue}},
		{"assessment met on the last day", assessment, d(2024, 2, 22), "",
			timescales.Verdict{Result: timescales.OnDueDate}},
		// Fri 23 (1), Mon 26 (2), Tue 27 (3), Wed 28 Feb (4).
		{"assessment late with a recorded reason", assessment, d(2024, 2, 28), "parent in hospital",
			timescales.Verdict{Result: timescales.AfterDue, WorkdaysLate: 4, Reason: "parent in hospital"}},
		// Sat 24 Feb: no working day has passed, but the deadline has.
		{"assessment done on the Saturday after", assessment, d(2024, 2, 24), "",
			timescales.Verdict{Result: timescales.AfterDue, WorkdaysLate: 1}},
		{"reason kept when met", assessment, d(2024, 2, 22), "complex case",
			timescales.Verdict{Result: timescales.OnDueDate, Reason: "complex case"}},
		{"report to panel in time", toPanel, d(2023, 12, 18), "",
			timescales.Verdict{Result: timescales.BeforeDue}},
		// Wed 20 (1), Thu 21 (2), Fri 22 (3), Wed 27 Dec (4).
		{"report to panel late", toPanel, d(2023, 12, 27), "",
			timescales.Verdict{Result: timescales.AfterDue, WorkdaysLate: 4}},
		// A month bound is late by working days too: due Fri 28 Feb 2025,
		// held Mon 3 Mar 2025, 3 calendar days but 1 working day (Mon 3 Mar).
		{"review late by working days", review, d(2025, 3, 3), "",
			timescales.Verdict{Result: timescales.AfterDue, WorkdaysLate: 1}},
		// Sat 23, Sun 24, Mon 25, Tue 26 off: Wed 27 Dec is 1 working day.
		{"as soon as possible reports elapsed working days", asap, d(2023, 12, 27), "",
			timescales.Verdict{Result: timescales.Elapsed, Elapsed: 1}},
		{"as soon as possible, same day", asap, d(2023, 12, 22), "",
			timescales.Verdict{Result: timescales.Elapsed}},
		{"plan ended on the 18th birthday", at18, d(2026, 3, 1), "",
			timescales.Verdict{Result: timescales.OnDueDate}},
		// Birthday Sun 1 Mar 2026; ended Tue 3 Mar: Mon 2 (1), Tue 3 (2).
		{"plan ended two days after the 18th birthday", at18, d(2026, 3, 3), "",
			timescales.Verdict{Result: timescales.AfterDue, WorkdaysLate: 2}},
		// Ended Mon 2 Mar: the Sunday birthday is past, 1 working day late.
		{"plan ended the day after a Sunday 18th birthday", at18, d(2026, 3, 2), "",
			timescales.Verdict{Result: timescales.AfterDue, WorkdaysLate: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.dl.Judge(cal, tt.actual, tt.reason)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Judge(%s) mismatch (-want +got):\n%s", tt.actual, diff)
			}
			if got.InTime() != (tt.want.Result == timescales.BeforeDue || tt.want.Result == timescales.OnDueDate) {
				t.Errorf("InTime() = %v for %s", got.InTime(), got.Result)
			}
		})
	}
}

func TestJudgeErrors(t *testing.T) {
	cal := holidays.EnglandAndWales()
	icpc := deadline(t, timescales.ICPC, d(2024, 3, 28))
	_, err := icpc.Judge(cal, d(2024, 3, 27), "")
	var oe *timescales.BeforeAnchorError
	if !errors.As(err, &oe) || oe.Actual != d(2024, 3, 27) {
		t.Errorf("actual before anchor: %v, want *BeforeAnchorError", err)
	}
	if _, err := icpc.JudgePending(cal, d(2024, 3, 27)); !errors.As(err, &oe) {
		t.Errorf("pending before anchor: %v, want *BeforeAnchorError", err)
	}
	if _, err := (timescales.Deadline{}).JudgePending(cal, d(2024, 1, 1)); !errors.As(err, new(*timescales.NoDueDateError)) {
		t.Errorf("zero Deadline pending: %v, want *NoDueDateError", err)
	}
	_, err = icpc.Judge(cal, d(2150, 1, 1), "")
	if !errors.As(err, new(*holidays.RangeError)) {
		t.Errorf("actual outside calendar: %v, want *holidays.RangeError", err)
	}
	_, err = timescales.Deadline{}.Judge(cal, d(2024, 1, 1), "")
	if !errors.As(err, new(*timescales.NoDueDateError)) {
		t.Errorf("zero Deadline: %v, want *NoDueDateError", err)
	}
	asap := deadline(t, timescales.ImmediateProtection, d(2024, 3, 28))
	if _, err := asap.WorkdaysLeft(cal, d(2024, 3, 28)); !errors.As(err, new(*timescales.NoDueDateError)) {
		t.Errorf("WorkdaysLeft of ASAP: %v, want *NoDueDateError", err)
	}
	// Due Mon 20 June 2022 from Thu 26 May 2022 (jubilee): on Fri 17 June one
	// working day is left; nil means the England and Wales calendar.
	jub := deadline(t, timescales.ICPC, d(2022, 5, 26))
	if n, err := jub.WorkdaysLeft(nil, d(2022, 6, 17)); err != nil || n != 1 {
		t.Errorf("WorkdaysLeft = %d, %v; want 1", n, err)
	}
}

// TestJudgePending works open clocks by hand: each date's verdict as of then.
func TestJudgePending(t *testing.T) {
	cal := holidays.EnglandAndWales()
	// ICPC from Thu 26 May 2022 due Mon 20 June 2022 (the jubilee holidays
	// 2 and 3 June intervene).
	icpc := deadline(t, timescales.ICPC, d(2022, 5, 26))
	// Review: ICPC 30 Nov 2024, first review due Fri 28 Feb 2025.
	review := deadline(t, timescales.ReviewFirst, d(2024, 11, 30))
	// Para 154: referral Fri 22 Dec 2023.
	asap := deadline(t, timescales.ImmediateProtection, d(2023, 12, 22))
	tests := []struct {
		name string
		dl   timescales.Deadline
		asOf holidays.Date
		want timescales.Verdict
	}{
		// Fri 17 June: Mon 20 June is the one working day left.
		{"icpc one day left", icpc, d(2022, 6, 17), timescales.Verdict{Result: timescales.NotYetDue, WorkdaysLeft: 1}},
		{"icpc on the due date", icpc, d(2022, 6, 20), timescales.Verdict{Result: timescales.NotYetDue}},
		// Tue 21 (1), Wed 22 June (2).
		{"icpc two days past", icpc, d(2022, 6, 22), timescales.Verdict{Result: timescales.PastDue, WorkdaysLate: 2}},
		// Sat 1 Mar: past the Friday due date, no working day yet: 1.
		{"review past due on the Saturday", review, d(2025, 3, 1), timescales.Verdict{Result: timescales.PastDue, WorkdaysLate: 1}},
		// Mon 3 (1) to Fri 7 Mar (5).
		{"review a week past", review, d(2025, 3, 7), timescales.Verdict{Result: timescales.PastDue, WorkdaysLate: 5}},
		// Wed 27 Dec (1), Thu 28 (2), Fri 29 (3).
		{"as soon as possible, still open", asap, d(2023, 12, 29), timescales.Verdict{Result: timescales.Elapsed, Elapsed: 3}},
	}
	for _, tt := range tests {
		got, err := tt.dl.JudgePending(cal, tt.asOf)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: JudgePending(%s) mismatch (-want +got):\n%s", tt.name, tt.asOf, diff)
		}
	}
}

// WorkdaysLate, hand-worked on the England and Wales calendar.
func TestWorkdaysLate(t *testing.T) {
	cal := holidays.EnglandAndWales()
	tests := []struct {
		name        string
		due, actual holidays.Date
		want        int
	}{
		{"on the due date", d(2024, 3, 28), d(2024, 3, 28), 0},
		{"before the due date", d(2024, 3, 28), d(2024, 3, 27), 0},
		// Due Thursday 28 March 2024; Good Friday and Easter Monday are not
		// working days, so Tuesday 2 April is the first working day late.
		{"over Easter", d(2024, 3, 28), d(2024, 4, 2), 1},
		{"Good Friday itself", d(2024, 3, 28), d(2024, 3, 29), 1},
		// Friday 7 June 2024 due, met Saturday 8: no working day has passed,
		// yet the deadline was missed.
		{"weekend after a Friday", d(2024, 6, 7), d(2024, 6, 8), 1},
		// Due Saturday 8 June 2024 (a calendar-month bound): Monday 10 is 1.
		{"Monday after a Saturday due date", d(2024, 6, 8), d(2024, 6, 10), 1},
		// Due Friday 16 September 2022; Monday 19 was the state funeral:
		// Tuesday 20 is 1, Wednesday 21 is 2.
		{"over the state funeral", d(2022, 9, 16), d(2022, 9, 21), 2},
	}
	for _, tt := range tests {
		got, err := timescales.WorkdaysLate(cal, tt.due, tt.actual)
		if err != nil || got != tt.want {
			t.Errorf("%s: WorkdaysLate(%s, %s) = %d, %v; want %d", tt.name, tt.due, tt.actual, got, err, tt.want)
		}
	}
	var re *holidays.RangeError
	if _, err := timescales.WorkdaysLate(cal, d(2099, 12, 31), d(2100, 1, 4)); !errors.As(err, &re) {
		t.Errorf("beyond the calendar: %v, want *holidays.RangeError", err)
	}
}
