package safeguarding_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"log"

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
	//    assessment        open: due 2024-06-05
	//    icpc              overdue: due 2024-05-01, 2 working days late
	//    core-group-first  not-started
	//    review-first      not-started
	// 4. core-group-met refused in stage section-47; the case still has 3 events
	// 5. 231 bytes of JSON; replayed stage: section-47
}
