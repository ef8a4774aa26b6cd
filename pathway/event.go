package pathway

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/workingtogether/safeguarding/holidays"
)

// An Event is one dated entry in a case's log. Which fields an event carries
// depends on its Type:
//
//   - Outcome: the decision of a referral-decision (JSON "decision"), the
//     ground of a plan-ended (JSON "ground"), or the outcome of an
//     assessment-concluded, strategy-discussion, section-47-concluded,
//     initial-conference, review-conference or transfer-in-conference (JSON
//     "outcome"). Required for those types, not allowed for the others.
//   - Category: required when an initial-conference or transfer-in-conference
//     makes a plan; not allowed otherwise.
//   - ReceivingConference: required when a plan ends because the child moved
//     away: the day the receiving area held its conference, which must not be
//     after the event (the guidance lets the original area end its plan only
//     after that conference). Not allowed otherwise.
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
func (e Event) validate(index int) error {
	fail := func(field, msg string, err error) error {
		return &EventError{Index: index, Event: e.Type, Field: field, Message: msg, Err: err}
	}
	if !e.Type.valid() {
		return fail("type", fmt.Sprintf("unknown event type %d", uint8(e.Type)), nil)
	}
	if e.Date.IsZero() {
		return fail("date", "missing", nil)
	}
	if !e.Date.IsValid() {
		return fail("date", "", &holidays.InvalidDateError{Date: e.Date})
	}
	key := outcomeKey(e.Type)
	switch {
	case hasOutcome(e.Type) && e.Outcome == NoOutcome:
		return fail(key, "missing; want one of "+outcomeList(e.Type), nil)
	case hasOutcome(e.Type) && !outcomeOf(e.Type, e.Outcome):
		return fail(key, fmt.Sprintf("%s is not one of %s", e.Outcome, outcomeList(e.Type)), nil)
	case !hasOutcome(e.Type) && e.Outcome != NoOutcome:
		return fail(key, "not allowed for this event type", nil)
	}
	if e.Category >= numCategories {
		return fail("category", fmt.Sprintf("unknown category %d", uint8(e.Category)), nil)
	}
	switch needs := hasCategory(e.Type) && e.Outcome == OutcomePlan; {
	case needs && e.Category == NoCategory:
		return fail("category", "missing: a plan is made under a category", nil)
	case !needs && e.Category != NoCategory:
		return fail("category", "allowed only when a conference makes a plan", nil)
	}
	switch needs := e.Type == PlanEnded && e.Outcome == OutcomeMovedAway; {
	case needs && e.ReceivingConference.IsZero():
		return fail("receiving_conference", "missing: the plan may end only after the receiving area's conference", nil)
	case needs && !e.ReceivingConference.IsValid():
		return fail("receiving_conference", "", &holidays.InvalidDateError{Date: e.ReceivingConference})
	case needs && e.ReceivingConference.After(e.Date):
		return fail("receiving_conference", fmt.Sprintf("%s is after the plan ended: the plan may end only after the receiving area's conference", e.ReceivingConference), nil)
	case !needs && !e.ReceivingConference.IsZero():
		return fail("receiving_conference", "allowed only when a plan ends because the child moved away", nil)
	}
	return nil
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

// MarshalJSON writes the event as an object with "type" and "date" first,
// then the fields its type carries. It fails for an event that
// [Case.Apply] would refuse on its fields alone.
func (e Event) MarshalJSON() ([]byte, error) {
	if err := e.validate(0); err != nil {
		return nil, err
	}
	return e.appendJSON(make([]byte, 0, 96)), nil
}

func (e Event) appendJSON(b []byte) []byte {
	b = append(b, `{"type":"`...)
	b = append(b, e.Type.String()...)
	b = append(b, `","date":"`...)
	b = append(b, e.Date.String()...)
	b = append(b, '"')
	if e.Outcome != NoOutcome {
		b = append(b, `,"`...)
		b = append(b, outcomeKey(e.Type)...)
		b = append(b, `":"`...)
		b = append(b, e.Outcome.String()...)
		b = append(b, '"')
	}
	if e.Category != NoCategory {
		b = append(b, `,"category":"`...)
		b = append(b, e.Category.String()...)
		b = append(b, '"')
	}
	if !e.ReceivingConference.IsZero() {
		b = append(b, `,"receiving_conference":"`...)
		b = append(b, e.ReceivingConference.String()...)
		b = append(b, '"')
	}
	if e.Reason != "" {
		b = append(b, `,"reason":`...)
		b = strconv.AppendQuote(b, e.Reason)
	}
	return append(b, '}')
}

// UnmarshalJSON reads an event object strictly: an unknown type, an unknown
// field, a field its type does not carry, a missing required field or a
// value that is not a string is an *[EventError] naming the field.
func (e *Event) UnmarshalJSON(data []byte) error { return e.decode(data, 0) }

func (e *Event) decode(data []byte, index int) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return &EventError{Index: index, Message: "want a JSON object", Err: err}
	}
	if fields == nil {
		return &EventError{Index: index, Message: "want a JSON object, not null"}
	}
	if k, ok := repeatedKey(data); ok {
		return &EventError{Index: index, Field: k, Message: "appears more than once"}
	}
	var ev Event
	str := func(key string) (string, bool, error) {
		raw, ok := fields[key]
		if !ok {
			return "", false, nil
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil || raw[0] != '"' {
			return "", true, &EventError{Index: index, Event: ev.Type, Field: key, Message: "want a JSON string, got " + truncate(raw)}
		}
		return s, true, nil
	}
	typ, ok, err := str("type")
	if err != nil {
		return err
	}
	if !ok {
		return &EventError{Index: index, Field: "type", Message: "missing"}
	}
	if ev.Type, ok = parseEventType(typ); !ok {
		return &EventError{Index: index, Field: "type", Message: fmt.Sprintf("unknown event type %q", typ)}
	}
	// Fields in sorted order, so that the first fault reported is stable.
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		switch {
		case k == "type" || k == "date" || k == "reason":
		case k == outcomeKey(ev.Type) && hasOutcome(ev.Type):
		case k == "category" && hasCategory(ev.Type):
		case k == "receiving_conference" && ev.Type == PlanEnded:
		default:
			return &EventError{Index: index, Event: ev.Type, Field: k, Message: "unknown field for this event type"}
		}
	}
	date := func(key string) (holidays.Date, error) {
		s, ok, err := str(key)
		if err != nil || !ok {
			return holidays.Date{}, err
		}
		d, err := holidays.ParseDate(s)
		if err != nil {
			return holidays.Date{}, &EventError{Index: index, Event: ev.Type, Field: key, Err: err}
		}
		return d, nil
	}
	if ev.Date, err = date("date"); err != nil {
		return err
	}
	if ev.ReceivingConference, err = date("receiving_conference"); err != nil {
		return err
	}
	if s, ok, err := str(outcomeKey(ev.Type)); err != nil {
		return err
	} else if ok && hasOutcome(ev.Type) {
		if ev.Outcome, ok = parseOutcome(s); !ok {
			return &EventError{Index: index, Event: ev.Type, Field: outcomeKey(ev.Type), Message: fmt.Sprintf("%q is not one of %s", s, outcomeList(ev.Type))}
		}
	}
	if s, ok, err := str("category"); err != nil {
		return err
	} else if ok {
		if ev.Category, ok = parseCategory(s); !ok {
			return &EventError{Index: index, Event: ev.Type, Field: "category", Message: fmt.Sprintf("unknown category %q", s)}
		}
	}
	if ev.Reason, _, err = str("reason"); err != nil {
		return err
	}
	if err := ev.validate(index); err != nil {
		return err
	}
	*e = ev
	return nil
}

func truncate(raw []byte) string {
	if len(raw) > 20 {
		return string(raw[:20]) + "..."
	}
	return string(raw)
}
