package census

import (
	"fmt"
	"strings"
)

// An Error reports a census file that cannot be read: malformed XML, a date
// that is not YYYY-MM-DD, a flag that is not a boolean, or a document that is
// not a census Message. It says where, in the terms a data officer uses to fix
// the file: the child, the element path and the line.
type Error struct {
	// LAchildID is the local authority's identifier of the child being read,
	// or "" when the error lies outside any child or before its identifier.
	LAchildID string
	// Element is the slash-separated path of the element, from the root, for
	// example "Message/Children/Child/CINdetails/CINreferralDate".
	Element string
	// Line and Column locate the error in the input (1-based), as
	// encoding/xml's Decoder.InputPos reports them. For malformed XML they
	// are where the reader noticed it: the offending byte in a tag, the end
	// of an entity or of a mismatched end tag, the end of the text or
	// attribute value that holds an illegal character. Column is 0 when only
	// the line is known (values, whose line is that of their start tag, and
	// an error noticed at the end of a line).
	Line, Column int
	// Value is the text that could not be read, when the error is about a
	// value.
	Value string
	// Message says what is wrong.
	Message string
	// Err is the underlying error, such as an *xml.SyntaxError or a
	// *holidays.ParseError, for errors.As.
	Err error
}

// Error returns "census: line N, column C: child \"ID\": path: \"value\": message",
// leaving out the parts that are unknown.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "census: line %d", e.Line)
	if e.Column > 0 {
		fmt.Fprintf(&b, ", column %d", e.Column)
	}
	if e.LAchildID != "" {
		fmt.Fprintf(&b, ": child %q", e.LAchildID)
	}
	if e.Element != "" {
		b.WriteString(": " + e.Element)
	}
	b.WriteString(": ")
	if e.Value != "" {
		fmt.Fprintf(&b, "%q: ", e.Value)
	}
	b.WriteString(e.Message)
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// A Warning reports something the reader passed over without failing: an
// element it does not know (skipped with its content), stray text between
// elements, or an element repeated where the schema allows one. A host shows
// warnings so that a data officer can tell a new schema from a typing slip.
type Warning struct {
	LAchildID string `json:"la_child_id,omitempty"`
	Element   string `json:"element"` // path from the root
	Line      int    `json:"line"`
	Message   string `json:"message"`
}

// String returns the warning as one line, in the form of [Error.Error].
func (w Warning) String() string {
	if w.LAchildID != "" {
		return fmt.Sprintf("census: line %d: child %q: %s: %s", w.Line, w.LAchildID, w.Element, w.Message)
	}
	return fmt.Sprintf("census: line %d: %s: %s", w.Line, w.Element, w.Message)
}
