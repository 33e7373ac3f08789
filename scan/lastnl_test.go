package scan

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

func TestLastNL(t *testing.T) {
	keyPaths(t, func(t testing.TB, path string) {
		rng := rand.New(rand.NewPCG(3, 4))
		alphabets := [][]byte{
			[]byte("\n\x0a\x0b\x09\x00\x01\x80\xff\x8ax"),
			// Few newlines or none, over the vector search's blocks and
			// its first, partial one.
			[]byte("\n\x0b\x09\x00\x80\xffxxxxxxxxxxxxxxxxxxxxxxxxxx"),
			[]byte("\x0b\x09\x00\x80\xffx"),
		}
		for n := range 30000 {
			alphabet := alphabets[n%3]
			b := make([]byte, rng.IntN(40+n%3*80))
			for i := range b {
				b[i] = alphabet[rng.IntN(len(alphabet))]
			}
			if got, want := lastNL(b), bytes.LastIndexByte(b, '\n'); got != want {
				t.Fatalf("%s: lastNL(%q) = %d, want %d", path, b, got, want)
			}
		}
	})
}
