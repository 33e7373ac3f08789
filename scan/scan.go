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
// A code of a known namespace — iMetal, APIGW or APIG, in any case, and
// those given to [New] — is found wherever it stands, also in prose, and
// read from the code outward (record.go): the record around it, in any of
// the notations clients print (JSON, JavaScript object literals, Python
// dicts, Go's %v/%+v/%#v, logfmt, key: value lines), gives its fields by
// key family, the enclosing records the status and request id it lacks.
// Such findings have the shapes [ShapeJSObject], [ShapePyDict],
// [ShapeGoStruct], [ShapeLogfmt] and [ShapeText] (or [ShapeJSON]).
//
// A JSON body that directly follows an HTTP response header block (curl -i,
// curl -v) takes its status and X-Request-Id from that block, and the
// request line of curl -v as context. Each block is used by at most one body.
// Any body also takes what it lacks from the transport text before it
// (transport.go): a status line after any prefix, headers in any
// indentation, curl's and wget's error lines, an access log line, the
// Terraform provider's status words and request_id; and a body alone on its
// lines takes a status from the line after it as curl -w prints it
// ("http_code=400").
//
// A response printed twice in one place (an SDK logs it, then raises it)
// is one finding, its fields merged (merge.go); findings are therefore
// handed over only once the text mergeLook bytes past them was searched.
//
// Decorated text is read as if the decoration were not there (see view.go):
// ANSI escape sequences (CSI, OSC and the other string sequences, 7-bit and
// 8-bit C1 forms), and a prefix that each line of a record carries: the "> "
// of a quoted reply, Terraform's "│ " box, the "api-1  | " column of docker
// compose logs, a log line's timestamp and level repeated on each line of a
// pretty-printed body, of a response after its headers or of a JSON string
// that a wrapping cut. A wrapping inside a JSON string (Terraform wraps its
// diagnostics at the terminal's width, box or not) is undone: the line
// break and the prefix go, and the space the wrapping took comes back.
// Offsets and lines are those of the input as given. Escape sequences in
// text read through this way do not reach a finding's fields; text that
// junk keeps from being read through (see the junk property below) may
// leave one in a message, so a caller sanitizes what it shows, as cmd does
// with package sanitize.
//
// # Guarantees
//
// The scan never panics and does work linear in the input. Findings come out
// in input order (by [Finding.Offset]), each with the 1-based line of its
// offset ([Finding.Line]), the same whether the input was read as a stream,
// in windows, scanned in parallel segments or followed live. A finding never holds a NUL byte;
// Message is capped at 1 MiB, RequestID at 128 bytes and Request at 2 KiB
// (Truncated is set when a field was cut). A JSON body too large to hold
// (a message of many megabytes) is still reported, at its brace, with its
// code, the start of its message, and the fields and HTTP headers before
// it; only fields after the long value are lost. A request header's value is never
// copied into a finding, and query parameters that look like credentials are
// masked in Request.
//
// Memory is bounded whatever the input size or line length. A stream is read
// through a buffer of about 3 MiB. A regular *os.File of 4 MiB or more (on
// Linux, macOS and FreeBSD) is read with pread, one window of about 2 MiB at
// a time, into buffers reused from window to window (faults on the pages
// of a memory-mapped file cost more than the copy), so that no more of the
// file is ever resident on the scanner's account. The scan then
// starts at the file's current offset and leaves the file at its end, as
// reading would; a file that shrinks under the scanner ends the scan with an
// error rather than a crash.
//
// A Scanner hands a finding over once it has read far enough past it, up to
// about 1 MiB, or at the end of the input: on a stream that stays open and
// quiet (tail -f), use [Live], which hands findings over when it pauses.
//
// A file of 16 MiB or more is scanned in segments of up to 4 MiB
// (smaller where findings are dense) by GOMAXPROCS goroutines, each with a
// window of its own, while Scan hands out the findings; at most
// GOMAXPROCS+1 segments are held at once, with up to 4096 findings or 1 MiB
// of their fields each (past that, Scan goes on with the segment itself).
// The findings and their order are exactly those of one goroutine reading
// the file: each segment is scanned from a little before its start, and its
// findings replace those of the previous segment only from the first key
// after which both scanners' states are found equal (see par.go); if none
// is, the previous segment's scanner goes on through the next segment
// itself. A Scanner dropped before the end stops its goroutines and frees
// its windows.
//
// Junk around an error does not hide it: for any texts j1, j2 and a, the
// (Code, Message) pairs found in a are a sub-multiset of those found in
// j1+"\n"+a+"\n"+j2, each print of a response counted (junk may take from
// a body the status or request id that kept it apart from the SDK error
// printed after it, see merge.go), provided a's JSON bodies each start within 48 KiB of
// their error key, nest at most 512 levels deep, and no JSON object from j1
// that encloses a (unclosed braces) spans more than about 1 MiB. Without the
// newlines the property usually holds, but junk on the same line can, for
// example, open a JSON string that swallows a body. Nor does it cover a body
// that a quote before it on its own line puts inside a string, which is
// found by a second, looser search (see looseAnchor) that junk can defeat,
// nor junk whose line next to a's starts with the same line prefix: the
// two are read through as one block of prefixed lines (see above), whose
// prefix may hold what a recognizer needs (an SDK's exception name) and
// whose string an unclosed quote of junk's may carry onto a's line; nor
// junk whose last line ends inside a double-quoted string, which a's first
// line may close as the rest of a string that a terminal's wrapping cut
// (see the wrapped strings above), a case no text can tell apart.
// The property is checked with seeds of every notation, which the other
// guarantees are checked on too.
//
// A code read from the code outward keeps its finding among junk as well,
// with every field its record carries: code, message, shape, and the status
// and request id where the record holds them (junk may add those it lacks,
// from transport text or a record around it, never change one it has).
// What junk can do is give the record a record around it. A brace that
// junk before it leaves open (braces in strings, which end at their line's
// end, do not count) is read as if it were not there from the first line
// after it that reads as no content of a record (not indented, after a line
// prefix it shares with the line before, nor starting with a closing
// bracket or a quoted key: a new log line, a record of its own): a log
// line cut off at a logger's size limit hides nothing after it. So junk
// that leaves a brace open takes in a record that is its line (prose,
// logfmt, a key: value line) only if that line reads as content (indented
// prose), unless a blank line stands between them; takes in, as
// the value of an open JSON object's key, a JSON record whose code no
// error-code key announces (a log line whose message holds it), blank lines
// or not; and, as the opener of an SDK's multi-line block ("XException {"),
// takes in the records that follow until a closing brace. And junk whose
// line next to the record starts with the same prefix as the record's line
// is read with it as one block of prefixed lines (see above), whose string
// an unclosed quote of junk's may carry onto the record's line, as may
// junk whose last line ends inside a string (a wrapped string). These
// notations are checked on generated records of each with junk between
// them, and by the fuzz target within these limits.
//
// Findings are produced once about 1 MiB of input past them has been read (a
// segment scanned, for a file scanned in parallel), or at end of input; to
// follow a live stream, use [Live].
package scan

import (
	"bytes"
	"errors"
	"io"
	"os"
	"runtime"
	"strings"
	"sync/atomic"

	"github.com/imetal-tools/imetal-err/internal/codesyntax"
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
	// example "iMetal.0230" or "APIGW.0301". It is never empty and at most
	// 64 bytes long. It matches ^[A-Za-z][A-Za-z0-9]*\.[0-9]{1,6}$, except
	// in a JSON body, whose error_code is kept whatever it holds (decoded):
	// a malformed code is still an error the server returned.
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
	// Line is the 1-based line of the input that Offset is on.
	Line int64
	// Truncated reports that a field was longer than its cap and was cut.
	Truncated bool

	// loose marks a finding read from the code outward until it is handed
	// over (merge prefers a body's fields).
	loose bool
	// stamp, for an SDK's error with a request id, is the input offset of
	// the start of the last line at or before it that starts with a
	// timestamp (a log record's), if one is within mergeLook bytes before
	// it, else -1; zero until it is handed over. See mergeable.
	stamp int64
}

// Sizes and caps. The buffer (or a file's window) holds lookback bytes behind
// the search position, chunk bytes to search and maxObject bytes ahead of
// it, so that every body that starts before the search limit is whole in it.
const (
	lookback     = 64 << 10 // bytes kept behind the search position
	jsonLook     = 48 << 10 // how far before its error key a JSON body may start
	sdkLook      = 4 << 10  // how far before its error key an SDK string may start
	ctxLook      = 16 << 10 // how far before a body its HTTP header block may be
	chunk        = 2 << 20  // bytes searched between refills
	maxMessage   = 1 << 20
	maxObject    = maxMessage + 64<<10 // larger bodies are reported from what fits (tooLarge)
	maxCode      = codesyntax.MaxLen
	maxRequestID = 128
	maxRequest   = 2 << 10
	maxDepth     = 512 // JSON nesting followed inside one body
	initialBuf   = 64 << 10
	fullBuf      = lookback + chunk + maxObject
	maxCodes     = 1024 // interned code strings
)

// Scanner reads input and reports the error responses in it, one per call of
// Scan. It must not be used from several goroutines, except BytesRead; it
// may start goroutines of its own (see Guarantees).
type Scanner struct {
	r    io.Reader
	m    *mapping // the windows of the file, if r is one
	st   *stream  // the stream of a Live scan, whose windows the Scanner takes
	vw   *ringView
	par  *par     // the parallel scan of m, if any
	seg  *segment // the segment this Scanner scans for a parallel scan
	stop int64    // with seg: input offset at which step stops searching
	// lastKey is the input offset of the last key candidate handled.
	lastKey  int64
	feedPos  int64 // with par: input offset up to which findings were fed
	firstBuf int   // size of the first buffer fill allocates
	buf      []byte
	base     int64 // input offset of buf[0]
	end      int   // buf[:end] holds input
	pos      int   // next index to search from
	eof      bool
	done     bool
	err      error
	read     atomic.Int64
	binary   bool
	work     int64 // bytes examined, for the linear-work tests

	tok     tokenizer
	parser  parser
	horizon int64 // JSON keys before this were covered by a parse
	ranges  []doneRange
	rhead   int

	pyLast, pyWater     int64
	javaLast, javaWater int64
	// escEnd is where the last string searched for escaped bodies ended;
	// escFloor is how far back a string's opening quote was looked for in
	// vain (see escapedAnchor).
	escEnd, escFloor int64
	escNoClose       int64 // keys before this are in a string too long or unclosed
	// looseEnd is where the last search or parse of looseAnchor ended;
	// noLoose turns looseAnchor off (for the junk property's tests).
	looseEnd int64
	noLoose  bool
	farKey   bool  // set by advance: the key's object starts too far back
	ctxFloor int64 // HTTP context before this was used or is stale
	// recEnd is where the last finding's body, or the last loose read,
	// ended: a code before it was read already.
	recEnd int64
	// recScan is where the last loose read of a record stopped.
	recScan int64
	// namespaces are namespaces, besides the built-in ones, whose codes
	// are found anywhere.
	namespaces []string

	// hold, if not -1, is the input offset from which findings are not
	// handed over at a pause of a Live stream: what the pause cut off
	// would change them (see holdAt). cutEnd says that the input's end is
	// such a pause's, for a block's own Scanner.
	hold   int64
	cutEnd bool

	// stampAt and stampLine cache lastStamp: the last timestamped line
	// start at or before stampAt (stampAt < 0: none yet).
	stampAt, stampLine int64

	pending []Finding
	phead   int
	merged  []int64 // offsets of the findings merged into cur
	noMerge bool    // for tests: no merging (see Live)
	// waitRepeats, for a segment of a Live scan: the pause that ends the
	// segment hands over no response that may be printed again after it;
	// held is the one it kept (Code "" if none). See Live.WaitForRepeats.
	waitRepeats bool
	held        Finding
	// handed, for a segment of a Live scan, reports whether the finding
	// at an offset was handed over already: it is not merged into then.
	handed  func(off int64) bool
	cur     Finding
	scratch []byte
	codes   map[string]string
	ln      lineCount
	view    viewState
	viewBuf []byte
	// escIn scans the text of escaped strings, decoded into escText (see
	// escapedAnchor); kept for reuse.
	escIn   *Scanner
	escText []byte
	// recBuf holds the tables of the last loose read, for the next one.
	recBuf looseRec
	noView bool // a block's own Scanner: no block within
	// inBlock: a block's own Scanner, whose plain lines are no wrapped
	// text of their own (see wrapStart).
	inBlock bool
}

// New returns a Scanner reading from r. Codes of the namespaces given, in
// any case, are found anywhere, as iMetal's and APIGW's are (a namespace
// that ends in a digit only in a body's error-code key).
func New(r io.Reader, namespaces ...string) *Scanner {
	s := &Scanner{r: r, firstBuf: initialBuf}
	s.init()
	s.setNamespaces(namespaces)
	if f, ok := r.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			// Room for the whole of a small file, and for seeing its end.
			s.firstBuf = int(max(min(st.Size()+1, fullBuf), initialBuf))
		}
		if m := newMapping(f); m != nil {
			if w := runtime.GOMAXPROCS(0); w > 1 && m.size >= parMin {
				s.m = m
				scanner := func(from int64) *Scanner {
					w := m.scanner(from)
					w.namespaces = s.namespaces
					return w
				}
				p := newPar(m.size, segSize, warmUp, w, maxSegFindings, scanner, &s.read)
				p.file = m.file
				s.usePar(p)
			} else {
				s.useMapping(m)
			}
		}
	}
	return s
}

func (s *Scanner) init() {
	s.pyLast, s.javaLast, s.lastKey, s.hold, s.stampAt = -1, -1, -1, -1, -1
	s.ln = lineCount{pos: s.base + int64(s.pos), back: -1}
	s.view.reset()
}

func (s *Scanner) setNamespaces(ns []string) {
	s.namespaces = nil
	for _, n := range ns {
		if len(n) > 0 && len(n) < maxCode {
			s.namespaces = append(s.namespaces, n)
		}
	}
}

// All returns the findings in b, in input order.
func All(b []byte) []Finding { return all(b, false) }

func all(b []byte, noLoose bool) []Finding {
	s := inMemory(b)
	s.noLoose = noLoose
	return findings(s)
}

// inMemory returns a Scanner of b, which holds the whole input.
func inMemory(b []byte) *Scanner {
	s := &Scanner{buf: b, end: len(b), eof: true}
	s.init()
	s.read.Store(int64(len(b)))
	s.binary = bytes.IndexByte(b, 0) >= 0
	return s
}

// findings returns those of s up to the end of its input.
func findings(s *Scanner) []Finding {
	var out []Finding
	for s.Scan() {
		out = append(out, s.Finding())
	}
	return out
}

// Scan advances to the next finding, in input order. It returns false at the
// end of the input or on a read error; see Err.
func (s *Scanner) Scan() bool {
	if s.m != nil && s.par == nil {
		return s.scanMapped()
	}
	return s.scan()
}

func (s *Scanner) scan() bool {
	for {
		if s.done && s.hold >= 0 && s.phead < len(s.pending) && s.pending[s.phead].Offset >= s.hold {
			if s.st != nil {
				// The next segment of the Live scan finds them again,
				// with what comes after the pause.
				clear(s.pending[s.phead:])
				s.pending, s.phead = s.pending[:0], 0
			}
		}
		if s.phead < len(s.pending) {
			// Nothing found later can start before pos-lookback, so
			// findings before that are in their final order, and those
			// mergeLook bytes before it have every finding they may
			// merge with at hand.
			if s.done || s.pending[s.phead].Offset < s.searched()-lookback-mergeLook {
				s.cur = s.pending[s.phead]
				s.pending[s.phead] = Finding{}
				s.phead++
				s.merged = s.merged[:0]
				for s.mergeOK() && s.phead < len(s.pending) && mergeable(&s.cur, &s.pending[s.phead]) {
					s.merged = append(s.merged, s.pending[s.phead].Offset)
					merge(&s.cur, &s.pending[s.phead])
					s.pending[s.phead] = Finding{}
					s.phead++
				}
				s.cur.loose, s.cur.stamp = false, 0
				s.compactPending()
				if s.holdsLast() {
					// Not handed over: the next segment finds it again.
					s.held, s.cur = s.cur, Finding{}
					continue
				}
				return true
			}
		}
		if s.done {
			s.cur = Finding{}
			return false
		}
		if s.par != nil {
			s.feed()
		} else {
			s.step()
		}
	}
}

// searched returns the input offset before which every key was handled.
func (s *Scanner) searched() int64 {
	if s.par != nil {
		return s.feedPos
	}
	return s.base + int64(s.pos)
}

// Finding returns the finding of the last successful Scan.
func (s *Scanner) Finding() Finding { return s.cur }

// Err returns the error that stopped reading, if any; it is nil at a plain
// end of input.
func (s *Scanner) Err() error { return s.err }

// BytesRead returns the number of bytes consumed from the reader (for a
// file read in windows, read or scanned) so far. It may be called from another
// goroutine while scanning, for progress reports.
func (s *Scanner) BytesRead() int64 { return s.read.Load() }

// SawBinary reports whether the input read (for a file read in windows,
// searched) so far contained NUL bytes; at the end of the input, whether
// any of it did.
// Such binary spans are never part of a finding; the text around them is
// still searched.
func (s *Scanner) SawBinary() bool { return s.binary }

func (s *Scanner) compactPending() {
	if s.phead == len(s.pending) {
		s.pending = s.pending[:0]
		s.phead = 0
		return
	}
	if s.phead >= 64 && 2*s.phead >= len(s.pending) {
		n := copy(s.pending, s.pending[s.phead:])
		clear(s.pending[n:])
		s.pending = s.pending[:n]
		s.phead = 0
	}
}

// step handles the next candidate key in the buffer, or refills it.
func (s *Scanner) step() {
	limit := s.end
	if !s.eof {
		limit = s.end - maxObject
	}
	if s.seg != nil && s.stop-s.base <= int64(limit) {
		limit = int(max(s.stop-s.base, 0))
		if s.pos >= limit {
			return
		}
	}
	if s.pos >= limit {
		if s.eof {
			s.done = true
			return
		}
		switch {
		case s.st != nil:
			s.slide()
		case s.m != nil && !s.m.reading:
			s.remap()
		default:
			s.fill()
		}
		return
	}
	// The vector search reads a few bytes past a candidate.
	p := limit
	search := s.buf[s.pos:min(limit+8, s.end)]
	counted := s.lineFrom()
	// NUL bytes are looked for in files' and streams' windows only:
	// fill looks for them in what it reads, and an in-memory input is
	// looked at whole.
	i, nl := indexKeyLines(search, !s.binary && (s.st != nil || s.m != nil && !s.m.reading))
	if i >= 0 && s.pos+i < limit {
		p = s.pos + i
	}
	if counted && nl >= 0 && (p < limit || len(search) == limit-s.pos) {
		// The search counted the newlines up to p (up to limit, if no
		// candidate is before it). A candidate is no newline: the count
		// holds past it, where the next search starts, so that lineFrom
		// has nothing to count then.
		at := s.base + int64(p)
		if p < limit {
			at++
		}
		s.ln.pos, s.ln.n = at, s.ln.n+int64(nl)
	}
	s.work += int64(p - s.pos)
	if p >= limit {
		s.pos = limit
		return
	}
	s.pos = p + 1
	b := s.buf[:s.end]
	if b[p] == 0 {
		// Mapped input is not read by fill, which looks for NUL bytes.
		s.binary = true
		return
	}
	prev := s.lastKey
	s.lastKey = s.base + int64(p)
	if s.readThrough(p, prev) {
		return
	}
	if b[p+1] == '.' {
		s.codeAnchor(p)
		return
	}
	// b[p:] is "rror" followed by '_', 'C' or '"'.
	switch b[p+4] {
	case '_', 'C':
		s.anchor(p)
	case '"':
		// "error": {  — the key of a nested body's inner object. Most
		// often it is a log line's "error":"EOF", a string: told at once.
		if !stringAfterKey(b, p) && nestedKeyAt(b, p) {
			s.jsonAnchor(p - 2)
		}
	}
}

// stringAfterKey reports whether the "rror\"" at p is followed by a colon
// and a quote, a string value: then nestedKeyAt is false, found in a few
// instructions for the key stop most common in logs.
func stringAfterKey(b []byte, p int) bool {
	return p+6 < len(b) && b[p+5] == ':' && b[p+6] == '"'
}

// nestedKeyAt reports whether the "rror\"" at p is the "error" key of a
// nested body: a colon then a brace follow it, white space around them.
func nestedKeyAt(b []byte, p int) bool {
	if p < 2 || b[p-1] != 'e' || b[p-2] != '"' {
		return false
	}
	i := skipSpace(b, p+5, 16)
	if i >= len(b) || b[i] != ':' {
		return false
	}
	i = skipSpace(b, i+1, 16)
	return i < len(b) && b[i] == '{'
}

var errNoProgress = errors.New("scan: reader returned no data and no error 100 times")

// fill keeps lookback bytes behind pos, grows the buffer up to its full size
// and reads until it is full or the input ends.
func (s *Scanner) fill() {
	if keep := s.pos - lookback; keep > 0 {
		s.countTo(s.base + int64(keep))
		n := copy(s.buf, s.buf[keep:s.end])
		s.base += int64(keep)
		s.end = n
		s.pos -= keep
	}
	if len(s.buf) < fullBuf && s.end >= len(s.buf)/2 {
		// A small first buffer for small inputs, then the full size at once.
		n := fullBuf
		if len(s.buf) == 0 {
			n = min(s.firstBuf, fullBuf)
		}
		nb := make([]byte, n)
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
// the shape it may belong to; a code-shaped value of such a key that none
// of them reads is read from the code outward.
func (s *Scanner) anchor(p int) {
	b := s.buf[:s.end]
	if p == 0 || b[p-1]|0x20 != 'e' {
		return
	}
	k := p + len("rror")
	switch {
	case hasAt(b, k, "_code"):
		k += len("_code")
		if p >= 2 && b[p-2] == '"' && b[p-1] == 'e' {
			switch {
			case k < len(b) && b[k] == '"' && colonAt(b, k+1) >= 0:
				s.jsonAnchor(p - 2)
			case p >= 3 && b[p-3] == '\\':
				// \"error_code\": a body escaped inside a string, as structured
				// loggers write an error's text (slog, zap, logrus, logfmt), or
				// escaped twice (\\\"error_code\\\":) by a log wrapper.
				if e := escQuote(b, k); e >= 0 && colonAt(b, e) >= 0 {
					q := p - 3
					for q > 0 && b[q-1] == '\\' {
						q--
					}
					s.escapedAnchor(q)
				}
			}
			return
		}
		if b[p-1] == 'e' && colonAt(b, k) >= 0 {
			s.pyAnchor(p - 1)
		}
	case hasAt(b, k, "Code"):
		k += len("Code")
		if p >= 2 && b[p-2] == '"' && k < len(b) && b[k] == '"' && colonAt(b, k+1) >= 0 {
			s.jsonAnchor(p - 2) // camelCase JSON: JSON.stringify of an SDK error
			return
		}
		if b[p-1] == 'e' && colonAt(b, k) >= 0 {
			s.javaAnchor(p - 1)
		}
	default:
		return
	}
	s.keyedCode(p-1, k)
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
	if f.RequestID != "" && sdkError(f.Shape) {
		f.stamp = s.lastStamp(f.Offset)
	}
	// A segment's findings get the lines before its Scanner when fed.
	f.Line = 1 + s.lines(f.Offset)
	if s.seg != nil {
		s.seg.add(s.lastKey, f)
		return
	}
	f.Line += s.ln.base
	s.insert(f)
}

// insert adds f to the queue of findings, in order.
func (s *Scanner) insert(f Finding) {
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
		if strings.IndexByte(v, 0) >= 0 {
			return false
		}
	}
	return true
}

// twoStrings returns a and b as strings that share one allocation, as a
// finding's message and request id are made: one allocation per finding
// rather than two. (A request id kept long, as the summary's samples,
// keeps its message too: whoever keeps one alone may clone it.)
func twoStrings(a, b []byte) (string, string) {
	if len(a) == 0 || len(b) == 0 {
		return string(a), string(b)
	}
	var sb strings.Builder
	sb.Grow(len(a) + len(b))
	sb.Write(a)
	sb.Write(b)
	ab := sb.String()
	return ab[:len(a)], ab[len(a):]
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

// isCode reports whether b looks like an error code, as package
// codesyntax defines it.
func isCode(b []byte) bool { return codesyntax.Valid(b) }

func isLetter(c byte) bool { return codesyntax.IsLetter(c) }
func isDigit(c byte) bool  { return codesyntax.IsDigit(c) }

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

// mergeOK reports whether the finding about to be handed over may take in
// those that follow it.
func (s *Scanner) mergeOK() bool {
	return !s.noMerge && (s.handed == nil || !s.handed(s.cur.Offset))
}
