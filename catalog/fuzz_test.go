package catalog

import (
	"strings"
	"testing"
)

// FuzzParseCode checks the code normalizer on any text: it never panics, what it accepts
// prints in canonical form, and the canonical form reads back as itself.
func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"iMetal.0232", "imetal-232", "IMETAL0232", " 232 ", "APIG.0301", "S3.0001", "", "iMetal..1", "\x1b[31m", "0000000", "ü.1",
		// Codes as the clients' notations print them (scan finds them in any case).
		"IMETAL.0230", "imetal.0999", "apigw.0201", "APIG.0308", "ECS.0114", "'iMetal.0200'", "iMetal.0232:", "[iMetal.0200]"} {
		f.Add(s)
	}
	cat := Default()
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCode(s)
		_ = cat.Lookup(s)
		_ = cat.Suggest(s, 3)
		if err != nil {
			return
		}
		if len(c.Number) < 4 || len(c.Number) > maxDigits || !allDigits(c.Number) {
			t.Fatalf("ParseCode(%q) number %q", s, c.Number)
		}
		again, err := ParseCode(c.String())
		if err != nil || again != c {
			t.Fatalf("ParseCode(%q) = %v, but its string %q reads back as %v, %v", s, c, c.String(), again, err)
		}
		if strings.ContainsAny(c.String(), " \t\n\x00") {
			t.Fatalf("canonical code %q holds space or control characters", c.String())
		}
	})
}
