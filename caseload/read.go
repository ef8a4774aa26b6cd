package caseload

import (
	"errors"
	"io"
	"iter"
	"strings"

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
		j, p := judgeOne(it, g.o, &g.bufs)
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
// goroutines (0 means one per core) with [pathway.MapCasesAt] while counting
// in input order, so the report is the same whatever the number of workers.
// Each case's labels are its log's labels. A case that cannot be read,
// replayed or judged is a [Problem] giving the input, line, case and field,
// and the next case is still judged; a read error ends that input with a
// problem. No case at all, and no problem either, is [ErrEmpty]. The
// pathway options (calendar, rulebook) apply to every case.
func Read(o Options, workers int, inputs []Input, opts ...pathway.Option) (*Report, error) {
	g, err := newJudge(o)
	if err != nil {
		return nil, err
	}
	for _, in := range inputs {
		judged := pathway.MapCasesAt(in.R, workers, func(c *pathway.Case, line int) (judgedCase, error) {
			j, p := judgeOne(Item{Case: c, Labels: c.Labels(), Source: Source{File: in.Name, Line: line}}, g.o, &g.bufs)
			if p != nil {
				return j, &judgeError{*p}
			}
			return j, nil
		}, opts...)
		for j, err := range judged {
			var je *judgeError
			switch {
			case errors.As(err, &je):
				g.problem(je.p)
			case err != nil:
				g.problem(problemOf(Source{File: in.Name}, err))
			default:
				g.add(j)
			}
		}
	}
	return g.finish()
}

// A judgeError carries a case that was read but could not be judged, with
// its file and line, from a worker to the report.
type judgeError struct{ p Problem }

func (e *judgeError) Error() string { return e.p.String() }

// problemOf describes an error at a source, taking the line, case and field
// from a *pathway.DecodeError.
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
