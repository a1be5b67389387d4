package storage

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The writer never checkpoints (a checkpoint in a commit stalls every
// write); the checkpointer copies the WAL into the database in the
// background while writes go on, and the WAL is truncated at Close.
func TestCheckpointerKeepsCheckpointsOffTheWriter(t *testing.T) {
	defer func(d time.Duration) { checkpointEvery = d }(checkpointEvery)
	checkpointEvery = 20 * time.Millisecond
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var auto int
	if err := s.db.QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&auto); err != nil || auto != 0 {
		t.Fatalf("the writer's wal_autocheckpoint is %d (%v), want 0", auto, err)
	}
	for b := range 20 {
		var batch []Article
		for i := range 100 {
			batch = append(batch, Article{ContentHash: fmt.Sprint("h", b, "-", i), Site: "a", URL: fmt.Sprint("http://a/", b, "/", i), Title: "Tiêu đề", Text: fmt.Sprint("Nội dung bài số ", b, " ", i), SeenAt: t0})
		}
		if err := s.ImportArticles(ctx, batch); err != nil {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	deadline := time.Now().Add(5 * time.Second)
	for s.ckpt.runs.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if s.ckpt.runs.Load() == 0 {
		t.Fatal("the checkpointer never copied the WAL")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() != 0 {
		t.Errorf("the WAL is %d bytes after Close, want truncated", fi.Size())
	}
	s, err = Open(ctx, path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if st, _ := s.Stats(ctx); st.Articles != 2000 {
		t.Errorf("%d articles after reopening", st.Articles)
	}
}
