package scan

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"slices"

	"github.com/imetal-tools/imetal-err/internal/codesyntax"
)

// A code outside any body the other recognizers read is read from the code
// outward: the text around it is tokenized loosely — braces, brackets and
// parentheses nest, strings are quoted with ", ' or ` (b'…' too) and end at
// their line's end, a key is a name or a quoted string before ':' or '=' —
// which covers JSON, JavaScript object literals as Node.js prints them,
// Python dicts, Go's %v, %+v and %#v struct syntax, logfmt and `key: value`
// lines. The record of the code is the innermost brace around it (or its
// line, if none); its fields are taken by key family, the message from the
// record itself, the status and the request id also from the records that
// enclose it and their sub-records (headers). Without a message key, the
// text that follows the code is its message where a colon, a dash or a
// capital letter presents it, as in "Error: iMetal.0232: Insufficient IP addresses" (see
// proseMessage); a code only mentioned in prose has none.
//
// The text read lies within recLook bytes of the code, between the blank
// lines around it (no record holds one), and the records open at a line
// that reads as none of their content end there (see contentLine), never
// before the end
// of the last finding's body (recEnd: a code before it is taken as read)
// nor before where the last loose read stopped (recScan): each byte is read
// by at most one loose read.

// looseFast turns the fast paths of loose reads on; tests turn it off to
// check that they find what the slow paths find.
var looseFast = true

// recLook is how far before and after a code its records are read.
const recLook = 4 << 10

// Sizes of the loose tokenizer's tables: deeper nesting and more keys than
// this are not followed.
const (
	recDepth   = 64
	recRecords = 256
	recKeys    = 64
	recChain   = 4 // enclosing records looked in, the code's own included
)

// family is what a key says its value is.
type family uint8

const (
	famNone family = iota
	famCode
	famMsg
	famStatus
	famReqID
	famName  // "name" of a name/value header pair (HAR)
	famValue // its "value"
)

// keyFamily classifies a key, case- and separator-insensitively; for a
// message key, it also ranks it: error_msg beats error_message beats
// message beats msg.
func keyFamily(k []byte) (family, int) {
	// Most keys are of no family, and most end in a letter that no
	// family's key ends in.
	e := len(k)
	for e > 0 && keyNorm[k[e-1]] == keySep {
		e--
	}
	if e == 0 || !familyEnd[k[e-1]] {
		return famNone, 0
	}
	var buf [len("httpstatuscode")]byte // the longest family's key
	n := 0
	for _, c := range k {
		if c = keyNorm[c]; c <= keySep {
			if c == 0 {
				return famNone, 0
			}
			continue
		}
		if n == len(buf) {
			return famNone, 0
		}
		buf[n] = c
		n++
	}
	switch string(buf[:n]) {
	case "errorcode":
		return famCode, 2
	case "code":
		return famCode, 1
	case "errormsg":
		return famMsg, 4
	case "errormessage":
		return famMsg, 3
	case "message":
		return famMsg, 2
	case "msg":
		return famMsg, 1
	case "statuscode", "httpstatuscode", "httpstatus", "status", "httpcode", "responsecode":
		return famStatus, 1
	case "requestid", "xrequestid":
		return famReqID, 1
	case "name":
		return famName, 0
	case "value":
		return famValue, 0
	}
	return famNone, 0
}

// keyNorm maps a byte of a key to what keyFamily compares: a letter to its
// lower case, a separator to keySep; any other byte to 0, as no family's
// key holds it (a digit neither).
var keyNorm = func() (t [256]byte) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = byte(c), byte(c)
	}
	for _, c := range []byte("_- .") {
		t[c] = keySep
	}
	return t
}()

const keySep = 1

// familyEnd holds the letters that end a family's key (see keyFamily's
// switch; TestKeyFamily has a key of each), in both cases.
var familyEnd = func() (t [256]bool) {
	for _, c := range []byte("egsd") {
		t[c], t[c-'a'+'A'] = true, true
	}
	return t
}()

// recKey is a key of an interesting family and its value.
type recKey struct {
	fam     family
	rank    int
	at      int  // the key's index in the buffer
	val     span // the value, quotes removed
	rec     int  // the brace of the record it is in, or -1 - its line's start
	quote   byte // how the key was written: '"', '\'', ':' (bare, "key: v"), '.' (bare, "Key:v") or '='
	isReqID bool // a "value" whose record's "name" is X-Request-Id
}

// looseRec is what a loose read of the text around a code found.
type looseRec struct {
	keys    []recKey
	parents [][2]int // record brace -> enclosing record brace (-1 if none)
	closed  []int    // record braces closed within the read
	chain   [recChain]int
	nchain  int
	own     int  // the code's record: a brace, or -1 - its line's start
	keyed   bool // the code is the value of a key
	keyFam  family
	inQuote byte // the quote of the string the code stands in, if any
	start   int  // where the finding starts
	stop    int  // where the read ended
	// resume is where the next read may start: stop, or before it the
	// opening of a record after the code still open at stop.
	resume int
	cut    bool // the read reached the end of the buffer
	// stack, in the Scanner's recBuf only, is loose's stack of open
	// brackets, kept for the next read.
	stack *[recDepth]int
	// pending, in the Scanner's recBuf only, holds looseRead's keys that
	// wait, kept for the next read.
	pending []looseEv
	// str, if str[1] > 0, is a string whose quotes are at str[0] and
	// str[1], with no NUL byte or newline between: read already (see
	// escapedAnchor), it is not read again.
	str [2]int
}

// codeAnchor handles a code candidate: the letter at buffer index p ends a
// namespace, followed by '.' and a digit.
func (s *Scanner) codeAnchor(p int) {
	if at := s.base + int64(p); s.noLoose || at < s.recEnd || (at < s.horizon && !s.quietParse(at)) {
		return // the code starts before p: read already (see below)
	}
	b := s.buf[:s.end]
	cs, ce, ok := codeAround(b, p)
	if !ok || !s.knownNamespace(b[cs:p+1]) {
		return
	}
	abs := s.base + int64(cs)
	if s.noLoose || abs < s.recEnd || (abs < s.horizon && !s.quietParse(abs)) || (cs >= 2 && b[cs-1] == '"' && b[cs-2] == '\\') {
		// Read already, covered by a JSON parse, or escaped in a string
		// (which escapedAnchor reads). A code in an object that a parse
		// closed without reporting a body in it is read here: in
		// {"error": {"msg": "iMetal.0232: …"}} nothing else reports it.
		return
	}
	if s.jsonAround(cs) && abs < s.recEnd {
		return
	}
	s.readRecord(cs, ce)
}

// quietParse reports whether input offset at lies in an object that a JSON
// parse closed without reporting a body in it (a body reported in it moved
// recEnd past it).
func (s *Scanner) quietParse(at int64) bool {
	for i := len(s.ranges) - 1; i >= s.rhead; i-- {
		if r := s.ranges[i]; r.start <= at {
			return at < r.end && !r.found
		}
	}
	return false
}

// keyedCode handles an error-code key in any notation, buf[ks:ke]: a
// code-shaped value after it (quoted or not, after ':' or '='), of any
// namespace, that no other recognizer read is read from the code outward.
func (s *Scanner) keyedCode(ks, ke int) {
	if at := s.base + int64(ke); s.noLoose || at < s.recEnd || at < s.horizon {
		return // in a body read already, value and all
	}
	b := s.buf[:s.end]
	i := ke
	if i < len(b) && (b[i] == '"' || b[i] == '\'') {
		if ks == 0 || b[ks-1] != b[i] {
			return
		}
		i++
	}
	i = skipSpace(b, i, 16)
	if i >= len(b) || (b[i] != ':' && b[i] != '=') {
		return
	}
	i = skipBlanks(b, i+1, 16) // the value is on the key's line
	if i+1 < len(b) && b[i] == 'b' && b[i+1] == '\'' {
		i++
	}
	if i < len(b) && (b[i] == '"' || b[i] == '\'') {
		i++
	}
	j := i
	for j < len(b) && j-i <= maxCode && (isLetter(b[j]) || isDigit(b[j]) || b[j] == '.') {
		j++
	}
	if !isCode(b[i:j]) {
		return
	}
	abs := s.base + int64(i)
	if s.noLoose || abs < s.recEnd || abs < s.horizon {
		return
	}
	s.readRecord(i, j)
}

// codeAround returns the bounds of the code whose namespace ends at p, if
// it is one: letters and digits led by a letter, '.', 1 to 6 digits, with
// no letter, digit, '.' or '_' glued to either end.
func codeAround(b []byte, p int) (cs, ce int, ok bool) {
	cs = p
	for cs > 0 && p-cs < maxCode && (isLetter(b[cs-1]) || isDigit(b[cs-1])) {
		cs--
	}
	if !isLetter(b[cs]) || (cs > 0 && (isLetter(b[cs-1]) || isDigit(b[cs-1]) || b[cs-1] == '.' || b[cs-1] == '_')) {
		return 0, 0, false
	}
	ce = p + 2
	for ce < len(b) && isDigit(b[ce]) && ce-p-2 <= codesyntax.MaxDigits {
		ce++
	}
	if n := ce - p - 2; n < 1 || n > codesyntax.MaxDigits {
		return 0, 0, false
	}
	if ce < len(b) && (isLetter(b[ce]) || isDigit(b[ce]) || b[ce] == '_' || (b[ce] == '.' && ce+1 < len(b) && isDigit(b[ce+1]))) {
		return 0, 0, false
	}
	return cs, ce, true
}

// knownNamespace reports whether ns, in any case, is a namespace whose codes
// are found anywhere: a built-in one (see codesyntax.Builtin) or one the
// Scanner was given.
func (s *Scanner) knownNamespace(ns []byte) bool {
	if _, ok := codesyntax.Builtin(ns); ok {
		return true
	}
	for _, n := range s.namespaces {
		if len(n) == len(ns) && bytes.EqualFold(ns, []byte(n)) {
			return true
		}
	}
	return false
}

// jsonAround parses the JSON object around the code at buffer index c, if
// it stands in one (in a string value or not) that no parse covered yet;
// it reports whether it tried.
func (s *Scanner) jsonAround(c int) bool {
	if s.base+int64(c) < s.horizon {
		return false
	}
	s.farKey = false
	start, ok := s.advance(c, true)
	if !ok {
		return false
	}
	inStr, esc := s.tok.inStr, s.tok.esc
	q, failed, _, _ := s.parseBody(start, c)
	if !failed {
		// The object closed after the string.
		s.tok.inStr, s.tok.esc = false, false
		return true
	}
	if inStr && s.tok.valid && s.tok.pos == s.base+int64(c) {
		// The parse failed before the code: the tokenizer, reset at the
		// code, goes on in the code's string, forgetting the objects
		// around it, which the failure broke. Invalidated instead, it
		// would lex the line again from its start at the next key, and
		// the next, each time (see restart): no longer linear.
		s.tok.inStr, s.tok.esc = true, esc
	}
	s.horizon = max(s.horizon, s.base+int64(q))
	return true
}

// readRecord reads the record of the code at buf[cs:ce] loosely and reports
// it.
func (s *Scanner) readRecord(cs, ce int) {
	var r looseRec
	s.loose(&r, cs, ce, true)
	b := s.buf[:s.end]
	if (r.cut || r.stop >= s.end) && s.paused() {
		// Cut by a pause of a Live stream: the next segment reads it
		// whole, and what follows it after it.
		s.holdAt(s.base + int64(r.start))
		return
	}
	f := Finding{Code: s.intern(b[cs:ce]), Offset: s.base + int64(r.start), loose: true}
	f.Shape = r.shape(b)
	// A message key's value, unless the code stands in it: then, as in
	// prose, the text that follows the code.
	if m, ok := r.best(famMsg, true); ok && !(r.keyed && r.keyFam == famMsg) {
		f.Message, f.Truncated = s.value(m.val, maxMessage)
	} else if !r.keyed || r.keyFam != famCode {
		// Never past where the read stopped (another code's record, the
		// next code on the line, or recLook bytes on): the reads of codes
		// on one long line would each take the rest of it.
		f.Message, f.Truncated = s.proseMessage(cs, ce, r.stop, r.inQuote)
	}
	s.recFields(&r, &f)
	s.recEnd = max(s.recEnd, s.base+int64(r.resume))
	s.transport(r.start, &f)
	s.ctxFloor = max(s.ctxFloor, s.base+int64(r.stop))
	s.emit(f)
}

// recFields fills the status and request id of f from a loose read.
func (s *Scanner) recFields(r *looseRec, f *Finding) {
	if f.HTTPStatus == 0 {
		if k, ok := r.best(famStatus, false); ok {
			f.HTTPStatus = status(s.buf[k.val.a:k.val.b])
		}
	}
	if f.RequestID == "" {
		if k, ok := r.best(famReqID, false); ok {
			var cut bool
			f.RequestID, cut = s.value(k.val, maxRequestID)
			f.Truncated = f.Truncated || cut
		}
	}
}

// value returns a value's text, escapes decoded, trimmed and capped.
func (s *Scanner) value(v span, n int) (string, bool) {
	t, cut := capped(bytes.TrimSpace(s.decode(v)), n)
	return string(t), cut
}

// proseMessage returns the message that prose presents after a code: the
// text after it on its line, up to a quote, the line's end or lim (where
// the read stopped, as at the next code on the line), where a colon or a
// dash stands between them, where it starts with a capital letter, or
// where the code is a tag in brackets that starts its line: "Error:
// iMetal.0232: Insufficient IP addresses", "iMetal.0232 - Insufficient IP
// addresses", "iMetal.0232 Insufficient IP addresses" and "[iMetal.0232]
// Insufficient IP addresses" give "Insufficient IP addresses". A code
// only mentioned ("see iMetal.0232 and APIGW.0308 codes", a table's cell)
// has none: the words after it are no message of its.
func (s *Scanner) proseMessage(cs, ce, lim int, quote byte) (string, bool) {
	b := s.buf[:lim]
	i := ce
	if !proseSep(b, cs, ce) {
		return "", false
	}
	for i < len(b) && i-ce < 16 {
		if c := b[i]; c == ':' || c == ' ' || c == '-' || c == '\t' || c == ',' || c == ']' || c == ')' {
			i++
		} else if hasAt(b, i, "–") || hasAt(b, i, "—") {
			i += len("—")
		} else {
			break
		}
	}
	j := i
	for stop := min(len(b), i+maxMessage); j < stop; j++ {
		if c := b[j]; c == '\n' || c == '\r' || c == 0 || c == '"' || (quote != 0 && c == quote) {
			break
		}
	}
	s.work += int64(j - ce)
	t, cut := capped(bytes.TrimSpace(b[i:j]), maxMessage)
	return string(t), cut
}

// proseSep reports whether the code at b[cs:ce] presents a message after
// it: a colon or a dash (-, – or —, then a blank) follows it, after a
// closing bracket and blanks; a capital letter follows it after blanks; or
// it is a tag in brackets at its line's start ("[iMetal.0232] …").
func proseSep(b []byte, cs, ce int) bool {
	i := ce
	closed := i < len(b) && (b[i] == ']' || b[i] == ')')
	if closed {
		i++
	}
	i = skipBlanks(b, i, 16)
	if i >= len(b) {
		return false
	}
	switch {
	case b[i] == ':':
		return true
	case i > ce && !closed && b[i] >= 'A' && b[i] <= 'Z':
		// "iMetal.0232 Insufficient IP addresses": a capital after a
		// blank starts a message, as every message of the catalog's
		// does; a word in lower case goes on with the sentence.
		return true
	case b[i] == '-' || hasAt(b, i, "–") || hasAt(b, i, "—"):
		for i < len(b) && b[i] == '-' {
			i++
		}
		if hasAt(b, i, "–") || hasAt(b, i, "—") {
			i += len("–")
		}
		return i < len(b) && (b[i] == ' ' || b[i] == '\t')
	}
	if !closed || b[ce] != ']' || cs == 0 || b[cs-1] != '[' {
		return false
	}
	k := cs - 1
	for k > 0 && (b[k-1] == ' ' || b[k-1] == '\t') {
		k--
	}
	return k == 0 || b[k-1] == '\n'
}

// best returns the key of family fam nearest to the code's record: in the
// record itself, else (unless own) in the nearest enclosing record or one of
// its sub-records; among those, the highest ranked, then the nearest.
func (r *looseRec) best(fam family, own bool) (recKey, bool) {
	bestLevel, found := recChain*2, false
	var out recKey
	for _, k := range r.keys {
		if k.fam != fam && !(fam == famReqID && k.isReqID) {
			continue
		}
		lv := r.level(k.rec)
		if lv < 0 || (own && lv > 0) || (fam == famMsg && lv%2 == 1) {
			continue
		}
		if !found || lv < bestLevel || (lv == bestLevel && k.rank > out.rank) {
			out, bestLevel, found = k, lv, true
		}
	}
	return out, found
}

// level tells how far record rec is from the code's: 0 for its own, 2k for
// the k-th enclosing record, 2k+1 for a sub-record of that one; -1 if
// unrelated or in an enclosing record not closed within the read.
func (r *looseRec) level(rec int) int {
	for n := 0; n < 8; n++ {
		for i := range r.nchain {
			if r.chain[i] == rec {
				if i > 0 && !slices.Contains(r.closed, rec) {
					// An enclosing record that does not close in the
					// read may be junk's unclosed brace.
					return -1
				}
				if n > 0 {
					return 2*i + 1
				}
				return 2 * i
			}
		}
		if rec < 0 {
			return -1
		}
		p, ok := r.parent(rec)
		if !ok {
			return -1
		}
		rec = p
	}
	return -1
}

func (r *looseRec) parent(rec int) (int, bool) {
	for _, e := range r.parents {
		if e[0] == rec {
			return e[1], true
		}
	}
	return 0, false
}

// Shapes of findings read loosely.
const (
	ShapeJSObject Shape = "js-object"   // { errorCode: 'iMetal.0200', errorMsg: '…' }, Node.js's util.inspect
	ShapePyDict   Shape = "python-dict" // {'error_code': 'iMetal.0232', 'error_msg': '…'}
	ShapeGoStruct Shape = "go-struct"   // &sdkerr.ServiceResponseError{StatusCode:404, ErrorCode:"iMetal.0200", …}
	ShapeLogfmt   Shape = "logfmt"      // error_code=iMetal.0232 error_msg="…"
	ShapeText     Shape = "text"        // Error: iMetal.0232: Insufficient IP addresses; key: value lines
)

// shape names the notation of the code's record from how its keys are
// written.
func (r *looseRec) shape(b []byte) Shape {
	// The keys of the code's record by how they were written (see
	// recKey.quote).
	var dq, sq, eq, colon, dot int
	for _, k := range r.keys {
		if k.rec != r.own {
			continue
		}
		switch k.quote {
		case '"':
			dq++
		case '\'':
			sq++
		case '=':
			eq++
		case ':':
			colon++
		case '.':
			dot++
		}
	}
	switch {
	case dq > 0 && dq >= sq && dq >= eq && dq >= colon+dot:
		return ShapeJSON
	case sq > 0 && sq >= colon+dot && sq >= eq:
		return ShapePyDict
	case eq > 0 && eq >= colon+dot:
		return ShapeLogfmt
	case dot > 0 && dot >= colon:
		return ShapeGoStruct
	case r.own > 0 && (isLetter(b[r.own-1]) || isDigit(b[r.own-1])):
		return ShapeGoStruct
	case colon > 0 && r.own >= 0:
		return ShapeJSObject
	}
	return ShapeText
}

// loose reads the text around the code at buf[cs:ce] into r. With own, it
// stops early at another error code's record, and marks what it read.
func (s *Scanner) loose(r *looseRec, cs, ce int, own bool) {
	scanned := s.recScan
	if n := s.looseRead(r, cs, ce, own, looseFast); n > 0 && n+len(r.keys) >= recKeys {
		// Keys of the lines before the code's, which the read passed
		// over, might have filled the table of keys: read them too,
		// from the same start.
		r.keyed, r.keyFam, r.inQuote = false, famNone, 0
		s.recScan = scanned
		s.looseRead(r, cs, ce, own, false)
	}
}

// looseEv is a separator of a key that looseRead saw before the code's line
// and has not read yet: looseKey's arguments then.
type looseEv struct {
	i       int
	lastStr span
	strQ    byte
	rec     int
}

// looseRead is loose's read. With later, it reads the keys of the lines
// before the code's only if a record is still open at the start of the
// code's line: else none of them is in a record the code's is in, or in
// one of its sub-records. It returns how many such keys it did not read
// (at most one a separator), and recKeys if it could not tell.
func (s *Scanner) looseRead(r *looseRec, cs, ce int, own, later bool) int {
	// The tables grow in the Scanner's buffers, which one read at a time
	// uses.
	r.keys, r.parents, r.closed = s.recBuf.keys[:0], s.recBuf.parents[:0], s.recBuf.closed[:0]
	pending := s.recBuf.pending[:0]
	defer func() {
		s.recBuf.keys, s.recBuf.parents, s.recBuf.closed, s.recBuf.pending = r.keys, r.parents, r.closed, pending
	}()
	if s.recBuf.stack == nil {
		s.recBuf.stack = new([recDepth]int)
	}
	// Open brackets: a brace's index, or -1. Only the entries below depth
	// are read, each written first: it is not cleared.
	stack := s.recBuf.stack
	b := s.buf[:s.end]
	water := int(max(s.recEnd, s.recScan) - s.base)
	lo := max(0, cs-recLook, water)
	if lo > 0 && lo != water && b[lo-1] != '\n' {
		if j := bytes.IndexByte(b[lo:cs], '\n'); j >= 0 {
			lo += j + 1
		}
	}
	// No record of the notations read holds a blank line: one before the
	// code bounds the read.
	if lo < cs {
		s.work += int64(cs - lo)
		if j := lastBlank(b[lo:cs]); j >= 0 {
			lo += j
		}
	}
	hi := min(s.end, ce+recLook)
	// The start of the code's line, before which the keys wait in pending
	// until the read knows its state there.
	L, skipped := lo, 0
	if later && lo < cs {
		if j := lastNL(b[lo:cs]); j >= 0 {
			L = lo + j + 1
		}
	}
	// A body kept in a string (own unset) takes its fields from its record
	// and the one enclosing it: a HAR entry's response holds the status
	// and headers of the body in its content's text. Reading on to the
	// end of the entry would take in the next entry's response.
	enclosing := recChain
	if !own {
		enclosing = 2
	}
	var (
		depth   int           // brackets open, some maybe past the stack
		braces  int           // braces among them
		line    = lo          // the current line's start
		lastStr = span{a: -1} // the last string, quotes excluded
		strQ    byte
		codeRec = 0 // braces open at the code
		closed  = 0 // records closed after the code that enclose it
		low     = 0 // the fewest braces open since the code
	)
	innermost := func() int {
		for d := min(depth, recDepth) - 1; d >= 0; d-- {
			if stack[d] >= 0 {
				return stack[d]
			}
		}
		return -1 - line
	}
	i := lo
	atCode := func() {
		r.own = innermost()
		r.nchain = 0
		for d := min(depth, recDepth) - 1; d >= 0 && r.nchain < recChain; d-- {
			if stack[d] >= 0 {
				r.chain[r.nchain] = stack[d]
				r.nchain++
			}
		}
		if r.nchain == 0 {
			r.chain[0] = r.own
			r.nchain = 1
		}
		codeRec, low = braces, braces
	}
	passed := false
	// split: the code is in prose on a line of its own record (not the
	// value of an error-code key): another known code later on the line,
	// outside strings and braces, starts a finding of its own, as in
	// "failed: iMetal.0232 …; fallback failed: iMetal.0230 …".
	split := false
	stops := &looseStops
	r.stop = hi
	if L > lo {
		// The lines before the code's, whose keys wait: only brackets,
		// strings and separators count there, read by a loop of their own.
		h := looseHead(r, b, lo, L, hi, stack, pending)
		s.work += int64(h.peeked)
		i, depth, braces, line, lastStr, strQ, pending = L, h.depth, h.braces, L, h.lastStr, h.strQ, h.pending
		if len(pending) > 0 {
			if depth > 0 {
				for _, e := range pending {
					s.looseKey(r, b, e.i, hi, e.lastStr, e.strQ, e.rec, cs, ce)
				}
			} else {
				skipped = len(pending)
			}
			pending = pending[:0]
		}
	}
	if later && i < cs {
		// The code's line up to the code, on which no newline is: the keys
		// are read at once, and no record is left.
		h := headState{depth: depth, braces: braces, lastStr: lastStr, strQ: strQ}
		i = s.looseLine(r, b, i, cs, ce, hi, stack, &h)
		depth, braces, lastStr, strQ = h.depth, h.braces, h.lastStr, h.strQ
		if h.inStr != 0 {
			// The code stands in the string read last.
			passed = true
			atCode()
			r.inQuote = h.inStr
		}
	}
scan:
	for i < hi {
		// Most bytes mean nothing to the loop: skip them, up to the code.
		stop := hi
		if !passed {
			stop = min(hi, cs)
		}
		if i < stop && !stops[b[i]] {
			i = skipInert(b[:stop], i+1, stops)
		}
		if i >= hi {
			break
		}
		if !passed && i >= cs {
			passed = true
			atCode()
			if lastStr.a >= 0 && lastStr.a <= cs && lastStr.b < 0 {
				r.inQuote = strQ
			}
		}
		if passed && !split && own && codeRec == 0 && !(r.keyed && r.keyFam == famCode) {
			split, stops = true, &looseStopsDot
		}
		c := b[i]
		switch c {
		case '.':
			if split && braces == 0 && i-1 > ce && isLetter(b[i-1]) {
				if c2, _, ok := codeAround(b, i-1); ok && c2 > ce && s.knownNamespace(b[c2:i]) {
					r.stop, i = c2, c2
					break scan
				}
			}
		case '\n':
			prev := line
			line = i + 1
			if passed && i >= ce && blankAt(b, i+1, hi) {
				r.stop = i
				break scan
			}
			if passed && codeRec == 0 && i >= ce {
				// A record of the code's line only.
				r.stop = i
				break scan
			}
			if depth > 0 {
				ok, n := contentLine(b, prev, i+1, hi)
				s.work += int64(n)
				if !ok {
					// A line that is no content of the records open
					// (a new log line) ends them: a brace left open
					// (a line cut at a logger's size limit) is read as
					// if it were not there.
					if passed && i >= ce {
						r.stop = i
						break scan
					}
					// The keys read so far are in those records, or on
					// lines of their own: none is in the code's record
					// or one around it (looseHead drops them too).
					depth, braces = 0, 0
					r.keys = r.keys[:0]
				}
			}
		case 0:
			if passed {
				r.stop = i
				break scan
			}
			depth, braces = 0, 0
		case '"', '\'', '`':
			// A string, to its closing quote or its line's end.
			j, esc := i+1, false
			if i == r.str[0] && r.str[1] > i && r.str[1] < hi {
				j = r.str[1]
				esc = bytes.IndexByte(b[i+1:j], '\\') >= 0
			}
			for j < hi {
				if j = strEnd(b, j, hi, c); j >= hi || b[j] != '\\' {
					break
				}
				esc = true
				if j+1 < hi && b[j+1] != '\n' {
					j++
				}
				j++
			}
			if !passed && j > cs && i < cs {
				// The code stands in this string.
				passed = true
				atCode()
				r.inQuote = c
			}
			lastStr = span{a: i + 1, b: j, esc: esc}
			strQ = c
			if j < hi && b[j] == c {
				j++
			}
			i = j
			continue
		case '{', '[', '(':
			v := -1
			if c == '{' {
				v = i
				braces++
				if len(r.parents) < recRecords {
					r.parents = append(r.parents, [2]int{i, innermost()})
				}
				if own && passed && i > ce {
					// A record after the code's, or in it: stop there if
					// it holds an error code of its own (a key, or a known
					// code), or at the outermost record still open that
					// was opened after the code: that one holds it too (the
					// axios dump of another response, its body in "data").
					e := i + 1
					for e < min(hi, i+512) && b[e] != '{' && b[e] != '}' {
						e++
					}
					s.work += int64(e - i)
					if hasCodeKey(b[i:e]) || s.hasKnownCode(b[i:e]) {
						r.stop = i
						for d := range min(depth, recDepth) {
							if stack[d] > ce {
								r.stop = stack[d]
								break
							}
						}
						s.work += int64(i - r.stop) // read again by the next read
						i = r.stop
						break scan
					}
				}
			}
			if depth < recDepth {
				stack[depth] = v
			}
			depth++
		case '}', ']', ')':
			if depth > 0 {
				depth--
				if depth < recDepth && stack[depth] >= 0 {
					if len(r.closed) < recRecords {
						r.closed = append(r.closed, stack[depth])
					}
					braces--
					if passed && i >= ce && braces < low {
						// An enclosing record closed; records opened and
						// closed after the code (a HAR's headers) do not
						// count.
						low = braces
						closed++
						if closed == 1 {
							r.stop = i + 1
						}
						if closed >= enclosing || braces == 0 {
							r.stop = i + 1
							break scan
						}
					}
				}
			}
		case ':', '=':
			s.looseKey(r, b, i, hi, lastStr, strQ, innermost(), cs, ce)
		}
		i++
	}
	if !passed {
		atCode()
	}
	r.cut = i >= hi && hi == s.end
	if r.own >= 0 {
		r.start = r.own
	} else {
		r.start = -1 - r.own
		for r.start < cs && (b[r.start] == ' ' || b[r.start] == '\t') {
			r.start++
		}
	}
	// A code the loop never reached (inside a string that ran past it) has
	// no record read: its finding starts at the code, never after it.
	r.start = min(r.start, cs)
	if r.stop < ce {
		r.stop = ce
	}
	end := max(r.stop, i)
	r.resume = r.stop
	if own {
		// A record opened after the code and still open where the read
		// ended (the window's end, the end of the code's line) is left
		// whole to the read of a code in it: its opening may hold the
		// status and request id. The window's end cuts the read there;
		// elsewhere the finding keeps what the read gave it.
		for d := range min(depth, recDepth) {
			if stack[d] > ce && stack[d] < end {
				if i >= hi && hi < s.end {
					r.stop = min(r.stop, stack[d])
				}
				r.resume, end = min(r.stop, stack[d]), stack[d]
				break
			}
		}
	}
	s.work += int64(max(r.stop, i) - lo)
	s.recScan = max(s.recScan, s.base+int64(end))
	return skipped
}

// headState is the state of looseRead's loop at the start of the code's
// line, after looseHead.
type headState struct {
	depth, braces int
	lastStr       span
	strQ          byte
	pending       []looseEv
	inStr         byte // for looseLine: the quote of a string the code stands in
	peeked        int  // bytes contentLine looked at
}

// looseLine is looseRead's loop over b[L:cs], the code's line up to the
// code, when no newline is in it: there the loop reads the keys at once,
// and only follows strings and brackets besides. It is the same loop with
// what cannot happen before the code left out, kept apart (as looseHead)
// so that the compiler keeps its few variables in registers. It returns
// where the loop goes on: cs, past a string that ends there, or past a
// string that runs past the code (h.inStr is then its quote).
func (s *Scanner) looseLine(r *looseRec, b []byte, L, cs, ce, hi int, stack *[recDepth]int, h *headState) int {
	depth, braces := h.depth, h.braces
	innermost := func() int {
		for d := min(depth, recDepth) - 1; d >= 0; d-- {
			if stack[d] >= 0 {
				return stack[d]
			}
		}
		return -1 - L
	}
	i := L
	for ; i < cs; i++ {
		if !looseStops[b[i]] {
			if i = skipInert(b[:cs], i+1, &looseStops); i >= cs {
				break
			}
		}
		switch c := b[i]; c {
		case 0:
			depth, braces = 0, 0
		case '"', '\'', '`':
			// A string, to its closing quote or its line's end (past cs
			// maybe).
			j, esc := i+1, false
			for j < hi {
				if j = strEnd(b, j, hi, c); j >= hi || b[j] != '\\' {
					break
				}
				esc = true
				if j+1 < hi && b[j+1] != '\n' {
					j++
				}
				j++
			}
			h.lastStr, h.strQ = span{a: i + 1, b: j, esc: esc}, c
			inStr := j > cs
			if j < hi && b[j] == c {
				j++
			}
			if inStr {
				h.depth, h.braces, h.inStr = depth, braces, c
				return j
			}
			i = j - 1
		case '{', '[', '(':
			v := -1
			if c == '{' {
				v = i
				braces++
				if len(r.parents) < recRecords {
					r.parents = append(r.parents, [2]int{i, innermost()})
				}
			}
			if depth < recDepth {
				stack[depth] = v
			}
			depth++
		case '}', ']', ')':
			if depth > 0 {
				depth--
				if depth < recDepth && stack[depth] >= 0 {
					if len(r.closed) < recRecords {
						r.closed = append(r.closed, stack[depth])
					}
					braces--
				}
			}
		case ':', '=':
			s.looseKey(r, b, i, hi, h.lastStr, h.strQ, innermost(), cs, ce)
		}
	}
	h.depth, h.braces = depth, braces
	return i
}

// looseHead is looseRead's loop over b[lo:L], the lines before the code's
// (L, after a newline), when their keys wait: there the loop only follows
// strings, brackets and the records they open and close, and puts the
// separators of keys in pending, for looseRead to read if a record is
// still open at L. It is the same loop with what cannot happen before the
// code's line left out, kept apart so that the compiler keeps its few
// variables in registers.
func looseHead(r *looseRec, b []byte, lo, L, hi int, stack *[recDepth]int, pending []looseEv) headState {
	h := headState{lastStr: span{a: -1}, pending: pending}
	depth, braces, line := 0, 0, lo
	innermost := func() int {
		for d := min(depth, recDepth) - 1; d >= 0; d-- {
			if stack[d] >= 0 {
				return stack[d]
			}
		}
		return -1 - line
	}
	full := b
	b = b[:L]
	for i := lo; i < L; i++ {
		if !looseStops[b[i]] {
			if i = skipInert(b, i+1, &looseStops); i >= L {
				break
			}
		}
		switch c := b[i]; c {
		case '\n':
			prev := line
			line = i + 1
			if depth > 0 {
				// As in looseRead: a line that is no content of the
				// records open ends them (the code's line too).
				ok, n := contentLine(full, prev, i+1, hi)
				h.peeked += n
				if !ok {
					depth, braces = 0, 0
					h.pending = h.pending[:0]
				}
			}
		case 0:
			depth, braces = 0, 0
		case '"', '\'', '`':
			// A string ends by its line's end at the latest: before L.
			j, esc := i+1, false
			for j < L {
				if j = strEnd(b, j, L, c); j >= L || b[j] != '\\' {
					break
				}
				esc = true
				if j+1 < L && b[j+1] != '\n' {
					j++
				}
				j++
			}
			h.lastStr, h.strQ = span{a: i + 1, b: j, esc: esc}, c
			if j < L && b[j] == c {
				j++
			}
			i = j - 1
		case '{', '[', '(':
			v := -1
			if c == '{' {
				v = i
				braces++
				if len(r.parents) < recRecords {
					r.parents = append(r.parents, [2]int{i, innermost()})
				}
			}
			if depth < recDepth {
				stack[depth] = v
			}
			depth++
		case '}', ']', ')':
			if depth > 0 {
				depth--
				if depth < recDepth && stack[depth] >= 0 {
					if len(r.closed) < recRecords {
						r.closed = append(r.closed, stack[depth])
					}
					braces--
				}
			}
		case ':', '=':
			h.pending = append(h.pending, looseEv{i, h.lastStr, h.strQ, innermost()})
		}
	}
	h.depth, h.braces = depth, braces
	return h
}

// contentLine reports whether the line that starts at b[i] (before hi),
// after the line that starts at b[ls], reads as content of a record left
// open on a line before it, as a pretty-printed record's lines do (JSON, a
// JavaScript object, a Python dict, an SDK's block): indented, or starting
// with a closing bracket or with a quoted key and its colon, after a line
// prefix it shares with the line before (a log line's timestamp and level
// repeated on each line of the record, see linePrefix) and escape
// sequences. A line that does not (a new log line such as "ERROR
// iMetal.0232: …" or "time=… level=ERROR …", a record of its own at the
// start of a line) is no content of the record: the text after a brace
// that a logger's size limit cut off is read as if the brace were not
// there. A line past hi, empty or blank is taken as content (the read
// stops at a blank line anyway). It also returns how many bytes it looked
// at.
func contentLine(b []byte, ls, i, hi int) (bool, int) {
	b = b[:hi]
	ok, n := lineContent(b, i)
	if ok || ls >= i-1 {
		return ok, n
	}
	// Lines that share a prefix start alike (escape sequences aside).
	if x, y := b[ls], b[i]; x != y && !(isDigit(x) && isDigit(y)) && x != 0x1b && y != 0x1b && x < 0x80 && y < 0x80 {
		return false, n
	}
	var h0, h1 [maxPrefix + maxEscape]byte
	e := min(hi, i+len(h1)/2)
	if j := bytes.IndexByte(b[i:e], '\n'); j >= 0 {
		e = i + j
	}
	l0 := stripped(h0[:0], b[ls:min(i-1, ls+len(h0)/2)])
	l1 := stripped(h1[:0], b[i:e])
	n += min(i-1-ls, len(h0)/2) + e - i
	pre := linePrefix(l0, l1)
	if pre == nil {
		return false, n
	}
	ok, _ = lineContent(l1, len(pre))
	return ok, n
}

// lineContent is contentLine's test of b[i:], without a line prefix.
func lineContent(b []byte, i int) (bool, int) {
	start := i
	// Escape sequences (colors) at the line's start are read through.
	for n := 0; n < 8 && i < len(b); n++ {
		e := escapeLen(b, i)
		if e == 0 {
			break
		}
		i += e
	}
	if i >= len(b) {
		return true, i - start
	}
	switch c := b[i]; c {
	case ' ', '\t', '\r', '\n', 0, '}', ']', ')':
		return true, i + 1 - start
	case '"', '\'':
		// A quoted key: its closing quote, then ':' after blanks and
		// escape sequences.
		stop := min(len(b), i+128)
		for j := i + 1; j < stop; j++ {
			switch b[j] {
			case c:
				k := skipBlanks(b, j+1, 16)
				for n := 0; n < 4 && k < len(b); n++ {
					e := escapeLen(b, k)
					if e == 0 {
						break
					}
					k += e
				}
				return k >= len(b) || b[k] == ':', k - start
			case '\n', '\\', 0:
				return false, j - start
			}
		}
		return stop == len(b), stop - start
	}
	return false, i + 1 - start
}

// looseStops are the bytes loose's loop acts on.
var looseStops = func() (l [256]bool) {
	for _, c := range []byte("\n\x00\"'`{[(}]):=") {
		l[c] = true
	}
	return l
}()

// skipInert returns the index of the first byte of b[i:] that stops
// marks, or len(b). It is loose's inner loop, kept out of looseRead, whose
// many variables would not leave it the registers it needs.
func skipInert(b []byte, i int, stops *[256]bool) int {
	for ; i+4 <= len(b); i += 4 {
		w := b[i : i+4 : i+4]
		if stops[w[0]] {
			return i
		}
		if stops[w[1]] {
			return i + 1
		}
		if stops[w[2]] {
			return i + 2
		}
		if stops[w[3]] {
			return i + 3
		}
	}
	for ; i < len(b) && !stops[b[i]]; i++ {
	}
	return i
}

// strEnd returns the index of the first byte of b[j:hi] that ends or
// escapes a string quoted by q (q itself, '\n', NUL or a backslash), or hi.
// Strings (URLs, messages, ids) are most of what loose reads. A string in
// double quotes stops at exactly strRun's bytes (strStop), which reads 32
// bytes at a time with AVX2; others are read 8 bytes at a time, and a
// control byte other than '\n' and NUL (a tab) stops the word's search,
// which goes on after it.
func strEnd(b []byte, j, hi int, q byte) int {
	b = b[:hi]
	if q == '"' {
		return strRun(b, j)
	}
	qs := ones * uint64(q)
	for j+8 <= len(b) {
		x := binary.LittleEndian.Uint64(b[j : j+8])
		m := zeroLanes(x^qs) | zeroLanes(x^(ones*'\\')) | lowLanes(x)
		if m == 0 {
			j += 8
			continue
		}
		j += bits.TrailingZeros64(m) >> 3
		if c := b[j]; c == q || c == '\n' || c == 0 || c == '\\' {
			return j
		}
		j++
	}
	for ; j < len(b); j++ {
		if c := b[j]; c == q || c == '\n' || c == 0 || c == '\\' {
			return j
		}
	}
	return hi
}

// looseStopsDot adds '.' to looseStops: the loop looks for another code.
var looseStopsDot = func() [256]bool {
	l := looseStops
	l['.'] = true
	return l
}()

// lastBlank returns the index just past the last blank line in b (a line
// of blanks only, after a newline), or -1.
func lastBlank(b []byte) int {
	for e := len(b); e > 0; {
		i := lastNL(b[:e])
		if i < 0 {
			return -1
		}
		j := i - 1
		for j >= 0 && (b[j] == ' ' || b[j] == '\t' || b[j] == '\r') {
			j--
		}
		if j >= 0 && b[j] == '\n' {
			return i + 1
		}
		e = i
	}
	return -1
}

// blankAt reports whether the line that starts at i (before hi) is blank.
func blankAt(b []byte, i, hi int) bool {
	for ; i < hi; i++ {
		switch b[i] {
		case ' ', '\t', '\r':
			continue
		case '\n':
			return true
		}
		return false
	}
	return false
}

// hasCodeKey reports whether an error-code key ("error_code", errorCode…)
// appears in b, a record's text up to its first inner or closing brace.
func hasCodeKey(b []byte) bool {
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte("rror"))
		if j < 0 {
			return false
		}
		i += j + 4
		if i < len(b) && (b[i] == 'C' || (b[i] == '_' && hasAt(b, i, "_code")) || (b[i] == '-' && hasAt(b, i, "-code"))) {
			return true
		}
	}
}

// hasKnownCode reports whether a code of a known namespace appears in b.
func (s *Scanner) hasKnownCode(b []byte) bool {
	for i := 1; i+1 < len(b); i++ {
		if b[i] == '.' && isDigit(b[i+1]) && isLetter(b[i-1]) {
			if cs, _, ok := codeAround(b, i-1); ok && s.knownNamespace(b[cs:i]) {
				return true
			}
		}
	}
	return false
}

// looseKey records the key that the separator at i ends, if it is of an
// interesting family, with its value.
func (s *Scanner) looseKey(r *looseRec, b []byte, i, hi int, lastStr span, strQ byte, rec, cs, ce int) {
	if len(r.keys) >= recKeys {
		return
	}
	sep := b[i]
	if i+1 < len(b) && (b[i+1] == '/' || b[i+1] == '=' || (sep == ':' && b[i+1] == ':')) {
		return // a URL's scheme, ==, ::
	}
	// The key before the separator.
	j := i
	if sep == ':' {
		j = skipBack(b, i, 8)
	}
	var key []byte
	quote := byte(0)
	switch {
	case j > 0 && lastStr.a >= 0 && lastStr.b+1 == j && (b[j-1] == '"' || b[j-1] == '\''):
		key, quote = b[lastStr.a:lastStr.b], b[j-1]
	default:
		// A key of no family is not read back: one that does not end
		// as a family's does (see keyFamily), after its separators.
		// Keys are read back 64 bytes at most: no further than lim.
		e, lim := j, max(0, j-64)
		for e > lim && keyNorm[b[e-1]] == keySep && b[e-1] != ' ' {
			e--
		}
		if e == lim || !familyEnd[b[e-1]] {
			return
		}
		k := e - 1
		for k > lim && keyByte[b[k-1]] {
			k--
		}
		if k == j {
			return
		}
		key = b[k:j]
		switch {
		case sep == '=':
			quote = '='
		case i+1 < len(b) && b[i+1] != ' ' && b[i+1] != '\t':
			quote = '.'
		default:
			quote = ':'
		}
	}
	fam, rank := keyFamily(key)
	if fam == famNone {
		return
	}
	v := looseValue(b, i+1, hi, sep)
	if v.a <= cs && cs < max(v.b, v.a+1) {
		r.keyed, r.keyFam = true, fam
	}
	if fam == famCode || !v.ok() {
		return
	}
	k := recKey{fam: fam, rank: rank, at: i, val: v, rec: rec, quote: quote}
	switch fam {
	case famName:
		if f, _ := keyFamily(bytes.TrimSpace(b[v.a:v.b])); f == famReqID {
			r.keys = append(r.keys, k)
		}
		return
	case famValue:
		for _, o := range r.keys {
			if o.fam == famName && o.rec == rec {
				k.isReqID = true
			}
		}
		if !k.isReqID {
			return
		}
	}
	r.keys = append(r.keys, k)
}

// keyByte is true for the bytes of a bare key: letters, digits, '_', '-'
// and '.'.
var keyByte = func() (t [256]bool) {
	for c := range t {
		t[c] = isLetter(byte(c)) || isDigit(byte(c)) || c == '_' || c == '-' || c == '.'
	}
	return t
}()

// looseValue returns the value after a separator at i: a quoted string
// (b'…' too) without its quotes, or a bare value up to the end of the line,
// a comma or a closing bracket; after '=', up to a blank; after ':', also
// up to a blank before another "Key:" (Go's %+v).
func looseValue(b []byte, i, hi int, sep byte) span {
	i = skipBlanks(b, i, 16)
	if i < hi && (b[i] == '\n' || b[i] == '\r') {
		return unset // a key at its line's end has no value
	}
	if i+1 < hi && b[i] == 'b' && (b[i+1] == '\'' || b[i+1] == '"') {
		i++
	}
	if i >= hi {
		return unset
	}
	switch q := b[i]; q {
	case '"', '\'', '`':
		j := i + 1
		esc := false
		for j < hi {
			if j = strEnd(b, j, hi, q); j >= hi || b[j] != '\\' {
				break
			}
			if j+1 < hi {
				esc = true
				j++
			}
			j++
		}
		if j >= hi || b[j] != q {
			return unset
		}
		return span{a: i + 1, b: j, esc: esc && q == '"'}
	case '{', '[', '(':
		return unset
	}
	j, nest := i, 0
	for ; j < hi; j++ {
		c := b[j]
		if !valueStops[c] {
			continue
		}
		if c == '[' || c == '(' {
			nest++
		}
		if (c == ']' || c == ')') && nest > 0 {
			nest--
			continue
		}
		if c == '\n' || c == '\r' || c == 0 || (c == ',' && nest == 0) || c == '}' || c == ')' || c == ']' {
			break
		}
		if c == ' ' || c == '\t' {
			if sep == '=' || goKeyAt(b, j+1, hi) {
				break
			}
		}
	}
	v := bytes.TrimRight(b[i:j], " \t")
	if len(v) == 0 {
		return unset
	}
	return span{a: i, b: i + len(v)}
}

// valueStops are the bytes that looseValue's loop over a bare value acts
// on; it passes over the others at once.
var valueStops = func() (t [256]bool) {
	for _, c := range []byte("[()],}\n\r\x00 \t") {
		t[c] = true
	}
	return t
}()

// skipBlanks returns the index of the first byte at or after i that is not
// a space or a tab, looking at most n bytes ahead; unlike skipSpace, it
// stops at a line's end.
func skipBlanks(b []byte, i, n int) int {
	for stop := min(len(b), i+n); i < stop && (b[i] == ' ' || b[i] == '\t'); i++ {
	}
	return i
}

// goKeyAt reports whether a Go field name and a colon start at i: the next
// field of %+v.
func goKeyAt(b []byte, i, hi int) bool {
	if i >= hi || b[i] < 'A' || b[i] > 'Z' {
		return false
	}
	for j := i + 1; j < hi && j-i < 64; j++ {
		c := b[j]
		if c == ':' {
			return true
		}
		if !isLetter(c) && !isDigit(c) && c != '_' {
			return false
		}
	}
	return false
}

// paused reports whether the input ended at a pause of a Live stream, not
// at its end.
func (s *Scanner) paused() bool {
	if s.cutEnd {
		return true
	}
	return s.st != nil && !s.st.ended.Load()
}

// holdAt keeps the findings from input offset off on from being handed
// over at the pause that ends the input: a record or trailer that the pause
// cut is read whole by the next segment of the Live scan, which finds them
// again (it scans carry bytes before the pause again, and skips only the
// first lookback of them: off must be later than maxObject bytes before
// the pause).
func (s *Scanner) holdAt(off int64) {
	if s.hold < 0 || off < s.hold {
		s.hold = off
	}
}
