package scan

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

func TestLastNL(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte("\n\x0a\x0b\x09\x00\x01\x80\xff\x8ax")
	for range 20000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		if got, want := lastNL(b), bytes.LastIndexByte(b, '\n'); got != want {
			t.Fatalf("lastNL(%q) = %d, want %d", b, got, want)
		}
	}
}
