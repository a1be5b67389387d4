package main

import (
	"fmt"
	"os"
	"os/signal"

	"github.com/wardcrawl/wardcrawl/internal/sampleportal"
)

func main() {
	ps, err := sampleportal.StartAt("127.0.0.1", []int{19081, 19082, 19083})
	if err != nil {
		panic(err)
	}
	for _, p := range ps {
		fmt.Println(p.Name, p.URL)
	}
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt)
	<-c
}
