package scan

import (
	"bytes"
	"strings"
	"testing"
)

// checkLine checks that f's line is that of its offset in in.
func checkLine(t *testing.T, in []byte, f Finding) {
	t.Helper()
	if f.Offset < 0 || f.Offset > int64(len(in)) {
		return // reported by the offset checks
	}
	if want := 1 + int64(bytes.Count(in[:f.Offset], []byte("\n"))); f.Line != want {
		t.Fatalf("finding %s at offset %d: line %d, want %d", f.Code, f.Offset, f.Line, want)
	}
}

func TestLines(t *testing.T) {
	body := `{"error_code":"A.1","error_msg":"m"}`
	for name, tt := range map[string]struct {
		in   string
		want []int64
	}{
		"first line":       {body, []int64{1}},
		"after lines":      {"a\nb\n\n" + body + "\n" + body, []int64{4, 5}},
		"pretty":           {"x\n{\n  \"error_code\": \"A.1\",\n  \"error_msg\": \"m\"\n}\n", []int64{2}},
		"crlf":             {"a\r\nb\r\n" + body, []int64{3}},
		"escaped in a log": {"x\n" + `{"level":"error","err":"{\"error_code\":\"A.1\",\"error_msg\":\"a\\nb\"}"}` + "\n" + body, []int64{2, 3}},
		// The enclosing body is found after the inner ones, and counted back to.
		"enclosing": {"\n\n{\"error_code\":\"A.1\",\"x\":\n{\"error_code\":\"B.1\",\"y\":\n{\"error_code\":\"C.1\"}}}", []int64{3, 4, 5}},
		"sdk":       {"x\nClientRequestException - {status_code:404,error_code:A.1,error_msg:m }\nFooException {\n errorCode: C.3\n}\n", []int64{2, 3}},
	} {
		t.Run(name, func(t *testing.T) {
			in := []byte(tt.in)
			got := All(in)
			if len(got) != len(tt.want) {
				t.Fatalf("got %s", dump(got))
			}
			for i, f := range got {
				if f.Line != tt.want[i] {
					t.Errorf("finding %d (%s): line %d, want %d", i, f.Code, f.Line, tt.want[i])
				}
			}
			checkInvariants(t, in)
		})
	}
}

// TestLinesLarge checks lines across buffer refills, mapped windows and
// parallel segments, in a log larger than the buffer.
func TestLinesLarge(t *testing.T) {
	in := genLog(12<<20, 7)
	want := All(in)
	if len(want) < 100 {
		t.Fatalf("only %d findings", len(want))
	}
	for _, f := range want {
		checkLine(t, in, f)
	}
	for _, f := range allOf(New(bytes.NewReader(in))) {
		checkLine(t, in, f)
	}
	for _, seg := range []int64{100 << 10, 1 << 20} {
		got, _, _ := allPar(in, seg, warmUp, 2, maxSegFindings)
		if len(got) != len(want) {
			t.Fatalf("segments of %d: %d findings, want %d", seg, len(got), len(want))
		}
		for _, f := range got {
			checkLine(t, in, f)
		}
	}
	if n := strings.Count(string(in), "\n"); n < 10000 {
		t.Fatalf("only %d lines", n)
	}
}
