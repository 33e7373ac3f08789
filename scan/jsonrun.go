package scan

import (
	"encoding/binary"
	"math/bits"
)

// The tokenizer and the parser spend most of their time running over plain
// bytes: a string's contents, or the text between structural bytes. These
// runs are read eight bytes at a time (SWAR: a word's bytes are compared
// with a byte repeated in every lane, and a lane that holds it becomes a
// zero byte, which (x-ones)&^x&his flags; key.go's zeros flags
// exactly, at a cost of one operation more). The lowest flagged lane of
// such a mask is always a true match, whatever borrows do to the lanes
// above it; so is the lowest of several masks or'ed together. Each run
// stops at exactly the byte the byte-at-a-time loops over strStop and
// structB would stop at.

// useRunVector selects the vector runs (jsonrun_amd64.s), which read 32
// bytes at a time, before words of 8 for the last 31 bytes or fewer.
var useRunVector = hasKeyVector

// zeroLanes flags, in its lowest set bit, the first zero byte of x.
func zeroLanes(x uint64) uint64 { return (x - ones) &^ x & his }

// lowLanes flags, in its lowest set bit, the first byte of x below 0x20 (a
// control character: '\n', NUL and the rarer others).
func lowLanes(x uint64) uint64 { return (x - ones*0x20) &^ x & his }

// strRun returns the index of the first byte at or after i in b that ends a
// run of plain string bytes ('"', '\\', '\n' or NUL: strStop), or len(b).
// Another control character stops the word's search, and it goes on after
// it.
func strRun(b []byte, i int) int {
	for useRunVector && len(b)-i >= 32 {
		w := b[i:]
		j := strRunVec(w)
		if j == len(w)&^31 {
			i += j
			break
		}
		if i += j; strStop[b[i]] {
			return i
		}
		i++
	}
	for i+8 <= len(b) {
		x := binary.LittleEndian.Uint64(b[i:])
		m := zeroLanes(x^(ones*'"')) | zeroLanes(x^(ones*'\\')) | lowLanes(x)
		if m == 0 {
			i += 8
			continue
		}
		if i += bits.TrailingZeros64(m) >> 3; strStop[b[i]] {
			return i
		}
		i++
	}
	for i < len(b) && !strStop[b[i]] {
		i++
	}
	return i
}

// structRun returns the index of the first byte at or after i in b that may
// change the tokenizer's state outside strings ('"', '{', '}', '[' or ']':
// structB), or len(b). A byte or'ed with 0x20 is '{' only if it was '{' or
// '[', and '}' only if it was '}' or ']'.
func structRun(b []byte, i int) int {
	if useRunVector && len(b)-i >= 32 {
		w := b[i:]
		j := structRunVec(w)
		if i += j; j < len(w)&^31 {
			return i
		}
	}
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		y := x | ones*0x20
		if m := zeroLanes(x^(ones*'"')) | zeroLanes(y^(ones*'{')) | zeroLanes(y^(ones*'}')); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for i < len(b) && !structB[b[i]] {
		i++
	}
	return i
}

// braceRun returns the index of the first byte at or after i in b that
// pyAnchor's search for a closing brace acts on ('{', '}', '\n' or NUL:
// braceStops), or len(b).
func braceRun(b []byte, i int) int {
	for useRunVector && len(b)-i >= 32 {
		w := b[i:]
		j := braceRunVec(w)
		if j == len(w)&^31 {
			i += j
			break
		}
		if i += j; braceStops[b[i]] {
			return i
		}
		i++
	}
	for i+8 <= len(b) {
		x := binary.LittleEndian.Uint64(b[i:])
		m := zeroLanes(x^(ones*'{')) | zeroLanes(x^(ones*'}')) | lowLanes(x)
		if m == 0 {
			i += 8
			continue
		}
		if i += bits.TrailingZeros64(m) >> 3; braceStops[b[i]] {
			return i
		}
		i++
	}
	for i < len(b) && !braceStops[b[i]] {
		i++
	}
	return i
}
