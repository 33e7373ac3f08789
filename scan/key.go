package scan

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// Every key the scanner anchors on holds "rror" followed by one of a few
// bytes: "error_code" (JSON bodies, the Go and Python SDKs), "errorCode"
// (Java) and "error" (the nested body's key, in quotes); a code is found
// from the end of its namespace, a letter followed by '.' and a digit (the
// "l.0" of "iMetal.0230"). No single byte of
// them is rare in real logs ('_' comes about once a line), so rather than
// search for one byte at a time, indexKey tests several positions of a
// 32-byte block at once where the CPU allows (key_amd64.s) and hands the few
// positions that match to the exact checks in step. The same pass looks for
// NUL bytes, so that a file's windows are read once.
//
// Elsewhere (other architectures, amd64 without AVX2, or built with the
// purego tag) indexKeyPortable does the same with the standard library's
// searches, a block at a time, so that neither search runs far past what
// the other finds.

// indexKey returns the index of the first "rror" in b that is followed by
// '_', 'C' or '"', or of the first code candidate (a letter, '.' and a
// digit, or a few more: see isCodeAt), or, if nul is set, of the first NUL
// byte, whichever comes first; -1 if none. It may skip an "rror_" not followed by "cod" and an
// "rror\"" followed by a byte other than a colon or white space: neither is
// a key.
func indexKey(b []byte, nul bool) int {
	j, _ := indexKeyLines(b, nul)
	return j
}

// indexKeyLines is indexKey that also returns the number of newlines in b
// before the index returned (in b, if -1), or -1 if it did not count them:
// the vector search counts them as it goes, for less than a pass of their
// own costs; the portable one leaves them to lines.go.
func indexKeyLines(b []byte, nul bool) (j, nl int) {
	if !useKeyVector {
		return indexKeyPortable(b, nul), -1
	}
	i := 0
	if nb := keyBlocks(b); nb > 0 {
		if j, nl = keyBlocksFind(b, nb, nul); j >= 0 {
			return j, nl
		}
		i = nb * 32
	}
	j = indexKeyPortable(b[i:], nul)
	if j < 0 {
		return -1, nl + bytes.Count(b[i:], newline)
	}
	return i + j, nl + bytes.Count(b[i:i+j], newline)
}

// useKeyVector selects the vector searches (of keys, and lastNL's);
// tests and benchmarks turn it off to run the portable ones.
var useKeyVector = hasKeyVector

// keyBlocks returns how many 32-byte blocks of candidate positions at the
// start of b the vector search may examine; each reads 7 bytes past its end.
func keyBlocks(b []byte) int {
	if len(b) < 32+7 {
		return 0
	}
	return (len(b) - 7) / 32
}

// indexKeyPortable is indexKey without the vector search: NUL bytes are
// looked for with bytes.IndexByte, a block at a time, and keys eight
// positions at a time in 64-bit words, as the vector search does 32 at a
// time. The blocks start small and double, so that neither search runs
// much further than what the other finds.
//
// In a word loaded from b[i+d:], byte j is the byte d past position i+j;
// so a test of 8 positions at once is a few operations on words, and
// leaves the high bit of byte j set if position i+j passed. A word tests
// for "rror" and for '.', as most text has neither; where one is found, the
// bytes around it are tested too, so that only the positions indexKey
// returns pass: no text (a log of "error" words, of timestamps) makes the
// search stop at every few bytes to reject a position.
func indexKeyPortable(b []byte, nul bool) int {
	le := binary.LittleEndian
	for start, n := 0, 256; start < len(b); start, n = start+n, min(2*n, 64<<10) {
		end := min(start+n, len(b))
		z := -1
		if nul {
			if j := bytes.IndexByte(b[start:end], 0); j >= 0 {
				z = start + j
				end = z
			}
		}
		// Keys that start before end; a key's last bytes may lie past it.
		i := start
		for ; i < end && i+15 <= len(b); i += 8 {
			w := b[i : i+15 : i+15]
			// Go's ^ and | bind alike, from the left: parentheses needed.
			w1 := le.Uint64(w[1:])
			x := (le.Uint64(w) ^ 'r'*ones) | (w1 ^ 'r'*ones) |
				(le.Uint64(w[2:]) ^ 'o'*ones) | (le.Uint64(w[3:]) ^ 'r'*ones)
			y := w1 ^ '.'*ones
			// Where x or y has a zero byte, with the short test: it may
			// also mark a byte above a zero, never miss one (as the short
			// test for a byte below 0x21, (w-0x21*ones)&^w, below).
			kx, ky := (x-ones)&^x&his, (y-ones)&^y&his
			if kx|ky == 0 {
				continue
			}
			if kx != 0 {
				// Then 'C' or '_', or '"' and a colon or at most a space,
				// tested short: 'C' and '_' are among the bytes that 0x1c
				// turns into '_'.
				w4, w5 := le.Uint64(w[4:]), le.Uint64(w[5:])
				v, q, d := (w4|0x1c*ones)^'_'*ones, w4^'"'*ones, w5^':'*ones
				if kx &= (v-ones)&^v | (q-ones)&^q&((d-ones)&^d|(w5-0x21*ones)&^w5); kx != 0 {
					// 'C'; '_' and 'd' three bytes on ("rror_cod"); '"'
					// and a colon or at most a space: short, then exact.
					c, u := w4^'C'*ones, (w4^'_'*ones)|(le.Uint64(w[7:])^'d'*ones)
					if kx &= (c-ones)&^c | (u-ones)&^u | (q-ones)&^q; kx != 0 {
						// A colon then '"' is a string value: no key.
						colon := zeros(d) &^ zeros(le.Uint64(w[6:])^'"'*ones)
						kx = zeros(x) & (zeros(c) | zeros(u) | zeros(q)&(above(w5, ' ')^ascii7(w5)|colon))
					}
				}
			}
			if ky != 0 {
				// A letter before the '.' and a digit (or '#' to '/') after it.
				w2 := le.Uint64(w[2:])
				kx |= zeros(y) & above(le.Uint64(w), ':') & above(w2, '"') &^ above(w2, '9')
			}
			if kx != 0 {
				if j := i + bits.TrailingZeros64(kx)/8; j < end {
					return j
				}
				i = end // the rest of the block passed
				break
			}
		}
		for ; i < end; i++ {
			if (hasAt(b, i, "rror") && isKeyAt(b, i)) || isCodeAt(b, i) {
				return i
			}
		}
		if z >= 0 {
			return z
		}
	}
	return -1
}

// Words of one byte repeated.
const (
	lo7s = 0x7f7f7f7f7f7f7f7f
	his  = 0x8080808080808080
	ones = 0x0101010101010101
)

// zeros sets the high bit of each byte of the result whose byte in x is
// zero, and no other bit.
func zeros(x uint64) uint64 { return ^(x&lo7s + lo7s | x) & his }

// above sets the high bit of each byte of the result whose byte in x is
// above c and below 0x80, and no other bit; c must be below 0x80. The sum
// of a byte's low 7 bits and 0x7f-c stays within the byte.
func above(x uint64, c byte) uint64 { return (x&lo7s + uint64(0x7f-c)*ones) &^ x & his }

// ascii7 sets the high bit of each byte of the result whose byte in x is
// below 0x80, and no other bit.
func ascii7(x uint64) uint64 { return ^x & his }

// isCodeAt reports whether b[i:] may be the end of a code's namespace: a
// byte above ':' and below 0x80 (a letter), '.', and a byte from '#' to '9'
// (a digit). The vector search tests this superset with signed compares
// against constants it holds anyway; step narrows it.
func isCodeAt(b []byte, i int) bool {
	return i+2 < len(b) && b[i] > ':' && b[i] < 0x80 && b[i+1] == '.' && b[i+2] > '"' && b[i+2] <= '9'
}

// isKeyAt reports whether the "rror" at b[i:] is followed by what indexKey
// returns: 'C', '_' then "cod", or '"' then white space, or a colon not
// followed by '"' (the "error":"..." of a string value, most of the "error"
// keys of logs, can be no body's key). Past the end of b, it assumes that
// what is missing would match.
func isKeyAt(b []byte, i int) bool {
	if i+4 >= len(b) {
		return false
	}
	switch b[i+4] {
	case 'C':
		return true
	case '_':
		return i+7 >= len(b) || b[i+7] == 'd'
	case '"':
		return i+5 >= len(b) || b[i+5] <= ' ' || b[i+5] == ':' && (i+6 >= len(b) || b[i+6] != '"')
	}
	return false
}
