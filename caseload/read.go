package caseload

import (
	"bytes"
	"errors"
	"io"
	"iter"
	"runtime"
	"strings"
	"sync"

	"github.com/workingtogether/safeguarding/pathway"
)

// Judge judges every case the sequence yields, in order. An error from the
// sequence is listed as a [Problem] at the item's source (a
// *pathway.DecodeError gives its line, case and field) and the next case is
// still judged. A sequence that yields nothing is [ErrEmpty]; bad options
// are an *[OptionsError].
func Judge(items iter.Seq2[Item, error], o Options) (*Report, error) {
	g, err := newJudge(o)
	if err != nil {
		return nil, err
	}
	for it, err := range items {
		if err != nil {
			g.problem(problemOf(it.Source, err))
			continue
		}
		j, p := judgeOne(it, g.o)
		if p != nil {
			g.problem(*p)
			continue
		}
		g.add(j)
	}
	return g.finish()
}

// Items yields the cases as items without labels or source, for [Judge].
func Items(cases []*pathway.Case) iter.Seq2[Item, error] {
	return func(yield func(Item, error) bool) {
		for _, c := range cases {
			if !yield(Item{Case: c}, nil) {
				return
			}
		}
	}
}

// An Input is a named stream of case logs in the pathway JSON format: JSON
// Lines, or case objects one after another.
type Input struct {
	Name string // how messages name it, such as its file name
	R    io.Reader
}

// Read judges every case of the inputs, decoding and judging on workers
// goroutines (0 means one per core) while counting in input order, so the
// report is the same whatever the number of workers. A case that cannot be
// read, replayed or judged is a [Problem] giving the input, line, case and
// field, and the next case is still judged; a read error ends that input
// with a problem. No case at all, and no problem either, is [ErrEmpty].
// The pathway options (calendar, rulebook) apply to every case.
func Read(o Options, workers int, inputs []Input, opts ...pathway.Option) (*Report, error) {
	g, err := newJudge(o)
	if err != nil {
		return nil, err
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	for _, in := range inputs {
		readInput(g, in, workers, opts)
	}
	return g.finish()
}

// batchSize is how many cases travel to a worker at once: enough to make
// the hand-over cheap, few enough to keep memory near the cases in flight.
const batchSize = 64

type batch struct {
	seq   int
	raws  []rawCase
	stop  error // a read error between cases, after the raws
	out   []result
	ready chan struct{}
}

type result struct {
	j Judged
	p *Problem
}

// readInput splits one input on this goroutine's helper, judges batches on
// the workers and counts them in order.
func readInput(g *judge, in Input, workers int, opts []pathway.Option) {
	jobs := make(chan *batch, workers)
	order := make(chan *batch, 2*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range jobs {
				b.out = make([]result, len(b.raws))
				for i, rc := range b.raws {
					b.out[i] = decodeOne(in.Name, rc, g.o, opts)
				}
				b.raws = nil
				close(b.ready)
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(jobs)
		sp := newSplitter(in.R)
		for seq := 0; ; seq++ {
			b := &batch{seq: seq, ready: make(chan struct{})}
			for len(b.raws) < batchSize {
				rc, err := sp.next()
				if err != nil {
					if err != io.EOF {
						b.stop = err
					}
					break
				}
				b.raws = append(b.raws, rc)
			}
			done := len(b.raws) < batchSize
			order <- b
			jobs <- b
			if done {
				return
			}
		}
	}()
	for b := range order {
		<-b.ready
		for _, r := range b.out {
			if r.p != nil {
				g.problem(*r.p)
			} else {
				g.add(r.j)
			}
		}
		if b.stop != nil {
			g.problem(Problem{Source: Source{File: in.Name}, Err: b.stop.Error()})
		}
	}
	wg.Wait()
}

// decodeOne reads and judges the text of one case.
func decodeOne(name string, rc rawCase, o Options, opts []pathway.Option) result {
	src := Source{File: name, Line: rc.line}
	if rc.err != nil {
		return result{p: &Problem{Source: src, Err: rc.err.Error()}}
	}
	c, err := pathway.NewDecoder(bytes.NewReader(rc.text), opts...).Decode()
	if err != nil {
		var de *pathway.DecodeError
		if errors.As(err, &de) {
			src.Line += de.Line - 1
		}
		return result{p: ptr(problemOf(src, err))}
	}
	j, p := judgeOne(Item{Case: c, Source: src}, o)
	return result{j: j, p: p}
}

func ptr[T any](v T) *T { return &v }

// problemOf describes an error at a source, taking the case, field and line
// from a *pathway.DecodeError (whose line is then already in src).
func problemOf(src Source, err error) Problem {
	p := Problem{Source: src, Err: err.Error()}
	var de *pathway.DecodeError
	if errors.As(err, &de) {
		p.Case, p.Field = de.Case, de.Field
		if src.Line == 0 {
			p.Source.Line = de.Line
		}
		p.Err = strings.TrimPrefix(de.Err.Error(), "pathway: ")
		if de.Event < 0 && de.Field != "" && !strings.Contains(p.Err, `"`+de.Field+`"`) {
			p.Err = "field " + `"` + de.Field + `": ` + p.Err
		}
	}
	return p
}
