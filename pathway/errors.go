package pathway

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/workingtogether/safeguarding/holidays"
)

// A TransitionError reports an event that the case's stage does not allow.
// Like [time.ParseError] it keeps the parts apart, so that a program can
// offer the allowed events and a person can read one line.
type TransitionError struct {
	Index   int         // the position the event would have taken in the log
	Stage   Stage       // the stage the case was in
	Event   EventType   // the event type refused
	Outcome Outcome     // its outcome, if it has one
	Allowed []EventType // what the stage allows, in pathway order
}

// Error returns the message, naming the stage, the event and what is allowed.
func (e *TransitionError) Error() string {
	// Appended piece by piece rather than through fmt: a host that shows
	// every refusal (the census notes each record out of pathway order)
	// formats hundreds of thousands.
	b := make([]byte, 0, 160)
	b = append(b, "pathway: event "...)
	b = strconv.AppendInt(b, int64(e.Index), 10)
	b = append(b, ": "...)
	b = append(b, e.Event.String()...)
	if e.Outcome != NoOutcome {
		b = append(b, " ("...)
		b = append(b, e.Outcome.String()...)
		b = append(b, ')')
	}
	b = append(b, " is not allowed in stage "...)
	b = append(b, e.Stage.String()...)
	b = append(b, "; allowed: "...)
	if len(e.Allowed) == 0 {
		b = append(b, "nothing"...)
	}
	for i, a := range e.Allowed {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, a.String()...)
	}
	return string(b)
}

// An OrderError reports an event dated before the case's last event: the log
// is a record in date order, and a late entry would rewrite history that
// deadlines were already judged on.
type OrderError struct {
	Index int
	Event EventType
	Date  holidays.Date // the event's date
	Last  holidays.Date // the date of the case's last event
}

// Error returns the message, with both dates.
func (e *OrderError) Error() string {
	return fmt.Sprintf("pathway: event %d: %s dated %s is before the last event, dated %s", e.Index, e.Event, e.Date, e.Last)
}

// An EventError reports an event whose field is missing, not allowed for its
// type, malformed, or out of range (a date outside the calendar, or before the
// first edition of the guidance in the rulebook). Err, when set, is the
// underlying error, such as a *[holidays.RangeError]; errors.As finds it.
type EventError struct {
	Index   int       // the event's position in the log
	Event   EventType // its type, when known
	Field   string    // the JSON name of the field at fault
	Message string
	Err     error
}

// Error returns the message, naming the event and the field.
func (e *EventError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "pathway: event %d", e.Index)
	if e.Event.valid() {
		fmt.Fprintf(&b, " (%s)", e.Event)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, ": field %q", e.Field)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.Err != nil {
		b.WriteString(": " + strings.TrimPrefix(e.Err.Error(), "pathway: "))
	}
	return b.String()
}

// Unwrap returns the underlying error, if any.
func (e *EventError) Unwrap() error { return e.Err }

// A DecodeError reports a case log that cannot be read or replayed, with
// where: the line of the input on which the event at fault starts (or, for
// a fault outside the events, the case), counting from 1; the event's index
// in the case's events (-1 for a fault outside them); and the field. Err is
// the cause: a *[TransitionError], *[OrderError], *[EventError], a JSON
// syntax error, an error from the host's function (see [MapCases]), or an
// error reading the input.
//
// Fatal is set only for an error after which nothing more can be read: an
// error reading the input, or a case larger than [MaxCaseSize]. Any other
// error concerns one case, and decoding goes on with the next.
type DecodeError struct {
	Line  int
	Case  string // the case ID, when it was read
	Event int    // the event's index in the case's events, or -1
	Field string // the JSON field at fault, if known
	Fatal bool
	Err   error
}

// Error returns the message, prefixed with the line (and the case, when known).
func (e *DecodeError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "pathway: line %d", e.Line)
	if e.Case != "" {
		fmt.Fprintf(&b, ": case %q", e.Case)
	}
	msg := strings.TrimPrefix(e.Err.Error(), "pathway: ")
	if e.Event < 0 && e.Field != "" && !strings.Contains(msg, fmt.Sprintf("%q", e.Field)) {
		fmt.Fprintf(&b, ": field %q", e.Field)
	}
	b.WriteString(": " + msg)
	return b.String()
}

// Unwrap returns the cause.
func (e *DecodeError) Unwrap() error { return e.Err }

// An AdultError reports a conference that would make a child protection plan
// for someone who had already turned 18: the birth date or the event's date
// is wrong. It comes wrapped in an *[EventError] for the event's date.
type AdultError struct {
	Birthday holidays.Date // the 18th birthday
}

// Error returns the message, with the birthday.
func (e *AdultError) Error() string {
	return fmt.Sprintf("pathway: the child turned 18 on %s, before this plan could start", e.Birthday)
}
