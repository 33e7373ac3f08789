package sanitize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTruncate(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		limit int
		want  string
		cut   bool
	}{
		{name: "empty", in: "", limit: 5, want: ""},
		{name: "fits", in: "hello", limit: 5, want: "hello"},
		{name: "fits in runes not bytes", in: "错误错误", limit: 4, want: "错误错误"},
		{name: "cut", in: "hello world", limit: 6, want: "hello…", cut: true},
		{name: "cut CJK", in: "配额已用尽", limit: 3, want: "配额…", cut: true},
		{name: "limit one", in: "hello", limit: 1, want: "…", cut: true},
		{name: "limit zero", in: "hello", limit: 0, want: "", cut: true},
		{name: "limit zero empty", in: "", limit: 0, want: ""},
		{name: "negative limit", in: "hello", limit: -3, want: "", cut: true},
		{name: "keeps marks with base", in: "abe\u0301\u0300cd", limit: 4, want: "ab…", cut: true},
		{name: "mark run fits", in: "abe\u0301\u0300cd", limit: 6, want: "abe\u0301\u0300…", cut: true},
		{name: "skin tone", in: "ok👍🏽👍🏽", limit: 4, want: "ok…", cut: true},
		{name: "ZWJ sequence", in: "a👨\u200d👩\u200d👧b", limit: 6, want: "a…", cut: true},
		{name: "ZWJ sequence fits", in: "a👨\u200d👩\u200d👧bc", limit: 7, want: "a👨\u200d👩\u200d👧…", cut: true},
		{name: "flag pair", in: "x🇫🇷🇩🇪", limit: 4, want: "x🇫🇷…", cut: true},
		{name: "flag pair not split", in: "x🇫🇷🇩🇪", limit: 3, want: "x…", cut: true},
		{name: "CRLF kept whole", in: "a\r\nbc", limit: 3, want: "a…", cut: true},
		{name: "leading marks", in: "\u0301\u0301abc", limit: 3, want: "\u0301\u0301…", cut: true},
		{name: "leading marks too long", in: "\u0301\u0301abc", limit: 2, want: "…", cut: true},
		{name: "escape may be cut", in: `ab\u202ecd`, limit: 6, want: `ab\u2…`, cut: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cut := Truncate(tt.in, tt.limit)
			if got != tt.want || cut != tt.cut {
				t.Errorf("Truncate(%q, %d) = %q, %v; want %q, %v", tt.in, tt.limit, got, cut, tt.want, tt.cut)
			}
			if tt.limit > 0 && utf8.RuneCountInString(got) > tt.limit {
				t.Errorf("Truncate(%q, %d) = %q: longer than the limit", tt.in, tt.limit, got)
			}
		})
	}
}

func TestTruncateNeverExceedsLimit(t *testing.T) {
	s := Text("Ż\u0301\u0302 日本 👩🏽\u200d💻 🇯🇵 \x1b[1m" + strings.Repeat("x\u0301", 3))
	for limit := 1; limit <= utf8.RuneCountInString(s)+1; limit++ {
		got, cut := Truncate(s, limit)
		n := utf8.RuneCountInString(got)
		if n > limit {
			t.Errorf("Truncate(%q, %d) = %q: %d runes", s, limit, got, n)
		}
		if cut != (got != s) || cut && !strings.HasSuffix(got, ellipsis) {
			t.Errorf("Truncate(%q, %d) = %q, %v", s, limit, got, cut)
		}
		if !strings.HasPrefix(s, strings.TrimSuffix(got, ellipsis)) {
			t.Errorf("Truncate(%q, %d) = %q: not a prefix", s, limit, got)
		}
	}
}
