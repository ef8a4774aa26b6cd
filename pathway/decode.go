package pathway

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth bounds the nesting of arrays and objects, as encoding/json does,
// so that hostile input cannot take unbounded stack or memory.
const maxDepth = 10000

// A syntaxError is input that is not JSON (RFC 8259), at a byte offset of
// the text being scanned.
type syntaxError struct {
	msg string
	off int
}

func (e *syntaxError) Error() string { return e.msg }

// A scanner reads JSON text in data from pos. It is the one tokenizer of
// the package: the strict parser and the framer (skip) both use it, so that
// they agree on what is JSON and on where a fault is.
type scanner struct {
	data []byte
	pos  int
	// eof: data holds the rest of the input. Otherwise running out of data
	// sets short, and the caller reads more and scans the case again.
	eof   bool
	short bool
	// oneLine: the input is JSON Lines, so a newline inside a case is a
	// syntax error (a truncated line) rather than white space.
	oneLine bool
	newline bool // a newline was passed inside the value
	err     *syntaxError
	stack   []byte // open containers, for skip
}

func (s *scanner) failed() bool { return s.err != nil || s.short }

func (s *scanner) syntax(format string, args ...any) {
	if !s.failed() {
		s.err = &syntaxError{msg: fmt.Sprintf(format, args...), off: s.pos}
	}
}

// end reports running out of data at pos.
func (s *scanner) end() {
	if s.failed() {
		return
	}
	if !s.eof {
		s.short = true
		return
	}
	s.syntax("unexpected end of JSON input")
}

// peek returns the byte at pos, or 0 (having reported the end) if none.
func (s *scanner) peek() byte {
	if s.pos < len(s.data) {
		return s.data[s.pos]
	}
	s.end()
	return 0
}

// skipSpace moves past white space. Most calls find none (the writer puts
// none between tokens), so that case returns at once and inlines.
func (s *scanner) skipSpace() {
	if s.pos < len(s.data) && s.data[s.pos] > ' ' {
		return
	}
	s.skipSpaceSlow()
}

func (s *scanner) skipSpaceSlow() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\r':
		case '\n':
			if s.oneLine {
				s.syntax("case not closed at the end of its line (JSON Lines)")
				return
			}
			s.newline = true
		default:
			return
		}
		s.pos++
	}
}

// expect consumes c after white space, or reports what came instead.
func (s *scanner) expect(c byte, context string) bool {
	s.skipSpace()
	if got := s.peek(); got != c {
		if !s.failed() {
			s.syntax("invalid character %s %s", quoteChar(got), context)
		}
		return false
	}
	s.pos++
	return true
}

func quoteChar(c byte) string {
	switch {
	case c == '\'':
		return `'\''`
	case c == '"':
		return `'"'`
	case c < 0x20 || c >= 0x7f:
		return fmt.Sprintf("'\\x%02x'", c)
	}
	return "'" + string(c) + "'"
}

// str scans the string at pos (which must be '"'), returning the bounds of
// its contents and whether they are plain: ASCII without escapes, so the
// bytes are the value.
func (s *scanner) str() (start, end int, plain bool) {
	d := s.data
	i := s.pos + 1
	start, plain = i, true
	for {
		// Most bytes are plain ASCII: skip them with one test each. (Eight
		// at a time was measured slower: most strings here are short.)
		for i < len(d) && !strSpecial[d[i]] {
			i++
		}
		if i >= len(d) {
			s.pos = i
			s.end()
			return
		}
		c := d[i]
		switch {
		case c == '"':
			s.pos = i + 1
			return start, i, plain
		case c == '\\':
			plain = false
			if i = s.escape(i); s.failed() {
				return
			}
		case c < 0x20:
			s.pos = i
			s.syntax("invalid character %s in string literal", quoteChar(c))
			return
		default:
			if c >= utf8.RuneSelf {
				plain = false
			}
			i++
		}
	}
}

// strSpecial marks the bytes that end a run of plain ASCII in a string:
// '"', '\\', control characters and every byte of a multi-byte UTF-8
// sequence. It is computed once and never modified.
var strSpecial = func() (t [256]bool) {
	for c := range t {
		t[c] = c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf
	}
	return t
}()

// escape checks the escape sequence at i and returns the index after it.
func (s *scanner) escape(i int) int {
	d := s.data
	if i+1 >= len(d) {
		s.pos = len(d)
		s.end()
		return i
	}
	switch d[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return i + 2
	case 'u':
		for k := i + 2; k < i+6; k++ {
			if k >= len(d) {
				s.pos = len(d)
				s.end()
				return i
			}
			if !isHex(d[k]) {
				s.pos = k
				s.syntax("invalid character %s in \\u hexadecimal character escape", quoteChar(d[k]))
				return i
			}
		}
		return i + 6
	}
	s.pos = i + 1
	s.syntax("invalid character %s in string escape code", quoteChar(d[i+1]))
	return i
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// number scans the number at pos.
func (s *scanner) number() {
	d := s.data
	i := s.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	digitsFrom := func(i int, context string) int {
		if i >= len(d) {
			s.pos = i
			s.end()
			return i
		}
		if !isDigit(d[i]) {
			s.pos = i
			s.syntax("invalid character %s %s", quoteChar(d[i]), context)
			return i
		}
		for i < len(d) && isDigit(d[i]) {
			i++
		}
		return i
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	default:
		if i = digitsFrom(i, "in numeric literal"); s.failed() {
			return
		}
	}
	if i < len(d) && d[i] == '.' {
		if i = digitsFrom(i+1, "after decimal point in numeric literal"); s.failed() {
			return
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i = digitsFrom(i, "in exponent of numeric literal"); s.failed() {
			return
		}
	}
	s.pos = i
	if i == len(d) && !s.eof {
		s.end() // the number may go on in the next read
	}
}

// literal scans true, false or null at pos.
func (s *scanner) literal() {
	for _, w := range [...]string{"true", "false", "null"} {
		if s.data[s.pos] != w[0] {
			continue
		}
		for k := 1; k < len(w); k++ {
			switch i := s.pos + k; {
			case i >= len(s.data):
				s.pos = i
				s.end()
				return
			case s.data[i] != w[k]:
				s.pos = i
				s.syntax("invalid character %s in literal %s (expecting %s)", quoteChar(s.data[i]), w, quoteChar(w[k]))
				return
			}
		}
		s.pos += len(w)
		return
	}
}

// scalar scans a string, number or literal at pos; c is its first byte.
// It reports false, having reported nothing, if c begins no scalar.
func (s *scanner) scalar(c byte) bool {
	switch {
	case c == '"':
		s.str()
	case c == '-' || isDigit(c):
		s.number()
	case c == 't' || c == 'f' || c == 'n':
		s.literal()
	default:
		return false
	}
	return true
}

// skip scans one JSON value at pos, whatever it is, checking it is well
// formed. It is iterative, with the open containers on s.stack, so that
// deep nesting costs no stack.
func (s *scanner) skip() {
	s.stack = s.stack[:0]
	for !s.failed() {
		// A value is expected.
		s.skipSpace()
		c := s.peek()
		if s.failed() {
			return
		}
		switch {
		case c == '{' || c == '[':
			if len(s.stack) == maxDepth {
				s.syntax("exceeded max depth")
				return
			}
			s.pos++
			s.skipSpace()
			if close := closer(c); s.peek() == close {
				s.pos++
				break
			}
			s.stack = append(s.stack, c)
			if c == '{' {
				s.key()
			}
			continue
		case s.scalar(c):
			if s.failed() {
				return
			}
		default:
			if !s.failed() {
				s.syntax("invalid character %s looking for beginning of value", quoteChar(c))
			}
			return
		}
		// A value ended: close containers until one goes on.
		if !s.next() {
			return
		}
	}
}

// next moves past a value inside the open containers: past ',' (and the
// next key), or past the closing brackets. It reports whether a value is
// expected next.
func (s *scanner) next() bool {
	for len(s.stack) > 0 && !s.failed() {
		top := s.stack[len(s.stack)-1]
		s.skipSpace()
		c := s.peek()
		switch {
		case s.failed():
			return false
		case c == ',':
			s.pos++
			if top == '{' {
				s.key()
			}
			return true
		case c == closer(top):
			s.pos++
			s.stack = s.stack[:len(s.stack)-1]
		case top == '{':
			s.syntax("invalid character %s after object key:value pair", quoteChar(c))
		default:
			s.syntax("invalid character %s after array element", quoteChar(c))
		}
	}
	return false
}

func closer(open byte) byte {
	if open == '{' {
		return '}'
	}
	return ']'
}

// key scans an object member's name and the ':' after it, returning the
// bounds of the name and whether it is plain.
func (s *scanner) key() (start, end int, plain bool) {
	s.skipSpace()
	if c := s.peek(); c != '"' {
		if !s.failed() {
			s.syntax("invalid character %s looking for beginning of object key string", quoteChar(c))
		}
		return
	}
	start, end, plain = s.str()
	if !s.failed() {
		s.expect(':', "after object key")
	}
	return
}

// unquote appends the value of the string contents raw to dst, as
// encoding/json reads it: escapes decoded, and invalid UTF-8 and unpaired
// surrogates each replaced by U+FFFD. raw must have been checked by str.
func unquote(dst, raw []byte) []byte {
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\\':
			var r rune
			if r, i = unescape(raw, i); r >= 0 {
				dst = utf8.AppendRune(dst, r)
			}
		case c < utf8.RuneSelf:
			dst = append(dst, c)
			i++
		default:
			r, size := utf8.DecodeRune(raw[i:])
			dst = utf8.AppendRune(dst, r)
			i += size
		}
	}
	return dst
}

// unescape decodes the escape at raw[i], returning the rune and the index
// after it.
func unescape(raw []byte, i int) (rune, int) {
	switch c := raw[i+1]; c {
	case 'b':
		return '\b', i + 2
	case 'f':
		return '\f', i + 2
	case 'n':
		return '\n', i + 2
	case 'r':
		return '\r', i + 2
	case 't':
		return '\t', i + 2
	case 'u':
	default:
		return rune(c), i + 2
	}
	r := hex4(raw[i+2 : i+6])
	i += 6
	if !utf16.IsSurrogate(r) {
		return r, i
	}
	if i+6 <= len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
		if dec := utf16.DecodeRune(r, hex4(raw[i+2:i+6])); dec != utf8.RuneError {
			return dec, i + 6
		}
	}
	return utf8.RuneError, i
}

func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case c <= '9':
			c -= '0'
		case c <= 'F':
			c -= 'A' - 10
		default:
			c -= 'a' - 10
		}
		r = r<<4 | rune(c)
	}
	return r
}

// trimBOM drops a UTF-8 byte order mark, which Windows tools put before
// JSON text though RFC 8259 says not to.
func trimBOM(b []byte) []byte { return bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) }

// A parser reads case logs strictly, keeping buffers from case to case.
type parser struct {
	events  []Event
	offsets []int  // where each event starts in the case's text
	scratch []byte // a string value, unescaped
	name    []byte // a member name, unescaped
	err     error  // the error that stopped members
	// labelText holds a case's label names and values end to end, and
	// labelEnds where each name and value ends in it, so that the case's
	// labels are made from one string.
	labelText []byte
	labelEnds []int
	labels    []label // the case's labels, made for it alone
}

// caseField are the members of a case object, by bit in parser.caseLog.
var caseFields = [...]string{"id", "birth_date", "labels", "events"}

const (
	caseID = iota
	caseBirth
	caseLabels
	caseEvents
)

// caseLog reads the case object at s.pos, whose text starts on line.
// p.events holds its events until the next call. On a syntax fault it
// returns a nil error and s.failed() reports it: a syntax fault is the
// framer's to locate. Errors are *DecodeErrors.
func (p *parser) caseLog(s *scanner, line int) (Log, error) {
	var l Log
	start := s.pos
	p.events, p.offsets, p.labels = p.events[:0], p.offsets[:0], nil
	fail := func(field string, err error) error {
		return &DecodeError{Line: line, Case: l.ID, Event: -1, Field: field, Err: err}
	}
	if s.peek() != '{' {
		return l, fail("", errors.New("want a JSON object with id, birth_date and events"))
	}
	s.pos++
	var seen uint8
	if !p.members(s, func(k []byte) error {
		i, ok := findName(&caseFieldSet, k)
		switch {
		case !ok:
			return fail(string(k), fmt.Errorf("field %q: unknown field; want one of id, birth_date, labels, events", k))
		case seen&(1<<i) != 0:
			return fail(string(k), fmt.Errorf("field %q appears more than once", k))
		}
		seen |= 1 << i
		switch i {
		case caseID:
			v, err := p.stringValue(s)
			if err != nil {
				return fail("id", fmt.Errorf("field %q: %w", "id", err))
			}
			l.ID = string(v)
		case caseBirth:
			v, err := p.stringValue(s)
			if err == nil {
				_, err = readDate(&l.BirthDate, v)
			}
			if err != nil {
				return fail("birth_date", fmt.Errorf("field %q: %w", "birth_date", err))
			}
		case caseLabels:
			var err error
			if p.labels, err = p.readLabels(s); err != nil {
				return fail("labels", fmt.Errorf("field %q: %w", "labels", err))
			}
		case caseEvents:
			return p.eventList(s, &l, start, line)
		}
		return nil
	}) {
		return l, p.err
	}
	for _, i := range [...]int{caseID, caseEvents} {
		if seen&(1<<i) == 0 {
			return l, fail(caseFields[i], fmt.Errorf("field %q: missing", caseFields[i]))
		}
	}
	l.Events = p.events
	return l, nil
}

// members reads the members of the object whose '{' is behind s.pos,
// calling member with each name (valid until the next call) and s at its
// value, which member must consume. It reports whether the object was read
// to its end; if not, p.err is member's error, or nil on a syntax fault.
func (p *parser) members(s *scanner, member func(name []byte) error) bool {
	p.err = nil
	for first := true; ; first = false {
		name, more := p.memberName(s, first)
		if !more {
			return !s.failed()
		}
		if err := member(name); err != nil || s.failed() {
			p.err = err
			return false
		}
	}
}

// memberName moves to the next member of the object whose '{' (first) or
// previous member is behind s.pos, and reads its name (valid until the next
// call) and the ':' after it. more reports that s is at the member's value;
// otherwise the object has ended, or s.failed() reports a syntax fault.
func (p *parser) memberName(s *scanner, first bool) (name []byte, more bool) {
	if name, ok := s.writtenName(first); ok {
		s.skipSpace()
		return name, true
	}
	s.skipSpace()
	switch c := s.peek(); {
	case c == '}':
		s.pos++
		return nil, false
	case first:
	case c == ',':
		s.pos++
	default:
		s.syntax("invalid character %s after object key:value pair", quoteChar(c))
		return nil, false
	}
	a, b, plain := s.key()
	if s.failed() {
		return nil, false
	}
	name = s.data[a:b]
	if !plain {
		p.name = unquote(p.name[:0], name)
		name = p.name
	}
	s.skipSpace()
	return name, true
}

// stringValue reads the string at s.pos and returns its value, valid until
// the next call; any other value is an error quoting it.
func (p *parser) stringValue(s *scanner) ([]byte, error) {
	if c := s.peek(); c != '"' {
		from := s.pos
		s.skip()
		if s.failed() {
			return nil, nil
		}
		return nil, fmt.Errorf("want a JSON string, got %s", truncate(s.data[from:s.pos]))
	}
	a, b, plain := s.str()
	if s.failed() {
		return nil, nil
	}
	if plain {
		return s.data[a:b], nil
	}
	p.scratch = unquote(p.scratch[:0], s.data[a:b])
	return p.scratch, nil
}

// MaxLabels is the most labels a case may carry: labels are a few facts
// such as team and worker, and a bound keeps a hostile case cheap to refuse.
const MaxLabels = 64

// labels reads the labels object at s.pos. The names and values are
// gathered first and made into strings at once, as slices of one string:
// one allocation for a case's labels, not one for each name and value.
func (p *parser) readLabels(s *scanner) ([]label, error) {
	if c := s.peek(); c != '{' {
		from := s.pos
		s.skip()
		return nil, fmt.Errorf("want a JSON object of strings, got %s", truncate(s.data[from:min(s.pos, len(s.data))]))
	}
	s.pos++
	p.labelText, p.labelEnds = p.labelText[:0], p.labelEnds[:0]
	if !p.members(s, func(k []byte) error {
		// At most MaxLabels names, so looking through them is cheap.
		for i := 0; i < len(p.labelEnds); i += 2 {
			if string(p.labelText[p.nameStart(i):p.labelEnds[i]]) == string(k) {
				return fmt.Errorf("label %q appears more than once", k)
			}
		}
		if len(p.labelEnds) == 2*MaxLabels {
			return fmt.Errorf("more than %d labels", MaxLabels)
		}
		v, err := p.stringValue(s)
		if err != nil {
			return fmt.Errorf("label %q: %w", k, err)
		}
		p.labelText = append(p.labelText, k...)
		p.labelEnds = append(p.labelEnds, len(p.labelText))
		p.labelText = append(p.labelText, v...)
		p.labelEnds = append(p.labelEnds, len(p.labelText))
		return nil
	}) {
		return nil, p.err
	}
	all := string(p.labelText)
	out := make([]label, len(p.labelEnds)/2)
	for i := range out {
		out[i] = label{all[p.nameStart(2*i):p.labelEnds[2*i]], all[p.labelEnds[2*i]:p.labelEnds[2*i+1]]}
	}
	sortLabels(out)
	return out, nil
}

// nameStart returns where the i'th label name (i even) starts in p.labelText.
func (p *parser) nameStart(i int) int {
	if i == 0 {
		return 0
	}
	return p.labelEnds[i-1]
}

// eventList reads the events array at s.pos into p.events.
func (p *parser) eventList(s *scanner, l *Log, caseStart, line int) error {
	if c := s.peek(); c != '[' {
		from := s.pos
		s.skip()
		if s.failed() {
			return nil
		}
		return &DecodeError{Line: line, Case: l.ID, Event: -1, Field: "events", Err: fmt.Errorf("field %q: want a JSON array, got %s", "events", truncate(s.data[from:s.pos]))}
	}
	s.pos++
	s.skipSpace()
	if s.peek() == ']' {
		s.pos++
		return nil
	}
	for i := 0; !s.failed(); i++ {
		s.skipSpace()
		p.offsets = append(p.offsets, s.pos)
		// The event is read in place, in the parser's buffer.
		p.events = append(p.events, Event{})
		if err := p.event(s, i, &p.events[len(p.events)-1]); err != nil {
			return p.locate(s.data[caseStart:], line, l.ID, err)
		}
		s.skipSpace()
		switch c := s.peek(); {
		case c == ',':
			s.pos++
		case c == ']':
			s.pos++
			return nil
		default:
			s.syntax("invalid character %s after array element", quoteChar(c))
		}
	}
	return nil
}

// written reads, at s.pos, text as the writer spells a member: prefix,
// such as `"type":"`, then a string of plain ASCII and its closing quote. It
// returns the string's span, or false, having moved nothing, for any other
// text (white space, escapes, a name or value spelt otherwise, the end of
// the data), which the caller reads as any member.
func (s *scanner) written(prefix string) (span, bool) {
	d := s.data[s.pos:]
	if len(d) < len(prefix) || string(d[:len(prefix)]) != prefix {
		return span{}, false
	}
	i := len(prefix)
	for i < len(d) && !strSpecial[d[i]] {
		i++
	}
	if i == len(d) || d[i] != '"' {
		return span{}, false
	}
	v := span{start: s.pos + len(prefix), end: s.pos + i, kind: 'p'}
	s.pos += i + 1
	return v, true
}

// writtenName reads, at s.pos, a member's name as the writer spells it:
// `"name":` for the first member of an object, `,"name":` for the others,
// the name plain ASCII. It returns the name, or false, having moved
// nothing, for any other text, which memberName reads token by token.
func (s *scanner) writtenName(first bool) ([]byte, bool) {
	d := s.data[s.pos:]
	j := 1 // the name's opening quote
	if first {
		j = 0
	}
	if len(d) <= j || d[j] != '"' || !first && d[0] != ',' {
		return nil, false
	}
	i := j + 1
	for i < len(d) && !strSpecial[d[i]] {
		i++
	}
	if i+1 >= len(d) || d[i] != '"' || d[i+1] != ':' {
		return nil, false
	}
	s.pos += i + 2
	return d[j+1 : i], true
}

// writtenMember reads, at s.pos, a member after the first as the writer
// spells it: `,"name":"value"`, the name and value plain ASCII. It returns
// the name and the value's span, or false, having moved nothing, for any
// other text, which the caller reads token by token.
func (s *scanner) writtenMember() (name []byte, v span, ok bool) {
	d := s.data[s.pos:]
	if len(d) < 2 || d[0] != ',' || d[1] != '"' {
		return nil, span{}, false
	}
	i := 2
	for i < len(d) && !strSpecial[d[i]] {
		i++
	}
	if i+2 >= len(d) || d[i] != '"' || d[i+1] != ':' || d[i+2] != '"' {
		return nil, span{}, false
	}
	name, i = d[2:i], i+3
	start := i
	for i < len(d) && !strSpecial[d[i]] {
		i++
	}
	if i == len(d) || d[i] != '"' {
		return nil, span{}, false
	}
	v = span{start: s.pos + start, end: s.pos + i, kind: 'p'}
	s.pos += i + 1
	return name, v, true
}

// value reads the member value at s.pos and returns its span.
func (s *scanner) value() span {
	if s.peek() != '"' {
		v := span{start: s.pos, kind: 'v'}
		s.skip()
		v.end = s.pos
		return v
	}
	a, b, plain := s.str()
	if plain {
		return span{start: a, end: b, kind: 'p'}
	}
	return span{start: a, end: b, kind: 's'}
}

// A span is where a member's value lies in the text, and whether it is a
// plain string, an escaped string, or of another JSON type.
type span struct {
	start, end int
	kind       byte // 0 absent; 'p' plain string; 's' string; 'v' other
}

// event reads the event object at s.pos into ev, which is zero: first each
// member's place, in one pass, then the members in table order, once the
// type is known.
func (p *parser) event(s *scanner, index int, ev *Event) error {
	if c := s.peek(); c != '{' {
		from := s.pos
		s.skip()
		if s.failed() {
			return nil
		}
		return eventError(index, 0, "", "want a JSON object, got "+truncate(s.data[from:s.pos]), nil)
	}
	s.pos++
	var vals [numEventFields]span
	var unknown string
	// Type and date first, as the writer puts them, are taken at once: they
	// are most of what a log holds, and reading them as any other members
	// gives the same spans.
	first := true
	if v, ok := s.written(`"type":"`); ok {
		vals[fieldType], first = v, false
		if v, ok := s.written(`,"date":"`); ok {
			vals[fieldDate] = v
		}
	}
	// The members are read in a loop of its own, not through members, as
	// an event is read for every line of a log: no call per member.
	// A member as the writer spells it is taken at once too; any other is
	// read token by token.
	for ; ; first = false {
		k, v, written := s.writtenMember()
		written = written && !first
		if !written {
			var more bool
			if k, more = p.memberName(s, first); !more {
				break
			}
		}
		i, known := findName(&eventFieldSet, k)
		if known && vals[i].kind != 0 {
			return eventError(index, 0, string(k), "appears more than once", nil)
		}
		if !known && unknown == "" {
			unknown = string(k)
		}
		if !written {
			v = s.value()
		}
		if known {
			vals[i] = v
		}
	}
	if s.failed() {
		return nil
	}
	return p.eventFields(s, index, ev, &vals, unknown)
}

// eventError is the error of an event's field, naming the type read so far
// (zero before it is read).
func eventError(index int, typ EventType, field, msg string, err error) error {
	return &EventError{Index: index, Event: typ, Field: field, Message: msg, Err: err}
}

// eventFields reads the members whose places are in vals into ev, in table
// order, so that the type is known before any member that depends on it.
func (p *parser) eventFields(s *scanner, index int, ev *Event, vals *[numEventFields]span, unknown string) error {
	for i, v := range vals {
		f := &eventFields[i]
		switch {
		case i == fieldType && v.kind == 0:
			return eventError(index, ev.Type, "type", "missing", nil)
		case v.kind == 0:
			continue
		case v.kind == 'v':
			return eventError(index, ev.Type, f.name, "want a JSON string, got "+truncate(s.data[v.start:v.end]), nil)
		case !f.carries(ev.Type):
			return eventError(index, ev.Type, f.name, "unknown field for this event type", nil)
		}
		val := s.data[v.start:v.end]
		if v.kind == 's' {
			p.scratch = unquote(p.scratch[:0], val)
			val = p.scratch
		}
		if msg, err := f.read(ev, val); msg != "" || err != nil {
			return eventError(index, ev.Type, f.name, msg, err)
		}
		if i == fieldType && unknown != "" {
			return eventError(index, ev.Type, unknown, "unknown field for this event type", nil)
		}
	}
	return ev.validate(index)
}

func truncate(raw []byte) string {
	if len(raw) > 20 {
		return string(raw[:20]) + "..."
	}
	return string(raw)
}

// locate turns an error in a case whose text (from its start) is raw and
// which starts on line into a *DecodeError with the line of the event at
// fault.
func (p *parser) locate(raw []byte, line int, id string, err error) *DecodeError {
	de := &DecodeError{Line: line, Case: id, Event: -1, Err: err}
	var (
		ee *EventError
		te *TransitionError
		oe *OrderError
	)
	switch {
	case errors.As(err, &ee):
		de.Event, de.Field = ee.Index, ee.Field
	case errors.As(err, &te):
		de.Event = te.Index
	case errors.As(err, &oe):
		de.Event = oe.Index
	}
	if de.Event >= 0 && de.Event < len(p.offsets) {
		de.Line += bytes.Count(raw[:min(len(raw), p.offsets[de.Event])], []byte{'\n'})
	}
	return de
}
