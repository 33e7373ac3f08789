package format

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/imetal-tools/imetal-err/catalog"
)

// TestJSONNotHTMLEscaped checks every JSON writer: <, > and & are written as they are, while
// the sanitizer's escapes of characters that could act on a terminal stay, and the output
// still decodes to the same text.
func TestJSONNotHTMLEscaped(t *testing.T) {
	const text = "a<b & c>d access_token=***&limit=1 \u202e"
	entry := catalog.Entry{Code: "X.0001", Status: 400, Message: text, Description: text, Solution: text, Category: "general",
		Explanation: &catalog.Explanation{Meaning: text}}
	d := catalog.Default().Diagnose("iMetal.0001", 400, "A request parameter contains invalid or unsupported value: "+text)
	writers := map[string]func(*bytes.Buffer) error{
		"entries": func(b *bytes.Buffer) error { return Entries(b, []catalog.Entry{entry}, Options{Style: JSON}) },
		"explain": func(b *bytes.Buffer) error {
			return Explain(b, []Explained{{Entry: entry}}, Options{Style: JSON})
		},
		"findings": func(b *bytes.Buffer) error {
			return Findings(b, []Finding{{Diagnosis: d, RequestID: text, Request: "GET /x?" + text}}, Options{Style: JSON})
		},
		"summary": func(b *bytes.Buffer) error {
			return Summary(b, []SummaryRow{{Code: "X.0001", Count: 1, IDs: []string{text}, Solution: text}}, Options{Style: JSON})
		},
		"problems": func(b *bytes.Buffer) error {
			return Problems(b, []catalog.Problem{{File: text, Message: text, Severity: "error"}}, Options{Style: JSON})
		},
	}
	for name, write := range writers {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := write(&b); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if !strings.Contains(out, `a<b & c>d access_token=***&limit=1 \u202e`) {
				t.Errorf("the text is not written as is, with only the bidi character escaped:\n%s", out)
			}
			for _, esc := range []string{`\u003c`, `\u003e`, `\u0026`} {
				if strings.Contains(out, esc) {
					t.Errorf("output has %s:\n%s", esc, out)
				}
			}
			if !strings.HasSuffix(out, "}\n") && !strings.HasSuffix(out, "]\n") {
				t.Errorf("output does not end with one newline after the value: %q", out[max(0, len(out)-10):])
			}
			var v any
			if err := json.Unmarshal(b.Bytes(), &v); err != nil {
				t.Fatalf("output does not decode: %v", err)
			}
			if !strings.Contains(strings.Join(stringsIn(v), "\n"), text) {
				t.Errorf("decoded output lacks %q", text)
			}
		})
	}
}

// stringsIn returns every string inside a decoded JSON value.
func stringsIn(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, stringsIn(x)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, x := range v {
			out = append(out, stringsIn(x)...)
		}
		return out
	}
	return nil
}
