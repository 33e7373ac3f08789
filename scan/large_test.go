package scan

import (
	"io"
	"os"
	"strings"
	"testing"
)

// TestHugeBody checks that size never costs a field before the long value:
// a body whose message is megabytes long still gives its code, its status
// and request id (from the headers, or from the body before the message),
// the offset of its brace, and the message's start, cut and marked cut.
func TestHugeBody(t *testing.T) {
	const headers = "HTTP/1.1 400 Bad Request\r\nX-Request-Id: 5c1cfbd4\r\nContent-Type: application/json\r\n\r\n"
	for _, size := range []int{2 << 20, 64 << 20} {
		for _, tt := range []struct {
			name, head, body string
			status           int
			reqID            string
		}{
			{"headers", headers, `{"error_code":"iMetal.0101","error_msg":"`, 400, "5c1cfbd4"},
			{"body fields first", "note\n", `{"status_code":409,"request_id":"r-1","error_code":"iMetal.0101","error_message":"`, 409, "r-1"},
		} {
			prefix := tt.head + tt.body
			suffix := "\",\"request_id\":\"late\"}\n{\"error_code\":\"B.2\",\"error_msg\":\"after\"}\n"
			in := func() io.Reader {
				return io.MultiReader(strings.NewReader(prefix), io.LimitReader(&runeReader{enc: []byte("é")}, int64(size)), strings.NewReader(suffix))
			}
			got := allOf(New(in()))
			if len(got) != 2 {
				t.Fatalf("%d MiB, %s: %d findings, want 2", size>>20, tt.name, len(got))
			}
			f := got[0]
			if f.Code != "iMetal.0101" || f.HTTPStatus != tt.status || f.RequestID != tt.reqID || !f.Truncated ||
				f.Offset != int64(len(tt.head)) || f.Line != 1+int64(strings.Count(tt.head, "\n")) {
				f.Message = f.Message[:min(len(f.Message), 20)]
				t.Errorf("%d MiB, %s: got %+v", size>>20, tt.name, f)
			}
			if len(f.Message) < maxMessage-2 || len(f.Message) > maxMessage || strings.Trim(f.Message, "é") != "" {
				t.Errorf("%d MiB, %s: message of %d bytes, want nearly %d of é", size>>20, tt.name, len(f.Message), maxMessage)
			}
			if got[1].Code != "B.2" || got[1].Message != "after" {
				t.Errorf("%d MiB, %s: after it, got %+v", size>>20, tt.name, got[1])
			}
			if size == 2<<20 {
				b, _ := io.ReadAll(in())
				checkInvariants(t, b)
				if all := All(b); len(all) != 2 || all[0] != got[0] {
					a := all[0]
					a.Message, f.Message = "", ""
					t.Errorf("%s: All differs from the stream:\n%+v\n%+v", tt.name, a, f)
				}
			}
		}
	}
}

// runeReader reads the UTF-8 encoding of a rune, over and over; a limit
// may cut it in the middle.
type runeReader struct {
	enc []byte
	off int
}

func (r *runeReader) Read(b []byte) (int, error) {
	for i := range b {
		b[i] = r.enc[r.off]
		r.off = (r.off + 1) % len(r.enc)
	}
	return len(b), nil
}

// TestHugeBodyMapped checks the same on a file that is mapped, not read.
func TestHugeBodyMapped(t *testing.T) {
	head := "HTTP/1.1 400 Bad Request\nX-Request-Id: 5c1cfbd4\n\n"
	in := head + `{"error_code":"iMetal.0101","error_msg":"` + strings.Repeat("x", 6<<20) + `"}` + "\n"
	name := t.TempDir() + "/huge.log"
	if err := os.WriteFile(name, []byte(in), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := allOf(New(f))
	if len(got) != 1 || got[0].Code != "iMetal.0101" || got[0].HTTPStatus != 400 || got[0].RequestID != "5c1cfbd4" ||
		got[0].Offset != int64(len(head)) || got[0].Line != 4 || len(got[0].Message) != maxMessage || !got[0].Truncated {
		t.Errorf("got %d findings: %.300s", len(got), dump(got))
	}
}
