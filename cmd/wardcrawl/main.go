// Command wardcrawl crawls Vietnamese ward, commune and district portals,
// keeps the clean text of every article once, and exports it.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	var got os.Signal
	go func() {
		got = <-sigs
		cancel()
		signal.Stop(sigs) // a second signal kills at once
	}()
	err := Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "wardcrawl:", err)
	}
	code := exitCode(err)
	if errors.Is(err, context.Canceled) || errors.Is(err, errInterrupted) {
		code = 130
		if got == syscall.SIGTERM {
			code = 143
		}
	}
	os.Exit(code)
}
