package catalog

import (
	"errors"
	"fmt"
	"strings"

	"github.com/imetal-tools/imetal-err/internal/codesyntax"
)

// Code is an error code split into its namespace ("iMetal", "APIGW"; "" for a bare number)
// and its number, zero-padded to at least four digits ("0232").
type Code struct {
	Namespace string
	Number    string
}

// String returns the code as the API writes it: "iMetal.0232", or just the number when the
// namespace is unknown.
func (c Code) String() string {
	if c.Namespace == "" {
		return c.Number
	}
	return c.Namespace + "." + c.Number
}

// ErrMalformedCode is wrapped by the error ParseCode returns for text that is not a code.
var ErrMalformedCode = errors.New("not an error code")

// alias returns the namespace the catalog files ns under, for the namespaces it knows in any
// case (codesyntax.Builtin): cloud services report the gateway's codes with an APIG prefix
// (APIG.0301 is APIGW.0301).
func alias(ns string) (string, bool) {
	if c, ok := codesyntax.Builtin(ns); ok {
		return c, true
	}
	return ns, false
}

// maxDigits bounds the number part, so that a pasted number of any length is not taken as a code.
const maxDigits = codesyntax.MaxDigits

// ParseCode reads an error code the way people type it: case-insensitive, with a dot, a dash,
// an underscore, a space or nothing between namespace and number, and with or without leading
// zeros ("iMetal.0232", "imetal-232", "IMETAL0232", "0232", "232"). Surrounding space is ignored.
// Known namespaces get their usual spelling; APIG is read as APIGW.
func ParseCode(s string) (Code, error) {
	t := strings.TrimSpace(s)
	if codesyntax.Valid(t) {
		// As a server writes it: the namespace is all before the dot.
		ns, rest, _ := strings.Cut(t, ".")
		return newCode(ns, rest), nil
	}
	i := 0
	for i < len(t) && isLetter(t[i]) {
		i++
	}
	// A namespace may contain digits after its first letter ("S3.0001"): take the longest
	// letter-led prefix that still leaves a number behind.
	j := i
	for j < len(t) && isDigit(t[j]) {
		j++
	}
	ns, rest := t[:i], t[i:]
	if i > 0 && j < len(t) && (t[j] == '.' || t[j] == '-' || t[j] == '_' || t[j] == ' ') {
		ns, rest = t[:j], t[j:]
	}
	if ns != "" && rest != "" && (rest[0] == '.' || rest[0] == '-' || rest[0] == '_' || rest[0] == ' ') {
		rest = rest[1:]
	}
	if rest == "" || len(rest) > maxDigits || !allDigits(rest) {
		return Code{}, fmt.Errorf("%w: %q", ErrMalformedCode, s)
	}
	return newCode(ns, rest), nil
}

// newCode returns the code of namespace ns and number num, num padded to four digits and ns
// spelled as the catalog files it.
func newCode(ns, num string) Code {
	if len(num) < 4 {
		num = strings.Repeat("0", 4-len(num)) + num
	}
	ns, _ = alias(ns)
	return Code{Namespace: ns, Number: num}
}

func isLetter(b byte) bool { return codesyntax.IsLetter(b) }
func isDigit(b byte) bool  { return codesyntax.IsDigit(b) }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
