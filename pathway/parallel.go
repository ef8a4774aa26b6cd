package pathway

import (
	"bytes"
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
// last. fn may keep the case, and may be called concurrently, for different
// cases. [MapCasesAt] is MapCases for an fn that needs each case's line.
//
// The calling goroutine only splits the stream into batches of text: once
// the stream has shown itself to be JSON Lines (its first case began and
// ended on one line), at line ends, which costs a search for each newline,
// and until then case by case, with a scan that checks each case is JSON and
// finds its end. The workers decode each batch as a Decoder would have. A
// bounded window of batches is in flight at once (at most about 4 MB of text
// and 4,096 cases, in batches of 16 to 256 cases, 4 for each worker), so
// memory is bounded by the window and the largest case, not by the stream or
// the number of workers. Stopping the loop early stops the workers before
// MapCases returns.
func MapCases[T any](r io.Reader, workers int, fn func(*Case) (T, error), opts ...Option) iter.Seq2[T, error] {
	return MapCasesAt(r, workers, func(c *Case, _ int) (T, error) { return fn(c) }, opts...)
}

// MapCasesAt is [MapCases] giving fn, with each case, the line of the input
// on which the case starts (counting from 1, as [DecodeError.Line] and
// [Decoder.Line] count), so that a host's own report of the case can say
// where it is.
func MapCasesAt[T any](r io.Reader, workers int, fn func(c *Case, line int) (T, error), opts ...Option) iter.Seq2[T, error] {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return func(yield func(T, error) bool) {
		d := NewDecoder(r, opts...)
		o := d.o // the options with the rules resolved, shared by the workers
		work := make(chan *batch[T], workers)
		var stop atomic.Bool
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				dec := Decoder{o: o}
				for b := range work {
					b.run(&dec, fn, &stop)
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
		// spare holds batches already yielded, for reuse with their buffers.
		var spare []*batch[T]
		for done := false; !done; {
			var b *batch[T]
			if k := len(spare); k > 0 {
				b, spare = spare[k-1], spare[:k-1]
				b.reset()
			} else {
				b = &batch[T]{text: make([]byte, 0, size+size/4)}
			}
			b.done = make(chan struct{})
			if done = b.frame(d, cases, size); len(b.segs) > 0 {
				work <- b
				pending = append(pending, b)
			} else {
				spare = append(spare, b)
			}
			// Yield what is ready, in order; wait only when the window is full.
			for len(pending) > 0 && (pending[0].ready() || len(pending) >= window) {
				if !pending[0].emit(yield) {
					return
				}
				spare = append(spare, pending[0])
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

// A batch is a stretch of the input's text, framed into segments, and then
// the results of its cases.
type batch[T any] struct {
	text    []byte
	segs    []segment
	results []T
	errs    []error
	done    chan struct{}
}

// A segment is text that a worker decodes as a Decoder would: one case, or
// whole lines of JSON Lines holding any number of cases, with the line it
// starts on; or the syntax error the framer found instead.
type segment struct {
	start, end, line int
	oneLine          bool // JSON Lines, as the Decoder had found by then
	err              error
}

// reset empties a batch for reuse, keeping its buffers but not the results
// already yielded, which are the caller's.
func (b *batch[T]) reset() {
	clear(b.results)
	clear(b.errs)
	b.text, b.segs, b.results, b.errs = b.text[:0], b.segs[:0], b.results[:0], b.errs[:0]
}

// frame fills the batch with the next text of d: up to cases cases and
// about size bytes. It reports the end of the input (or a fatal error, left
// in d.fatal).
func (b *batch[T]) frame(d *Decoder, cases, size int) (done bool) {
	if d.oneLine {
		if done, ok := b.frameLines(d, cases, size); ok {
			return done
		}
	}
	for len(b.segs) < cases && len(b.text) < size {
		oneLine := d.oneLine
		raw, line, _, err := d.next(false)
		switch {
		case err == io.EOF || err == d.fatal:
			return true
		case err != nil:
			b.segs = append(b.segs, segment{err: err})
		default:
			start := len(b.text)
			b.text = append(b.text, raw...)
			b.segs = append(b.segs, segment{start: start, end: len(b.text), line: line, oneLine: oneLine})
		}
		if d.fatal != nil { // the input failed after the case, while resyncing
			return true
		}
		if !oneLine && d.oneLine && len(b.segs) > 0 {
			return false // JSON Lines from here: the next batch is framed by lines
		}
	}
	return false
}

// frameLines fills the batch with whole lines of d, which is JSON Lines, so
// that the framer need not scan them: up to cases lines and about size
// bytes (at least one line), and at the end of the input the last line,
// with or without its newline. ok false means that the next line is longer
// than size and may hold many cases: the batch is then framed case by case.
func (b *batch[T]) frameLines(d *Decoder, cases, size int) (done, ok bool) {
	for {
		rest := d.buf[d.pos:]
		// end is the end of the n whole lines that fit.
		end, n, full := 0, 0, false
		for n < cases && !full {
			i := bytes.IndexByte(rest[end:], '\n')
			if i < 0 {
				break
			}
			if full = n > 0 && end+i+1 > size; !full {
				end, n = end+i+1, n+1
			}
		}
		switch {
		case n == cases || full || n > 0 && len(rest) > size:
			b.takeLines(d, end)
			return false, true
		case d.eof:
			b.takeLines(d, len(rest))
			return true, true
		case n == 0 && len(rest) > size:
			return false, false
		}
		if err := d.fill(); err != nil {
			// The whole lines read are judged; the rest, a case cut short,
			// gives way to the fatal error, as it does in a Decoder.
			b.takeLines(d, bytes.LastIndexByte(d.buf[d.pos:], '\n')+1)
			d.setFatal(err)
			return true, true
		}
	}
}

// takeLines moves the next n bytes of d, whole lines, into the batch.
func (b *batch[T]) takeLines(d *Decoder, n int) {
	if n == 0 {
		return
	}
	text := d.buf[d.pos : d.pos+n]
	b.segs = append(b.segs, segment{start: len(b.text), end: len(b.text) + n, line: d.line, oneLine: true})
	b.text = append(b.text, text...)
	d.line += bytes.Count(text, []byte{'\n'})
	d.pos += n
}

// run decodes, replays and maps the batch's cases with dec, a worker's own
// decoder, unless the iteration has stopped.
func (b *batch[T]) run(dec *Decoder, fn func(*Case, int) (T, error), stop *atomic.Bool) {
	defer close(b.done)
	var zero T
	for _, sg := range b.segs {
		if sg.err != nil {
			b.results, b.errs = append(b.results, zero), append(b.errs, sg.err)
			continue
		}
		// The segment is the whole input, to a decoder that has read the
		// stream as far as its start.
		*dec = Decoder{o: dec.o, buf: b.text[sg.start:sg.end], eof: true, line: sg.line, started: true, oneLine: sg.oneLine, sc: dec.sc, p: dec.p}
		for {
			if stop.Load() {
				return
			}
			c, err := dec.Decode()
			if err == io.EOF {
				break
			}
			var v T
			if err == nil {
				if v, err = fn(c, dec.Line()); err != nil {
					v, err = zero, &DecodeError{Line: dec.Line(), Case: c.ID(), Event: -1, Err: err}
				}
			}
			b.results, b.errs = append(b.results, v), append(b.errs, err)
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
	for i := range b.results {
		if !yield(b.results[i], b.errs[i]) {
			return false
		}
	}
	return true
}
