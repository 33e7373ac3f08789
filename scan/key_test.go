package scan

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestIndexKey checks the vector search against the definition: every key
// and NUL byte is returned, and nothing but "rror" followed by '_', 'C' or
// '"', or a NUL byte.
func TestIndexKey(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 9))
	pieces := []string{"rror", "e", "r", "_", "_code", "_cod", "C", "Code", `"`, ":", " ", "\t", "\n", "\x00", "x", "error", `"error"`, `"error":`, "error_count", "\x1f", "!"}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(80) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		in := []byte(b.String())
		nul := rng.IntN(2) == 0
		var got []int
		for i := 0; i < len(in); {
			j := indexKey(in[i:], nul)
			if j < 0 {
				break
			}
			got = append(got, i+j)
			i += j + 1
		}
		for i := range in {
			must := (nul && in[i] == 0) || hasAt(in, i, "rror_cod") || hasAt(in, i, "rrorC") ||
				(hasAt(in, i, `rror"`) && i+5 < len(in) && (in[i+5] == ':' || isSpace(in[i+5])))
			may := (nul && in[i] == 0) || hasAt(in, i, "rror_") || hasAt(in, i, "rrorC") || hasAt(in, i, `rror"`)
			if has := slices.Contains(got, i); (must && !has) || (has && !may) {
				t.Fatalf("indexKey(%q, %v): positions %v; %d is a key: %v", in, nul, got, i, must)
			}
		}
	}
}
