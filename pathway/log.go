package pathway

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/workingtogether/safeguarding/holidays"
)

// A Log is a case as recorded: its ID, the child's date of birth if known,
// the host's labels, and its events.
//
// # JSON format
//
// A Log is written by [Log.MarshalJSON] and read by the [Decoder] as one
// JSON object (RFC 8259, UTF-8):
//
//	{"id":"c-1","birth_date":"2012-05-04","labels":{"team":"North","worker":"w-102"},"events":[
//	  {"type":"referral-received","date":"2024-03-28"},
//	  {"type":"referral-decision","date":"2024-04-02","decision":"section-17-assessment","reason":"late \"phone\" call"}]}
//
// The case object has exactly these members, in any order, each at most once:
//
//   - "id": a JSON string, required.
//   - "birth_date": a date string YYYY-MM-DD, optional.
//   - "labels": an object whose members are all strings, optional: free
//     host data such as team or worker, carried unchanged. A label name given
//     twice is an error.
//   - "events": an array of event objects, required (it may be empty).
//
// An event object has "type" and "date", then the members its type carries
// (see [Event]): "decision", "ground" or "outcome"; "category";
// "receiving_conference"; "power"; "closure"; "reason". Every value is a JSON string. An unknown member, a member the event's type does not carry,
// a member given twice, a value of another JSON type, or a missing required
// member is an error naming the event's index and the member.
//
// The writer puts members in the order above (labels in sorted key order,
// events' members in the order just given) and escapes strings as RFC 8259 requires:
// '"' and '\' with a backslash, control characters as \u00XX (or \n, \t, ...),
// U+2028 and U+2029 as \u2028 and \u2029, and invalid UTF-8 as \ufffd, which
// is also what the reader makes of invalid UTF-8 in its input. '<', '>' and
// '&' are written as they are. A UTF-8 byte order mark before the first case
// is skipped. Unknown names in errors come with the list of valid ones.
//
// A case may carry at most [MaxLabels] labels and be at most [MaxCaseSize]
// bytes long; arrays and objects nest at most 10,000 deep.
type Log struct {
	ID        string        `json:"id"`
	BirthDate holidays.Date `json:"birth_date,omitzero"`
	// Labels are the host's own facts about the case, such as team or
	// worker: carried through decoding, replay and encoding unchanged, and
	// never read by the pathway.
	Labels map[string]string `json:"labels,omitempty"`
	Events []Event           `json:"events"`
}

// Log returns the case's record. Replaying it gives the same case.
func (c *Case) Log() Log {
	return Log{ID: c.id, BirthDate: c.birth, Labels: c.Labels(), Events: c.Events()}
}

// Labels returns a copy of the case's labels, or nil if it has none.
func (c *Case) Labels() map[string]string { return labelMap(c.labels) }

// Label returns the value of the case's label key, or "" if it has none.
func (c *Case) Label(key string) string {
	for _, l := range c.labels {
		if l.key == key {
			return l.value
		}
	}
	return ""
}

// Replay builds a case from its record, applying the events in order. The
// options set the calendar and rulebook; the birth date comes from the log.
// An error is the first event's error, as [Case.Apply] gives it.
func Replay(l Log, opts ...Option) (*Case, error) {
	return replay(l, labelsOf(l.Labels), makeOptions(opts), false)
}

// replay is Replay with its options made, giving the case labels (in
// place of l's, which it does not read). decoded says the log is a
// decoder's: its events were validated as they were read, so are not
// validated again.
func replay(l Log, labels []label, o options, decoded bool) (*Case, error) {
	o.birth = l.BirthDate
	c, err := newCase(l.ID, o, len(l.Events))
	if err != nil {
		return nil, err
	}
	c.labels = labels // never changed after this, so clones may share them
	for i := range l.Events {
		e := &l.Events[i]
		if !decoded {
			if err := e.validate(i); err != nil {
				return nil, err
			}
		}
		if err := c.apply(e); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// MarshalJSON writes the case's log (see [Log.MarshalJSON]).
func (c *Case) MarshalJSON() ([]byte, error) { return c.Log().MarshalJSON() }

// UnmarshalJSON reads one case log strictly, as a [Decoder] does, and
// replays it on the England and Wales calendar and the national rulebook
// (or on those of the case it decodes into, if it was made with [New]). On
// error, a *[DecodeError], the case is unchanged.
func (c *Case) UnmarshalJSON(data []byte) error {
	var opts []Option
	if c.cal != nil {
		opts = append(opts, WithCalendar(c.cal), WithRulebook(c.rulebook()))
	}
	d := NewDecoder(bytes.NewReader(data), opts...)
	got, err := d.Decode()
	if err == nil {
		err = d.end()
	}
	if err != nil {
		return err
	}
	*c = *got
	return nil
}

// UnmarshalJSON reads one case log strictly, as a [Decoder] does, without
// replaying it. Errors are *[DecodeError]s; for a fault in an event, the
// *[EventError] they wrap gives the event's index and field.
func (l *Log) UnmarshalJSON(data []byte) error {
	d := NewDecoder(bytes.NewReader(data))
	_, _, got, err := d.next(true)
	if err == nil {
		err = d.end()
	}
	if err != nil {
		return err
	}
	got.Events = append([]Event(nil), got.Events...)
	got.Labels = labelMap(d.p.labels)
	*l = got
	return nil
}

// MaxCaseSize is the largest case, in bytes of JSON text, that a [Decoder]
// reads. A larger case is a fatal error, so that memory stays bounded
// whatever the input.
const MaxCaseSize = 16 << 20

// readSize is how much a Decoder asks its reader for at a time.
const readSize = 64 << 10

// A Decoder reads case logs from a stream: one JSON document, JSON Lines
// with one case per line, or any sequence of case objects separated by
// white space (a JSON array of cases is not read as such). A UTF-8 byte
// order mark at the start is skipped.
//
// Errors are *[DecodeError]s giving the line of the event at fault, or else
// of the case. Most concern one case, and the next [Decoder.Decode] goes on
// with the next case: after a JSON syntax error, with the next line. Once a
// case has begun and ended on one line the input is taken for JSON Lines, so
// a case that does not end on its line (a truncated line) is a syntax error
// there rather than swallowing the lines after it. Only an error reading the
// stream, or a case larger than [MaxCaseSize], is fatal ([DecodeError.Fatal]):
// every later call returns it.
//
// Memory is bounded by the largest case, not by the stream.
type Decoder struct {
	r       io.Reader
	o       options // with the rulebook's rules resolved, once for every case
	buf     []byte
	pos     int  // start of the unread input in buf
	eof     bool // buf holds the rest of the input
	rerr    error
	fatal   *DecodeError
	line    int // line of buf[pos]
	last    int
	started bool // the byte order mark has been looked for
	oneLine bool // JSON Lines: the last case read began and ended on one line
	sc      scanner
	p       parser
	runs    int // how many times a case was scanned, for tests
}

// NewDecoder returns a decoder reading from r; the options apply to every case.
func NewDecoder(r io.Reader, opts ...Option) *Decoder {
	o := makeOptions(opts)
	o.resolve(nil)
	return &Decoder{r: r, o: o, line: 1}
}

// Line returns the line on which the case last read (or refused) by Decode
// starts, counting from 1.
func (d *Decoder) Line() int { return d.last }

// Decode reads and replays the next case. It returns io.EOF when the input
// is exhausted. See [Decoder] for which errors let the next call go on.
func (d *Decoder) Decode() (*Case, error) {
	raw, line, l, err := d.next(true)
	if err != nil {
		return nil, err
	}
	c, err := replay(l, d.p.labels, d.o, true)
	if err != nil {
		return nil, d.p.locate(raw, line, l.ID, err)
	}
	return c, nil
}

// All returns an iterator over the cases: each is (case, nil) or (nil,
// *[DecodeError]). It ends at the end of the input, or after yielding a
// fatal error.
func (d *Decoder) All() iter.Seq2[*Case, error] {
	return func(yield func(*Case, error) bool) {
		for {
			c, err := d.Decode()
			if err == io.EOF || !yield(c, err) || err == d.fatal {
				return
			}
		}
	}
}

// next reads the next case's text. If strict, it also reads the case's log
// (valid until the next call); otherwise it only frames the case, checking
// that it is JSON. raw (valid until the next call) is the case's text, which
// starts on line. Errors are *DecodeErrors or io.EOF.
func (d *Decoder) next(strict bool) (raw []byte, line int, l Log, err error) {
	if d.fatal != nil {
		return nil, 0, l, d.fatal
	}
	if err := d.skipSpace(); err != nil {
		return nil, 0, l, err
	}
	line = d.line
	d.last = line
	var serr error
	if strict {
		s := d.scan(func(s *scanner) { l, serr = d.p.caseLog(s, line) })
		if s == nil {
			return nil, 0, l, d.fatal
		}
		if !s.failed() && serr == nil {
			return d.consume(s), line, l, nil
		}
	}
	// Frame the case: its end, or the syntax fault that outranks any other.
	s := d.scan(func(s *scanner) { s.skip() })
	if s == nil {
		return nil, 0, l, d.fatal
	}
	if s.err != nil {
		line += bytes.Count(d.buf[d.pos:d.pos+s.err.off], []byte{'\n'})
		d.resync(s.err.off)
		return nil, 0, l, &DecodeError{Line: line, Event: -1, Err: s.err}
	}
	raw = d.consume(s)
	if serr != nil {
		return nil, 0, l, serr
	}
	return raw, line, l, nil
}

// scan runs fn over the input from the case's start, reading more and
// running it again for as long as fn runs out of input. It returns nil
// (with d.fatal set) if the input cannot be read.
func (d *Decoder) scan(fn func(*scanner)) *scanner {
	var f frameState
	for {
		d.sc = scanner{data: d.buf[d.pos:], eof: d.eof, oneLine: d.oneLine, stack: d.sc.stack}
		d.runs++
		fn(&d.sc)
		if !d.sc.short {
			return &d.sc
		}
		// Read until the case may be complete before running fn again, so
		// that a reader giving a few bytes at a time cannot make decoding
		// quadratic in the case's size.
		for {
			if err := d.fill(); err != nil {
				d.setFatal(err)
				return nil
			}
			if d.eof || f.advance(d.buf[d.pos:], d.oneLine) {
				break
			}
		}
	}
}

// A frameState follows the nesting of a case's text as it is read, to tell
// when the case may be complete. It need not check the text: the scanner
// has, as far as it ran.
type frameState struct {
	off, depth int // off: how far into the case's text it has looked
	inStr, esc bool
}

// advance looks at the text read since the last call and reports whether
// the case may now be complete.
func (f *frameState) advance(text []byte, oneLine bool) bool {
	for ; f.off < len(text); f.off++ {
		c := text[f.off]
		var done bool
		if f.inStr {
			done = f.inString(c)
		} else {
			done = f.outsideString(c, oneLine)
		}
		if done {
			f.off++
			return true
		}
	}
	return false
}

// inString follows the byte c of a string, reporting whether the case may
// end after it.
func (f *frameState) inString(c byte) bool {
	switch {
	case f.esc:
		f.esc = false
	case c == '\\':
		f.esc = true
	case c == '"':
		f.inStr = false
		return f.depth == 0
	case c == '\n': // not JSON: the scanner will say so
		return true
	}
	return false
}

// outsideString follows the byte c outside any string, reporting whether
// the case may end after it.
func (f *frameState) outsideString(c byte, oneLine bool) bool {
	top := f.depth == 0 && f.off > 0 // after a top-level scalar
	switch {
	case c == '"':
		f.inStr = true
	case c == '{' || c == '[':
		f.depth++
	case c == '}' || c == ']':
		f.depth--
		return f.depth <= 0
	case c == '\n':
		return oneLine || top
	case c == ' ' || c == '\t' || c == '\r' || c == ',' || c == ':':
		return top
	}
	return false
}

// consume moves past the case s framed, returning its text.
func (d *Decoder) consume(s *scanner) []byte {
	raw := d.buf[d.pos : d.pos+s.pos]
	if s.newline {
		d.line += bytes.Count(raw, []byte{'\n'})
	}
	d.pos += s.pos
	d.oneLine = !s.newline
	return raw
}

// resync moves past the line holding the byte off into the case.
func (d *Decoder) resync(off int) {
	d.line += bytes.Count(d.buf[d.pos:d.pos+off], []byte{'\n'})
	d.pos += off
	for {
		if i := bytes.IndexByte(d.buf[d.pos:], '\n'); i >= 0 {
			d.pos += i + 1
			d.line++
			return
		}
		d.pos = len(d.buf)
		if d.eof {
			return
		}
		if err := d.fill(); err != nil {
			d.setFatal(err)
			return
		}
	}
}

// skipSpace moves to the start of the next case, or returns io.EOF.
func (d *Decoder) skipSpace() error {
	for !d.started && !d.eof && len(d.buf)-d.pos < 3 {
		if err := d.fill(); err != nil {
			return d.setFatal(err)
		}
	}
	if !d.started {
		d.started = true
		if bytes.HasPrefix(d.buf[d.pos:], []byte("\xef\xbb\xbf")) {
			d.pos += 3
		}
	}
	for {
		for ; d.pos < len(d.buf); d.pos++ {
			switch d.buf[d.pos] {
			case '\n':
				d.line++
			case ' ', '\t', '\r':
			default:
				return nil
			}
		}
		if d.eof {
			return io.EOF
		}
		if err := d.fill(); err != nil {
			return d.setFatal(err)
		}
	}
}

// end checks that nothing but white space follows the case just read.
func (d *Decoder) end() error {
	switch err := d.skipSpace(); err {
	case io.EOF:
		return nil
	case nil:
		return &DecodeError{Line: d.line, Event: -1, Err: errors.New("more than one case: want one JSON object")}
	default:
		return err
	}
}

// fill reads more input after buf[pos:], which it moves to the front.
func (d *Decoder) fill() error {
	if d.rerr != nil {
		return d.rerr
	}
	if d.pos > 0 {
		d.buf = d.buf[:copy(d.buf, d.buf[d.pos:])]
		d.pos = 0
	}
	if len(d.buf) >= MaxCaseSize {
		return fmt.Errorf("case larger than the maximum of %d bytes", MaxCaseSize)
	}
	if cap(d.buf)-len(d.buf) < readSize/2 {
		d.buf = append(make([]byte, 0, max(2*cap(d.buf), len(d.buf)+readSize)), d.buf...)
	}
	for range 100 {
		n, err := d.r.Read(d.buf[len(d.buf):cap(d.buf)])
		d.buf = d.buf[:len(d.buf)+n]
		switch {
		case err == io.EOF:
			d.eof = true
			return nil
		case err != nil && n > 0:
			d.rerr = err // after the bytes read are used
			return nil
		case err != nil:
			d.rerr = err
			return err
		case n > 0:
			return nil
		}
	}
	d.rerr = io.ErrNoProgress
	return d.rerr
}

func (d *Decoder) setFatal(err error) error {
	if d.fatal == nil {
		d.fatal = &DecodeError{Line: d.line, Event: -1, Fatal: true, Err: err}
	}
	return d.fatal
}
