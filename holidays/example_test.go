package holidays_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/workingtogether/safeguarding/holidays"
)

// Working Together's own example: a referral on Thursday 28 March 2024 must be
// acknowledged within one working day. Good Friday and Easter Monday come
// between, so the deadline is Tuesday 2 April.
func ExampleCalendar_AddWorkdays() {
	c := holidays.EnglandAndWales()
	referral := holidays.NewDate(2024, time.March, 28)
	due, err := c.AddWorkdays(referral, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(referral.Weekday(), referral, "+ 1 working day =", due.Weekday(), due)

	// "7 working days before publication" counts backwards.
	before, _ := c.AddWorkdays(due, -7)
	fmt.Println("7 working days before", due, "is", before)
	// Output:
	// Thursday 2024-03-28 + 1 working day = Tuesday 2024-04-02
	// 7 working days before 2024-04-02 is 2024-03-20
}

// Adding the 45 working days of an assessment to the referral date, then
// counting how late an assessment finished on 7 June was.
func ExampleCalendar_WorkdaysBetween() {
	c := holidays.EnglandAndWales()
	referral := holidays.NewDate(2024, time.March, 28)
	due, _ := c.AddWorkdays(referral, 45)
	done := holidays.NewDate(2024, time.June, 7)
	late, _ := c.WorkdaysBetween(due, done)
	fmt.Println("due", due, "done", done, "late by", late, "working days")

	// The other way round the count is negative.
	early, _ := c.WorkdaysBetween(done, due)
	fmt.Println(early)
	// Output:
	// due 2024-06-05 done 2024-06-07 late by 2 working days
	// -2
}

func ExampleCalendar_IsWorkday() {
	c := holidays.EnglandAndWales()
	for _, d := range []holidays.Date{
		holidays.NewDate(2022, time.September, 19), // the state funeral
		holidays.NewDate(2022, time.September, 20),
		holidays.NewDate(2022, time.September, 24), // a Saturday
	} {
		working, _ := c.IsWorkday(d)
		fmt.Println(d, d.Weekday(), working)
	}
	// Output:
	// 2022-09-19 Monday false
	// 2022-09-20 Tuesday true
	// 2022-09-24 Saturday false
}

// Christmas Day 2022 fell on a Sunday: Monday 26 is Boxing Day and Tuesday 27
// the substitute Christmas Day, as GOV.UK names them.
func ExampleCalendar_HolidayOn() {
	c := holidays.EnglandAndWales()
	for day := 25; day <= 28; day++ {
		d := holidays.NewDate(2022, time.December, day)
		h, ok, _ := c.HolidayOn(d)
		fmt.Printf("%s %-9s %v %q substitute=%v\n", d, d.Weekday(), ok, h.Name, h.Substitute)
	}
	// Output:
	// 2022-12-25 Sunday    false "" substitute=false
	// 2022-12-26 Monday    true "Boxing Day" substitute=false
	// 2022-12-27 Tuesday   true "Christmas Day" substitute=true
	// 2022-12-28 Wednesday false "" substitute=false
}

func ExampleCalendar_Holidays() {
	c := holidays.EnglandAndWales()
	hs, _ := c.Holidays(2026)
	for _, h := range hs {
		fmt.Println(h.Date, h.Date.Weekday(), h.Name, h.Substitute)
	}
	// Years after the last announced one are computed by rule.
	later, _ := c.Holidays(2030)
	fmt.Println(later[0].Date, later[0].Name, "provisional:", later[0].Provisional)
	// Output:
	// 2026-01-01 Thursday New Year’s Day false
	// 2026-04-03 Friday Good Friday false
	// 2026-04-06 Monday Easter Monday false
	// 2026-05-04 Monday Early May bank holiday false
	// 2026-05-25 Monday Spring bank holiday false
	// 2026-08-31 Monday Summer bank holiday false
	// 2026-12-25 Friday Christmas Day false
	// 2026-12-28 Monday Boxing Day true
	// 2030-01-01 New Year’s Day provisional: true
}

func ExampleCalendar_NextWorkday() {
	c := holidays.EnglandAndWales()
	goodFriday := holidays.NewDate(2024, time.March, 29)
	next, _ := c.NextWorkday(goodFriday)
	prev, _ := c.PrevWorkday(goodFriday)
	fmt.Println(prev, "<", goodFriday, "<", next)
	// Output:
	// 2024-03-28 < 2024-03-29 < 2024-04-02
}

func ExampleCalendar_PrevWorkday() {
	c := holidays.EnglandAndWales()
	newYear := holidays.NewDate(2024, time.January, 1)
	prev, _ := c.PrevWorkday(newYear)
	fmt.Println(prev, prev.Weekday())
	// Output:
	// 2023-12-29 Friday
}

// Dates outside the supported range are errors, never guesses.
func ExampleRangeError() {
	c := holidays.EnglandAndWales()
	_, err := c.AddWorkdays(holidays.NewDate(2099, time.December, 30), 5)
	fmt.Println(err)
	_, err = c.IsWorkday(holidays.NewDate(1977, time.December, 30))
	fmt.Println(err)
	// Output:
	// holidays: +5 working days from 2099-12-30 is outside the supported range 1978-01-01 to 2099-12-31
	// holidays: 1977-12-30 is outside the supported range 1978-01-01 to 2099-12-31
}

func ExampleParseDate() {
	d, err := holidays.ParseDate("2024-03-28")
	fmt.Println(d, d.Weekday(), err)
	// Output:
	// 2024-03-28 Thursday <nil>
}

// The error quotes the input and says what is wrong with it.
func ExampleParseDate_error() {
	for _, s := range []string{"2024-13-01", "2023-02-29", "28/03/2024"} {
		_, err := holidays.ParseDate(s)
		fmt.Println(err)
	}
	// Output:
	// holidays: parsing date "2024-13-01": month out of range
	// holidays: parsing date "2023-02-29": day out of range
	// holidays: parsing date "28/03/2024": want the form YYYY-MM-DD
}

// At 23:30 UTC on 30 June it is already 1 July in London (British Summer
// Time); in winter 23:30 UTC is still the same day.
func ExampleDateOf() {
	summer := time.Date(2024, time.June, 30, 23, 30, 0, 0, time.UTC)
	winter := time.Date(2024, time.December, 30, 23, 30, 0, 0, time.UTC)
	fmt.Println(holidays.DateOf(summer), holidays.DateOf(winter))
	// Output:
	// 2024-07-01 2024-12-30
}

// Calendar months follow the corresponding-date rule: the same day of the
// month, or the last day when the month is shorter.
func ExampleDate_AddMonths() {
	initial := holidays.NewDate(2023, time.November, 30)
	fmt.Println(initial.AddMonths(3)) // first review conference
	review := holidays.NewDate(2023, time.August, 31)
	fmt.Println(review.AddMonths(6)) // next review
	fmt.Println(holidays.NewDate(2024, time.August, 31).AddMonths(6))
	fmt.Println(holidays.NewDate(2024, time.March, 31).AddMonths(-1))
	// Output:
	// 2024-02-29
	// 2024-02-29
	// 2025-02-28
	// 2024-02-29
}

// A host checks the built-in calendar against GOV.UK's feed, then lays the
// feed over it. This feed is made up: it moves the 2027 spring bank holiday.
func ExampleParseFeed() {
	feed, err := holidays.ParseFeed(strings.NewReader(`{
	  "england-and-wales": {"division": "england-and-wales", "events": [
	    {"title": "Early May bank holiday", "date": "2027-05-03", "notes": "", "bunting": true},
	    {"title": "Spring bank holiday", "date": "2027-06-07", "notes": "", "bunting": true}
	  ]}
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	c := holidays.EnglandAndWales()
	for _, d := range c.Diff(feed) {
		fmt.Println(d)
	}
	updated, _ := c.WithFeed(feed)
	may31 := holidays.NewDate(2027, time.May, 31)
	before, _ := c.IsWorkday(may31)
	after, _ := updated.IsWorkday(may31)
	fmt.Println("31 May 2027 a working day:", before, "then", after)
	// Output:
	// 2027-05-31: calendar has "Spring bank holiday", feed has no holiday
	// 2027-06-07: feed has "Spring bank holiday", calendar has no holiday
	// 31 May 2027 a working day: false then true
}

// A FeedError says where in the document the fault is.
func ExampleFeedError() {
	_, err := holidays.ParseFeed(strings.NewReader(`{"england-and-wales": {"events": [
{"title": "Good Friday", "date": "2026-04-31"}]}}`))
	fmt.Println(err)
	// Output:
	// holidays: feed: england-and-wales.events[0].date: "2026-04-31": day out of range
}

// A council's Christmas shutdown is not statutory: only a calendar that asks
// for it skips those days.
func ExampleCalendar_WithClosures() {
	c := holidays.EnglandAndWales()
	local, _ := c.WithClosures([]holidays.Holiday{
		{Date: holidays.NewDate(2024, time.December, 27), Name: "Council shutdown"},
		{Date: holidays.NewDate(2024, time.December, 30), Name: "Council shutdown"},
		{Date: holidays.NewDate(2024, time.December, 31), Name: "Council shutdown"},
	})
	eve := holidays.NewDate(2024, time.December, 24)
	statutory, _ := c.AddWorkdays(eve, 1)
	council, _ := local.AddWorkdays(eve, 1)
	fmt.Println("statutory:", statutory, "council:", council)
	// Output:
	// statutory: 2024-12-27 council: 2025-01-02
}

// A holiday proclaimed after this module's release can be added by hand.
func ExampleCalendar_WithHolidays() {
	c := holidays.EnglandAndWales()
	extra := holidays.NewDate(2027, time.July, 5) // made up for the example
	updated, _ := c.WithHolidays([]holidays.Holiday{{Date: extra, Name: "Extra bank holiday"}})
	next, _ := updated.NextWorkday(holidays.NewDate(2027, time.July, 2))
	fmt.Println(next)
	// Output:
	// 2027-07-06
}

// The built-in calendar covers a fixed range; later years are provisional.
func ExampleEnglandAndWales() {
	c := holidays.EnglandAndWales()
	first, last := c.Range()
	fmt.Println(first, "to", last, "announced to", c.LastAnnouncedYear())
	// Output:
	// 1978-01-01 to 2099-12-31 announced to 2028
}
