package scan

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// decorated is an input with decorations added, and where each byte of the
// plain input went.
type decorated struct {
	in  []byte
	pos []int64 // pos[i] is the index in in of byte i of the plain input
}

// decorate builds a decorated copy of plain: before each byte, what pre
// returns for it.
func decorate(plain string, pre func(i int) string) decorated {
	var d decorated
	for i := range len(plain) {
		d.in = append(d.in, pre(i)...)
		d.pos = append(d.pos, int64(len(d.in)))
		d.in = append(d.in, plain[i])
	}
	return d
}

// colors puts an SGR sequence (in one of several forms) before every token
// boundary, as HTTPie and Pygments do, and resets before each newline.
func colors(form int) func(plain string) decorated {
	seqs := [][]string{
		{"\x1b[34m", "\x1b[39;49;00m", "\x1b[1;31m", "\x1b[0m"},
		{"\x9b34m", "\x9b0m", "\x9b1m", "\x9bm"},                                    // 8-bit CSI
		{"\x1b]8;;https://x.example/a\x1b\\", "\x1b]8;;\x1b\\", "\x1b(B", "\x1b[m"}, // OSC 8 hyperlinks, charset
		{"\x1b]0;title\x07", "\x1b[38;5;208m", "\x9d8;;u\x9c", "\x1b[K"},
	}[form]
	return func(plain string) decorated {
		// Tokens stay whole: a sequence goes before an opening quote and
		// after a closing one, and before any other punctuation.
		n, inStr := 0, false
		return decorate(plain, func(i int) string {
			c := plain[i]
			open := c == '"' && !inStr
			if c == '"' {
				inStr = !inStr
			}
			closed := i > 0 && plain[i-1] == '"' && !inStr
			if !open && !closed && (inStr || strings.IndexByte("{}:,\n[] ", c) < 0) {
				return ""
			}
			n++
			return seqs[n%len(seqs)]
		})
	}
}

// prefixed puts p before every line, and wraps lines longer than width at
// a space, dropping the space, as Terraform's diagnostics do (0: no wrap).
func prefixed(p string, width int) func(plain string) decorated {
	return func(plain string) decorated {
		var d decorated
		col := 0
		for i := range len(plain) {
			c := plain[i]
			if col == 0 {
				pp := p
				if c == '\n' {
					pp = strings.TrimRight(p, " ")
				}
				d.in = append(d.in, pp...)
			}
			d.pos = append(d.pos, int64(len(d.in)))
			if width > 0 && c == ' ' && col > 0 && col+1+strings.IndexAny(plain[i+1:]+"\n", " \n") > width {
				d.in = append(append(d.in, '\n'), p...)
				col = 1
				continue
			}
			d.in = append(d.in, c)
			col++
			if c == '\n' {
				col = 0
			}
		}
		return d
	}
}

// viewInputs are plain texts whose every finding a decoration must keep.
var viewInputs = []string{
	"HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nX-Request-Id: 5c1cfbd4a1e84a4b9c2f0d1e2a3b4c5d\r\n\r\n" +
		"{\n    \"error_code\": \"iMetal.0230\",\n    \"error_msg\": \"Subnet not found: [subnet-1, subnet-2]\"\n}\n",
	"note: the call failed\nHTTP/1.1 502 Bad Gateway\nX-Request-Id: 8c9d\n\n{\"error_msg\":\"Backend unavailable, try again in a while please.\",\"error_code\":\"APIGW.0201\",\"request_id\":\"8c9d\"}\n",
	"{\n  \"error\": {\n    \"code\": \"APIGW.0308\",\n    \"message\": \"The throttling threshold has been reached.\"\n  }\n}\n",
	"{\n  \"status_code\": 400,\n  \"request_id\": \"6e2d\",\n  \"error_code\": \"iMetal.0101\",\n  \"error_message\": \"Physical servers state is not ready: [ps-01, ps-02]\"\n}\n",
	curlV,
	// A log line's "error":"..." (a string value: no key stop) right before
	// a body split over lines.
	"{\"level\":\"error\",\"error\":\"EOF\",\"msg\":\"retrying\"}\n{\n  \"error\":\"x\",\n  \"error_code\": \"iMetal.0230\",\n  \"error_msg\": \"Subnet not found: [subnet-1]\"\n}\n",
}

func TestReadThrough(t *testing.T) {
	decorations := map[string]func(string) decorated{
		"ansi":              colors(0),
		"ansi 8-bit":        colors(1),
		"osc":               colors(2),
		"osc 8-bit":         colors(3),
		"quoted reply":      prefixed("> ", 0),
		"quoted twice":      prefixed("> > ", 0),
		"terraform box":     prefixed("│ ", 0),
		"terraform wraps":   prefixed("│ ", 40),
		"compose":           prefixed("api-1  | ", 0),
		"log prefix":        prefixed("2026-12-01T13:51:13.412Z ERROR ", 0),
		"colored box wraps": prefixed("\x1b[31m│\x1b[0m \x1b[0m", 30),
	}
	for name, deco := range decorations {
		for i, plain := range viewInputs {
			switch {
			case name == "log prefix" && !strings.Contains(plain, "{\n"):
				// A body on one line after a timestamp: that prefix is
				// read through only for a record split over lines (a key
				// that follows a brace or comma on its line is not looked
				// at further, to keep logs fast).
				continue
			case strings.Contains(name, "8-bit") && strings.Contains(plain, `"error":`):
				// A C1 control right after the nested body's "error" key
				// hides it from the key search, which wants a colon or a
				// control byte there (key.go).
				continue
			}
			t.Run(fmt.Sprintf("%s/%d", name, i), func(t *testing.T) {
				want := All([]byte(plain))
				if len(want) == 0 {
					t.Fatal("no finding in the plain text")
				}
				d := deco(plain)
				got := All(d.in)
				if len(got) != len(want) {
					t.Fatalf("got %d findings, want %d:\n%s\nwant\n%s\ninput %q", len(got), len(want), dump(got), dump(want), d.in)
				}
				for k, w := range want {
					w.Offset = d.pos[w.Offset]
					w.Line = 1 + int64(bytes.Count(d.in[:w.Offset], []byte("\n")))
					g := got[k]
					if strings.Contains(name, "wraps") {
						// Wrapping breaks header lines: the body alone counts.
						g.HTTPStatus, g.RequestID, g.Request = w.HTTPStatus, w.RequestID, w.Request
					}
					if g != w {
						t.Errorf("finding %d:\n got %+v\nwant %+v\ninput %q", k, got[k], w, d.in)
					}
				}
				checkInvariants(t, d.in)
			})
		}
	}
}

// TestReadThroughBoxInColors checks that a colored diagnostic box after
// other colored output (terraform apply) has its prefix read through, its
// wrapping inside the JSON string undone.
func TestReadThroughBoxInColors(t *testing.T) {
	box := "\x1b[31m│\x1b[0m \x1b[0m"
	in := "\x1b[0m\x1b[1mterraform_data.bms: Creating...\x1b[0m\x1b[0m\n" +
		"\x1b[31m╷\x1b[0m\x1b[0m\n" +
		box + "\x1b[1m\x1b[31mError: \x1b[0m\x1b[0m\x1b[1mlocal-exec provisioner error\x1b[0m\n" +
		box + "Too many requests: [GET\n" +
		box + "https://x/v1/servers], request_id: r-1, error message:\n" +
		box + "{\"error_msg\":\"The throttling threshold has been\n" +
		box + "reached.\",\"error_code\":\"APIGW.0308\"}\n" +
		"\x1b[31m╵\x1b[0m\x1b[0m\n"
	got := All([]byte(in))
	want := Finding{Code: "APIGW.0308", Message: "The throttling threshold has been reached.", HTTPStatus: 429, RequestID: "r-1", Shape: ShapeJSON}
	want.Offset = int64(strings.Index(in, "{"))
	want.Line = 6
	if len(got) != 1 || got[0] != want {
		t.Fatalf("got %s\nwant %+v", dump(got), want)
	}
	checkInvariants(t, []byte(in))
}

// TestReadThroughNotDecoration checks what is not read through: UTF-8 text
// whose bytes look like C1 controls (the colors inside the message are
// read through), lines that share the start of a JSON text.
func TestReadThroughNotDecoration(t *testing.T) {
	for _, tt := range []struct {
		name, in, msg string
	}{
		{"utf-8 C1 bytes", "\x1b[0m{\"error_code\":\"A.1\",\"error_msg\":\"Û ś ě 中文 \x1b[1mx\x1b[0m\"}\n", "Û ś ě 中文 x"},
		{"json lines", "{\"a\": \"x y\",\n{\"a\": \"x z\", \"error_code\":\"A.1\",\"error_msg\":\"m\"}\n", "m"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := All([]byte(tt.in))
			if len(got) != 1 || got[0].Message != tt.msg {
				t.Errorf("got %s, want message %q", dump(got), tt.msg)
			}
			checkInvariants(t, []byte(tt.in))
		})
	}
}

func TestEscapeLen(t *testing.T) {
	for in, want := range map[string]int{
		"\x1b[0m":                          4,
		"\x1b[38;5;208mx":                  11,
		"\x1b]8;;http://x\x1b\\y":          15,
		"\x1b]0;t\x07y":                    6,
		"\x9b1;2m":                         5,
		"\x9d8;;u\x9cz":                    6,
		"\x1b(B":                           3,
		"\x1b7":                            2,
		"\x1b[":                            1,
		"\x1b]" + strings.Repeat("x", 300): 1,
		"x":                                0,
	} {
		if got := escapeLen([]byte(in), 0); got != want {
			t.Errorf("escapeLen(%q) = %d, want %d", in, got, want)
		}
	}
	if n := escapeLen([]byte("\xc3\x9b1m"), 1); n != 0 {
		t.Errorf("the continuation byte of Û taken for a CSI of %d bytes", n)
	}
	if hasEscape([]byte("Û ś ě 中")) {
		t.Error("UTF-8 text taken for C1 controls")
	}
}

// TestKeyCutAtStart checks that a key whose first letter is not in the input
// (it starts with "rror", as a segment of a stream may) is read as it is
// after a space, without a crash.
func TestKeyCutAtStart(t *testing.T) {
	for _, in := range []string{"rror_code\": \"iMetal.0230\"\n", "rror_code: iMetal.0230", "rror\"", "rrorCode: iMetal.0230\n"} {
		got, want := All([]byte(in)), All([]byte(" "+in))
		if len(got) != len(want) {
			t.Fatalf("%q: %s, want %s", in, dump(got), dump(want))
		}
		for i := range got {
			if got[i].Code != want[i].Code || got[i].Shape != want[i].Shape || got[i].Offset != want[i].Offset-1 {
				t.Errorf("%q: %s, want %s", in, dump(got), dump(want))
			}
		}
	}
}

// TestPrefixAfterBlankLine checks that a line prefix shared by the lines
// after an empty line is read as at the input's start: the empty line is
// no blank line of the block (which would make any prefix read through).
// Here "errorCode: " is no prefix, and the Java SDK's block stays whole.
func TestPrefixAfterBlankLine(t *testing.T) {
	for _, in := range []string{
		"errorCode: iMetal.1'Exception{\nerrorCode: J.3\n}",
		"errorCode: 'iMetal.0201'XException {\nerrorCode: J.3\n}\n",
	} {
		want := All([]byte(in))
		if len(want) != 2 || want[1].Shape != ShapeJava {
			t.Fatalf("%q alone: %s, want a Java SDK block second", in, dump(want))
		}
		got := All([]byte("\n" + in))
		for i := range want {
			want[i].Offset++
			want[i].Line++
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("after an empty line, %q gives\n%s\nwant\n%s", in, dump(got), dump(want))
		}
	}
}

// TestReadThroughWrappedString checks that a JSON body whose lines a
// wrapping cut, inside a string or between a key and its value, in a
// prefixed block or in plain lines, is read as the text before the
// wrapping: the line break and the prefix go, and the space the wrapping
// took (Terraform's drops it) comes back.
func TestReadThroughWrappedString(t *testing.T) {
	const msg = "Insufficient IP addresses in subnet"
	tf := "Error running command './x': exit status 1. Output:\n" +
		"error retrieving BMS instances: Bad request with: [GET\n" +
		"http://127.0.0.1:8790/v1/0232/baremetalservers/detail],\n" +
		"request_id: 81cf600fe51c511f795c82880cf98d87, error message:\n"
	for _, tt := range []struct {
		name, in, msg string
		status        int
		requestID     string
	}{
		{"box, in the message", "│ Output:\n│ {\"error_msg\":\"Insufficient IP addresses in\n│ subnet\",\"error_code\":\"iMetal.0232\"}\n│ \n", msg, 0, ""},
		{"box, code first", "│ Output:\n│ {\"error_code\":\"iMetal.0232\",\"error_msg\":\"Insufficient IP addresses in\n│ subnet\"}\n│ \n", msg, 0, ""},
		{"box, before a value", "│ Output:\n│ {\"error_code\":\"iMetal.0232\",\"error_msg\":\n│ \"Insufficient IP addresses in subnet\"}\n│ \n", msg, 0, ""},
		{"box, before the code", "│ Output:\n│ {\"error_code\":\n│ \"iMetal.0232\",\"error_msg\":\"Insufficient IP addresses in subnet\"}\n", msg, 0, ""},
		{"quoted, twice in the message", "> Output:\n> {\"error_msg\":\"Insufficient IP\n> addresses in\n> subnet\",\"error_code\":\"iMetal.0232\"}\n", msg, 0, ""},
		{"log prefix", "2026-12-01T13:51:13.412Z ERROR {\"error_msg\":\"Insufficient IP addresses in\n2026-12-01T13:51:13.412Z ERROR subnet\",\"error_code\":\"iMetal.0232\"}\n", msg, 0, ""},
		{"log prefix, code first", "2026-12-01T13:51:13.412Z ERROR x\n2026-12-01T13:51:13.412Z ERROR {\"error_code\":\"iMetal.0232\",\"error_msg\":\"Insufficient IP addresses\n2026-12-01T13:51:13.412Z ERROR in subnet\"}\n", msg, 0, ""},
		{"plain, in the message", tf + "{\"error_msg\":\"Insufficient IP addresses in\nsubnet\",\"error_code\":\"iMetal.0232\"}\n\n", msg, 400, "81cf600fe51c511f795c82880cf98d87"},
		{"plain, code first", tf + "{\"error_code\":\"iMetal.0232\",\"error_msg\":\"Insufficient IP addresses in\nsubnet\"}\n", msg, 400, "81cf600fe51c511f795c82880cf98d87"},
		{"plain, twice in the message", tf + "{\"error_msg\":\"Insufficient IP\naddresses in\nsubnet\",\"error_code\":\"iMetal.0232\"}\n", msg, 400, "81cf600fe51c511f795c82880cf98d87"},
		{"plain, message key not searched for", "{\"message\":\"Insufficient IP addresses in\nsubnet\",\"error_code\":\"iMetal.0232\"}\n", msg, 0, ""},
		{"plain, before a value", tf + "{\"error_code\":\"iMetal.0232\",\"error_msg\":\n\"Insufficient IP addresses in subnet\"}\n", msg, 400, "81cf600fe51c511f795c82880cf98d87"},
		{"plain, space kept at the line's end", "{\"error_msg\":\"Insufficient IP addresses in \nsubnet\",\"error_code\":\"iMetal.0232\"}\n", msg, 0, ""},
		{"plain, CRLF", "{\"error_msg\":\"Insufficient IP addresses in\r\nsubnet\",\"error_code\":\"iMetal.0232\"}\r\n", msg, 0, ""},
		{"box, CRLF", "│ x\r\n│ {\"error_msg\":\"Insufficient IP addresses in\r\n│ subnet\",\"error_code\":\"iMetal.0232\"}\r\n", msg, 0, ""},
		// A quote that opens no JSON key or value does not join lines.
		{"prose quote", "he said \"see the error_code\nbelow\n{\"error_code\":\"iMetal.0232\",\"error_msg\":\"m\"}\n", "m", 0, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := All([]byte(tt.in))
			at := strings.Index(tt.in, "{\"")
			want := Finding{Code: "iMetal.0232", Message: tt.msg, HTTPStatus: tt.status, RequestID: tt.requestID, Shape: ShapeJSON,
				Offset: int64(at), Line: 1 + int64(strings.Count(tt.in[:at], "\n"))}
			if len(got) != 1 || got[0] != want {
				t.Fatalf("got %s\nwant %+v", dump(got), want)
			}
			checkInvariants(t, []byte(tt.in))
		})
	}
}

// TestLongLineBodies: bodies back to back on a line longer than maxViewLine
// are all found. The line was once cut at maxViewLine past its start and
// read through as a wrapped string (its quotes, cut, looked unpaired): the
// body that the cut fell in was lost.
func TestLongLineBodies(t *testing.T) {
	for _, sep := range []string{",", " ", ""} {
		var parts []string
		for i := range 300 {
			parts = append(parts, fmt.Sprintf(`{"error_code":"iMetal.0232","error_msg":"Insufficient IP addresses in subnet","request_id":"r%d"}`, i))
		}
		in := "[" + strings.Join(parts, sep) + "]\n"
		got := All([]byte(in))
		ids := map[string]bool{}
		for _, f := range got {
			ids[f.RequestID] = true
		}
		for i := range 300 {
			if id := fmt.Sprintf("r%d", i); !ids[id] {
				t.Errorf("separator %q: %s not found (%d findings)", sep, id, len(got))
			}
		}
	}
}
