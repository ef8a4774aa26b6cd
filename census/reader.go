package census

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/workingtogether/safeguarding/holidays"
)

// maxText bounds what the reader keeps of one leaf element. No census value
// comes near it; a longer one means a corrupt file.
const maxText = 64 << 10

// maxWarnings bounds the warnings kept from outside any child. Past it they
// are only counted, so that a file of a million stray elements is read in
// the memory of one child, not of the file.
const maxWarnings = 1000

// A Reader reads a census file one child at a time. It holds the current
// child only, so memory stays bounded by the largest child, not the file.
//
// A Reader is not safe for concurrent use. After Next returns an error other
// than io.EOF, every later call returns the same error.
type Reader struct {
	sc     *scanner
	header Header
	strays strays // warnings outside any child
	leaf   []byte // the current leaf's text, reused

	started    bool // the root element has been opened
	inChildren bool // inside a Children element
	done       bool // the root element has been closed
	err        error

	// path holds the open elements' names, for errors and warnings: the
	// scanner's own copies, which stay as they are while the element is
	// open (a known name never changes, and the scanner rewrites its copy
	// of another only for the next element at the same depth).
	path  [][]byte
	child *Child // the child being read (&cur), for warnings and errors, or nil
	// cur is the child being read, held here rather than in readChild so
	// that the closures reading it do not move a new Child to the heap for
	// every child of the file.
	cur Child
	// valueErr is the first bad value met in the current child: the reader
	// keeps reading to the end of the child, so that the error can name the
	// child even when its LAchildID comes after the bad value.
	valueErr *Error

	// A child's lists are gathered in scratch, reused from child to child,
	// and then copied into blocks shared by many children (keep), so that
	// reading a child costs a few allocations rather than one per list and
	// string.
	scratch lists
	blocks  lists
	codes   map[string]string // coded values, each kept once
	recent  [64]string        // the codes met last, by a hash of each (intern)
}

// lists holds a slice of each kind a Child has.
type lists struct {
	episodes    []Episode
	assessments []Assessment
	cinPlans    []CINPlan
	section47s  []Section47
	plans       []ProtectionPlan
	dates       []holidays.Date
	words       []string
}

// recycle readies l's blocks to be written over from their start by the
// next children read into them, each block sized for as many records as
// children holds (the children last read into l): a Pipeline worker reads
// each chunk into the blocks of the chunk's slot, used again once the
// consumer is done with that chunk, so that after a few chunks reading
// allocates nothing, and writes to memory that is still in cache. The
// children keep their slices until the blocks are next written to.
func (l *lists) recycle(children []Child) {
	var eps, as, cps, s47s, pls, dates, words int
	for i := range children {
		c := &children[i]
		eps, words = eps+len(c.Episodes), words+len(c.Disabilities)
		for j := range c.Episodes {
			e := &c.Episodes[j]
			as, cps, s47s, pls = as+len(e.Assessments), cps+len(e.CINPlans), s47s+len(e.Section47s), pls+len(e.Plans)
			for k := range e.Assessments {
				words += len(e.Assessments[k].Factors)
			}
			for k := range e.Plans {
				dates += len(e.Plans[k].Reviews)
			}
		}
	}
	reuse(&l.episodes, eps)
	reuse(&l.assessments, as)
	reuse(&l.cinPlans, cps)
	reuse(&l.section47s, s47s)
	reuse(&l.plans, pls)
	reuse(&l.dates, dates)
	reuse(&l.words, words)
}

// reuse empties block, replacing it with a larger one (by a quarter, so
// that a chunk a little fuller than the last still fits) when it cannot
// hold need records.
func reuse[T any](block *[]T, need int) {
	if cap(*block) < need {
		*block = make([]T, 0, need+need/4)
		return
	}
	*block = (*block)[:0]
}

// maxCodes bounds the coded values a Reader keeps: a census code list has
// tens of values, so a file that goes past it is holding identifiers in a
// coded element, and those are no longer kept.
const maxCodes = 1024

// intern returns s as a string, the same string for the same coded value
// each time.
func (r *Reader) intern(s []byte) string {
	if len(s) == 0 {
		return ""
	}
	// A code is most often the one last met in its slot of recent, which
	// is cheaper to compare than the map is to search.
	slot := &r.recent[shortHash(s)%len(r.recent)]
	if *slot == string(s) {
		return *slot
	}
	v, ok := r.codes[string(s)]
	if !ok {
		v = string(s)
		if r.codes == nil {
			r.codes = map[string]string{}
		}
		if len(r.codes) < maxCodes {
			r.codes[v] = v
		}
	}
	*slot = v
	return v
}

// NewReader returns a Reader of the census XML in r. Input in UTF-8, US-ASCII,
// ISO-8859-1 or Windows-1252 is understood (the XML declaration says which).
func NewReader(r io.Reader) *Reader {
	return &Reader{sc: newScanner(r)}
}

// Header returns the file's header, reading as far as the first child to find
// it. A file with no Header gives the zero Header.
func (r *Reader) Header() (Header, error) {
	if r.err != nil {
		return Header{}, r.err
	}
	if err := r.toChildren(); err != nil {
		r.err = err
		return Header{}, err
	}
	return r.header, nil
}

// Warnings returns the warnings met outside any child so far (in the header,
// or in elements the reader does not know). Warnings within a child are on
// the [Child]. The first 1,000 are kept; if there were more, a last warning
// says how many more there were, at the line of the last of them.
func (r *Reader) Warnings() []Warning {
	s := &r.strays
	if s.dropped == 0 {
		return s.kept
	}
	return append(slices.Clip(s.kept), Warning{Element: "Message", Line: s.lastLine,
		Message: fmt.Sprintf("%d more warnings outside any child, not kept", s.dropped)})
}

// Next returns the next child. At the end of the file it returns io.EOF,
// having checked that the rest of the document is well formed. Any other
// error is an *[Error].
func (r *Reader) Next() (Child, error) {
	if r.err != nil {
		return Child{}, r.err
	}
	c, err := r.next()
	if err != nil {
		r.err = err
		return Child{}, err
	}
	return c, nil
}

// All returns an iterator over the remaining children. It stops after the
// first error, which it yields with a zero Child; the end of the file is not
// an error.
func (r *Reader) All() iter.Seq2[Child, error] {
	return func(yield func(Child, error) bool) {
		for {
			c, err := r.Next()
			if err == io.EOF {
				return
			}
			if !yield(c, err) || err != nil {
				return
			}
		}
	}
}

// A File is a whole census file in memory.
type File struct {
	Header   Header    `json:"header"`
	Children []Child   `json:"children"`
	Warnings []Warning `json:"warnings,omitempty"` // outside any child
}

// ReadAll reads a whole census file into memory. It suits small files and
// tests; a host reading a large authority's file should loop over
// [Reader.Next] instead.
func ReadAll(r io.Reader) (*File, error) {
	rd := NewReader(r)
	h, err := rd.Header()
	if err != nil {
		return nil, err
	}
	f := &File{Header: h}
	for c, err := range rd.All() {
		if err != nil {
			return nil, err
		}
		f.Children = append(f.Children, c)
	}
	f.Warnings = rd.Warnings()
	return f, nil
}

func (r *Reader) pos() (line, col int) { return r.sc.position() }

func (r *Reader) where() string { return string(bytes.Join(r.path, []byte("/"))) }

func (r *Reader) childID() string {
	if r.child != nil {
		return r.child.LAchildID
	}
	return ""
}

func (r *Reader) warn(line int, format string, args ...any) {
	if r.child == nil && r.strays.full() {
		r.strays.drop(line) // not formatted: it would be dropped
		return
	}
	w := Warning{LAchildID: r.childID(), Element: r.where(), Line: line, Message: fmt.Sprintf(format, args...)}
	if r.child != nil {
		r.child.Warnings = append(r.child.Warnings, w)
		return
	}
	r.strays.add(w)
}

// strays are the warnings met outside any child: the first maxWarnings,
// and a count of the rest, so that a file of a million stray elements is
// read in the memory of one child.
type strays struct {
	kept     []Warning
	dropped  int // warnings past maxWarnings
	lastLine int // the line of the last of them
}

func (s *strays) full() bool { return len(s.kept) >= maxWarnings }

func (s *strays) drop(line int) { s.dropped, s.lastLine = s.dropped+1, line }

func (s *strays) add(w Warning) {
	if s.full() {
		s.drop(w.Line)
		return
	}
	s.kept = append(s.kept, w)
}

// absorb adds o, met in the part of the file that follows the part where
// s were met, as if they had been met one by one.
func (s *strays) absorb(o strays) {
	for _, w := range o.kept {
		s.add(w)
	}
	if o.dropped > 0 {
		s.dropped += o.dropped
		s.lastLine = o.lastLine
	}
}

// betweenChildren reports whether r stands between two children in a
// Children element, where it can hand the rest of the file to another
// reader (see resume), having read nothing past its scanner's position.
func (r *Reader) betweenChildren() bool {
	return r.inChildren && !r.done && r.child == nil && !r.sc.pendingEnd && !r.sc.converted
}

// frozen returns a copy of r's place in the document, for resume, that
// does not change as r reads on.
func (r *Reader) frozen() *Reader {
	f := &Reader{header: r.header, sc: &scanner{}}
	for _, name := range r.path {
		f.path = append(f.path, slices.Clone(name))
	}
	for _, e := range r.sc.stack {
		f.sc.stack = append(f.sc.stack, openElem{slices.Clone(e.name), e.prefix})
	}
	return f
}

// resume makes r read the document that from has read up to boundary at,
// where from stood between children: from src, or, when src is nil, from
// data alone. With cut, data is a chunk of the input, and Next returns
// io.EOF at its end if it ends between children (see atCut). r keeps its
// buffers, and starts with no warnings.
func (r *Reader) resume(from *Reader, at boundary, src io.Reader, data []byte, cut bool) {
	r.header = from.header
	// A Header later in the chunk appends to its own Sources, never into
	// the array the readers of other chunks share.
	r.header.Sources = slices.Clip(r.header.Sources)
	r.strays = strays{}
	r.started, r.inChildren, r.done, r.err = true, true, false, nil
	r.path = append(r.path[:0], from.path...)
	r.child, r.valueErr = nil, nil
	if r.sc == nil {
		r.sc = &scanner{}
	}
	r.sc.reset(src, data, at, from.sc.stack)
	r.sc.cut = cut
}

// atCut reports whether r has read a chunk to its end and stands between
// children, with the elements open that were open where it started
// (from's): the chunk then ends at a boundary the whole file has too.
func (r *Reader) atCut(from *Reader) bool {
	if !r.sc.cut || r.sc.pos != r.sc.end || !r.betweenChildren() || !slices.EqualFunc(r.path, from.path, bytes.Equal) || len(r.sc.stack) != len(from.sc.stack) {
		return false
	}
	for i, e := range r.sc.stack {
		if !bytes.Equal(e.name, from.sc.stack[i].name) {
			return false
		}
	}
	return true
}

// fail makes an error at the current element and position.
func (r *Reader) fail(value, msg string, err error) *Error {
	line, col := r.pos()
	return &Error{LAchildID: r.childID(), Element: r.where(), Line: line, Column: col, Value: value, Message: msg, Err: err}
}

// token reads the next token into r.sc, turning the scanner's errors into
// *Error. The end of the input is an error here: callers that may meet it
// use the scanner directly.
func (r *Reader) token() (tokKind, error) {
	if err := r.sc.next(); err != nil || r.sc.kind == tokEOF {
		return 0, r.tokenErr(err)
	}
	return r.sc.kind, nil
}

// tokenErr is token's error: the scanner's err, or else the end of the input.
func (r *Reader) tokenErr(err error) error {
	if err != nil {
		return r.syntax(err)
	}
	return r.fail("", "unexpected end of file", io.ErrUnexpectedEOF)
}

// syntax makes an *Error of a scanner error.
func (r *Reader) syntax(err error) *Error {
	e := r.fail("", "malformed XML: "+err.Error(), err)
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		e.Message = "malformed XML: " + se.Msg
		e.Line, e.Column = se.Line, r.sc.errCol
	}
	return e
}

// push adds an element to the path: name is the scanner's (see path), or
// else a name that never changes.
func (r *Reader) push(name []byte) { r.path = append(r.path, name) }

func (r *Reader) pop() { r.path = r.path[:len(r.path)-1] }

// elements reads the content of the element just opened up to its end tag,
// calling f for each child element with the element pushed on the path. f
// must read the element to its end tag. Text between elements is warned of.
func (r *Reader) elements(f func(name []byte, line int) error) error {
	for {
		// token, written out: this loop reads most of a file's tokens.
		if err := r.sc.next(); err != nil || r.sc.kind == tokEOF {
			return r.tokenErr(err)
		}
		switch r.sc.kind {
		case tokStart:
			line := r.sc.lineNow()
			name := r.sc.local
			r.push(name)
			if err := f(name, line); err != nil {
				return err
			}
			r.pop()
		case tokEnd:
			return nil
		case tokText:
			r.strayText()
		}
	}
}

// strayText warns of the text just read if it is not white space. The line
// is where the text itself starts, not where the white space before it
// does.
func (r *Reader) strayText() {
	t := r.sc.text
	i := 0
	for i < len(t) && asciiSpace(t[i]) { // the line ends between elements
		i++
	}
	if i == len(t) {
		return
	}
	i = bytes.IndexFunc(t, func(c rune) bool { return !unicode.IsSpace(c) })
	if i < 0 {
		return
	}
	line := r.sc.tokenLine() + bytes.Count(t[:i], []byte("\n"))
	r.warn(line, "unexpected text %q, ignored", clip(string(bytes.TrimSpace(t))))
}

// asciiSpace reports whether c is one of the ASCII white space bytes
// bytes.TrimSpace trims.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// skip passes over the element just opened, and everything in it, with a
// warning.
func (r *Reader) skip(line int) error {
	r.warn(line, "unknown element, skipped")
	return r.skipQuiet()
}

func (r *Reader) skipQuiet() error {
	for depth := 1; depth > 0; {
		kind, err := r.token()
		if err != nil {
			return err
		}
		switch kind {
		case tokStart:
			depth++
		case tokEnd:
			depth--
		}
	}
	return nil
}

// text reads the text of the leaf element just opened, trimmed of
// surrounding white space. Elements nested in a leaf are skipped with a
// warning. The text is valid until the next read.
func (r *Reader) text() ([]byte, error) {
	if t, ok := r.sc.leaf(); ok {
		// A plain leaf's text is ASCII, so only ASCII white space can
		// surround it, and a value most often has none.
		if len(t) > 0 && !asciiSpace(t[0]) && !asciiSpace(t[len(t)-1]) {
			return t, nil
		}
		return bytes.TrimSpace(t), nil
	}
	r.leaf = r.leaf[:0]
	for {
		kind, err := r.token()
		if err != nil {
			return nil, err
		}
		switch kind {
		case tokText:
			t := r.sc.text
			if len(r.leaf)+len(t) > maxText {
				return nil, r.fail(clip(string(r.leaf)), fmt.Sprintf("text longer than %d bytes", maxText), nil)
			}
			r.leaf = append(r.leaf, t...)
		case tokStart:
			line := r.sc.lineNow()
			r.push(r.sc.local)
			if err := r.skip(line); err != nil {
				return nil, err
			}
			r.pop()
		case tokEnd:
			return bytes.TrimSpace(r.leaf), nil
		}
	}
}

// valueError keeps the first bad value of the current child, or fails at
// once outside a child.
func (r *Reader) valueError(e *Error) error {
	if r.child == nil {
		return e
	}
	if r.valueErr == nil {
		r.valueErr = e
	}
	return nil
}

// date reads a date element. An empty element is an absent date: suppliers
// write <CINclosureDate/> for an open episode.
func (r *Reader) date(into *holidays.Date, line int) error {
	s, ok := r.sc.dateLeaf()
	if !ok {
		var err error
		if s, err = r.text(); err != nil {
			return err
		}
	}
	if len(s) == 0 {
		return nil
	}
	if !into.IsZero() {
		r.warn(line, "repeated element, the first is kept")
		return nil
	}
	d, msg, perr := parseDate(s)
	if msg != "" {
		e := r.fail(string(s), msg, perr)
		e.Line, e.Column = line, 0
		return r.valueError(e)
	}
	*into = d
	return nil
}

// parseDate reads an xs:date: YYYY-MM-DD, optionally followed by a time
// zone, exactly "Z" or ±hh:mm (XML Schema Part 2, 3.2.9 and 3.2.7.3, hh
// at most 14), which says nothing about the civil day and is dropped. It
// returns the date, or why it is not one.
func parseDate(s []byte) (d holidays.Date, msg string, err error) {
	day, zone := s, s[:0]
	if len(s) > 10 {
		day, zone = s[:10], s[10:]
	}
	if len(zone) > 0 && (zone[0] == 'Z' || zone[0] == '+' || zone[0] == '-') && !validZone(zone) {
		return d, "bad time zone (want Z, +hh:mm or -hh:mm)", nil
	}
	if len(zone) > 0 && !validZone(zone) {
		return d, "not a date (want YYYY-MM-DD)", nil
	}
	if d, ok := isoDay(day); ok {
		return d, "", nil
	}
	// The rare bad date: holidays says what is wrong with it.
	d, err = holidays.ParseDate(string(day))
	if err != nil {
		return holidays.Date{}, "not a date (want YYYY-MM-DD)", err
	}
	return d, "", nil
}

// isoDay reads YYYY-MM-DD in ASCII digits, reporting false for anything
// else, or a day that does not exist.
func isoDay(day []byte) (holidays.Date, bool) {
	if len(day) != 10 || day[4] != '-' || day[7] != '-' {
		return holidays.Date{}, false
	}
	century, year := num2(day[0], day[1]), num2(day[2], day[3])
	d := holidays.Date{Year: century*100 + year, Month: time.Month(num2(day[5], day[6])), Day: num2(day[8], day[9])}
	return d, century >= 0 && year >= 0 && d.IsValid()
}

// num2 reads two ASCII digits, or returns -1.
func num2(a, b byte) int {
	if !isDigit(a) || !isDigit(b) {
		return -1
	}
	return int(a-'0')*10 + int(b-'0')
}

// validZone: "Z", or ±hh:mm from -14:00 to +14:00.
func validZone(z []byte) bool {
	if len(z) == 1 {
		return z[0] == 'Z'
	}
	if len(z) != 6 || z[0] != '+' && z[0] != '-' || z[3] != ':' {
		return false
	}
	h, m := num2(z[1], z[2]), num2(z[4], z[5])
	return h >= 0 && m >= 0 && m <= 59 && (h < 14 || h == 14 && m == 0)
}

// str reads a text element into a string field.
func (r *Reader) str(into *string, line int) error {
	return r.textInto(into, line, false)
}

// word reads a coded element (from a code list: Ethnicity, ReferralSource
// and the like) into a string field, sharing one string among the children
// with the same code.
func (r *Reader) word(into *string, line int) error {
	return r.textInto(into, line, true)
}

// textInto reads a text element into a string field, sharing the string
// of a coded value.
func (r *Reader) textInto(into *string, line int, coded bool) error {
	s, err := r.text()
	if err != nil {
		return err
	}
	if len(s) != 0 && *into != "" {
		r.warn(line, "repeated element, the first is kept")
		return nil
	}
	switch {
	case *into != "":
	case coded:
		*into = r.intern(s)
	default:
		*into = string(s)
	}
	return nil
}

// code reads a coded element, warning of a value outside its code list: a
// 2026 file with Sex 1 has kept the GenderCurrent codes of earlier years.
// The value is kept as written.
func (r *Reader) code(into *string, line int, codes ...string) error {
	if err := r.word(into, line); err != nil {
		return err
	}
	if *into != "" && !slices.Contains(codes, *into) {
		r.warn(line, "%q is not one of %s", *into, strings.Join(codes, ", "))
	}
	return nil
}

// flag reads a boolean element: 0, 1, true or false in any case.
func (r *Reader) flag(into *Flag, line int) error {
	s, err := r.text()
	if err != nil {
		return err
	}
	var f Flag
	switch {
	case len(s) == 0:
		return nil
	case string(s) == "1" || bytes.EqualFold(s, []byte("true")):
		f = Yes
	case string(s) == "0" || bytes.EqualFold(s, []byte("false")):
		f = No
	default:
		e := r.fail(string(s), "not a boolean (want 0, 1, true or false)", nil)
		e.Line, e.Column = line, 0
		return r.valueError(e)
	}
	if *into != Unset {
		r.warn(line, "repeated element, the first is kept")
		return nil
	}
	*into = f
	return nil
}

// toChildren reads the document up to the first Child (or the end), reading
// the header on the way.
func (r *Reader) toChildren() error {
	if !r.started {
		if err := r.root(); err != nil {
			return err
		}
	}
	for !r.inChildren && !r.done {
		if err := r.messageStep(); err != nil {
			return err
		}
	}
	return nil
}

// root finds the root element, which must be Message.
func (r *Reader) root() error {
	for {
		if err := r.sc.next(); err != nil {
			return r.syntax(err)
		}
		switch r.sc.kind {
		case tokEOF:
			return r.fail("", "no Message element: not a census file", nil)
		case tokStart:
			r.push(r.sc.local)
			if string(r.sc.local) != "Message" {
				return r.fail("", "the root element is not Message: not a census file", nil)
			}
			r.started = true
			return nil
		case tokText:
			// A byte-order mark, which Windows exports often begin with,
			// reaches us as text.
			if s := bytes.TrimSpace(bytes.TrimPrefix(r.sc.text, []byte("\ufeff"))); len(s) > 0 {
				return r.fail(clip(string(s)), "text before the root element", nil)
			}
		}
	}
}

// messageStep reads one item at the Message level.
func (r *Reader) messageStep() error {
	kind, err := r.token()
	if err != nil {
		return err
	}
	switch kind {
	case tokStart:
		line := r.sc.lineNow()
		r.push(r.sc.local)
		switch string(r.sc.local) {
		case "Header":
			if err := r.readHeader(line); err != nil {
				return err
			}
		case "Children":
			r.inChildren = true
			return nil // stays pushed while the children are read
		default:
			if err := r.skip(line); err != nil {
				return err
			}
		}
		r.pop()
	case tokEnd:
		r.pop()
		r.done = true
		return r.trailer()
	case tokText:
		r.strayText()
	}
	return nil
}

// trailer checks that nothing but comments and white space follow the root
// element.
func (r *Reader) trailer() error {
	for {
		if err := r.sc.next(); err != nil {
			return r.syntax(err)
		}
		switch r.sc.kind {
		case tokEOF:
			return nil
		case tokStart:
			return r.fail("", fmt.Sprintf("element %s after the end of Message", r.sc.local), nil)
		case tokText:
			if s := bytes.TrimSpace(r.sc.text); len(s) > 0 {
				return r.fail(clip(string(s)), "text after the end of Message", nil)
			}
		}
	}
}

func (r *Reader) next() (Child, error) {
	for {
		if err := r.toChildren(); err != nil {
			return Child{}, err
		}
		if r.done || r.sc.cut && r.sc.pos == r.sc.end && r.inChildren {
			return Child{}, io.EOF
		}
		kind, err := r.token()
		if err != nil {
			return Child{}, err
		}
		switch kind {
		case tokStart:
			line := r.sc.lineNow()
			r.push(r.sc.local)
			if string(r.sc.local) == "Child" {
				c, err := r.readChild(line)
				r.pop()
				return c, err
			}
			if err := r.skip(line); err != nil {
				return Child{}, err
			}
			r.pop()
		case tokEnd:
			r.pop()
			r.inChildren = false
		case tokText:
			r.strayText()
		}
	}
}

func (r *Reader) readHeader(line int) error {
	r.header.Line = line
	err := r.elements(func(name []byte, line int) error {
		switch string(name) {
		case "CollectionDetails":
			return r.elements(func(name []byte, line int) error {
				switch string(name) {
				case "Collection":
					return r.str(&r.header.Collection, line)
				case "Year":
					s, err := r.text()
					if err != nil || len(s) == 0 {
						return err
					}
					y, perr := strconv.Atoi(string(s))
					if perr != nil || y < 1 || y > 9999 {
						e := r.fail(string(s), "not a year", perr)
						e.Line, e.Column = line, 0
						return e
					}
					r.header.Year = y
					return nil
				case "ReferenceDate":
					return r.date(&r.header.ReferenceDate, line)
				}
				return r.skip(line)
			})
		case "Source":
			var s Source
			err := r.elements(func(name []byte, line int) error {
				switch string(name) {
				case "SourceLevel":
					return r.str(&s.SourceLevel, line)
				case "LEA":
					return r.str(&s.LEA, line)
				case "SoftwareCode":
					return r.str(&s.SoftwareCode, line)
				case "Release":
					return r.str(&s.Release, line)
				case "SerialNo":
					return r.str(&s.SerialNo, line)
				case "DateTime":
					return r.str(&s.DateTime, line)
				}
				return r.skip(line)
			})
			r.header.Sources = append(r.header.Sources, s)
			return err
		case "Content":
			// The CBDS levels block of older COLLECT headers: known, and
			// of no use here.
			return r.skipQuiet()
		}
		return r.skip(line)
	})
	if err != nil {
		return err
	}
	if h := r.header; h.Year != 0 && h.ReferenceDate.IsValid() && h.Year != h.ReferenceDate.Year {
		r.push([]byte("CollectionDetails"))
		r.warn(line, "Year %d does not match ReferenceDate %s: the figures follow the reference date", h.Year, h.ReferenceDate)
		r.pop()
	}
	return nil
}

func (r *Reader) readChild(line int) (Child, error) {
	r.cur = Child{Line: line}
	c := &r.cur
	r.child, r.valueErr = c, nil
	defer func() { r.child = nil }()
	eps := r.scratch.episodes[:0]
	err := r.elements(func(name []byte, line int) error {
		switch string(name) {
		case "ChildIdentifiers":
			return r.elements(func(name []byte, line int) error {
				switch string(name) {
				case "LAchildID":
					return r.str(&c.LAchildID, line)
				case "UPN":
					return r.str(&c.UPN, line)
				case "FormerUPN":
					return r.str(&c.FormerUPN, line)
				case "UPNunknown":
					return r.word(&c.UPNunknown, line)
				case "PersonBirthDate":
					return r.date(&c.BirthDate, line)
				case "ExpectedPersonBirthDate":
					return r.date(&c.ExpectedBirthDate, line)
				case "PersonDeathDate":
					return r.date(&c.DeathDate, line)
				case "Sex":
					return r.code(&c.Sex, line, "M", "F", "U")
				case "GenderCurrent":
					return r.code(&c.GenderCurrent, line, "0", "1", "2", "9")
				}
				return r.skip(line)
			})
		case "ChildCharacteristics":
			return r.elements(func(name []byte, line int) error {
				switch string(name) {
				case "Ethnicity":
					return r.word(&c.Ethnicity, line)
				case "Disabilities":
					return r.list(&c.Disabilities, "Disability")
				}
				return r.skip(line)
			})
		case "CINdetails":
			e, err := r.readEpisode(line)
			eps = append(eps, e)
			return err
		}
		return r.skip(line)
	})
	c.Episodes, r.scratch.episodes = keep(&r.blocks.episodes, eps), eps[:0]
	if err != nil {
		return Child{}, err
	}
	if r.valueErr != nil {
		r.valueErr.LAchildID = c.LAchildID
		return Child{}, r.valueErr
	}
	if c.LAchildID == "" {
		r.warn(line, "no LAchildID")
	}
	return *c, nil
}

// list reads a container of repeated coded elements named item.
func (r *Reader) list(into *[]string, item string) error {
	words := append(r.scratch.words[:0], *into...)
	err := r.elements(func(name []byte, line int) error {
		if string(name) != item {
			return r.skip(line)
		}
		s, err := r.text()
		if err != nil {
			return err
		}
		if len(s) != 0 {
			words = append(words, r.intern(s))
		}
		return nil
	})
	*into, r.scratch.words = keep(&r.blocks.words, words), words[:0]
	return err
}

func (r *Reader) readEpisode(line int) (Episode, error) {
	e := Episode{Line: line}
	sc := &r.scratch
	as, cps, s47s, pls := sc.assessments[:0], sc.cinPlans[:0], sc.section47s[:0], sc.plans[:0]
	err := r.elements(func(name []byte, line int) error {
		switch string(name) {
		case "CINreferralDate":
			return r.date(&e.ReferralDate, line)
		case "ReferralSource":
			return r.word(&e.ReferralSource, line)
		case "PrimaryNeedCode":
			return r.word(&e.PrimaryNeedCode, line)
		case "CINclosureDate":
			return r.date(&e.ClosureDate, line)
		case "ReasonForClosure":
			return r.word(&e.ReasonForClosure, line)
		case "DateOfInitialCPC":
			return r.date(&e.DateOfInitialCPC, line)
		case "ReferralNFA":
			return r.flag(&e.ReferralNFA, line)
		case "Assessments":
			as = append(as, Assessment{Line: line})
			return r.readAssessment(&as[len(as)-1])
		case "CINPlanDates":
			cps = append(cps, CINPlan{Line: line})
			return r.readCINPlan(&cps[len(cps)-1])
		case "Section47":
			s47s = append(s47s, Section47{Line: line})
			return r.readSection47(&s47s[len(s47s)-1])
		case "ChildProtectionPlans":
			pls = append(pls, ProtectionPlan{Line: line, PreviousPlans: -1})
			return r.readPlan(&pls[len(pls)-1])
		}
		return r.skip(line)
	})
	b := &r.blocks
	e.Assessments, e.CINPlans = keep(&b.assessments, as), keep(&b.cinPlans, cps)
	e.Section47s, e.Plans = keep(&b.section47s, s47s), keep(&b.plans, pls)
	sc.assessments, sc.cinPlans, sc.section47s, sc.plans = as[:0], cps[:0], s47s[:0], pls[:0]
	return e, err
}

// readAssessment reads the items of an Assessments element into a.
func (r *Reader) readAssessment(a *Assessment) error {
	return r.elements(func(name []byte, line int) error {
		switch string(name) {
		case "AssessmentActualStartDate":
			return r.date(&a.StartDate, line)
		case "AssessmentInternalReviewDate":
			return r.date(&a.InternalReviewDate, line)
		case "AssessmentAuthorisationDate":
			return r.date(&a.AuthorisationDate, line)
		case "FactorsIdentifiedAtAssessment":
			return r.list(&a.Factors, "AssessmentFactors")
		}
		return r.skip(line)
	})
}

// readCINPlan reads the items of a CINPlanDates element into p.
func (r *Reader) readCINPlan(p *CINPlan) error {
	return r.elements(func(name []byte, line int) error {
		switch string(name) {
		case "CINPlanStartDate":
			return r.date(&p.StartDate, line)
		case "CINPlanEndDate":
			return r.date(&p.EndDate, line)
		}
		return r.skip(line)
	})
}

// readSection47 reads the items of a Section47 element into s.
func (r *Reader) readSection47(s *Section47) error {
	return r.elements(func(name []byte, line int) error {
		switch string(name) {
		case "S47ActualStartDate":
			return r.date(&s.StartDate, line)
		case "InitialCPCtarget":
			return r.date(&s.InitialCPCtarget, line)
		case "DateOfInitialCPC":
			return r.date(&s.DateOfInitialCPC, line)
		case "ICPCnotRequired":
			return r.flag(&s.ICPCnotRequired, line)
		}
		return r.skip(line)
	})
}

// readPlan reads the items of a ChildProtectionPlans element into p, its
// review dates into memory of the reader's, kept with the child.
func (r *Reader) readPlan(p *ProtectionPlan) error {
	reviews := r.scratch.dates[:0]
	err := r.elements(func(name []byte, line int) error {
		switch string(name) {
		case "CPPstartDate":
			return r.date(&p.StartDate, line)
		case "CPPendDate":
			return r.date(&p.EndDate, line)
		case "InitialCategoryOfAbuse":
			return r.word(&p.InitialCategory, line)
		case "LatestCategoryOfAbuse":
			return r.word(&p.LatestCategory, line)
		case "NumberOfPreviousCPP":
			return r.previousPlans(&p.PreviousPlans, line)
		case "Reviews":
			return r.elements(func(name []byte, line int) error {
				if string(name) != "CPPreviewDate" {
					return r.skip(line)
				}
				var d holidays.Date
				if err := r.date(&d, line); err != nil {
					return err
				}
				if !d.IsZero() {
					reviews = append(reviews, d)
				}
				return nil
			})
		}
		return r.skip(line)
	})
	p.Reviews, r.scratch.dates = keep(&r.blocks.dates, reviews), reviews[:0]
	return err
}

// previousPlans reads NumberOfPreviousCPP, a whole number, into *n, leaving
// it as it is for an empty element.
func (r *Reader) previousPlans(n *int, line int) error {
	s, err := r.text()
	if err != nil || len(s) == 0 {
		return err
	}
	v, perr := strconv.Atoi(string(s))
	if perr != nil || v < 0 {
		e := r.fail(string(s), "not a whole number of plans", perr)
		e.Line, e.Column = line, 0
		return r.valueError(e)
	}
	*n = v
	return nil
}

// clip shortens text quoted in messages.
func clip(s string) string {
	const n = 40
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
