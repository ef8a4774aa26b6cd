package pathway

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The type and date the writer spells are read at once (scanner.written);
// any other spelling of the same event reads the same event, or gives the
// same error.
func TestWrittenSpellingsAgree(t *testing.T) {
	events := []string{
		`{"type":"referral-received","date":"2024-03-28"}`,
		`{"type":"referral-decision","date":"2024-03-29","decision":"section-17-assessment","reason":"late"}`,
		`{"type":"referral-received","type":"child-seen","date":"2024-03-28"}`,
		`{"type":"referral-received","date":"2024-03-28","date":"2024-03-29"}`,
		`{"type":"Referral-Received","date":"2024-03-28"}`,
		`{"type":"referral-received","date":"2024-13-28"}`,
		`{"type":"referral-received","date":2024}`,
		`{"type":"referral-received","date":"2024-03-28","x":"1"}`,
		`{"type":"referral-received"}`,
		`{"type":"case-closed","date":"2024-03-28","closure":"adopted"}`,
		`{"type":"r\u00e9ferral","date":"2024-03-28"}`,
		`{"type":"referral-decision","date":"2024-03-29","decision":"section-17-assessment","decision":"x"}`,
		`{"type":"referral-decision","date":"2024-03-29","decision":5}`,
		`{"type":"referral-decision","date":"2024-03-29","decision":"no-further-action","reason":"caf\u00e9"}`,
		`{"type":"referral-decision","date":"2024-03-29","reason":"r","decision":"early-help","":"x"}`,
		`{"type":"initial-conference","date":"2024-03-29","outcome":"plan","category":"neglect","reason":"a \"b\""}`,
		`{"type":"referral-received","date":"2024-03-28\u0000"}`,
	}
	// respell writes the same members otherwise: white space around every
	// token, and the names escaped.
	respell := func(s string) string {
		s = strings.NewReplacer(`":`, `" : `, `,"`, ` , "`, `{"`, `{ "`).Replace(s)
		return strings.NewReplacer(`"type"`, `"typ\u0065"`, `"date"`, `"\u0064ate"`).Replace(s)
	}
	read := func(s string) string {
		var e Event
		if err := e.UnmarshalJSON([]byte(s)); err != nil {
			return "error: " + err.Error()
		}
		return fmt.Sprintf("%+v", e)
	}
	for _, s := range events {
		other := respell(s)
		if other == s {
			t.Fatalf("respell left %s as it was", s)
		}
		if diff := cmp.Diff(read(s), read(other)); diff != "" {
			t.Errorf("%s and %s read differently (-written +respelt):\n%s", s, other, diff)
		}
	}
}

// A case's members and labels as the writer spells them read as any other
// spelling of them does.
func TestWrittenCaseSpellingsAgree(t *testing.T) {
	cases := []string{
		`{"id":"c-1","birth_date":"2012-05-04","labels":{"team":"North","worker":"w-1"},"events":[{"type":"referral-received","date":"2024-03-28"}]}`,
		`{"id":"c-1","labels":{"team":"North","team":"South"},"events":[]}`,
		`{"id":"c-1","labels":{"team":1},"events":[]}`,
		`{"id":"c-1","id":"c-2","events":[]}`,
		`{"id":"c-1","x":"y","events":[]}`,
		`{"id":"c-1","labels":{},"events":[]}`,
		`{"id":"c-1"}`,
		`{"id""c-1","events":[]}`,
		`{"id":"c-1","labels":{"team""North"},"events":[]}`,
	}
	respell := func(s string) string {
		return strings.NewReplacer(`":`, `" : `, `,"`, ` , "`, `{"`, `{ "`).Replace(s)
	}
	read := func(s string) string {
		var l Log
		if err := l.UnmarshalJSON([]byte(s)); err != nil {
			return "error: " + err.Error()
		}
		return fmt.Sprintf("%+v", l)
	}
	for _, s := range cases {
		if diff := cmp.Diff(read(s), read(respell(s))); diff != "" {
			t.Errorf("%s and %s read differently (-written +respelt):\n%s", s, respell(s), diff)
		}
	}
}
