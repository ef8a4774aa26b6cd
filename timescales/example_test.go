package timescales_test

import (
	"fmt"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
)

// An initial child protection conference is due 15 working days after the
// strategy discussion. In 2022 the spring bank holiday moved to Thursday
// 2 June and Friday 3 June was the Platinum Jubilee holiday.
func ExampleRulebook_Deadline() {
	cal := holidays.EnglandAndWales()
	strategy := holidays.Date{Year: 2022, Month: 5, Day: 26}
	dl, err := timescales.National().Deadline(cal, timescales.ICPC, strategy)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(dl.Rule.Name, dl.Rule.Bound)
	fmt.Println("due", dl.Due.Weekday(), dl.Due)
	fmt.Println(dl.Rule.Citation.Edition)
	// Output:
	// Initial child protection conference within 15 working days
	// due Monday 2022-06-20
	// Working Together to Safeguard Children 2018
}

// An assessment must conclude within 45 working days of the referral; one
// that runs over needs its reasons recorded (paragraph 155), and the verdict
// keeps them.
func ExampleDeadline_Judge() {
	cal := holidays.EnglandAndWales()
	referral := holidays.Date{Year: 2023, Month: 12, Day: 18}
	dl, err := timescales.National().Deadline(cal, timescales.Assessment, referral)
	if err != nil {
		fmt.Println(err)
		return
	}
	concluded := holidays.Date{Year: 2024, Month: 2, Day: 28}
	v, err := dl.Judge(cal, concluded, "father's assessment awaited from another authority")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("due", dl.Due, "para", dl.Rule.Citation.Paragraph)
	fmt.Println(v.Result, v.WorkdaysLate, "working days")
	fmt.Println("reason:", v.Reason)
	// Output:
	// due 2024-02-22 para 155
	// after-due 4 working days
	// reason: father's assessment awaited from another authority
}

// Paragraph 153 asks for the child to be seen as soon as possible once the
// referral is judged to need further assessment. There is no due date: the
// verdict reports the working days taken. Decided Thu 28 Mar 2024, seen
// Wed 3 Apr: Good Friday and Easter Monday intervene, so Tue 2 Apr (1) and
// Wed 3 Apr (2).
func ExampleDeadline_Judge_childSeen() {
	cal := holidays.EnglandAndWales()
	decided := holidays.Date{Year: 2024, Month: 3, Day: 28}
	dl, err := timescales.National().Deadline(cal, timescales.ChildSeen, decided)
	if err != nil {
		fmt.Println(err)
		return
	}
	v, err := dl.Judge(cal, holidays.Date{Year: 2024, Month: 4, Day: 3}, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(dl.Rule.Bound, "from:", dl.Rule.Anchor)
	fmt.Println(v.Result, v.Elapsed, "working days")
	fmt.Println(dl.Rule.Citation)
	// Output:
	// as soon as possible from: decision, on the next steps after a referral, that the referral requires further assessment
	// elapsed 2 working days
	// Working Together to Safeguard Children 2023, Chapter 3: Providing help, support and protection; Section 2: Safeguarding and promoting the welfare of children; Timeliness, para 153
}

// A local protocol may tighten a national timescale: here the initial
// conference within 10 working days rather than 15.
func ExampleRulebook_WithLocal() {
	book, err := timescales.National().WithLocal(timescales.Rule{
		ID:        timescales.ICPC,
		Name:      "Initial child protection conference (Anytown protocol)",
		Anchor:    "strategy discussion at which section 47 enquiries were initiated",
		Target:    "initial child protection conference held",
		Bound:     timescales.Bound{N: 10, Unit: timescales.WorkingDays},
		Statutory: true,
		Citation:  timescales.Citation{Edition: "Anytown Safeguarding Children Partnership procedures 2024", Paragraph: "4.2"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	dl, err := book.Deadline(holidays.EnglandAndWales(), timescales.ICPC, holidays.Date{Year: 2022, Month: 5, Day: 26})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(dl.Due, dl.Rule.Local, dl.Rule.Citation)
	// Output:
	// 2022-06-13 true Anytown Safeguarding Children Partnership procedures 2024, para 4.2
}

// A local protocol may not loosen a statutory timescale.
func ExampleRulebook_WithLocal_looser() {
	_, err := timescales.National().WithLocal(timescales.Rule{
		ID:        timescales.ICPC,
		Name:      "Initial child protection conference",
		Anchor:    "strategy discussion",
		Target:    "initial child protection conference held",
		Bound:     timescales.Bound{N: 20, Unit: timescales.WorkingDays},
		Statutory: true,
		Citation:  timescales.Citation{Edition: "Anytown Safeguarding Children Partnership procedures 2024"},
	})
	fmt.Println(err)
	// Output:
	// timescales: local rule "icpc" (within 20 working days) is looser than the national bound (within 15 working days) of the 2023 edition
}

// Rules lists an edition's rules with their citations, in the order of a
// child's journey.
func ExampleRulebook_Rules() {
	rules, err := timescales.National().Rules(2023)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rules[:3] {
		fmt.Printf("%s: %s (para %s)\n", r.ID, r.Bound, r.Citation.Paragraph)
	}
	// Output:
	// referral-decision: within 1 working day (para 153)
	// child-seen: as soon as possible (para 153)
	// assessment: within 45 working days (para 155)
}

// A case is judged by the edition in force on its anchor date unless the
// host pins one; before the oldest edition there is none.
func ExampleRulebook_EditionFor() {
	book := timescales.National()
	for _, anchor := range []holidays.Date{
		{Year: 2023, Month: 12, Day: 14}, {Year: 2023, Month: 12, Day: 15},
		{Year: 2016, Month: 6, Day: 1}, {Year: 2012, Month: 1, Day: 9},
	} {
		e, err := book.EditionFor(anchor)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(anchor, e.Year)
	}
	// Output:
	// 2023-12-14 2018
	// 2023-12-15 2023
	// 2016-06-01 2015
	// timescales: no edition in force on 2012-01-09
}

// Someone born on 29 February reaches 18 on 1 March in a common year.
func ExampleBirthday() {
	fmt.Println(timescales.Birthday(holidays.Date{Year: 2008, Month: 2, Day: 29}, 18))
	// Output: 2026-03-01
}

// Calendar months follow the corresponding-date rule: three months from
// 30 November is the last day of February.
func ExampleDueDate() {
	cal := holidays.EnglandAndWales()
	for _, anchor := range []holidays.Date{{Year: 2023, Month: 11, Day: 30}, {Year: 2024, Month: 11, Day: 30}} {
		due, err := timescales.DueDate(cal, timescales.Bound{N: 3, Unit: timescales.CalendarMonths}, anchor)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(anchor, "->", due)
	}
	// Output:
	// 2023-11-30 -> 2024-02-29
	// 2024-11-30 -> 2025-02-28
}

// The duty to notify the Child Safeguarding Practice Review Panel of a
// serious incident within 5 working days applies from 29 June 2018, a few
// days before the 2018 edition itself; before it there is no such rule.
func ExampleRulebook_Deadline_seriousIncident() {
	cal := holidays.EnglandAndWales()
	book := timescales.National()
	dl, err := book.Deadline(cal, timescales.SeriousIncidentNotice, holidays.Date{Year: 2018, Month: 6, Day: 29})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("due", dl.Due.Weekday(), dl.Due, "under", dl.Rule.Citation.Edition)
	_, err = book.Deadline(cal, timescales.SeriousIncidentNotice, holidays.Date{Year: 2018, Month: 6, Day: 28})
	fmt.Println(err)
	// Output:
	// due Friday 2018-07-06 under Working Together to Safeguard Children 2018
	// timescales: edition 2015 has no rule "serious-incident-notification"
}

// A registrar supplies the particulars of a child's death to the child death
// review partners no later than seven days from registering it (chapter 6):
// calendar days, so a deadline on Christmas Day stays there, where the
// coroner's "three working days" beside it count only working days.
// Registered Mon 18 Dec 2023: + 7 days -> Mon 25 Dec. The coroner deciding
// that day: Tue 19 (1), Wed 20 (2), Thu 21 Dec (3).
func ExampleRulebook_Deadline_registrar() {
	cal := holidays.EnglandAndWales()
	day := holidays.Date{Year: 2023, Month: 12, Day: 18}
	for _, id := range []timescales.RuleID{timescales.RegistrarToChildDeathReview, timescales.CoronerToChildDeathReview} {
		dl, err := timescales.National().Deadline(cal, id, day)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(id, dl.Rule.Bound, "->", dl.Due.Weekday(), dl.Due)
	}
	// Output:
	// registrar-to-child-death-review within 7 days -> Monday 2023-12-25
	// coroner-to-child-death-review within 3 working days -> Thursday 2023-12-21
}

// Paragraph 364: the review report goes to the panel and the Secretary of
// State, and to Ofsted "within the same timescale", no later than seven
// working days before publication.
func ExampleRulebook_Deadline_ofstedCopy() {
	cal := holidays.EnglandAndWales()
	publication := holidays.Date{Year: 2024, Month: 1, Day: 2}
	dl, err := timescales.National().Deadline(cal, timescales.PracticeReviewToOfsted, publication)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(dl.Rule.Target)
	fmt.Println("by", dl.Due.Weekday(), dl.Due, "("+dl.Rule.Bound.String()+")")
	// Output:
	// report (or the information about improvements) provided to Ofsted
	// by Tuesday 2023-12-19 (7 working days before)
}

// A clock whose target has not happened is judged as of a date: here a first
// review conference due Fri 28 Feb 2025 (three months after the initial
// conference of 30 Nov 2024), still not held on Fri 7 Mar. The month bound is
// late by working days, as every bound is: Mon 3 to Fri 7 March.
func ExampleDeadline_JudgePending() {
	cal := holidays.EnglandAndWales()
	dl, err := timescales.National().Deadline(cal, timescales.ReviewFirst, holidays.Date{Year: 2024, Month: 11, Day: 30})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, asOf := range []holidays.Date{{Year: 2025, Month: 2, Day: 26}, {Year: 2025, Month: 3, Day: 7}} {
		v, err := dl.JudgePending(cal, asOf)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(asOf, v.Result, "left", v.WorkdaysLeft, "late", v.WorkdaysLate)
	}
	// Output:
	// 2025-02-26 not-yet-due left 2 late 0
	// 2025-03-07 past-due left 0 late 5
}
