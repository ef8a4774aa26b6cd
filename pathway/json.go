package pathway

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/workingtogether/safeguarding/holidays"
)

// An eventField is one member of an event object: how to tell whether an
// event type carries it, how to read its (unescaped string) value into an
// event whose Type is already set, and how to write it. A new field of
// [Event] is a new row.
type eventField struct {
	name string
	// carries reports whether events of type t may have the member.
	carries func(t EventType) bool
	// read sets the field of e from the member's string value; on failure
	// it returns the message and cause for an *EventError.
	read func(e *Event, s []byte) (msg string, err error)
	// write appends ,"name":value when e has the field.
	write func(b []byte, e Event) []byte
}

// fieldType and fieldDate are the rows of the members every event needs.
const (
	fieldType = iota
	fieldDate
)

var eventFields = [...]eventField{
	fieldType: {
		name:    "type",
		carries: func(EventType) bool { return true },
		read: func(e *Event, s []byte) (string, error) {
			t, ok := parseEventType(s)
			if !ok {
				return unknownName("event type", s, eventNames[1:]), nil
			}
			e.Type = t
			return "", nil
		},
	},
	fieldDate: {
		name:    "date",
		carries: func(EventType) bool { return true },
		read: func(e *Event, s []byte) (string, error) {
			return readDate(&e.Date, s)
		},
	},
	outcomeField("decision"),
	outcomeField("ground"),
	outcomeField("outcome"),
	enumField("category", hasCategory, &categorySet, func(e *Event) *Category { return &e.Category }),
	{
		name:    "receiving_conference",
		carries: func(t EventType) bool { return t == PlanEnded },
		read: func(e *Event, s []byte) (string, error) {
			return readDate(&e.ReceivingConference, s)
		},
		write: func(b []byte, e Event) []byte {
			if e.ReceivingConference.IsZero() {
				return b
			}
			return appendMember(b, "receiving_conference", e.ReceivingConference.String())
		},
	},
	enumField("power", func(t EventType) bool { return t == ImmediateProtectionTaken }, &powerSet, func(e *Event) *Power { return &e.Power }),
	enumField("closure", func(t EventType) bool { return t == CaseClosed }, &closureSet, func(e *Event) *Closure { return &e.Closure }),
	{
		name:    "reason",
		carries: func(EventType) bool { return true },
		read: func(e *Event, s []byte) (string, error) {
			e.Reason = string(s)
			return "", nil
		},
		write: func(b []byte, e Event) []byte {
			if e.Reason == "" {
				return b
			}
			return appendMember(b, "reason", e.Reason)
		},
	},
}

// numEventFields bounds the members an event object can have, for the
// decoder's fixed per-event arrays.
const numEventFields = len(eventFields)

// outcomeField is the row of the member under which some event types carry
// their outcome ([outcomeKey]).
func outcomeField(name string) eventField {
	return eventField{
		name:    name,
		carries: func(t EventType) bool { return hasOutcome(t) && outcomeKey(t) == name },
		read: func(e *Event, s []byte) (string, error) {
			o, ok := parseOutcome(s)
			switch {
			case ok && outcomeOf(e.Type, o):
				e.Outcome = o
				return "", nil
			case ok:
				return fmt.Sprintf("%s is not one of %s", s, outcomeList(e.Type)), nil
			}
			var names []string
			for _, o := range Outcomes(e.Type) {
				names = append(names, o.String())
			}
			return unknownName(name, s, names), nil
		},
		write: func(b []byte, e Event) []byte {
			if e.Outcome == NoOutcome || outcomeKey(e.Type) != name {
				return b
			}
			return appendMember(b, name, e.Outcome.String())
		},
	}
}

// enumField is the row of a member whose value is one of the names of set,
// which spells the field's values from 1 in order (0, "none recorded", is
// never written). Its unknown values are refused with the list of the
// others.
func enumField[T ~uint8](name string, carries func(EventType) bool, set *nameSet, field func(*Event) *T) eventField {
	return eventField{
		name:    name,
		carries: carries,
		read: func(e *Event, s []byte) (string, error) {
			i, ok := findName(set, s)
			if !ok {
				return unknownName(name, s, set.names), nil
			}
			*field(e) = T(i + 1)
			return "", nil
		},
		write: func(b []byte, e Event) []byte {
			// Events are validated before they are written, so v is one of
			// names.
			if v := *field(&e); v != 0 {
				return appendMember(b, name, set.names[v-1])
			}
			return b
		},
	}
}

// unknownName says that s is not one of names, lists them, and suggests the
// one that differs only in letter case.
func unknownName(what string, s []byte, names []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "unknown %s %q", what, s)
	for _, n := range names {
		if strings.EqualFold(n, string(s)) {
			fmt.Fprintf(&b, ": did you mean %q?", n)
			break
		}
	}
	b.WriteString("; want one of " + strings.Join(names, ", "))
	return b.String()
}

// readDate parses YYYY-MM-DD without allocating on the way to a valid date;
// anything else gets holidays.ParseDate's error.
func readDate(d *holidays.Date, s []byte) (string, error) {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		y, ok1 := digits(s[0:4])
		m, ok2 := digits(s[5:7])
		dd, ok3 := digits(s[8:10])
		v := holidays.Date{Year: y, Month: time.Month(m), Day: dd}
		if ok1 && ok2 && ok3 && y > 0 && v.IsValid() {
			*d = v
			return "", nil
		}
	}
	_, err := holidays.ParseDate(string(s))
	return "", err
}

func digits(s []byte) (int, bool) {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
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
	for i := fieldDate + 1; i < numEventFields; i++ {
		b = eventFields[i].write(b, e)
	}
	return append(b, '}')
}

// UnmarshalJSON reads an event object strictly: an unknown type, an unknown
// field, a field its type does not carry, a field given twice, a missing
// required field or a value that is not a string is an *[EventError] naming
// the field.
func (e *Event) UnmarshalJSON(data []byte) error {
	var p parser
	s := scanner{data: trimBOM(data), eof: true}
	s.skipSpace()
	var ev Event
	err := p.event(&s, 0, &ev)
	if err == nil {
		s.skipSpace()
		if s.pos < len(s.data) {
			s.syntax("after top-level value")
		}
	}
	if s.err != nil {
		return &EventError{Index: 0, Message: "want a JSON object", Err: s.err}
	}
	if err != nil {
		return err
	}
	*e = ev
	return nil
}

// MarshalJSON writes the log on one line, with "id", "birth_date" (when
// known), "labels" (when any) and "events" in that order. Every string is
// escaped as JSON, so the output is valid JSON whatever the strings hold.
func (l Log) MarshalJSON() ([]byte, error) {
	for i, e := range l.Events {
		if err := e.validate(i); err != nil {
			return nil, err
		}
	}
	return l.appendJSON(make([]byte, 0, 64+64*len(l.Events))), nil
}

func (l *Log) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, l.ID)
	if !l.BirthDate.IsZero() {
		b = appendMember(b, "birth_date", l.BirthDate.String())
	}
	if len(l.Labels) > 0 {
		b = append(b, `,"labels":{`...)
		keys := make([]string, 0, len(l.Labels))
		for k := range l.Labels {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			b = appendString(b, l.Labels[k])
		}
		b = append(b, '}')
	}
	b = append(b, `,"events":[`...)
	for i, e := range l.Events {
		if i > 0 {
			b = append(b, ',')
		}
		b = e.appendJSON(b)
	}
	return append(b, "]}"...)
}

func appendMember(b []byte, name, value string) []byte {
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return appendString(b, value)
}

const hex = "0123456789abcdef"

// appendString appends s as a JSON string, escaped as encoding/json does
// except that '<', '>' and '&' are left as they are.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			switch r {
			case utf8.RuneError:
				b = append(b, `\ufffd`...)
			default:
				b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
