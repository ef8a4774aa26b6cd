package pathway

import (
	"bytes"
	"fmt"

	"github.com/workingtogether/safeguarding/holidays"
)

// An Event is one dated entry in a case's log. Which fields an event carries
// depends on its Type:
//
//   - Outcome: the decision of a referral-decision (JSON "decision"), the
//     ground of a plan-ended (JSON "ground"), or the outcome of an
//     immediate-protection-taken (single-agency or planned),
//     assessment-concluded, strategy-discussion, section-47-concluded,
//     initial-conference, review-conference or transfer-in-conference (JSON
//     "outcome"). Required for those types, not allowed for the others.
//   - Category: required when an initial-conference or transfer-in-conference
//     makes a plan; not allowed otherwise.
//   - ReceivingConference: required when a plan ends because the child moved
//     away: the day the receiving area held its conference, which must not be
//     after the event (the guidance lets the original area end its plan only
//     after that conference). Not allowed otherwise.
//   - Power: the power an immediate-protection-taken used, if recorded
//     (JSON "power"): police protection or an emergency protection order.
//     Optional there; not allowed otherwise.
//   - Closure: why a case-closed closed the case, if recorded (JSON
//     "closure"), as the children in need census codes it ([Closure]).
//     Optional there (absent means not recorded); not allowed otherwise.
//   - Reason: the recorded reason for lateness, on any event. It is kept with
//     every verdict the event settles (paragraph 155 wants one when an
//     assessment exceeds 45 working days).
//
// Event is comparable with ==.
type Event struct {
	Type                EventType
	Date                holidays.Date
	Outcome             Outcome
	Category            Category
	Power               Power
	Closure             Closure
	ReceivingConference holidays.Date
	Reason              string
}

// outcomeKey returns the JSON name under which type t carries its outcome.
func outcomeKey(t EventType) string {
	switch t {
	case ReferralDecision:
		return "decision"
	case PlanEnded:
		return "ground"
	}
	return "outcome"
}

func hasCategory(t EventType) bool {
	return t == InitialConferenceHeld || t == TransferInConferenceHeld
}

// validate checks the event's fields against its type, without the case.
// It and checkFields take the event by pointer: an event is large, and
// every event a host applies is validated.
func (e *Event) validate(index int) error {
	if !e.Type.valid() {
		return e.fault(index, "type", fmt.Sprintf("unknown event type %d", uint8(e.Type)), nil)
	}
	// The zero Date is not valid: a valid date, the usual case, is through
	// after one test, and only an invalid one is asked whether it is zero.
	if !e.Date.IsValid() {
		if e.Date.IsZero() {
			return e.fault(index, "date", "missing", nil)
		}
		return e.fault(index, "date", "", &holidays.InvalidDateError{Date: e.Date})
	}
	switch has := hasOutcome(e.Type); {
	case has && e.Outcome == NoOutcome:
		return e.fault(index, outcomeKey(e.Type), "missing; want one of "+outcomeList(e.Type), nil)
	case has && !outcomeOf(e.Type, e.Outcome):
		return e.fault(index, outcomeKey(e.Type), fmt.Sprintf("%s is not one of %s", e.Outcome, outcomeList(e.Type)), nil)
	case !has && e.Outcome != NoOutcome:
		return e.fault(index, outcomeKey(e.Type), "not allowed for this event type", nil)
	}
	// Most events carry none of the fields checkFields checks, and need
	// none: they are through after one test here, without the call.
	if e.Category == NoCategory && e.Power == NoPower && e.Closure == NoClosure &&
		e.ReceivingConference.IsZero() && !e.needsCategory() && !e.needsReceiving() {
		return nil
	}
	if field, msg, err := e.checkFields(); field != "" {
		return e.fault(index, field, msg, err)
	}
	return nil
}

// needsCategory reports whether the event makes a plan, which is made
// under a category.
func (e *Event) needsCategory() bool { return hasCategory(e.Type) && e.Outcome == OutcomePlan }

// needsReceiving reports whether the event ends a plan because the child
// moved away, which needs the receiving area's conference.
func (e *Event) needsReceiving() bool { return e.Type == PlanEnded && e.Outcome == OutcomeMovedAway }

// fault is validate's error for the event at index. A method rather than a
// closure in validate, and the field names worked out only for a fault, so
// that a valid event, the usual case, costs neither.
func (e *Event) fault(index int, field, msg string, err error) error {
	return &EventError{Index: index, Event: e.Type, Field: field, Message: msg, Err: err}
}

// checkFields checks the fields beyond the type, date and outcome, returning
// the JSON name of the first at fault, or "".
func (e *Event) checkFields() (field, msg string, err error) {
	needsCategory, needsReceiving := e.needsCategory(), e.needsReceiving()
	if e.Category >= numCategories {
		return "category", fmt.Sprintf("unknown category %d", uint8(e.Category)), nil
	}
	switch {
	case e.Power >= numPowers:
		return "power", fmt.Sprintf("unknown power %d", uint8(e.Power)), nil
	case e.Power != NoPower && e.Type != ImmediateProtectionTaken:
		return "power", "allowed only when immediate protection is taken", nil
	case e.Closure >= numClosures:
		return "closure", fmt.Sprintf("unknown closure %d", uint8(e.Closure)), nil
	case e.Closure != NoClosure && e.Type != CaseClosed:
		return "closure", "allowed only when a case is closed", nil
	}
	switch {
	case needsCategory && e.Category == NoCategory:
		return "category", "missing: a plan is made under a category", nil
	case !needsCategory && e.Category != NoCategory:
		return "category", "allowed only when a conference makes a plan", nil
	}
	switch {
	case needsReceiving && e.ReceivingConference.IsZero():
		return "receiving_conference", "missing: the plan may end only after the receiving area's conference", nil
	case needsReceiving && !e.ReceivingConference.IsValid():
		return "receiving_conference", "", &holidays.InvalidDateError{Date: e.ReceivingConference}
	case needsReceiving && e.ReceivingConference.After(e.Date):
		return "receiving_conference", fmt.Sprintf("%s is after the plan ended: the plan may end only after the receiving area's conference", e.ReceivingConference), nil
	case !needsReceiving && !e.ReceivingConference.IsZero():
		return "receiving_conference", "allowed only when a plan ends because the child moved away", nil
	}
	return "", "", nil
}

func outcomeList(t EventType) string {
	var b bytes.Buffer
	for i, o := range Outcomes(t) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(o.String())
	}
	return b.String()
}
