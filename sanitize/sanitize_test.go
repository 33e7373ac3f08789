package sanitize

import (
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	zalgo := "Z" + strings.Repeat("\u0301", 20) + "a"
	tests := []struct {
		name  string
		in    string
		text  string
		field string // "" when Field gives the same as Text
	}{
		{name: "empty", in: "", text: ""},
		{name: "plain", in: "E1042: quota exceeded (limit=10)", text: "E1042: quota exceeded (limit=10)"},
		{name: "backslashes", in: `C:\tmp\x1b \u202e \\`, text: `C:\tmp\x1b \u202e \\`},
		{name: "emoji", in: "build 🚀 ❤️ 👍🏽 🇫🇷 done", text: "build 🚀 ❤️ 👍🏽 🇫🇷 done"},
		{name: "CJK", in: "错误：配额已用尽 エラー 오류", text: "错误：配额已用尽 エラー 오류"},
		{name: "accents", in: "café naïve Việt", text: "café naïve Việt"},

		// Terminal escape sequences: the ESC is escaped, the rest is inert text.
		{name: "CSI color", in: "\x1b[31mred\x1b[0m", text: `\x1b[31mred\x1b[0m`},
		{name: "clear screen", in: "ok\x1b[2J\x1b[H", text: `ok\x1b[2J\x1b[H`},
		{name: "OSC 0 title", in: "\x1b]0;pwned\x07", text: `\x1b]0;pwned\x07`},
		{name: "OSC 52 clipboard", in: "\x1b]52;c;Y3VybCBldmlsLnNo\x07", text: `\x1b]52;c;Y3VybCBldmlsLnNo\x07`},
		{name: "OSC 8 hyperlink", in: "\x1b]8;;https://evil.example/\x1b\\docs\x1b]8;;\x1b\\", text: `\x1b]8;;https://evil.example/\x1b\docs\x1b]8;;\x1b\`},
		{name: "C1 CSI as UTF-8", in: "a\u009b31mb", text: `a\x9b31mb`},
		{name: "C1 CSI as raw byte", in: "a\x9b31mb", text: `a\x9b31mb`},
		{name: "C1 NEL", in: "a\u0085b", text: `a\x85b`},

		// Other C0 controls and DEL.
		{name: "BEL", in: "ding\a", text: `ding\x07`},
		{name: "BS", in: "secret\b\b\b\b\b\bpublic", text: `secret\x08\x08\x08\x08\x08\x08public`},
		{name: "NUL", in: "a\x00b", text: `a\x00b`},
		{name: "DEL", in: "a\x7fb", text: `a\x7fb`},
		{name: "form feed and VT", in: "a\f\vb", text: `a\x0c\x0bb`},

		// Line ends and tab.
		{name: "LF", in: "line1\nline2", text: `line1\nline2`},
		{name: "CRLF", in: "line1\r\nline2\r\n", text: `line1\nline2\n`},
		{name: "lone CR", in: "progress 10%\rprogress 100%", text: `progress 10%\rprogress 100%`},
		{name: "CR CR LF", in: "a\r\r\nb", text: `a\r\nb`},
		{name: "LF CR", in: "a\n\rb", text: `a\n\rb`},
		{name: "tab", in: "key\tvalue", text: "key\tvalue", field: `key\tvalue`},
		{name: "tab and control", in: "\t\x1b\t", text: "\t\\x1b\t", field: `\t\x1b\t`},

		// Unicode format characters and separators.
		{name: "RLO", in: "invoice_\u202efdp.exe", text: `invoice_\u202efdp.exe`},
		{name: "LRI PDI", in: "a\u2066b\u2069c", text: `a\u2066b\u2069c`},
		{name: "RLI FSI LRM RLM", in: "\u2067\u2068\u200e\u200f", text: `\u2067\u2068\u200e\u200f`},
		{name: "ZWSP", in: "pay\u200bpal", text: `pay\u200bpal`},
		{name: "ZWJ", in: "a\u200db", text: `a\u200db`},
		{name: "ZWJ emoji sequence", in: "👨\u200d👩\u200d👧", text: `👨\u200d👩\u200d👧`},
		{name: "ZWNJ word joiner", in: "\u200c\u2060", text: `\u200c\u2060`},
		{name: "BOM", in: "\ufeffE1042", text: `\ufeffE1042`},
		{name: "soft hyphen", in: "ad\u00admin", text: `ad\u00admin`},
		{name: "tag characters", in: "ok\U000e0001\U000e0041\U000e007f", text: `ok\U000e0001\U000e0041\U000e007f`},
		{name: "line separator", in: "a\u2028b", text: `a\u2028b`},
		{name: "paragraph separator", in: "a\u2029b", text: `a\u2029b`},

		// Invalid UTF-8: each byte escaped.
		{name: "invalid bytes", in: "a\xff\xfeb", text: `a\xff\xfeb`},
		{name: "lone continuation", in: "\x80", text: `\x80`},
		{name: "truncated sequence at end", in: "euro \xe2\x82", text: `euro \xe2\x82`},
		{name: "truncated sequence mid", in: "\xf0\x9f\x9a!", text: `\xf0\x9f\x9a!`},
		{name: "overlong slash", in: "\xc0\xaf", text: `\xc0\xaf`},
		{name: "surrogate half", in: "\xed\xa0\x80", text: `\xed\xa0\x80`},
		{name: "beyond U+10FFFF", in: "\xf4\x90\x80\x80", text: `\xf4\x90\x80\x80`},
		{name: "U+FFFD kept", in: "a\uFFFDb", text: "a\uFFFDb"},

		// Combining marks.
		{name: "marks at the cap", in: "e" + strings.Repeat("\u0301", 8), text: "e" + strings.Repeat("\u0301", 8)},
		{name: "mark flood", in: zalgo, text: "Z" + strings.Repeat("\u0301", 8) + "…a"},
		{name: "mark flood at start", in: strings.Repeat("\u20dd", 9), text: strings.Repeat("\u20dd", 8) + "…"},
		{name: "mark flood after clean prefix", in: "ok " + zalgo + "\x1b", text: "ok Z" + strings.Repeat("\u0301", 8) + `…a\x1b`},
		{name: "mark runs split by escape", in: strings.Repeat("\u0301", 6) + "\u200b" + strings.Repeat("\u0301", 6),
			text: strings.Repeat("\u0301", 6) + `\u200b` + strings.Repeat("\u0301", 6)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.text {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.text)
			}
			want := tt.field
			if want == "" {
				want = tt.text
			}
			if got := Field(tt.in); got != want {
				t.Errorf("Field(%q) = %q, want %q", tt.in, got, want)
			}
			if got := Clean(tt.in); got != (tt.in == tt.text) {
				t.Errorf("Clean(%q) = %v, want %v", tt.in, got, !got)
			}
			if again := Text(tt.text); again != tt.text {
				t.Errorf("Text is not idempotent: Text(%q) = %q", tt.text, again)
			}
		})
	}
}

func TestTextCleanDoesNotAllocate(t *testing.T) {
	for _, s := range []string{
		"E1042: quota exceeded for project 7f3a (limit=10, used=12)",
		"错误：配额已用尽 café 🚀\tok",
	} {
		var out string
		if n := testing.AllocsPerRun(100, func() { out = Text(s) }); n != 0 {
			t.Errorf("Text(%q) allocated %v times", s, n)
		}
		if out != s {
			t.Errorf("Text(%q) = %q", s, out)
		}
	}
}

func TestValidUTF8(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain \x1b\u202e\t", "plain \x1b\u202e\t"},
		{"a\xffb", `a\xffb`},
		{"\xc0\xaf\xed\xa0\x80", `\xc0\xaf\xed\xa0\x80`},
		{"€\xe2\x82", `€\xe2\x82`},
	}
	for _, tt := range tests {
		if got := ValidUTF8(tt.in); got != tt.want {
			t.Errorf("ValidUTF8(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkTextClean(b *testing.B) {
	s := "E1042: quota exceeded for project 7f3a9c (limit=10, used=12); retry after 30s"
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Text(s)
	}
}

func BenchmarkTextDirty(b *testing.B) {
	s := "E1042: \x1b]8;;https://evil.example/\x1b\\quota\x1b]8;;\x1b\\ exceeded\r\n\u202efor project\xff 7f3a9c\x07"
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Text(s)
	}
}
