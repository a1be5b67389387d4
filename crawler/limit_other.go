//go:build !unix

package crawler

// raiseFileLimit: no open-file limit to read here.
func raiseFileLimit() uint64 { return 0 }
