package pathway_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/workingtogether/safeguarding/pathway"
)

// A night's export with a bad line: the bad case is reported with its line
// and the cases after it are still read.
func ExampleDecoder_All() {
	export := `{"id":"a","events":[{"type":"referral-received","date":"2024-09-02"}]}
{"id":"b","events":[{"type":"ICPC","date":"2024-09-02"}]}
{"id":"c","events":[{"type":"referral-received","date":"2024-09-
{"id":"d","labels":{"team":"North"},"events":[{"type":"early-help-started","date":"2024-09-03"}]}
`
	for c, err := range pathway.NewDecoder(strings.NewReader(export)).All() {
		if err != nil {
			var de *pathway.DecodeError
			errors.As(err, &de)
			fmt.Printf("line %d, case %q, field %q: unreadable\n", de.Line, de.Case, de.Field)
			continue
		}
		fmt.Printf("%s: %s (team %q)\n", c.ID(), c.Stage(), c.Label("team"))
	}
	// Output:
	// a: referred (team "")
	// line 2, case "b", field "type": unreadable
	// line 3, case "", field "": unreadable
	// d: early-help (team "North")
}

// Judge a large export on every core: results come in input order, with
// the serial decoder's errors.
func ExampleMapCases() {
	export := `{"id":"a","events":[{"type":"referral-received","date":"2024-09-02"}]}
{"id":"b","events":[{"type":"case-closed","date":"2024-09-02"}]}
{"id":"c","events":[{"type":"referral-received","date":"2024-09-02"},{"type":"referral-decision","date":"2024-09-09","decision":"no-further-action"}]}
`
	asOf := date(2024, 9, 10)
	lateOf := func(c *pathway.Case) (string, error) {
		late, err := c.Late(asOf)
		return fmt.Sprintf("%s: %d late", c.ID(), len(late)), err
	}
	for line, err := range pathway.MapCases(strings.NewReader(export), 0, lateOf) {
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(line)
	}
	// Output:
	// a: 1 late
	// pathway: line 2: case "b": event 0: case-closed is not allowed in stage new; allowed: early-help-started, referral-received, transfer-in-notified
	// c: 1 late
}

// Report each case with the line it starts on, as a CI report does, while
// judging on every core. A referral of Monday 2 September 2024 not decided
// by the next working day is overdue by 10 September.
func ExampleMapCasesAt() {
	export := `{"id":"a","events":[{"type":"referral-received","date":"2024-09-02"}]}

{"id":"c","events":[{"type":"referral-received","date":"2024-09-02"},{"type":"referral-decision","date":"2024-09-03","decision":"no-further-action"}]}
`
	asOf := date(2024, 9, 10)
	report := func(c *pathway.Case, line int) (string, error) {
		late, err := c.Late(asOf)
		return fmt.Sprintf("export.jsonl:%d: case %s: %d late", line, c.ID(), len(late)), err
	}
	for r, err := range pathway.MapCasesAt(strings.NewReader(export), 0, report) {
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(r)
	}
	// Output:
	// export.jsonl:1: case a: 1 late
	// export.jsonl:3: case c: 0 late
}
