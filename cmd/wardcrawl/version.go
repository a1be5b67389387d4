package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/wardcrawl/wardcrawl"
)

// buildInfo is what the binary knows of itself: wardcrawl's version, the
// module version it was built as (go install …@v1.2.3), and the VCS
// revision, time and state of a build from a checkout.
type buildInfo struct {
	Version   string `json:"version"`
	Module    string `json:"module_version,omitempty"`
	Revision  string `json:"vcs_revision,omitempty"`
	Time      string `json:"vcs_time,omitempty"`
	Modified  bool   `json:"vcs_modified,omitempty"`
	GoVersion string `json:"go_version"`
}

func readBuildInfo() buildInfo {
	b := buildInfo{Version: wardcrawl.Version, GoVersion: runtime.Version()}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		b.Module = v
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.time":
			b.Time = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

func (b buildInfo) String() string {
	s := "wardcrawl " + b.Version
	if b.Module != "" {
		s += " (module " + b.Module + ")"
	}
	if b.Revision != "" {
		s += ", revision " + b.Revision
		if b.Time != "" {
			s += " of " + b.Time
		}
		if b.Modified {
			s += " with local changes"
		}
	}
	return s + ", built with " + b.GoVersion
}

func versionCmd(stdout io.Writer) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "version",
		Short: "Print wardcrawl's version, the module version and the VCS revision it was built from",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			b := readBuildInfo()
			if asJSON {
				return printJSON(stdout, b)
			}
			_, err := fmt.Fprintln(stdout, b)
			return err
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return c
}
