// Command gen writes the labelled extraction corpus:
//
//	go run ./internal/corpus/gen -out testdata/pages
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/wardcrawl/wardcrawl/internal/corpus"
)

func main() {
	out := flag.String("out", "testdata/pages", "directory to write the corpus into")
	flag.Parse()
	if err := corpus.Write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
