package census

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/census/internal/synth"
	"pgregory.net/rapid"
)

// A run is everything a file's audit produces.
type run struct {
	Reports  []string // as JSON, as hosts see them: pathway's cases hold unexported state
	Err      string
	Figures  Figures
	Warnings []Warning
	// SerialFrom is the offset the pipeline read serially from (-1:
	// nowhere); compared apart, as a serial run has none.
	SerialFrom int64
}

// serialRun audits data with one Reader and one Auditor: the reference.
func serialRun(data []byte) run { return serialRunOn(bytes.NewReader(data)) }

func serialRunOn(in io.Reader) run {
	var out run
	rd := NewReader(in)
	h, err := rd.Header()
	if err != nil {
		out.Err = err.Error()
		return out
	}
	a := NewAuditor(h, Config{})
	for c, err := range rd.All() {
		if err != nil {
			out.Err = err.Error()
			break
		}
		out.Reports = append(out.Reports, asJSON(a.Audit(c)))
	}
	out.Figures, out.Warnings = a.Figures(), rd.Warnings()
	return out
}

func asJSON(rep ChildReport) string {
	b, err := json.Marshal(rep)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// pipelineRun audits data with a Pipeline, through Reports, or through
// Rendered when rendered, with reports rendered as JSON.
func pipelineRun(data []byte, workers, chunk int, rendered bool) run {
	return pipelineRunOn(bytes.NewReader(data), workers, chunk, max(16*chunk, 1<<20), rendered)
}

func pipelineRunOn(in io.Reader, workers, chunk, maxChunk int, rendered bool) run {
	var out run
	p := NewPipeline(in, Config{}, workers)
	p.chunk, p.maxChunk = chunk, maxChunk
	if _, err := p.Header(); err != nil {
		out.Err = err.Error()
		return out
	}
	all := iter.Seq2[string, error](func(yield func(string, error) bool) {
		for rep, err := range p.Reports() {
			if !yield(asJSON(rep), err) {
				return
			}
		}
	})
	if rendered {
		all = func(yield func(string, error) bool) {
			for b, err := range p.Rendered(scratchJSON) {
				if !yield(string(b), err) {
					return
				}
			}
		}
	}
	for rep, err := range all {
		if err != nil {
			out.Err = err.Error()
			break
		}
		out.Reports = append(out.Reports, rep)
	}
	out.Figures, out.Warnings, out.SerialFrom = p.Figures(), p.Warnings(), p.serialFrom
	return out
}

// scratchJSON renders a report as asJSON does, through scratch space of
// its own: a Render shared by two workers would race on it, and the race
// detector would say so.
func scratchJSON() Render {
	var scratch []byte
	return func(b []byte, rep *ChildReport) ([]byte, error) {
		scratch = append(scratch[:0], asJSON(*rep)...)
		return append(b, scratch...), nil
	}
}

// pipelineInputs are the test files, the malformed variants, a file whose
// comments, CDATA and attribute values hold text that looks like child
// boundaries, and a synthetic file of 1,200 children with a bad date near
// its end.
func pipelineInputs(t *testing.T) map[string][]byte {
	in := map[string][]byte{}
	for _, name := range []string{"old-2018.xml", "new-2026.xml", "figures-2024.xml"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		in[name] = data
	}
	for name, doc := range malformed(t) {
		in[name] = []byte(doc)
	}
	in["boundaries in disguise"] = []byte(`<Message><Children>
<Child a="/Child>&lt;/Child>&lt;Child>"><ChildIdentifiers><LAchildID>B1</LAchildID></ChildIdentifiers>
<!-- </Child><Child><ChildIdentifiers><LAchildID>FAKE</LAchildID></ChildIdentifiers></Child> -->
<CINdetails><CINreferralDate>2024-01-02</CINreferralDate><ReferralSource><![CDATA[</Child><Child>]]></ReferralSource></CINdetails></Child>
<Child><ChildIdentifiers><LAchildID>B2</LAchildID></ChildIdentifiers></Child>
</Children></Message>`)
	var syn bytes.Buffer
	if err := synth.Write(&syn, 1200, 3); err != nil {
		t.Fatal(err)
	}
	in["synthetic"] = syn.Bytes()
	bad := bytes.Replace(syn.Bytes(), []byte("<LAchildID>SYN0001190</LAchildID>"),
		[]byte("<LAchildID>SYN0001190</LAchildID><PersonDeathDate>2024-02-30</PersonDeathDate>"), 1)
	in["synthetic, bad date in child 1191"] = bad
	in["synthetic, mismatched tag in child 601"] = bytes.Replace(syn.Bytes(), []byte("<LAchildID>SYN0000600</LAchildID>"),
		[]byte("<LAchildID>SYN0000600</LAChildID>"), 1)
	in["synthetic, Windows-1252 from child 301"] = bytes.Replace(syn.Bytes(), []byte("<Child><ChildIdentifiers><LAchildID>SYN0000300<"),
		[]byte("<?xml version=\"1.0\" encoding=\"windows-1252\"?><Child><ChildIdentifiers><LAchildID>SYN0000300\x80<"), 1)
	in["between children"] = []byte(`<Message><Children>
<Child><ChildIdentifiers><LAchildID>C1</LAchildID></ChildIdentifiers></Child>
stray text <!-- a comment with <Child> in it --> <?pi <Child>?>
<Unknown a="1"/>
<![CDATA[<Child>]]><?xml version="1.0" encoding="UTF-8"?>
<Child><ChildIdentifiers><LAchildID>C2</LAchildID></ChildIdentifiers></Child>
</Children>
<Header><Source><LEA>1</LEA></Source><Unknown/></Header>
<Children><Child><ChildIdentifiers><LAchildID>C3</LAchildID></ChildIdentifiers></Child></Children>
</Message>
`)
	in["a Child in an unknown element"] = []byte(`<Message><Children>
<Child><ChildIdentifiers><LAchildID>U1</LAchildID></ChildIdentifiers></Child>
<Unknown><Child><ChildIdentifiers><LAchildID>HIDDEN</LAchildID></ChildIdentifiers></Child></Unknown>
<Child><ChildIdentifiers><LAchildID>U2</LAchildID></ChildIdentifiers></Child>
</Children></Message>`)
	in["a Child after the end of Message"] = []byte("<Message><Children>\n<Child/>\n</Children></Message>\n<Child><ChildIdentifiers><LAchildID>Z</LAchildID></ChildIdentifiers></Child>\n")
	in["prefixed Children"] = []byte(`<Message xmlns:x="u"><x:Children>
<Child><ChildIdentifiers><LAchildID>X1</LAchildID></ChildIdentifiers></Child>
<x:Child><ChildIdentifiers><LAchildID>X2</LAchildID></ChildIdentifiers></x:Child>
<Child><ChildIdentifiers><LAchildID>X3</LAchildID></ChildIdentifiers></Child>
</x:Children></Message>`)
	var strays bytes.Buffer
	strays.WriteString("<Message><Children>\n")
	for i := range 1500 {
		fmt.Fprintf(&strays, "<Child><ChildIdentifiers><LAchildID>S%d</LAchildID></ChildIdentifiers></Child><Stray/>\n", i)
	}
	strays.WriteString("</Children></Message>")
	in["strays past the cap"] = strays.Bytes()
	return in
}

// TestPipelineEqualsSerial: on every input, for several worker counts and
// batch sizes, the pipeline gives the serial path's reports in the same
// order with the same lines, the same error and the same figures.
//
// The well-formed UTF-8 inputs are read in parallel to their end, every
// cut proven, even where comments and CDATA hold "<Child>".
func TestPipelineEqualsSerial(t *testing.T) {
	parallel := map[string]bool{"synthetic": true, "boundaries in disguise": true, "new-2026.xml": true, "figures-2024.xml": true,
		"between children": true, "prefixed Children": true, "strays past the cap": true}
	for name, data := range pipelineInputs(t) {
		want := serialRun(data)
		for _, workers := range []int{1, 2, 3} {
			for _, chunk := range []int{1, 7, 4096, defaultChunk} {
				for _, rendered := range []bool{false, true} {
					got := pipelineRun(data, workers, chunk, rendered)
					if parallel[name] && got.SerialFrom >= 0 {
						t.Errorf("%s, %d workers, chunks of %d bytes: read serially from offset %d", name, workers, chunk, got.SerialFrom)
					}
					want.SerialFrom = got.SerialFrom
					if diff := cmp.Diff(want, got); diff != "" {
						t.Fatalf("%s, %d workers, chunks of %d bytes, rendered %v (-serial +pipeline):\n%s", name, workers, chunk, rendered, diff)
					}
				}
			}
		}
	}
}

// TestPipelineBoundaries: text that looks like a child boundary inside an
// attribute value, a comment or CDATA does not split a child.
func TestPipelineBoundaries(t *testing.T) {
	got := pipelineRun(pipelineInputs(t)["boundaries in disguise"], 2, 1, false)
	if got.Err != "" || len(got.Reports) != 2 || !strings.HasPrefix(got.Reports[0], `{"la_child_id":"B1","line":2,`) || !strings.HasPrefix(got.Reports[1], `{"la_child_id":"B2","line":5`) {
		t.Fatalf("got %+v", got)
	}
}

// TestPipelineGivesUp: a chunk that grows past its bound with no cut in
// sight (here, a long comment) is read serially from its start, with the
// serial results.
func TestPipelineGivesUp(t *testing.T) {
	data := []byte("<Message><Children>\n<Child><ChildIdentifiers><LAchildID>G1</LAchildID></ChildIdentifiers></Child>\n<!--" +
		strings.Repeat(" <Child> ", 200) + "-->\n<Child><ChildIdentifiers><LAchildID>G2</LAchildID></ChildIdentifiers></Child></Children></Message>")
	want := serialRun(data)
	for _, rendered := range []bool{false, true} {
		got := pipelineRunOn(iotest.OneByteReader(bytes.NewReader(data)), 2, 16, 256, rendered)
		if got.SerialFrom < 0 {
			t.Error("the pipeline read in parallel past its bound")
		}
		want.SerialFrom = got.SerialFrom
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("rendered %v (-serial +pipeline):\n%s", rendered, diff)
		}
	}
}

// TestPipelineReadError: an input that fails part way gives the serial
// reader's error, after the same reports.
func TestPipelineReadError(t *testing.T) {
	data := pipelineInputs(t)["synthetic"]
	failing := func() io.Reader {
		return io.MultiReader(bytes.NewReader(data[:len(data)/2]), iotest.ErrReader(errors.New("disk on fire")))
	}
	want := serialRunOn(failing())
	for _, rendered := range []bool{false, true} {
		got := pipelineRunOn(failing(), 2, 4096, 1<<20, rendered)
		want.SerialFrom = got.SerialFrom
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("rendered %v (-serial +pipeline):\n%s", rendered, diff)
		}
		if !strings.Contains(got.Err, "disk on fire") || len(got.Reports) < 100 {
			t.Errorf("rendered %v: error %q after %d reports", rendered, got.Err, len(got.Reports))
		}
	}
}

// TestPipelineStopEarly: breaking out of the loop stops the reader and the
// workers (the race detector and the test's end would see them otherwise),
// and Figures then counts what was judged.
func TestPipelineStopEarly(t *testing.T) {
	var syn bytes.Buffer
	if err := synth.Write(&syn, 5000, 4); err != nil {
		t.Fatal(err)
	}
	p := NewPipeline(&syn, Config{}, 2)
	p.chunk = 10
	n := 0
	for _, err := range p.Reports() {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 25 {
			break
		}
	}
	// The consumer counts each child as it reports it: the figures are
	// those of the children reported, though the workers had judged more.
	if f := p.Figures(); f.Children != 25 {
		t.Errorf("figures of %d children after stopping at 25", f.Children)
	}
	for range p.Reports() {
		t.Fatal("a second Reports yielded a report")
	}

	syn.Reset()
	if err := synth.Write(&syn, 5000, 4); err != nil {
		t.Fatal(err)
	}
	p = NewPipeline(&syn, Config{}, 2)
	p.chunk = 10
	n = 0
	for _, err := range p.Rendered(scratchJSON) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 25 {
			break
		}
	}
	if f := p.Figures(); f.Children != 25 {
		t.Errorf("figures of %d children after stopping at 25 renderings", f.Children)
	}
}

// TestPipelineRenderedError: a Render's error is given in place of its
// child's rendering, after the children before it, and ends the run; the
// figures count the children rendered. The error comes from a worker's
// Render on a file read in parallel, and from the consumer's where the
// file is read serially (here, from child 301, in another character set).
func TestPipelineRenderedError(t *testing.T) {
	in := pipelineInputs(t)
	for _, name := range []string{"synthetic", "synthetic, Windows-1252 from child 301"} {
		for _, workers := range []int{1, 2} {
			failAt := func() Render {
				return func(b []byte, rep *ChildReport) ([]byte, error) {
					if rep.LAchildID == "SYN0000500" {
						return b, errors.New("no room at child 501")
					}
					return append(b, rep.LAchildID...), nil
				}
			}
			p := NewPipeline(bytes.NewReader(in[name]), Config{}, workers)
			p.chunk = 4096
			var ids []string
			var errs []string
			for b, err := range p.Rendered(failAt) {
				if err != nil {
					errs = append(errs, err.Error())
					continue
				}
				ids = append(ids, string(b))
			}
			if diff := cmp.Diff([]string{"no room at child 501"}, errs); diff != "" {
				t.Errorf("%s, %d workers: errors (-want +got):\n%s", name, workers, diff)
			}
			if len(ids) != 500 || ids[0] != "SYN0000000" || ids[499] != "SYN0000499" {
				t.Errorf("%s, %d workers: %d renderings before the error, from %q", name, workers, len(ids), ids[:min(len(ids), 1)])
			}
			if f := p.Figures(); f.Children != 500 {
				t.Errorf("%s, %d workers: figures of %d children, 500 rendered", name, workers, f.Children)
			}
			if (p.serialFrom >= 0) != (name != "synthetic") {
				t.Errorf("%s, %d workers: read serially from %d", name, workers, p.serialFrom)
			}
		}
	}
}

func ExamplePipeline() {
	const file = `<Message>
<Header><CollectionDetails><Collection>CIN</Collection><Year>2024</Year><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails></Header>
<Children>
<Child><ChildIdentifiers><LAchildID>P1</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2023-05-02</CINreferralDate>
<Assessments><AssessmentActualStartDate>2023-05-02</AssessmentActualStartDate><AssessmentAuthorisationDate>2023-05-30</AssessmentAuthorisationDate></Assessments>
<ReferralNFA>0</ReferralNFA></CINdetails></Child>
<Child><ChildIdentifiers><LAchildID>P2</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2023-06-01</CINreferralDate><ReferralNFA>1</ReferralNFA></CINdetails></Child>
</Children>
</Message>`
	p := NewPipeline(strings.NewReader(file), Config{}, 2)
	for rep, err := range p.Reports() {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(rep.LAchildID, "line", rep.Line)
	}
	f := p.Figures()
	fmt.Println(f.Children, "children,", f.Assessments.Completed, "assessment completed")
	// Output:
	// P1 line 4
	// P2 line 8
	// 2 children, 1 assessment completed
}

// A host that writes each report out renders it on the workers: here, a
// line per child with its findings' DfE rule codes. R1's assessment
// starts before its referral (rule 1103) and, completed in the census
// year, records no factors (8897Q).
func ExamplePipeline_Rendered() {
	const file = `<Message>
<Header><CollectionDetails><Collection>CIN</Collection><Year>2024</Year><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails></Header>
<Children>
<Child><ChildIdentifiers><LAchildID>R1</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2023-05-02</CINreferralDate>
<Assessments><AssessmentActualStartDate>2023-04-28</AssessmentActualStartDate><AssessmentAuthorisationDate>2023-05-30</AssessmentAuthorisationDate></Assessments>
<ReferralNFA>0</ReferralNFA></CINdetails></Child>
<Child><ChildIdentifiers><LAchildID>R2</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2023-06-01</CINreferralDate><ReferralNFA>1</ReferralNFA></CINdetails></Child>
</Children>
</Message>`
	codes := func() Render {
		return func(b []byte, rep *ChildReport) ([]byte, error) {
			b = append(b, rep.LAchildID...)
			for i := range rep.Findings {
				if f := &rep.Findings[i]; f.Kind == DfE {
					b = append(append(b, ' '), f.Code...)
				}
			}
			return append(b, '\n'), nil
		}
	}
	p := NewPipeline(strings.NewReader(file), Config{}, 2)
	for line, err := range p.Rendered(codes) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		os.Stdout.Write(line)
	}
	fmt.Println(p.Figures().Children, "children")
	// Output:
	// R1 1103 8897Q
	// R2
	// 2 children
}

// naiveCut is the lexer's cut worked the slow way: a scan from the start
// of buf, byte by byte, stepping over comments, CDATA sections and
// processing instructions, to the first "<Child" start tag at or after
// from.
func naiveCut(buf []byte, from int) int {
	skip := func(i int, open, end string) int {
		k := bytes.Index(buf[i+len(open):], []byte(end))
		if k < 0 {
			return -1
		}
		return i + len(open) + k + len(end)
	}
	for i := 0; i < len(buf); {
		rest := buf[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			i = skip(i, "<!--", "-->")
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			i = skip(i, "<![CDATA[", "]]>")
		case bytes.HasPrefix(rest, []byte("<?")):
			i = skip(i, "<?", "?>")
		case i >= from && bytes.HasPrefix(rest, []byte("<Child")) && len(rest) > 6 && strings.IndexByte(">/ \t\n\r", rest[6]) >= 0:
			return i
		default:
			i++
		}
		if i < 0 {
			return -1
		}
	}
	return -1
}

// TestLexerCut: fed a buffer of census-like fragments as it grows, a piece
// at a time, the lexer cuts where the slow scan does. It may see a cut
// late only within the last few bytes of what it has, where a construct
// might still be opening ("<!" before its next seven bytes are in).
func TestLexerCut(t *testing.T) {
	pieces := []string{"<Child>", "<Child ", "<Child/>", "<Children>", "<ChildX", "</Child>", "<!-- ", " -->", "--", "<![CDATA[", "]]>", "<?", "?>", "<!", "<", "x", "\n", "!", "?"}
	rapid.Check(t, func(t *rapid.T) {
		var buf []byte
		for _, i := range rapid.SliceOfN(rapid.IntRange(0, len(pieces)-1), 1, 60).Draw(t, "pieces") {
			buf = append(buf, pieces[i]...)
		}
		from := rapid.IntRange(0, len(buf)).Draw(t, "from")
		steps := rapid.SliceOfN(rapid.IntRange(1, 16), 1, 40).Draw(t, "steps")
		var lx lexer
		n := 0
		for _, step := range append(steps, len(buf)) {
			n = min(n+step, len(buf))
			got, want := lx.cut(buf[:n], from), naiveCut(buf[:n], from)
			if got >= 0 {
				if got != want {
					t.Fatalf("cut %d of %q from %d, want %d", got, buf[:n], from, want)
				}
				return
			}
			if want >= 0 && want < n-16 {
				t.Fatalf("no cut in %q from %d, want %d", buf[:n], from, want)
			}
		}
	})
}

// chunkedRead reads data as the Pipeline does, on this goroutine: cut into
// chunks of about chunk bytes, each read from the state between children
// by a worker's reader, and read serially from the first chunk that does
// not end at a cut. It returns what readThrough returns of the serial
// Reader: every child, whole, with the warnings and the error.
func chunkedRead(t *testing.T, data []byte, chunk int) readResult {
	rd := NewReader(bytes.NewReader(data))
	if _, err := rd.Header(); err != nil || !rd.betweenChildren() {
		return readThrough(t, rd)
	}
	var res readResult
	base, sc := rd.frozen(), rd.sc
	sp := &splitter{src: sc.src, err: sc.srcErr, size: chunk, max: max(16*chunk, 1<<20), at: sc.at(),
		carry: slices.Clone(sc.buf[sc.pos:sc.end])}
	w := &worker{rd: &Reader{}, base: base}
	for {
		c := sp.next(nil)
		if !w.read(c) {
			serial := &Reader{}
			serial.resume(base, c.at, io.MultiReader(bytes.NewReader(c.data), bytes.NewReader(sp.carry), sp.rest()), nil, false)
			rest := readThrough(t, serial)
			res.Children, res.Err = append(res.Children, rest.Children...), rest.Err
			rd.strays.absorb(serial.strays)
			break
		}
		res.Children = append(res.Children, c.children...)
		rd.strays.absorb(c.strays)
		if c.last {
			break
		}
	}
	res.Header, res.Warnings = rd.header, rd.Warnings()
	return res
}

// TestChunkedReadEqualsSerial: read in chunks as the pipeline's workers
// read, every input gives the serial reader's children, whole (every
// field, every line), its warnings and its error.
func TestChunkedReadEqualsSerial(t *testing.T) {
	for name, data := range pipelineInputs(t) {
		want := readThrough(t, NewReader(bytes.NewReader(data)))
		for _, chunk := range []int{1, 7, 4096} {
			if diff := cmp.Diff(want, chunkedRead(t, data, chunk)); diff != "" {
				t.Fatalf("%s, chunks of %d bytes (-serial +chunked):\n%s", name, chunk, diff)
			}
		}
	}
}

// A worker reads each chunk into its slot's lists, recycled: once sized,
// the blocks take children like the last without a new allocation, and
// the children read the same as into new memory.
func TestRecycledListsTakeNoNewBlocks(t *testing.T) {
	var syn bytes.Buffer
	if err := synth.Write(&syn, 300, 5); err != nil {
		t.Fatal(err)
	}
	read := func(mem lists) ([]Child, lists) {
		rd := NewReader(bytes.NewReader(syn.Bytes()))
		rd.blocks = mem
		var cs []Child
		for c, err := range rd.All() {
			if err != nil {
				t.Fatal(err)
			}
			cs = append(cs, c)
		}
		return cs, rd.blocks
	}
	want, _ := read(lists{}) // in memory of its own
	// The first recycling sizes the blocks; from the second on, each
	// reading fills the same blocks.
	first, mem := read(lists{})
	mem.recycle(first)
	second, blocks := read(mem)
	mem = blocks
	mem.recycle(second)
	got, after := read(mem)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("children read into recycled lists differ (-new memory +recycled):\n%s", diff)
	}
	same := func(name string, n int, pa, pb any) {
		t.Helper()
		if n == 0 || pa != pb {
			t.Errorf("%s: %d records, block %p after reading, %p recycled: want the recycled block, written over", name, n, pa, pb)
		}
	}
	same("episodes", len(after.episodes), &after.episodes[:1][0], &blocks.episodes[:1][0])
	same("assessments", len(after.assessments), &after.assessments[:1][0], &blocks.assessments[:1][0])
	same("words", len(after.words), &after.words[:1][0], &blocks.words[:1][0])
	same("dates", len(after.dates), &after.dates[:1][0], &blocks.dates[:1][0])
	if &got[0].Episodes[0] != &blocks.episodes[:1][0] {
		t.Error("the first child's episodes are not at the start of the recycled block")
	}
}
