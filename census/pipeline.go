package census

import (
	"io"
	"iter"
	"runtime"
	"sync"
)

// A Pipeline audits a census file on several goroutines: one reads the
// file, workers judge its children, and the reports come out in the order
// of the file, with the line numbers the serial [Reader] and [Auditor]
// give, and the same figures.
//
// The file is split only where the reader has finished a Child element, so
// a split never falls inside a comment, a CDATA section or an attribute
// value: the one reader that checks the whole document's well-formedness
// decides every boundary. Each worker has its own [Auditor]; their figures
// are merged when the file is done. Memory is bounded by a few batches of
// children in flight, whatever the size of the file.
//
// Use it as:
//
//	p := census.NewPipeline(f, census.Config{}, 0)
//	for rep, err := range p.Reports() {
//		if err != nil { ... } // the file cannot be read past here
//		...
//	}
//	figures := p.Figures()
//
// A Pipeline is used once, from one goroutine.
type Pipeline struct {
	rd      *Reader
	cfg     Config
	workers int
	batch   int // children per batch; tests make it small

	header    Header
	headerErr error
	read      bool // Header has been called

	auditors []*Auditor
}

// defaultBatch children go to a worker at a time: enough to make the cost
// of a channel send small beside judging them, and few enough that a
// batch's array of Child values (264 bytes each) stays a small object
// (under 32 KB) for the allocator.
const defaultBatch = 64

// NewPipeline returns a Pipeline over the census XML in r that judges
// children on the given number of workers; workers < 1 means one per CPU
// (runtime.GOMAXPROCS).
func NewPipeline(r io.Reader, cfg Config, workers int) *Pipeline {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	return &Pipeline{rd: NewReader(r), cfg: cfg, workers: workers, batch: defaultBatch}
}

// Header returns the file's header, reading as far as the first child, as
// [Reader.Header] does.
func (p *Pipeline) Header() (Header, error) {
	if !p.read {
		p.read = true
		p.header, p.headerErr = p.rd.Header()
	}
	return p.header, p.headerErr
}

// A batch is a run of consecutive children, judged by one worker.
type batch struct {
	children []Child
	reports  []ChildReport
	err      error         // the read error that ended the file after children
	done     chan struct{} // closed when reports are ready
}

// Reports returns an iterator over the children's reports in file order.
// After the last report it yields the error that stopped the reading, if
// any, with a zero report, and ends. Stopping the loop early stops the
// reading and the workers.
func (p *Pipeline) Reports() iter.Seq2[ChildReport, error] {
	return func(yield func(ChildReport, error) bool) {
		h, err := p.Header()
		if err != nil {
			yield(ChildReport{}, err)
			return
		}
		if p.auditors != nil {
			return // used once
		}
		jobs := make(chan *batch)
		order := make(chan *batch, 2*p.workers)
		quit := make(chan struct{})
		var wg sync.WaitGroup
		p.auditors = make([]*Auditor, p.workers)
		for i := range p.auditors {
			a := NewAuditor(h, p.cfg)
			p.auditors[i] = a
			wg.Go(func() {
				for b := range jobs {
					b.reports = make([]ChildReport, len(b.children))
					for j, c := range b.children {
						b.reports[j] = a.Audit(c)
					}
					b.children = nil
					close(b.done)
				}
			})
		}
		var readerDone sync.WaitGroup
		readerDone.Go(func() { p.readBatches(jobs, order, quit) })
		defer func() {
			close(quit)
			for range order { // let the reader finish
			}
			readerDone.Wait()
			wg.Wait()
		}()
		for b := range order {
			<-b.done
			for _, rep := range b.reports {
				if !yield(rep, nil) {
					return
				}
			}
			if b.err != nil {
				yield(ChildReport{}, b.err)
				return
			}
		}
	}
}

// readBatches reads the file into batches, handing each to a worker (jobs)
// and to the consumer in file order (order), until the end, an error or
// quit.
func (p *Pipeline) readBatches(jobs, order chan<- *batch, quit <-chan struct{}) {
	defer close(order)
	defer close(jobs)
	for {
		b := &batch{children: make([]Child, 0, p.batch), done: make(chan struct{})}
		for len(b.children) < p.batch && b.err == nil {
			c, err := p.rd.Next()
			switch {
			case err == io.EOF:
				b.err = io.EOF
			case err != nil:
				b.err = err
			default:
				b.children = append(b.children, c)
			}
		}
		last := b.err != nil
		if b.err == io.EOF {
			b.err = nil
		}
		select {
		case order <- b:
		case <-quit:
			return
		}
		select {
		case jobs <- b:
		case <-quit:
			return
		}
		if last {
			return
		}
	}
}

// Figures returns the file's figures, merged from every worker's. Call it
// once Reports has run to its end (or stopped); before any report, it gives
// the figures of no children.
func (p *Pipeline) Figures() Figures { return p.merged().Figures() }

// FileFindings returns the findings about the whole file
// ([Auditor.FileFindings]), from every worker's counts merged. Call it
// once Reports has run to its end.
func (p *Pipeline) FileFindings() []Finding { return p.merged().FileFindings() }

// merged returns one Auditor holding every worker's totals.
func (p *Pipeline) merged() *Auditor {
	if len(p.auditors) == 0 {
		h, _ := p.Header()
		return NewAuditor(h, p.cfg)
	}
	for _, a := range p.auditors[1:] {
		p.auditors[0].tally.merge(a.tally)
	}
	p.auditors = p.auditors[:1] // merged once, however often asked
	return p.auditors[0]
}

// Warnings returns the warnings met outside any child, as
// [Reader.Warnings]; complete once Reports has run to its end.
func (p *Pipeline) Warnings() []Warning { return p.rd.Warnings() }
