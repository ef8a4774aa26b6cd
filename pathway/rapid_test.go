package pathway

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
	"pgregory.net/rapid"
)

// modelNext is the naive model of the table: a linear search of the edges.
func modelNext(s Stage, e Event) (Stage, bool) {
	for _, tr := range Transitions() {
		if tr.From == s && tr.Event == e.Type && tr.Outcome == e.Outcome {
			return tr.To, true
		}
	}
	return s, false
}

// drawEvent draws a dated event after last, mostly one the stage allows and
// well formed; well reports whether it was drawn well formed.
func drawEvent(t *rapid.T, stage Stage, last holidays.Date) (e Event, well bool) {
	well = true
	types := Allowed(stage)
	if rapid.IntRange(0, 9).Draw(t, "anyType") == 0 {
		types = EventTypes()
	}
	e.Type = rapid.SampledFrom(types).Draw(t, "type")
	gap := rapid.IntRange(0, 60).Draw(t, "days")
	if rapid.IntRange(0, 19).Draw(t, "backwards") == 0 {
		gap, well = -rapid.IntRange(1, 5).Draw(t, "back"), false
	}
	e.Date = last.AddDays(gap)
	if os := Outcomes(e.Type); len(os) > 0 {
		e.Outcome = rapid.SampledFrom(os).Draw(t, "outcome")
	}
	if rapid.IntRange(0, 29).Draw(t, "badOutcome") == 0 {
		e.Outcome, well = Outcome(rapid.IntRange(0, int(numOutcomes)).Draw(t, "outcomeAny")), false
	}
	if hasCategory(e.Type) && e.Outcome == OutcomePlan {
		e.Category = Category(rapid.IntRange(1, int(numCategories)-1).Draw(t, "category"))
	}
	if e.Type == PlanEnded && e.Outcome == OutcomeMovedAway {
		e.ReceivingConference = e.Date.AddDays(-rapid.IntRange(0, 10).Draw(t, "receivingBefore"))
	}
	if e.Type == ImmediateProtectionTaken {
		e.Power = Power(rapid.IntRange(0, int(numPowers)-1).Draw(t, "power"))
	}
	if e.Type == CaseClosed {
		e.Closure = Closure(rapid.IntRange(0, int(numClosures)-1).Draw(t, "closure"))
	}
	if rapid.IntRange(0, 29).Draw(t, "badClosure") == 0 {
		// A closure on another event type, or one beyond the census's.
		e.Closure = Closure(rapid.IntRange(1, int(numClosures)).Draw(t, "closureAny"))
		well = well && e.Type == CaseClosed && e.Closure < numClosures
	}
	if rapid.IntRange(0, 3).Draw(t, "hasReason") == 0 {
		e.Reason = rapid.SampledFrom([]string{"awaiting medical", "family unavailable", "«chair» ill"}).Draw(t, "reason")
	}
	return e, well
}

func checkInvariants(t *rapid.T, c *Case, model Stage) {
	if got := c.Stage(); got != model || got >= numStages {
		t.Fatalf("stage %s, model %s", got, model)
	}
	checkRoundTrips(t, c)
	if c.Len() == 0 {
		return
	}
	evs := c.Events()
	if c.Stage() == StageClosed {
		checkClosed(t, c, evs[len(evs)-1].Date)
	}
	asOfs := []holidays.Date{evs[0].Date, evs[len(evs)-1].Date, evs[len(evs)-1].Date.AddDays(30), evs[len(evs)/2].Date}
	for _, asOf := range asOfs {
		checkDeadlineOrder(t, c, asOf)
	}
}

// checkRoundTrips: replaying the log, and a JSON round trip, give the case.
func checkRoundTrips(t *rapid.T, c *Case) {
	r, err := Replay(c.Log())
	if err != nil {
		t.Fatalf("replay: %v", err)
	}
	if diff := cmp.Diff(c, r, caseComparer()); diff != "" {
		t.Fatalf("replay differs (-incremental +replayed):\n%s", diff)
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	var back Case
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("unmarshal %s: %v", b, err)
	}
	if diff := cmp.Diff(c, &back, caseComparer()); diff != "" {
		t.Fatalf("JSON round trip differs (-want +got):\n%s", diff)
	}
}

// checkClosed: no clock is open after the case has left on closedOn: each
// was settled, withdrawn or waived by then.
func checkClosed(t *rapid.T, c *Case, closedOn holidays.Date) {
	if c.running != [len(pathwayRules)]int32{} {
		t.Fatalf("closed case still indexes running clocks %v", c.running)
	}
	cs, err := c.Deadlines(closedOn)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range cs {
		if k.Status == Open || k.Status == Overdue || k.Status == NotStarted {
			t.Fatalf("closed case has clock %s %s", k.Rule.ID, k.Status)
		}
	}
}

// checkDeadlineOrder: as of asOf, no started clock is due or done before its
// anchor, or anchored after asOf, and only a late one counts days late.
func checkDeadlineOrder(t *rapid.T, c *Case, asOf holidays.Date) {
	cs, err := c.Deadlines(asOf)
	if err != nil {
		t.Fatalf("Deadlines(%s): %v", asOf, err)
	}
	for _, k := range cs {
		if k.Status == NotStarted {
			continue
		}
		ageBound := k.Rule.Bound.Unit == timescales.YearsOfAge
		if !k.Due.IsZero() && k.Due.Before(k.Anchor) {
			t.Fatalf("%s due %s before its anchor %s", k.Rule.ID, k.Due, k.Anchor)
		}
		if !ageBound && !k.Done.IsZero() && k.Done.Before(k.Anchor) {
			t.Fatalf("%s done %s before its anchor %s", k.Rule.ID, k.Done, k.Anchor)
		}
		if !ageBound && k.Anchor.After(asOf) {
			t.Fatalf("%s anchored %s after as-of %s", k.Rule.ID, k.Anchor, asOf)
		}
		if (k.Late > 0) != (k.Status.IsLate() && k.Late > 0) || k.Late < 0 {
			t.Fatalf("%s late %d with status %s", k.Rule.ID, k.Late, k.Status)
		}
	}
}

// Random dated event sequences: the case stays on the table, a refused
// event changes nothing, replaying the log and a JSON round trip give the
// same case as the events applied one by one, no clock is open after the
// case has left, and no deadline precedes its anchor.
func TestCaseStateMachine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var birth holidays.Date
		if rapid.Bool().Draw(t, "hasBirth") {
			birth = d(rapid.IntRange(1990, 2024).Draw(t, "birthYear"), 2, rapid.IntRange(1, 29).Draw(t, "birthDay"))
			if !birth.IsValid() {
				birth = birth.AddDays(-1)
				birth = d(birth.Year, 2, 28)
			}
		}
		c, err := New("rapid", WithBirthDate(birth))
		if err != nil {
			t.Fatal(err)
		}
		model := StageNew
		last := d(rapid.IntRange(2014, 2030).Draw(t, "year"), 1, rapid.IntRange(1, 28).Draw(t, "day"))
		t.Repeat(map[string]func(*rapid.T){
			"apply": func(t *rapid.T) {
				e, well := drawEvent(t, model, last)
				before := c.Clone()
				err := c.Apply(e)
				to, allowed := modelNext(model, e)
				if err != nil {
					if diff := cmp.Diff(before, c, caseComparer()); diff != "" {
						t.Fatalf("refused event %+v (%v) changed the case (-before +after):\n%s", e, err, diff)
					}
					var adult *AdultError
					needsBirth := e.Type == PlanEnded && e.Outcome == OutcomeReached18 && before.BirthDate().IsZero()
					bornTwice := e.Type == ChildBorn && !before.BirthDate().IsZero()
					if well && allowed && !needsBirth && !bornTwice && !errors.As(err, &adult) {
						t.Fatalf("well-formed allowed event %+v in %s refused: %v", e, model, err)
					}
					return
				}
				if !allowed {
					t.Fatalf("event %+v accepted in %s but not in the table", e, model)
				}
				model, last = to, e.Date
			},
			"asOf": func(t *rapid.T) {
				asOf := last.AddDays(-rapid.IntRange(0, 400).Draw(t, "ago"))
				want := StageNew
				for i, e := range c.Events() {
					if !e.Date.After(asOf) {
						want = c.log[i].stage
					}
				}
				if got := c.StageAt(asOf); got != want {
					t.Fatalf("StageAt(%s) = %s, want %s", asOf, got, want)
				}
			},
			"": func(t *rapid.T) { checkInvariants(t, c, model) },
		})
	})
}

// Cases replayed in parallel do not interfere (run with -race).
func TestParallelCases(t *testing.T) {
	logs := make([]Log, 64)
	for i := range logs {
		logs[i] = typicalLog(i)
	}
	want := make([][]Clock, len(logs))
	for i, l := range logs {
		c, err := Replay(l)
		if err != nil {
			t.Fatal(err)
		}
		want[i], _ = c.Deadlines(d(2025, 1, 1))
	}
	t.Run("group", func(t *testing.T) {
		for i := range logs {
			t.Run("", func(t *testing.T) {
				t.Parallel()
				c, err := Replay(logs[i])
				if err != nil {
					t.Error(err)
					return
				}
				got, _ := c.Deadlines(d(2025, 1, 1))
				if !slices.EqualFunc(got, want[i], func(a, b Clock) bool { return cmp.Equal(a, b) }) {
					t.Error("differs")
				}
			})
		}
	})
}

// insertAt returns events with e inserted before index i.
func insertAt(events []Event, i int, e Event) []Event {
	return slices.Insert(slices.Clone(events), i, e)
}

// datedSlots returns the indexes at which an event dated on can be inserted
// into events without breaking their date order: with ties, several.
func datedSlots(events []Event, on holidays.Date) []int {
	var out []int
	for i := 0; i <= len(events); i++ {
		if (i == 0 || !events[i-1].Date.After(on)) && (i == len(events) || !on.After(events[i].Date)) {
			out = append(out, i)
		}
	}
	return out
}

// The same dated facts give the same verdicts in every order the table lets
// them be recorded. A child protection route is drawn with many events on
// the same day; the assessment's conclusion and the child seen are then
// recorded at every place in the log their dates allow (para 155: the
// 45-day clock settles on the assessment's own conclusion, wherever it is
// recorded). Every order the table accepts gives the same deadlines.
func TestSameFactsAnyOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		at := d(2024, 1, 8)
		gap := func(label string) holidays.Date {
			if rapid.Bool().Draw(t, label+"SameDay") {
				return at
			}
			at = at.AddDays(rapid.IntRange(1, 25).Draw(t, label))
			return at
		}
		route := []Event{{Type: ReferralReceived, Date: at}}
		if rapid.Bool().Draw(t, "assessFirst") {
			route = append(route,
				Event{Type: ReferralDecision, Date: gap("decision"), Outcome: OutcomeSection17Assessment},
				Event{Type: AssessmentStarted, Date: gap("started")})
		} else {
			route = append(route, Event{Type: ReferralDecision, Date: gap("decision"), Outcome: OutcomeStrategyDiscussion})
		}
		decided := at
		route = append(route, Event{Type: StrategyDiscussionHeld, Date: gap("strategy"), Outcome: OutcomeSection47})
		// An assessment concludes once under way: after it started, or,
		// with none started first, during the enquiry.
		assessing := route[len(route)-1].Date
		if route[2].Type == AssessmentStarted {
			assessing = route[2].Date
		}
		route = append(route,
			Event{Type: Section47Concluded, Date: gap("concluded"), Outcome: OutcomeSubstantiated},
			Event{Type: InitialConferenceHeld, Date: gap("conference"), Outcome: OutcomePlan, Category: CategoryNeglect},
			Event{Type: CoreGroupMet, Date: gap("core")},
		)
		last := at
		span := last.DaysSince(decided)
		concluded := assessing.AddDays(rapid.IntRange(0, last.DaysSince(assessing)).Draw(t, "assessmentConcluded"))
		seen := decided.AddDays(rapid.IntRange(0, span).Draw(t, "childSeen"))
		asOf := last.AddDays(rapid.IntRange(0, 200).Draw(t, "asOf"))

		var want []row
		orders := 0
		for _, i := range datedSlots(route, concluded) {
			withConclusion := insertAt(route, i, Event{Type: AssessmentConcluded, Date: concluded, Outcome: OutcomeStrategyDiscussion})
			for _, j := range datedSlots(withConclusion, seen) {
				events := insertAt(withConclusion, j, Event{Type: ChildSeen, Date: seen})
				c, err := Replay(Log{ID: "order", Events: events})
				if err != nil {
					continue // an order the table does not allow
				}
				got, err := c.Deadlines(asOf)
				if err != nil {
					t.Fatal(err)
				}
				orders++
				if want == nil {
					want = rows(got)
					continue
				}
				if diff := cmp.Diff(want, rows(got)); diff != "" {
					t.Fatalf("order %v gives other verdicts (-first +this):\n%s", events, diff)
				}
			}
		}
		if orders == 0 {
			t.Fatalf("no order of %v with the conclusion on %s and the child seen on %s was allowed", route, concluded, seen)
		}
	})
}
