package census

import (
	"bytes"
	"io"
	"iter"
	"runtime"
	"slices"
	"sync"
)

// A Pipeline audits a census file on several goroutines, reading as well
// as judging in parallel, and gives the reports in the order of the file,
// with the line numbers, warnings, errors and figures of the serial
// [Reader] and [Auditor].
//
// One goroutine cuts the file into chunks of about 64 KB, each ending
// just before a "<Child" start tag that is not inside a comment, a CDATA
// section or a processing instruction: a cheap, lexical guess. Workers read
// the chunks with the strict reader, each from the state the file is in
// between two children, and then judge their children. A cut is proven
// real when the chunk before it was read without error to exactly its end,
// between children, with the same elements open, and the cut before that
// was proven: the serial reader, reading the same bytes from the same
// state, would stand at the same place in the same state. Workers judge a
// chunk's children as soon as they have read them, without waiting for the
// chunks before it, so that a worker on a slower core holds no other back;
// the consumer counts them in the figures, in file order, only once the
// chunk's cut is proven, so nothing is counted twice. At the first chunk
// that is not proven (a malformed file, a cut that fell inside a
// construct the guess missed, a chunk that grew past its bound), the rest
// of the file, from the last proven cut, is read on the consumer's
// goroutine by the serial reader, which gives the serial errors exactly.
// A file in another character set than UTF-8 (or ASCII) is read serially
// throughout.
//
// Memory is bounded by a window of chunks, whatever the size of the file:
// their buffers, their children's lists and their reports are reused from
// chunk to chunk, so that after the first few chunks reading and judging
// allocate little beyond each child's identifier.
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
	// chunk is the size a chunk aims at, and maxChunk the size past which
	// a chunk with no cut in sight is read serially; tests make them small.
	chunk, maxChunk int

	header    Header
	headerErr error
	read      bool // Header has been called
	used      bool // Reports has been called

	// auditor judges what is read serially and counts every child; the
	// workers have Auditors of their own, which only judge.
	auditor *Auditor
	// serialFrom is the input offset from which the file was read
	// serially, or -1: what the tests look at to see the parallel path
	// taken.
	serialFrom int64
	// newRender, for Rendered, gives each worker its Render; yieldRendered
	// takes the renderings in order.
	newRender     func() Render
	yieldRendered func([]byte, error) bool
	// own renders what is read serially, into out.
	own Render
	out []byte
}

// defaultChunk is the size a chunk aims at: about fifty children, so that
// handing a chunk to a worker costs little beside reading and judging it,
// while the window of chunks, with their reports, stays small. On the
// national file, with the reports copied into each slot's arena, 64 KB
// chunks peak at 16 MB of heap; chunks of 32 KB and 128 KB, and windows
// of 3 to 10 chunks, took the same time within the machine's noise
// (December 2026). Reports that kept their own memory, the largest they
// had been written over, once peaked at 31 MB with 64 KB chunks, 92 MB
// with 256 KB and 278 MB with 1 MB.
const defaultChunk = 64 << 10

// NewPipeline returns a Pipeline over the census XML in r that reads and
// judges children on the given number of workers; workers < 1 means one
// per CPU (runtime.GOMAXPROCS).
func NewPipeline(r io.Reader, cfg Config, workers int) *Pipeline {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	return &Pipeline{rd: NewReader(r), cfg: cfg, workers: workers, chunk: defaultChunk, maxChunk: 64 * defaultChunk, serialFrom: -1}
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

// Reports returns an iterator over the children's reports in file order.
// After the last report it yields the error that stopped the reading, if
// any, with a zero report, and ends. Stopping the loop early stops the
// reading and the workers.
//
// A report's slices (findings, cases, measures) are reused for later
// children once the loop body has returned ([Auditor.AuditInto]): write a
// report out in the loop, or copy what is kept of it (encoding it as JSON
// copies it).
func (p *Pipeline) Reports() iter.Seq2[ChildReport, error] {
	return p.run
}

// A Render appends a report's rendering to b (its text, its JSON, what a
// host writes out) and returns the extended buffer.
type Render func(b []byte, rep *ChildReport) ([]byte, error)

// Rendered is [Pipeline.Reports] for a host that writes each report out
// and keeps nothing of it, such as `wt census`: the workers render each
// report as soon as they have judged it, in parallel, and the iterator
// gives the renderings in file order, one child at a time. Each worker
// calls newRender once, for a Render of its own, so that a Render may
// keep scratch space; the consumer's goroutine has one too, for what is
// read serially. A rendering is valid until the next iteration. A worker
// renders children before their chunk is known to be the file's, and
// such a rendering is thrown away when the file is read serially from
// before it: a Render should do nothing but append.
//
// After the last rendering, the iterator yields the error that stopped
// the reading, if any, with nil, and ends; a Render's error is yielded in
// place of its child's rendering, and ends it too. The figures count the
// children whose renderings were given.
//
// Rendering on the workers spares the reports' copy out of the workers'
// scratch space, as well as the rendering on one goroutine: a worker
// judges each child into one report, kept in its cache, renders it and
// writes over it with the next.
func (p *Pipeline) Rendered(newRender func() Render) iter.Seq2[[]byte, error] {
	return func(yield func([]byte, error) bool) {
		p.newRender, p.own, p.yieldRendered = newRender, newRender(), yield
		// Only errors come as reports.
		p.run(func(_ ChildReport, err error) bool { return yield(nil, err) })
	}
}

// run gives the reports to yield, as Reports' iterator does, and the
// errors; for Rendered, the renderings go to yieldRendered instead.
func (p *Pipeline) run(yield func(ChildReport, error) bool) {
	h, err := p.Header()
	if err != nil {
		yield(ChildReport{}, err)
		return
	}
	if p.used {
		return
	}
	p.used = true
	p.auditor = NewAuditor(h, p.cfg)
	if !p.rd.betweenChildren() {
		p.serialFrom = p.rd.sc.at().off
		p.serial(p.rd, yield) // no children to come, or not UTF-8
		return
	}
	p.parallel(h, yield)
}

// serial reads and judges the rest of the file from rd on this goroutine.
func (p *Pipeline) serial(rd *Reader, yield func(ChildReport, error) bool) {
	a := p.auditor
	var rep ChildReport
	for c, err := range rd.All() {
		if err != nil {
			yield(ChildReport{}, err)
			return
		}
		if p.yieldRendered == nil {
			if !yield(a.Audit(c), nil) {
				return
			}
			continue
		}
		// A child is counted once rendered, as the workers' are.
		a.judge(&rep, &c, true)
		if p.out, err = p.own(p.out[:0], &rep); err != nil {
			p.yieldRendered(nil, err)
			return
		}
		a.count(&c, &rep)
		if !p.yieldRendered(p.out, nil) {
			return
		}
	}
}

// A chunk is a run of the input that a worker reads and judges.
type chunk struct {
	data   []byte
	at     boundary // where data starts
	last   bool     // data runs to the end of the input
	giveUp bool     // no cut was found: read serially from here

	// Set by the worker, before closing done.
	// atCut: data was read without error and ends at a cut the file has
	// too (or at its end), granted that it starts at one.
	atCut    bool
	strays   strays
	children []Child       // written over those of an earlier chunk
	reports  []ChildReport // the children's, written over those of an earlier chunk
	kept     arena         // the reports' lists, written over those of an earlier chunk
	mem      lists         // the children's lists, written over those of an earlier chunk
	// For Rendered: the children's renderings, one after the other, the
	// end of each with its rejected records (marks, one for each child
	// rendered), and the error of the Render that stopped.
	out       []byte
	marks     []mark
	renderErr error
	done      chan struct{} // the chunk is read and judged
}

// A mark ends a child's rendering in its chunk's out, and holds the
// records its findings reject, for counting.
type mark struct {
	end      int
	rejected rejections
}

// parallel runs the splitter and the workers, and gives their reports in
// order, until the end, an error or a chunk that is not proven.
func (p *Pipeline) parallel(h Header, yield func(ChildReport, error) bool) {
	base := p.rd.frozen()
	sc := p.rd.sc
	sp := &splitter{src: sc.src, err: sc.srcErr, size: p.chunk, max: p.maxChunk, at: sc.at(),
		carry: slices.Clone(sc.buf[sc.pos:sc.end])}
	window := 2*p.workers + 2
	pool := make(chan slot, window)
	for range window {
		pool <- slot{} // allocated on first use
	}
	jobs, order := make(chan *chunk, window), make(chan *chunk, window)
	stop := make(chan struct{})
	halt := sync.OnceFunc(func() { close(stop) })
	var wg sync.WaitGroup
	for range p.workers {
		w := &worker{rd: &Reader{}, base: base, a: NewAuditor(h, p.cfg)}
		if p.newRender != nil {
			w.draw = p.newRender()
		}
		wg.Go(func() {
			for c := range jobs {
				w.work(c, stop)
			}
		})
	}
	wg.Go(func() { sp.run(pool, jobs, order, stop) })
	defer func() {
		halt()
		for range order { // let the splitter finish
		}
		wg.Wait()
	}()
	// Every chunk taken from order so far ends at a real cut: each was read
	// to a cut, from the one before it, the first from where the serial
	// reader stood.
	for c := range order {
		<-c.done
		if !c.atCut {
			halt()
			p.fallback(base, c, order, sp, yield)
			return
		}
		p.rd.strays.absorb(c.strays)
		if !p.give(c, yield) {
			return
		}
		s := slot{data: c.data[:0], children: c.children[:0], reports: c.reports, kept: c.kept, mem: c.mem, out: c.out, marks: c.marks}
		if cap(c.data) > 4*p.chunk {
			s.data = nil // a chunk that grew is not kept
		}
		pool <- s
	}
}

// give hands chunk c's reports, or its renderings, to the host in order,
// counting each child as it goes, and reports whether to go on.
func (p *Pipeline) give(c *chunk, yield func(ChildReport, error) bool) bool {
	if p.yieldRendered == nil {
		for i := range c.reports {
			p.auditor.tally.add(&c.children[i], c.reports[i].rejected)
			if !yield(c.reports[i], nil) {
				return false
			}
		}
		return true
	}
	from := 0
	for i, m := range c.marks {
		p.auditor.tally.add(&c.children[i], m.rejected)
		if !p.yieldRendered(c.out[from:m.end:m.end], nil) {
			return false
		}
		from = m.end
	}
	if c.renderErr != nil {
		p.yieldRendered(nil, c.renderErr)
		return false
	}
	return true
}

// fallback reads the file serially from the start of chunk c, the first
// not proven: c's bytes, those of the chunks after it and the rest of the
// input. The splitter has been stopped.
func (p *Pipeline) fallback(base *Reader, c *chunk, order <-chan *chunk, sp *splitter, yield func(ChildReport, error) bool) {
	parts := []io.Reader{bytes.NewReader(c.data)}
	for d := range order {
		parts = append(parts, bytes.NewReader(d.data))
	}
	for _, b := range sp.tail {
		parts = append(parts, bytes.NewReader(b))
	}
	parts = append(parts, sp.rest())
	rd := &Reader{}
	rd.resume(base, c.at, io.MultiReader(parts...), nil, false)
	p.serialFrom = c.at.off
	defer func() { p.rd.strays.absorb(rd.strays) }()
	p.serial(rd, yield)
}

// A worker reads chunks and judges their children.
type worker struct {
	rd   *Reader
	base *Reader // the state the file is in between children
	a    *Auditor
	// For Rendered: the worker's Render, and the one report it judges
	// each child into.
	draw Render
	rep  ChildReport
}

// work reads chunk c from the state base stands in and judges its
// children, if it was read to a cut. Whether c starts at a real cut, the
// consumer knows; the judging of a chunk that does not is thrown away.
func (w *worker) work(c *chunk, stop <-chan struct{}) {
	defer close(c.done)
	select {
	case <-stop: // the consumer has gone
		return
	default:
	}
	switch c.atCut = w.read(c); {
	case !c.atCut:
	case w.draw != nil:
		w.render(c)
	default:
		c.reports = slices.Grow(c.reports[:0], len(c.children))[:len(c.children)]
		w.a.judgeBatch(c.reports, c.children, &c.kept)
	}
}

// render judges chunk c's children, one after the other, into the
// worker's one report, as [Auditor.AuditInto] does, and renders each
// into c.out, keeping its rejected records in c's arena for the count. At
// a Render's error it stops, with the error in c.
func (w *worker) render(c *chunk) {
	ar := &c.kept
	ar.reused = true
	ar.reset()
	c.out, c.marks, c.renderErr = c.out[:0], c.marks[:0], nil
	for i := range c.children {
		w.a.judge(&w.rep, &c.children[i], true)
		w.a.rej.collect(w.rep.Findings)
		var err error
		if c.out, err = w.draw(c.out, &w.rep); err != nil {
			c.renderErr = err
			return
		}
		c.marks = append(c.marks, mark{end: len(c.out), rejected: keepIn(&ar.rejected, w.a.rej, true)})
	}
}

// read reads chunk c's children into c.children and its warnings outside
// any child into c.strays, reporting whether c ends at a cut the file has
// too (or at the file's end), granted that it starts at one.
func (w *worker) read(c *chunk) bool {
	if c.giveUp {
		return false
	}
	rd := w.rd
	rd.resume(w.base, c.at, nil, c.data, !c.last)
	rd.blocks = c.mem
	defer func() {
		c.strays, rd.strays = rd.strays, strays{}
		c.mem, rd.blocks = rd.blocks, lists{}
		// Only the slices' headers change: the children read keep their
		// records until the slot comes back from the consumer.
		c.mem.recycle(c.children)
	}()
	for {
		child, err := rd.Next()
		if err != nil {
			return err == io.EOF && (c.last && rd.done || !c.last && rd.atCut(w.base))
		}
		c.children = append(c.children, child)
	}
}

// Figures returns the file's figures, once Reports has run to its end.
// They count exactly the children reported: after a loop stopped early,
// those it was given; before any report, none.
func (p *Pipeline) Figures() Figures { return p.counted().Figures() }

// FileFindings returns the findings about the whole file
// ([Auditor.FileFindings]). Call it once Reports has run to its end.
func (p *Pipeline) FileFindings() []Finding { return p.counted().FileFindings() }

// counted returns the Auditor that counted the children reported.
func (p *Pipeline) counted() *Auditor {
	if p.auditor == nil {
		h, _ := p.Header()
		return NewAuditor(h, p.cfg)
	}
	return p.auditor
}

// Warnings returns the warnings met outside any child, as
// [Reader.Warnings]; complete once Reports has run to its end.
func (p *Pipeline) Warnings() []Warning { return p.rd.Warnings() }

// A slot is the memory of a chunk, handed back to the splitter for the
// next once the chunk's reports are out.
type slot struct {
	data     []byte
	children []Child
	reports  []ChildReport
	kept     arena
	mem      lists
	out      []byte
	marks    []mark
}

// A splitter cuts the input into chunks (see [Pipeline]).
type splitter struct {
	src       io.Reader
	err       error // src's error once met; io.EOF at the end
	size, max int   // a chunk's aim and bound
	at        boundary
	carry     []byte // read past the last cut
	// tail is what the splitter had read and not handed on when it was
	// stopped, in input order.
	tail [][]byte
}

// readSize is how much the splitter asks of the input at a time: the
// bytes past a cut are copied once more, so a read is kept small beside a
// chunk.
const readSize = 64 << 10

// run hands chunks to the workers (jobs) and, in input order, to the
// consumer (order), taking buffers from pool, until the end of the input,
// a chunk it gives up on, or stop.
func (sp *splitter) run(pool <-chan slot, jobs, order chan<- *chunk, stop <-chan struct{}) {
	defer close(order)
	defer close(jobs)
	for {
		var s slot
		select {
		case s = <-pool:
		case <-stop:
			sp.tail = append(sp.tail, sp.carry)
			return
		}
		c := sp.next(s.data)
		c.children, c.reports, c.kept, c.mem, c.out, c.marks = s.children, s.reports, s.kept, s.mem, s.out, s.marks
		select {
		case jobs <- c:
		case <-stop:
			sp.tail = append(sp.tail, c.data, sp.carry)
			return
		}
		select {
		case order <- c:
		case <-stop:
			sp.tail = append(sp.tail, c.data, sp.carry)
			return
		}
		if c.last || c.giveUp {
			return
		}
	}
}

// next reads the next chunk into buf.
func (sp *splitter) next(buf []byte) *chunk {
	buf = append(buf[:0], sp.carry...)
	sp.carry = sp.carry[:0]
	var lx lexer
	for empty := 0; ; {
		if len(buf) >= sp.size || sp.err != nil {
			if cut := lx.cut(buf, sp.size); cut > 0 {
				return sp.emit(buf, cut, false, false)
			}
			switch {
			case sp.err == io.EOF:
				return sp.emit(buf, len(buf), true, false)
			case sp.err != nil, len(buf) >= sp.max:
				// The serial reader meets a read error as it would have.
				return sp.emit(buf, len(buf), false, true)
			}
		}
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, max(readSize, sp.size))
		}
		n, err := sp.src.Read(buf[len(buf):min(cap(buf), len(buf)+readSize)])
		buf = buf[:len(buf)+n]
		if n == 0 && err == nil {
			if empty++; empty == 100 {
				err = io.ErrNoProgress
			}
		}
		sp.err = err
	}
}

// emit makes a chunk of buf[:cut], keeping the rest for the next.
func (sp *splitter) emit(buf []byte, cut int, last, giveUp bool) *chunk {
	c := &chunk{data: buf[:cut], at: sp.at, last: last, giveUp: giveUp, done: make(chan struct{})}
	sp.carry = append(sp.carry, buf[cut:]...)
	d := c.data
	if n := bytes.Count(d, nl); n > 0 {
		sp.at.line += n
		sp.at.lineStart = sp.at.off + int64(bytes.LastIndexByte(d, '\n')+1)
	}
	sp.at.off += int64(cut)
	return c
}

// rest returns the input the splitter has not read, once it has stopped.
func (sp *splitter) rest() io.Reader {
	if sp.err == nil {
		return sp.src
	}
	return errReader{sp.err}
}

// errReader returns its error, the input's own (io.EOF at the end).
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// A lexer finds where a chunk may be cut: before a "<Child" start tag that
// is not inside a comment, a CDATA section or a processing instruction, by
// the lexical rules alone. It passes through a chunk once, however often
// it is asked as the chunk grows.
type lexer struct {
	pos  int    // buf[:pos] has been passed
	end  string // the end of the construct pos is in; "" outside any
	bang finder // "<!": a comment, CDATA or a declaration
	pi   finder // "<?": a processing instruction
	tag  finder // "<Child"
}

const (
	bangOpen, piOpen, childOpen = "<!", "<?", "<Child"
	commentOpen, cdataOpen      = "<!--", "<![CDATA["
	commentEnd, cdataClose      = "-->", "]]>"
	piEnd                       = "?>"
)

// cut returns the offset of the first "<Child" start tag at or after from
// outside any construct, or -1 if buf has none yet.
func (l *lexer) cut(buf []byte, from int) int {
	for {
		if l.end != "" {
			k := bytes.Index(buf[l.pos:], []byte(l.end))
			if k < 0 {
				l.pos = max(l.pos, len(buf)-len(l.end)+1)
				return -1
			}
			l.pos, l.end = l.pos+k+len(l.end), ""
			continue
		}
		open := l.bang.next(buf, l.pos, bangOpen)
		if k := l.pi.next(buf, l.pos, piOpen); k >= 0 && (open < 0 || k < open) {
			open = k
		}
		for t := l.tag.next(buf, max(l.pos, from), childOpen); t >= 0 && (open < 0 || t < open); t = l.tag.next(buf, t+1, childOpen) {
			if t+len(childOpen) >= len(buf) {
				return -1 // the name may go on
			}
			switch buf[t+len(childOpen)] {
			case '>', '/', ' ', '\t', '\n', '\r':
				return t
			}
		}
		if open < 0 {
			// The end may hold the start of a construct or a tag.
			l.pos = max(l.pos, len(buf)-len(childOpen))
			return -1
		}
		rest := buf[open:]
		switch {
		case bytes.HasPrefix(rest, []byte(commentOpen)):
			l.pos, l.end = open+len(commentOpen), commentEnd
		case bytes.HasPrefix(rest, []byte(cdataOpen)):
			l.pos, l.end = open+len(cdataOpen), cdataClose
		case rest[1] == '?':
			l.pos, l.end = open+len(piOpen), piEnd
		case len(rest) < len(cdataOpen):
			l.pos = open // not known yet
			return -1
		default:
			l.pos = open + len(bangOpen) // a declaration: the reader refuses it
		}
	}
}

// A finder finds the matches of a pattern in a growing buffer, searching
// each byte once. It looks for the pattern's second byte ('!', '?', 'C'),
// which is far rarer in a census file than its first, '<': bytes.Index
// would stop at every tag.
type finder struct {
	at    int // a match, or -1 (the zero finder has searched nothing)
	clear int // no match starts in [the last search's start, clear)
	used  bool
}

// next returns the first match at or after p, or -1; p never decreases
// from one call to the next.
func (f *finder) next(buf []byte, p int, pat string) int {
	if !f.used {
		f.at, f.used = -1, true
	}
	if f.at >= p {
		return f.at
	}
	from := min(max(p, f.clear), len(buf))
	for i := from + 1; i < len(buf); i++ {
		k := bytes.IndexByte(buf[i:], pat[1])
		if k < 0 {
			break
		}
		i += k
		if bytes.HasPrefix(buf[i-1:], []byte(pat)) {
			f.at, f.clear = i-1, i-1
			return f.at
		}
	}
	f.at, f.clear = -1, max(from, len(buf)-len(pat)+1)
	return -1
}
