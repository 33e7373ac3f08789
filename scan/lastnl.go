package scan

import (
	"encoding/binary"
	"math/bits"
)

// lastNL returns the index of the last '\n' in b, or -1. The standard
// library's bytes.LastIndexByte looks at one byte at a time; a line start is
// looked for at every JSON key and at the first key candidate of each line,
// and lines run to hundreds of bytes. Where the vector key search runs, so
// does a vector search for the newline, 32 bytes at a time
// (lastnl_amd64.s); elsewhere words of 8.
func lastNL(b []byte) int {
	if useKeyVector && len(b) >= 32 {
		return lastNLVec(b)
	}
	return lastNLWords(b)
}

// lastNLWords is lastNL 8 bytes at a time.
func lastNLWords(b []byte) int {
	const (
		nl = '\n' * 0x0101010101010101
		m  = 0x7f7f7f7f7f7f7f7f
	)
	i := len(b)
	for i >= 8 {
		x := binary.LittleEndian.Uint64(b[i-8:]) ^ nl
		// The high bit of each byte of z is set iff that byte of x is zero.
		if z := ^((x&m + m) | x | m); z != 0 {
			return i - 8 + (63-bits.LeadingZeros64(z))/8
		}
		i -= 8
	}
	for i > 0 {
		i--
		if b[i] == '\n' {
			return i
		}
	}
	return -1
}

// lineEnd returns the index of the first '\n' in b, or len(b) if there is
// none, and the index of the first '>' or '|' before it (end if none), if
// no byte before it is ESC or above 0x7f (so that the line holds no escape
// sequence, nor any byte of a box's mark); else -1, -1. The vector search
// does this in one pass where a line is checked for escapes at its first
// key; elsewhere it reports -1 and the caller takes the long way.
func lineEnd(b []byte) (end, mark int) {
	if useKeyVector && len(b) >= 32 {
		if end, mark, plain := lineEndVec(b); plain {
			return end, mark
		}
	}
	return -1, -1
}
