package scan

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// decodeByBytes is decode one byte at a time, as it was written before it
// copied runs of plain bytes whole.
func decodeByBytes(raw []byte) []byte {
	var out []byte
	for i := 0; i < len(raw); {
		c := raw[i]
		if c != '\\' || i+1 >= len(raw) {
			out = append(out, c)
			i++
			continue
		}
		switch e := raw[i+1]; e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, n := unicodeEscape(raw[i:])
			if n == 0 {
				out = append(out, raw[i:i+2]...)
				break
			}
			out = utf8.AppendRune(out, r)
			i += n
			continue
		default:
			out = append(out, raw[i:i+2]...)
		}
		i += 2
	}
	return out
}

// TestDecodeRuns checks decode against the byte loop on random strings
// made of escapes, broken escapes and plain runs.
func TestDecodeRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	parts := []string{`\"`, `\\`, `\/`, `\b`, `\n`, `\t`, `\u00e9`, `\ud83d\ude00`, `\ud83d`, `\u12`, `\x`, `\`, "plain", "a", " [i-1, i-2]", "é"}
	for range 5000 {
		var b bytes.Buffer
		for range rng.IntN(8) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		raw := b.Bytes()
		s := &Scanner{buf: raw, end: len(raw)}
		got := s.decode(span{a: 0, b: len(raw), esc: true})
		if want := decodeByBytes(raw); !bytes.Equal(got, want) {
			t.Fatalf("decode(%q) = %q, want %q", raw, got, want)
		}
	}
}
