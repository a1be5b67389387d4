package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"
)

// startMemProfile writes a heap profile to path whenever the heap in use
// reaches a new peak (checked every second) and once more at the end, so
// the file shows what was live at the command's largest, not after it
// freed everything. stop writes the last one if it is the largest.
func startMemProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("memory profile: %w", err)
	}
	f.Close()
	var peak uint64
	write := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse <= peak {
			return
		}
		peak = ms.HeapInuse
		if f, err := os.Create(path); err == nil {
			pprof.Lookup("heap").WriteTo(f, 0)
			f.Close()
		}
		// Beside it, what the runtime holds besides the heap in use.
		os.WriteFile(path+".txt", fmt.Appendf(nil, "heap in use %d\nheap idle %d\nheap released %d\nstacks %d\ngoroutines %d\nother sys %d\nsys %d\nnext gc %d\n",
			ms.HeapInuse, ms.HeapIdle, ms.HeapReleased, ms.StackInuse, runtime.NumGoroutine(), ms.OtherSys+ms.MSpanSys+ms.MCacheSys+ms.BuckHashSys+ms.GCSys, ms.Sys, ms.NextGC), 0o644)
	}
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				write()
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		write()
	}, nil
}
