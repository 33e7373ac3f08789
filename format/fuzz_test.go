package format

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/imetal-tools/imetal-err/catalog"
)

// FuzzFindings renders a finding built from arbitrary received text in every style and
// checks the output boundary: valid UTF-8, no control, C1 or format character but the
// tool's own color sequences, valid JSON, and tables no wider than asked.
func FuzzFindings(f *testing.F) {
	f.Add("iMetal.0230", "Subnet not found: [a, b]", "req-1", 404, 80)
	f.Add("iMetal.0110", "Inspect Physical servers error: [x], \x1b]0;t\x07", "\u202e", 400, 40)
	f.Add("\xff\xfe", strings.Repeat("é\u0301", 50), "\x00", 0, 20)
	f.Add("APIGW.0301", "Incorrect IAM authentication information: decrypt token fail", "r", 401, 120)
	seeds := clientSeeds()
	if len(seeds) == 0 {
		f.Fatal("no seeds from ../testdata/clients/expected.json")
	}
	for _, c := range seeds {
		f.Add(c.code, c.line, c.reqID, c.status, 80)
	}
	cat := catalog.Default()
	f.Fuzz(func(t *testing.T, code, msg, reqID string, status, width int) {
		d := cat.Diagnose(code, status, msg)
		fd := Finding{Diagnosis: d, RequestID: reqID, Request: msg, Shape: "json", Input: reqID, Offset: int64(len(msg))}
		width = 40 + abs(width)%160
		for _, st := range Styles {
			for _, color := range []bool{false, true} {
				var b bytes.Buffer
				if err := Findings(&b, []Finding{fd}, Options{Style: st, Color: color, Width: width}); err != nil {
					t.Fatal(err)
				}
				checkOutput(t, b.String(), color)
				if st == JSON && !json.Valid(b.Bytes()) {
					t.Fatalf("invalid JSON: %s", b.String())
				}
				if st == Table {
					for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
						if w := displayWidth(line); w > width {
							t.Fatalf("line %d columns wide at width %d: %q", w, width, line)
						}
					}
				}
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		if n == -n { // math.MinInt
			return 0
		}
		return -n
	}
	return n
}

// checkOutput fails on any character that could act on a terminal or reorder text.
func checkOutput(t *testing.T, out string, color bool) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("output is not valid UTF-8: %q", out)
	}
	if color {
		out = stripSGR(out)
	}
	for _, r := range out {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r) {
			t.Fatalf("raw %U in output: %q", r, out)
		}
	}
}

// clientSeed is a response of the real clients' captures (testdata/clients):
// its code, status and request id, and the first line of the capture that
// holds the code (ANSI colors and all) as received text.
type clientSeed struct {
	code, line, reqID string
	status            int
}

func clientSeeds() []clientSeed {
	dir := filepath.Join("..", "testdata", "clients")
	b, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		return nil
	}
	var want map[string][]struct {
		Code       string `json:"code"`
		HTTPStatus int    `json:"http_status"`
		RequestID  string `json:"request_id"`
	}
	if json.Unmarshal(b, &want) != nil {
		return nil
	}
	var out []clientSeed
	for name, rs := range want {
		text, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		for _, r := range rs {
			line := ""
			for _, l := range strings.Split(string(text), "\n") {
				if strings.Contains(l, r.Code) {
					line = l[:min(len(l), 512)]
					break
				}
			}
			out = append(out, clientSeed{r.Code, line, r.RequestID, r.HTTPStatus})
		}
	}
	return out
}
