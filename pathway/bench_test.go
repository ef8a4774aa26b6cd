package pathway

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/workingtogether/safeguarding/holidays"
)

// typicalLog returns a 12-event case through the whole child protection
// route, shifted by i days so that generated cases differ.
func typicalLog(i int) Log {
	start := d(2022, time.January, 3).AddDays(i % 700)
	at := func(days int) holidays.Date { return start.AddDays(days) }
	return Log{
		ID:        "typical",
		BirthDate: d(2012, 5, 4),
		Events: []Event{
			{Type: ReferralReceived, Date: at(0)},
			{Type: ReferralDecision, Date: at(1), Outcome: OutcomeSection17Assessment},
			{Type: AssessmentStarted, Date: at(2)},
			{Type: StrategyDiscussionHeld, Date: at(30), Outcome: OutcomeSection47},
			{Type: Section47Concluded, Date: at(44), Outcome: OutcomeSubstantiated},
			{Type: InitialConferenceHeld, Date: at(48), Outcome: OutcomePlan, Category: CategoryNeglect},
			{Type: CoreGroupMet, Date: at(55)},
			{Type: CoreGroupMet, Date: at(90)},
			{Type: ReviewConferenceHeld, Date: at(130), Outcome: OutcomeContinue},
			{Type: CoreGroupMet, Date: at(200)},
			{Type: ReviewConferenceHeld, Date: at(300), Outcome: OutcomeEnd, Reason: "family moved twice"},
			{Type: CaseClosed, Date: at(320)},
		},
	}
}

// BenchmarkReplayTypical replays a typical 12-event case and computes its
// deadlines.
func BenchmarkReplayTypical(b *testing.B) {
	l := typicalLog(0)
	asOf := l.Events[len(l.Events)-1].Date
	var buf []Clock
	b.ReportAllocs()
	for b.Loop() {
		c, err := Replay(l)
		if err != nil {
			b.Fatal(err)
		}
		if buf, err = c.AppendDeadlines(buf[:0], asOf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(l.Events))/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkBatch replays 100,000 generated cases and computes each one's
// deadlines, on one goroutine.
func BenchmarkBatch(b *testing.B) {
	const n = 100_000
	logs := make([]Log, n)
	events := 0
	for i := range logs {
		logs[i] = typicalLog(i)
		// Vary the length: cut some cases short mid-route.
		if k := i % 5; k > 0 {
			logs[i].Events = logs[i].Events[:12-2*k]
		}
		events += len(logs[i].Events)
	}
	asOf := d(2025, 1, 1)
	var buf []Clock
	runtime.GC() // settle the generator's garbage before the clock starts
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range logs {
			c, err := Replay(l)
			if err != nil {
				b.Fatal(err)
			}
			if buf, err = c.AppendDeadlines(buf[:0], asOf); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*events)/b.Elapsed().Seconds(), "events/s")
}

// generatedLines returns n generated cases as JSON Lines, a mix of routes
// cut short at different points (from 4 to 12 events), some with labels,
// and the number of events.
func generatedLines(tb testing.TB, n int) ([]byte, int) {
	tb.Helper()
	var b []byte
	events := 0
	for i := range n {
		l := typicalLog(i)
		l.ID = "case-" + strconv.Itoa(i)
		if k := i % 5; k > 0 {
			l.Events = l.Events[:12-2*k]
		}
		if i%3 == 0 {
			l.Labels = map[string]string{"team": [...]string{"North", "South", "East"}[i%9/3], "worker": "w-" + strconv.Itoa(i%97)}
		}
		events += len(l.Events)
		b = l.appendJSON(b)
		b = append(b, '\n')
	}
	return b, events
}

// laxLog mirrors the JSON format for encoding/json, with no strictness.
type laxLog struct {
	ID        string            `json:"id"`
	BirthDate holidays.Date     `json:"birth_date"`
	Labels    map[string]string `json:"labels"`
	Events    []struct {
		Type                EventType     `json:"type"`
		Date                holidays.Date `json:"date"`
		Decision            string        `json:"decision"`
		Ground              string        `json:"ground"`
		Outcome             string        `json:"outcome"`
		Category            string        `json:"category"`
		ReceivingConference holidays.Date `json:"receiving_conference"`
		Reason              string        `json:"reason"`
	} `json:"events"`
}

func (x *laxLog) log() Log {
	l := Log{ID: x.ID, BirthDate: x.BirthDate, Labels: x.Labels, Events: make([]Event, len(x.Events))}
	for i, e := range x.Events {
		o, _ := parseOutcome(e.Decision + e.Ground + e.Outcome)
		c, _ := parseCategory(e.Category)
		l.Events[i] = Event{Type: e.Type, Date: e.Date, Outcome: o, Category: c, ReceivingConference: e.ReceivingConference, Reason: e.Reason}
	}
	return l
}

// BenchmarkDecodeJudge decodes 100,000 generated cases (about 800,000
// events) from JSON Lines and computes each one's deadlines: strictly with
// the Decoder, and, as the peer, with a lax typed encoding/json decode of
// each line followed by Replay. Run with -cpu 1.
func BenchmarkDecodeJudge(b *testing.B) {
	data, events := generatedLines(b, 100_000)
	asOf := d(2025, 1, 1)
	// Both peers judge as a host judging many cases does, with
	// AppendDeadlines into one reused slice, so that the difference
	// between them is the decoding.
	var clocks []Clock
	strict := func(b *testing.B) {
		n := 0
		for c, err := range NewDecoder(bytes.NewReader(data)).All() {
			if err != nil {
				b.Fatal(err)
			}
			if clocks, err = c.AppendDeadlines(clocks[:0], asOf); err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 100_000 {
			b.Fatalf("%d cases", n)
		}
	}
	lax := func(b *testing.B) {
		for line := range bytes.Lines(data) {
			var x laxLog
			if err := json.Unmarshal(line, &x); err != nil {
				b.Fatal(err)
			}
			c, err := Replay(x.log())
			if err != nil {
				b.Fatal(err)
			}
			if clocks, err = c.AppendDeadlines(clocks[:0], asOf); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("strict", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			strict(b)
		}
		b.ReportMetric(float64(b.N*events)/b.Elapsed().Seconds(), "events/s")
	})
	// The decoding alone, without replay: what the decoder itself costs.
	b.Run("strict-decode-only", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			dec := NewDecoder(bytes.NewReader(data))
			for {
				_, _, _, err := dec.next(true)
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.N*events)/b.Elapsed().Seconds(), "events/s")
	})
	b.Run("lax-encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			lax(b)
		}
		b.ReportMetric(float64(b.N*events)/b.Elapsed().Seconds(), "events/s")
	})
	// The two in turn, each iteration one pass of each: on a machine whose
	// speed drifts from second to second (this VM's does, by up to 2x),
	// the ratio of passes run side by side is the fair one. Run with
	// -benchtime 10x or more.
	b.Run("alternating", func(b *testing.B) {
		alternate(b, "strict", "lax", func() { strict(b) }, func() { lax(b) })
	})
}

// alternate runs one pass of first and one of second each iteration, and
// reports the median milliseconds of each and the median of their ratio,
// second's time over first's: a measure of the two side by side that
// drift in the machine's speed over the run cancels out of. Each pass
// starts from a collected heap, so that neither pays for the other's
// garbage.
func alternate(b *testing.B, name1, name2 string, first, second func()) {
	var t1, t2, ratio []float64
	timed := func(pass func()) float64 {
		b.StopTimer()
		runtime.GC()
		b.StartTimer()
		start := time.Now()
		pass()
		return float64(time.Since(start)) / 1e6
	}
	for b.Loop() {
		a := timed(first)
		c := timed(second)
		t1, t2, ratio = append(t1, a), append(t2, c), append(ratio, c/a)
	}
	b.ReportMetric(median(t1), name1+"-ms")
	b.ReportMetric(median(t2), name2+"-ms")
	b.ReportMetric(median(ratio), name2+"/"+name1)
}

// median returns the median of xs, which it sorts.
func median(xs []float64) float64 {
	slices.Sort(xs)
	if n := len(xs); n%2 == 0 {
		return (xs[n/2-1] + xs[n/2]) / 2
	}
	return xs[len(xs)/2]
}

// BenchmarkMapCases does BenchmarkDecodeJudge/strict's work with MapCases
// on GOMAXPROCS workers. Run with -cpu 1,2. Like the serial benchmark, fn
// judges with AppendDeadlines into a reused slice (one per goroutine at a
// time, from a pool), as a host judging millions of cases would: a new
// slice of clocks for each case would be most of what the run allocates.
func BenchmarkMapCases(b *testing.B) {
	data, events := generatedLines(b, 100_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	pass := mapCasesPass(b, data)
	for b.Loop() {
		pass(0)
	}
	b.ReportMetric(float64(b.N*events)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkMapCasesCores runs BenchmarkMapCases's pass on one core (one
// worker, GOMAXPROCS 1) and on two (two workers, GOMAXPROCS 2) in turn,
// and reports the median of their ratio (see alternate). Run with
// -benchtime 10x or more, on a machine with at least two cores.
func BenchmarkMapCasesCores(b *testing.B) {
	if runtime.NumCPU() < 2 {
		b.Skip("needs two cores")
	}
	data, _ := generatedLines(b, 100_000)
	pass := mapCasesPass(b, data)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	on := func(cores int) func() {
		return func() {
			runtime.GOMAXPROCS(cores)
			pass(cores)
		}
	}
	// The ratio is one core's time over two cores': the speed-up.
	alternate(b, "2-cores", "1-core", on(2), on(1))
}

// mapCasesPass returns a pass of MapCases over data on the given number of
// workers, judging each case as BenchmarkDecodeJudge/strict does.
func mapCasesPass(b *testing.B, data []byte) func(workers int) {
	asOf := d(2025, 1, 1)
	var bufs sync.Pool
	return func(workers int) {
		n := 0
		for _, err := range MapCases(bytes.NewReader(data), workers, func(c *Case) (int, error) {
			buf, _ := bufs.Get().(*[]Clock)
			if buf == nil {
				buf = new([]Clock)
			}
			k, err := c.AppendDeadlines((*buf)[:0], asOf)
			*buf = k
			bufs.Put(buf)
			return len(k), err
		}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 100_000 {
			b.Fatalf("%d cases", n)
		}
	}
}

// hostileBodies are 1 MB request bodies built to be slow: 80,000 keys in
// one event, 80,000 labels (both refused), and 20,000 events of one type
// (read and replayed).
func hostileBodies() map[string][]byte {
	keys := []byte(`{"id":"h","events":[{"type":"referral-received","date":"2024-01-08"`)
	labels := []byte(`{"id":"h","events":[],"labels":{`)
	for i := range 80_000 {
		keys = append(keys, `,"k`...)
		keys = strconv.AppendInt(keys, int64(i), 36)
		keys = append(keys, `":0`...)
		if i > 0 {
			labels = append(labels, ',')
		}
		labels = append(labels, `"k`...)
		labels = strconv.AppendInt(labels, int64(i), 36)
		labels = append(labels, `":""`...)
	}
	keys = append(keys, "}]}"...)
	labels = append(labels, "}}"...)
	events := []byte(`{"id":"h","events":[{"type":"transfer-in-notified","date":"2024-01-08"},` +
		`{"type":"transfer-in-conference","date":"2024-01-15","outcome":"plan","category":"neglect"}`)
	for range 20_000 {
		events = append(events, `,{"type":"core-group-met","date":"2024-01-16"}`...)
	}
	events = append(events, "]}"...)
	return map[string][]byte{"80000-keys": keys, "80000-labels": labels, "20000-events": events}
}

// BenchmarkHostile decodes (or refuses) each hostile body; each must take
// under 100 ms.
func BenchmarkHostile(b *testing.B) {
	for name, body := range hostileBodies() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				_, _ = NewDecoder(bytes.NewReader(body)).Decode()
			}
		})
	}
}

// longLog returns a case of n events on a plan: single-agency emergency
// actions, each starting a strategy-discussion clock, with a strategy
// discussion after every hundred settling them all, and core groups between.
// Before running clocks were indexed by rule, each event scanned every clock
// the case had ever started, so replay grew with the square of the events.
func longLog(n int) Log {
	start := d(2014, time.January, 6)
	l := Log{ID: "long", Events: []Event{
		{Type: TransferInNotified, Date: start},
		{Type: TransferInConferenceHeld, Date: start, Outcome: OutcomePlan, Category: CategoryNeglect},
	}}
	for i := len(l.Events); i < n; i++ {
		e := Event{Type: ImmediateProtectionTaken, Date: start.AddDays(i / 40), Outcome: OutcomeSingleAgency}
		switch {
		case i%100 == 0:
			e = Event{Type: StrategyDiscussionHeld, Date: e.Date, Outcome: OutcomeNoSection47}
		case i%100 == 50:
			e = Event{Type: CoreGroupMet, Date: e.Date}
		}
		l.Events = append(l.Events, e)
	}
	return l
}

// BenchmarkReplayLong replays one case of 10,000 and one of 100,000 events:
// replay is linear when the ns/event of the two match.
func BenchmarkReplayLong(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		l := longLog(n)
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Replay(l); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/event")
		})
	}
}
