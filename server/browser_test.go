package server

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/sitrep-dev/sitrep/web"
)

// chromium finds the browser: $SITREP_CHROMIUM (when set, only it), Debian's /usr/bin/chromium, or
// one on PATH; "" when there is none.
func chromium() string {
	if p := os.Getenv("SITREP_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return ""
		}
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// needs skips a developer's run that lacks something, and fails CI's (CI=true) clearly.
func needs(t *testing.T, ok bool, what string) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("browser test: %s (CI=true, so this is a failure, not a skip)", what)
	}
	t.Skipf("browser test skipped: %s", what)
}

// TestBrowser loads the page in headless Chromium against a server holding the sample corpus:
// markers appear on the map, brushing the timeline filters them, clicking a marker shows the
// evidence. It saves a screenshot and logs its path.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test: not with -short")
	}
	exe := chromium()
	needs(t, exe != "", "no Chromium found (install Debian's chromium package: apt-get install -y chromium; .ci/run does)")
	needs(t, web.Built(), "the web page is not built into this test binary (run make web)")

	e := newEnv(t, true) // httptest listens on 127.0.0.1
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.WindowSize(1600, 1050),
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-dev-shm-usage", true))...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()

	// JavaScript errors and console errors fail the test
	var mu sync.Mutex
	var jsErrors []string
	exceptions := chromedp.Events(ctx, runtime.ExceptionThrown)
	console := chromedp.Events(ctx, runtime.ConsoleAPICalled)
	go func() {
		for ev, err := range exceptions {
			if err != nil {
				return
			}
			mu.Lock()
			jsErrors = append(jsErrors, (&chromedp.ExceptionError{ExceptionDetails: ev.ExceptionDetails}).Error())
			mu.Unlock()
		}
	}()
	go func() {
		for ev, err := range console {
			if err != nil {
				return
			}
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				mu.Lock()
				jsErrors = append(jsErrors, "console.error: "+strings.Join(args, " "))
				mu.Unlock()
			}
		}
	}()

	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, scancel := context.WithTimeout(ctx, 45*time.Second)
		defer scancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	eval := func(expr string) float64 {
		t.Helper()
		sctx, scancel := context.WithTimeout(ctx, 20*time.Second)
		defer scancel()
		v, err := chromedp.Run(sctx, chromedp.Evaluate[float64](expr))
		if err != nil {
			t.Fatalf("evaluating %s: %v", expr, err)
		}
		return v
	}
	text := func(expr string) string {
		t.Helper()
		sctx, scancel := context.WithTimeout(ctx, 20*time.Second)
		defer scancel()
		v, err := chromedp.Run(sctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("evaluating %s: %v", expr, err)
		}
		return v
	}
	waitFor := func(what, cond string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for eval("("+cond+") ? 1 : 0") != 1 {
			if time.Now().After(deadline) {
				t.Fatalf("waiting for %s (%s): timed out", what, cond)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}

	// 1. the page loads: the basemap and the markers
	step("load the page", chromedp.Navigate(e.ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	if n := eval(`document.querySelectorAll('.leaflet-overlay-pane path').length`); n < 100 {
		t.Errorf("the basemap has %v country shapes, want the world", n)
	}
	total := eval(`window.sitrep.state.events.length`)
	onMap := eval(`Number(document.getElementById('map').dataset.markers)`)
	icons := eval(`document.querySelectorAll('.leaflet-marker-pane .mk, .leaflet-marker-pane .cluster').length`)
	if total < 50 || onMap < 50 || icons < 5 {
		t.Fatalf("after loading: %v events, %v markers, %v icons on the map", total, onMap, icons)
	}
	t.Logf("page loaded: %v events, %v on the map as %v icons (markers and clusters)", total, onMap, icons)

	// 2. brushing the timeline filters the map and the list
	box := text(`(() => { const r = document.getElementById('histogram').getBoundingClientRect(); return [r.left, r.top, r.width, r.height].join(','); })()`)
	var left, top, width, height float64
	fmt.Sscanf(box, "%g,%g,%g,%g", &left, &top, &width, &height)
	y := top + height/2
	x0, x1 := left+width*0.72, left+width*0.93
	moves := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent(chromedp.MousePressed, x0, y, chromedp.ButtonLeft, chromedp.ClickCount(1))}
	for i := 1; i <= 10; i++ {
		moves = append(moves, chromedp.MouseEvent(chromedp.MouseMoved, x0+(x1-x0)*float64(i)/10, y, chromedp.ButtonLeft))
	}
	moves = append(moves, chromedp.MouseEvent(chromedp.MouseReleased, x1, y, chromedp.ButtonLeft, chromedp.ClickCount(1)))
	step("brush the timeline", moves...)
	waitFor("the brushed range", `window.sitrep.state.range !== null`)
	brushed := eval(`Number(document.getElementById('map').dataset.markers)`)
	status := text(`document.getElementById('status').textContent`)
	if brushed <= 0 || brushed >= onMap || !strings.Contains(status, " of ") {
		t.Fatalf("after brushing: %v of %v markers, status %q", brushed, onMap, status)
	}
	t.Logf("brushed %s: %v of %v markers (status %q)", text(`document.getElementById('range-label').textContent`), brushed, onMap, status)

	// 3. clicking a marker shows its evidence; clusters are clicked (zooming in) until one is seen
	const visibleMarker = `(() => {
		const m = document.getElementById('map').getBoundingClientRect();
		for (const el of document.querySelectorAll('.leaflet-marker-pane .mk')) {
			const r = el.getBoundingClientRect();
			const x = r.left + r.width / 2, y = r.top + r.height / 2;
			if (x > m.left + 20 && x < m.right - 20 && y > m.top + 20 && y < m.bottom - 20 && document.elementFromPoint(x, y) === el) return x + ',' + y;
		}
		return '';
	})()`
	const biggestCluster = `(() => {
		let best = null, n = 0;
		const m = document.getElementById('map').getBoundingClientRect();
		for (const el of document.querySelectorAll('.leaflet-marker-pane .cluster')) {
			const r = el.getBoundingClientRect(), c = Number(el.textContent);
			if (c > n && r.left > m.left && r.right < m.right && r.top > m.top && r.bottom < m.bottom) { best = r; n = c; }
		}
		return best ? (best.left + best.width / 2) + ',' + (best.top + best.height / 2) : '';
	})()`
	var at string
	for range 8 {
		if at = text(visibleMarker); at != "" {
			break
		}
		c := text(biggestCluster)
		if c == "" {
			break
		}
		var cx, cy float64
		fmt.Sscanf(c, "%g,%g", &cx, &cy)
		step("click a cluster", chromedp.MouseClickXY(cx, cy), chromedp.Sleep(700*time.Millisecond))
	}
	if at == "" {
		t.Fatal("no single marker could be uncovered to click")
	}
	var mx, my float64
	fmt.Sscanf(at, "%g,%g", &mx, &my)
	step("click a marker", chromedp.MouseClickXY(mx, my), chromedp.WaitVisible(chromedp.CSS(`#event-detail .evidence`)))
	evidence := text(`document.querySelector('#event-detail .evidence').textContent`)
	marks := eval(`document.querySelectorAll('#event-detail .evidence mark').length`)
	outlets := eval(`document.querySelectorAll('#event-detail .outlets li').length`)
	grade := text(`document.querySelector('#event-detail .grade').textContent`)
	selected := text(`document.getElementById('event-detail').dataset.id`)
	if len(evidence) < 20 || marks < 1 || outlets < 1 || grade == "" || selected == "" {
		t.Errorf("evidence panel: %q, %v highlights, %v outlets, grade %q, event %q", evidence, marks, outlets, grade, selected)
	}
	if eval(`document.querySelectorAll('.leaflet-marker-pane .mk.sel').length`) != 1 {
		t.Error("the clicked marker is not marked selected")
	}
	t.Logf("clicked event %s: %q (%v highlights, %v outlets, grade %q)", selected, evidence, marks, outlets, grade)

	// 4. the screenshot, kept for a person to look at: the whole map again, the evidence beside it
	zoomOut := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool](`window.sitrep.map.setView([30, 25], 3, {animate: false}) !== null`)(ctx, tg)
		return err
	})
	step("zoom out", zoomOut, chromedp.Sleep(800*time.Millisecond))
	sctx, scancel := context.WithTimeout(ctx, 30*time.Second)
	defer scancel()
	png, err := chromedp.Run(sctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "sitrep-browser-")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "sitrep.png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", path, len(png))

	mu.Lock()
	defer mu.Unlock()
	for _, msg := range jsErrors {
		t.Errorf("JavaScript error in the page: %s", msg)
	}
}
