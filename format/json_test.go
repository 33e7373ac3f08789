package format

import (
	"bytes"
	"encoding/json"
	"reflect"
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

// TestJSONIsTheCatalogForm checks that lookup, list and explain write entries in the one
// schema, catalog.Entry's: what list -o json prints, catalog.Decode (which refuses unknown
// keys) reads back unchanged but for the explanation, which explain adds.
func TestJSONIsTheCatalogForm(t *testing.T) {
	entries := catalog.Default().Entries()
	var b bytes.Buffer
	if err := Entries(&b, entries, Options{Style: JSON}); err != nil {
		t.Fatal(err)
	}
	back, err := catalog.Decode(b.Bytes())
	if err != nil {
		t.Fatalf("list -o json does not decode as a catalog: %v", err)
	}
	if len(back) != len(entries) {
		t.Fatalf("decoded %d entries, want %d", len(back), len(entries))
	}
	for i, e := range entries {
		if back[i].Explanation != nil {
			t.Errorf("%s: list -o json has an explanation", e.Code)
		}
		want := e
		want.Explanation = nil
		if !reflect.DeepEqual(back[i], want) {
			t.Errorf("entry %d:\n got %+v\nwant %+v", i, back[i], want)
		}
	}

	for _, e := range entries {
		b.Reset()
		if err := Explain(&b, []Explained{{Entry: e}}, Options{Style: JSON}); err != nil {
			t.Fatal(err)
		}
		back, err := catalog.Decode(append(append([]byte("["), b.Bytes()...), ']'))
		if err != nil {
			t.Fatalf("%s: explain -o json does not decode as a catalog entry: %v", e.Code, err)
		}
		if !reflect.DeepEqual(back[0], withNilEmpties(e)) {
			t.Errorf("%s: explain -o json decodes to\n%+v %+v\nwant %+v %+v", e.Code, back[0], back[0].Explanation, e, e.Explanation)
		}
	}
}

// withNilEmpties returns e with the empty lists of its explanation nil, as an omitted key
// decodes (the data file writes some as []).
func withNilEmpties(e catalog.Entry) catalog.Entry {
	if e.Explanation == nil {
		return e
	}
	x := *e.Explanation
	for _, l := range []*[]string{&x.Causes, &x.Steps, &x.Related} {
		if len(*l) == 0 {
			*l = nil
		}
	}
	e.Explanation = &x
	return e
}
