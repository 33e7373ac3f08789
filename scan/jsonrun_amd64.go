//go:build !purego

package scan

// strRunVec, structRunVec and braceRunVec look at b 32 bytes at a time, with
// AVX2, for the bytes strRun, structRun and braceRun stop at (strRunVec and
// braceRunVec at any control byte, which the caller then checks). Each
// returns the index of the first such byte in b's whole blocks of 32, or, if
// there is none, the length of those blocks (len(b) rounded down to 32).
// They need AVX2 (hasKeyVector).

//go:noescape
func strRunVec(b []byte) int

//go:noescape
func structRunVec(b []byte) int

//go:noescape
func braceRunVec(b []byte) int
