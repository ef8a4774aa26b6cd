package safeguarding_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"strings"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
	"github.com/workingtogether/safeguarding/timescales"
)

// Example is the README's five-minute tour: the calendar, the rulebook and
// one case. The README shows this function's body and output, and
// TestReadmeTour fails when they differ.
func Example() {
	// 1. The calendar. Deadlines are civil dates, counted in working days of
	// England and Wales: "any day which is not a Saturday, Sunday, or bank
	// holiday". A referral on Thursday 28 March 2024 must be decided within
	// one working day; Good Friday and Easter Monday intervene.
	cal := holidays.EnglandAndWales()
	referral := holidays.Date{Year: 2024, Month: 3, Day: 28}
	due, err := cal.AddWorkdays(referral, 1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("1.", referral, "+ 1 working day =", due.Weekday(), due)

	// 2. The rulebook. Every timescale is data with its edition and
	// paragraph; the edition in force on the anchor date applies.
	book := timescales.National()
	dl, err := book.Deadline(cal, timescales.Assessment, referral)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("2. %s: %s, due %s (Working Together %d, para %s)\n",
		dl.Rule.ID, dl.Rule.Bound, dl.Due, dl.Edition, dl.Rule.Citation.Paragraph)

	// 3. A case. Dated events go in; the stage and every deadline come out,
	// as of any date.
	c, err := pathway.New("tour")
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range []pathway.Event{
		{Type: pathway.ReferralReceived, Date: referral},
		{Type: pathway.ReferralDecision, Date: due, Outcome: pathway.OutcomeSection17Assessment},
		{Type: pathway.ChildSeen, Date: due},
		{Type: pathway.StrategyDiscussionHeld, Date: holidays.Date{Year: 2024, Month: 4, Day: 10}, Outcome: pathway.OutcomeSection47},
	} {
		if err := c.Apply(e); err != nil {
			log.Fatal(err)
		}
	}
	asOf := holidays.Date{Year: 2024, Month: 5, Day: 3}
	clocks, err := c.Deadlines(asOf)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("3. stage on", asOf, "is", c.StageAt(asOf))
	for _, k := range clocks {
		switch {
		case k.Status == pathway.NotStarted:
			fmt.Printf("   %-17s %s\n", k.Rule.ID, k.Status)
		case k.Due.IsZero(): // as soon as possible: the time taken, no due date
			fmt.Printf("   %-17s %s: %d working days\n", k.Rule.ID, k.Status, k.Elapsed)
		case k.Status.IsLate():
			fmt.Printf("   %-17s %s: due %s, %d working days late\n", k.Rule.ID, k.Status, k.Due, k.Late)
		default:
			fmt.Printf("   %-17s %s: due %s\n", k.Rule.ID, k.Status, k.Due)
		}
	}

	// 4. A refused event changes nothing and says why, as a typed error.
	err = c.Apply(pathway.Event{Type: pathway.CoreGroupMet, Date: asOf})
	var refused *pathway.TransitionError
	if errors.As(err, &refused) {
		fmt.Printf("4. %s refused in stage %s; the case still has %d events\n", refused.Event, refused.Stage, c.Len())
	}

	// 5. The log is the record: JSON out, and replayed to the same case.
	b, err := json.Marshal(c)
	if err != nil {
		log.Fatal(err)
	}
	var again pathway.Case
	if err := json.Unmarshal(b, &again); err != nil {
		log.Fatal(err)
	}
	fmt.Println("5.", len(b), "bytes of JSON; replayed stage:", again.Stage())
	// Output:
	// 1. 2024-03-28 + 1 working day = Tuesday 2024-04-02
	// 2. assessment: within 45 working days, due 2024-06-05 (Working Together 2023, para 155)
	// 3. stage on 2024-05-03 is section-47
	//    referral-decision met: due 2024-04-02
	//    child-seen        done: 0 working days
	//    assessment        open: due 2024-06-05
	//    icpc              overdue: due 2024-05-01, 2 working days late
	//    core-group-first  not-started
	//    review-first      not-started
	// 4. core-group-met refused in stage section-47; the case still has 4 events
	// 5. 273 bytes of JSON; replayed stage: section-47
}

// Example_localProtocol is the README's "A local protocol": a host tightens
// the initial conference to 10 working days (Working Together 2023, para 141:
// local protocols "be consistent with the requirements of this statutory
// guidance", so they may tighten a timescale, never loosen it). The strategy
// discussion on Thursday 26 May 2022 counts 10 working days over the jubilee
// holidays of 2 and 3 June: 27 May, 30 and 31 May, 1 June, then 6 to 10 June
// and Monday 13 June; the national 15 reach Monday 20 June, under the 2018
// edition, which was in force on the anchor date.
func Example_localProtocol() {
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
		log.Fatal(err)
	}
	cal := holidays.EnglandAndWales()
	strategy := holidays.Date{Year: 2022, Month: 5, Day: 26}
	local, err := book.Deadline(cal, timescales.ICPC, strategy)
	if err != nil {
		log.Fatal(err)
	}
	national, err := timescales.National().Deadline(cal, timescales.ICPC, strategy)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("local:   ", local.Due, "under", local.Rule.Citation)
	fmt.Println("national:", national.Due, "under", national.Rule.Citation.Edition)

	// A looser rule is refused, and the rulebook is left as it was.
	_, err = timescales.National().WithLocal(timescales.Rule{
		ID: timescales.ICPC, Name: "ICPC (lax)", Anchor: "strategy discussion", Target: "ICPC held",
		Bound:     timescales.Bound{N: 20, Unit: timescales.WorkingDays},
		Statutory: true,
		Citation:  timescales.Citation{Edition: "Laxtown procedures"},
	})
	var looser *timescales.LooserThanNationalError
	fmt.Println("refused:", errors.As(err, &looser))

	// A case judged by the local protocol.
	c, err := pathway.New("case-7", pathway.WithRulebook(book))
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range []pathway.Event{
		{Type: pathway.ReferralReceived, Date: holidays.Date{Year: 2022, Month: 5, Day: 25}},
		{Type: pathway.ReferralDecision, Date: strategy, Outcome: pathway.OutcomeStrategyDiscussion},
		{Type: pathway.StrategyDiscussionHeld, Date: strategy, Outcome: pathway.OutcomeSection47},
	} {
		if err := c.Apply(e); err != nil {
			log.Fatal(err)
		}
	}
	clocks, err := c.Deadlines(strategy)
	if err != nil {
		log.Fatal(err)
	}
	for _, k := range clocks {
		if k.Rule.ID == timescales.ICPC {
			fmt.Println("case-7: initial conference due", k.Due, "local:", k.Rule.Local)
		}
	}
	// Output:
	// local:    2022-06-13 under Anytown Safeguarding Children Partnership procedures 2024, para 4.2
	// national: 2022-06-20 under Working Together to Safeguard Children 2018
	// refused: true
	// case-7: initial conference due 2022-06-13 local: true
}

// Example_newHoliday is the README's "A newly proclaimed holiday": a host
// lays a holiday proclaimed after this release over the built-in calendar,
// from GOV.UK's feed or by hand. Here a made-up extra holiday on Monday
// 7 June 2027 moves the next working day after Friday 4 June from Monday 7
// (built in) to Tuesday 8 (from the feed, and by hand).
func Example_newHoliday() {
	// From GOV.UK's feed (https://www.gov.uk/bank-holidays.json); here a
	// hand-made one in its format.
	f := strings.NewReader(`{"england-and-wales": {"division": "england-and-wales", "events": [
		{"title": "Spring bank holiday", "date": "2027-05-31", "notes": "", "bunting": true},
		{"title": "Extra bank holiday", "date": "2027-06-07", "notes": "", "bunting": true}]}}`)
	feed, err := holidays.ParseFeed(f)
	if err != nil {
		log.Fatal(err)
	}
	fromFeed, err := holidays.EnglandAndWales().WithFeed(feed)
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range holidays.EnglandAndWales().Diff(feed) {
		fmt.Println("drift:", d)
	}

	// Or by hand.
	byHand, err := holidays.EnglandAndWales().WithHolidays([]holidays.Holiday{
		{Date: holidays.Date{Year: 2027, Month: 6, Day: 7}, Name: "Extra bank holiday"},
	})
	if err != nil {
		log.Fatal(err)
	}

	friday := holidays.Date{Year: 2027, Month: 6, Day: 4}
	for _, cal := range []*holidays.Calendar{holidays.EnglandAndWales(), fromFeed, byHand} {
		next, err := cal.NextWorkday(friday)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("next working day after", friday, "is", next)
	}

	// Cases are judged on it with pathway.New(id, pathway.WithCalendar(byHand)).
	// Output:
	// drift: 2027-06-07: feed has "Extra bank holiday", calendar has no holiday
	// next working day after 2027-06-04 is 2027-06-07
	// next working day after 2027-06-04 is 2027-06-08
	// next working day after 2027-06-04 is 2027-06-08
}
