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
			timescales.Verdict{Outcome: timescales.Met, Unit: timescales.WorkingDays}},
		{"assessment met on the last day", assessment, d(2024, 2, 22), "",
			timescales.Verdict{Outcome: timescales.MetOnLastDay, Unit: timescales.WorkingDays}},
		// Fri 23 (1), Mon 26 (2), Tue 27 (3), Wed 28 Feb (4).
		{"assessment late with a recorded reason", assessment, d(2024, 2, 28), "parent in hospital",
			timescales.Verdict{Outcome: timescales.Late, Late: 4, Unit: timescales.WorkingDays, Reason: "parent in hospital"}},
		// Sat 24 Feb: no working day has passed, but the deadline has.
		{"assessment done on the Saturday after", assessment, d(2024, 2, 24), "",
			timescales.Verdict{Outcome: timescales.Late, Late: 1, Unit: timescales.WorkingDays}},
		{"reason kept when met", assessment, d(2024, 2, 22), "complex case",
			timescales.Verdict{Outcome: timescales.MetOnLastDay, Unit: timescales.WorkingDays, Reason: "complex case"}},
		{"report to panel in time", toPanel, d(2023, 12, 18), "",
			timescales.Verdict{Outcome: timescales.Met, Unit: timescales.WorkingDays}},
		// Wed 20 (1), Thu 21 (2), Fri 22 (3), Wed 27 Dec (4).
		{"report to panel late", toPanel, d(2023, 12, 27), "",
			timescales.Verdict{Outcome: timescales.Late, Late: 4, Unit: timescales.WorkingDays}},
		// Fri 28 Feb to Mon 3 Mar 2025 is 3 calendar days.
		{"review late by calendar days", review, d(2025, 3, 3), "",
			timescales.Verdict{Outcome: timescales.Late, Late: 3, Unit: timescales.CalendarDays}},
		// Sat 23, Sun 24, Mon 25, Tue 26 off: Wed 27 Dec is 1 working day.
		{"as soon as possible reports elapsed working days", asap, d(2023, 12, 27), "",
			timescales.Verdict{Outcome: timescales.Elapsed, Elapsed: 1, Unit: timescales.WorkingDays}},
		{"as soon as possible, same day", asap, d(2023, 12, 22), "",
			timescales.Verdict{Outcome: timescales.Elapsed, Unit: timescales.WorkingDays}},
		{"plan ended on the 18th birthday", at18, d(2026, 3, 1), "",
			timescales.Verdict{Outcome: timescales.MetOnLastDay, Unit: timescales.YearsOfAge}},
		{"plan ended two days after the 18th birthday", at18, d(2026, 3, 3), "",
			timescales.Verdict{Outcome: timescales.Late, Late: 2, Unit: timescales.CalendarDays}},
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
			if got.InTime() != (tt.want.Outcome == timescales.Met || tt.want.Outcome == timescales.MetOnLastDay) {
				t.Errorf("InTime() = %v for %s", got.InTime(), got.Outcome)
			}
		})
	}
}

func TestJudgeErrors(t *testing.T) {
	cal := holidays.EnglandAndWales()
	icpc := deadline(t, timescales.ICPC, d(2024, 3, 28))
	_, err := icpc.Judge(cal, d(2024, 3, 27), "")
	var oe *timescales.OrderError
	if !errors.As(err, &oe) || oe.Actual != d(2024, 3, 27) {
		t.Errorf("actual before anchor: %v, want *OrderError", err)
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
