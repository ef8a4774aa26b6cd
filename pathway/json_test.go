package pathway

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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

// Bad input says where: the line, the event's index and the field.
func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     string
		line     int
		event    int
	}{
		{"unknown type", `{"id":"a","events":[{"type":"referral","date":"2024-03-28"}]}`,
			`pathway: line 1: event 0: field "type": unknown event type "referral"`, 1, 0},
		{"unknown field", "\n\n" + `{"id":"a","events":[{"type":"referral-received","date":"2024-03-28","decison":"x"}]}`,
			`pathway: line 3: event 0 (referral-received): field "decison": unknown field for this event type`, 3, 0},
		{"field of another type", `{"id":"a","events":[{"type":"referral-received","date":"2024-03-28","outcome":"plan"}]}`,
			`pathway: line 1: event 0 (referral-received): field "outcome": unknown field for this event type`, 1, 0},
		{"bad date", `{"id":"a","events":[{"type":"referral-received","date":"2024-02-30"}]}`,
			`pathway: line 1: event 0 (referral-received): field "date": holidays: parsing date "2024-02-30": day out of range`, 1, 0},
		{"number date", `{"id":"a","events":[{"type":"referral-received","date":20240328}]}`,
			`pathway: line 1: event 0 (referral-received): field "date": want a JSON string, got 20240328`, 1, 0},
		{"unknown case field", `{"id":"a","child":"x","events":[]}`,
			`pathway: line 1: field "child": unknown field`, 1, -1},
		{"missing events", `{"id":"a"}`, `pathway: line 1: field "events": missing`, 1, -1},
		{"pretty, event on its own line", "{\"id\": \"p\",\n \"events\": [\n  {\"type\": \"referral-received\", \"date\": \"2024-03-28\"},\n  {\"type\": \"core-group-met\", \"date\": \"2024-03-29\"}\n]}",
			`pathway: line 4: case "p": event 1: core-group-met is not allowed in stage referred; allowed: referral-decision, immediate-protection-taken, strategy-discussion, child-born, child-died, transferred-out, care-proceedings-issued`, 4, 1},
		{"out of order", `{"id":"o","events":[{"type":"referral-received","date":"2024-03-28"},{"type":"referral-decision","date":"2024-03-27","decision":"early-help"}]}`,
			`pathway: line 1: case "o": event 1: referral-decision dated 2024-03-27 is before the last event, dated 2024-03-28`, 1, 1},
		// encoding/json would keep the last of two dates without a word.
		{"event key twice", `{"id":"a","events":[{"type":"referral-received","date":"2024-03-28","date":"2024-04-28"}]}`,
			`pathway: line 1: event 0: field "date": appears more than once`, 1, 0},
		{"case key twice", `{"id":"a","id":"b","events":[]}`,
			`pathway: line 1: field "id" appears more than once`, 1, -1},
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
	dec := NewDecoder(&in)
	var ids []string
	var lines []int
	for {
		c, err := dec.Decode()
		if err == io.EOF {
			break
		}
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

func FuzzDecodeLog(f *testing.F) {
	for i := range 3 {
		b, _ := typicalLog(i * 50).MarshalJSON()
		f.Add(b)
	}
	f.Add([]byte(`{"id":"x","birth_date":"2007-02-29","events":[]}`))
	f.Add([]byte(`{"id":"x","events":[{"type":"plan-ended","date":"2024-01-01","ground":"moved-away","receiving_conference":"2023-12-30"}]}`))
	f.Add([]byte("{\"id\":\"a\",\"events\":[]}\n{\"id\":\"b\",\"events\":null}\n[1,2]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dec := NewDecoder(bytes.NewReader(data))
		for range 100 {
			c, err := dec.Decode()
			if err == io.EOF {
				return
			}
			if err != nil {
				if !strings.HasPrefix(err.Error(), "pathway: ") {
					t.Fatalf("error without prefix: %v", err)
				}
				var de *DecodeError
				if !errors.As(err, &de) || de.Line < 1 {
					t.Fatalf("error %v is not located", err)
				}
				continue
			}
			b, err := json.Marshal(c)
			if err != nil {
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
