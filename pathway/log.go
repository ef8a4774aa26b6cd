package pathway

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/workingtogether/safeguarding/holidays"
)

// A Log is a case as recorded: its ID, the child's date of birth if known,
// and its events. It is the JSON document of the package's format.
type Log struct {
	ID        string        `json:"id"`
	BirthDate holidays.Date `json:"birth_date,omitzero"`
	Events    []Event       `json:"events"`
}

// Log returns the case's record. Replaying it gives the same case.
func (c *Case) Log() Log {
	return Log{ID: c.id, BirthDate: c.birth, Events: c.Events()}
}

// Replay builds a case from its record, applying the events in order. The
// options set the calendar and rulebook; the birth date comes from the log.
// An error is the first event's error, as [Case.Apply] gives it.
func Replay(l Log, opts ...Option) (*Case, error) {
	var o options
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	o.birth = l.BirthDate
	c, err := newCase(l.ID, o)
	if err != nil {
		return nil, err
	}
	c.log = make([]record, 0, len(l.Events))
	c.clocks = make([]clock, 0, len(l.Events))
	for _, e := range l.Events {
		if err := c.Apply(e); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// MarshalJSON writes the case's log (see [Log]).
func (c *Case) MarshalJSON() ([]byte, error) { return c.Log().MarshalJSON() }

// UnmarshalJSON reads a case log strictly and replays it on the England and
// Wales calendar and the national rulebook (or on those of the case it
// decodes into, if it was made with [New]). On error the case is unchanged.
func (c *Case) UnmarshalJSON(data []byte) error {
	var l Log
	if err := l.UnmarshalJSON(data); err != nil {
		return err
	}
	var opts []Option
	if c.cal != nil {
		opts = append(opts, WithCalendar(c.cal), WithRulebook(c.book))
	}
	d, err := Replay(l, opts...)
	if err != nil {
		return err
	}
	*c = *d
	return nil
}

// MarshalJSON writes the log on one line, with "id", "birth_date" (when
// known) and "events" in that order.
func (l Log) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 64+64*len(l.Events))
	b = append(b, `{"id":`...)
	id, err := json.Marshal(l.ID)
	if err != nil {
		return nil, err
	}
	b = append(b, id...)
	if !l.BirthDate.IsZero() {
		t, err := l.BirthDate.MarshalText()
		if err != nil {
			return nil, err
		}
		b = append(b, `,"birth_date":"`...)
		b = append(b, t...)
		b = append(b, '"')
	}
	b = append(b, `,"events":[`...)
	for i, e := range l.Events {
		if err := e.validate(i); err != nil {
			return nil, err
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = e.appendJSON(b)
	}
	return append(b, "]}"...), nil
}

// UnmarshalJSON reads a log strictly: only "id", "birth_date" and "events",
// and every event as [Event.UnmarshalJSON] reads it. Errors are
// *[EventError]s carrying the event's index, or a *[DecodeError] for a
// fault outside the events.
func (l *Log) UnmarshalJSON(data []byte) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil || fields == nil {
		return &DecodeError{Line: 1, Event: -1, Err: errors.New("want a JSON object with id, birth_date and events")}
	}
	if k, ok := repeatedKey(data); ok {
		return &DecodeError{Line: 1, Event: -1, Field: k, Err: fmt.Errorf("field %q appears more than once", k)}
	}
	var out Log
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		raw := fields[k]
		var err error
		switch k {
		case "id":
			if len(raw) == 0 || raw[0] != '"' {
				err = errors.New("want a JSON string")
			} else {
				err = json.Unmarshal(raw, &out.ID)
			}
		case "birth_date":
			var s string
			if len(raw) == 0 || raw[0] != '"' {
				err = errors.New("want a date as a JSON string")
			} else if err = json.Unmarshal(raw, &s); err == nil {
				out.BirthDate, err = holidays.ParseDate(s)
			}
		case "events":
			var raws []json.RawMessage
			if len(raw) == 0 || raw[0] != '[' {
				err = errors.New("want a JSON array")
			} else if err = json.Unmarshal(raw, &raws); err == nil {
				out.Events = make([]Event, len(raws))
				for i, r := range raws {
					if err := out.Events[i].decode(r, i); err != nil {
						return err
					}
				}
			}
		default:
			err = errors.New("unknown field")
		}
		if err != nil {
			return &DecodeError{Line: 1, Event: -1, Field: k, Err: fmt.Errorf("field %q: %w", k, err)}
		}
	}
	if _, ok := fields["id"]; !ok {
		return &DecodeError{Line: 1, Event: -1, Field: "id", Err: errors.New(`field "id": missing`)}
	}
	if _, ok := fields["events"]; !ok {
		return &DecodeError{Line: 1, Event: -1, Field: "events", Err: errors.New(`field "events": missing`)}
	}
	*l = out
	return nil
}

// A Decoder reads case logs from a stream: one JSON document, or JSON Lines
// with one case per line, or any sequence of case objects separated by white
// space (a JSON array of cases is not read as such). Errors are
// *[DecodeError]s giving the line of the event at fault, or else of the case.
type Decoder struct {
	dec  *json.Decoder
	tee  *teeBuffer
	opts []Option
	line int   // line of the byte at tee.base
	last int   // line the last case read started on
	err  error // sticky: after a syntax error the stream cannot be trusted
}

// Line returns the line on which the case last read (or refused) by Decode
// starts, counting from 1.
func (d *Decoder) Line() int { return d.last }

// NewDecoder returns a decoder reading from r; the options apply to every case.
func NewDecoder(r io.Reader, opts ...Option) *Decoder {
	t := &teeBuffer{r: bufio.NewReader(r)}
	return &Decoder{dec: json.NewDecoder(t), tee: t, opts: opts, line: 1}
}

// teeBuffer keeps the bytes the JSON decoder has read and not yet consumed,
// so that a case's line number can be found from the decoder's offset.
type teeBuffer struct {
	r    io.Reader
	buf  []byte
	base int64 // offset of buf[0] in the stream
}

func (t *teeBuffer) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.buf = append(t.buf, p[:n]...)
	return n, err
}

// advance moves past the stream up to off, returning the newlines passed.
func (t *teeBuffer) advance(off int64) int {
	k := int(off - t.base)
	if k > len(t.buf) {
		k = len(t.buf)
	}
	nl := bytes.Count(t.buf[:k], []byte{'\n'})
	t.buf = append(t.buf[:0], t.buf[k:]...)
	t.base += int64(k)
	return nl
}

// Decode reads and replays the next case. It returns io.EOF when the input
// is exhausted. After a JSON syntax error every call returns that error; after
// an error in a case that was well-formed JSON, the next call reads the
// next case.
func (d *Decoder) Decode() (*Case, error) {
	if d.err != nil {
		return nil, d.err
	}
	// More skips the white space before the next value, so the offset
	// after it is where the case starts.
	d.dec.More()
	d.line += d.tee.advance(d.dec.InputOffset())
	start := d.line
	d.last = start
	var raw json.RawMessage
	if err := d.dec.Decode(&raw); err != nil {
		if err == io.EOF {
			return nil, io.EOF
		}
		line := start
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line += bytes.Count(d.tee.buf[:min(len(d.tee.buf), max(0, int(se.Offset-d.tee.base)))], []byte{'\n'})
		}
		d.err = &DecodeError{Line: line, Event: -1, Err: err}
		return nil, d.err
	}
	d.line += d.tee.advance(d.dec.InputOffset())
	c, err := decodeCase(raw, start, d.opts)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// decodeCase reads and replays one case whose text starts on line.
func decodeCase(raw []byte, line int, opts []Option) (*Case, error) {
	var l Log
	if err := l.UnmarshalJSON(raw); err != nil {
		return nil, locate(raw, line, "", err)
	}
	c, err := Replay(l, opts...)
	if err != nil {
		return nil, locate(raw, line, l.ID, err)
	}
	return c, nil
}

// locate turns an error in a case whose text starts on line into a
// *DecodeError with the line of the event at fault.
func locate(raw []byte, line int, id string, err error) error {
	de := &DecodeError{Line: line, Case: id, Event: -1, Err: err}
	var (
		ee *EventError
		te *TransitionError
		oe *OrderError
		ce *DecodeError
	)
	switch {
	case errors.As(err, &ee):
		de.Event, de.Field = ee.Index, ee.Field
	case errors.As(err, &te):
		de.Event = te.Index
	case errors.As(err, &oe):
		de.Event = oe.Index
	case errors.As(err, &ce):
		de.Field, de.Err = ce.Field, ce.Err
	}
	if de.Event >= 0 {
		if off, ok := eventOffset(raw, de.Event); ok {
			de.Line += bytes.Count(raw[:off], []byte{'\n'})
		}
	}
	return de
}

// eventOffset finds where the i'th element of the "events" array starts in
// a case's text. It is only called on the error path.
func eventOffset(raw []byte, i int) (int, bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return 0, false
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return 0, false
		}
		if key != "events" {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return 0, false
			}
			continue
		}
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return 0, false
		}
		for j := 0; dec.More(); j++ {
			off := int(dec.InputOffset())
			for off < len(raw) && (raw[off] == ',' || raw[off] == ' ' || raw[off] == '\t' || raw[off] == '\r' || raw[off] == '\n') {
				off++
			}
			if j == i {
				return off, true
			}
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return 0, false
			}
		}
		return 0, false
	}
	return 0, false
}

// repeatedKey returns the first key that appears twice among the members of
// the JSON object data, which must be well formed. encoding/json keeps the
// last of repeated keys without a word; a case record with two dates for one
// event is ambiguous, and is refused rather than read either way.
func repeatedKey(data []byte) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return "", false
	}
	var seen []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return "", false
		}
		key, _ := t.(string)
		if slices.Contains(seen, key) {
			return key, true
		}
		seen = append(seen, key)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return "", false
		}
	}
	return "", false
}
