//go:build !unix

package bench

// selfCPU is not measured where getrusage is missing.
func selfCPU() float64 { return 0 }
