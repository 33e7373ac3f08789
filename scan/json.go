package scan

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// JSON bodies are found from their "error_code" (or nested "error") key: a
// tokenizer that only tracks strings and open brackets tells whether the key
// stands outside any string and which object encloses it; that object is
// then parsed once, with every object nested in it. Strings never span lines
// (JSON forbids raw newlines in them), so junk on one line cannot swallow the
// next one, and a tokenizer that lost track can restart at a line start.
//
// Linear work rests on three rules: the tokenizer moves only forward; an
// object parsed successfully is remembered as a done range that later parses
// of an enclosing object jump over; a failed parse breaks every object still
// open around it, so the tokenizer forgets them all and no parse crosses the
// failure point again.

// tokDepth is how many open brackets the tokenizer remembers; older ones are
// only counted.
const tokDepth = 256

type tokenizer struct {
	pos   int64 // input offset up to which the state below holds
	valid bool
	inStr bool
	esc   bool
	stack [tokDepth]int64 // ring of open brackets: '{' offset, or -1 for '['
	top   int             // index of the next free slot
	n     int             // entries held
	lost  int             // entries pushed out of the ring
}

func (t *tokenizer) reset(pos int64) {
	t.pos, t.valid, t.inStr, t.esc = pos, true, false, false
	t.top, t.n, t.lost = 0, 0, 0
}

func (t *tokenizer) push(v int64) {
	t.stack[t.top] = v
	t.top = (t.top + 1) % tokDepth
	if t.n < tokDepth {
		t.n++
	} else {
		t.lost++
	}
}

func (t *tokenizer) pop() {
	if t.n == 0 {
		if t.lost > 0 {
			t.lost--
		}
		return
	}
	t.top = (t.top + tokDepth - 1) % tokDepth
	t.n--
}

func (t *tokenizer) peek() (int64, bool) {
	if t.n == 0 {
		return 0, false
	}
	return t.stack[(t.top+tokDepth-1)%tokDepth], true
}

// Byte classes for the tokenizer and parser loops.
var (
	strStop [256]bool // ends a run of plain string bytes
	structB [256]bool // may change the tokenizer's state outside strings
)

func init() {
	for _, c := range []byte{'"', '\\', '\n', 0} {
		strStop[c] = true
	}
	for _, c := range []byte{'"', '{', '}', '[', ']'} {
		structB[c] = true
	}
}

// advance brings the tokenizer up to buffer index kq and returns the buffer
// index of the object that encloses it, if kq stands outside any string
// (or, with inStr, in a string) directly inside an object.
func (s *Scanner) advance(kq int, inStr bool) (int, bool) {
	t := &s.tok
	target := s.base + int64(kq)
	if target < t.pos {
		return 0, false
	}
	floor := max(target-jsonLook, s.base)
	if t.valid && t.pos >= floor {
		floor = t.pos
	}
	lo := int(floor - s.base)
	if r := s.restart(lo, kq); r > lo || !t.valid || t.pos < floor {
		t.reset(s.base + int64(r))
		if r == lo && floor == target-jsonLook && lo > 0 && s.buf[lo-1] != '\n' {
			// Lexing starts inside a line longer than jsonLook: what the key
			// stands in is not known.
			s.farKey = true
		}
	}
	b := s.buf
	i := int(t.pos - s.base)
	s.work += int64(kq - i)
	for i < kq {
		if t.inStr {
			if t.esc {
				t.esc = false
				if c := b[i]; c == '\n' || c == 0 {
					t.inStr = false
				}
				i++
				continue
			}
			if i = strRun(b[:kq], i); i == kq {
				break
			}
			if b[i] == '\\' {
				t.esc = true
			} else {
				t.inStr = false
			}
			i++
			continue
		}
		if i = structRun(b[:kq], i); i == kq {
			break
		}
		switch b[i] {
		case '"':
			t.inStr = true
		case '{':
			t.push(s.base + int64(i))
		case '[':
			t.push(-1)
		default:
			t.pop()
		}
		i++
	}
	t.pos = target
	if t.inStr && !inStr {
		return 0, false
	}
	open, ok := t.peek()
	if !ok || open < 0 {
		return 0, false
	}
	if open < target-jsonLook {
		// Its object starts too far back to be parsed (a huge value first).
		s.farKey = true
		return 0, false
	}
	return int(open - s.base), true
}

// restart returns where lexing toward kq may start afresh, at or after
// buffer-offset floor: the start of kq's line, moved up over the lines of a
// pretty-printed object (lines ending in '{', '[', ',' or ':'). Starting
// there, rather than lexing everything since the last key, keeps sparse logs
// fast; a line start is always outside any JSON string.
func (s *Scanner) restart(lo, kq int) int {
	b := s.buf
	r := lo
	if i := lastNL(b[lo:kq]); i >= 0 {
		r = lo + i + 1
	}
	s.work += int64(kq - r)
	for r > lo {
		// The last byte of the line before, trailing blanks aside, tells
		// whether it goes on; only then is its start looked for.
		le := r - 1
		j := le
		for j > lo && (b[j-1] == ' ' || b[j-1] == '\t' || b[j-1] == '\r') {
			j--
		}
		s.work += int64(le - j + 1)
		if j == lo || b[j-1] == '\n' {
			break
		}
		if c := b[j-1]; c != '{' && c != '[' && c != ',' && c != ':' {
			break
		}
		ls := lo
		if i := lastNL(b[lo : j-1]); i >= 0 {
			ls = lo + i + 1
		}
		s.work += int64(j - 1 - ls)
		r = ls
	}
	return r
}

// doneRange is an object parsed successfully; a later parse of an object
// enclosing it jumps over it.
type doneRange struct {
	start, end int64
	found      bool
}

// jsonAnchor handles an "error_code" or nested "error" key whose opening
// quote is at buffer index kq.
func (s *Scanner) jsonAnchor(kq int) {
	if s.base+int64(kq) < s.horizon {
		return
	}
	s.farKey = false
	start, ok := s.advance(kq, false)
	if !ok {
		h := s.horizon
		s.looseAnchor(kq, 0)
		if s.farKey && !s.noLoose && s.horizon == h {
			// No body found near the key, on a line too long to know what
			// it stands in: report the key.
			s.keyOnly(kq)
		}
		return
	}
	q, failed, large, info := s.parseBody(start, kq)
	if !failed {
		return
	}
	if large && !s.noLoose {
		// Too large to parse (over maxObject): what was read of it is known.
		s.tooLarge(kq, start, &info)
	}
	// The enclosing object is broken; a body of the key's own may stand
	// nearer (a quote before it on the line can make any earlier brace
	// look like its object).
	s.looseAnchor(kq, start+1)
	// Keys up to the failure point were covered by the parse: inner bodies
	// it closed were reported already.
	s.horizon = max(s.horizon, s.base+int64(q))
}

// parseBody parses the object at buffer index start, which encloses the key
// or code at kq, reporting the bodies in it. It reports whether the parse
// failed, and whether for the object's size (over maxObject), with what
// the parse read of the object; if it failed, the caller moves the horizon
// up to the failure point q.
func (s *Scanner) parseBody(start, kq int) (q int, failed, large bool, info objInfo) {
	// Forget done ranges too old for any later parse to reach.
	for s.rhead < len(s.ranges) && s.ranges[s.rhead].start < s.base+int64(kq)-lookback {
		s.rhead++
	}
	if s.rhead >= 1024 && 2*s.rhead >= len(s.ranges) {
		s.ranges = s.ranges[:copy(s.ranges, s.ranges[s.rhead:])]
		s.rhead = 0
	}

	p := &s.parser
	lim := min(start+maxObject, s.end)
	*p = parser{s: s, b: s.buf[:lim], i: start, valAt: -1}
	abs := s.base + int64(start)
	p.ri = len(s.ranges)
	for p.ri > s.rhead && s.ranges[p.ri-1].start >= abs {
		p.ri--
	}
	inner := p.ri
	info = p.object(0)
	s.work += int64(p.i - start - p.jumped)

	if !p.failed {
		end := s.base + int64(p.i)
		s.ranges = append(s.ranges[:inner], doneRange{abs, end, info.found})
		s.tok.pop()
		s.tok.pos = end
		s.horizon = end
		return 0, false, false, info
	}
	large = p.i >= lim && lim < s.end
	// Every object still open at the failure point is broken.
	s.ranges = s.ranges[:0]
	s.rhead = 0
	q = max(p.i, kq)
	s.tok.reset(s.base + int64(q))
	if p.i >= lim && !(lim == s.end && s.eof) {
		// Too large: the failure point may be inside a string.
		s.tok.valid = false
	}
	return q, true, large, info
}

// span is a value's bytes in the buffer; a < 0 means unset.
type span struct {
	a, b int
	esc  bool
}

var unset = span{a: -1}

func (v span) ok() bool { return v.a >= 0 }

// objInfo is what an object tells its parent and the finding built from it.
type objInfo struct {
	found       bool // a finding was built from this object
	errCode     span // "error_code"
	code        span // "code", for the nested shape
	msg         span
	msgRank     int
	reqID       span
	status      span
	firstStatus bool // the first key is "status_code": the Go SDK's order
}

type key int

const (
	keyOther key = iota
	keyErrorCode
	keyCode
	keyMsg
	keyErrorMessage
	keyMessage
	keyErrorMsg
	keyRequestID
	keyStatus
	keyError
)

func keyOf(b []byte) key {
	switch string(b) {
	case "error_code", "errorCode", "ErrorCode", "error-code":
		return keyErrorCode
	case "code":
		return keyCode
	case "msg":
		return keyMsg
	case "message", "Message":
		return keyMessage
	case "error_message", "errorMessage", "ErrorMessage":
		return keyErrorMessage
	case "error_msg", "errorMsg", "ErrorMsg":
		return keyErrorMsg
	case "request_id", "requestId", "RequestId", "x-request-id", "X-Request-Id":
		return keyRequestID
	case "status_code", "statusCode", "StatusCode", "httpStatusCode", "status":
		return keyStatus
	case "error":
		return keyError
	}
	return keyOther
}

// parser is a recursive-descent JSON parser over one buffer window.
type parser struct {
	s      *Scanner
	b      []byte
	i      int
	failed bool
	ri     int // next done range that may be jumped over
	jumped int // bytes jumped over, for the work counter
	// The string value read last at depth 0, and its key: where a parse
	// that ran out of room stopped (see tooLarge).
	valAt  int
	valKey key
}

func (p *parser) peek() byte {
	if p.i < len(p.b) {
		return p.b[p.i]
	}
	return 0
}

func (p *parser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\r', '\n':
			p.i++
			continue
		}
		return
	}
}

func (p *parser) fail() { p.failed = true }

// str parses a string at p.i and returns its contents.
func (p *parser) str() span {
	b := p.b
	i := p.i + 1
	v := span{a: i}
	for {
		if i = strRun(b, i); i >= len(b) {
			p.i = i
			p.fail()
			return unset
		}
		switch b[i] {
		case '"':
			p.i = i + 1
			v.b = i
			return v
		case '\\':
			v.esc = true
			if i+1 >= len(b) || b[i+1] == '\n' || b[i+1] == 0 {
				p.i = i + 1
				p.fail()
				return unset
			}
			i += 2
		default:
			p.i = i
			p.fail()
			return unset
		}
	}
}

// value parses any value.
func (p *parser) value(depth int) {
	switch c := p.peek(); {
	case c == '{':
		p.objectOrJump(depth)
	case c == '[':
		p.array(depth)
	case c == '"':
		p.str()
	case c == 't':
		p.lit("true")
	case c == 'f':
		p.lit("false")
	case c == 'n':
		p.lit("null")
	case c == '-' || isDigit(c):
		p.num()
	default:
		p.fail()
	}
}

func (p *parser) lit(l string) {
	if !hasAt(p.b, p.i, l) {
		p.fail()
		return
	}
	p.i += len(l)
}

func (p *parser) num() {
	for p.i < len(p.b) {
		switch c := p.b[p.i]; {
		case isDigit(c), c == '-', c == '+', c == '.', c == 'e', c == 'E':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) array(depth int) {
	if depth >= maxDepth {
		p.fail()
		return
	}
	p.i++
	p.ws()
	if p.peek() == ']' {
		p.i++
		return
	}
	for {
		p.value(depth + 1)
		if p.failed {
			return
		}
		p.ws()
		switch p.peek() {
		case ',':
			p.i++
			p.ws()
		case ']':
			p.i++
			return
		default:
			p.fail()
			return
		}
	}
}

// objectOrJump parses the object at p.i, or jumps over it if an earlier parse
// already did.
func (p *parser) objectOrJump(depth int) objInfo {
	s := p.s
	at := s.base + int64(p.i)
	for p.ri < len(s.ranges) && s.ranges[p.ri].start < at {
		p.ri++
	}
	if p.ri < len(s.ranges) && s.ranges[p.ri].start == at {
		r := s.ranges[p.ri]
		p.ri++
		n := int(r.end - r.start)
		if p.i+n <= len(p.b) {
			p.i += n
			p.jumped += n
			return objInfo{found: r.found, errCode: unset, code: unset, msg: unset, reqID: unset, status: unset}
		}
	}
	return p.object(depth)
}

// object parses the object at p.i and builds a finding from it if it is an
// error body.
func (p *parser) object(depth int) objInfo {
	info := objInfo{errCode: unset, code: unset, msg: unset, reqID: unset, status: unset}
	if depth >= maxDepth {
		p.fail()
		return info
	}
	start := p.i
	p.i++
	p.ws()
	if p.peek() == '}' {
		p.i++
		return info
	}
	var child objInfo
	hasChild := false
	for first := true; ; first = false {
		if p.peek() != '"' {
			p.fail()
			return info
		}
		k := p.str()
		if p.failed {
			return info
		}
		p.ws()
		if p.peek() != ':' {
			p.fail()
			return info
		}
		p.i++
		p.ws()
		id := keyOther
		if !k.esc {
			id = keyOf(p.b[k.a:k.b])
		}
		if first && id == keyStatus && string(p.b[k.a:k.b]) == "status_code" {
			info.firstStatus = true
		}
		switch c := p.peek(); {
		case c == '"':
			if depth == 0 {
				p.valAt, p.valKey = p.i, id
			}
			v := p.str()
			if p.failed {
				return info
			}
			info.set(id, v)
		case c == '{':
			ci := p.objectOrJump(depth + 1)
			if p.failed {
				return info
			}
			if id == keyError {
				child, hasChild = ci, true
			}
		default:
			from := p.i
			p.value(depth + 1)
			if p.failed {
				return info
			}
			if id == keyStatus {
				info.status = span{a: from, b: p.i}
			}
		}
		p.ws()
		switch p.peek() {
		case ',':
			p.i++
			p.ws()
			continue
		case '}':
			p.i++
		default:
			p.fail()
			return info
		}
		break
	}
	p.s.emitJSON(start, p.i, &info, &child, hasChild)
	return info
}

func (o *objInfo) set(id key, v span) {
	switch id {
	case keyErrorCode:
		o.errCode = v
	case keyCode:
		o.code = v
	case keyRequestID:
		o.reqID = v
	case keyStatus:
		o.status = v
	case keyMsg, keyMessage, keyErrorMessage, keyErrorMsg:
		// error_msg beats error_message beats message beats msg.
		if r := int(id - keyMsg + 1); r >= o.msgRank {
			o.msg = v
			o.msgRank = r
		}
	}
}

// emitJSON builds a finding from the object at buf[start:end] if it is a flat,
// Go SDK or nested error body.
func (s *Scanner) emitJSON(start, end int, info, child *objInfo, hasChild bool) {
	var f Finding
	var src *objInfo
	switch {
	case info.errCode.ok():
		code, cut, ok := s.receivedCode(info.errCode, info.errorMessage())
		if !ok {
			return
		}
		f.Code, f.Truncated = code, cut
		f.Shape = ShapeJSON
		if info.firstStatus && info.msgRank == int(keyErrorMessage-keyMsg+1) {
			f.Shape = ShapeGoSDK
		}
		src = info
	case hasChild && !child.found && child.code.ok():
		code, cut, ok := s.receivedCode(child.code, child.errorMessage())
		if !ok {
			return
		}
		f.Code, f.Truncated = code, cut
		f.Shape = ShapeNested
		src = child
	default:
		return
	}
	info.found = true
	reqID := src.reqID
	if !reqID.ok() {
		reqID = info.reqID
	}
	// A request id without escapes is bytes of the buffer, which stay put
	// while the message is decoded: both are made in one allocation.
	var r []byte
	if reqID.ok() && !reqID.esc {
		var cut bool
		r, cut = capped(s.text(reqID), maxRequestID)
		f.Truncated = f.Truncated || cut
	}
	var m []byte
	if src.msg.ok() {
		var cut bool
		m, cut = capped(s.decode(src.msg), maxMessage)
		f.Truncated = f.Truncated || cut
	}
	f.Message, f.RequestID = twoStrings(m, r)
	if reqID.ok() && reqID.esc {
		r, cut := capped(s.text(reqID), maxRequestID)
		f.RequestID = string(r)
		f.Truncated = f.Truncated || cut
	}
	st := src.status
	if !st.ok() {
		st = info.status
	}
	if st.ok() {
		f.HTTPStatus = status(s.buf[st.a:st.b])
	}
	f.Offset = s.base + int64(start)
	if f.Shape != ShapeGoSDK {
		s.httpContext(start, &f)
	}
	s.transport(start, &f)
	if f.HTTPStatus == 0 {
		s.trailer(start, end, &f)
	}
	s.ctxFloor = max(s.ctxFloor, s.base+int64(end))
	s.recEnd = max(s.recEnd, s.base+int64(end))
	s.emit(f)
}

// text returns a short value decoded and trimmed.
func (s *Scanner) text(v span) []byte {
	return bytes.TrimSpace(s.decode(v))
}

// decode returns the contents of a JSON string, escapes decoded. Invalid
// escapes, lone surrogates and \u0000 are kept as written.
func (s *Scanner) decode(v span) []byte {
	raw := s.buf[v.a:v.b]
	if !v.esc {
		return raw
	}
	out := s.scratch[:0]
	for i := 0; i < len(raw); {
		if raw[i] != '\\' {
			// A run of plain bytes up to the next backslash.
			n := bytes.IndexByte(raw[i:], '\\')
			if n < 0 {
				n = len(raw) - i
			}
			out = append(out, raw[i:i+n]...)
			i += n
			continue
		}
		if i+1 >= len(raw) {
			out = append(out, '\\')
			i++
			continue
		}
		switch e := raw[i+1]; e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, n := unicodeEscape(raw[i:])
			if n == 0 {
				out = append(out, raw[i:i+2]...)
				break
			}
			out = utf8.AppendRune(out, r)
			i += n
			continue
		default:
			out = append(out, raw[i:i+2]...)
		}
		i += 2
	}
	s.scratch = out
	return out
}

// unicodeEscape decodes \uXXXX, or a surrogate pair \uXXXX\uXXXX, at the
// start of b and returns the rune and the bytes used; 0 bytes if invalid.
func unicodeEscape(b []byte) (rune, int) {
	r, ok := hex4(b)
	if !ok || r == 0 {
		return 0, 0
	}
	if !utf16.IsSurrogate(r) {
		return r, 6
	}
	if r >= 0xDC00 {
		return 0, 0
	}
	lo, ok := hex4(b[6:])
	if !ok {
		return 0, 0
	}
	if d := utf16.DecodeRune(r, lo); d != utf8.RuneError {
		return d, 12
	}
	return 0, 0
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return 0, false
	}
	var r rune
	for _, c := range b[2:6] {
		switch {
		case isDigit(c):
			r = r<<4 | rune(c-'0')
		case c|0x20 >= 'a' && c|0x20 <= 'f':
			r = r<<4 | rune(c|0x20-'a'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// looseLook is how far before its key looseAnchor looks for a body's brace.
const looseLook = 4 << 10

// looseAnchor tries once more a JSON key that the tokenizer does not place
// directly inside an object: a quote earlier on the line can make it read a
// whole body as inside a string (msg="create failed: {"error_code":...}").
// The nearest brace before the key on its line, if any, is parsed as an
// object. Each byte is looked at by at most one such search and one such
// parse, which start after where the last ones ended; no brace before buffer
// index floor is tried.
func (s *Scanner) looseAnchor(kq, floor int) {
	abs := s.base + int64(kq)
	if s.noLoose || abs < s.looseEnd || abs < s.horizon {
		return
	}
	b := s.buf
	// Not back into an object parsed already.
	lo := max(floor, kq-looseLook, int(max(s.looseEnd, s.horizon)-s.base))
	i := kq - 1
	for i >= lo && b[i] != '{' && b[i] != '\n' {
		i--
	}
	s.work += int64(kq - max(i, lo))
	if i < lo || b[i] != '{' {
		s.looseEnd = abs
		return
	}
	p := &s.parser
	*p = parser{s: s, b: s.buf[:min(i+maxObject, s.end)], i: i, ri: len(s.ranges)}
	p.object(0)
	s.work += int64(p.i - i - p.jumped)
	s.looseEnd = max(abs, s.base+int64(p.i))
	if !p.failed {
		s.horizon = max(s.horizon, s.base+int64(p.i))
	}
}

// receivedCode returns the error code of a JSON body, the string value v. A
// value that is not a well-formed code ("iMetal.0232\u001b", "E_QUOTA") is
// still an error the server returned: it is kept, decoded and cut to
// maxCode bytes, to be shown as unknown. Only an empty value is no code.
//
// A malformed value counts only in a body that also carries an error message
// (message, error_msg or error_message) and is not a word logs use for "no
// error": a JSON log line with "error_code":"none" or "0" is no error.
func (s *Scanner) receivedCode(v span, withMsg bool) (code string, cut, ok bool) {
	if raw := s.text(v); isCode(raw) {
		return s.intern(raw), false, true
	}
	if !withMsg {
		return "", false, false
	}
	b := bytes.TrimSpace(s.decode(v))
	if len(b) == 0 || noErrorWord(b) {
		return "", false, false
	}
	b, cut = capped(b, maxCode)
	return string(b), cut, true
}

// noErrorWord reports whether b is a value logs put in an error_code field when
// there was no error.
func noErrorWord(b []byte) bool {
	if len(b) > 8 {
		return false
	}
	switch strings.ToLower(string(b)) {
	case "0", "00", "000", "0000", "none", "null", "nil", "ok", "success", "succeed", "-", "n/a", "na", "false", "no":
		return true
	}
	return false
}

// keyOnly reports the error of a body too large to parse, from its key alone:
// "error_code": followed by a well-formed code is all that is known of it.
// A large error is not dropped without a word.
func (s *Scanner) keyOnly(kq int) {
	b := s.buf[:s.end]
	if !hasAt(b, kq, `"error_code"`) {
		return
	}
	i := colonAt(b, kq+len(`"error_code"`))
	if i < 0 {
		return
	}
	i = skipSpace(b, i+1, 64)
	if i >= len(b) || b[i] != '"' {
		return
	}
	v := b[i+1 : min(len(b), i+1+maxCode+1)]
	if j := bytes.IndexByte(v, '"'); j >= 0 {
		s.codeOnly(v[:j], kq, true)
		s.recEnd = max(s.recEnd, s.base+int64(i+1+j))
	}
}

// codeOnly reports, at buffer index at, an error known only by its code, if
// the code is well formed: its message is marked cut. With context, the HTTP
// status and request id come from the lines before at's line.
func (s *Scanner) codeOnly(code []byte, at int, context bool) {
	if !isCode(code) {
		return
	}
	f := Finding{Code: s.intern(code), Shape: ShapeJSON, Truncated: true, Offset: s.base + int64(at)}
	if context {
		s.httpContext(lineStart(s.buf[:s.end], at), &f)
	}
	s.emit(f)
}

// lineStart returns the index of the start of i's line, looking back no more
// than 512 bytes (else i itself, where no HTTP context is found): a body that
// follows response headers starts its line, or nearly.
func lineStart(b []byte, i int) int {
	lo := max(0, i-512)
	if j := lastNL(b[lo:i]); j >= 0 {
		return lo + j + 1
	}
	if lo == 0 {
		return 0
	}
	return i
}

// errorMessage reports whether the object has a message key of an error body:
// message, error_msg or error_message, not a log line's msg.
func (o *objInfo) errorMessage() bool { return o.msgRank > msgRankOf(keyMsg) }

// msgRankOf is the rank objInfo.msgRank gives a message key.
func msgRankOf(k key) int { return int(k - keyMsg + 1) }
