package serve

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// A real browser (headless Chromium) uses the site as a reader would:
// opens /, types a query without tones into the search box, submits,
// opens the first hit, follows its site link. Each page is saved as a
// screenshot (in $WARDCRAWL_SCREENSHOTS when set) and the texts a reader
// must see are checked visible. Without Chromium the test is skipped,
// unless WARDCRAWL_REQUIRE_READERS is set (.ci/run installs Chromium).
func TestBrowser(t *testing.T) {
	chromium := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chromium = p
			break
		}
	}
	if chromium == "" {
		if os.Getenv("WARDCRAWL_REQUIRE_READERS") != "" {
			t.Fatal("Chromium is not installed (apt-get install chromium), and WARDCRAWL_REQUIRE_READERS is set")
		}
		t.Skip("Chromium is not installed: apt-get install chromium")
	}
	sd := seed(t)
	ts := server(t, sd.path)
	shots := os.Getenv("WARDCRAWL_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.Headless,
		chromedp.DisableGPU, chromedp.WindowSize(1100, 900), chromedp.UserDataDir(t.TempDir()))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTimeout()

	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	visible := func(sel string, want ...string) string {
		t.Helper()
		text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
		if err != nil {
			t.Fatalf("%s: %v", sel, err)
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s shows %.200q, without %q", sel, text, w)
			}
		}
		return text
	}
	// load runs an action that leads to another page and waits for it.
	load := func(what string, a chromedp.Action[chromedp.Void]) string {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, a)); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		url, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		return url
	}
	load("open /", chromedp.Navigate(ts.URL+"/"))
	visible("main", "Bài mới nhất", "phuong-a", "xa-b")
	shot("1-home")
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("header input[name=q]"), "thu hoi dat")); err != nil {
		t.Fatal(err)
	}
	load("submit the search", chromedp.Submit(chromedp.CSS("header input[name=q]")))
	visible("main", "3 kết quả", "Thông báo thu hồi đất")
	if m := visible("ol.articles mark"); !strings.EqualFold(m, "thu hồi đất") {
		t.Errorf("the first word found is marked %q", m)
	}
	shot("2-search")
	firstHit := visible("ol.articles li a.title")
	site := visible("ol.articles li .meta a")
	url := load("open the first hit", chromedp.Click(chromedp.CSS("ol.articles li a.title")))
	if !strings.Contains(url, "/articles/") {
		t.Fatalf("the first hit led to %s", url)
	}
	visible("article h1", firstHit)
	visible("main", "Nơi đã thấy bài này")
	shot("3-article")
	url = load("follow the site link", chromedp.Click(chromedp.CSS("article .meta a")))
	if !strings.HasSuffix(url, "/sites/"+site) {
		t.Errorf("the site link led to %s, not to %s", url, site)
	}
	visible("main h1", site)
	visible("main", firstHit, "bài viết")
	shot("4-site")
	for _, name := range []string{"1-home", "2-search", "3-article", "4-site"} {
		if fi, err := os.Stat(filepath.Join(shots, name+".png")); err != nil || fi.Size() < 1000 {
			t.Errorf("screenshot %s: %v", name, err)
		}
	}
}
