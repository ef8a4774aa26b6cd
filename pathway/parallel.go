package pathway

import (
	"io"
	"iter"
	"runtime"
	"sync"
	"sync/atomic"
)

// Batches are the unit of work handed to a worker: enough cases that the
// hand-over costs little beside them, few enough that the window of batches
// in flight stays small. The window is bounded in bytes of text and in
// cases (whose results, a host's clocks, may be far larger than their
// text), whatever the number of workers, so that memory does not grow with
// the core count: with more workers, each batch is smaller.
const (
	maxBatchCases = 256
	minBatchCases = 16
	windowCases   = 4096
	maxBatchBytes = 256 << 10
	minBatchBytes = 16 << 10
	windowBytes   = 4 << 20
)

// batchSize returns how many cases and bytes of text a batch holds for the
// given number of workers, and how many batches may be in flight: four
// batches a worker fill the window, within the limits of a batch's size.
func batchSize(workers int) (cases, bytes, window int) {
	cases = min(maxBatchCases, max(minBatchCases, windowCases/(4*workers)))
	bytes = min(maxBatchBytes, max(minBatchBytes, windowBytes/(4*workers)))
	window = max(2, min(4*workers, windowBytes/bytes, windowCases/cases))
	return cases, bytes, window
}

// MapCases reads case logs from r as a [Decoder] does, and on workers
// goroutines (runtime.GOMAXPROCS(0) if workers <= 0) decodes, replays and
// calls fn on each case. It yields fn's results in input order: (result,
// nil) for each case, or (zero, *[DecodeError]) for a case that could not be
// read or replayed, with the same line, case ID and field as
// [Decoder.All] gives for it, or for a case on which fn failed (its line and
// ID, wrapping fn's error). A fatal error ([DecodeError.Fatal]) is yielded
// last.
//
// The stream is split into cases on the calling goroutine by a scan that
// checks each case is JSON and finds its end; a bounded window of cases is
// in flight at once (at most about 4 MB of text and 4,096 cases, in
// batches of 16 to 256 cases, 4 for each worker), so memory is bounded by
// the window and the largest case, not by the stream or the number of
// workers. Stopping the loop early stops
// the workers before MapCases returns.
// fn may be called concurrently, for different cases.
func MapCases[T any](r io.Reader, workers int, fn func(*Case) (T, error), opts ...Option) iter.Seq2[T, error] {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return func(yield func(T, error) bool) {
		work := make(chan *batch[T], workers)
		var stop atomic.Bool
		var wg sync.WaitGroup
		d := NewDecoder(r, opts...)
		o := d.o // the options with the rules resolved, shared by the workers
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var p parser
				for b := range work {
					b.run(&p, fn, o, &stop)
				}
			}()
		}
		defer func() {
			stop.Store(true)
			close(work)
			wg.Wait()
		}()

		var pending []*batch[T]
		cases, size, window := batchSize(workers)
		// spare holds the text buffers of batches already yielded, for reuse.
		var spare [][]byte
		for done := false; !done; {
			var text []byte
			if k := len(spare); k > 0 {
				text, spare = spare[k-1], spare[:k-1]
			} else {
				text = make([]byte, 0, size+size/4)
			}
			var b *batch[T]
			b, done = frameBatch[T](d, text, cases, size)
			if len(b.items) > 0 {
				work <- b
				pending = append(pending, b)
			}
			// Yield what is ready, in order; wait only when the window is full.
			for len(pending) > 0 && (pending[0].ready() || len(pending) >= window) {
				if !pending[0].emit(yield) {
					return
				}
				spare = append(spare, pending[0].text[:0])
				pending = pending[1:]
			}
		}
		for _, b := range pending {
			if !b.emit(yield) {
				return
			}
		}
		if d.fatal != nil {
			var zero T
			yield(zero, d.fatal)
		}
	}
}

// A batch is consecutive cases' text, framed, and then their results.
type batch[T any] struct {
	text    []byte
	items   []item
	results []T
	errs    []error
	done    chan struct{}
}

// An item is one case: where its text lies in the batch and the line it
// starts on, or the syntax error the framer found instead.
type item struct {
	start, end, line int
	err              error
}

// frameBatch frames the next cases of d into a batch of up to cases cases
// and about size bytes,
// appending their text to text; done reports the end of the input (or a
// fatal error, left in d.fatal).
func frameBatch[T any](d *Decoder, text []byte, cases, size int) (b *batch[T], done bool) {
	b = &batch[T]{done: make(chan struct{}), text: text}
	for len(b.items) < cases && len(b.text) < size {
		raw, line, _, err := d.next(false)
		switch {
		case err == io.EOF || err == d.fatal:
			return b, true
		case err != nil:
			b.items = append(b.items, item{err: err})
		default:
			start := len(b.text)
			b.text = append(b.text, raw...)
			b.items = append(b.items, item{start: start, end: len(b.text), line: line})
		}
		if d.fatal != nil { // the input failed after the case, while resyncing
			return b, true
		}
	}
	return b, false
}

// run decodes, replays and maps the batch's cases, the same way
// Decoder.Decode reads them, unless the iteration has stopped.
func (b *batch[T]) run(p *parser, fn func(*Case) (T, error), o options, stop *atomic.Bool) {
	defer close(b.done)
	b.results = make([]T, len(b.items))
	b.errs = make([]error, len(b.items))
	for i, it := range b.items {
		if stop.Load() {
			return
		}
		if it.err != nil {
			b.errs[i] = it.err
			continue
		}
		raw := b.text[it.start:it.end]
		s := scanner{data: raw, eof: true}
		l, err := p.caseLog(&s, it.line)
		if err != nil {
			b.errs[i] = err
			continue
		}
		c, err := replay(l, o, true)
		if err != nil {
			b.errs[i] = p.locate(raw, it.line, l.ID, err)
			continue
		}
		if b.results[i], err = fn(c); err != nil {
			var zero T
			b.results[i] = zero
			b.errs[i] = &DecodeError{Line: it.line, Case: c.ID(), Event: -1, Err: err}
		}
	}
}

func (b *batch[T]) ready() bool {
	select {
	case <-b.done:
		return true
	default:
		return false
	}
}

// emit waits for the batch and yields its results, reporting whether to go on.
func (b *batch[T]) emit(yield func(T, error) bool) bool {
	<-b.done
	for i := range b.items {
		if !yield(b.results[i], b.errs[i]) {
			return false
		}
	}
	return true
}
