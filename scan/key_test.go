package scan

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// keyPaths runs f with each key search this build and CPU have: the vector
// one, where there is one, and the portable one.
func keyPaths(t testing.TB, f func(t testing.TB, path string)) {
	defer func(v bool) { useKeyVector = v }(useKeyVector)
	if hasKeyVector {
		useKeyVector = true
		f(t, "vector")
	}
	useKeyVector = false
	f(t, "portable")
}

// TestIndexKey checks each key search against the definition: every key,
// code candidate and NUL byte is returned, and nothing but "rror" followed
// by '_', 'C' or '"' (not '":"'), a letter followed by '.' and a digit, or
// a NUL byte.
func TestIndexKey(t *testing.T) {
	keyPaths(t, func(t testing.TB, path string) {
		rng := rand.New(rand.NewPCG(1, 9))
		pieces := []string{"rror", "e", "r", "_", "_code", "_cod", "C", "Code", `"`, ":", " ", "\t", "\n", "\x00", "x", "error", `"error"`, `"error":`, `"error":"`, "error_count", "\x1f", "!", ".", "0", "l", "9", "Z", "l.0", "#", "/", "[", "\x80", "\xff", "@", "`", "~"}
		for range 20000 {
			var b strings.Builder
			for range rng.IntN(80) {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			in := []byte(b.String())
			nul := rng.IntN(2) == 0
			got := keyPositions(in, nul)
			for i := range in {
				code := i+2 < len(in) && in[i] > ':' && in[i] < 0x80 && in[i+1] == '.' && in[i+2] > '"' && in[i+2] <= '9'
				if c := i+2 < len(in) && isLetter(in[i]) && in[i+1] == '.' && isDigit(in[i+2]); c && !code {
					t.Fatalf("isCodeAt misses the code at %d of %q", i, in)
				}
				// "error" followed by a colon and a quote is a string value,
				// never a key: the search must skip it.
				str := hasAt(in, i, `rror":"`)
				must := (nul && in[i] == 0) || hasAt(in, i, "rror_cod") || hasAt(in, i, "rrorC") || code ||
					(hasAt(in, i, `rror"`) && (i+5 < len(in) && isSpace(in[i+5]) || i+6 < len(in) && in[i+5] == ':' && !str))
				may := (nul && in[i] == 0) || hasAt(in, i, "rror_") || hasAt(in, i, "rrorC") || hasAt(in, i, `rror"`) && !str || code
				if has := slices.Contains(got, i); (must && !has) || (has && !may) {
					t.Fatalf("%s: indexKey(%q, %v): positions %v; %d is a key: %v", path, in, nul, got, i, must)
				}
			}
		}
	})
}

// keyPositions returns every position indexKey stops at in in.
func keyPositions(in []byte, nul bool) []int {
	var got []int
	for i := 0; i < len(in); {
		j := indexKey(in[i:], nul)
		if j < 0 {
			break
		}
		got = append(got, i+j)
		i += j + 1
	}
	return got
}

// TestIndexKeyPaths checks that the vector and portable searches stop at
// the same positions, also over inputs longer than a search block, with
// keys and NUL bytes at the blocks' edges.
func TestIndexKeyPaths(t *testing.T) {
	if !hasKeyVector {
		t.Skip("no vector search in this build or on this CPU")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"rror_code", "errorCode", `"error": `, `"error",`, `"error":"EOF"`, `"error":{`, "rror_count", "\x00", "x", "rr", "or", "\n", strings.Repeat("y", 1000),
		"iMetal.0230", "v1.2", "a.", ".5", "Z.9", "].#", "\x80.5", "~./", ";.:"}
	defer func(v bool) { useKeyVector = v }(useKeyVector)
	for n := range 300 {
		var b bytes.Buffer
		for size := rng.IntN(3 * (64 << 10)); b.Len() < size; {
			if rng.IntN(4) == 0 {
				b.WriteString(strings.Repeat("z", rng.IntN((64 << 10))))
			}
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		in := b.Bytes()
		nul := n%2 == 0
		useKeyVector = true
		want := keyPositions(in, nul)
		checkKeyLines(t, in, nul)
		useKeyVector = false
		if got := keyPositions(in, nul); !slices.Equal(got, want) {
			t.Fatalf("input %d (%d bytes, nul %v): portable %v, vector %v", n, len(in), nul, got, want)
		}
	}
}

// checkKeyLines checks the newlines the key search counts on the way to
// each position it stops at in in.
func checkKeyLines(t *testing.T, in []byte, nul bool) {
	t.Helper()
	for i := 0; i < len(in); {
		j, nl := indexKeyLines(in[i:], nul)
		want := bytes.Count(in[i:], []byte("\n"))
		if j >= 0 {
			want = bytes.Count(in[i:i+j], []byte("\n"))
		}
		if nl != want {
			t.Fatalf("indexKeyLines(in[%d:]) of %d bytes: %d, %d newlines, want %d", i, len(in), j, nl, want)
		}
		if j < 0 {
			break
		}
		i += j + 1
	}
}

// TestStringAfterKey checks step's quick test of a key followed by a string
// against nestedKeyAt, which it spares: where it holds, no nested body's key
// may stand.
func TestStringAfterKey(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 30))
	alphabet := []byte(`":{ x` + "\t\n")
	var quick, nested int
	for range 100000 {
		b := []byte(`"error"`)
		for range rng.IntN(6) {
			b = append(b, alphabet[rng.IntN(len(alphabet))])
		}
		p := 2 // the "rror"
		if stringAfterKey(b, p) {
			quick++
			if nestedKeyAt(b, p) {
				t.Fatalf("%q: taken for a string value, but a nested body's key", b)
			}
		}
		if nestedKeyAt(b, p) {
			nested++
		}
	}
	if quick == 0 || nested == 0 {
		t.Errorf("%d string values, %d nested keys: both should be seen", quick, nested)
	}
}
