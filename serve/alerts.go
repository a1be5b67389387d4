package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"syscall"
	"time"

	"github.com/wardcrawl/wardcrawl/config"
	"github.com/wardcrawl/wardcrawl/crawler"
	"github.com/wardcrawl/wardcrawl/internal/textsearch"
	"github.com/wardcrawl/wardcrawl/storage"
)

// AlertStore is what alerts read and record.
type AlertStore interface {
	SearchPage(ctx context.Context, q storage.SearchQuery) (storage.SearchResult, error)
	AlertDeliveries(ctx context.Context, run int64) ([]storage.AlertDelivery, error)
	RecordAlert(ctx context.Context, d storage.AlertDelivery) error
}

// AlertOptions tune deliveries.
type AlertOptions struct {
	Logger *slog.Logger
	// Attempts per webhook (default 4) and the first back-off (default
	// 2 s, doubling).
	Attempts int
	Backoff  time.Duration
	Timeout  time.Duration // per request (default 15 s)
	Now      func() time.Time
}

// AlertPayload is what a webhook receives: the articles the run stored
// first that match the alert.
type AlertPayload struct {
	Alert    string    `json:"alert"`
	Query    string    `json:"query"`
	RunID    int64     `json:"run_id"`
	Total    int       `json:"total"`
	Articles []hitJSON `json:"articles"` // snippets in plain text
}

// maxAlertArticles bounds one delivery.
const maxAlertArticles = 200

// DeliverAlerts runs each alert over the articles run first stored and
// posts the matches to its webhook: one request per alert per run (an
// alert already delivered for the run is not sent again), retried with
// back-off on a network error, a 5xx or a 429; every outcome is recorded
// (wardcrawl runs shows them) and a failure logged. It never fails: what
// went wrong is in the deliveries it returns.
func DeliverAlerts(ctx context.Context, st AlertStore, run int64, alerts []config.Alert, opt AlertOptions) []storage.AlertDelivery {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.Attempts <= 0 {
		opt.Attempts = 4
	}
	if opt.Backoff <= 0 {
		opt.Backoff = 2 * time.Second
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 15 * time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if len(alerts) == 0 || run <= 0 {
		return nil
	}
	done := map[string]bool{}
	if prev, err := st.AlertDeliveries(ctx, run); err == nil {
		for _, d := range prev {
			done[d.Alert] = d.Error == ""
		}
	}
	var out []storage.AlertDelivery
	for _, a := range alerts {
		if done[a.Name] {
			continue
		}
		d := deliver(ctx, st, run, a, opt)
		if d.Articles == 0 && d.Error == "" {
			continue // nothing new matched: nothing sent, nothing recorded
		}
		if err := st.RecordAlert(context.WithoutCancel(ctx), d); err != nil {
			opt.Logger.Error("alert: cannot record the delivery", "alert", a.Name, "error", err)
		}
		if d.Error != "" {
			opt.Logger.Error("alert not delivered", "alert", a.Name, "webhook", a.Webhook, "attempts", d.Attempts, "error", d.Error)
		} else {
			opt.Logger.Info("alert delivered", "alert", a.Name, "articles", d.Articles, "attempts", d.Attempts)
		}
		out = append(out, d)
	}
	return out
}

func deliver(ctx context.Context, st AlertStore, run int64, a config.Alert, opt AlertOptions) storage.AlertDelivery {
	d := storage.AlertDelivery{Alert: a.Name, RunID: run, At: opt.Now()}
	q, err := textsearch.ParseQuery(a.Query)
	if err != nil {
		d.Error = err.Error()
		return d
	}
	res, err := st.SearchPage(ctx, storage.SearchQuery{Query: q, Sites: a.Sites, FirstRun: run, Sort: "first_seen", Limit: maxAlertArticles})
	total, hits := res.Total, res.Hits
	if err != nil {
		d.Error = "search: " + err.Error()
		return d
	}
	if total == 0 {
		return d
	}
	p := AlertPayload{Alert: a.Name, Query: a.Query, RunID: run, Total: total}
	for _, h := range hits {
		p.Articles = append(p.Articles, newHitJSON(h, textsearch.SnippetText(textsearch.Snippet(h.Text, q.Terms, 40))))
	}
	d.Articles = len(p.Articles)
	body, _ := json.Marshal(p)
	guard := crawler.AddressGuard(a.AllowInternal)
	client := &http.Client{Timeout: opt.Timeout, Transport: &http.Transport{
		Proxy: nil,
		DialContext: (&net.Dialer{Timeout: opt.Timeout, Control: func(network, address string, _ syscall.RawConn) error {
			return guard(network, address)
		}}).DialContext,
	}, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	defer client.CloseIdleConnections()
	wait := opt.Backoff
	for d.Attempts < opt.Attempts {
		d.Attempts++
		status, err := post(ctx, client, a.Webhook, body)
		d.Status = status
		switch {
		case err == nil && status >= 200 && status < 300:
			d.Error = ""
			return d
		case err != nil:
			d.Error = err.Error()
		default:
			d.Error = fmt.Sprintf("the webhook answered %d %s", status, http.StatusText(status))
		}
		retry := err != nil && !errors.Is(err, errRefused) || status >= 500 || status == http.StatusTooManyRequests
		if !retry || d.Attempts == opt.Attempts {
			break
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			d.Error += " (stopped before the next attempt)"
			return d
		}
		wait *= 2
	}
	return d
}

// errRefused: the address guard refused the webhook's address; trying
// again will not help.
var errRefused = errors.New("refused")

func post(ctx context.Context, client *http.Client, webhook string, body []byte) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, webhook, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", config.DefaultUserAgent)
	resp, err := client.Do(req)
	if err != nil {
		if errors.Is(err, crawler.ErrAddressRefused) {
			return 0, fmt.Errorf("%w: %v (set allow_internal: true on the alert for a webhook on this machine or network)", errRefused, err)
		}
		return 0, err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	return resp.StatusCode, nil
}
