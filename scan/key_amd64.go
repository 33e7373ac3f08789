//go:build !purego

package scan

// keyBlocksFind returns the index of the first candidate key (or NUL byte,
// if nul) among the first nb*32 positions of b, or -1, and the number of
// newlines before it (or in those positions); b must hold nb*32+7 bytes.
// It needs AVX2 and POPCNT.
//
//go:noescape
func keyBlocksFind(b []byte, nb int, nul bool) (i, nl int)

// hasAVX2 reports whether the CPU and the OS support AVX2, and the CPU
// POPCNT.
func hasAVX2() bool

var hasKeyVector = hasAVX2()
