package scan

import (
	"math/rand/v2"
	"testing"
)

// runByBytes is the byte-at-a-time loop a run replaces.
func runByBytes(b []byte, i int, stop *[256]bool) int {
	for i < len(b) && !stop[b[i]] {
		i++
	}
	return i
}

// checkRuns checks that strRun, structRun and braceRun stop where the byte
// loops over strStop, structB and braceStops do, strEnd and skipInert where
// the loops over their stops do, from every start in b, with
// the vector runs (where the CPU has them) and without.
func checkRuns(t *testing.T, b []byte) {
	t.Helper()
	defer func(v bool) { useRunVector = v }(useRunVector)
	for _, vec := range []bool{false, true} {
		if vec && !hasKeyVector {
			continue
		}
		useRunVector = vec
		checkRunsFrom(t, b)
	}
}

func checkRunsFrom(t *testing.T, b []byte) {
	t.Helper()
	for i := 0; i <= len(b); i++ {
		if got, want := strRun(b, i), runByBytes(b, i, &strStop); got != want {
			t.Fatalf("strRun(%q, %d) = %d, want %d", b, i, got, want)
		}
		if got, want := structRun(b, i), runByBytes(b, i, &structB); got != want {
			t.Fatalf("structRun(%q, %d) = %d, want %d", b, i, got, want)
		}
		if got, want := braceRun(b, i), runByBytes(b, i, &braceStops); got != want {
			t.Fatalf("braceRun(%q, %d) = %d, want %d", b, i, got, want)
		}
		for q, stop := range strEndStops {
			if got, want := strEnd(b, i, len(b), q), runByBytes(b, i, stop); got != want {
				t.Fatalf("strEnd(%q, %d, %q) = %d, want %d", b, i, q, got, want)
			}
		}
		for _, stop := range []*[256]bool{&looseStops, &looseStopsDot} {
			if got, want := skipInert(b, i, stop), runByBytes(b, i, stop); got != want {
				t.Fatalf("skipInert(%q, %d) = %d, want %d", b, i, got, want)
			}
		}
	}
}

// strEndStops are the bytes strEnd stops at, by quote: the quote, '\n', NUL
// and a backslash.
var strEndStops = func() map[byte]*[256]bool {
	m := map[byte]*[256]bool{}
	for _, q := range []byte("\"'`") {
		t := new([256]bool)
		for _, c := range []byte{q, '\n', 0, '\\'} {
			t[c] = true
		}
		m[q] = t
	}
	return m
}()

// TestRuns checks the word-at-a-time runs against the byte loops on random
// texts in which stops are frequent, rare or absent, of every length around
// a word's, and with every byte value next to the ones a run must tell apart
// (0x20 apart, one apart, and the high bit set).
func TestRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	near := []byte{'"', '\\', '\n', 0, '\t', '\r', 0x1f, 0x20, '{', '}', '[', ']', 0x02, 0x7a, 0x7c, 0x7e, 0x5a, 0x5c, 0x5e, 0x3b, 0x3d, 0x2a, 0x22 | 0x80, 0xdc, 0x8a, 0x80, 0xfb, 0xfd, 0xff, 0x01, 0x21, 0x23, 'a', ' ', '\'', '`', 0x07, 0x40, 0xa7, 0xe0, ':', '=', '(', ')', '.'}
	for n := range 3000 {
		b := make([]byte, rng.IntN([]int{40, 100, 300}[n%3]))
		for j := range b {
			switch {
			case n%3 == 0 && rng.IntN(4) == 0, n%3 == 1 && rng.IntN(30) == 0:
				b[j] = near[rng.IntN(len(near))]
			case n%3 == 2:
				b[j] = byte(rng.IntN(256))
			default:
				b[j] = "abcdefgh :,0123"[rng.IntN(15)]
			}
		}
		checkRuns(t, b)
	}
	for c := range 256 {
		for at := range 41 {
			b := make([]byte, 41)
			for j := range b {
				b[j] = 'x'
			}
			b[at] = byte(c)
			checkRuns(t, b)
		}
	}
}

// FuzzRuns checks the runs against the byte loops on any text.
func FuzzRuns(f *testing.F) {
	for _, in := range seedInputs() {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkRuns(t, b[:min(len(b), 4096)])
	})
}
