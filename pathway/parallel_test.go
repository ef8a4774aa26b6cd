package pathway

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"
)

// result is what an iterator yields for one case, comparable across
// Decoder.All and MapCases.
type result struct {
	ID    string
	Len   int
	Err   string
	Line  int
	Event int
	Field string
	Fatal bool
}

func resultOf(c *Case, err error) result {
	if err != nil {
		o := result{Err: err.Error(), Event: -2}
		var de *DecodeError
		if errors.As(err, &de) {
			o.Line, o.Event, o.Field, o.Fatal, o.ID = de.Line, de.Event, de.Field, de.Fatal, de.Case
		}
		return o
	}
	return result{ID: c.ID(), Len: c.Len()}
}

func serialOutcomes(data []byte) []result {
	var got []result
	for c, err := range NewDecoder(bytes.NewReader(data)).All() {
		got = append(got, resultOf(c, err))
	}
	return got
}

func parallelOutcomes(data []byte, workers int) []result {
	var got []result
	for c, err := range MapCases(bytes.NewReader(data), workers, func(c *Case) (*Case, error) { return c, nil }) {
		got = append(got, resultOf(c, err))
	}
	return got
}

// mixedInput is JSON Lines with good cases and every kind of bad line.
func mixedInput(t testing.TB) []byte {
	var b bytes.Buffer
	for i := range 700 {
		l := typicalLog(i)
		l.ID = fmt.Sprintf("c-%d", i)
		j, err := l.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		switch i % 7 {
		case 1:
			j = j[:len(j)/2] // truncated line
		case 3:
			j = bytes.Replace(j, []byte(`"neglect"`), []byte(`"Neglect"`), 1)
		case 5:
			j = bytes.Replace(j, []byte(`,"events"`), []byte(`,,"events"`), 1)
		}
		b.Write(j)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// MapCases yields what Decoder.All yields, in the same order, with the same
// lines, whatever the number of workers.
func TestMapCasesMatchesDecoder(t *testing.T) {
	data := mixedInput(t)
	want := serialOutcomes(data)
	if len(want) != 700 {
		t.Fatalf("decoder yielded %d, want 700", len(want))
	}
	var bad int
	for _, o := range want {
		if o.Err != "" {
			bad++
		}
	}
	if bad != 300 {
		t.Errorf("%d errors, want 300", bad)
	}
	for _, w := range []int{1, 2, 5} {
		if diff := cmp.Diff(want, parallelOutcomes(data, w)); diff != "" {
			t.Errorf("workers %d (-decoder +MapCases):\n%s", w, diff)
		}
	}
}

// After a syntax error or a truncated line, decoding goes on at the next
// line; the lines are exact.
func TestDecoderRecovers(t *testing.T) {
	in := `{"id":"a","events":[]}` + "\n" +
		`{"id":"b","events":[` + "\n" + // truncated
		`{"id":"c","events":[}]}` + "\n" + // syntax
		`{"id":"d","events":[{"type":"case-closed","date":"2024-01-01"}]}` + "\n" + // refused by replay
		`{"id":"e","x":1,"events":[]}` + "\n" +
		`{"id":"f","events":[]} garbage` + "\n" +
		`{"id":"g","events":[]}` + "\n"
	want := []result{
		{ID: "a"},
		{Err: "pathway: line 2: case not closed at the end of its line (JSON Lines)", Line: 2, Event: -1},
		{Err: "pathway: line 3: invalid character '}' looking for beginning of value", Line: 3, Event: -1},
		{ID: "d", Err: `pathway: line 4: case "d": event 0: case-closed is not allowed in stage new; allowed: early-help-started, referral-received, transfer-in-notified`, Line: 4},
		{ID: "e", Err: `pathway: line 5: case "e": field "x": unknown field; want one of id, birth_date, labels, events`, Line: 5, Event: -1, Field: "x"},
		{ID: "f"},
		{Err: "pathway: line 6: invalid character 'g' looking for beginning of value", Line: 6, Event: -1},
		{ID: "g"},
	}
	got := serialOutcomes([]byte(in))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, parallelOutcomes([]byte(in), 2)); diff != "" {
		t.Errorf("MapCases (-want +got):\n%s", diff)
	}
}

// A failing reader is fatal: reported once, with nothing after it, and
// every later Decode returns it.
type failingReader struct {
	data []byte
	err  error
}

func (r *failingReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestDecoderFatal(t *testing.T) {
	boom := errors.New("disk on fire")
	in := `{"id":"a","events":[]}` + "\n" + `{"id":"b","eve`
	dec := NewDecoder(&failingReader{data: []byte(in), err: boom})
	var got []result
	for c, err := range dec.All() {
		got = append(got, resultOf(c, err))
	}
	want := []result{{ID: "a"}, {Err: "pathway: line 2: disk on fire", Line: 2, Event: -1, Fatal: true}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := dec.Decode(); !errors.Is(err, boom) {
		t.Errorf("after fatal: %v", err)
	}
	var par []result
	for c, err := range MapCases(&failingReader{data: []byte(in), err: boom}, 2, func(c *Case) (*Case, error) { return c, nil }) {
		par = append(par, resultOf(c, err))
	}
	if diff := cmp.Diff(want, par); diff != "" {
		t.Errorf("MapCases (-want +got):\n%s", diff)
	}
}

// A read error while skipping the rest of a bad line comes after that
// line's syntax error, not instead of it.
func TestDecoderFatalWhileResyncing(t *testing.T) {
	boom := errors.New("disk on fire")
	in := `{"id":"a",,"events":[]} and more on the line`
	want := []result{
		{Err: "pathway: line 1: invalid character ',' looking for beginning of object key string", Line: 1, Event: -1},
		{Err: "pathway: line 1: disk on fire", Line: 1, Event: -1, Fatal: true},
	}
	var got, par []result
	for c, err := range NewDecoder(&failingReader{data: []byte(in), err: boom}).All() {
		got = append(got, resultOf(c, err))
	}
	for c, err := range MapCases(&failingReader{data: []byte(in), err: boom}, 2, func(c *Case) (*Case, error) { return c, nil }) {
		par = append(par, resultOf(c, err))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Decoder (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, par); diff != "" {
		t.Errorf("MapCases (-want +got):\n%s", diff)
	}
}

// A case larger than MaxCaseSize is fatal, and memory stays bounded.
func TestDecoderMaxCaseSize(t *testing.T) {
	r := io.MultiReader(strings.NewReader(`{"id":"`), &repeatReader{c: 'x', n: MaxCaseSize + 1}, strings.NewReader(`","events":[]}`))
	_, err := NewDecoder(r).Decode()
	var de *DecodeError
	if !errors.As(err, &de) || !de.Fatal || !strings.Contains(err.Error(), "larger than the maximum") {
		t.Errorf("got %v", err)
	}
}

type repeatReader struct {
	c byte
	n int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	n := min(len(p), r.n)
	for i := range n {
		p[i] = r.c
	}
	r.n -= n
	return n, nil
}

// fn's error comes back wrapped with the case's line and ID, in order.
func TestMapCasesFnError(t *testing.T) {
	in := `{"id":"a","events":[]}` + "\n\n" + `{"id":"b","events":[]}` + "\n" + `{"id":"c","events":[]}`
	no := errors.New("no b")
	var got []string
	for id, err := range MapCases(strings.NewReader(in), 3, func(c *Case) (string, error) {
		if c.ID() == "b" {
			return "ignored", no
		}
		return c.ID(), nil
	}) {
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) || !errors.Is(err, no) || de.Line != 3 || de.Case != "b" || id != "" {
				t.Errorf("error %v (%q) not wrapped with line 3 and case b", err, id)
			}
			got = append(got, err.Error())
			continue
		}
		got = append(got, id)
	}
	if diff := cmp.Diff([]string{"a", `pathway: line 3: case "b": no b`, "c"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// Breaking out of the loop stops the workers before MapCases returns.
func TestMapCasesBreakStopsWorkers(t *testing.T) {
	data := mixedInput(t)
	before := runtime.NumGoroutine()
	for range 20 {
		n := 0
		for range MapCases(bytes.NewReader(data), 4, func(c *Case) (int, error) { return c.Len(), nil }) {
			if n++; n == 10 {
				break
			}
		}
	}
	// Goroutines that have returned may take a moment to be counted out.
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if after := runtime.NumGoroutine(); after > before {
		t.Errorf("%d goroutines before, %d after", before, after)
	}
}

// FuzzMapCases checks that MapCases yields what Decoder.All yields, on any
// input.
func FuzzMapCases(f *testing.F) {
	f.Add([]byte(`{"id":"a","events":[]}` + "\n" + `{"id":"b","events":[` + "\n" + `{"id":"c","events":[]}`))
	f.Add([]byte("{\"id\": \"p\",\n \"events\": [\n  {\"type\": \"referral-received\", \"date\": \"2024-03-28\"}\n]}\n{\"id\":\"q\",\"events\":[}]}\nx\n"))
	f.Add([]byte(`{"id":"a","events":[{"type":"case-closed","date":"2024-01-01"}]} {"id":"b","labels":{"t":1},"events":[]}`))
	f.Add(mixedInput(f)[:4000])
	f.Fuzz(func(t *testing.T, data []byte) {
		want := serialOutcomes(data)
		if diff := cmp.Diff(want, parallelOutcomes(data, 2)); diff != "" {
			t.Fatalf("(-decoder +MapCases):\n%s", diff)
		}
	})
}

// A reader that gives one byte at a time reads the same cases, and each
// case is scanned a few times, not once per read: decoding stays linear.
func TestDecoderOneByteReads(t *testing.T) {
	data := mixedInput(t)[:20_000]
	data = append(data, '\n')
	big := hostileBodies()["20000-events"][:200_000] // a plan with thousands of core groups
	data = append(data, big[:bytes.LastIndex(big, []byte(",{"))]...)
	data = append(data, "]}\n"...)
	want := serialOutcomes(data)
	dec := NewDecoder(iotest.OneByteReader(bytes.NewReader(data)))
	var got []result
	for c, err := range dec.All() {
		got = append(got, resultOf(c, err))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-whole +one byte at a time):\n%s", diff)
	}
	if n := want[len(want)-1].Len; n < 4000 {
		t.Errorf("the big case has %d events: %+v", n, want[len(want)-1])
	}
	// Two scans for a bad case (strict, then framing), a few more for
	// those split across reads.
	if cases := len(got); dec.runs > 4*cases {
		t.Errorf("%d scans for %d cases", dec.runs, cases)
	}
}

// frameState says when a case may be complete.
func TestFrameState(t *testing.T) {
	for _, tt := range []struct {
		text    string
		oneLine bool
		want    int // bytes looked at when it says complete, or -1
	}{
		{`{"a":"}\"]"}`, false, 12},
		{`{"a":[1,{"b":2}]} {`, false, 17},
		{"{\"a\":\n1}", false, 8},
		{"{\"a\":\n1}", true, 6},
		{`{"a":"x`, false, -1},
		{`"top"`, false, 5},
		{`123 `, false, 4},
		{`12`, false, -1},
		// A raw newline in a string is not JSON: the case ends there, for
		// the scanner to refuse, rather than waiting for more input.
		{"{\"a\":\"x\ny\"}", false, 8},
		// A top-level scalar ends at a newline even in a pretty-printed
		// stream, and so does an escaped quote's string at its real end.
		{"12\n", false, 3},
		{`"a\"b"`, false, 6},
	} {
		var f frameState
		got := -1
		// Feed it a byte at a time, as a slow reader would.
		for n := 1; n <= len(tt.text); n++ {
			if f.advance([]byte(tt.text[:n]), tt.oneLine) {
				got = f.off
				break
			}
		}
		if got != tt.want {
			t.Errorf("%q (one line %v): complete after %d bytes, want %d", tt.text, tt.oneLine, got, tt.want)
		}
	}
}

// Batches framed by lines, small (64 workers: 16 cases or 16 KB a batch)
// and large, give what the Decoder gives: after a pretty-printed case, which
// is framed case by case; across a line longer than a batch that holds many
// cases; and at the end of input without a final newline.
func TestMapCasesLineBatches(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("{\"id\": \"pretty\",\n \"events\": [\n  {\"type\": \"referral-received\", \"date\": \"2024-03-28\"}\n]}\n")
	b.Write(mixedInput(t))
	b.WriteString("\n\n   \n")
	for i := range 400 { // one line of 400 cases, about 40 KB
		fmt.Fprintf(&b, `{"id":"long-%d","events":[{"type":"referral-received","date":"2024-03-28"}]} `, i)
	}
	b.WriteString("\n")
	b.Write(mixedInput(t)[:5000])
	data := b.Bytes()
	want := serialOutcomes(data)
	for _, w := range []int{1, 3, 64} {
		if diff := cmp.Diff(want, parallelOutcomes(data, w)); diff != "" {
			t.Errorf("workers %d (-decoder +MapCases):\n%s", w, diff)
		}
	}
}

// MapCasesAt gives fn the line each case starts on, as the Decoder counts.
func TestMapCasesAtLines(t *testing.T) {
	data := mixedInput(t)
	data = append([]byte("\n\n{\"id\": \"pretty\",\n \"events\": []}\n"), data...)
	var want []int
	dec := NewDecoder(bytes.NewReader(data))
	for c, err := range dec.All() {
		if err == nil {
			want = append(want, dec.Line())
			_ = c
		}
	}
	if len(want) < 400 || want[0] != 3 || want[1] != 5 {
		t.Fatalf("decoder lines %v...", want[:2])
	}
	for _, w := range []int{1, 2, 64} {
		var got []int
		for line, err := range MapCasesAt(bytes.NewReader(data), w, func(_ *Case, line int) (int, error) { return line, nil }) {
			if err == nil {
				got = append(got, line)
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("workers %d (-decoder +MapCasesAt):\n%s", w, diff)
		}
	}
}
