package census

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The scanner is the census reader's own XML tokenizer. encoding/xml spent
// two thirds of a national run building names, attribute slices and token
// copies the reader never looks at; the scanner returns slices of its
// buffer instead and skips comments and processing instructions itself.
//
// It keeps encoding/xml's strictness, error for error: mismatched and
// unclosed tags, entities other than the five predefined and character
// references, characters outside the XML Char production, invalid UTF-8,
// "]]>" in text, "--" in comments and malformed attributes are errors with
// the line encoding/xml would give. It is stricter in two ways, both
// deliberate: a document type declaration (or any other "<!" declaration)
// is refused, as a census file never needs one and it is the door to entity
// expansion; and a single token longer than maxToken is refused, so that
// memory stays bounded by the largest child. The differential fuzz test
// (FuzzDifferential) holds the scanner to encoding/xml on the same bytes.

// maxToken bounds one token (a tag, a run of text, a comment): what the
// scanner must hold in memory at once.
const maxToken = 1 << 20

type tokKind uint8

const (
	tokStart tokKind = iota + 1
	tokEnd
	tokText
	tokEOF
)

type scanner struct {
	src    io.Reader
	srcErr error
	buf    []byte
	own    []byte // the scanner's own buffer, when it reads from src
	// cut says that a fixed buf is a chunk cut from a larger input (see
	// pipeline.go): its end is not the end of the document.
	cut       bool
	converted bool  // a declaration has changed the character set
	pos       int   // next byte to consume
	end       int   // end of the data in buf
	mark      int   // start of the current token: fill keeps buf[mark:]
	base      int64 // input offset of buf[0]

	// Lines are counted lazily, when a position is asked for: most
	// bytes are passed over without one being needed.
	counted   int   // buf[:counted] has been counted
	line      int   // line of buf[counted]
	lineStart int64 // input offset of the first byte of that line
	// buf[counted:clear] holds no newline: a position asked for before
	// clear is on the line already counted, which a census file's long
	// lines make the common case.
	clear int

	stack []openElem // the open elements
	// owned holds, for each depth, the scanner's copy of a name read by
	// the general path; a known name (see known) needs no copy.
	owned      [][]byte
	known      *knownNames
	pendingEnd bool // the last start tag was self-closing
	err        error
	// errCol is the column of the byte at which a syntax error was
	// noticed, or 0 when that byte ended a line: encoding/xml's
	// SyntaxError carries only the line.
	errCol int

	// The current token.
	kind    tokKind
	local   []byte // a start tag's element name without its prefix
	text    []byte // decoded text
	scratch []byte
}

func newScanner(r io.Reader) *scanner {
	s := &scanner{}
	s.reset(r, nil, boundary{line: 1}, nil)
	return s
}

// A boundary is a place in the input between two tokens: its offset, and
// the line it is on and where that line starts.
type boundary struct {
	off       int64
	line      int
	lineStart int64
}

// at returns the boundary at the next byte to read.
func (s *scanner) at() boundary {
	s.sync()
	return boundary{off: s.base + int64(s.pos), line: s.line, lineStart: s.lineStart}
}

// reset makes s read a document from boundary at, with the elements of
// stack open: from src, or, when src is nil, from data alone, which s
// reads in place and never writes.
func (s *scanner) reset(src io.Reader, data []byte, at boundary, stack []openElem) {
	own, scratch, old, owned, known := s.own, s.scratch, s.stack, s.owned, s.known
	*s = scanner{src: src, own: own, scratch: scratch[:0], stack: old[:0], owned: owned, known: known,
		base: at.off, line: at.line, lineStart: at.lineStart}
	if s.known == nil {
		s.known = &knownNames{}
	}
	for _, e := range stack {
		s.push(e.name, e.prefix)
	}
	if src == nil {
		s.buf, s.end, s.srcErr = data, len(data), io.EOF
		return
	}
	if s.own == nil {
		s.own = make([]byte, bufSize(src))
	}
	s.buf = s.own
}

// bufSize sizes the scanner's own buffer for src. 256 KB reads a large
// file in few calls, but making and zeroing it took most of the time to
// read a document of a few KB (see BenchmarkReadSmall), as a host judging
// one child's file at a time would: an input that knows its length, such
// as a bytes.Reader, gets a buffer one byte longer, so that the read
// meeting its end needs no larger one. fill grows the buffer for a token
// that outgrows it, so the size bounds nothing but the first read.
func bufSize(src io.Reader) int {
	const most, least = 256 << 10, 4 << 10
	if sized, ok := src.(interface{ Len() int }); ok {
		return min(most, max(least, sized.Len()+1))
	}
	return most
}

// pos returns the line and 1-based column of the next byte, as
// xml.Decoder.InputPos does.
func (s *scanner) position() (line, col int) {
	s.sync()
	return s.line, int(s.base+int64(s.pos)-s.lineStart) + 1
}

// sync counts the lines of what has been consumed since the last count.
// Each byte is looked at by it at most twice: once looking ahead for the
// next newline, once counting. The check before the next newline is apart
// from the count, so that it inlines where a line is asked for at every
// element.
func (s *scanner) sync() {
	if s.pos <= s.clear {
		s.counted = s.pos
		return
	}
	s.count()
}

// count is sync past the next newline.
func (s *scanner) count() {
	seg := s.buf[s.counted:s.pos]
	if n := bytes.Count(seg, nl); n > 0 {
		s.line += n
		s.lineStart = s.base + int64(s.counted+bytes.LastIndexByte(seg, '\n')+1)
	}
	s.counted, s.clear = s.pos, s.end
	if i := bytes.IndexByte(s.buf[s.pos:s.end], '\n'); i >= 0 {
		s.clear = s.pos + i
	}
}

// lineNow returns the line of the next byte to read: position without the
// column.
func (s *scanner) lineNow() int {
	s.sync()
	return s.line
}

// tokenLine returns the line where the token just read starts.
func (s *scanner) tokenLine() int {
	s.sync()
	return s.line - bytes.Count(s.buf[s.mark:s.pos], nl)
}

// advance consumes buf[pos:to].
func (s *scanner) advance(to int) { s.pos = to }

var nl = []byte{'\n'}

// fill reads more input, keeping buf[mark:]. It returns false at the end of
// the input or on a read error (kept in srcErr), or with err set when a
// token outgrows maxToken.
func (s *scanner) fill() bool {
	if s.srcErr != nil {
		return false
	}
	if s.mark > 0 {
		s.sync()
		s.counted -= s.mark
		s.clear -= s.mark
		n := copy(s.buf, s.buf[s.mark:s.end])
		s.base += int64(s.mark)
		s.pos -= s.mark
		s.end = n
		s.mark = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxToken+8 {
			s.fail(fmt.Sprintf("token longer than %d bytes", maxToken))
			return false
		}
		nb := make([]byte, min(2*len(s.buf), maxToken+8))
		copy(nb, s.buf[:s.end])
		s.buf, s.own = nb, nb
	}
	for range 100 {
		n, err := s.src.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.srcErr = err
		}
		if n > 0 {
			return true
		}
		if err != nil {
			return false
		}
	}
	s.srcErr = io.ErrNoProgress
	return false
}

// fail records a syntax error at the next byte to read.
func (s *scanner) fail(msg string) { s.failBack(msg, 0) }

// failBack records a syntax error at the line reached and at the byte
// back bytes before the next one to read.
func (s *scanner) failBack(msg string, back int) {
	if s.err == nil {
		s.sync()
		s.err = &xml.SyntaxError{Msg: msg, Line: s.line}
		s.errCol = max(int(s.base+int64(s.pos-back)-s.lineStart)+1, 0)
	}
}

// failAt consumes through buf[i] and records a syntax error there, where
// encoding/xml, reading byte by byte, would notice it.
func (s *scanner) failAt(i int, msg string) {
	s.advance(min(i+1, s.end))
	s.failBack(msg, 1)
}

// eofErr is the error for input that ends inside a construct.
func (s *scanner) eofErr() {
	s.advance(s.end)
	if s.err != nil {
		return
	}
	if s.srcErr != nil && s.srcErr != io.EOF {
		s.err = s.srcErr
		return
	}
	s.fail("unexpected EOF")
}

// need makes buf[pos:pos+n] available, reporting whether it could.
func (s *scanner) need(n int) bool {
	for s.end-s.pos < n {
		if !s.fill() {
			return false
		}
	}
	return true
}

// next reads the next token into kind, local and text. Comments,
// processing instructions and the XML declaration are consumed on the way.
// After an error every call returns it.
func (s *scanner) next() error {
	if s.err != nil {
		return s.err
	}
	if s.pendingEnd {
		s.pendingEnd = false
		s.pop()
		s.kind = tokEnd
		return nil
	}
	for {
		s.mark = s.pos
		// The two bytes that tell a token's kind are most often at hand.
		if s.end-s.pos < 2 {
			if !s.need(1) {
				return s.atEOF()
			}
			if s.buf[s.pos] == '<' && !s.need(2) {
				s.eofErr()
				return s.err
			}
		}
		if s.buf[s.pos] != '<' {
			s.scanText()
			return s.err
		}
		// The fast paths are tried here, not in the general ones, to save
		// a call for every tag.
		switch s.buf[s.pos+1] {
		case '/':
			if s.openEnd() {
				s.kind = tokEnd
				return nil
			}
			if s.err == nil {
				s.scanEnd()
			}
			return s.err
		case '?':
			s.scanPI()
		case '!':
			if done := s.scanBang(); done {
				return s.err
			}
		default:
			if !s.startFast() {
				s.scanStart()
			}
			return s.err
		}
		if s.err != nil {
			return s.err
		}
	}
}

// atEOF ends the input: with the input's error, an error if elements are
// open, or else the end-of-file token.
func (s *scanner) atEOF() error {
	if s.err == nil && s.srcErr != nil && s.srcErr != io.EOF {
		s.err = s.srcErr
	}
	if s.err == nil && len(s.stack) > 0 {
		s.fail("unexpected EOF")
	}
	if s.err != nil {
		return s.err
	}
	s.kind = tokEOF
	return nil
}

// scanText reads character data up to the next '<' or the end.
func (s *scanner) scanText() {
	off := 0 // text found so far, from pos (pos survives fill, absolute indices do not)
	for {
		if i := bytes.IndexByte(s.buf[s.pos+off:s.end], '<'); i >= 0 {
			off += i
			break
		}
		off = s.end - s.pos
		if !s.fill() {
			if s.err != nil {
				return
			}
			break
		}
	}
	s.decodeText(s.pos, s.pos+off, false)
	if s.err == nil {
		s.kind = tokText
	}
}

// decodeText decodes raw text buf[from:to] into s.text (entities, line
// ends), checks it as encoding/xml does, and consumes it. In CDATA there
// are no entities and "]]>" is the terminator, not an error.
func (s *scanner) decodeText(from, to int, cdata bool) {
	raw := s.buf[from:to]
	if !cdata && plainRun(raw) == len(raw) {
		// Nothing to decode or check: the line ends between elements,
		// most often.
		s.text = raw
		s.advance(to)
		return
	}
	decoded := !cdata && (bytes.IndexByte(raw, '&') >= 0 || bytes.IndexByte(raw, '\r') >= 0 || bytes.Contains(raw, cdataEnd)) ||
		cdata && bytes.IndexByte(raw, '\r') >= 0
	if decoded {
		out, bad := s.slowText(from, to, cdata, -1)
		if bad {
			return
		}
		s.text = out
	} else {
		s.text = raw
	}
	if !cdata {
		s.advance(to) // CDATA is consumed to its "]]>" already
	}
	if msg, i := checkChars(s.text); msg != "" {
		back := 0
		if cdata {
			back = s.pos - to // past the "]]>"
		}
		s.failChars(msg, s.text, i, back, !decoded)
	}
}

var cdataEnd = []byte("]]>")

// slowText decodes buf[from:to] byte by byte as encoding/xml's text does:
// entities and character references, \r and \r\n to \n, "]]>" refused
// outside CDATA and attribute values (quote >= 0). It reports whether it
// failed (with the position consumed to the error).
func (s *scanner) slowText(from, to int, cdata bool, quote int) ([]byte, bool) {
	out := s.scratch[:0]
	var b0, b1 byte
	for i := from; i < to; i++ {
		b := s.buf[i]
		if quote < 0 && !cdata && b0 == ']' && b1 == ']' && b == '>' {
			s.failAt(i, "unescaped ]]> not in CDATA section")
			return nil, true
		}
		if b == '&' && !cdata {
			n, text, ok := entityAt(s.buf[i:to])
			if !ok {
				s.failAt(i+n-1, "invalid character entity "+string(s.buf[i:i+n]))
				return nil, true
			}
			out = append(out, text...)
			i += n - 1
			b0, b1 = 0, 0
			continue
		}
		switch {
		case b == '\r':
			out = append(out, '\n')
		case b1 == '\r' && b == '\n':
		default:
			out = append(out, b)
		}
		b0, b1 = b1, b
	}
	s.scratch = out
	return out, false
}

// entityAt decodes the entity or character reference at the start of raw
// ("&..."). It returns how many bytes it read (to the ';', or to the first
// byte that ended it), the text and whether it is one XML predefines.
func entityAt(raw []byte) (n int, text string, ok bool) {
	i := 1
	if i < len(raw) && raw[i] == '#' {
		i++
		base := 10
		if i < len(raw) && raw[i] == 'x' {
			base = 16
			i++
		}
		start := i
		for i < len(raw) && (isDigit(raw[i]) || base == 16 && isHex(raw[i])) {
			i++
		}
		if i >= len(raw) || raw[i] != ';' {
			return i, "", false
		}
		v, err := strconv.ParseUint(string(raw[start:i]), base, 64)
		if err != nil || v > unicode.MaxRune {
			return i + 1, "", false
		}
		return i + 1, string(rune(v)), true
	}
	start := i
	for i < len(raw) && (raw[i] >= utf8.RuneSelf || isNameByte(raw[i])) {
		i++
	}
	if i >= len(raw) || raw[i] != ';' {
		return i, "", false
	}
	name := raw[start:i]
	if !isXMLName(name) {
		return i + 1, "", false
	}
	switch string(name) {
	case "lt":
		return i + 1, "<", true
	case "gt":
		return i + 1, ">", true
	case "amp":
		return i + 1, "&", true
	case "apos":
		return i + 1, "'", true
	case "quot":
		return i + 1, `"`, true
	}
	return i + 1, "", false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isHex(c byte) bool   { return 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// checkChars returns why text is not XML character data, and where in
// text the first fault is; or "".
func checkChars(text []byte) (string, int) {
	for i := 0; i < len(text); {
		c := text[i]
		if c >= 0x20 && c < utf8.RuneSelf || c == '\n' || c == '\t' || c == '\r' {
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && size == 1 {
			return "invalid UTF-8", i
		}
		if !isXMLChar(r) {
			return fmt.Sprintf("illegal character code %U", r), i
		}
		i += size
	}
	return "", 0
}

// failChars records the fault checkChars found at text[i]. The text has
// been read, and ends back bytes before where the scanner stands. Like
// encoding/xml, the scanner notices the fault once the whole text is read,
// so the line is the line the text ends on. The column is the faulty
// character's when it is on that line and text is the input's own bytes
// (raw); otherwise (text decoded from entities, or the character on an
// earlier line) it is where the fault was noticed.
func (s *scanner) failChars(msg string, text []byte, i, back int, raw bool) {
	if raw && bytes.IndexByte(text[i:], '\n') < 0 {
		s.failBack(msg, back+len(text)-i)
		return
	}
	s.fail(msg)
}

// isXMLChar is the Char production of XML 1.0 (section 2.2).
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// nameBytesLow and nameBytesHigh are bit sets of the ASCII bytes allowed
// in a name (letters, digits, '_', ':', '.', '-'): bytes 0-63 and 64-127.
const (
	nameBytesLow  = 1<<'-' | 1<<'.' | 0x3ff<<'0' | 1<<':'
	nameBytesHigh = 0x3ffffff<<('A'-64) | 1<<('_'-64) | 0x3ffffff<<('a'-64)
)

// isNameByte: the ASCII bytes allowed in a name.
func isNameByte(c byte) bool {
	if c < 64 {
		return nameBytesLow>>c&1 != 0
	}
	return c < 128 && nameBytesHigh>>(c-64)&1 != 0
}

// isXMLName reports whether b is a name: a letter, '_' or ':' first, then
// letters, digits and '_', ':', '.', '-' (and, beyond ASCII, letters,
// digits and combining marks).
func isXMLName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	if c := b[0]; c < utf8.RuneSelf {
		ascii := true
		for _, c := range b[1:] {
			if c >= utf8.RuneSelf || !isNameByte(c) {
				ascii = false
				break
			}
		}
		if ascii {
			return c == '_' || c == ':' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z'
		}
	}
	for i := 0; i < len(b); {
		r, size := rune(b[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 {
				return false
			}
		}
		first := r == '_' || r == ':' || unicode.IsLetter(r)
		if !first && (i == 0 || !(r == '.' || r == '-' || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc, unicode.Lm, unicode.Nd))) {
			return false
		}
		i += size
	}
	return true
}

// readName reads a name at buf[pos:], as encoding/xml's readName does:
// bytes up to the first ASCII byte that cannot be in a name. It returns
// the end index, or -1 if there is no name (or the input ended, with err
// set).
func (s *scanner) readName() int {
	i := s.pos
	for {
		for i < s.end && (s.buf[i] >= utf8.RuneSelf || isNameByte(s.buf[i])) {
			i++
		}
		if i < s.end {
			break
		}
		off := i - s.pos
		if !s.fill() {
			s.eofErr()
			return -1
		}
		i = s.pos + off
	}
	if i == s.pos {
		return -1
	}
	return i
}

// qname reads an element or attribute name, with encoding/xml's checks,
// and returns its bounds and the start of its local part as offsets from
// mark, which survive fill.
func (s *scanner) qname(what string) (from, to, local int, ok bool) {
	from = s.pos - s.mark
	end := s.readName()
	if end < 0 {
		s.fail(what)
		return 0, 0, 0, false
	}
	name := s.buf[s.mark+from : end]
	s.advance(end)
	if !isXMLName(name) {
		s.fail("invalid XML name: " + string(name))
		return 0, 0, 0, false
	}
	to, local = end-s.mark, from
	switch c := bytes.Count(name, []byte{':'}); {
	case c > 1:
		s.fail(what)
		return 0, 0, 0, false
	case c == 1:
		if k := bytes.IndexByte(name, ':'); k > 0 && k < len(name)-1 {
			local = from + k + 1
		}
	}
	return from, to, local, true
}

// space skips white space.
func (s *scanner) space() {
	for {
		i := s.pos
		for i < s.end && (s.buf[i] == ' ' || s.buf[i] == '\n' || s.buf[i] == '\r' || s.buf[i] == '\t') {
			i++
		}
		s.advance(i)
		if i < s.end || !s.fill() {
			return
		}
	}
}

// byteAt returns buf[pos] after making it available, or false at the end
// (with the error set).
func (s *scanner) peek() (byte, bool) {
	if !s.need(1) {
		s.eofErr()
		return 0, false
	}
	return s.buf[s.pos], true
}

// scanStart reads a start tag that startFast has not, with every check.
func (s *scanner) scanStart() {
	s.advance(s.pos + 1) // '<'
	nameFrom, nameTo, localFrom, ok := s.qname("expected element name after <")
	if !ok {
		return
	}
	for {
		s.space()
		b, ok := s.peek()
		if !ok {
			return
		}
		if b == '/' {
			s.advance(s.pos + 1)
			if b, ok = s.peek(); !ok {
				return
			}
			if b != '>' {
				s.failAt(s.pos, "expected /> in element")
				return
			}
			s.advance(s.pos + 1)
			s.pendingEnd = true
			break
		}
		if b == '>' {
			s.advance(s.pos + 1)
			break
		}
		if !s.attribute() {
			return
		}
	}
	s.push(s.buf[s.mark+nameFrom:s.mark+nameTo], localFrom-nameFrom)
	s.local = s.stack[len(s.stack)-1].local()
	s.kind = tokStart
}

// plainName and plainText are tables, indexed by a byte, of the bytes of
// a name without a prefix (ASCII letters, digits, '_', '.', '-') and of
// character data that needs no decoding and no check beyond being there
// (printable ASCII but '<', '&' and ']', with tab and newline): the inner
// loops of the scanner's fast paths look a byte up in them. They are
// strings, so that they cannot change.
const (
	plainName = "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x01\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x00\x00\x00\x01\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
	plainText = "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x01\x01\x01\x01\x01\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
)

// plainRun returns how many bytes at the start of b are plainText: text
// that needs no decoding and no check.
func plainRun(b []byte) int {
	k := 0
	for k < len(b) && plainText[b[k]] != 0 {
		k++
	}
	return k
}

// startFast reads the common start tag, "<name>" or "<name/>" with an ASCII
// name and no prefix or attributes, when it is whole in the buffer. It
// reports false, having consumed nothing, for anything else, which the
// general path reads with every check; what it accepts needs none of them,
// as such a name is always an XML name.
func (s *scanner) startFast() bool {
	b, i := s.buf[:s.end], s.pos+1
	// A predicted tag, a known name, needs no look at its first byte.
	name, to := s.known.predicted(b, i)
	if to == 0 {
		if i >= len(b) || !(b[i] >= 'A' && b[i] <= 'Z' || b[i] >= 'a' && b[i] <= 'z' || b[i] == '_') {
			return false
		}
		name, to = s.known.startTag(b, i)
		s.pendingEnd = to > 0 && b[to-2] == '/'
	}
	if to > 0 {
		s.stack = append(s.stack, openElem{name: name})
		s.local = name
		s.advance(to)
		s.kind = tokStart
		return true
	}
	j := i + 1
	for j < len(b) && plainName[b[j]] != 0 {
		j++
	}
	if j >= len(b) {
		return false
	}
	to = tagClose(b, j)
	if to == 0 {
		return false
	}
	s.pendingEnd = b[to-2] == '/'
	s.known.add(b[i:j])
	s.push(b[i:j], 0)
	s.local = s.stack[len(s.stack)-1].name
	s.advance(to)
	s.kind = tokStart
	return true
}

// knownNames remembers element names that startFast has checked byte by
// byte, so that the next start tag by the same name is recognized by one
// comparison. A census file uses a few dozen names millions of times. The
// names are copies that never change, so the stack can hold them as they
// are. A name goes in only into an empty slot: a file of many names fills
// the table once and then takes the byte-by-byte path, as it did before.
//
// Each name also remembers the slot of the name that came next the last
// time (next): a census file repeats its sequences of elements child after
// child, so the start tag that follows is most often the one predicted,
// which is checked by one comparison without first looking for the tag's
// end. A slot holds its name followed by '>', the rest of the plain start
// tag, so that the one comparison checks the tag's end too. Slots are held
// 1-based in next and last, with 0 for none, and indexed as bytes, which
// need no bounds checks.
type knownNames struct {
	slot [256][]byte // "name>"
	next [256]uint16
	last uint16 // 1 + the slot of the last start tag read by the table, or 0
}

// maxKnownName bounds the names the table keeps; the longest name in the
// census specification has 30 bytes.
const maxKnownName = 48

// tagClose returns the offset just past the end of a start tag whose name
// ends at b[j], "name>" or "name/>", or 0 when the tag goes on.
func tagClose(b []byte, j int) int {
	switch {
	case j < len(b) && b[j] == '>':
		return j + 1
	case j+1 < len(b) && b[j] == '/' && b[j+1] == '>':
		return j + 2
	}
	return 0
}

// shortHash hashes a short non-empty name or code by its length and three
// of its bytes: the census's names share prefixes ("CPP", "Assessment")
// and suffixes ("Date"), rarely all four. It places names in knownNames
// and codes in the Reader's recent ones.
func shortHash(b []byte) int {
	n := len(b)
	return n*37 + int(b[0])*7 + int(b[n/2])*3 + int(b[n-1])
}

// predicted reads "name>" at b[i:] when name is the one predicted to
// follow the last start tag, returning the known copy and the offset just
// past the tag, or 0. It inlines into startFast, for the four start tags in
// five that it reads.
func (k *knownNames) predicted(b []byte, i int) ([]byte, int) {
	// With last or the prediction 0 (none), the slots read are wrong but
	// harmless, and the check below fails before using them.
	p := k.next[uint8(k.last-1)]
	tag := k.slot[uint8(p-1)]
	if to := i + len(tag); k.last > 0 && p > 0 && to <= len(b) && string(b[i:to]) == string(tag) {
		k.last = p
		return tag[: len(tag)-1 : len(tag)-1], to
	}
	return nil, 0
}

// startTag reads "name>" or "name/>" at b[i:] when name is known,
// returning the known copy and the offset just past the tag, or 0.
func (k *knownNames) startTag(b []byte, i int) ([]byte, int) {
	end := bytes.IndexByte(b[i:min(len(b), i+maxKnownName+2)], '>')
	if end < 1 {
		return nil, 0
	}
	to, j := i+end+1, i+end
	if b[j-1] == '/' {
		j--
	}
	if j == i {
		return nil, 0
	}
	p := shortHash(b[i:j]) & 255
	tag := k.slot[p]
	if len(tag) == 0 || !bytes.Equal(tag[:len(tag)-1], b[i:j]) {
		k.last = 0
		return nil, 0
	}
	if k.last > 0 {
		k.next[uint8(k.last-1)] = uint16(p + 1)
	}
	k.last = uint16(p + 1)
	return tag[: len(tag)-1 : len(tag)-1], to
}

// add keeps a name startFast has checked, if its slot is free.
func (k *knownNames) add(name []byte) {
	if len(name) > maxKnownName {
		return
	}
	if p := &k.slot[shortHash(name)&255]; *p == nil {
		*p = append(append(make([]byte, 0, len(name)+1), name...), '>')
	}
}

// leaf reads the plain text of the element just opened and its end tag,
// "text</name>", when they are whole in the buffer, the text needs no
// decoding and the name is the open element's: the common leaf of a census
// file, read in one step. It reports false, having consumed nothing, for
// anything else. An element closed by "/>" has empty text.
func (s *scanner) leaf() ([]byte, bool) {
	if s.pendingEnd {
		s.pendingEnd = false
		s.pop()
		s.kind = tokEnd
		return nil, true
	}
	if len(s.stack) == 0 {
		return nil, false
	}
	b := s.buf[s.pos:s.end]
	k := plainRun(b[:min(len(b), maxText)])
	if !s.endAfter(b, k) {
		return nil, false
	}
	return b[:k], true
}

// endAfter consumes the k bytes of text at the start of b, which is
// buf[pos:end], already checked, and the open element's end tag after them,
// when that is exactly "</name>", reporting whether it did. An element must
// be open.
//
// It inlines into its callers, read once for every leaf: it sets no token
// kind, which next sets for the end tags it reads by it.
func (s *scanner) endAfter(b []byte, k int) bool {
	top := len(s.stack) - 1
	name := s.stack[top].name
	n := k + len(name) + 3
	if n > len(b) || string(b[k:k+2]) != "</" || b[n-1] != '>' || string(b[k+2:n-1]) != string(name) {
		return false
	}
	s.pos += n
	s.stack = s.stack[:top]
	return true
}

// dateLeaf is leaf for the commonest leaf of all, a plain date:
// "YYYY-MM-DD</name>", with eight ASCII digits, closing the open element.
// It returns the date's ten bytes, or reports false, having consumed
// nothing, for anything else (white space, a time zone, an empty or
// self-closed element), which leaf and the date parser then read.
func (s *scanner) dateLeaf() ([]byte, bool) {
	if s.pendingEnd || len(s.stack) == 0 {
		return nil, false
	}
	b := s.buf[s.pos:s.end]
	if len(b) < 10 || !isDigit(b[0]) || !isDigit(b[1]) || !isDigit(b[2]) || !isDigit(b[3]) || b[4] != '-' ||
		!isDigit(b[5]) || !isDigit(b[6]) || b[7] != '-' || !isDigit(b[8]) || !isDigit(b[9]) || !s.endAfter(b, 10) {
		return nil, false
	}
	return b[:10], true
}

// attribute checks one attribute (name="value"); the reader has no use for
// attribute values, so they are checked and dropped.
func (s *scanner) attribute() bool {
	if _, _, _, ok := s.qname("expected attribute name in element"); !ok {
		return false
	}
	s.space()
	b, ok := s.peek()
	if !ok {
		return false
	}
	if b != '=' {
		s.failAt(s.pos, "attribute name without = in element")
		return false
	}
	s.advance(s.pos + 1)
	s.space()
	if b, ok = s.peek(); !ok {
		return false
	}
	if b != '"' && b != '\'' {
		s.failAt(s.pos, "unquoted or missing attribute value in element")
		return false
	}
	s.advance(s.pos + 1)
	off, closed := 0, true
	for {
		if i := bytes.IndexByte(s.buf[s.pos+off:s.end], b); i >= 0 {
			off += i
			break
		}
		off = s.end - s.pos
		if !s.fill() {
			if s.err != nil {
				return false
			}
			closed = false // errors in what there is come before the end
			break
		}
	}
	start, to := s.pos, s.pos+off
	end := to
	if k := bytes.IndexByte(s.buf[start:to], '<'); k >= 0 {
		end = start + k // an entity error before the '<' comes first
	}
	val := s.buf[start:end]
	decoded := bytes.IndexByte(val, '&') >= 0 || bytes.IndexByte(val, '\r') >= 0
	if decoded {
		out, bad := s.slowText(start, end, false, int(b))
		if bad {
			return false
		}
		val = out
	}
	if end < to {
		s.failAt(end, "unescaped < inside quoted string")
		return false
	}
	if !closed {
		s.eofErr()
		return false
	}
	s.advance(to + 1)
	if msg, i := checkChars(val); msg != "" {
		s.failChars(msg, val, i, 1, !decoded) // the closing quote read
		return false
	}
	return true
}

// An openElem is an open element: its name as written, and the length of
// its prefix with the colon (0 for none), which the stack keeps rather
// than a second slice, as a start tag pushes one and most have none.
type openElem struct {
	name   []byte
	prefix int
}

// local returns the element's name without its prefix.
func (e openElem) local() []byte { return e.name[e.prefix:] }

// push opens an element whose name, with its prefix of prefixLen bytes
// (its colon included), is in a buffer that will change: the stack keeps
// a copy, in memory of its own for the depth.
func (s *scanner) push(name []byte, prefixLen int) {
	n := len(s.stack)
	for len(s.owned) <= n { // known names take no copy, so depths may lack one
		s.owned = append(s.owned, nil)
	}
	own := append(s.owned[n][:0], name...)
	s.owned[n] = own
	s.stack = append(s.stack, openElem{own, prefixLen})
}

// openEnd reads the end tag at buf[pos:] if it closes the open element by
// the same name, exactly "</name>": the common case, which needs no name
// checks, since the name was checked when the element opened.
func (s *scanner) openEnd() bool {
	if len(s.stack) == 0 {
		return false
	}
	if n := len(s.stack[len(s.stack)-1].name) + 3; s.end-s.pos < n && !s.need(n) {
		return false
	}
	return s.endAfter(s.buf[s.pos:s.end], 0)
}

func (s *scanner) pop() { s.stack = s.stack[:len(s.stack)-1] }

// scanEnd reads an end tag that openEnd has not, with every check.
func (s *scanner) scanEnd() {
	s.advance(s.pos + 2) // "</"
	nameFrom, nameTo, localFrom, ok := s.qname("expected element name after </")
	if !ok {
		return
	}
	s.space()
	b, ok := s.peek()
	if !ok {
		return
	}
	name := s.buf[s.mark+nameFrom : s.mark+nameTo]
	local := s.buf[s.mark+localFrom : s.mark+nameTo]
	if b != '>' {
		s.failAt(s.pos, "invalid characters between </"+string(local)+" and >")
		return
	}
	s.advance(s.pos + 1)
	if len(s.stack) == 0 {
		s.fail("unexpected end element </" + string(local) + ">")
		return
	}
	if open := s.stack[len(s.stack)-1]; !bytes.Equal(open.name, name) {
		s.fail("element <" + string(open.local()) + "> closed by </" + string(local) + ">")
		return
	}
	s.pop()
	s.kind = tokEnd
}

// scanUntil consumes up to and including the first occurrence of end after
// buf[pos], returning the index in buf where end starts, or -1 at the end
// of the input (with the error set). Comments and processing instructions
// are dropped as they pass, so mark follows pos when keep is false.
func (s *scanner) scanUntil(end []byte, keep bool) int {
	for {
		if i := bytes.Index(s.buf[s.pos:s.end], end); i >= 0 {
			at := s.pos + i
			s.advance(at + len(end))
			return at
		}
		// Keep the last len(end)-1 bytes: the terminator may straddle.
		if k := s.end - len(end) + 1; k > s.pos {
			s.advance(k)
			if !keep {
				s.mark = s.pos
			}
		}
		if !s.fill() {
			s.eofErr()
			return -1
		}
	}
}

// scanPI reads a processing instruction; the XML declaration may switch
// the input's character set.
func (s *scanner) scanPI() {
	s.advance(s.pos + 2) // "<?"
	to := s.readName()
	if to < 0 {
		s.fail("expected target name after <?")
		return
	}
	from := s.mark + 2
	s.advance(to)
	if !isXMLName(s.buf[from:to]) {
		s.fail("invalid XML name: " + string(s.buf[from:to]))
		return
	}
	isDecl := string(s.buf[from:to]) == "xml"
	s.space()
	start := s.pos - s.mark
	at := s.scanUntil([]byte("?>"), true)
	if at < 0 || !isDecl {
		return
	}
	s.declaration(string(s.buf[s.mark+start : at]))
}

// declaration applies an XML declaration's version and encoding, as
// encoding/xml does wherever one appears.
func (s *scanner) declaration(content string) {
	if v := procInstParam("version", content); v != "" && v != "1.0" {
		s.err = fmt.Errorf("xml: unsupported version %q; only version 1.0 is supported", v)
		return
	}
	enc := procInstParam("encoding", content)
	if enc == "" || strings.EqualFold(enc, "utf-8") {
		return
	}
	if s.src == nil {
		// A chunk ends where the input continues in the new character
		// set: the pipeline reads such a file serially.
		s.err = fmt.Errorf("xml: charset %q switched inside a chunk", enc)
		return
	}
	rest := append([]byte(nil), s.buf[s.pos:s.end]...)
	in, err := charsetReader(enc, io.MultiReader(bytes.NewReader(rest), s.src))
	if err != nil {
		s.err = fmt.Errorf("xml: opening charset %q: %w", enc, err)
		return
	}
	s.src, s.srcErr, s.end, s.converted = in, nil, s.pos, true
	s.clear = min(s.clear, s.pos) // what it looked ahead at is replaced
}

// procInstParam returns the value of param="..." (or '...') in a
// processing instruction's content, found as encoding/xml finds it.
func procInstParam(param, s string) string {
	param += "="
	i := 0
	var quote byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || k+len(param) >= len(sub) {
			return ""
		}
		i += k + len(param) + 1
		if c := sub[k+len(param)]; c == '\'' || c == '"' {
			quote = c
			break
		}
	}
	if quote == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], quote)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

// scanBang reads a comment or a CDATA section (reporting true for CDATA,
// which is text) and refuses any other declaration.
func (s *scanner) scanBang() bool {
	if !s.need(3) {
		s.eofErr()
		return false
	}
	switch s.buf[s.pos+2] {
	case '-':
		if !s.need(4) {
			s.eofErr()
			return false
		}
		if s.buf[s.pos+3] != '-' {
			s.failAt(s.pos+3, "invalid sequence <!- not part of <!--")
			return false
		}
		s.advance(s.pos + 4)
		s.mark = s.pos
		at := s.scanUntil([]byte("--"), false)
		if at < 0 {
			return false
		}
		b, ok := s.peek()
		if !ok {
			return false
		}
		if b != '>' {
			s.failAt(s.pos, `invalid sequence "--" not allowed in comments`)
			return false
		}
		s.advance(s.pos + 1)
		return false
	case '[':
		// encoding/xml compares "CDATA[" a byte at a time, so a wrong byte
		// is the error, on its line, even where the input ends before the
		// rest has come.
		whole := s.need(len(cdataOpen))
		for i := 3; i < min(len(cdataOpen), s.end-s.pos); i++ {
			if s.buf[s.pos+i] != cdataOpen[i] {
				s.failAt(s.pos+i, "invalid <![ sequence")
				return false
			}
		}
		if !whole {
			s.eofErr()
			return false
		}
		s.advance(s.pos + len(cdataOpen))
		start := s.pos - s.mark
		at := s.scanUntil(cdataEnd, true)
		if at < 0 {
			return false
		}
		s.decodeText(s.mark+start, at, true)
		if s.err != nil {
			return false
		}
		s.kind = tokText
		return true
	}
	s.failAt(s.pos+2, "a document type or other declaration (<!"+string(s.buf[s.pos+2:s.pos+3])+"...) is not allowed in a census file")
	return false
}
