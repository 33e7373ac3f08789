package main

import (
	"strconv"
	"time"
)

// shape is one way a client prints an error response, drawn from the real captures in
// testdata/clients (that folder's README says how each was made). A record of a shape may span
// several lines, but the response's code is on exactly one of them, once.
type shape struct {
	name   string
	weight int // relative frequency in a mixed log
	write  func(g *generator, b []byte, r *response) []byte
}

// shapes are those of the mixed log. The names are written to FILE.counts.json.
var shapes = []shape{
	{"slog-json", 12, (*generator).appendSlogJSON},         // slog-json-raw-0230.txt
	{"zap-json", 10, (*generator).appendZapJSON},           // zap's production encoder: "err" holds the body
	{"slog-text-body", 8, (*generator).appendSlogTextBody}, // slog-text-raw-many.txt
	{"logfmt", 8, (*generator).appendLogfmt},               // slog-text-0232.txt
	{"go-sdk-v", 8, (*generator).appendGoSDKv},             // go-sdk-v-0230.txt, after log.Printf
	{"go-sdk-sharpv", 6, (*generator).appendGoSDKSharpv},   // go-sdk-sharpv-0230.txt, after log.Printf
	{"python-sdk-str", 8, (*generator).appendPythonSDKStr}, // python-sdk-str-0999.txt
	{"python-dict", 6, (*generator).appendPythonDict},      // python-requests-0230.txt, in a logging line
	{"node-sdk-stack", 6, (*generator).appendNodeStack},    // node-sdk-uncaught-0230.txt, console.error(err)
	{"node-sdk-inline", 5, (*generator).appendNodeInline},  // the same fields inspected on one line
	{"node-sdk-json", 5, (*generator).appendNodeJSON},      // node-sdk-json-0232.txt, JSON.stringify(err)
	{"curl-i", 5, (*generator).appendCurlI},                // curl-si-0230.txt
	{"curl-v", 4, (*generator).appendCurlV},                // curl-v-0232.txt
}

// response is one error response of a mixed log, as the API sent it.
type response struct {
	c         *errorCode
	msg       []byte // error_msg, unescaped
	requestID []byte
	method    string
	path      []byte
}

// gateway codes carry request_id in the body too, as the API gateway's bodies do.
func (r *response) gateway() bool { return r.c.code[0] == 'A' }

const (
	apiHost   = "bms.region-1.example.com"
	sdkPrefix = "/srv/bms-agent/node_modules/@huaweicloud/huaweicloud-sdk-core/"
)

var goCallers = []string{"bms/client.go:212", "bms/client.go:248", "provision/worker.go:97", "inventory/sync.go:64"}

// nextMixed returns the next record of a mixed log, and the indexes in codes and shapes of the
// error it carries, or -1 and -1. Three records in four carry an error; the others are plain
// log lines, some of them of the same notations as the shapes but without an error response.
func (g *generator) nextMixed() ([]byte, int, int) {
	g.clock.ms += int64(g.rng.IntN(25))
	g.line = g.line[:0]
	if g.rng.IntN(4) == 0 {
		g.line = g.appendMixedPlain(g.line)
		return g.line, -1, -1
	}
	ci, si := g.pickCode(), g.pickShape()
	r := &g.resp
	r.c = &codes[ci]
	r.msg = g.appendMessage(r.msg[:0], r.c, false)
	r.requestID = g.appendHex(r.requestID[:0], 32)
	p := verbsPaths[g.rng.IntN(len(verbsPaths))]
	sp := 0
	for p[sp] != ' ' {
		sp++
	}
	r.method = p[:sp]
	r.path = g.expandPath(r.path[:0], p[sp+1:])
	g.line = g.shapes[si].write(g, g.line, r)
	return g.line, ci, si
}

func (g *generator) pickShape() int {
	n := g.rng.IntN(g.shapeWeights)
	for i, s := range g.shapes {
		if n < s.weight {
			return i
		}
		n -= s.weight
	}
	panic("unreachable")
}

// appendBody appends the JSON body the API sent: error_msg, error_code, and request_id for
// the gateway's codes, in the server's order.
func appendBody(b []byte, r *response) []byte {
	b = append(b, `{"error_msg":`...)
	b = appendJSONString(b, r.msg)
	b = append(b, `,"error_code":"`...)
	b = append(b, r.c.code...)
	if r.gateway() {
		b = append(b, `","request_id":"`...)
		b = append(b, r.requestID...)
	}
	return append(b, `"}`...)
}

func (g *generator) appendURL(b []byte, r *response) []byte {
	b = append(b, "https://"+apiHost...)
	return append(b, r.path...)
}

// appendSlogJSON: log/slog's JSONHandler with the raw body as a string.
func (g *generator) appendSlogJSON(b []byte, r *response) []byte {
	b = append(b, `{"time":"`...)
	b = g.clock.appendNano(b, g.rng.IntN(1e6))
	b = append(b, `","level":"ERROR","msg":"create server failed","method":"`...)
	b = append(b, r.method...)
	b = append(b, `","url":"`...)
	b = g.appendURL(b, r)
	b = append(b, `","status":`...)
	b = appendInt(b, r.c.status)
	b = append(b, `,"x_request_id":"`...)
	b = append(b, r.requestID...)
	b = append(b, `","body":`...)
	g.scratch = appendBody(g.scratch[:0], r)
	b = appendJSONString(b, g.scratch)
	return append(b, "}\n"...)
}

// appendZapJSON: zap's production JSON encoder, the body as the "err" field (an error whose
// Error() is the body), and the stack trace zap adds at error level.
func (g *generator) appendZapJSON(b []byte, r *response) []byte {
	b = append(b, `{"level":"error","ts":`...)
	b = g.clock.appendEpoch(b)
	caller := goCallers[g.rng.IntN(len(goCallers))]
	b = append(b, `,"caller":"`...)
	b = append(b, caller...)
	b = append(b, `","msg":"request failed","method":"`...)
	b = append(b, r.method...)
	b = append(b, `","path":"`...)
	b = append(b, r.path...)
	b = append(b, `","err":`...)
	g.scratch = append(g.scratch[:0], `{"error_code":"`...)
	g.scratch = append(g.scratch, r.c.code...)
	g.scratch = append(g.scratch, `","error_msg":`...)
	g.scratch = appendJSONString(g.scratch, r.msg)
	if r.gateway() {
		g.scratch = append(g.scratch, `,"request_id":"`...)
		g.scratch = append(g.scratch, r.requestID...)
		g.scratch = append(g.scratch, '"')
	}
	g.scratch = append(g.scratch, '}')
	b = appendJSONString(b, g.scratch)
	b = append(b, `,"stacktrace":"main.(*bmsClient).do\n\t/app/`...)
	b = append(b, caller...)
	b = append(b, `\nmain.(*provisioner).run\n\t/app/provision/worker.go:141"}`...)
	return append(b, '\n')
}

// appendSlogTextBody: log/slog's TextHandler with the raw body quoted.
func (g *generator) appendSlogTextBody(b []byte, r *response) []byte {
	b = append(b, "time="...)
	b = g.clock.append(b, 'T')
	b = append(b, ` level=ERROR msg="create server failed" method=`...)
	b = append(b, r.method...)
	b = append(b, " url="...)
	b = g.appendURL(b, r)
	b = append(b, " status="...)
	b = appendInt(b, r.c.status)
	b = append(b, " x_request_id="...)
	b = append(b, r.requestID...)
	b = append(b, " body="...)
	g.scratch = appendBody(g.scratch[:0], r)
	b = appendJSONString(b, g.scratch) // strconv.Quote, the same for this ASCII text
	return append(b, '\n')
}

// appendLogfmt: log/slog's TextHandler with the body decoded into attributes.
func (g *generator) appendLogfmt(b []byte, r *response) []byte {
	b = append(b, "time="...)
	b = g.clock.append(b, 'T')
	b = append(b, ` level=ERROR msg="create server failed" status=`...)
	b = appendInt(b, r.c.status)
	b = append(b, " request_id="...)
	b = append(b, r.requestID...)
	b = append(b, " error_code="...)
	b = append(b, r.c.code...)
	b = append(b, " error_msg="...)
	b = appendJSONString(b, r.msg)
	return append(b, '\n')
}

// appendGoPrefix appends log.Printf's "2006/01/02 15:04:05 ".
func (g *generator) appendGoPrefix(b []byte) []byte {
	b = g.clock.append(b, ' ')
	b = b[:len(b)-4] // drop ",000"
	for i := len(b) - 19; i < len(b)-9; i++ {
		if b[i] == '-' {
			b[i] = '/'
		}
	}
	return append(b, ' ')
}

// appendGoSDKv: the Go SDK's error with %v, whose Error() ends in a newline.
func (g *generator) appendGoSDKv(b []byte, r *response) []byte {
	b = g.appendGoPrefix(b)
	b = append(b, `list servers: {"status_code":`...)
	b = appendInt(b, r.c.status)
	b = append(b, `,"request_id":"`...)
	b = append(b, r.requestID...)
	b = append(b, `","error_code":"`...)
	b = append(b, r.c.code...)
	b = append(b, `","error_message":`...)
	b = appendJSONString(b, r.msg)
	return append(b, ",\"encoded_authorization_message\":\"\",\"details\":null}\n\n"...)
}

// appendGoSDKSharpv: the Go SDK's error with %#v.
func (g *generator) appendGoSDKSharpv(b []byte, r *response) []byte {
	b = g.appendGoPrefix(b)
	b = append(b, "list servers: &sdkerr.ServiceResponseError{StatusCode:"...)
	b = appendInt(b, r.c.status)
	b = append(b, `, RequestId:"`...)
	b = append(b, r.requestID...)
	b = append(b, `", ErrorCode:"`...)
	b = append(b, r.c.code...)
	b = append(b, `", ErrorMessage:`...)
	b = appendJSONString(b, r.msg) // strconv.Quote
	return append(b, ", EncodedAuthorizationMessage:\"\", Details:[]sdkerr.ServiceResponseError(nil)}\n"...)
}

// appendPythonSDKStr: the Python SDK's access log line, then its exception as print(e) or as
// a logging line.
func (g *generator) appendPythonSDKStr(b []byte, r *response) []byte {
	b = g.clock.append(b, ' ')
	b = append(b, " 139843897491520 HuaweiCloud-SDK-BmsClient http_handler.py 37 INFO \""...)
	b = append(b, r.method...)
	b = append(b, ' ')
	b = g.appendURL(b, r)
	b = append(b, "\" "...)
	b = appendInt(b, r.c.status)
	b = append(b, ' ')
	g.scratch = appendBody(g.scratch[:0], r)
	b = appendInt(b, len(g.scratch))
	b = append(b, " 0:00:00.0"...)
	b = appendInt(b, 10000+g.rng.IntN(90000))
	b = append(b, ' ')
	b = append(b, r.requestID...)
	b = append(b, '\n')
	if g.rng.IntN(2) == 0 {
		b = g.clock.append(b, ' ')
		b = append(b, " ERROR provisioner.worker: "...)
	}
	if r.c.status >= 500 {
		b = append(b, "ServerResponseException"...)
	} else {
		b = append(b, "ClientRequestException"...)
	}
	b = append(b, " - {status_code:"...)
	b = appendInt(b, r.c.status)
	b = append(b, ",request_id:"...)
	b = append(b, r.requestID...)
	b = append(b, ",error_code:"...)
	b = append(b, r.c.code...)
	b = append(b, ",error_msg:"...)
	b = append(b, r.msg...)
	return append(b, ",encoded_authorization_message:None }\n"...)
}

// appendPythonDict: requests' r.json() of the body, logged beside the status.
func (g *generator) appendPythonDict(b []byte, r *response) []byte {
	b = g.clock.append(b, ' ')
	b = append(b, " WARNING inventory.sync: "...)
	b = append(b, r.method...)
	b = append(b, ' ')
	b = g.appendURL(b, r)
	b = append(b, " -> "...)
	b = appendInt(b, r.c.status)
	b = append(b, " {'error_msg': "...)
	b = appendRepr(b, r.msg, false)
	b = append(b, ", 'error_code': '"...)
	b = append(b, r.c.code...)
	if r.gateway() {
		b = append(b, "', 'request_id': '"...)
		b = append(b, r.requestID...)
	}
	return append(b, "'}\n"...)
}

func (g *generator) nodeTimestamp(b []byte) []byte {
	b = g.clock.append(b, 'T')
	return append(b, ' ')
}

func exceptionName(r *response) string {
	if r.c.status >= 500 {
		return "ServerResponseException"
	}
	return "ClientRequestException"
}

// appendNodeStack: console.error(new Date().toISOString(), 'create server failed:', err) of the
// Node.js SDK's exception: its stack, then its own fields as util.inspect prints them.
func (g *generator) appendNodeStack(b []byte, r *response) []byte {
	b = g.nodeTimestamp(b)
	b = append(b, "create server failed: "...)
	b = append(b, exceptionName(r)...)
	b = append(b, ": "...)
	b = append(b, r.msg...)
	b = append(b, "\n    at ExceptionUtil.generalException ("+sdkPrefix+"exception/ExceptionUtil.js:"...)
	if r.c.status >= 500 {
		b = append(b, "41:24)"...)
	} else {
		b = append(b, "38:24)"...)
	}
	b = append(b, "\n    at HcClient.sendRequest ("+sdkPrefix+"HcClient.js:68:49)"+
		"\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)"+
		"\n    at async createServer (/srv/bms-agent/src/servers.js:"...)
	b = appendInt(b, 30+g.rng.IntN(40))
	b = append(b, ":5) {\n  httpStatusCode: "...)
	b = appendInt(b, r.c.status)
	b = append(b, ",\n  errorMsg: "...)
	b = appendRepr(b, r.msg, true)
	b = append(b, ",\n  errorCode: '"...)
	b = append(b, r.c.code...)
	b = append(b, "',\n  requestId: '"...)
	b = append(b, r.requestID...)
	return append(b, "',\n  encodedAuthorizationMessage: undefined\n}\n"...)
}

// appendNodeInline: the exception's fields picked into an object and logged with
// util.inspect(obj, { breakLength: Infinity }), on one line.
func (g *generator) appendNodeInline(b []byte, r *response) []byte {
	b = g.nodeTimestamp(b)
	b = append(b, "error: create server failed { httpStatusCode: "...)
	b = appendInt(b, r.c.status)
	b = append(b, ", errorMsg: "...)
	b = appendRepr(b, r.msg, true)
	b = append(b, ", errorCode: '"...)
	b = append(b, r.c.code...)
	b = append(b, "', requestId: '"...)
	b = append(b, r.requestID...)
	return append(b, "' }\n"...)
}

// appendNodeJSON: JSON.stringify(err) of the Node.js SDK's exception, in camelCase.
func (g *generator) appendNodeJSON(b []byte, r *response) []byte {
	b = g.nodeTimestamp(b)
	b = append(b, `error: create server failed {"name":"`...)
	b = append(b, exceptionName(r)...)
	b = append(b, `","httpStatusCode":`...)
	b = appendInt(b, r.c.status)
	b = append(b, `,"errorMsg":`...)
	b = appendJSONString(b, r.msg)
	b = append(b, `,"errorCode":"`...)
	b = append(b, r.c.code...)
	b = append(b, `","requestId":"`...)
	b = append(b, r.requestID...)
	return append(b, "\"}\n"...)
}

var reasons = map[int]string{
	200: "OK", 202: "Accepted", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found",
	429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
}

// appendResponseHead appends a status line and the API's headers, each line after prefix and
// ending in CRLF, then the blank line.
func (g *generator) appendResponseHead(b []byte, prefix string, status int, requestID []byte, length int) []byte {
	b = append(b, prefix...)
	b = append(b, "HTTP/1.1 "...)
	b = appendInt(b, status)
	b = append(b, ' ')
	b = append(b, reasons[status]...)
	b = append(b, "\r\n"...)
	b = append(b, prefix...)
	b = append(b, "Content-Type: application/json;charset=UTF-8\r\n"...)
	b = append(b, prefix...)
	b = append(b, "Server: api-gateway\r\n"...)
	b = append(b, prefix...)
	b = append(b, "X-Request-Id: "...)
	b = append(b, requestID...)
	b = append(b, "\r\n"...)
	b = append(b, prefix...)
	b = append(b, "Date: "...)
	b = g.clock.appendHTTP(b)
	b = append(b, "\r\n"...)
	b = append(b, prefix...)
	b = append(b, "Content-Length: "...)
	b = appendInt(b, length)
	b = append(b, "\r\n"...)
	b = append(b, prefix...)
	return append(b, "\r\n"...)
}

// appendCurlI: `curl -si URL; echo` in a script's output.
func (g *generator) appendCurlI(b []byte, r *response) []byte {
	g.scratch = appendBody(g.scratch[:0], r)
	b = g.appendResponseHead(b, "", r.c.status, r.requestID, len(g.scratch))
	b = append(b, g.scratch...)
	return append(b, '\n')
}

// appendCurlV: `curl -sv -X METHOD URL; echo`.
func (g *generator) appendCurlV(b []byte, r *response) []byte {
	g.scratch = appendBody(g.scratch[:0], r)
	b = append(b, "*   Trying 192.0.2.10:443...\n* Connected to "+apiHost+" (192.0.2.10) port 443 (#0)\n> "...)
	b = append(b, r.method...)
	b = append(b, ' ')
	b = append(b, r.path...)
	b = append(b, " HTTP/1.1\r\n> Host: "+apiHost+"\r\n> User-Agent: curl/7.88.1\r\n> Accept: */*\r\n> \r\n"...)
	b = g.appendResponseHead(b, "< ", r.c.status, r.requestID, len(g.scratch))
	b = append(b, "{ ["...)
	b = appendInt(b, len(g.scratch))
	b = append(b, " bytes data]\n* Connection #0 to host "+apiHost+" left intact\n"...)
	b = append(b, g.scratch...)
	return append(b, '\n')
}

// appendMixedPlain appends a record that carries no error response: a plain log line as in the
// other logs, or one in the notations of the shapes (a success, or a failure without a code).
func (g *generator) appendMixedPlain(b []byte) []byte {
	switch g.rng.IntN(8) {
	case 0: // logfmt success
		b = append(b, "time="...)
		b = g.clock.append(b, 'T')
		b = append(b, ` level=INFO msg="server created" method=POST url=https://`+apiHost+`/v1/`...)
		b = append(b, g.projects[g.rng.IntN(len(g.projects))]...)
		b = append(b, "/baremetalservers status=202 x_request_id="...)
		b = g.appendHex(b, 32)
		b = append(b, " duration="...)
		b = appendInt(b, 50+g.rng.IntN(900))
		return append(b, "ms\n"...)
	case 1: // curl -si of a success
		g.scratch = append(g.scratch[:0], `{"server":{"id":"`...)
		g.scratch = g.appendUUID(g.scratch)
		g.scratch = append(g.scratch, `","name":"bms-`...)
		g.scratch = appendInt(g.scratch, g.rng.IntN(1000))
		g.scratch = append(g.scratch, `","status":"ACTIVE","fault":null}}`...)
		g.fillHex(32)
		b = g.appendResponseHead(b, "", 200, g.hex[:], len(g.scratch))
		b = append(b, g.scratch...)
		return append(b, '\n')
	case 2: // a Node.js network error, with a code that is no error response's
		b = g.nodeTimestamp(b)
		b = append(b, "create server failed: Error: socket hang up\n"+
			"    at connResetException (node:internal/errors:787:14)\n"+
			"    at TLSSocket.socketOnEnd (node:_http_client:519:23)\n"+
			"    at TLSSocket.emit (node:events:529:35) {\n  code: 'ECONNRESET'\n}\n"...)
		return b
	case 3: // a Python dict of a success
		b = g.clock.append(b, ' ')
		b = append(b, " INFO inventory.sync: GET https://"+apiHost+"/v1/"...)
		b = append(b, g.projects[g.rng.IntN(len(g.projects))]...)
		b = append(b, "/baremetalservers/detail -> 200 {'id': '"...)
		b = g.appendUUID(b)
		return append(b, "', 'status': 'ACTIVE', 'error': None}\n"...)
	default:
		return g.appendPlain(b)
	}
}

// appendJSONString appends s as a JSON string (which is also how strconv.Quote writes the
// printable ASCII the generator uses).
func appendJSONString(b, s []byte) []byte {
	b = append(b, '"')
	for _, c := range s {
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, `\n`...)
		case '\t':
			b = append(b, `\t`...)
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// appendRepr appends s quoted as Python's repr (js false) or Node's util.inspect (js true)
// quote a string: in single quotes, unless it holds a single quote and no double quote.
func appendRepr(b, s []byte, js bool) []byte {
	var hasSingle, hasDouble bool
	for _, c := range s {
		hasSingle = hasSingle || c == '\''
		hasDouble = hasDouble || c == '"'
	}
	q := byte('\'')
	switch {
	case hasSingle && !hasDouble:
		q = '"'
	case hasSingle && js:
		q = '`' // util.inspect's third choice; the messages hold no backquote
	}
	b = append(b, q)
	for _, c := range s {
		if c == q || c == '\\' {
			b = append(b, '\\')
		}
		b = append(b, c)
	}
	return append(b, q)
}

// appendNano appends the time as slog's JSONHandler does, with nanoseconds: the milliseconds of
// the clock and six more digits.
func (c *clock) appendNano(b []byte, sub int) []byte {
	b = c.append(b, 'T')
	b = b[:len(b)-1] // the Z
	s := strconv.Itoa(1000000 + sub)
	b = append(b, s[1:]...)
	return append(b, 'Z')
}

// appendEpoch appends the time as zap's ts, seconds since 1970 with a fraction.
func (c *clock) appendEpoch(b []byte) []byte {
	t := c.base + c.ms
	b = strconv.AppendInt(b, t/1000, 10)
	ms := int(t % 1000)
	return append(b, '.', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
}

// appendHTTP appends the time as an HTTP Date header.
func (c *clock) appendHTTP(b []byte) []byte {
	return time.UnixMilli(c.base+c.ms).UTC().AppendFormat(b, "Mon, 02 Jan 2006 15:04:05 GMT")
}
