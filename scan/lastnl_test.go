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

// TestLineEnd checks lineEnd against its definition: the first newline, or
// the end, of a line without ESC or bytes above 0x7f before it, and the
// first '>' or '|' before that; -1 for any other line, always from the
// portable path.
func TestLineEnd(t *testing.T) {
	keyPaths(t, func(t testing.TB, path string) {
		rng := rand.New(rand.NewPCG(5, 6))
		alphabets := [][]byte{
			[]byte("\nx\x1b\x7f\x80\xff\x9b\xe2 >|"),
			[]byte("\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx>|"),
			[]byte("\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\x1b\xe2"),
			[]byte("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n\x80"),
			[]byte("x\x7f\x01"),
			[]byte("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx|"),
		}
		for n := range 40000 {
			alphabet := alphabets[n%len(alphabets)]
			b := make([]byte, rng.IntN(200))
			for i := range b {
				b[i] = alphabet[rng.IntN(len(alphabet))]
			}
			end := bytes.IndexByte(b, '\n')
			if end < 0 {
				end = len(b)
			}
			plain := bytes.IndexByte(b[:end], 0x1b) < 0 && ascii(b[:end])
			mark := bytes.IndexAny(b[:end], ">|")
			if mark < 0 {
				mark = end
			}
			got, gotMark := lineEnd(b)
			switch {
			case got >= 0 && (!plain || got != end || gotMark != mark):
				t.Fatalf("%s: lineEnd(%q) = %d, %d; end %d, mark %d, plain %v", path, b, got, gotMark, end, mark, plain)
			case got < 0 && (gotMark != -1 || plain && path == "vector" && len(b) >= 32):
				t.Fatalf("%s: lineEnd(%q) = %d, %d for a line ending at %d, plain %v", path, b, got, gotMark, end, plain)
			}
		}
	})
}
