package cmd

import (
	"bytes"
	"io"
	"os"
	"sync/atomic"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// UTF-16 input: what Windows PowerShell 5.1's > writes, and what some editors save. The
// scanner reads bytes and would see NUL bytes between the letters, so such an input is
// decoded to UTF-8 first (golang.org/x/text's decoder: a BOM decides the byte order, lone
// surrogates become U+FFFD). Offsets and lines are then those of the decoded text.

// utf16Order tells UTF-16 from the first bytes of an input: a byte-order mark, or, without
// one, two ASCII characters each followed (little-endian) or preceded (big-endian) by a NUL.
func utf16Order(b []byte) (unicode.Endianness, bool) {
	if len(b) >= 2 {
		switch {
		case b[0] == 0xFF && b[1] == 0xFE && !(len(b) >= 4 && b[2] == 0 && b[3] == 0): // not UTF-32
			return unicode.LittleEndian, true
		case b[0] == 0xFE && b[1] == 0xFF:
			return unicode.BigEndian, true
		}
	}
	if len(b) < 4 {
		return unicode.LittleEndian, false
	}
	ascii := func(c byte) bool { return c >= 0x20 && c < 0x7F || c == '\t' || c == '\n' || c == '\r' }
	switch {
	case ascii(b[0]) && b[1] == 0 && ascii(b[2]) && b[3] == 0:
		return unicode.LittleEndian, true
	case b[0] == 0 && ascii(b[1]) && b[2] == 0 && ascii(b[3]):
		return unicode.BigEndian, true
	}
	return unicode.LittleEndian, false
}

func utf16Decoder(r io.Reader, e unicode.Endianness) io.Reader {
	return transform.NewReader(r, unicode.UTF16(e, unicode.UseBOM).NewDecoder())
}

// decodeFileUTF16 returns a decoding reader for a regular file that holds UTF-16 from its
// current offset, and nil for any other (which the scanner then maps as it is).
func decodeFileUTF16(f *os.File) *utf16File {
	pos, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil
	}
	var head [4]byte
	n, _ := f.ReadAt(head[:], pos)
	e, ok := utf16Order(head[:n])
	if !ok {
		return nil
	}
	d := &utf16File{f: f}
	d.Reader = utf16Decoder(readerFunc(d.read), e)
	return d
}

// utf16File is a UTF-16 file's decoding reader. It counts the file's own bytes, for the
// progress line, which compares them with the file's size: the decoded text is shorter
// (about half, for ASCII) or longer.
type utf16File struct {
	io.Reader
	f   *os.File
	raw atomic.Int64
}

func (d *utf16File) read(p []byte) (int, error) {
	n, err := d.f.Read(p)
	d.raw.Add(int64(n))
	return n, err
}

// Raw returns how many bytes of the file have been read so far; safe to call from another
// goroutine.
func (d *utf16File) Raw() int64 { return d.raw.Load() }

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

// sniffUTF16 passes a stream through as it is, unless its first read looks like UTF-16:
// then it decodes the stream from its start. Nothing is copied for other streams.
type sniffUTF16 struct {
	r       io.Reader
	dec     io.Reader // the decoder, once the stream is known to be UTF-16
	decided bool
}

func (s *sniffUTF16) Read(p []byte) (int, error) {
	switch {
	case s.dec != nil:
		return s.dec.Read(p)
	case s.decided:
		return s.r.Read(p)
	}
	n, err := s.r.Read(p)
	if n == 0 {
		return n, err
	}
	s.decided = true
	e, ok := utf16Order(p[:n])
	if !ok {
		return n, err
	}
	rest := s.r
	if err != nil {
		rest = errReader{err}
	}
	s.dec = utf16Decoder(io.MultiReader(bytes.NewReader(bytes.Clone(p[:n])), rest), e)
	return s.dec.Read(p)
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
