// Package codesyntax defines what an error code of the iMetal API and its
// gateway looks like, for the scanner that finds codes in text and the
// catalog that files them: one definition, so that the two never disagree.
package codesyntax

// Sizes of a code.
const (
	MaxDigits = 6  // digits of its number, at most
	MaxLen    = 64 // bytes of a whole code, at most
)

// Valid reports whether s is a code as a server writes it: a namespace of
// letters and digits led by a letter, '.', and 1 to MaxDigits digits
// (^[A-Za-z][A-Za-z0-9]*\.[0-9]{1,6}$), at most MaxLen bytes.
func Valid[T string | []byte](s T) bool {
	if len(s) < 3 || len(s) > MaxLen || !IsLetter(s[0]) {
		return false
	}
	dot := -1
	for i := 1; i < len(s); i++ {
		if s[i] == '.' {
			dot = i
			break
		}
		if !IsLetter(s[i]) && !IsDigit(s[i]) {
			return false
		}
	}
	if n := len(s) - dot - 1; dot < 0 || n < 1 || n > MaxDigits {
		return false
	}
	for i := dot + 1; i < len(s); i++ {
		if !IsDigit(s[i]) {
			return false
		}
	}
	return true
}

// IsLetter reports whether c is an ASCII letter.
func IsLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// IsDigit reports whether c is an ASCII digit.
func IsDigit(c byte) bool { return c >= '0' && c <= '9' }

// builtin are the namespaces whose codes are found anywhere, in any case,
// and the spelling the catalog files each under: the iMetal API's own, and
// its gateway's (cloud services write APIG for APIGW).
var builtin = [...]struct{ lower, canonical string }{
	{"imetal", "iMetal"},
	{"apigw", "APIGW"},
	{"apig", "APIGW"},
}

// Builtin returns the spelling the catalog files the namespace ns under,
// in any case, if it is a built-in one.
func Builtin[T string | []byte](ns T) (string, bool) {
	for _, b := range builtin {
		if equalFold(ns, b.lower) {
			return b.canonical, true
		}
	}
	return "", false
}

// equalFold reports whether s is lower, a lower-case ASCII word, in any case.
func equalFold[T string | []byte](s T, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := range len(lower) {
		if s[i]|0x20 != lower[i] || !IsLetter(s[i]) {
			return false
		}
	}
	return true
}
