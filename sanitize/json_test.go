package sanitize

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"unicode"
	"unicode/utf8"
)

// jsonForbidden returns the first rune in b that JSON must have escaped, if any.
func jsonForbidden(b []byte) (rune, bool) {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' ||
			r == 0x7f || 0x80 <= r && r <= 0x9f ||
			r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r) {
			return r, true
		}
	}
	return 0, false
}

func TestJSON(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // the encoded string value, quotes included
	}{
		{name: "plain", in: "quota exceeded", want: `"quota exceeded"`},
		{name: "ESC already escaped by encoding/json", in: "\x1b[31m", want: `"\u001b[31m"`},
		{name: "DEL", in: "a\x7fb", want: `"a\u007fb"`},
		{name: "C1 CSI", in: "a\u009b2J", want: `"a\u009b2J"`},
		{name: "RLO", in: "x\u202ey", want: `"x\u202ey"`},
		{name: "ZWSP BOM soft hyphen", in: "\u200b\ufeff\u00ad", want: `"\u200b\ufeff\u00ad"`},
		{name: "line separators", in: "\u2028\u2029", want: `"\u2028\u2029"`},
		{name: "tag character", in: "\U000e0041", want: `"\udb40\udc41"`},
		{name: "emoji and CJK kept", in: "🚀 错误 é", want: `"🚀 错误 é"`},
		{name: "backslash before DEL", in: "\\\x7f", want: `"\\\u007f"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := map[string]any{tt.in: []string{tt.in}}
			b, err := json.MarshalIndent(in, "", "\t")
			if err != nil {
				t.Fatal(err)
			}
			got := JSON(b)
			wantDoc := fmt.Sprintf("{\n\t%s: [\n\t\t%s\n\t]\n}", tt.want, tt.want)
			if string(got) != wantDoc {
				t.Errorf("JSON(%s) =\n%s\nwant\n%s", b, got, wantDoc)
			}
			if r, ok := jsonForbidden(got); ok {
				t.Errorf("JSON(%s) still holds %U", b, r)
			}
			var back map[string][]string
			if err := json.Unmarshal(got, &back); err != nil {
				t.Fatalf("JSON output does not decode: %v\n%s", err, got)
			}
			if v := back[tt.in]; len(back) != 1 || len(v) != 1 || v[0] != tt.in {
				t.Errorf("JSON output decodes to %q, want key and value %q", back, tt.in)
			}
		})
	}
}

func TestJSONUnchanged(t *testing.T) {
	b := []byte(`{"code":"E1042","message":"错误 🚀","n":[1,2]}`)
	got := JSON(b)
	if &got[0] != &b[0] || !bytes.Equal(got, b) {
		t.Errorf("JSON(%s) = %s, want the same slice", b, got)
	}
	if n := testing.AllocsPerRun(100, func() { JSON(b) }); n != 0 {
		t.Errorf("JSON on clean input allocated %v times", n)
	}
}

func TestJSONLeavesInputAlone(t *testing.T) {
	b := []byte("\"a\x7f\u202e\"")
	orig := string(b)
	JSON(b)
	if string(b) != orig {
		t.Errorf("JSON modified its input: %q", b)
	}
}

func TestJSONInvalidUTF8Copied(t *testing.T) {
	b := []byte("\"\xff\u202e\"")
	if got, want := string(JSON(b)), "\"\xff\\u202e\""; got != want {
		t.Errorf("JSON(%q) = %q, want %q", b, got, want)
	}
}
