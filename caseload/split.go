package caseload

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// MaxCaseBytes bounds the text of one case: memory stays bounded by the
// largest record however the input is broken (an unclosed brace would
// otherwise swallow the rest of the file as one case).
const MaxCaseBytes = 16 << 20

// A rawCase is the text of one top-level JSON value and the line it starts on.
type rawCase struct {
	line int
	text []byte
	err  error // the text could not be taken whole
}

// A splitter cuts a stream of JSON values (JSON Lines, or pretty-printed
// objects one after another) into the text of each value, so that the
// values can be decoded on many cores. It only tracks nesting and strings;
// the decoder judges whether the text is valid. After a broken value it
// resumes at the next top-level value, so one bad case does not hide the
// rest.
type splitter struct {
	r    *bufio.Reader
	pend []byte // read and not yet consumed
	rerr error  // what ended the last read: io.EOF or a read error
	line int    // line of the next unconsumed byte
}

func newSplitter(r io.Reader) *splitter {
	return &splitter{r: bufio.NewReaderSize(r, 64<<10), line: 1}
}

// scanState is where a scan stands within a value.
type scanState struct {
	depth    int
	inString bool
	escaped  bool
}

// scan advances over b and returns the index just past the end of the value
// (or -1 when it continues past b).
func (s *scanState) scan(b []byte) int {
	for i, c := range b {
		switch {
		case s.escaped:
			s.escaped = false
		case s.inString:
			switch c {
			case '\\':
				s.escaped = true
			case '"':
				s.inString = false
			}
		case c == '"':
			s.inString = true
		case c == '{' || c == '[':
			s.depth++
		case c == '}' || c == ']':
			s.depth--
			if s.depth <= 0 {
				return i + 1
			}
		}
	}
	return -1
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// fill makes sure some unread bytes are at hand, reading the next line (or
// buffer-full of it) when none are; false at the end of the input or on a
// read error (s.rerr). s.pend aliases the reader's buffer, so it is used up
// before the next read.
func (s *splitter) fill() bool {
	for len(s.pend) == 0 {
		if s.rerr != nil {
			return false
		}
		s.pend, s.rerr = s.r.ReadSlice('\n')
		if errors.Is(s.rerr, bufio.ErrBufferFull) {
			s.rerr = nil
		}
	}
	return true
}

// take consumes the first n unread bytes into rc, counting lines and
// keeping within MaxCaseBytes.
func (s *splitter) take(rc *rawCase, n int) {
	b := s.pend[:n]
	s.pend = s.pend[n:]
	s.line += bytes.Count(b, newline)
	if rc.err != nil {
		return
	}
	if len(rc.text)+len(b) > MaxCaseBytes {
		rc.err = fmt.Errorf("case text longer than %d bytes", MaxCaseBytes)
		rc.text = nil
		return
	}
	rc.text = append(rc.text, b...)
}

var newline = []byte{'\n'}

// next returns the next value's text; io.EOF at the end of the input, or the
// read error that stopped it between values. A read error or the end of
// the input within a value gives what was read: the decoder names the fault.
func (s *splitter) next() (rawCase, error) {
	for {
		if !s.fill() {
			return rawCase{}, s.rerr
		}
		i := 0
		for i < len(s.pend) && isSpace(s.pend[i]) {
			i++
		}
		var skipped rawCase
		skipped.err = errSkip
		s.take(&skipped, i)
		if len(s.pend) > 0 {
			break
		}
	}
	rc := rawCase{line: s.line}
	scalar := s.pend[0] != '{' && s.pend[0] != '['
	var st scanState
	for s.fill() {
		end := -1
		if scalar {
			// Not an object: the rest of the line goes to the decoder,
			// which says what is wrong with it.
			end = bytes.IndexByte(s.pend, '\n')
		} else {
			end = st.scan(s.pend)
		}
		if end < 0 {
			s.take(&rc, len(s.pend))
			continue
		}
		s.take(&rc, end)
		return rc, nil
	}
	if s.rerr != io.EOF && rc.err == nil {
		rc.err = s.rerr
	}
	return rc, nil
}

// errSkip marks white space being passed over, not kept.
var errSkip = errors.New("skipped")
