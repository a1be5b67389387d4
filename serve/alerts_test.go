package serve

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/storage"
)

// hook is a loopback webhook that answers 500 to its first fail requests.
type hook struct {
	*httptest.Server
	mu       sync.Mutex
	fail     int
	payloads []AlertPayload
	attempts int
}

func newHook(t *testing.T, fail int) *hook {
	h := &hook{fail: fail}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		defer h.mu.Unlock()
		h.attempts++
		if h.attempts <= h.fail {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		b, _ := io.ReadAll(r.Body)
		var p AlertPayload
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" || json.Unmarshal(b, &p) != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		h.payloads = append(h.payloads, p)
	}))
	t.Cleanup(h.Close)
	return h
}

// An alert is posted once per run with the matches the run stored first,
// retried after a 500; run again for the same run, it sends nothing; an
// alert with no new match sends nothing; a webhook on loopback without
// allow_internal is refused (recorded, not retried).
func TestAlertsDeliveredOncePerRun(t *testing.T) {
	sd := seed(t)
	ctx := context.Background()
	st, err := storage.Open(ctx, sd.path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h := newHook(t, 1)
	alerts := []config.Alert{
		{Name: "thu-hoi-dat", Query: "thu hồi đất", Webhook: h.URL + "/hook", AllowInternal: true},
		{Name: "cat-dien", Query: "cắt điện", Webhook: h.URL + "/hook", AllowInternal: true},
		{Name: "khong-cho-phep", Query: "thu hoi dat", Webhook: h.URL + "/hook"},
	}
	opt := AlertOptions{Backoff: 10 * time.Millisecond}
	got := DeliverAlerts(ctx, st, sd.run2, alerts, opt)
	if len(got) != 2 {
		t.Fatalf("deliveries %+v", got)
	}
	if d := got[0]; d.Alert != "thu-hoi-dat" || d.Error != "" || d.Attempts != 2 || d.Status != 200 || d.Articles != 1 {
		t.Errorf("delivery %+v", d)
	}
	if d := got[1]; d.Alert != "khong-cho-phep" || !strings.Contains(d.Error, "allow_internal") || d.Attempts != 1 {
		t.Errorf("a loopback webhook without allow_internal: %+v", d)
	}
	if len(h.payloads) != 1 || h.payloads[0].RunID != sd.run2 || len(h.payloads[0].Articles) != 1 || h.payloads[0].Articles[0].ContentHash != sd.warc ||
		!strings.Contains(h.payloads[0].Articles[0].Snippet, "thu hồi đất") {
		t.Fatalf("payloads %+v", h.payloads)
	}
	// Once per run.
	if again := DeliverAlerts(ctx, st, sd.run2, alerts[:1], opt); len(again) != 0 || len(h.payloads) != 1 {
		t.Errorf("delivered again: %+v", again)
	}
	recorded, err := st.AlertDeliveries(ctx, sd.run2)
	if err != nil || len(recorded) != 2 || recorded[1].Alert != "thu-hoi-dat" || recorded[1].Error != "" || recorded[1].Attempts != 2 {
		t.Errorf("recorded %+v %v", recorded, err)
	}
	// Run 1 stored three articles about land recovery (the text hit too).
	h2 := newHook(t, 0)
	alerts[0].Webhook = h2.URL
	DeliverAlerts(ctx, st, sd.run1, alerts[:1], opt)
	if len(h2.payloads) != 1 || h2.payloads[0].Total != 2 {
		t.Errorf("run 1: %+v", h2.payloads)
	}
}

// A webhook that keeps failing is tried Attempts times, then the failure
// is recorded with the last status.
func TestAlertGivesUp(t *testing.T) {
	sd := seed(t)
	ctx := context.Background()
	st, _ := storage.Open(ctx, sd.path, storage.Options{})
	defer st.Close()
	h := newHook(t, 100)
	got := DeliverAlerts(ctx, st, sd.run2, []config.Alert{{Name: "a", Query: "dat", Webhook: h.URL, AllowInternal: true}}, AlertOptions{Attempts: 3, Backoff: time.Millisecond})
	if len(got) != 1 || got[0].Attempts != 3 || got[0].Status != 500 || !strings.Contains(got[0].Error, "500") || h.attempts != 3 {
		t.Errorf("%+v, %d attempts", got, h.attempts)
	}
}
