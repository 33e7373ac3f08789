//go:build !amd64 || purego

package scan

// Without the vector runs, strRun, structRun and braceRun read words of 8.

func strRunVec(b []byte) int    { panic("scan: no vector runs") }
func structRunVec(b []byte) int { panic("scan: no vector runs") }
func braceRunVec(b []byte) int  { panic("scan: no vector runs") }
