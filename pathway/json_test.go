package pathway

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestLogJSONShape(t *testing.T) {
	c, err := Replay(typicalLog(0))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"typical","birth_date":"2012-05-04","events":[{"type":"referral-received","date":"2022-01-03"},` +
		`{"type":"referral-decision","date":"2022-01-04","decision":"section-17-assessment"},`
	if !strings.HasPrefix(string(b), want) {
		t.Errorf("JSON starts\n%s\nwant\n%s", b[:min(len(b), len(want))], want)
	}
	if !strings.Contains(string(b), `{"type":"initial-conference","date":"2022-02-20","outcome":"plan","category":"neglect"}`) {
		t.Errorf("conference not as expected: %s", b)
	}
	var back Case
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(c, &back, caseComparer()); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

// allTypes is the list of valid event types that errors give.
const allTypes = "early-help-started, early-help-ended, referral-received, referral-decision, " +
	"immediate-protection-taken, assessment-started, assessment-concluded, strategy-discussion, " +
	"section-47-concluded, initial-conference, core-group-met, review-conference, " +
	"child-in-need-plan-started, child-in-need-plan-reviewed, child-in-need-plan-ended, plan-ended, " +
	"transfer-in-notified, transfer-in-conference, pre-proceedings-started, case-closed, child-seen, child-born, child-died, transferred-out, care-proceedings-issued"

// Bad input says where: the line, the event's index and the field.
func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     string
		line     int
		event    int
	}{
		{"unknown type", `{"id":"a","events":[{"type":"referral","date":"2024-03-28"}]}`,
			`pathway: line 1: case "a": event 0: field "type": unknown event type "referral"; want one of ` + allTypes, 1, 0},
		{"unknown field", "\n\n" + `{"id":"a","events":[{"type":"referral-received","date":"2024-03-28","decison":"x"}]}`,
			`pathway: line 3: case "a": event 0 (referral-received): field "decison": unknown field for this event type`, 3, 0},
		{"field of another type", `{"id":"a","events":[{"type":"referral-received","date":"2024-03-28","outcome":"plan"}]}`,
			`pathway: line 1: case "a": event 0 (referral-received): field "outcome": unknown field for this event type`, 1, 0},
		{"bad date", `{"id":"a","events":[{"type":"referral-received","date":"2024-02-30"}]}`,
			`pathway: line 1: case "a": event 0 (referral-received): field "date": holidays: parsing date "2024-02-30": day out of range`, 1, 0},
		{"number date", `{"id":"a","events":[{"type":"referral-received","date":20240328}]}`,
			`pathway: line 1: case "a": event 0 (referral-received): field "date": want a JSON string, got 20240328`, 1, 0},
		{"unknown case field", `{"id":"a","child":"x","events":[]}`,
			`pathway: line 1: case "a": field "child": unknown field; want one of id, birth_date, labels, events`, 1, -1},
		{"missing events", `{"id":"a"}`, `pathway: line 1: case "a": field "events": missing`, 1, -1},
		{"pretty, event on its own line", "{\"id\": \"p\",\n \"events\": [\n  {\"type\": \"referral-received\", \"date\": \"2024-03-28\"},\n  {\"type\": \"core-group-met\", \"date\": \"2024-03-29\"}\n]}",
			`pathway: line 4: case "p": event 1: core-group-met is not allowed in stage referred; allowed: referral-decision, immediate-protection-taken, strategy-discussion, child-born, child-died, transferred-out, care-proceedings-issued`, 4, 1},
		{"out of order", `{"id":"o","events":[{"type":"referral-received","date":"2024-03-28"},{"type":"referral-decision","date":"2024-03-27","decision":"early-help"}]}`,
			`pathway: line 1: case "o": event 1: referral-decision dated 2024-03-27 is before the last event, dated 2024-03-28`, 1, 1},
		// encoding/json would keep the last of two dates without a word.
		{"event key twice", `{"id":"a","events":[{"type":"referral-received","date":"2024-03-28","date":"2024-04-28"}]}`,
			`pathway: line 1: case "a": event 0: field "date": appears more than once`, 1, 0},
		{"case key twice", `{"id":"a","id":"b","events":[]}`,
			`pathway: line 1: case "a": field "id" appears more than once`, 1, -1},
		{"syntax", "{\"id\":\"a\",\n\"events\":[}", `pathway: line 2: invalid character '}' looking for beginning of value`, 2, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewDecoder(strings.NewReader(tt.in)).Decode()
			if err == nil {
				t.Fatal("no error")
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got %s\nwant %s", err, tt.want)
			}
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("%T is not a *DecodeError", err)
			}
			if de.Line != tt.line || de.Event != tt.event {
				t.Errorf("line %d event %d, want line %d event %d", de.Line, de.Event, tt.line, tt.event)
			}
		})
	}
}

// JSON Lines: each case on its own line; an error in one well-formed case
// does not stop the rest.
func TestDecodeJSONLines(t *testing.T) {
	var in bytes.Buffer
	for i := range 3 {
		b, err := typicalLog(i).MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		in.Write(b)
		in.WriteByte('\n')
		if i == 1 {
			in.WriteString(`{"id":"bad","events":[{"type":"case-closed","date":"2024-01-01"}]}` + "\n")
		}
	}
	var ids []string
	var lines []int
	for c, err := range NewDecoder(&in).All() {
		var de *DecodeError
		if errors.As(err, &de) {
			lines = append(lines, de.Line)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID())
	}
	if len(ids) != 3 || !cmp.Equal(lines, []int{3}) {
		t.Errorf("ids %v, error lines %v", ids, lines)
	}
}

// FuzzDecode checks that whatever the decoder reads, it reads without a
// panic, with located errors, and losslessly: every log it reads writes
// out as valid JSON that reads back as the same log, and every case it
// replays survives encoding/json both ways.
func FuzzDecode(f *testing.F) {
	for i := range 3 {
		b, _ := typicalLog(i * 50).MarshalJSON()
		f.Add(b)
	}
	f.Add([]byte(`{"id":"x","birth_date":"2007-02-29","events":[]}`))
	f.Add([]byte(`{"id":"x","events":[{"type":"plan-ended","date":"2024-01-01","ground":"moved-away","receiving_conference":"2023-12-30"}]}`))
	f.Add([]byte("{\"id\":\"a\",\"events\":[]}\n{\"id\":\"b\",\"events\":null}\n[1,2]"))
	f.Add([]byte("\xef\xbb\xbf{\"id\":\"\\u000b\\u0000\\u001b\x7f\xff\",\"labels\":{\"t\\ud800\":\"\\ud83d\\ude00\"},\"events\":[]}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var l Log
		if err := l.UnmarshalJSON(data); err == nil {
			b, err := l.MarshalJSON()
			if err != nil {
				t.Fatalf("marshal decoded log: %v", err)
			}
			if !json.Valid(b) {
				t.Fatalf("invalid JSON written: %q", b)
			}
			var back Log
			if err := back.UnmarshalJSON(b); err != nil {
				t.Fatalf("re-decode %s: %v", b, err)
			}
			if diff := cmp.Diff(l, back, cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("log round trip (-want +got):\n%s", diff)
			}
		}
		// Each case or error the decoder yields moves it on by at least a
		// byte: 2,700 empty strings ("" end to end) are 2,700 refused cases.
		n := 0
		for c, err := range NewDecoder(bytes.NewReader(data)).All() {
			if n++; n > len(data)+1 {
				t.Fatalf("%d cases or errors from %d bytes: more than the input could hold", n, len(data))
			}
			if err != nil {
				var de *DecodeError
				if !strings.HasPrefix(err.Error(), "pathway: ") || !errors.As(err, &de) || de.Line < 1 {
					t.Fatalf("error %v is not located", err)
				}
				continue
			}
			b, err := json.Marshal(c)
			if err != nil || !json.Valid(b) {
				t.Fatalf("marshal decoded case: %v", err)
			}
			var back Case
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("re-decode %s: %v", b, err)
			}
			if diff := cmp.Diff(c, &back, caseComparer()); diff != "" {
				t.Fatalf("round trip (-want +got):\n%s", diff)
			}
			if n := c.Len(); n > 0 {
				if _, err := c.Deadlines(c.Events()[n-1].Date); err != nil {
					t.Fatalf("Deadlines: %v", err)
				}
			}
		}
	})
}

// A reason holding control characters, DEL, quotes, line separators or
// invalid UTF-8 is written as valid JSON and read back. Before the writer
// escaped as JSON, Go escapes such as \v and \x00 made invalid JSON.
func TestLosslessStrings(t *testing.T) {
	for _, reason := range []string{
		"tab\there", "vt\v", "nul\x00", "esc\x1b[0m", "del\x7f", `quote " and \ backslash`,
		"line\u2028sep\u2029", "<b>&amp;</b>", "caf\xc3\xa9", "bad \xff utf-8", "cut \xe2\x82",
	} {
		l := typicalLog(0)
		l.ID = "id " + reason
		l.Labels = map[string]string{"team " + reason: reason, "b": "x"}
		l.Events[len(l.Events)-1].Reason = reason
		c, err := Replay(l)
		if err != nil {
			t.Fatal(err)
		}
		for name, marshal := range map[string]func() ([]byte, error){
			"Log.MarshalJSON": l.MarshalJSON,
			"json.Marshal":    func() ([]byte, error) { return json.Marshal(c) },
		} {
			b, err := marshal()
			if err != nil {
				t.Fatalf("%s(%q): %v", name, reason, err)
			}
			if !json.Valid(b) {
				t.Fatalf("%s(%q) = invalid JSON %s", name, reason, b)
			}
			var back Case
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("%q: re-read: %v", reason, err)
			}
			// What a valid UTF-8 string holds comes back; each invalid byte
			// comes back as U+FFFD, as encoding/json reads it.
			want := string([]rune(reason))
			if got := back.Events()[back.Len()-1].Reason; got != want {
				t.Errorf("%s: reason %q came back %q", name, want, got)
			}
			if got := back.Label("team " + want); got != want {
				t.Errorf("%s: label came back %q, want %q", name, got, want)
			}
		}
	}
}

// The writer escapes like encoding/json, except for <, > and &.
func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "plain", "\x00\x01\x1f\x7f", "\"\\/", "\u2028\u2029", "é€𝄞", "\xff\xfe", "a\xc3"} {
		want, _ := json.Marshal(s)
		got := appendString(nil, s)
		// encoding/json escapes <, > and & for HTML; no test string holds them.
		if string(got) != string(want) {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
	}
}

// Windows tools put a byte order mark before JSON text.
func TestByteOrderMark(t *testing.T) {
	in := "\xef\xbb\xbf" + `{"id":"a","events":[]}` + "\n" + `{"id":"b","events":[]}`
	var ids []string
	for c, err := range NewDecoder(strings.NewReader(in)).All() {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID())
	}
	if diff := cmp.Diff([]string{"a", "b"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	var c Case
	if err := c.UnmarshalJSON([]byte("\xef\xbb\xbf" + `{"id":"a","events":[]}`)); err != nil || c.ID() != "a" {
		t.Errorf("Case.UnmarshalJSON with BOM: %v", err)
	}
	var l Log
	if err := l.UnmarshalJSON([]byte("\xef\xbb\xbf" + `{"id":"a","events":[]}`)); err != nil || l.ID != "a" {
		t.Errorf("Log.UnmarshalJSON with BOM: %v", err)
	}
	// Only at the start: elsewhere it is not JSON.
	if _, err := NewDecoder(strings.NewReader(" \xef\xbb\xbf{}")).Decode(); err == nil {
		t.Error("BOM after white space accepted")
	}
}

// Labels are read, replayed, kept by Clone and written in key order after
// the birth date; anything but an object of strings is refused, naming the
// field.
func TestLabels(t *testing.T) {
	in := `{"id":"a","labels":{"worker":"w-102","team":"North"},"birth_date":"2012-05-04","events":[]}`
	c, err := NewDecoder(strings.NewReader(in)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"team": "North", "worker": "w-102"}, c.Labels()); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	c.Labels()["team"] = "changed" // a copy
	if got := c.Clone().Label("team"); got != "North" {
		t.Errorf("clone's team = %q", got)
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"id":"a","birth_date":"2012-05-04","labels":{"team":"North","worker":"w-102"},"events":[]}`; string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	for in, want := range map[string]string{
		`{"id":"a","labels":{"team":1},"events":[]}`:                    `pathway: line 1: case "a": field "labels": label "team": want a JSON string, got 1`,
		`{"id":"a","labels":{"t":"x","t":"y"},"events":[]}`:             `pathway: line 1: case "a": field "labels": label "t" appears more than once`,
		`{"id":"a","labels":["North"],"events":[]}`:                     `pathway: line 1: case "a": field "labels": want a JSON object of strings, got ["North"]`,
		`{"id":"a","labels":{"t":{"nested":"x"}},"events":[]}`:          `pathway: line 1: case "a": field "labels": label "t": want a JSON string, got {"nested":"x"}`,
		`{"id":"a","labels":{},"labels":{},"events":[]}`:                `pathway: line 1: case "a": field "labels" appears more than once`,
		`{"id":"a","labels":null,"events":[]}`:                          `pathway: line 1: case "a": field "labels": want a JSON object of strings, got null`,
		`{"id":"a","labels":{"t":"x"},"events":[],"extra":"x"}`:         `pathway: line 1: case "a": field "extra": unknown field; want one of id, birth_date, labels, events`,
		`{"id":"a","labels":{"t\u0000":"x","t\u0000":"y"},"events":[]}`: `pathway: line 1: case "a": field "labels": label "t\x00" appears more than once`,
	} {
		_, err := NewDecoder(strings.NewReader(in)).Decode()
		if err == nil || err.Error() != want {
			t.Errorf("%s:\n got %v\nwant %s", in, err, want)
		}
	}
}

// Unknown names list the valid ones, and suggest the one that differs only
// in letter case.
func TestUnknownNamesSuggest(t *testing.T) {
	for in, want := range map[string]string{
		`{"type":"Referral-Received","date":"2024-03-28"}`:                                        `pathway: event 0: field "type": unknown event type "Referral-Received": did you mean "referral-received"?; want one of ` + allTypes,
		`{"type":"initial-conference","date":"2024-03-28","outcome":"plan","category":"Neglect"}`: `pathway: event 0 (initial-conference): field "category": unknown category "Neglect": did you mean "neglect"?; want one of neglect, physical-abuse, emotional-abuse, sexual-abuse, multiple`,
		`{"type":"initial-conference","date":"2024-03-28","outcome":"PLAN","category":"neglect"}`: `pathway: event 0 (initial-conference): field "outcome": unknown outcome "PLAN": did you mean "plan"?; want one of plan, no-plan`,
		`{"type":"initial-conference","date":"2024-03-28","outcome":"continue"}`:                  `pathway: event 0 (initial-conference): field "outcome": continue is not one of plan, no-plan`,
	} {
		var e Event
		err := e.UnmarshalJSON([]byte(in))
		if err == nil || err.Error() != want {
			t.Errorf("%s:\n got %v\nwant %s", in, err, want)
		}
	}
}

// Hostile bodies are refused (or read) with the right error; the time
// bound is BenchmarkHostile's.
func TestHostileBodies(t *testing.T) {
	want := map[string]string{
		"80000-keys":   `pathway: line 1: case "h": event 0 (referral-received): field "k0": unknown field for this event type`,
		"80000-labels": `pathway: line 1: case "h": field "labels": more than 64 labels`,
		"20000-events": "",
	}
	for name, body := range hostileBodies() {
		c, err := NewDecoder(bytes.NewReader(body)).Decode()
		switch {
		case want[name] == "" && (err != nil || c.Len() != 20_002):
			t.Errorf("%s: %v", name, err)
		case want[name] != "" && (err == nil || err.Error() != want[name]):
			t.Errorf("%s:\n got %v\nwant %s", name, err, want[name])
		}
	}
}
