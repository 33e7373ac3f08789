package catalog_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/imetal-tools/imetal-err/catalog"
	"github.com/imetal-tools/imetal-err/internal/codesyntax"
	"github.com/imetal-tools/imetal-err/scan"
)

// TestCodeSyntaxAgrees checks that the scanner and the catalog read codes
// alike: every code the scanner can report (codesyntax.Valid) is one that
// ParseCode reads back as itself, namespace spelled as the catalog files
// it, number padded; every code ParseCode reads in the server's form is
// Valid; a built-in namespace's code is found in prose and names its entry;
// every entry's code is Valid.
func TestCodeSyntaxAgrees(t *testing.T) {
	cat := catalog.Default()
	for _, e := range cat.Entries() {
		if !codesyntax.Valid(e.Code) {
			t.Errorf("entry code %q is not a code the scanner reports", e.Code)
		}
		found := scan.All([]byte("Error: " + strings.ToUpper(e.Code) + ": x\n"))
		if len(found) != 1 || !strings.EqualFold(found[0].Code, e.Code) {
			t.Errorf("%s in prose: found %v", e.Code, found)
		} else if d := cat.Diagnose(found[0].Code, 0, ""); d.Code != e.Code {
			t.Errorf("%s found as %q names %q", e.Code, found[0].Code, d.Code)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "aZx09.-_ "
	cases := []string{"iMetal.0232", "imetal.1", "APIG.0308", "S3.1", "a.1234567", "a.123456", "1a.1", ".1", "a.", "a..1"}
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(9) {
			b.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		cases = append(cases, b.String())
	}
	for _, c := range cases {
		code, err := catalog.ParseCode(c)
		ns, num, dotted := strings.Cut(c, ".")
		if codesyntax.Valid(c) {
			if err != nil {
				t.Fatalf("%q is Valid, but ParseCode: %v", c, err)
			}
			want := ns
			if canonical, ok := codesyntax.Builtin(ns); ok {
				want = canonical
			}
			if len(num) < 4 {
				num = strings.Repeat("0", 4-len(num)) + num
			}
			if code.Namespace != want || code.Number != num {
				t.Fatalf("ParseCode(%q) = %+v, want %s.%s", c, code, want, num)
			}
			continue
		}
		if err == nil && dotted && code.Namespace != "" && c == strings.TrimSpace(c) && ns != "" && !strings.ContainsAny(ns, "-_ ") {
			t.Fatalf("ParseCode reads %q as %s, but it is not Valid", c, code)
		}
	}
}
