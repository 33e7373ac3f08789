package sanitize

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"",
	"E1042: quota exceeded",
	"\x1b[31mred\x1b[0m\x1b[2J",
	"\x1b]0;pwned\x07\x1b]52;c;Y3VybA==\x07",
	"\x1b]8;;https://evil.example/\x1b\\docs\x1b]8;;\x1b\\",
	"a\u009bb\x9b\x00\x7f\a\b",
	"line1\r\nline2\rline3\n\tend",
	"\u202e\u2066\u2069\u200b\u200d\ufeff\u00ad\U000e0041\u2028\u2029",
	"\xc0\xaf\xed\xa0\x80\xe2\x82",
	"Z" + strings.Repeat("\u0301", 20) + "a" + strings.Repeat("\u20dd", 9),
	"👨\u200d👩\u200d👧 🇫🇷 👍🏽 错误 " + `C:\tmp\x1b`,
}

// forbidden reports whether r must never reach a terminal unescaped.
func forbidden(r rune) bool {
	return r < 0x20 && r != '\t' || r == 0x7f || 0x80 <= r && r <= 0x9f ||
		r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r)
}

func checkOutput(t *testing.T, fn, in, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("%s(%q) = %q: invalid UTF-8", fn, in, out)
	}
	marks := 0
	for _, r := range out {
		if forbidden(r) {
			t.Fatalf("%s(%q) = %q: holds %U", fn, in, out, r)
		}
		if isMark(r) {
			marks++
			if marks > maxMarks {
				t.Fatalf("%s(%q) = %q: more than %d combining marks in a row", fn, in, out, maxMarks)
			}
		} else {
			marks = 0
		}
	}
}

// clientSeeds returns pieces of the real clients' captures
// (testdata/clients): colored SDK logs, HTTPie's output, Terraform's box.
func clientSeeds(f *testing.F) []string {
	names, _ := filepath.Glob(filepath.Join("..", "testdata", "clients", "*.txt"))
	if len(names) == 0 {
		f.Fatal("no captures in ../testdata/clients")
	}
	var out []string
	for _, name := range names {
		if b, err := os.ReadFile(name); err == nil {
			out = append(out, string(b[:min(len(b), 2048)]))
		}
	}
	return out
}

func FuzzText(f *testing.F) {
	for _, s := range append(fuzzSeeds, clientSeeds(f)...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := Text(s)
		checkOutput(t, "Text", s, text)
		if again := Text(text); again != text {
			t.Fatalf("Text not idempotent: Text(%q) = %q, Text of that = %q", s, text, again)
		}
		if Clean(s) != (text == s) {
			t.Fatalf("Clean(%q) = %v but Text(%q) = %q", s, Clean(s), s, text)
		}
		if !Clean(text) {
			t.Fatalf("Clean(Text(%q)) = false", s)
		}

		field := Field(s)
		checkOutput(t, "Field", s, field)
		if strings.Contains(field, "\t") {
			t.Fatalf("Field(%q) = %q: holds a tab", s, field)
		}
		if again := Field(field); again != field {
			t.Fatalf("Field not idempotent: Field(%q) = %q, Field of that = %q", s, field, again)
		}
		if strings.ReplaceAll(text, "\t", `\t`) != field {
			t.Fatalf("Field(%q) = %q differs from Text %q beyond tabs", s, field, text)
		}

		for _, limit := range []int{1, 2, 5, 16} {
			cut, ok := Truncate(text, limit)
			if n := utf8.RuneCountInString(cut); n > limit {
				t.Fatalf("Truncate(%q, %d) = %q: %d runes", text, limit, cut, n)
			}
			if ok != (cut != text) || ok && !strings.HasPrefix(text, strings.TrimSuffix(cut, ellipsis)) {
				t.Fatalf("Truncate(%q, %d) = %q, %v", text, limit, cut, ok)
			}
			if !utf8.ValidString(cut) {
				t.Fatalf("Truncate(%q, %d) = %q: invalid UTF-8", text, limit, cut)
			}
		}
	})
}

func FuzzJSON(f *testing.F) {
	for _, s := range append(fuzzSeeds, clientSeeds(f)...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// ValidUTF8 leaves valid UTF-8 alone and makes anything else valid, so
		// encoding/json has no invalid byte to replace with U+FFFD and the
		// value must come back exactly.
		v := ValidUTF8(s)
		if !utf8.ValidString(v) || utf8.ValidString(s) && v != s {
			t.Fatalf("ValidUTF8(%q) = %q", s, v)
		}
		b, err := json.Marshal(map[string][]string{v: {v, s}})
		if err != nil {
			t.Fatal(err)
		}
		out := JSON(b)
		if !json.Valid(out) {
			t.Fatalf("JSON(%s) = %s: not valid JSON", b, out)
		}
		if r, ok := jsonForbidden(out); ok {
			t.Fatalf("JSON(%s) = %s: holds %U", b, out, r)
		}
		if again := JSON(out); string(again) != string(out) {
			t.Fatalf("JSON not idempotent on %s", out)
		}
		var got, orig map[string][]string
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("JSON(%s) = %s: %v", b, out, err)
		}
		if err := json.Unmarshal(b, &orig); err != nil {
			t.Fatal(err)
		}
		vals := got[v]
		if len(got) != 1 || len(vals) != 2 || vals[0] != v {
			t.Fatalf("JSON(%s) = %s decodes to %q, want key and first value %q", b, out, got, v)
		}
		// s itself went through encoding/json's U+FFFD replacement; JSON must
		// keep whatever encoding/json meant.
		if vals[1] != orig[v][1] {
			t.Fatalf("JSON(%s) = %s: raw value decodes to %q, encoding/json meant %q", b, out, vals[1], orig[v][1])
		}
	})
}
