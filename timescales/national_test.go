package timescales_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/internal/golden"
	"github.com/workingtogether/safeguarding/timescales"
)

func d(y int, m time.Month, day int) holidays.Date { return holidays.Date{Year: y, Month: m, Day: day} }

// due is the part of a Deadline each hand-worked case pins down.
type due struct {
	Edition int
	Bound   timescales.Bound
	Due     holidays.Date
}

// TestNationalDeadlines works one case per rule by hand, across Easter,
// Christmas, the one-off holidays of 2022 and 2023, leap years and month ends.
// The 2022 and early-2023 cases fall under the 2018 edition (in force until
// 15 December 2023), which sets the same pathway timescales; rules that only
// the 2023 edition carries are tested there on a rulebook pinned to 2023.
func TestNationalDeadlines(t *testing.T) {
	cal := holidays.EnglandAndWales()
	tests := []struct {
		name   string
		id     timescales.RuleID
		pin    int
		anchor holidays.Date
		want   due
	}{
		{
			// Para 153. Referral Thu 28 Mar 2024; Good Friday 29 Mar, Sat, Sun,
			// Easter Monday 1 Apr are not working days -> Tue 2 Apr 2024.
			name: "para 153 referral decision over Easter", id: timescales.ReferralDecision,
			anchor: d(2024, 3, 28), want: due{2023, timescales.Bound{N: 1, Unit: timescales.WorkingDays}, d(2024, 4, 2)},
		},
		{
			// Para 153: see the child as soon as possible after deciding the
			// referral needs further assessment, so no due date.
			name: "para 153 child seen has no due date", id: timescales.ChildSeen,
			anchor: d(2024, 3, 28), want: due{2023, timescales.Bound{Unit: timescales.AsSoonAsPossible}, holidays.Date{}},
		},
		{
			// Para 155. Referral Mon 18 Dec 2023. Working days: 19-22 Dec (4),
			// 27-29 Dec (7; 25, 26 Dec off), 2-5 Jan (11; 1 Jan off), then five a
			// week: 12 Jan 16, 19 Jan 21, 26 Jan 26, 2 Feb 31, 9 Feb 36,
			// 16 Feb 41, and 19, 20, 21, 22 Feb -> Thu 22 Feb 2024 (45).
			name: "para 155 assessment over Christmas", id: timescales.Assessment,
			anchor: d(2023, 12, 18), want: due{2023, timescales.Bound{N: 45, Unit: timescales.WorkingDays}, d(2024, 2, 22)},
		},
		{
			// Para 154: as soon as possible, so no due date.
			name: "para 154 immediate protection has no due date", id: timescales.ImmediateProtection,
			anchor: d(2024, 1, 5), want: due{2023, timescales.Bound{Unit: timescales.AsSoonAsPossible}, holidays.Date{}},
		},
		{
			// Chapter 3, Immediate protection: as soon as possible.
			name: "immediate protection section: strategy discussion after emergency action", id: timescales.StrategyAfterEmergency,
			anchor: d(2024, 1, 5), want: due{2023, timescales.Bound{Unit: timescales.AsSoonAsPossible}, holidays.Date{}},
		},
		{
			// Outcome of section 47 enquiries (2018 edition in force in 2022).
			// Strategy discussion Thu 26 May 2022: Fri 27 (1), Mon 30 (2),
			// Tue 31 (3), Wed 1 Jun (4); Thu 2 Jun (moved spring holiday) and
			// Fri 3 Jun (Platinum Jubilee) off; 6-10 Jun (5-9), 13-17 Jun
			// (10-14), Mon 20 Jun (15) -> Mon 20 June 2022.
			name: "ICPC over the 2022 jubilee", id: timescales.ICPC,
			anchor: d(2022, 5, 26), want: due{2018, timescales.Bound{N: 15, Unit: timescales.WorkingDays}, d(2022, 6, 20)},
		},
		{
			// Same rule, 2023 edition. Strategy discussion Wed 18 Dec 2024:
			// 19, 20 Dec (2); 25, 26 Dec off; 23, 24 (4), 27 (5), 30, 31 (7);
			// 1 Jan off; 2, 3 Jan (9), 6-10 Jan (14), Mon 13 Jan (15).
			name: "ICPC over Christmas 2024", id: timescales.ICPC,
			anchor: d(2024, 12, 18), want: due{2023, timescales.Bound{N: 15, Unit: timescales.WorkingDays}, d(2025, 1, 13)},
		},
		{
			// The child protection plan. ICPC Tue 25 Apr 2023 (2018 edition):
			// 26, 27, 28 Apr (3); Mon 1 May off; 2-5 May (7); Mon 8 May
			// (coronation) off; 9, 10, 11 May (10) -> Thu 11 May 2023.
			name: "first core group over the 2023 coronation", id: timescales.CoreGroupFirst,
			anchor: d(2023, 4, 25), want: due{2018, timescales.Bound{N: 10, Unit: timescales.WorkingDays}, d(2023, 5, 11)},
		},
		{
			// Child protection review conference. 30 Nov 2023 + 3 months: no
			// 30 Feb, so the last day of February, 29 Feb 2024 (leap year).
			name: "first review 30 Nov + 3 months in a leap year", id: timescales.ReviewFirst,
			anchor: d(2023, 11, 30), want: due{2018, timescales.Bound{N: 3, Unit: timescales.CalendarMonths}, d(2024, 2, 29)},
		},
		{
			// 30 Nov 2024 + 3 months -> 28 Feb 2025 (common year).
			name: "first review 30 Nov + 3 months in a common year", id: timescales.ReviewFirst,
			anchor: d(2024, 11, 30), want: due{2023, timescales.Bound{N: 3, Unit: timescales.CalendarMonths}, d(2025, 2, 28)},
		},
		{
			// 31 Aug 2024 + 6 months -> 28 Feb 2025, not 3 March.
			name: "later review 31 Aug + 6 months", id: timescales.ReviewNext,
			anchor: d(2024, 8, 31), want: due{2023, timescales.Bound{N: 6, Unit: timescales.CalendarMonths}, d(2025, 2, 28)},
		},
		{
			// 31 Aug 2023 + 6 months -> 29 Feb 2024 (2018 edition).
			name: "later review 31 Aug + 6 months into a leap February", id: timescales.ReviewNext,
			anchor: d(2023, 8, 31), want: due{2018, timescales.Bound{N: 6, Unit: timescales.CalendarMonths}, d(2024, 2, 29)},
		},
		{
			// Discontinuing the plan. Notified Fri 16 Sep 2022; Mon 19 Sep (state
			// funeral) off; 20-23 Sep (4), 26-30 Sep (9), 3-7 Oct (14),
			// Mon 10 Oct (15) -> Mon 10 October 2022.
			name: "transfer-in conference over the 2022 state funeral", id: timescales.TransferInConference,
			anchor: d(2022, 9, 16), want: due{2018, timescales.Bound{N: 15, Unit: timescales.WorkingDays}, d(2022, 10, 10)},
		},
		{
			// Discontinuing the plan. Born 29 Feb 2008; 2026 is a common year,
			// so 18 on 1 March 2026, under the edition then in force (2023).
			name: "plan ends at 18 for a leap-day birth", id: timescales.PlanEndsAt18,
			anchor: d(2008, 2, 29), want: due{2023, timescales.Bound{N: 18, Unit: timescales.YearsOfAge}, d(2026, 3, 1)},
		},
		{
			// Born 29 Feb 2004: 2022 is a common year -> 1 March 2022 (2018 edition).
			name: "plan ends at 18, leap-day birth, 18th in 2022", id: timescales.PlanEndsAt18,
			anchor: d(2004, 2, 29), want: due{2018, timescales.Bound{N: 18, Unit: timescales.YearsOfAge}, d(2022, 3, 1)},
		},
		{
			// Born 29 Feb 2012: 2030 is common -> 1 March 2030.
			name: "plan ends at 18, born 29 Feb 2012", id: timescales.PlanEndsAt18,
			anchor: d(2012, 2, 29), want: due{2023, timescales.Bound{N: 18, Unit: timescales.YearsOfAge}, d(2030, 3, 1)},
		},
		{
			// Para 226. Allegation Fri 22 Dec 2023; Sat, Sun, 25, 26 Dec off
			// -> Wed 27 Dec 2023.
			name: "para 226 designated officer over Christmas", id: timescales.AllegationToLADO,
			anchor: d(2023, 12, 22), want: due{2023, timescales.Bound{N: 1, Unit: timescales.WorkingDays}, d(2023, 12, 27)},
		},
		{
			// Para 330. Aware Thu 21 Dec 2023: Fri 22 (1); 25, 26 off; 27, 28,
			// 29 (4); Mon 1 Jan off; Tue 2 Jan (5) -> Tue 2 January 2024.
			name: "para 330 serious incident notification over New Year", id: timescales.SeriousIncidentNotice,
			anchor: d(2023, 12, 21), want: due{2023, timescales.Bound{N: 5, Unit: timescales.WorkingDays}, d(2024, 1, 2)},
		},
		{
			// Box after para 374. Incident Wed 27 Mar 2024: Thu 28 (1); Good
			// Friday, Easter Monday off; 2-5 Apr (5), 8-12 (10), 15-19 (15)
			// -> Fri 19 April 2024.
			name: "rapid review (box after para 374) over Easter", id: timescales.RapidReview,
			anchor: d(2024, 3, 27), want: due{2023, timescales.Bound{N: 15, Unit: timescales.WorkingDays}, d(2024, 4, 19)},
		},
		{
			// Para 365. Decision 31 Aug 2024 + 6 months -> 28 Feb 2025.
			name: "para 365 practice review published", id: timescales.PracticeReviewPublished,
			anchor: d(2024, 8, 31), want: due{2023, timescales.Bound{N: 6, Unit: timescales.CalendarMonths}, d(2025, 2, 28)},
		},
		{
			// Para 365 on a rulebook pinned to 2023: 31 Aug 2023 + 6 months ->
			// 29 Feb 2024.
			name: "para 365 pinned, into a leap February", id: timescales.PracticeReviewPublished, pin: 2023,
			anchor: d(2023, 8, 31), want: due{2023, timescales.Bound{N: 6, Unit: timescales.CalendarMonths}, d(2024, 2, 29)},
		},
		{
			// Para 364. Publication Tue 2 Jan 2024; counting back: Fri 29 Dec
			// (1), Thu 28 (2), Wed 27 (3); 26, 25 off; Fri 22 (4), Thu 21 (5),
			// Wed 20 (6), Tue 19 Dec (7) -> Tue 19 December 2023 at the latest.
			name: "para 364 full report 7 working days before publication", id: timescales.PracticeReviewToPanel,
			anchor: d(2024, 1, 2), want: due{2023, timescales.Bound{N: 7, Unit: timescales.WorkingDays, Before: true}, d(2023, 12, 19)},
		},
		{
			// Para 109. End of financial year 31 Mar 2024 + 6 months: September
			// has 30 days -> 30 September 2024, "the end of September".
			name: "para 109 yearly report by the end of September", id: timescales.YearlyReportPublished,
			anchor: d(2024, 3, 31), want: due{2023, timescales.Bound{N: 6, Unit: timescales.CalendarMonths}, d(2024, 9, 30)},
		},
		{
			// Para 109. Published Mon 30 Sep 2024 + 7 days -> Mon 7 Oct 2024.
			name: "para 109 yearly report to the panel within 7 days", id: timescales.YearlyReportToPanel,
			anchor: d(2024, 9, 30), want: due{2023, timescales.Bound{N: 7, Unit: timescales.CalendarDays}, d(2024, 10, 7)},
		},
		{
			// Chapter 6. Decision Fri 24 Dec 2027; Christmas and Boxing Day fall
			// on Sat and Sun, so Mon 27 and Tue 28 are off; 29 (1), 30 (2),
			// 31 (3) -> Fri 31 December 2027.
			name: "chapter 6 coroner over substitute Christmas days", id: timescales.CoronerToChildDeathReview,
			anchor: d(2027, 12, 24), want: due{2023, timescales.Bound{N: 3, Unit: timescales.WorkingDays}, d(2027, 12, 31)},
		},
		{
			// Working Together 2015 (in force from 26 March 2015), chapter 1.
			// Strategy discussion Thu 24 Mar 2016; Good Friday 25 Mar and Easter
			// Monday 28 Mar off; Tue 29 (1), 30 (2), 31 (3), Fri 1 Apr (4),
			// 4-8 Apr (9), 11-15 Apr (14), Mon 18 Apr (15) -> Mon 18 April 2016.
			name: "ICPC in 2016 under the 2015 edition", id: timescales.ICPC,
			anchor: d(2016, 3, 24), want: due{2015, timescales.Bound{N: 15, Unit: timescales.WorkingDays}, d(2016, 4, 18)},
		},
		{
			// 2018 edition, chapter 4, in force from 29 June 2018 though the
			// edition applies from 4 July. Aware Fri 29 Jun 2018: Mon 2 Jul
			// (1), 3 (2), 4 (3), 5 (4), Fri 6 Jul (5) -> Fri 6 July 2018.
			name: "serious incident notification on the duty's first day", id: timescales.SeriousIncidentNotice,
			anchor: d(2018, 6, 29), want: due{2018, timescales.Bound{N: 5, Unit: timescales.WorkingDays}, d(2018, 7, 6)},
		},
		{
			// The day before the 2023 edition. Aware Thu 14 Dec 2023: Fri 15 (1),
			// 18 (2), 19 (3), 20 (4), Thu 21 Dec (5) -> Thu 21 December 2023.
			name: "serious incident notification under 2018 in December 2023", id: timescales.SeriousIncidentNotice,
			anchor: d(2023, 12, 14), want: due{2018, timescales.Bound{N: 5, Unit: timescales.WorkingDays}, d(2023, 12, 21)},
		},
		{
			// Para 330. Aware Thu 28 Mar 2024: Good Friday 29 Mar and Easter
			// Monday 1 Apr intervene; Tue 2 (1), 3 (2), 4 (3), Fri 5 (4),
			// Mon 8 Apr (5) -> Mon 8 April 2024, not Fri 5 April.
			name: "para 330 serious incident notification over Easter", id: timescales.SeriousIncidentNotice,
			anchor: d(2024, 3, 28), want: due{2023, timescales.Bound{N: 5, Unit: timescales.WorkingDays}, d(2024, 4, 8)},
		},
		{
			// 2018 edition, chapter 4 box. Incident Fri 18 Dec 2020: 21-24 Dec
			// (4); Fri 25 Dec and Mon 28 Dec (Boxing Day substitute) off;
			// 29-31 Dec (7); Fri 1 Jan off; 4-8 Jan (12), 11 (13), 12 (14),
			// Wed 13 Jan (15) -> Wed 13 January 2021.
			name: "rapid review under 2018 over Christmas 2020", id: timescales.RapidReview,
			anchor: d(2020, 12, 18), want: due{2018, timescales.Bound{N: 15, Unit: timescales.WorkingDays}, d(2021, 1, 13)},
		},
		{
			// 2018 edition, chapter 4. Decision 31 Aug 2019 + 6 months: no
			// 31 February, so the last day of February 2020, a leap year.
			name: "practice review published under 2018", id: timescales.PracticeReviewPublished,
			anchor: d(2019, 8, 31), want: due{2018, timescales.Bound{N: 6, Unit: timescales.CalendarMonths}, d(2020, 2, 29)},
		},
		{
			// Para 364, the copy to Ofsted "within the same timescale" as the
			// full report to the panel: publication Tue 2 Jan 2024 -> Tue
			// 19 December 2023 at the latest, as for the panel.
			name: "para 364 copy to Ofsted", id: timescales.PracticeReviewToOfsted,
			anchor: d(2024, 1, 2), want: due{2023, timescales.Bound{N: 7, Unit: timescales.WorkingDays, Before: true}, d(2023, 12, 19)},
		},
		{
			// Chapter 6, registrars: "seven days", so calendar days, holidays
			// or not. Registered Wed 20 Dec 2023 + 7 days -> Wed 27 Dec 2023,
			// though 25 and 26 December intervene.
			name: "chapter 6 registrar within seven days over Christmas", id: timescales.RegistrarToChildDeathReview,
			anchor: d(2023, 12, 20), want: due{2023, timescales.Bound{N: 7, Unit: timescales.CalendarDays}, d(2023, 12, 27)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			book := timescales.National()
			if tt.pin != 0 {
				var err error
				if book, err = book.Pin(tt.pin); err != nil {
					t.Fatal(err)
				}
			}
			dl, err := book.Deadline(cal, tt.id, tt.anchor)
			if err != nil {
				t.Fatalf("Deadline(%s, %s): %v", tt.id, tt.anchor, err)
			}
			got := due{dl.Edition, dl.Rule.Bound, dl.Due}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Deadline(%s, %s) mismatch (-want +got):\n%s", tt.id, tt.anchor, diff)
			}
			if dl.Rule.ID != tt.id || dl.Anchor != tt.anchor {
				t.Errorf("Deadline kept rule %s anchor %s, want %s %s", dl.Rule.ID, dl.Anchor, tt.id, tt.anchor)
			}
		})
	}
}

// TestNationalCoverage checks that the 2023 edition carries every rule of
// DESIGN.md with a quoted citation, and which rules the older editions carry.
func TestNationalCoverage(t *testing.T) {
	all := []timescales.RuleID{
		timescales.ReferralDecision, timescales.ChildSeen, timescales.Assessment, timescales.ImmediateProtection,
		timescales.StrategyAfterEmergency, timescales.ICPC, timescales.CoreGroupFirst,
		timescales.ReviewFirst, timescales.ReviewNext, timescales.TransferInConference,
		timescales.PlanEndsAt18, timescales.AllegationToLADO, timescales.SeriousIncidentNotice,
		timescales.RapidReview, timescales.PracticeReviewPublished, timescales.PracticeReviewToPanel,
		timescales.PracticeReviewToOfsted, timescales.YearlyReportPublished, timescales.YearlyReportToPanel,
		timescales.CoronerToChildDeathReview, timescales.RegistrarToChildDeathReview,
	}
	book := timescales.National()
	rules, err := book.Rules(2023)
	if err != nil {
		t.Fatal(err)
	}
	var ids []timescales.RuleID
	for _, r := range rules {
		ids = append(ids, r.ID)
		if r.Citation.Edition != "Working Together to Safeguard Children 2023" || r.Citation.Quote == "" || r.Citation.Chapter == "" {
			t.Errorf("rule %s: citation %+v lacks edition, chapter or quote", r.ID, r.Citation)
		}
		if r.Local {
			t.Errorf("rule %s is marked local in the national rulebook", r.ID)
		}
		if r.Citation.Unverified {
			t.Errorf("rule %s: the 2023 citation is checked against the edition's text, but marked unverified", r.ID)
		}
		if r.Statutory == (r.ID == timescales.RapidReview) {
			t.Errorf("rule %s: statutory = %v", r.ID, r.Statutory)
		}
	}
	if diff := cmp.Diff(all, ids); diff != "" {
		t.Errorf("2023 rules mismatch (-want +got):\n%s", diff)
	}
	paras := map[timescales.RuleID]string{
		timescales.ReferralDecision: "153", timescales.ChildSeen: "153", timescales.Assessment: "155", timescales.ImmediateProtection: "154",
		timescales.AllegationToLADO: "226", timescales.SeriousIncidentNotice: "330", timescales.PracticeReviewPublished: "365",
		timescales.PracticeReviewToPanel: "364 and footnote 209", timescales.PracticeReviewToOfsted: "364 and footnote 209", timescales.YearlyReportPublished: "109", timescales.YearlyReportToPanel: "109",
	}
	for _, r := range rules {
		if r.Citation.Paragraph != paras[r.ID] {
			t.Errorf("rule %s: paragraph %q, want %q", r.ID, r.Citation.Paragraph, paras[r.ID])
		}
	}
	// The pathway rules of 2013 to 2018, without the 2023 edition's child
	// seen (para 153); the 2018 edition adds the panel rules of its chapter 4,
	// in force from 29 June 2018.
	pathway := append([]timescales.RuleID{all[0]}, all[2:11]...)
	panel := []timescales.RuleID{timescales.SeriousIncidentNotice, timescales.RapidReview, timescales.PracticeReviewPublished}
	for year, want := range map[int][]timescales.RuleID{2018: append(pathway, panel...), 2015: pathway, 2013: pathway} {
		rules, err := book.Rules(year)
		if err != nil {
			t.Fatal(err)
		}
		var ids []timescales.RuleID
		for _, r := range rules {
			ids = append(ids, r.ID)
			if r.Citation.Paragraph != "" || !r.Citation.Unverified {
				t.Errorf("%d %s cites paragraph %q, unverified %v: want no paragraph, marked unverified", year, r.ID, r.Citation.Paragraph, r.Citation.Unverified)
			}
			if r.Citation.Edition != fmt.Sprintf("Working Together to Safeguard Children %d", year) {
				t.Errorf("%d %s cites edition %q", year, r.ID, r.Citation.Edition)
			}
			if inForce := slices.Contains(panel, r.ID); inForce != (r.InForce == d(2018, 6, 29)) || !inForce && !r.InForce.IsZero() {
				t.Errorf("%d %s in force from %s", year, r.ID, r.InForce)
			}
			if strings.Contains(r.Citation.Quote, "2023") {
				t.Errorf("%d %s quotes the 2023 edition: %q", year, r.ID, r.Citation.Quote)
			}
		}
		if diff := cmp.Diff(want, ids); diff != "" {
			t.Errorf("%d rules mismatch (-want +got):\n%s", year, diff)
		}
	}
	if _, err := book.Rules(2014); !errors.As(err, new(*timescales.NoEditionError)) {
		t.Errorf("Rules(2014) error = %v, want *NoEditionError", err)
	}
}

func TestNationalIsOneImmutableValue(t *testing.T) {
	a, b := timescales.National(), timescales.National()
	if a != b {
		t.Fatal("National() returned two values")
	}
	eds := a.Editions()
	eds[0].Rules[0].Bound.N = 99
	eds[0].InForce = d(1999, 1, 1)
	again := b.Editions()
	if again[0].Rules[0].Bound.N != 1 || again[0].InForce != d(2023, 12, 15) {
		t.Fatal("changing the result of Editions changed the rulebook")
	}
	var years []int
	for _, e := range again {
		years = append(years, e.Year)
		if e.Source == "" || e.Title == "" {
			t.Errorf("edition %d has no source or title", e.Year)
		}
	}
	if diff := cmp.Diff([]int{2023, 2018, 2015, 2013}, years); diff != "" {
		t.Errorf("editions mismatch (-want +got):\n%s", diff)
	}
}

// TestNationalSpeaksToUsers checks that nothing a user reads names the
// project's own files: documents are cited by title, edition, chapter and
// paragraph, and an unchecked paragraph is a field of the citation.
func TestNationalSpeaksToUsers(t *testing.T) {
	for _, e := range timescales.National().Editions() {
		texts := []string{e.Title, e.Source}
		for _, r := range e.Rules {
			texts = append(texts, r.Name, r.Anchor, r.Target, r.Citation.String(), r.Citation.Quote)
		}
		for _, s := range texts {
			for _, bad := range []string{"seed", "not verified", ".txt"} {
				if strings.Contains(strings.ToLower(s), bad) {
					t.Errorf("edition %d: user-visible text %q contains %q", e.Year, s, bad)
				}
			}
		}
	}
}

// TestEditionsGolden keeps every edition of the national rulebook, whole, in
// testdata/editions.json: the older editions are derived from the newest by
// their differences, and this proves the derivation gives each edition
// exactly as it was stated (go test -update rewrites it after a deliberate
// change, which the diff then shows).
func TestEditionsGolden(t *testing.T) {
	b, err := json.MarshalIndent(timescales.National().Editions(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.File(t, "testdata/editions.json", append(b, '\n'))
}

// TestPanelRulesStartDate checks the edges of the 2018 edition's panel rules,
// in force from 29 June 2018: the day before, the 2015 edition, which sets
// none, applies; on the day, the 2018 rule, though the edition came into
// force on 4 July; and a 2016 deadline cites the 2015 edition, not 2013.
func TestPanelRulesStartDate(t *testing.T) {
	cal := holidays.EnglandAndWales()
	book := timescales.National()
	for _, id := range []timescales.RuleID{timescales.SeriousIncidentNotice, timescales.RapidReview, timescales.PracticeReviewPublished} {
		_, err := book.Deadline(cal, id, d(2018, 6, 28))
		var ue *timescales.UnknownRuleError
		if !errors.As(err, &ue) || ue.Edition != 2015 || ue.ID != id {
			t.Errorf("%s on 28 June 2018: %v, want *UnknownRuleError of the 2015 edition", id, err)
		}
		dl, err := book.Deadline(cal, id, d(2018, 6, 29))
		if err != nil || dl.Edition != 2018 || dl.Rule.Citation.Edition != "Working Together to Safeguard Children 2018" {
			t.Errorf("%s on 29 June 2018: edition %d citing %q, %v", id, dl.Edition, dl.Rule.Citation.Edition, err)
		}
	}
	// Every day from the duty's start to the 2023 edition has a rule.
	for a := d(2018, 6, 29); a.Before(d(2023, 12, 16)); a = a.AddDays(1) {
		if _, err := book.Deadline(cal, timescales.SeriousIncidentNotice, a); err != nil {
			t.Fatalf("notification on %s: %v", a, err)
		}
	}
	dl, err := book.Deadline(cal, timescales.Assessment, d(2016, 6, 1))
	if err != nil || dl.Edition != 2015 || dl.Rule.Citation.Edition != "Working Together to Safeguard Children 2015" {
		t.Errorf("2016 assessment: edition %d citing %q, %v", dl.Edition, dl.Rule.Citation.Edition, err)
	}
	// A local protocol tightening the notification keeps its start date.
	local, err := book.WithLocal(timescales.Rule{ID: timescales.SeriousIncidentNotice, Name: "Notification", Anchor: "aware",
		Target: "notified", Bound: timescales.Bound{N: 3, Unit: timescales.WorkingDays}, Statutory: true,
		Citation: timescales.Citation{Edition: "Anytown procedures 2019"}})
	if err != nil {
		t.Fatal(err)
	}
	if dl, err := local.Deadline(cal, timescales.SeriousIncidentNotice, d(2018, 6, 29)); err != nil || dl.Edition != 2018 || dl.Due != d(2018, 7, 4) {
		t.Errorf("local notification on 29 June 2018: edition %d due %s, %v; want 2018, Wed 4 July", dl.Edition, dl.Due, err)
	}
}
