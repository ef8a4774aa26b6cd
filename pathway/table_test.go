package pathway

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
)

// The table is complete: every event type is used; every (stage, event)
// pair lists each outcome of its type exactly once (or just NoOutcome for a
// type without outcomes), so "allowed" never depends on the outcome; every
// stage is reachable from new and has a way on.
func TestTableComplete(t *testing.T) {
	type key struct {
		s Stage
		e EventType
		o Outcome
	}
	seen := map[key]bool{}
	pairs := map[[2]uint8][]Outcome{}
	usedEvent := map[EventType]bool{}
	for _, tr := range Transitions() {
		k := key{tr.From, tr.Event, tr.Outcome}
		if seen[k] {
			t.Errorf("duplicate edge %v", tr)
		}
		seen[k] = true
		p := [2]uint8{uint8(tr.From), uint8(tr.Event)}
		pairs[p] = append(pairs[p], tr.Outcome)
		usedEvent[tr.Event] = true
		if tr.From >= numStages || tr.To >= numStages || !tr.Event.valid() {
			t.Errorf("edge %v outside the types", tr)
		}
	}
	for _, e := range EventTypes() {
		if !usedEvent[e] {
			t.Errorf("event type %s is never allowed", e)
		}
	}
	for p, got := range pairs {
		e := EventType(p[1])
		want := Outcomes(e)
		if len(want) == 0 {
			want = []Outcome{NoOutcome}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("stage %s, event %s: outcomes %v, want %v", Stage(p[0]), e, got, want)
		}
	}
	reach := map[Stage]bool{StageNew: true}
	for changed := true; changed; {
		changed = false
		for _, tr := range Transitions() {
			if reach[tr.From] && !reach[tr.To] {
				reach[tr.To], changed = true, true
			}
		}
	}
	for _, s := range Stages() {
		if !reach[s] {
			t.Errorf("stage %s is unreachable", s)
		}
		if len(Allowed(s)) == 0 {
			t.Errorf("stage %s allows nothing", s)
		}
	}
}

func TestTextRoundTrip(t *testing.T) {
	for _, s := range Stages() {
		var got Stage
		b, _ := s.MarshalText()
		if err := got.UnmarshalText(b); err != nil || got != s {
			t.Errorf("stage %s round trip: %v, %v", s, got, err)
		}
	}
	for _, e := range EventTypes() {
		var got EventType
		b, _ := e.MarshalText()
		if err := got.UnmarshalText(b); err != nil || got != e {
			t.Errorf("event %s round trip: %v, %v", e, got, err)
		}
	}
	if err := new(EventType).UnmarshalText([]byte("nope")); err == nil {
		t.Error("unknown event type accepted")
	}
}

// A refused event names the stage, the event and what is allowed, and leaves
// the case exactly as it was.
func TestRejectedEvents(t *testing.T) {
	base := func() *Case {
		return build(t, "r", d(2012, 5, 4),
			Event{Type: ReferralReceived, Date: d(2024, 3, 28)},
			Event{Type: ReferralDecision, Date: d(2024, 4, 2), Outcome: OutcomeSection17Assessment},
		)
	}
	tests := []struct {
		name string
		e    Event
		want string
		as   any
	}{
		{"not allowed", Event{Type: InitialConferenceHeld, Date: d(2024, 4, 3), Outcome: OutcomePlan, Category: CategoryNeglect},
			"pathway: event 2: initial-conference (plan) is not allowed in stage awaiting-assessment; allowed: immediate-protection-taken, assessment-started, strategy-discussion, case-closed, child-seen, child-born, child-died, transferred-out, care-proceedings-issued", new(*TransitionError)},
		{"before last", Event{Type: AssessmentStarted, Date: d(2024, 4, 1)},
			"pathway: event 2: assessment-started dated 2024-04-01 is before the last event, dated 2024-04-02", new(*OrderError)},
		{"missing outcome", Event{Type: StrategyDiscussionHeld, Date: d(2024, 4, 3)},
			`pathway: event 2 (strategy-discussion): field "outcome": missing; want one of section-47, no-section-47`, new(*EventError)},
		{"wrong outcome", Event{Type: StrategyDiscussionHeld, Date: d(2024, 4, 3), Outcome: OutcomePlan},
			`pathway: event 2 (strategy-discussion): field "outcome": plan is not one of section-47, no-section-47`, new(*EventError)},
		{"outside calendar", Event{Type: AssessmentStarted, Date: d(2100, 1, 4)},
			`pathway: event 2 (assessment-started): field "date": holidays: 2100-01-04 is outside the supported range 1978-01-01 to 2099-12-31`, new(*holidays.RangeError)},
		{"invalid date", Event{Type: AssessmentStarted, Date: d(2025, 2, 29)},
			`pathway: event 2 (assessment-started): field "date": holidays: 2025-02-29 is not a valid date`, new(*holidays.InvalidDateError)},
		{"no type", Event{Date: d(2025, 2, 28)}, `pathway: event 2: field "type": unknown event type 0`, new(*EventError)},
		{"no date", Event{Type: AssessmentStarted}, `pathway: event 2 (assessment-started): field "date": missing`, new(*EventError)},
		{"stray category", Event{Type: AssessmentStarted, Date: d(2024, 4, 3), Category: CategoryNeglect},
			`pathway: event 2 (assessment-started): field "category": allowed only when a conference makes a plan`, new(*EventError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base()
			before := c.Clone()
			err := c.Apply(tt.e)
			if err == nil {
				t.Fatal("Apply succeeded")
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got %s\nwant %s", err, tt.want)
			}
			if !errors.As(err, tt.as) {
				t.Errorf("error %T is not %T", err, tt.as)
			}
			if diff := cmp.Diff(before, c, caseComparer()); diff != "" {
				t.Errorf("case changed (-before +after):\n%s", diff)
			}
		})
	}
}

func TestMovedAwayNeedsReceivingConference(t *testing.T) {
	c := build(t, "m", holidays.Date{},
		Event{Type: TransferInNotified, Date: d(2024, 1, 8)},
		Event{Type: TransferInConferenceHeld, Date: d(2024, 1, 15), Outcome: OutcomePlan, Category: CategoryMultiple},
	)
	err := c.Apply(Event{Type: PlanEnded, Date: d(2024, 5, 1), Outcome: OutcomeMovedAway})
	if err == nil || !strings.Contains(err.Error(), `"receiving_conference": missing`) {
		t.Fatalf("got %v", err)
	}
	err = c.Apply(Event{Type: PlanEnded, Date: d(2024, 5, 1), Outcome: OutcomeMovedAway, ReceivingConference: d(2024, 5, 2)})
	if err == nil || !strings.Contains(err.Error(), "after the plan ended") {
		t.Fatalf("got %v", err)
	}
	err = c.Apply(Event{Type: PlanEnded, Date: d(2024, 5, 1), Outcome: OutcomeReached18})
	if err == nil || !strings.Contains(err.Error(), "birth date") {
		t.Fatalf("got %v", err)
	}
	if err := c.Apply(Event{Type: PlanEnded, Date: d(2024, 5, 1), Outcome: OutcomeMovedAway, ReceivingConference: d(2024, 4, 30)}); err != nil {
		t.Fatal(err)
	}
	if c.Stage() != StageClosed {
		t.Errorf("stage %s", c.Stage())
	}
}

func TestEditionBeforeOldest(t *testing.T) {
	c := build(t, "old", holidays.Date{})
	err := c.Apply(Event{Type: ReferralReceived, Date: d(2010, 1, 4)})
	if err == nil || !strings.Contains(err.Error(), "no edition in force on 2010-01-04") {
		t.Fatalf("got %v", err)
	}
	if c.Len() != 0 {
		t.Error("case changed")
	}
}

// Editions: a case is judged by the guidance of its day.
func TestEditionOfTheDay(t *testing.T) {
	c := build(t, "2019", holidays.Date{}, Event{Type: ReferralReceived, Date: d(2019, 6, 3)})
	got, err := c.Deadlines(d(2019, 6, 3))
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Edition != 2018 || !strings.Contains(got[0].Rule.Citation.Edition, "2018") {
		t.Errorf("edition %d, citation %v", got[0].Edition, got[0].Rule.Citation)
	}
}

func TestMermaidStable(t *testing.T) {
	a, b := Mermaid(), Mermaid()
	if a != b || !strings.HasPrefix(a, "stateDiagram-v2\n") {
		t.Fatalf("unstable or malformed:\n%s", a)
	}
	for _, tr := range Transitions() {
		if !strings.Contains(a, tr.Event.String()) {
			t.Errorf("diagram lacks %s", tr.Event)
		}
	}
}

func TestZeroCase(t *testing.T) {
	var c Case
	if err := c.Apply(Event{Type: ReferralReceived, Date: d(2024, 3, 28)}); err != nil {
		t.Fatal(err)
	}
	got, err := c.Deadlines(d(2024, 3, 28))
	if err != nil || len(got) != 1 || got[0].Due != d(2024, 4, 2) {
		t.Fatalf("got %+v, %v", got, err)
	}
	if _, err := c.Deadlines(d(1900, 1, 1)); err == nil {
		t.Error("as-of outside the calendar accepted")
	}
}

func TestDecoderLine(t *testing.T) {
	in := "\n" + `{"id":"a","events":[]}` + "\n\n" + `{"id":"b","events":[]}`
	dec := NewDecoder(strings.NewReader(in))
	for _, want := range []int{2, 4} {
		if _, err := dec.Decode(); err != nil {
			t.Fatal(err)
		}
		if dec.Line() != want {
			t.Errorf("Line() = %d, want %d", dec.Line(), want)
		}
	}
}

// Many emergency actions on a plan, each awaiting its strategy discussion,
// do not stop the plan from ending.
func TestManyOpenClocksSettle(t *testing.T) {
	c := build(t, "many", holidays.Date{},
		Event{Type: TransferInNotified, Date: d(2024, 1, 8)},
		Event{Type: TransferInConferenceHeld, Date: d(2024, 1, 15), Outcome: OutcomePlan, Category: CategoryMultiple},
	)
	for i := range 20 {
		if err := c.Apply(Event{Type: ImmediateProtectionTaken, Date: d(2024, 2, 1+i), Outcome: OutcomeSingleAgency}); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Apply(Event{Type: ChildDied, Date: d(2024, 3, 1)}); err != nil {
		t.Fatal(err)
	}
	got, err := c.Deadlines(d(2024, 3, 1))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range got {
		if k.Status == Open {
			t.Errorf("clock %s still open after the case closed", k.Rule.ID)
		}
	}
}

// A conference cannot make a plan for someone already 18.
func TestPlanForAdultRefused(t *testing.T) {
	c := build(t, "adult", d(1995, 6, 1), Event{Type: TransferInNotified, Date: d(2014, 1, 6)})
	err := c.Apply(Event{Type: TransferInConferenceHeld, Date: d(2014, 1, 10), Outcome: OutcomePlan, Category: CategoryNeglect})
	var adult *AdultError
	if !errors.As(err, &adult) || adult.Birthday != d(2013, 6, 1) {
		t.Fatalf("got %v", err)
	}
	want := `pathway: event 1 (transfer-in-conference): field "date": the child turned 18 on 2013-06-01, before this plan could start`
	if err.Error() != want {
		t.Errorf("got  %s\nwant %s", err, want)
	}
	if c.Len() != 1 {
		t.Error("case changed")
	}
}

// Clock effects are data: every rule a case tracks has a row that starts it
// and a row that settles it; every rule a row names is tracked; every row
// on which the case leaves the pathway withdraws every clock.
func TestEffectsTable(t *testing.T) {
	started, settled, named := map[timescales.RuleID]bool{}, map[timescales.RuleID]bool{}, map[timescales.RuleID]bool{}
	for _, tr := range Transitions() {
		leaves := false
		for _, e := range tr.Effects {
			switch {
			case e.Kind == Starts:
				started[e.Rule] = true
			case e.Kind == Settles:
				settled[e.Rule] = true
			case e.Kind == Withdraws && e.Rule == "":
				leaves = true
			}
			if e.Rule != "" {
				named[e.Rule] = true
			}
			if e.Kind == 0 || e.Kind >= numEffectKinds || (e.Rule == "" && e.Kind != Withdraws) {
				t.Errorf("%v: malformed effect %+v", tr, e)
			}
		}
		if tr.To == StageClosed && tr.From != StageClosed && !leaves {
			t.Errorf("%v closes the case without withdrawing its clocks", tr)
		}
	}
	for _, r := range pathwayRules {
		if !started[r] || !settled[r] {
			t.Errorf("rule %s: started %v, settled %v; want both", r, started[r], settled[r])
		}
		delete(named, r)
	}
	for r := range named {
		t.Errorf("the table names rule %s, which pathwayRules does not track", r)
	}
}

// transition returns the table's transition event e with outcome o takes
// from s.
func transition(s Stage, e EventType, o Outcome) (*Transition, bool) {
	for i := range transitions {
		if t := &transitions[i]; t.From == s && t.Event == e && t.Outcome == o {
			return t, true
		}
	}
	return nil, false
}

// Listing the table shows each edge's effects.
func TestTransitionString(t *testing.T) {
	tr, ok := transition(StageReferred, ReferralDecision, OutcomeImmediateProtection)
	if !ok {
		t.Fatal("no edge")
	}
	want := "referred --referral-decision(immediate-protection)--> immediate-protection " +
		"[settles referral-decision; starts child-seen from event; starts assessment from referral; starts immediate-protection from referral]"
	if got := tr.String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	tr, _ = transition(StageSection47, ChildDied, NoOutcome)
	if got, want := tr.String(), "section-47 --child-died--> closed [withdraws every clock]"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// The copy is the caller's own: changing it leaves the table alone.
	all := Transitions()
	for i := range all {
		if len(all[i].Effects) > 0 {
			all[i].Effects[0].Rule = "changed"
		}
	}
	if tr2, _ := transition(StageReferred, ReferralDecision, OutcomeImmediateProtection); tr2.Effects[0].Rule != timescales.ReferralDecision {
		t.Error("Transitions handed out the table's own effects")
	}
}

// Each step Apply takes is its transition: the same stage reached, the
// same starts in order, and the same other effects in order.
func TestStepsMatchTransitions(t *testing.T) {
	n := 0
	for _, tr := range transitions {
		st, ok := edge(tr.From, tr.Event, tr.Outcome)
		if !ok {
			t.Fatalf("%v: no step", tr)
		}
		n++
		var starts []opening
		var stops []stopping
		for _, ef := range tr.Effects {
			if ef.Kind == Starts {
				starts = append(starts, opening{refs[ef.Rule], ef.Anchor})
			} else {
				stops = append(stops, stopping{ef.Kind, refs[ef.Rule], ef.Rule == ""})
			}
		}
		if st.to != tr.To || st.outcome != tr.Outcome || !slices.Equal(st.starts, starts) || !slices.Equal(st.stops, stops) {
			t.Errorf("%v: step %+v", tr, *st)
		}
	}
	steps := 0
	for s := range index.steps {
		for e := range index.steps[s] {
			steps += len(index.steps[s][e])
		}
	}
	if steps != n {
		t.Errorf("%d steps for %d transitions", steps, n)
	}
}

// Emergency action may record the power used; no other event may. The JSON
// format carries it and reads back what it wrote.
func TestPowerField(t *testing.T) {
	c := build(t, "power", holidays.Date{},
		Event{Type: ReferralReceived, Date: d(2024, 7, 5)},
		Event{Type: ReferralDecision, Date: d(2024, 7, 5), Outcome: OutcomeImmediateProtection},
		Event{Type: ImmediateProtectionTaken, Date: d(2024, 7, 5), Outcome: OutcomeSingleAgency, Power: PolicePowers},
	)
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"outcome":"single-agency","power":"police-protection"`) {
		t.Errorf("JSON lacks the power: %s", b)
	}
	var back Case
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(c.Events(), back.Events()); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	err = c.Apply(Event{Type: StrategyDiscussionHeld, Date: d(2024, 7, 8), Outcome: OutcomeSection47, Power: EmergencyProtectionOrder})
	want := `pathway: event 3 (strategy-discussion): field "power": allowed only when immediate protection is taken`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
	err = new(Event).UnmarshalJSON([]byte(`{"type":"immediate-protection-taken","date":"2024-07-05","outcome":"planned","power":"epo"}`))
	if err == nil || !strings.Contains(err.Error(), `field "power"`) || !strings.Contains(err.Error(), "emergency-protection-order") {
		t.Errorf("unknown power: %v", err)
	}
}
