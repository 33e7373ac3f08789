package scan

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// lastStampForward is lastStamp as first written, walking forward line by
// line from where the last search stopped: the reference for lastStamp,
// which walks back from the finding.
func (s *Scanner) lastStampForward(o int64) int64 {
	i := int(o - s.base)
	if i < 0 || i > s.end || o < s.stampAt {
		return o
	}
	b := s.buf[:s.end]
	from, line := max(0, i-mergeLook), int64(-1)
	if s.stampAt >= s.base+int64(from) {
		from, line = int(s.stampAt-s.base), s.stampLine
	} else if from == 0 && s.base == 0 && stamped(b, 0, i) {
		line = 0
	}
	for j := from; ; {
		k := bytes.IndexByte(b[j:i], '\n')
		if k < 0 {
			break
		}
		j += k + 1
		if stamped(b, j, i) {
			line = s.base + int64(j)
		}
	}
	s.stampAt, s.stampLine = o, line
	return line
}

// stampText returns random lines, some of them starting (after blanks and
// '[') with a digit, some long enough that the last stamp is more than
// mergeLook bytes back.
func stampText(rng *rand.Rand, n int) []byte {
	var b []byte
	for len(b) < n {
		for range rng.IntN(3) {
			b = append(b, " \t["[rng.IntN(3)])
		}
		if rng.IntN(3) == 0 {
			b = append(b, byte('0'+rng.IntN(10)))
		}
		ln := rng.IntN(40)
		if rng.IntN(50) == 0 {
			ln = rng.IntN(3 * mergeLook)
		}
		for range ln {
			b = append(b, "ab 1[\n{"[rng.IntN(7)])
		}
		b = append(b, '\n')
	}
	return b
}

// TestLastStamp compares lastStamp with the forward walk it replaced, on
// random text with stamps, a buffer at an input offset, and offsets that
// mostly increase (as findings come) but sometimes go back.
func TestLastStamp(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 13))
	for round := range 300 {
		text := stampText(rng, 1+rng.IntN(5*mergeLook))
		var base int64
		if round%3 == 1 {
			base = int64(rng.IntN(1000))
		}
		a := &Scanner{buf: text, end: len(text), base: base}
		a.init()
		b := &Scanner{buf: text, end: len(text), base: base}
		b.init()
		o := base
		for range 1 + rng.IntN(200) {
			switch rng.IntN(10) {
			case 0:
				o -= int64(rng.IntN(200)) // a finding before the last one
			case 1:
				o += int64(rng.IntN(4 * mergeLook))
			default:
				o += int64(rng.IntN(300))
			}
			if rng.IntN(20) == 0 && len(text) > 0 {
				// The offset of a line's start, or of the byte after it.
				if k := bytes.IndexByte(text[min(max(0, int(o-base)), len(text)):], '\n'); k >= 0 {
					o += int64(k + 1 + rng.IntN(2))
				}
			}
			o = max(o, base-2)
			got, want := a.lastStamp(o), b.lastStampForward(o)
			if got != want {
				t.Fatalf("round %d: lastStamp(%d) = %d, the forward walk %d (base %d, %d bytes)", round, o, got, want, base, len(text))
			}
			if a.stampAt != b.stampAt || a.stampLine != b.stampLine {
				t.Fatalf("round %d: cache (%d, %d), the forward walk's (%d, %d)", round, a.stampAt, a.stampLine, b.stampAt, b.stampLine)
			}
			if o > base+int64(len(text)) {
				break
			}
		}
	}
}
