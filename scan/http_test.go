package scan

import (
	"strings"
	"testing"
)

// TestTokenByte checks tokenByte, byte by byte, against RFC 9110's tchar
// as header names were checked before it: a letter, a digit or one of
// !#$%&'*+-.^_`|~.
func TestTokenByte(t *testing.T) {
	for c := range 256 {
		want := isLetter(byte(c)) || isDigit(byte(c)) || strings.ContainsRune("!#$%&'*+-.^_`|~", rune(c))
		if tokenByte[c] != want {
			t.Errorf("tokenByte[%#x] = %v, want %v", c, tokenByte[c], want)
		}
	}
	for _, tc := range []struct {
		line string
		ok   bool
	}{
		{"X-Request-Id: r1", true},
		{"x_b.c~d|e`f^g'h*i+j!k#l$m%n&o: v", true},
		{"Bad Name: v", false},
		{"bad\"name: v", false},
		{"caf\xc3\xa9: v", false},
	} {
		if _, _, ok := header([]byte(tc.line)); ok != tc.ok {
			t.Errorf("header(%q) ok = %v, want %v", tc.line, ok, tc.ok)
		}
	}
}
