package holidays

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
)

// FeedDivision is the division of GOV.UK's bank-holidays.json that this
// calendar models.
const FeedDivision = "england-and-wales"

// A FeedError reports a GOV.UK bank holidays feed that cannot be read. Path
// says where in the document (for example "england-and-wales.events[3].date"),
// Line and Column where in the text, when known: the byte at which the JSON
// decoder found the fault (the invalid character, or the last byte of a
// value of the wrong type).
type FeedError struct {
	Path    string
	Line    int // 1-based; 0 if unknown
	Column  int // 1-based; 0 if unknown
	Message string
}

// Error says where in the feed, by path and by line and column when known,
// and what is wrong.
func (e *FeedError) Error() string {
	where := e.Path
	if e.Line > 0 {
		if where != "" {
			where += " "
		}
		where += fmt.Sprintf("(line %d, column %d)", e.Line, e.Column)
	}
	if where == "" {
		return "holidays: feed: " + e.Message
	}
	return fmt.Sprintf("holidays: feed: %s: %s", where, e.Message)
}

type feedEvent struct {
	Title string `json:"title"`
	Date  string `json:"date"`
	Notes string `json:"notes"`
}

type feedDivision struct {
	Division string      `json:"division"`
	Events   []feedEvent `json:"events"`
}

// maxFeedBytes bounds what ParseFeed reads: GOV.UK's whole feed is under 20 KB.
const maxFeedBytes = 4 << 20

// ParseFeed reads a document in the format of GOV.UK's bank-holidays.json
// (https://www.gov.uk/bank-holidays.json) and returns the holidays of its
// england-and-wales division in date order. An event whose notes say
// "Substitute day" is marked as a substitute. Other divisions and fields
// are ignored. A malformed document, a missing division, an event without a
// title or with a date that is not YYYY-MM-DD, or the same date twice gives a
// *[FeedError] that says where.
func ParseFeed(r io.Reader) ([]Holiday, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFeedBytes+1))
	if err != nil {
		return nil, fmt.Errorf("holidays: feed: %w", err)
	}
	if len(data) > maxFeedBytes {
		return nil, &FeedError{Message: fmt.Sprintf("larger than %d bytes", maxFeedBytes)}
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, jsonFeedError(data, "", 0, err)
	}
	raw, ok := doc[FeedDivision]
	if !ok {
		return nil, &FeedError{Message: fmt.Sprintf("no %q division", FeedDivision)}
	}
	var div feedDivision
	if err := json.Unmarshal(raw, &div); err != nil {
		return nil, jsonFeedError(data, FeedDivision, bytes.Index(data, raw), err)
	}
	if len(div.Events) == 0 {
		return nil, &FeedError{Path: FeedDivision + ".events", Message: "no events"}
	}
	seen := make(map[Date]int, len(div.Events))
	out := make([]Holiday, 0, len(div.Events))
	for i, ev := range div.Events {
		path := fmt.Sprintf("%s.events[%d]", FeedDivision, i)
		d, err := ParseDate(ev.Date)
		if err != nil {
			var pe *ParseError
			errors.As(err, &pe)
			return nil, &FeedError{Path: path + ".date", Message: fmt.Sprintf("%q: %s", ev.Date, pe.Message)}
		}
		if ev.Title == "" {
			return nil, &FeedError{Path: path + ".title", Message: "missing"}
		}
		if j, dup := seen[d]; dup {
			return nil, &FeedError{Path: path + ".date", Message: fmt.Sprintf("%s repeats events[%d]", d, j)}
		}
		seen[d] = i
		out = append(out, Holiday{Date: d, Name: ev.Title, Substitute: ev.Notes == "Substitute day"})
	}
	sortHolidays(out)
	return out, nil
}

// jsonFeedError turns an encoding/json error into a FeedError with the line and
// column of its offset; base is where the decoded part starts in data.
func jsonFeedError(data []byte, path string, base int, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	offset := int64(-1)
	msg := err.Error()
	switch {
	case errors.As(err, &syn):
		offset = syn.Offset
		msg = syn.Error()
	case errors.As(err, &typ):
		offset = typ.Offset
		if typ.Field != "" && path != "" {
			path += "." + typ.Field
		} else if typ.Field != "" {
			path = typ.Field
		}
		msg = fmt.Sprintf("want JSON %s, have JSON %s", jsonKind(typ.Type), typ.Value)
	}
	fe := &FeedError{Path: path, Message: msg}
	if offset >= 0 && base >= 0 {
		// encoding/json's offsets count the bytes read, the faulty one
		// included: step back onto it.
		fe.Line, fe.Column = lineColumn(data, max(int(offset)+base-1, 0))
	}
	return fe
}

// jsonKind names what the feed format wants in JSON's words: a reader of the
// feed has never seen our unexported Go types.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "value"
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Map, reflect.Struct:
		return "object"
	case reflect.Bool:
		return "bool"
	}
	return t.String()
}

func lineColumn(data []byte, offset int) (line, col int) {
	offset = min(offset, len(data))
	line = 1 + bytes.Count(data[:offset], []byte("\n"))
	col = offset - bytes.LastIndexByte(data[:offset], '\n')
	return line, col
}
