package scan

import "bytes"

// Every key the scanner anchors on holds "rror" followed by one of a few
// bytes: "error_code" (JSON bodies, the Go and Python SDKs), "errorCode"
// (Java) and "error" (the nested body's key, in quotes). No single byte of
// them is rare in real logs ('_' comes about once a line), so rather than
// search for one byte at a time, indexKey tests several positions of a
// 32-byte block at once where the CPU allows (key_amd64.s) and hands the few
// positions that match to the exact checks in step. The same pass looks for
// NUL bytes, so that mapped input is read once.

// indexKey returns the index of the first "rror" in b that is followed by
// '_', 'C' or '"', or, if nul is set, of the first NUL byte, whichever comes
// first; -1 if none. It may skip an "rror_" not followed by "cod" and an
// "rror\"" followed by a byte other than a colon or white space: neither is
// a key.
func indexKey(b []byte, nul bool) int {
	i := 0
	if nb := keyBlocks(b); nb > 0 {
		if j := keyBlocksFind(b, nb, nul); j >= 0 {
			return j
		}
		i = nb * 32
	}
	end, z := len(b), -1
	if nul {
		if j := bytes.IndexByte(b[i:], 0); j >= 0 {
			end, z = i+j, i+j
		}
	}
	for i+5 <= end {
		j := bytes.Index(b[i:end], []byte("rror"))
		if j < 0 || i+j+5 > end {
			break
		}
		i += j
		switch b[i+4] {
		case '_':
			if i+7 >= len(b) || b[i+7] == 'd' {
				return i
			}
		case 'C', '"':
			return i
		}
		i++
	}
	return z
}

// keyBlocks returns how many 32-byte blocks of candidate positions at the
// start of b the vector search may examine; each reads 7 bytes past its end.
func keyBlocks(b []byte) int {
	if !hasKeyVector || len(b) < 32+7 {
		return 0
	}
	return (len(b) - 7) / 32
}
