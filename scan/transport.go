package scan

import "bytes"

// The status and request id a body does not carry may stand in the text a
// client prints around it, in words rather than headers:
//
//   - an HTTP status line after any prefix: "< HTTP/2 404",
//     "< Response HTTP/1.1 404" (the Python SDK's debug log), "  HTTP/1.1
//     404 Not Found" (wget -S), also glued to the end of the body before
//     (curl -si of retries), and HTTPie's warning "HTTP 429 Too Many
//     Requests";
//   - an X-Request-Id header in any indentation, quoted or not, after ':' or
//     '=' (also request_id: as the Terraform provider's client writes it);
//   - curl's "(22) The requested URL returned error: 404" and wget's
//     "ERROR 404: Not Found." before the body;
//   - an access log line, the quoted request then the status ("GET …"
//     404), as web servers and the Python SDK's access log write it;
//   - the Terraform provider's client library (github.com/chnsz/golangsdk),
//     whose error names the status in words before the body, on its line
//     or, wrapped (Terraform wraps its diagnostics), on one above:
//     "Resource not found: [POST https://…], request_id: …, error message:
//     {…}", or "… but got 404 instead." on the line before.
//
// The lines before a body are read nearest first, up to a status line
// (what is above it belongs to another response) and never before the end
// of the previous finding (ctxFloor), so that each byte is read once by
// these backward walks.
//
// After a body, one thing only is read: the status that curl's -w option
// prints after it ('-w "\nhttp_code=%{http_code}\n"'), on the line right
// after a body that stands on lines of its own (see trailer). A status line
// after a body is not read: it starts the next response (curl -i of
// retries). A Live stream may pause between the body and that line: when
// the pause cuts the body's line or one that may become that status, the
// segment holds the finding back (holdAt), so that what it finds does not
// depend on where the stream pauses; a pause right after the body's line
// ends it hands the finding over, without a status that comes later.

const (
	transLines   = 12      // lines read before a body
	transUnknown = 4       // nor more in a row that are none of the above
	transLook    = 4 << 10 // nor further back than this
)

// statusWords are the Terraform client library's messages for a status.
var statusWords = [...]struct {
	words  string
	status int
}{
	{"Bad request with: [", 400},
	{"Action forbidden: [", 403},
	{"Resource not found: [", 404},
	{"Too many requests: [", 429},
	{"Internal Server Error: [", 500},
}

// wordStatus returns the status that the Terraform client library's words
// in line name, or 0.
func wordStatus(line []byte) int {
	if indexAt(line, ": [", 2) >= 0 {
		for _, w := range statusWords {
			if bytes.Contains(line, []byte(w.words)) {
				return w.status
			}
		}
	}
	return 0
}

// transport fills the status and request id that f lacks from the transport
// text before its body at buf[start:].
func (s *Scanner) transport(start int, f *Finding) {
	if f.HTTPStatus != 0 && f.RequestID != "" {
		return
	}
	b := s.buf[:s.end]
	lo := max(start-transLook, 0, int(s.ctxFloor-s.base))
	if start < lo {
		return
	}
	ls := lo
	if i := lastNL(b[lo:start]); i >= 0 {
		ls = lo + i + 1
	}
	s.work += int64(start - ls)
	if ls == lo && lo > 0 && b[lo-1] != '\n' {
		// The line starts too far back (or in a body read before).
		return
	}
	prefix := b[ls:start]
	if f.HTTPStatus == 0 {
		f.HTTPStatus = wordStatus(prefix)
	}
	s.lineFacts(prefix, f, false, false)
	cur, unknown := ls, 0
	for n := 0; n < transLines && (f.HTTPStatus == 0 || f.RequestID == ""); n++ {
		line, ok := s.prevLine(lo, &cur, n)
		if !ok {
			// A status line glued to the body before (curl -si of retries
			// prints "...}HTTP/1.1 429 Too Many Requests"): its tail.
			if le := cur - 1; le > lo && lo > 0 && b[lo-1] != '\n' && bytes.IndexByte(b[lo:le], '\n') < 0 {
				s.work += int64(le - lo)
				s.lineFacts(b[lo:le], f, true, n == 0)
			}
			break
		}
		st, known := s.lineFacts(line, f, true, n == 0)
		if st || otherBody(line) {
			break
		}
		if known || headerLike(line) {
			unknown = 0
		} else if unknown++; unknown > transUnknown {
			break
		}
	}
}

// trailerLook is how long the line after a body that may hold its status
// may be, and trailerGap how many blanks may follow the body on its line.
const (
	trailerLook = 128
	trailerGap  = 16
)

// trailer fills the status that the body at buf[start:end] lacks from the
// line right after it, when the body stands on lines of its own and that
// line is a status alone under a name: "http_code=400" (curl -w's
// %{http_code}, %{response_code}), "status: 404". A body too long for that
// line to be whole in the buffer with it is left as it is, so that the
// answer never depends on where a buffer ends.
func (s *Scanner) trailer(start, end int, f *Finding) {
	if end-start+trailerGap+trailerLook+2 > maxObject {
		return
	}
	b := s.buf[:s.end]
	// The body starts its line.
	i := start
	for i > 0 && start-i < trailerGap && isBlank(b[i-1]) {
		i--
	}
	if i > 0 && b[i-1] != '\n' || i == 0 && s.base > 0 {
		return
	}
	// It ends its line.
	i = end
	for i < len(b) && i-end < trailerGap && (isBlank(b[i]) || b[i] == '\r') {
		i++
	}
	cut := s.paused()
	if i == len(b) {
		if cut {
			s.holdAt(f.Offset)
		}
		return
	}
	if b[i] != '\n' {
		return
	}
	// The line after it.
	ls := i + 1
	le := ls
	for le < len(b) && le-ls <= trailerLook && b[le] != '\n' {
		le++
	}
	s.work += int64(le - end)
	if le-ls > trailerLook {
		return
	}
	if le == len(b) && cut {
		// A pause right after the body's line is not waited out: a body
		// alone on its line is shown when the stream pauses (curl writes
		// -w's "\nhttp_code=…" at once, so its pause falls before the
		// newline, or not at all).
		if le > ls && trailerStart(b[ls:le]) {
			s.holdAt(f.Offset)
		}
		return
	}
	if st := trailerStatus(b[ls:le]); st != 0 {
		f.HTTPStatus = st
	}
}

// trailerStatus returns the status of a line that holds nothing but a
// status under a name: a key of the status family (http_code and
// response_code too), '=' or ':', three digits; 0 if it is not one.
func trailerStatus(line []byte) int {
	t := bytes.TrimSpace(line)
	k := 0
	for k < len(t) && (isLetter(t[k]) || t[k] == '_' || t[k] == '-') {
		k++
	}
	if k == 0 || k == len(t) || (t[k] != '=' && t[k] != ':') {
		return 0
	}
	if fam, _ := keyFamily(t[:k]); fam != famStatus {
		return 0
	}
	v := bytes.TrimLeft(t[k+1:], " \t")
	if len(v) != 3 {
		return 0
	}
	return status(v)
}

// trailerStart reports whether line, cut by a pause, may still become a
// line that trailerStatus reads.
func trailerStart(line []byte) bool {
	t := bytes.TrimLeft(line, " \t")
	k := 0
	for k < len(t) && (isLetter(t[k]) || t[k] == '_' || t[k] == '-') {
		k++
	}
	if k == len(t) {
		return true
	}
	if k == 0 || (t[k] != '=' && t[k] != ':') {
		return false
	}
	v := bytes.TrimLeft(t[k+1:], " \t")
	if len(v) > 3 {
		return false
	}
	for _, c := range v {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// otherBody reports whether a line before a body holds a record of its own,
// another response's body (curl's "{ [98 bytes data]" aside): what is
// above it belongs to that response.
func otherBody(line []byte) bool {
	t := bytes.TrimLeft(line, " \t<>|")
	if bytes.HasPrefix(t, []byte("{ [")) {
		return false
	}
	return bytes.IndexByte(t, '{') >= 0 || bytes.IndexByte(t, '}') >= 0
}

// headerLike reports whether a line is blank or holds a header, "Name:
// value", after any prefix (transcript marks, indentation, a log line's
// timestamp and level).
func headerLike(line []byte) bool {
	t := bytes.TrimSpace(line)
	if len(t) == 0 || bytes.Equal(t, []byte("<")) || bytes.Equal(t, []byte(">")) {
		return true
	}
	c := indexAt(t, ": ", 0)
	if c < 0 {
		return bytes.HasSuffix(t, []byte(":"))
	}
	k := c
	for k > 0 && t[k-1] != ' ' && t[k-1] != '\t' {
		k--
	}
	return c-k >= 2 && isLetter(t[k])
}

// lineFacts takes the status and request id that f lacks from one line of
// transport text; it reports whether the line is a status line, and
// whether it gave anything; golangsdk's status words count as a status
// line. With header, a request id counts only as a
// header: X-Request-Id, or a name that starts the line. The line before a
// body's may also hold wget's "ERROR 404:" or golangsdk's "but got 404
// instead". Only lines with an 'H' (HTTP) or a
// 'q' (request) are searched further, so that log lines cost little.
func (s *Scanner) lineFacts(line []byte, f *Finding, header, near bool) (st, found bool) {
	h := bytes.IndexByte(line, 'H') >= 0
	q := bytes.IndexByte(line, 'q') >= 0 || bytes.IndexByte(line, 'Q') >= 0
	s.work += int64(3 * len(line))
	if h {
		if i := bytes.Index(line, []byte("HTTP/")); i >= 0 {
			if v := statusLine(bytes.TrimSpace(line[i:])); v != nil {
				if f.HTTPStatus == 0 {
					f.HTTPStatus = status(v)
				}
				return true, true
			}
		}
		if st := httpWordStatus(line); st != 0 {
			if f.HTTPStatus == 0 {
				f.HTTPStatus = st
			}
			return true, true
		}
		if f.HTTPStatus == 0 {
			if f.HTTPStatus = goResponseStatus(line); f.HTTPStatus != 0 {
				found = true
			}
		}
	}
	if f.HTTPStatus == 0 {
		// The client library's words on a line of their own: the body
		// follows on a later line (Terraform wraps its diagnostics).
		if f.HTTPStatus = wordStatus(line); f.HTTPStatus != 0 {
			return true, true
		}
	}
	if f.HTTPStatus == 0 && bytes.Contains(line, []byte(`" `)) {
		if f.HTTPStatus = accessStatus(line); f.HTTPStatus != 0 {
			return true, true
		}
	}
	if f.HTTPStatus == 0 && (q || near) {
		if f.HTTPStatus = curlStatus(line, near); f.HTTPStatus != 0 {
			found = true
		}
	}
	if f.RequestID == "" && q {
		if v := requestIDIn(line, header); len(v) > 0 {
			r, cut := capped(v, maxRequestID)
			f.RequestID = string(r)
			f.Truncated = f.Truncated || cut
			found = true
		}
	}
	return false, found
}

// curlStatus returns the status of curl's "returned error: 404", or, near a
// body, wget's "ERROR 404: Not Found." or golangsdk's "but got 404
// instead"; 0 if none.
func curlStatus(line []byte, near bool) int {
	for n, w := range [...]struct {
		string
		at int // a byte of it rare in logs
	}{{"returned error: ", 14}, {"ERROR ", 0}, {"but got ", 0}} {
		if n > 0 && !near {
			break
		}
		i := indexAt(line, w.string, w.at)
		if i < 0 {
			continue
		}
		v := line[i+len(w.string):]
		if len(v) < 3 || (len(v) > 3 && isDigit(v[3])) {
			continue
		}
		if w.string == "ERROR " && (len(v) < 4 || v[3] != ':') {
			continue
		}
		if st := status(v[:3]); st != 0 {
			return st
		}
	}
	return 0
}

// accessStatus returns the status of an access log line, the quoted
// request then the status: `"GET /v1/servers HTTP/1.1" 404 153` (the
// common log format of web servers), `"GET https://…" 404 81 0:00:00.03
// REQUEST-ID` (the Python SDK's access log); 0 if none.
func accessStatus(line []byte) int {
	for i := 0; ; {
		j := bytes.Index(line[i:], []byte(`" `))
		if j < 0 {
			return 0
		}
		e := i + j // the closing quote
		i = e + 2
		v := line[i:]
		if len(v) < 3 || (len(v) > 3 && v[3] != ' ' && v[3] != '\r') || status(v[:3]) == 0 {
			continue
		}
		o := bytes.LastIndexByte(line[:e], '"')
		if o < 0 {
			continue
		}
		req := line[o+1 : e]
		sp := bytes.IndexByte(req, ' ')
		if sp < 3 || sp > 10 || sp == len(req)-1 {
			continue
		}
		if target := req[sp+1:]; target[0] != '/' && !bytes.Contains(target, []byte("://")) {
			continue
		}
		method := true
		for _, c := range req[:sp] {
			method = method && c >= 'A' && c <= 'Z'
		}
		if method {
			return status(v[:3])
		}
	}
}

// httpWordStatus returns the status of "HTTP 429 Too Many Requests", as
// HTTPie's --check-status warns "http: LogLevel.WARNING: HTTP 429 ...", or 0.
func httpWordStatus(line []byte) int {
	i := bytes.Index(line, []byte("HTTP "))
	if i < 0 || (i > 0 && (isLetter(line[i-1]) || isDigit(line[i-1]))) {
		return 0
	}
	v := line[i+len("HTTP "):]
	if len(v) < 3 || (len(v) > 3 && v[3] != ' ' && v[3] != '\r') {
		return 0
	}
	return status(v[:3])
}

// goResponseStatus returns the status of a Go http.Response printed with %v,
// "{404 Not Found 404 HTTP/1.1 1 1 map[...] ...}", or 0.
func goResponseStatus(line []byte) int {
	h := bytes.Index(line, []byte(" HTTP/"))
	if h < 5 || line[h-4] != ' ' {
		return 0
	}
	st := line[h-3 : h]
	if status(st) == 0 || !bytes.Contains(line[:h-3], append(append([]byte("{"), st...), ' ')) {
		return 0
	}
	return status(st)
}

// requestIDIn returns the value of an X-Request-Id header or a request_id
// field on a line: the name in any case and spelling, quoted or not, then
// ':' or '=', then the value up to a blank, comma or quote. With header,
// only X-Request-Id, a name that starts the line (after blanks and
// transcript marks) or one after golangsdk's "], " counts.
func requestIDIn(line []byte, header bool) []byte {
	// A name's "request" holds a 'q' or 'Q' two bytes in, rare in other
	// text: the names are looked for only there, in order.
	nq, nQ := -2, -2 // the next 'q' and 'Q' not yet passed; -1 if none
	for from := 2; ; {
		if nq != -1 && nq < from {
			nq = indexFrom(line, from, 'q')
		}
		if nQ != -1 && nQ < from {
			nQ = indexFrom(line, from, 'Q')
		}
		q := nq
		if q < 0 || (nQ >= 0 && nQ < q) {
			q = nQ
		}
		if q < 0 {
			return nil
		}
		from = q + 1
		i := q - 2
		if i+len("requestid") > len(line) {
			return nil
		}
		if line[i]|0x20 != 'r' || !hasFold(line[i:], "request") {
			continue
		}
		x := i >= 2 && line[i-1] == '-' && line[i-2]|0x20 == 'x'
		if !x && i > 0 && (isLetter(line[i-1]) || isDigit(line[i-1])) {
			continue
		}
		if header && !x && len(bytes.Trim(line[:i], " \t<>|*'\"")) > 0 && !bytes.HasSuffix(line[:i], []byte("], ")) {
			// Not a header, nor golangsdk's "[GET URL], request_id: …"
			// wrapped onto a line above the body.
			continue
		}
		j := i + len("request")
		if j < len(line) && (line[j] == '-' || line[j] == '_' || line[j] == ' ') {
			j++
		}
		if !hasFold(line[j:], "id") {
			continue
		}
		j += 2
		if j < len(line) && (line[j] == '"' || line[j] == '\'') {
			j++
		}
		for j < len(line) && line[j] == ' ' {
			j++
		}
		if j >= len(line) || (line[j] != ':' && line[j] != '=') {
			continue
		}
		j++
		for j < len(line) && (line[j] == ' ' || line[j] == '"' || line[j] == '\'' || line[j] == '[') {
			j++
		}
		k := j
		for k < len(line) && (isLetter(line[k]) || isDigit(line[k]) || line[k] == '-' || line[k] == '_' || line[k] == '.') {
			k++
		}
		if k-j >= 3 {
			return line[j:k]
		}
	}
}

// indexAt is bytes.Index(b, []byte(w)), the first w in b or -1, found from
// the places of w[at] in b: bytes.Index tries those of w[0], and for the
// few words transport looks for on every line it walks back over, a later
// byte of the word is rarer in logs (':' rather than the 'r' of "returned
// error: ").
func indexAt(b []byte, w string, at int) int {
	for i := at; i < len(b); i++ {
		j := bytes.IndexByte(b[i:], w[at])
		if j < 0 {
			return -1
		}
		i += j
		if s := i - at; s+len(w) <= len(b) && string(b[s:s+len(w)]) == w {
			return s
		}
	}
	return -1
}

// indexFrom returns the index of the first c in b at or after k, or -1.
func indexFrom(b []byte, k int, c byte) int {
	if k >= len(b) {
		return -1
	}
	if i := bytes.IndexByte(b[k:], c); i >= 0 {
		return k + i
	}
	return -1
}

// hasFold reports whether b starts with the lower-case ASCII word w, in any
// case.
func hasFold(b []byte, w string) bool {
	if len(b) < len(w) {
		return false
	}
	for i := range len(w) {
		if b[i]|0x20 != w[i] {
			return false
		}
	}
	return true
}
