// Package wardcrawl holds what is bundled into the wardcrawl binary: the
// default configuration and the version.
package wardcrawl

import _ "embed"

// DefaultConfig is the bundled config.yaml.
//
//go:embed config.yaml
var DefaultConfig []byte

// Version is wardcrawl's version.
const Version = "0.1.0"
