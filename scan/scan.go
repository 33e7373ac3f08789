// Package scan finds the error responses of the iMetal bare-metal API (Huawei
// Cloud) inside arbitrary text — curl transcripts, application logs, SDK
// exceptions, any size, any bytes — and reports their raw fields as a stream.
// It knows nothing about what the codes mean.
//
// # Shapes
//
// A [Finding] is reported for every error body or SDK string whose error code
// looks like a code (Letters[alnum]*.digits, see [Finding.Code]):
//
//   - [ShapeJSON]: a JSON object with an "error_code" key and a message under
//     "error_msg", "error_message", "message" or "msg"; any key order, any
//     spacing, pretty-printed or not, inside surrounding text or back to back.
//   - [ShapeNested]: {"error": {"code": "...", "message": "..."}}.
//   - [ShapeGoSDK]: the string of the Go SDK's ServiceResponseError,
//     {"status_code":400,"request_id":"...","error_code":"...","error_message":"...",...}.
//   - [ShapePython]: "ClientRequestException - {status_code:404,request_id:...,error_code:...,error_msg:... }"
//     (also ServerResponseException and ServiceResponseException).
//   - [ShapeJava]: the multi-line "ClientRequestException {" block of the Java SDK
//     with httpStatusCode, errorCode, errorMsg and requestId lines.
//
// A JSON body that directly follows an HTTP response header block (curl -i,
// curl -v) takes its status and X-Request-Id from that block, and the
// request line of curl -v as context. Each block is used by at most one body.
//
// # Guarantees
//
// The scan never panics, reads its input as a stream through a buffer of
// about 3 MiB whatever the input size or line length, and does work linear in
// the input. Findings come out in input order (by [Finding.Offset]). A finding
// never holds a NUL byte; Message is capped at 1 MiB, RequestID at 128 bytes
// and Request at 2 KiB (Truncated is set when a field was cut). A request
// header's value is never copied into a finding, and query parameters that
// look like credentials are masked in Request.
//
// Junk around an error does not hide it: for any texts j1, j2 and a, the
// (Code, Message) pairs found in a are a sub-multiset of those found in
// j1+"\n"+a+"\n"+j2, provided a's JSON bodies each start within 48 KiB of
// their error key, nest at most 512 levels deep, and no JSON object from j1
// that encloses a (unclosed braces) spans more than about 1 MiB. Without the
// newlines the property usually holds, but junk on the same line can, for
// example, open a JSON string that swallows a body.
//
// Findings are produced once about 1 MiB of input past them has been read, or
// at end of input; the scanner is meant for pasted, piped and stored text, not
// for following a live stream line by line.
package scan

import (
	"bytes"
	"errors"
	"io"
	"sync/atomic"
)

// Shape says which form an error was found in.
type Shape string

// The shapes a finding can have.
const (
	ShapeJSON   Shape = "json"        // {"error_code": "...", "error_msg": "..."}
	ShapeNested Shape = "nested-json" // {"error": {"code": "...", "message": "..."}}
	ShapeGoSDK  Shape = "go-sdk"      // {"status_code":400,"request_id":"…","error_code":"…","error_message":"…",...}
	ShapePython Shape = "python-sdk"  // ClientRequestException - {status_code:404,request_id:…,error_code:…,error_msg:… }
	ShapeJava   Shape = "java-sdk"    // ClientRequestException {\n    httpStatusCode: 400\n    errorCode: …\n ...}
)

// Finding is one error response found in the input, with its fields as
// received.
type Finding struct {
	// Code is the error code as found (trimmed, not normalized), for
	// example "iMetal.0230" or "APIGW.0301". It always matches
	// ^[A-Za-z][A-Za-z0-9]*\.[0-9]{1,6}$ and is at most 64 bytes long.
	Code string
	// Message is the error message as received, JSON escapes decoded; ""
	// if none.
	Message string
	// HTTPStatus is the HTTP status from the body or SDK string, else from
	// the HTTP status line right before the body; 0 if unseen.
	HTTPStatus int
	// RequestID comes from the body or SDK string, else from the
	// X-Request-Id header of the response the body belongs to; "" if unseen.
	RequestID string
	// Request is the method and target of the curl -v request line the
	// response answers, for example "POST /v1/0123/baremetalservers", with
	// credential-like query parameter values masked as "***"; "" if none.
	Request string
	// Shape is the form the error was found in.
	Shape Shape
	// Offset is the byte offset in the input where the error body or SDK
	// string starts.
	Offset int64
	// Truncated reports that a field was longer than its cap and was cut.
	Truncated bool
}

// Sizes and caps. The buffer holds lookback bytes behind the search position,
// chunk bytes to search and maxObject bytes ahead of it, so that every body
// that starts before the search limit is whole in the buffer.
const (
	lookback     = 64 << 10 // bytes kept behind the search position
	jsonLook     = 48 << 10 // how far before its error key a JSON body may start
	sdkLook      = 4 << 10  // how far before its error key an SDK string may start
	ctxLook      = 16 << 10 // how far before a body its HTTP header block may be
	chunk        = 2 << 20  // bytes searched between refills
	maxMessage   = 1 << 20
	maxObject    = maxMessage + 64<<10 // larger bodies are skipped
	maxCode      = 64
	maxRequestID = 128
	maxRequest   = 2 << 10
	maxDepth     = 512 // JSON nesting followed inside one body
	initialBuf   = 64 << 10
	fullBuf      = lookback + chunk + maxObject
	maxCodes     = 1024 // interned code strings
)

// triggers are the bytes searched for on the hot path, with bytes.IndexByte:
// '_' of error_code (JSON, Go SDK, Python), 'C' of errorCode (Java) and the
// '{' that follows a nested "error" key. Each is checked for the key around
// it; three vectorized byte searches beat one search for a common substring.
var triggers = [...]byte{'_', 'C', '{'}

// Scanner reads input and reports the error responses in it, one per call of
// Scan. It must not be used from several goroutines, except BytesRead.
type Scanner struct {
	r      io.Reader
	buf    []byte
	base   int64 // input offset of buf[0]
	end    int   // buf[:end] holds input
	pos    int   // next index to search from
	eof    bool
	done   bool
	err    error
	read   atomic.Int64
	binary bool
	work   int64 // bytes examined, for the linear-work tests

	tok     tokenizer
	parser  parser
	horizon int64 // JSON keys before this were covered by a parse
	ranges  []doneRange
	rhead   int

	pyLast, pyWater     int64
	javaLast, javaWater int64
	ctxFloor            int64 // HTTP context before this was used or is stale

	next [len(triggers)]int // buffer index of each trigger's next occurrence; -1 if unknown

	pending []Finding
	phead   int
	cur     Finding
	scratch []byte
	codes   map[string]string
}

// New returns a Scanner reading from r.
func New(r io.Reader) *Scanner {
	s := &Scanner{r: r}
	s.init()
	return s
}

func (s *Scanner) init() {
	s.pyLast, s.javaLast = -1, -1
	s.next = [len(triggers)]int{-1, -1, -1}
}

// All returns the findings in b, in input order.
func All(b []byte) []Finding {
	s := &Scanner{buf: b, end: len(b), eof: true}
	s.init()
	s.read.Store(int64(len(b)))
	s.binary = bytes.IndexByte(b, 0) >= 0
	var out []Finding
	for s.Scan() {
		out = append(out, s.Finding())
	}
	return out
}

// Scan advances to the next finding, in input order. It returns false at the
// end of the input or on a read error; see Err.
func (s *Scanner) Scan() bool {
	for {
		if s.phead < len(s.pending) {
			// Nothing found later can start before pos-lookback, so
			// findings before that are in their final order.
			if s.done || s.pending[s.phead].Offset < s.base+int64(s.pos)-lookback {
				s.cur = s.pending[s.phead]
				s.pending[s.phead] = Finding{}
				s.phead++
				s.compactPending()
				return true
			}
		}
		if s.done {
			s.cur = Finding{}
			return false
		}
		s.step()
	}
}

// Finding returns the finding of the last successful Scan.
func (s *Scanner) Finding() Finding { return s.cur }

// Err returns the error that stopped reading, if any; it is nil at a plain
// end of input.
func (s *Scanner) Err() error { return s.err }

// BytesRead returns the number of bytes consumed from the reader so far. It
// may be called from another goroutine while scanning, for progress reports.
func (s *Scanner) BytesRead() int64 { return s.read.Load() }

// SawBinary reports whether the input read so far contained NUL bytes. Such
// binary spans are never part of a finding; the text around them is still
// searched.
func (s *Scanner) SawBinary() bool { return s.binary }

func (s *Scanner) compactPending() {
	if s.phead == len(s.pending) {
		s.pending = s.pending[:0]
		s.phead = 0
		return
	}
	if s.phead >= 4096 && 2*s.phead >= len(s.pending) {
		n := copy(s.pending, s.pending[s.phead:])
		clear(s.pending[n:])
		s.pending = s.pending[:n]
		s.phead = 0
	}
}

// step handles the next trigger byte in the buffer, or refills it.
func (s *Scanner) step() {
	limit := s.end
	if !s.eof {
		limit = s.end - maxObject
	}
	if s.pos >= limit {
		if s.eof {
			s.done = true
			return
		}
		s.fill()
		return
	}
	p, which := limit, -1
	for k, c := range triggers {
		n := s.next[k]
		if n < s.pos {
			n = limit
			if i := bytes.IndexByte(s.buf[s.pos:limit], c); i >= 0 {
				n = s.pos + i
			}
			s.work += int64(n - s.pos)
			s.next[k] = n
		}
		if n < p {
			p, which = n, k
		}
	}
	if which < 0 {
		s.pos = limit
		return
	}
	s.pos = p + 1
	b := s.buf[:s.end]
	switch triggers[which] {
	case '_', 'C':
		if p >= 5 && hasAt(b, p-5, "error") {
			s.anchor(p - 4)
		}
	case '{':
		// {"error": {  — the brace of a nested body's inner object.
		i := skipBackWS(b, p, 16)
		if i == 0 || b[i-1] != ':' {
			return
		}
		i = skipBackWS(b, i-1, 16)
		if i >= 7 && hasAt(b, i-7, "\"error\"") {
			s.jsonAnchor(i - 7)
		}
	}
}

var errNoProgress = errors.New("scan: reader returned no data and no error 100 times")

// fill keeps lookback bytes behind pos, grows the buffer up to its full size
// and reads until it is full or the input ends.
func (s *Scanner) fill() {
	s.next = [len(triggers)]int{-1, -1, -1}
	if keep := s.pos - lookback; keep > 0 {
		n := copy(s.buf, s.buf[keep:s.end])
		s.base += int64(keep)
		s.end = n
		s.pos -= keep
	}
	if len(s.buf) < fullBuf && s.end >= len(s.buf)/2 {
		nb := make([]byte, min(max(2*len(s.buf), initialBuf), fullBuf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for empty := 0; s.end < len(s.buf); {
		n, err := s.r.Read(s.buf[s.end:])
		if n > 0 {
			if !s.binary && bytes.IndexByte(s.buf[s.end:s.end+n], 0) >= 0 {
				s.binary = true
			}
			s.end += n
			s.read.Add(int64(n))
			empty = 0
		}
		if err != nil {
			if err != io.EOF {
				s.err = err
			}
			s.eof = true
			return
		}
		if n == 0 {
			if empty++; empty >= 100 {
				s.err = errNoProgress
				s.eof = true
				return
			}
		}
	}
}

// anchor looks at the "rror" of error_code or errorCode at p and hands it to
// the shape it may belong to.
func (s *Scanner) anchor(p int) {
	b := s.buf[:s.end]
	if p == 0 || b[p-1] != 'e' {
		return
	}
	k := p + len("rror")
	switch {
	case hasAt(b, k, "_code"):
		k += len("_code")
		if p >= 2 && b[p-2] == '"' {
			if k < len(b) && b[k] == '"' && colonAt(b, k+1) >= 0 {
				s.jsonAnchor(p - 2)
			}
			return
		}
		if colonAt(b, k) >= 0 {
			s.pyAnchor(p - 1)
		}
	case hasAt(b, k, "Code"):
		if colonAt(b, k+len("Code")) >= 0 {
			s.javaAnchor(p - 1)
		}
	}
}

func hasAt(b []byte, i int, lit string) bool {
	return i+len(lit) <= len(b) && string(b[i:i+len(lit)]) == lit
}

// colonAt returns the index of the colon that follows i after at most 64
// bytes of white space, or -1.
func colonAt(b []byte, i int) int {
	i = skipSpace(b, i, 64)
	if i < len(b) && b[i] == ':' {
		return i
	}
	return -1
}

// skipBackWS returns i moved back over at most n bytes of white space.
func skipBackWS(b []byte, i, n int) int {
	for stop := max(0, i-n); i > stop && isSpace(b[i-1]); i-- {
	}
	return i
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func skipSpace(b []byte, i, n int) int {
	for stop := min(len(b), i+n); i < stop; i++ {
		switch b[i] {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return i
	}
	return i
}

// emit queues f, keeping the queue sorted by offset; findings mostly arrive
// in order, so the insertion is at or near the end.
func (s *Scanner) emit(f Finding) {
	if !clean(&f) {
		return
	}
	s.pending = append(s.pending, f)
	i := len(s.pending) - 1
	for i > s.phead && s.pending[i-1].Offset > f.Offset {
		s.pending[i] = s.pending[i-1]
		i--
	}
	s.pending[i] = f
}

// clean is the last guard of the promise that no field holds a NUL byte.
func clean(f *Finding) bool {
	for _, v := range [...]string{f.Code, f.Message, f.RequestID, f.Request} {
		if stringsHasNUL(v) {
			return false
		}
	}
	return true
}

func stringsHasNUL(v string) bool {
	for i := 0; i < len(v); i++ {
		if v[i] == 0 {
			return true
		}
	}
	return false
}

// intern returns code as a string, sharing the strings of codes seen before:
// logs repeat a few codes many times.
func (s *Scanner) intern(code []byte) string {
	if v, ok := s.codes[string(code)]; ok {
		return v
	}
	v := string(code)
	if s.codes == nil {
		s.codes = make(map[string]string)
	}
	if len(s.codes) < maxCodes {
		s.codes[v] = v
	}
	return v
}

// isCode reports whether b looks like an error code:
// ^[A-Za-z][A-Za-z0-9]*\.[0-9]{1,6}$, at most maxCode bytes.
func isCode(b []byte) bool {
	if len(b) < 3 || len(b) > maxCode || !isLetter(b[0]) {
		return false
	}
	dot := bytes.IndexByte(b, '.')
	if dot < 0 || len(b)-dot-1 < 1 || len(b)-dot-1 > 6 {
		return false
	}
	for _, c := range b[1:dot] {
		if !isLetter(c) && !isDigit(c) {
			return false
		}
	}
	for _, c := range b[dot+1:] {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// status parses a 3-digit HTTP status, or returns 0.
func status(b []byte) int {
	b = bytes.TrimSpace(b)
	if len(b) != 3 || !isDigit(b[0]) || !isDigit(b[1]) || !isDigit(b[2]) || b[0] == '0' {
		return 0
	}
	return int(b[0]-'0')*100 + int(b[1]-'0')*10 + int(b[2]-'0')
}

// capped returns b cut to at most n bytes, backing off to a UTF-8 rune start,
// and whether it was cut.
func capped(b []byte, n int) ([]byte, bool) {
	if len(b) <= n {
		return b, false
	}
	i := n
	for j := 0; j < 3 && i > 0 && b[i]&0xC0 == 0x80; j++ {
		i--
	}
	return b[:i], true
}
