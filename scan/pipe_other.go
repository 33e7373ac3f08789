//go:build !linux

package scan

import "io"

// ringMemory returns size+win bytes for a stream's ring, whose last win
// bytes the ring copies from its first ones (not mirrored); free gives them
// up.
func ringMemory(size, win int) (b []byte, mirrored bool, free func()) {
	return make([]byte, size+win), false, func() {}
}

// GrowPipe enlarges the kernel buffer of the pipe r is, if it is one, where
// the system allows it; here it does not.
func GrowPipe(r io.Reader) {}
