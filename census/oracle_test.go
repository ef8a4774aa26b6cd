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
	"unicode"

	"github.com/workingtogether/safeguarding/holidays"
)

// oracleReader is the census reader as it was on encoding/xml, kept as the
// oracle of FuzzDifferential: the scanner-based Reader must give the same
// header, children, warnings and errors on the same bytes. It carries the
// two deliberate changes made since, so that the comparison is exact: a
// "<!" declaration (DOCTYPE) is refused, and warnings outside a child are
// counted past maxWarnings, not kept.
//
// A Reader reads a census file one child at a time. It holds the current
// child only, so memory stays bounded by the largest child, not the file.
//
// A Reader is not safe for concurrent use. After Next returns an error other
// than io.EOF, every later call returns the same error.
type oracleReader struct {
	dec      *xml.Decoder
	header   Header
	warnings []Warning // outside any child
	dropped  int
	lastLine int

	started    bool // the root element has been opened
	inChildren bool // inside a Children element
	done       bool // the root element has been closed
	err        error

	path  []string
	child *Child // the child being read, for warnings and errors
	// valueErr is the first bad value met in the current child: the reader
	// keeps reading to the end of the child, so that the error can name the
	// child even when its LAchildID comes after the bad value.
	valueErr *Error
}

// newOracleReader returns a Reader of the census XML in r. Input in UTF-8, US-ASCII,
// ISO-8859-1 or Windows-1252 is understood (the XML declaration says which).
func newOracleReader(r io.Reader) *oracleReader {
	dec := xml.NewDecoder(r)
	dec.CharsetReader = charsetReader
	return &oracleReader{dec: dec}
}

// Header returns the file's header, reading as far as the first child to find
// it. A file with no Header gives the zero Header.
func (r *oracleReader) Header() (Header, error) {
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
// the [Child].
func (r *oracleReader) Warnings() []Warning {
	if r.dropped == 0 {
		return r.warnings
	}
	return append(slices.Clip(r.warnings), Warning{Element: "Message", Line: r.lastLine,
		Message: fmt.Sprintf("%d more warnings outside any child, not kept", r.dropped)})
}

// Next returns the next child. At the end of the file it returns io.EOF,
// having checked that the rest of the document is well formed. Any other
// error is an *[Error].
func (r *oracleReader) Next() (Child, error) {
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
func (r *oracleReader) All() iter.Seq2[Child, error] {
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

func (r *oracleReader) pos() (line, col int) { return r.dec.InputPos() }

func (r *oracleReader) where() string { return strings.Join(r.path, "/") }

func (r *oracleReader) childID() string {
	if r.child != nil {
		return r.child.LAchildID
	}
	return ""
}

func (r *oracleReader) warn(line int, format string, args ...any) {
	w := Warning{LAchildID: r.childID(), Element: r.where(), Line: line, Message: fmt.Sprintf(format, args...)}
	if r.child != nil {
		r.child.Warnings = append(r.child.Warnings, w)
		return
	}
	if len(r.warnings) >= maxWarnings {
		r.dropped++
		r.lastLine = line
		return
	}
	r.warnings = append(r.warnings, w)
}

// fail makes an error at the current element and position.
func (r *oracleReader) fail(value, msg string, err error) *Error {
	line, col := r.pos()
	return &Error{LAchildID: r.childID(), Element: r.where(), Line: line, Column: col, Value: value, Message: msg, Err: err}
}

// token returns the next token, turning the decoder's errors into *Error.
func (r *oracleReader) token() (xml.Token, error) {
	tok, err := r.dec.Token()
	if _, ok := tok.(xml.Directive); ok && err == nil {
		return nil, r.fail("", "malformed XML: a declaration is not allowed", nil)
	}
	if err == nil {
		return tok, nil
	}
	if err == io.EOF {
		return nil, r.fail("", "unexpected end of file", io.ErrUnexpectedEOF)
	}
	e := r.fail("", "malformed XML: "+err.Error(), err)
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		e.Message = "malformed XML: " + se.Msg
		e.Line, e.Column = se.Line, 0
	}
	return nil, e
}

func (r *oracleReader) push(name string) { r.path = append(r.path, name) }
func (r *oracleReader) pop()             { r.path = r.path[:len(r.path)-1] }

// elements reads the content of the element just opened up to its end tag,
// calling f for each child element with the element pushed on the path. f
// must read the element to its end tag. Text between elements is warned of.
func (r *oracleReader) elements(f func(se xml.StartElement, line int) error) error {
	for {
		before, _ := r.pos()
		tok, err := r.token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, _ := r.pos()
			r.push(t.Name.Local)
			if err := f(t, line); err != nil {
				return err
			}
			r.pop()
		case xml.EndElement:
			return nil
		case xml.CharData:
			r.strayText(before, t)
		}
	}
}

// strayText warns of text between elements. The line is where the text
// itself starts, not where the white space before it does.
func (r *oracleReader) strayText(before int, t xml.CharData) {
	i := bytes.IndexFunc(t, func(c rune) bool { return !unicode.IsSpace(c) })
	if i < 0 {
		return
	}
	line := before + bytes.Count(t[:i], []byte("\n"))
	r.warn(line, "unexpected text %q, ignored", clip(string(bytes.TrimSpace(t))))
}

// skip passes over the element just opened, and everything in it, with a
// warning.
func (r *oracleReader) skip(line int) error {
	r.warn(line, "unknown element, skipped")
	return r.skipQuiet()
}

func (r *oracleReader) skipQuiet() error {
	for depth := 1; depth > 0; {
		tok, err := r.token()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// text reads the text of the leaf element just opened, trimmed of
// surrounding white space. Elements nested in a leaf are skipped with a
// warning.
func (r *oracleReader) text() (string, error) {
	var buf []byte
	for {
		tok, err := r.token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if len(buf)+len(t) > maxText {
				return "", r.fail(clip(string(buf)), fmt.Sprintf("text longer than %d bytes", maxText), nil)
			}
			buf = append(buf, t...)
		case xml.StartElement:
			line, _ := r.pos()
			r.push(t.Name.Local)
			if err := r.skip(line); err != nil {
				return "", err
			}
			r.pop()
		case xml.EndElement:
			return string(bytes.TrimSpace(buf)), nil
		}
	}
}

// valueError keeps the first bad value of the current child, or fails at
// once outside a child.
func (r *oracleReader) valueError(e *Error) error {
	if r.child == nil {
		return e
	}
	if r.valueErr == nil {
		r.valueErr = e
	}
	return nil
}

// date reads a date element. An empty element is an absent date: suppliers
// write <CINclosureDate/> for an open episode. xs:date allows a time-zone
// suffix (Z or ±hh:mm), which says nothing about the civil day and is dropped.
func (r *oracleReader) date(into *holidays.Date, line int) error {
	s, err := r.text()
	if err != nil {
		return err
	}
	if s == "" {
		return nil
	}
	if !into.IsZero() {
		r.warn(line, "repeated element, the first is kept")
		return nil
	}
	d, msg, perr := parseDate([]byte(s))
	if msg != "" {
		e := r.fail(s, msg, perr)
		e.Line, e.Column = line, 0
		return r.valueError(e)
	}
	*into = d
	return nil
}

// str reads a text element into a string field.
func (r *oracleReader) str(into *string, line int) error {
	s, err := r.text()
	if err != nil {
		return err
	}
	if s != "" && *into != "" {
		r.warn(line, "repeated element, the first is kept")
		return nil
	}
	if *into == "" {
		*into = s
	}
	return nil
}

// code reads a coded element, warning of a value outside its code list: a
// 2026 file with Sex 1 has kept the GenderCurrent codes of earlier years.
// The value is kept as written.
func (r *oracleReader) code(into *string, line int, codes ...string) error {
	if err := r.str(into, line); err != nil {
		return err
	}
	if *into != "" && !slices.Contains(codes, *into) {
		r.warn(line, "%q is not one of %s", *into, strings.Join(codes, ", "))
	}
	return nil
}

// flag reads a boolean element: 0, 1, true or false in any case.
func (r *oracleReader) flag(into *Flag, line int) error {
	s, err := r.text()
	if err != nil {
		return err
	}
	var f Flag
	switch {
	case s == "":
		return nil
	case s == "1" || strings.EqualFold(s, "true"):
		f = Yes
	case s == "0" || strings.EqualFold(s, "false"):
		f = No
	default:
		e := r.fail(s, "not a boolean (want 0, 1, true or false)", nil)
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
func (r *oracleReader) toChildren() error {
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
func (r *oracleReader) root() error {
	for {
		tok, err := r.dec.Token()
		if err == io.EOF {
			return r.fail("", "no Message element: not a census file", nil)
		}
		if err != nil {
			_, err = r.token() // the same error, as an *Error
			if err == nil {
				err = r.fail("", "malformed XML", nil)
			}
			return err
		}
		switch t := tok.(type) {
		case xml.Directive:
			return r.fail("", "malformed XML: a declaration is not allowed", nil)
		case xml.StartElement:
			if t.Name.Local != "Message" {
				r.push(t.Name.Local)
				return r.fail("", "the root element is not Message: not a census file", nil)
			}
			r.started = true
			r.push("Message")
			return nil
		case xml.CharData:
			// A byte-order mark, which Windows exports often begin with,
			// reaches us as text.
			if s := bytes.TrimSpace(bytes.TrimPrefix(t, []byte("\ufeff"))); len(s) > 0 {
				return r.fail(clip(string(s)), "text before the root element", nil)
			}
		}
	}
}

// messageStep reads one item at the Message level.
func (r *oracleReader) messageStep() error {
	before, _ := r.pos()
	tok, err := r.token()
	if err != nil {
		return err
	}
	switch t := tok.(type) {
	case xml.StartElement:
		line, _ := r.pos()
		r.push(t.Name.Local)
		switch t.Name.Local {
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
	case xml.EndElement:
		r.pop()
		r.done = true
		return r.trailer()
	case xml.CharData:
		r.strayText(before, t)
	}
	return nil
}

// trailer checks that nothing but comments and white space follow the root
// element: encoding/xml would otherwise accept a second root.
func (r *oracleReader) trailer() error {
	for {
		tok, err := r.dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			_, err = r.token()
			return err
		}
		switch t := tok.(type) {
		case xml.Directive:
			return r.fail("", "malformed XML: a declaration is not allowed", nil)
		case xml.StartElement:
			return r.fail("", fmt.Sprintf("element %s after the end of Message", t.Name.Local), nil)
		case xml.CharData:
			if s := bytes.TrimSpace(t); len(s) > 0 {
				return r.fail(clip(string(s)), "text after the end of Message", nil)
			}
		}
	}
}

func (r *oracleReader) next() (Child, error) {
	for {
		if err := r.toChildren(); err != nil {
			return Child{}, err
		}
		if r.done {
			return Child{}, io.EOF
		}
		before, _ := r.pos()
		tok, err := r.token()
		if err != nil {
			return Child{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, _ := r.pos()
			r.push(t.Name.Local)
			if t.Name.Local == "Child" {
				c, err := r.readChild(line)
				r.pop()
				return c, err
			}
			if err := r.skip(line); err != nil {
				return Child{}, err
			}
			r.pop()
		case xml.EndElement:
			r.pop()
			r.inChildren = false
		case xml.CharData:
			r.strayText(before, t)
		}
	}
}

func (r *oracleReader) readHeader(line int) error {
	r.header.Line = line
	err := r.elements(func(se xml.StartElement, line int) error {
		switch se.Name.Local {
		case "CollectionDetails":
			return r.elements(func(se xml.StartElement, line int) error {
				switch se.Name.Local {
				case "Collection":
					return r.str(&r.header.Collection, line)
				case "Year":
					s, err := r.text()
					if err != nil || s == "" {
						return err
					}
					y, perr := strconv.Atoi(s)
					if perr != nil || y < 1 || y > 9999 {
						e := r.fail(s, "not a year", perr)
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
			err := r.elements(func(se xml.StartElement, line int) error {
				switch se.Name.Local {
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
		r.push("CollectionDetails")
		r.warn(line, "Year %d does not match ReferenceDate %s: the figures follow the reference date", h.Year, h.ReferenceDate)
		r.pop()
	}
	return nil
}

func (r *oracleReader) readChild(line int) (Child, error) {
	c := Child{Line: line}
	r.child, r.valueErr = &c, nil
	defer func() { r.child = nil }()
	err := r.elements(func(se xml.StartElement, line int) error {
		switch se.Name.Local {
		case "ChildIdentifiers":
			return r.elements(func(se xml.StartElement, line int) error {
				switch se.Name.Local {
				case "LAchildID":
					return r.str(&c.LAchildID, line)
				case "UPN":
					return r.str(&c.UPN, line)
				case "FormerUPN":
					return r.str(&c.FormerUPN, line)
				case "UPNunknown":
					return r.str(&c.UPNunknown, line)
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
			return r.elements(func(se xml.StartElement, line int) error {
				switch se.Name.Local {
				case "Ethnicity":
					return r.str(&c.Ethnicity, line)
				case "Disabilities":
					return r.list(&c.Disabilities, "Disability")
				}
				return r.skip(line)
			})
		case "CINdetails":
			e, err := r.readEpisode(line)
			c.Episodes = append(c.Episodes, e)
			return err
		}
		return r.skip(line)
	})
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
	return c, nil
}

// list reads a container of repeated leaf elements named item.
func (r *oracleReader) list(into *[]string, item string) error {
	return r.elements(func(se xml.StartElement, line int) error {
		if se.Name.Local != item {
			return r.skip(line)
		}
		s, err := r.text()
		if err != nil {
			return err
		}
		if s != "" {
			*into = append(*into, s)
		}
		return nil
	})
}

func (r *oracleReader) readEpisode(line int) (Episode, error) {
	e := Episode{Line: line}
	err := r.elements(func(se xml.StartElement, line int) error {
		switch se.Name.Local {
		case "CINreferralDate":
			return r.date(&e.ReferralDate, line)
		case "ReferralSource":
			return r.str(&e.ReferralSource, line)
		case "PrimaryNeedCode":
			return r.str(&e.PrimaryNeedCode, line)
		case "CINclosureDate":
			return r.date(&e.ClosureDate, line)
		case "ReasonForClosure":
			return r.str(&e.ReasonForClosure, line)
		case "DateOfInitialCPC":
			return r.date(&e.DateOfInitialCPC, line)
		case "ReferralNFA":
			return r.flag(&e.ReferralNFA, line)
		case "Assessments":
			return r.readAssessment(appendRecord(&e.Assessments, Assessment{Line: line}))
		case "CINPlanDates":
			return r.readCINPlan(appendRecord(&e.CINPlans, CINPlan{Line: line}))
		case "Section47":
			return r.readSection47(appendRecord(&e.Section47s, Section47{Line: line}))
		case "ChildProtectionPlans":
			return r.readPlan(appendRecord(&e.Plans, ProtectionPlan{Line: line, PreviousPlans: -1}))
		}
		return r.skip(line)
	})
	return e, err
}

// appendRecord appends v to *into and returns the record appended, to be
// read into: a record is kept even when reading it fails, as the reader
// under test keeps it.
func appendRecord[T any](into *[]T, v T) *T {
	*into = append(*into, v)
	return &(*into)[len(*into)-1]
}

func (r *oracleReader) readAssessment(a *Assessment) error {
	return r.elements(func(se xml.StartElement, line int) error {
		switch se.Name.Local {
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

func (r *oracleReader) readCINPlan(p *CINPlan) error {
	return r.elements(func(se xml.StartElement, line int) error {
		switch se.Name.Local {
		case "CINPlanStartDate":
			return r.date(&p.StartDate, line)
		case "CINPlanEndDate":
			return r.date(&p.EndDate, line)
		}
		return r.skip(line)
	})
}

func (r *oracleReader) readSection47(s *Section47) error {
	return r.elements(func(se xml.StartElement, line int) error {
		switch se.Name.Local {
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

func (r *oracleReader) readPlan(p *ProtectionPlan) error {
	return r.elements(func(se xml.StartElement, line int) error {
		switch se.Name.Local {
		case "CPPstartDate":
			return r.date(&p.StartDate, line)
		case "CPPendDate":
			return r.date(&p.EndDate, line)
		case "InitialCategoryOfAbuse":
			return r.str(&p.InitialCategory, line)
		case "LatestCategoryOfAbuse":
			return r.str(&p.LatestCategory, line)
		case "NumberOfPreviousCPP":
			return r.previousPlans(&p.PreviousPlans, line)
		case "Reviews":
			return r.elements(func(se xml.StartElement, line int) error {
				if se.Name.Local != "CPPreviewDate" {
					return r.skip(line)
				}
				var d holidays.Date
				if err := r.date(&d, line); err != nil {
					return err
				}
				if !d.IsZero() {
					p.Reviews = append(p.Reviews, d)
				}
				return nil
			})
		}
		return r.skip(line)
	})
}

// previousPlans reads NumberOfPreviousCPP, a whole number, leaving n as it
// is when the element is empty.
func (r *oracleReader) previousPlans(n *int, line int) error {
	s, err := r.text()
	if err != nil || s == "" {
		return err
	}
	v, perr := strconv.Atoi(s)
	if perr != nil || v < 0 {
		e := r.fail(s, "not a whole number of plans", perr)
		e.Line, e.Column = line, 0
		return r.valueError(e)
	}
	*n = v
	return nil
}
