package cmd

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

// TestParseUTF16 checks that an input in UTF-16 (PowerShell 5.1's >), with or without a
// byte-order mark, in either order, gives the same finding as its UTF-8 text, read from a
// file and from a stream, and no note about binary data.
func TestParseUTF16(t *testing.T) {
	const body = `{"error_msg": "Subnet not found: [subnet-1, subnet-2]", "error_code": "iMetal.0230"}` + "\n"
	const want = "iMetal.0230\ttrue\t\t404\t\tSubnet not found: [subnet-1, subnet-2]\tsubnet-1,subnet-2\t"
	for _, tt := range []struct {
		name string
		e    unicode.Endianness
		bom  unicode.BOMPolicy
	}{
		{"le-bom", unicode.LittleEndian, unicode.UseBOM},
		{"be-bom", unicode.BigEndian, unicode.UseBOM},
		{"le", unicode.LittleEndian, unicode.IgnoreBOM},
		{"be", unicode.BigEndian, unicode.IgnoreBOM},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data, err := unicode.UTF16(tt.e, tt.bom).NewEncoder().Bytes([]byte("log line\n" + body))
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := utf16Order(data); !ok {
				t.Fatalf("utf16Order(% x) found no UTF-16", data[:4])
			}
			path := filepath.Join(t.TempDir(), "u16.txt")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runArgs(t, false, nil, "parse", "-o", "tsv", path)
			if code != exitOK || !strings.Contains(out, want) || strings.Contains(errOut, "binary") {
				t.Errorf("file: exit %d, stdout %q, stderr %q; want %q", code, out, errOut, want)
			}
			ios, in, out2, errOut2 := testIOStreams(false, nil)
			in.Write(data)
			code = run(context.Background(), ios, []string{"parse", "-o", "tsv"})
			if code != exitOK || !strings.Contains(out2.String(), want) || strings.Contains(errOut2.String(), "binary") {
				t.Errorf("stream: exit %d, stdout %q, stderr %q; want %q", code, out2, errOut2, want)
			}
		})
	}
	// UTF-8 text, and binary data, are not taken for UTF-16.
	for _, b := range []string{"{\"a\"", "ab\x00", "\x00\x00\x00\x01", "\xff\xfe\x00\x00", "a\x00\x01\x00"} {
		if _, ok := utf16Order([]byte(b)); ok {
			t.Errorf("utf16Order(%q) took it for UTF-16", b)
		}
	}
}

// TestUTF16FileCountsRawBytes checks that a UTF-16 file's reader counts the file's bytes,
// which the progress line compares with the file's size, not the decoded ones (about half).
func TestUTF16FileCountsRawBytes(t *testing.T) {
	text := strings.Repeat(`{"error_code": "iMetal.0230", "error_msg": "Subnet not found"}`+"\n", 500)
	data, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "utf16.log")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := decodeFileUTF16(f)
	if d == nil {
		t.Fatal("decodeFileUTF16 found no UTF-16")
	}
	got, err := io.ReadAll(d)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != text {
		t.Fatalf("decoded %d bytes, want the %d of the text", len(got), len(text))
	}
	if d.Raw() != int64(len(data)) {
		t.Errorf("Raw() = %d, want the file's size %d (decoded: %d)", d.Raw(), len(data), len(got))
	}
}
