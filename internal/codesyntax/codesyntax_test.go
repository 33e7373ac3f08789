package codesyntax

import (
	"strings"
	"testing"
)

func TestValid(t *testing.T) {
	for _, tt := range []struct {
		code string
		ok   bool
	}{
		{"iMetal.0232", true}, {"APIGW.0308", true}, {"S3.1", true}, {"a.123456", true},
		{"x" + strings.Repeat("a", MaxLen-2) + ".1", false}, {strings.Repeat("a", MaxLen-2) + ".1", true},
		{"", false}, {".1", false}, {"a.", false}, {"a.1234567", false}, {"1a.1", false}, {"a_b.1", false},
		{"a.1.2", false}, {"iMetal.02a2", false}, {"iMetal-0232", false}, {"iMetal.0232 ", false},
	} {
		if got := Valid(tt.code); got != tt.ok {
			t.Errorf("Valid(%q) = %v, want %v", tt.code, got, tt.ok)
		}
		if got := Valid([]byte(tt.code)); got != tt.ok {
			t.Errorf("Valid([]byte(%q)) = %v, want %v", tt.code, got, tt.ok)
		}
	}
}

func TestBuiltin(t *testing.T) {
	for _, tt := range []struct {
		ns, canonical string
		ok            bool
	}{
		{"iMetal", "iMetal", true}, {"IMETAL", "iMetal", true}, {"apigw", "APIGW", true}, {"Apig", "APIGW", true},
		{"APIGWX", "", false}, {"AS", "", false}, {"imetaL\x00", "", false}, {"iMet@l", "", false},
	} {
		if c, ok := Builtin(tt.ns); c != tt.canonical || ok != tt.ok {
			t.Errorf("Builtin(%q) = %q, %v; want %q, %v", tt.ns, c, ok, tt.canonical, tt.ok)
		}
	}
}
