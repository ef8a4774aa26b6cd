package caseload_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/workingtogether/safeguarding/caseload"
	"github.com/workingtogether/safeguarding/holidays"
)

// shots is where BenchmarkReportOpen leaves its screenshots for a person to
// look at; without it they go to the benchmark's temporary folder.
var shots = flag.String("shots", "", "write BenchmarkReportOpen's screenshots to `DIR`")

// compare names reports written earlier (by an older wt report, say) for
// BenchmarkReportOpen to open and scroll beside its own, in the same run
// on the same machine load.
var compare = flag.String("compare", "", "open and scroll the HTML `FILES` (comma-separated) beside the benchmark's own report")

// openCases is how many cases BenchmarkReportOpen puts in its report: the
// caseload the issue asks to open and scroll smoothly.
const openCases = 5000

// scrollScript scrolls the page from top to bottom in about scrollSteps
// steps, one step an animation frame and never less than a viewport, and
// resolves to the duration of every frame in milliseconds (from one
// animation frame to the next): each frame brings sections on screen that
// the browser has not drawn before. The page grows as sections are drawn at
// their real height, so the step is worked out afresh every frame and the
// scroll goes on until the bottom stops moving away.
const scrollScript = `new Promise(function (done) {
  var frames = [], last = 0, stuck = 0, steps = ` + scrollSteps + `;
  function tick(now) {
    if (last) frames.push(now - last);
    last = now;
    var y = scrollY, h = document.documentElement.scrollHeight;
    scrollBy(0, Math.max(innerHeight, Math.ceil(h / steps)));
    stuck = scrollY === y ? stuck + 1 : 0;
    if (stuck > 3) { done(frames); return; }
    requestAnimationFrame(tick);
  }
  scrollTo(0, 0);
  requestAnimationFrame(tick);
})`

// scrollSteps is how many frames the scroll takes, about: paging through
// 5,000 cases a viewport at a time would take thousands of frames, minutes
// on a loaded machine, for no more knowledge of the frames.
const scrollSteps = "400"

// BenchmarkReportOpen writes the HTML report of 5,000 generated cases from
// JSON Lines (as wt report does), opens it in headless Chromium and pages
// through all of it. It reports the file's size, the times from navigation
// to the first contentful paint and to the load event, and the frames of
// the scroll: median, 95th percentile
// and longest frame, and how many took over 50 ms (a jank a reader sees).
// It needs Chromium; CI does not run benchmarks, so it never flakes a build.
// Screenshots of the top and of a case deep down go to -shots DIR.
// Reports named by -compare are opened and scrolled the same way, each as a
// sub-benchmark, so that a change is measured under one machine load.
func BenchmarkReportOpen(b *testing.B) {
	exe := chromium()
	if exe == "" {
		b.Skip("no Chromium installed (apt-get install chromium)")
	}
	data, _ := generated(openCases)
	r, err := caseload.Read(caseload.Options{AsOf: holidays.NewDate(2025, time.June, 10), By: "team", KeepCases: true}, 0,
		[]caseload.Input{{Name: "cases.jsonl", R: bytes.NewReader(data)}})
	if err != nil || r.Read != openCases {
		b.Fatalf("read %v cases: %v", r.Read, err)
	}
	dir := b.TempDir()
	page := filepath.Join(dir, "report.html")
	size := writeReport(b, r, page)
	out := *shots
	if out == "" {
		out = dir
	}
	browser := newBrowser(b, exe, dir, 1280, 1000, 20*time.Minute)
	// Start the browser before the clock runs.
	if err := chromedp.Do(browser, chromedp.Navigate("about:blank")); err != nil {
		b.Fatal(err)
	}
	b.Run("report", func(b *testing.B) { benchmarkOpen(b, browser, page, size) })
	for _, file := range strings.Split(*compare, ",") {
		if file == "" {
			continue
		}
		st, err := os.Stat(file)
		if err != nil {
			b.Fatal(err)
		}
		abs, err := filepath.Abs(file)
		if err != nil {
			b.Fatal(err)
		}
		b.Run("file="+filepath.Base(file), func(b *testing.B) { benchmarkOpen(b, browser, abs, st.Size()) })
	}

	// What it looks like: the top, and a case deep down.
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	deep := "case-" + strconv.Itoa(openCases*4/5)
	for _, s := range []struct{ name, js string }{
		{"report-top.png", `scrollTo(0, 0)`},
		// As a link does, so that the page's own correction of the jump applies.
		{"report-deep.png", `location.hash = "` + deep + `"`},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page)); err != nil {
			b.Fatal(err)
		}
		png, err := chromedp.Run(ctx, chromedp.Action[[]byte](func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
			if _, err := chromedp.Evaluate[any](s.js)(ctx, t); err != nil && err != chromedp.ErrJSUndefined {
				return nil, err
			}
			// Frames for the sections to be drawn once they are on screen,
			// and for the page to settle on a case it was sent to.
			if _, err := chromedp.Evaluate[any](`new Promise(r => { let n = 30; const f = () => --n ? requestAnimationFrame(f) : r(); requestAnimationFrame(f); })`, chromedp.EvalAwaitPromise)(ctx, t); err != nil && err != chromedp.ErrJSUndefined {
				return nil, err
			}
			return chromedp.CaptureScreenshot()(ctx, t)
		}))
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, s.name), png, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("screenshots in %s", out)
}

// benchmarkOpen opens and scrolls the page in a fresh tab b.N times.
func benchmarkOpen(b *testing.B, browser context.Context, page string, size int64) {
	var paint, load, p50, p95, worst, long, frames float64
	for b.Loop() {
		ctx, cancel := chromedp.NewContext(browser)
		o := openAndScroll(b, ctx, page)
		cancel()
		paint, load = paint+o.paint, load+o.load
		p50, p95, worst = max(p50, o.quantile(0.5)), max(p95, o.quantile(0.95)), max(worst, o.quantile(1))
		long += float64(o.longFrames())
		frames += float64(len(o.frames))
	}
	n := float64(b.N)
	b.ReportMetric(float64(size)/1e6, "MB")
	b.ReportMetric(paint/n, "first-paint-ms")
	b.ReportMetric(load/n, "load-ms")
	b.ReportMetric(p50, "frame-p50-ms")
	b.ReportMetric(p95, "frame-p95-ms")
	b.ReportMetric(worst, "frame-max-ms")
	b.ReportMetric(long/n, "frames>50ms")
	b.ReportMetric(frames/n, "frames")
}

// opening is what one visit to the page measured.
type opening struct {
	// paint is the milliseconds from navigation to the first contentful
	// paint: when the reader first sees the top of the report.
	paint  float64
	load   float64   // milliseconds from navigation to the end of the load event
	frames []float64 // milliseconds, sorted
}

func openAndScroll(b *testing.B, ctx context.Context, page string) opening {
	b.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page)); err != nil {
		b.Fatal(err)
	}
	load, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`performance.getEntriesByType("navigation")[0].loadEventEnd`))
	if err != nil {
		b.Fatal(err)
	}
	paint, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`performance.getEntriesByName("first-contentful-paint")[0].startTime`))
	if err != nil {
		b.Fatal(err)
	}
	frames, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](scrollScript, chromedp.EvalAwaitPromise))
	if err != nil {
		b.Fatal(err)
	}
	if len(frames) < 300 {
		b.Fatalf("scrolled %d frames: the page is not as long as %d cases", len(frames), openCases)
	}
	slices.Sort(frames)
	return opening{paint: paint, load: load, frames: frames}
}

// quantile is the frame time at q (0 to 1) of the sorted frames.
func (o opening) quantile(q float64) float64 {
	return o.frames[int(q*float64(len(o.frames)-1))]
}

// longFrames counts frames over 50 ms, the RAIL budget for a response.
func (o opening) longFrames() int {
	n, _ := slices.BinarySearch(o.frames, 50.0001)
	return len(o.frames) - n
}

// writeReport writes r's HTML to path and returns its size in bytes.
func writeReport(tb testing.TB, r *caseload.Report, path string) int64 {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := r.WriteHTML(f); err != nil {
		tb.Fatal(err)
	}
	st, err := f.Stat()
	if err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return st.Size()
}
