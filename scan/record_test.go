package scan

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// notationTests are the notations read from the code outward, and the
// transport text around bodies.
var notationTests = []struct {
	name string
	in   string
	want []Finding
}{
	{
		name: "Node.js uncaught exception, object literal over lines",
		in: "ClientRequestException: Instances not found\n    at ExceptionUtil.generalException (/app/x.js:35:24) {\n" +
			"  httpStatusCode: 404,\n  errorMsg: 'Instances not found: [i-1, i-2]',\n  errorCode: 'iMetal.0200',\n" +
			"  requestId: '8c1f0e2a9b',\n  encodedAuthorizationMessage: undefined\n}\n",
		want: []Finding{{Code: "iMetal.0200", Message: "Instances not found: [i-1, i-2]", HTTPStatus: 404, RequestID: "8c1f0e2a9b", Shape: ShapeJSObject, Offset: 100}},
	},
	{
		name: "Node.js object literal on one line",
		in:   "{ httpStatusCode: 404, errorMsg: 'Not found', errorCode: 'iMetal.0200', requestId: 'r-1' }\n",
		want: []Finding{{Code: "iMetal.0200", Message: "Not found", HTTPStatus: 404, RequestID: "r-1", Shape: ShapeJSObject}},
	},
	{
		name: "Node.js SDK's axios dump: body in data, status and request id beside it",
		in: "[2026-01-02T03:04:05.678] [ERROR] HcClient - Some error found: {\n  data: { error_code: 'iMetal.0200', error_msg: 'Instances not found: [i-1]' },\n" +
			"  status: 404,\n  headers: Object [AxiosHeaders] {\n    'content-type': 'application/json',\n    'x-request-id': 'abc123def'\n  },\n" +
			"  message: 'Request failed with status code 404'\n}\n",
		want: []Finding{{Code: "iMetal.0200", Message: "Instances not found: [i-1]", HTTPStatus: 404, RequestID: "abc123def", Shape: ShapeJSObject, Offset: 73}},
	},
	{
		name: "camelCase JSON of JSON.stringify(err)",
		in:   `{"httpStatusCode":404,"errorMsg":"Not found","errorCode":"iMetal.0200","requestId":"r-2"}` + "\n",
		want: []Finding{{Code: "iMetal.0200", Message: "Not found", HTTPStatus: 404, RequestID: "r-2", Shape: ShapeJSON}},
	},
	{
		name: "Go %#v",
		in:   `err: &sdkerr.ServiceResponseError{StatusCode:404, RequestId:"r-3", ErrorCode:"iMetal.0200", ErrorMessage:"Instances not found", EncodedAuthorizationMessage:""}` + "\n",
		want: []Finding{{Code: "iMetal.0200", Message: "Instances not found", HTTPStatus: 404, RequestID: "r-3", Shape: ShapeGoStruct, Offset: 33}},
	},
	{
		name: "Go %+v, a message with a colon and brackets",
		in:   `{StatusCode:404 RequestId:r-4 ErrorCode:iMetal.0200 ErrorMessage:Instances not found: [a b]}` + "\n",
		want: []Finding{{Code: "iMetal.0200", Message: "Instances not found: [a b]", HTTPStatus: 404, RequestID: "r-4", Shape: ShapeGoStruct}},
	},
	{
		name: "a key at its line's end has no value: the next line is not taken as it",
		in:   "{\n  requestId:\n  errorMsg: 'Not found',\n  errorCode: 'iMetal.0200'\n}\nError: iMetal.0232: x,\n{'error_msg':\n 'error_code': 'iMetal.0230'}\n",
		want: []Finding{
			{Code: "iMetal.0200", Message: "Not found", Shape: ShapeJSObject},
			{Code: "iMetal.0232", Message: "x,", Shape: ShapeText, Offset: 69},
			{Code: "iMetal.0230", Shape: ShapeText, Offset: 92},
		},
	},
	{
		name: "a code's read stops at the outermost later record that holds another error: its status stays with it",
		in:   "{\n  msg: 'retry after iMetal.0232',\n  last: {\n    data: { error_code: 'iMetal.0230', error_msg: 'Subnet not found' },\n    status: 404\n  }\n}\n",
		want: []Finding{
			{Code: "iMetal.0232", Shape: ShapeJSObject},
			{Code: "iMetal.0230", Message: "Subnet not found", HTTPStatus: 404, Shape: ShapeJSObject, Offset: 56},
		},
	},
	{
		name: "a code's read stops at a later record that holds a known code",
		in:   "{\n  msg: 'retry after iMetal.0232',\n  last: {\"level\":\"error\",\"msg\":\"iMetal.0230: Subnet not found\"}\n}\n",
		want: []Finding{
			{Code: "iMetal.0232", Shape: ShapeJSObject},
			{Code: "iMetal.0230", Message: "Subnet not found", Shape: ShapeJSON, Offset: 44},
		},
	},
	{
		name: "a record that an earlier code's read window cuts after its brace is read whole by its own code's read",
		in: "{ x: 'iMetal.0200'\n" + strings.Repeat("x", 4042) + "\nClientRequestException: nf\n    at f (/x.js:1:2) {\n" +
			"  errorCode: 'iMetal.0230',\n  httpStatusCode: 404,\n  errorMsg: 'nf'\n}\n",
		want: []Finding{
			{Code: "iMetal.0200", Shape: ShapeText},
			{Code: "iMetal.0230", Message: "nf", HTTPStatus: 404, Shape: ShapeJSObject, Offset: 4110},
		},
	},
	{
		name: "a known code in a JSON object that a parse closed without a body, not in a body's",
		in: `{"error": {"level":"error","msg":"IMETAL.0230: Subnet not found"}}` + "\n" +
			`{"error_code":"A.1","x":{"msg":"iMetal.0232 y"}}` + "\n",
		want: []Finding{
			{Code: "IMETAL.0230", Message: "Subnet not found", Shape: ShapeJSON, Offset: 10},
			{Code: "A.1", Shape: ShapeJSON, Offset: 67},
		},
	},
	{
		name: "Python dict",
		in:   `failed: {'error_code': 'iMetal.0232', 'error_msg': 'Insufficient IP addresses', 'request_id': 'r-5'}` + "\n",
		want: []Finding{{Code: "iMetal.0232", Message: "Insufficient IP addresses", RequestID: "r-5", Shape: ShapePyDict, Offset: 8}},
	},
	{
		name: "logfmt",
		in:   `time=2026 level=error error_code=iMetal.0232 error_msg="Insufficient IP addresses" request_id=r-6 status=409` + "\n",
		want: []Finding{{Code: "iMetal.0232", Message: "Insufficient IP addresses", HTTPStatus: 409, RequestID: "r-6", Shape: ShapeLogfmt}},
	},
	{
		name: "a plain sentence",
		in:   "  Error: iMetal.0232: Insufficient IP addresses\nnext line\n",
		want: []Finding{{Code: "iMetal.0232", Message: "Insufficient IP addresses", Shape: ShapeText, Offset: 2}},
	},
	{
		name: "a code in another case, in a JSON log line's message",
		in:   `{"level":"error","msg":"IMETAL.0232: Insufficient IP addresses","request_id":"r-11"}` + "\n",
		want: []Finding{{Code: "IMETAL.0232", Message: "Insufficient IP addresses", RequestID: "r-11", Shape: ShapeJSON}},
	},
	{
		name: "gateway codes, APIG spelling",
		in:   "upstream said APIG.0308 The throttling threshold has been reached\n",
		want: []Finding{{Code: "APIG.0308", Message: "The throttling threshold has been reached", Shape: ShapeText}},
	},
	{
		name: "not codes: versions, other namespaces in prose, glued words",
		in:   "imetal.1.2 released; AS.0001 in prose; x_iMetal.0200; iMetal.0200abc; iMetal.1234567\n",
	},
	{
		name: "Python SDK debug log: status line after a prefix, indented headers, b'' body",
		in: "2026-01-02 10:00:00 DEBUG < Response HTTP/1.1 404\n    Content-Type: application/json\n    X-Request-Id: r-7a\n" +
			`< Body: b'{"error_msg": "Not found", "error_code": "iMetal.0200"}'` + "\n",
		want: []Finding{{Code: "iMetal.0200", Message: "Not found", HTTPStatus: 404, RequestID: "r-7a", Shape: ShapeJSON, Offset: 118}},
	},
	{
		name: "Terraform provider's client library: status in words, request_id before the body",
		in:   `Error: Resource not found: [POST https://x/v1/servers], request_id: r-8a, error message: {"error_code":"iMetal.0200","error_msg":"nf"}` + "\n",
		want: []Finding{{Code: "iMetal.0200", Message: "nf", HTTPStatus: 404, RequestID: "r-8a", Shape: ShapeJSON, Offset: 89}},
	},
	{
		name: "Terraform provider's client library, wrapped: status words lines above the body",
		in:   "Error: Too many requests: [GET\nhttps://x/v1/servers],\nrequest_id: r-8c, error message:\n{\"error_code\":\"APIGW.0308\",\"error_msg\":\"t\"}\n",
		want: []Finding{{Code: "APIGW.0308", Message: "t", HTTPStatus: 429, RequestID: "r-8c", Shape: ShapeJSON, Offset: 87}},
	},
	{
		name: "the Python SDK's fields one per line, its access log above",
		in:   "2026-12-01 14:00:09,313 INFO \"GET http://x/v1/servers\" 400 78 0:00:00.010861 674ef08c\n400\n674ef08c\niMetal.0232\nInsufficient IP addresses\n",
		want: []Finding{{Code: "iMetal.0232", HTTPStatus: 400, Shape: ShapeText, Offset: 99}},
	},
	{
		name: "golangsdk's unexpected response code",
		in:   "Expected HTTP response code [200] when accessing [GET https://x], but got 429 instead.\nrequest_id: r-8b, error message: {\"error_code\":\"APIGW.0308\",\"error_msg\":\"t\"}\n",
		want: []Finding{{Code: "APIGW.0308", Message: "t", HTTPStatus: 429, RequestID: "r-8b", Shape: ShapeJSON, Offset: 120}},
	},
	{
		name: "curl --fail-with-body: the status before the body",
		in:   "curl: (22) The requested URL returned error: 404\n{\"error_code\":\"iMetal.0200\",\"error_msg\":\"nf\"}\n",
		want: []Finding{{Code: "iMetal.0200", Message: "nf", HTTPStatus: 404, Shape: ShapeJSON, Offset: 49}},
	},
	{
		name: "curl -w: the status on the line after the body",
		in:   "{\"error_msg\":\"x\",\"error_code\":\"iMetal.0999\"}\nhttp_code=400\n  {\"error_code\":\"iMetal.0999\"} \r\n  response_code: 502\r\n",
		want: []Finding{
			{Code: "iMetal.0999", Message: "x", HTTPStatus: 400, Shape: ShapeJSON},
			{Code: "iMetal.0999", HTTPStatus: 502, Shape: ShapeJSON, Offset: 61},
		},
	},
	{
		name: "no status from after a body: another response's status line, a log line's body, a line of more",
		in: "ERROR {\"error_code\":\"iMetal.0998\"}\nhttp_code=400\n{\"error_code\":\"iMetal.0997\"}\nstatus=400 done\n" +
			"{\"error_code\":\"iMetal.0996\",\"status\":409}\nstatus=400\n{\"error_code\":\"iMetal.0999\"}\nHTTP/1.1 404 Not Found\n",
		want: []Finding{
			{Code: "iMetal.0998", Shape: ShapeJSON, Offset: 6},
			{Code: "iMetal.0997", Shape: ShapeJSON, Offset: 49},
			{Code: "iMetal.0996", HTTPStatus: 409, Shape: ShapeJSON, Offset: 94},
			{Code: "iMetal.0999", Shape: ShapeJSON, Offset: 147},
		},
	},
	{
		name: "wget -S: indented headers, ERROR line",
		in:   "  HTTP/1.1 404 Not Found\n  X-Request-Id: r-9a\nSaving to: 'STDOUT'\n{\"error_code\":\"iMetal.0200\",\"error_msg\":\"nf\"}\n\n2026-01-02 10:00:00 ERROR 404: Not Found.\n",
		want: []Finding{{Code: "iMetal.0200", Message: "nf", HTTPStatus: 404, RequestID: "r-9a", Shape: ShapeJSON, Offset: 66}},
	},
	{
		name: "curl -si of retries: a status line glued to the body before",
		in: "HTTP/1.1 429 Too Many Requests\nX-Request-Id: a1b\n\n{\"error_code\":\"APIGW.0308\",\"error_msg\":\"t\"}" +
			"HTTP/1.1 429 Too Many Requests\nX-Request-Id: a2b\n\n{\"error_code\":\"APIGW.0308\",\"error_msg\":\"t\"}\n",
		want: []Finding{
			{Code: "APIGW.0308", Message: "t", HTTPStatus: 429, RequestID: "a1b", Shape: ShapeJSON, Offset: 50},
			{Code: "APIGW.0308", Message: "t", HTTPStatus: 429, RequestID: "a2b", Shape: ShapeJSON, Offset: 143},
		},
	},
	{
		name: "HAR: body in response.content.text, status and X-Request-Id in response",
		in: `{"log":{"entries":[{"response":{"status":404,"statusText":"Not Found","headers":[{"name":"X-Request-Id","value":"r-10"}],` +
			`"content":{"mimeType":"application/json","text":"{\"error_code\":\"iMetal.0200\",\"error_msg\":\"nf\"}"}}}]}}` + "\n",
		want: []Finding{{Code: "iMetal.0200", Message: "nf", HTTPStatus: 404, RequestID: "r-10", Shape: ShapeJSON, Offset: 170}},
	},
	{
		name: "HAR as Chromium's exporter writes it: headers after the content, two entries",
		in: `{"log":{"entries":[{"_requestId":"E1","response":{"status":400,"content":{"text":"{\"error_code\":\"iMetal.0232\",\"error_msg\":\"a\"}"},` +
			`"headers":[{"name":"Content-Type","value":"application/json"},{"name":"Server","value":"gw"},{"name":"Date","value":"x"},{"name":"X-Request-Id","value":"r-10a"}]},"timings":{"wait":1}},` + "\n" +
			`{"_requestId":"E2","response":{"status":404,"content":{"text":"{\"error_code\":\"iMetal.0230\",\"error_msg\":\"b\"}"},` +
			`"headers":[{"name":"X-Request-Id","value":"r-10b"}]}}]}}` + "\n",
		want: []Finding{
			{Code: "iMetal.0232", Message: "a", HTTPStatus: 400, RequestID: "r-10a", Shape: ShapeJSON, Offset: 82},
			{Code: "iMetal.0230", Message: "b", HTTPStatus: 404, RequestID: "r-10b", Shape: ShapeJSON, Offset: 386},
		},
	},
	{
		name: "one response printed twice: logged, then raised",
		in: "DEBUG < Response HTTP/1.1 404\n    X-Request-Id: r-12\nDEBUG < Body: b'{\"error_msg\": \"nf\", \"error_code\": \"iMetal.0200\"}'\n" +
			"huaweicloudsdkcore.exceptions.exceptions.ClientRequestException: ClientRequestException - {status_code:404,request_id:r-12,error_code:iMetal.0200,error_msg:nf }\n",
		want: []Finding{{Code: "iMetal.0200", Message: "nf", HTTPStatus: 404, RequestID: "r-12", Shape: ShapeJSON, Offset: 69}},
	},
	{
		name: "retries with their own request ids stay apart",
		in:   "{\"error_code\":\"APIGW.0308\",\"error_msg\":\"t\",\"request_id\":\"a1\"}\n{\"error_code\":\"APIGW.0308\",\"error_msg\":\"t\",\"request_id\":\"a2\"}\n",
		want: []Finding{
			{Code: "APIGW.0308", Message: "t", RequestID: "a1", Shape: ShapeJSON},
			{Code: "APIGW.0308", Message: "t", RequestID: "a2", Shape: ShapeJSON, Offset: 62},
		},
	},
	{
		name: "a body without the request id, then its SDK error with it: one response",
		in:   "{\"error_code\":\"APIGW.0308\",\"error_msg\":\"t\"}\nlist: {\"status_code\":429,\"request_id\":\"a3\",\"error_code\":\"APIGW.0308\",\"error_message\":\"t\"}\n",
		want: []Finding{{Code: "APIGW.0308", Message: "t", HTTPStatus: 429, RequestID: "a3", Shape: ShapeJSON}},
	},
	{
		name: "retries printed as body, then exception: each body with its own exception",
		in: "{\"error_code\":\"APIGW.0308\",\"error_msg\":\"t\"}\nlist: {\"status_code\":429,\"request_id\":\"a4\",\"error_code\":\"APIGW.0308\",\"error_message\":\"t\"}\n" +
			"{\"error_code\":\"APIGW.0308\",\"error_msg\":\"t\"}\nlist: {\"status_code\":429,\"request_id\":\"a5\",\"error_code\":\"APIGW.0308\",\"error_message\":\"t\"}\n",
		want: []Finding{
			{Code: "APIGW.0308", Message: "t", HTTPStatus: 429, RequestID: "a4", Shape: ShapeJSON},
			{Code: "APIGW.0308", Message: "t", HTTPStatus: 429, RequestID: "a5", Shape: ShapeJSON, Offset: 134},
		},
	},
	{
		name: "an SDK error with its request id, then a body without one: apart (later log lines)",
		in:   "list: {\"status_code\":429,\"request_id\":\"a7\",\"error_code\":\"APIGW.0308\",\"error_message\":\"t\"}\n{\"error_code\":\"APIGW.0308\",\"error_msg\":\"t\"}\n",
		want: []Finding{
			{Code: "APIGW.0308", Message: "t", HTTPStatus: 429, RequestID: "a7", Shape: ShapeGoSDK, Offset: 6},
			{Code: "APIGW.0308", Message: "t", Shape: ShapeJSON, Offset: 90},
		},
	},
	{
		name: "a body without the request id, then an SDK error on a log line of its own: apart",
		in: "2025-03-14T06:00:02.422Z ERROR POST /v1/x failed: status=401 body={\"error_msg\": \"t\", \"error_code\": \"APIGW.0301\"}\n" +
			"2025-03-14 06:00:02,432 ERROR worker: ClientRequestException - {status_code:401,request_id:a9,error_code:APIGW.0301,error_msg:t }\n",
		want: []Finding{
			{Code: "APIGW.0301", Message: "t", Shape: ShapeJSON, Offset: 66},
			{Code: "APIGW.0301", Message: "t", HTTPStatus: 401, RequestID: "a9", Shape: ShapePython, Offset: 151},
		},
	},
	{
		name: "a logged body without the request id, then the SDK's exception printed: one response",
		in: "2026-01-02 10:00:00 DEBUG < Body: b'{\"error_msg\": \"nf\", \"error_code\": \"iMetal.0200\"}'\n" +
			"ClientRequestException - {status_code:404,request_id:r-13,error_code:iMetal.0200,error_msg:nf }\n",
		want: []Finding{{Code: "iMetal.0200", Message: "nf", HTTPStatus: 404, RequestID: "r-13", Shape: ShapeJSON, Offset: 36}},
	},
	{
		name: "a body without the request id, a log record, then an SDK error: apart",
		in: "{\"level\":\"error\",\"err\":\"{\\\"error_code\\\":\\\"iMetal.0202\\\",\\\"error_msg\\\":\\\"c\\\"}\"}\n" +
			"2025-03-14 06:02:04,738 INFO \"DELETE https://x/v1/servers\" 400 89 0:00:00.03 c1f6\n" +
			"ClientRequestException - {status_code:400,request_id:c1f6,error_code:iMetal.0202,error_msg:c }\n",
		want: []Finding{
			{Code: "iMetal.0202", Message: "c", Shape: ShapeJSON, Offset: 24},
			{Code: "iMetal.0202", Message: "c", HTTPStatus: 400, RequestID: "c1f6", Shape: ShapePython, Offset: 161},
		},
	},
	{
		name: "two bodies, the second with a request id: apart (later log lines)",
		in:   "{\"error_code\":\"APIGW.0308\",\"error_msg\":\"t\"}\n{\"error\":{\"code\":\"APIGW.0308\",\"message\":\"t\"},\"request_id\":\"a8\"}\n",
		want: []Finding{
			{Code: "APIGW.0308", Message: "t", Shape: ShapeJSON},
			{Code: "APIGW.0308", Message: "t", RequestID: "a8", Shape: ShapeNested, Offset: 44},
		},
	},
	{
		name: "a print without the request id stays apart from one whose status differs",
		in:   "HTTP/1.1 404 Not Found\n\n{\"error_code\":\"APIGW.0308\",\"error_msg\":\"t\"}\nlist: {\"status_code\":429,\"request_id\":\"a6\",\"error_code\":\"APIGW.0308\",\"error_message\":\"t\"}\n",
		want: []Finding{
			{Code: "APIGW.0308", Message: "t", HTTPStatus: 404, Shape: ShapeJSON, Offset: 24},
			{Code: "APIGW.0308", Message: "t", HTTPStatus: 429, RequestID: "a6", Shape: ShapeGoSDK, Offset: 74},
		},
	},
	{
		name: "the same error on later log lines stays apart",
		in:   "Error: iMetal.0232: Insufficient IP addresses\nError: iMetal.0232: Insufficient IP addresses\n",
		want: []Finding{
			{Code: "iMetal.0232", Message: "Insufficient IP addresses", Shape: ShapeText},
			{Code: "iMetal.0232", Message: "Insufficient IP addresses", Shape: ShapeText, Offset: 46},
		},
	},
	{
		name: "an error object in an array: each its own record",
		in:   "[ { errorCode: 'iMetal.0200', errorMsg: 'a' }, { errorCode: 'iMetal.0201', errorMsg: 'b' } ]\n",
		want: []Finding{
			{Code: "iMetal.0200", Message: "a", Shape: ShapeJSObject, Offset: 2},
			{Code: "iMetal.0201", Message: "b", Shape: ShapeJSObject, Offset: 47},
		},
	},
	{
		name: "two codes in prose on one line: two findings, the first's message ends before the second",
		in:   "errors: iMetal.0232, iMetal.0230\n",
		want: []Finding{
			{Code: "iMetal.0232", Shape: ShapeText},
			{Code: "iMetal.0230", Shape: ShapeText, Offset: 21},
		},
	},
	{
		name: "a fallback's code after the first's message",
		in:   "ERROR create failed: iMetal.0232 Insufficient IP addresses in subnet; fallback failed: iMetal.0230 Subnet not found: [s1]\n",
		want: []Finding{
			{Code: "iMetal.0232", Message: "Insufficient IP addresses in subnet; fallback failed:", Shape: ShapeText},
			{Code: "iMetal.0230", Message: "Subnet not found: [s1]", Shape: ShapeText, Offset: 87},
		},
	},
	{
		name: "three codes in prose on one line",
		in:   "retry 3: iMetal.0232 no IPs, then iMetal.0230 Subnet not found: [s1], then APIGW.0308 throttled\n",
		want: []Finding{
			// A word in lower case after a code goes on with the
			// sentence: no message.
			{Code: "iMetal.0232", Shape: ShapeText},
			{Code: "iMetal.0230", Message: "Subnet not found: [s1], then", Shape: ShapeText, Offset: 34},
			{Code: "APIGW.0308", Shape: ShapeText, Offset: 75},
		},
	},
	{
		name: "codes in a bracket list",
		in:   "codes seen: [iMetal.0232, iMetal.0230, APIGW.0301]\n[iMetal.0200] Instances not found\n",
		want: []Finding{
			{Code: "iMetal.0232", Shape: ShapeText},
			{Code: "iMetal.0230", Shape: ShapeText, Offset: 26},
			{Code: "APIGW.0301", Shape: ShapeText, Offset: 39},
			{Code: "iMetal.0200", Message: "Instances not found", Shape: ShapeText, Offset: 51},
		},
	},
	{
		name: "a second code in the first's quoted message or as a field of its record stays in it",
		in: "Error: iMetal.0232: 'no IPs, see iMetal.0230'\n" +
			"error_code=iMetal.0232 error_msg=\"no IPs\" cause=iMetal.0230\n",
		want: []Finding{
			{Code: "iMetal.0232", Message: "'no IPs, see iMetal.0230'", Shape: ShapeText},
			{Code: "iMetal.0232", Message: "no IPs", Shape: ShapeLogfmt, Offset: 46},
		},
	},
}

func TestNotations(t *testing.T) {
	for _, tt := range notationTests {
		t.Run(tt.name, func(t *testing.T) {
			got := noLines(t, []byte(tt.in), All([]byte(tt.in)))
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got:\n%s\nwant:\n%s", dump(got), dump(tt.want))
			}
			checkInvariants(t, []byte(tt.in))
		})
	}
}

// TestUserNamespaces checks that codes of a namespace a user catalog adds
// are found in prose, in any case (a word in lower case after one is no
// message of its).
func TestUserNamespaces(t *testing.T) {
	in := "deploy failed: ACME.0042: Quota exhausted\nacme.0043 too\nOTHER.0001 not\n"
	got := noLines(t, []byte(in), AllNamespaces([]byte(in), []string{"Acme"}))
	want := []Finding{
		{Code: "ACME.0042", Message: "Quota exhausted", Shape: ShapeText},
		{Code: "acme.0043", Shape: ShapeText, Offset: 42},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got:\n%s\nwant:\n%s", dump(got), dump(want))
	}
	if got := All([]byte(in)); len(got) != 0 {
		t.Fatalf("without the namespace: %s", dump(got))
	}
}

func TestKeyFamily(t *testing.T) {
	for _, tt := range []struct {
		key  string
		fam  family
		rank int
	}{
		{"error_code", famCode, 2}, {"errorCode", famCode, 2}, {"ErrorCode", famCode, 2}, {"error-code", famCode, 2},
		{"error_msg", famMsg, 4}, {"errorMsg", famMsg, 4}, {"error_message", famMsg, 3}, {"ErrorMessage", famMsg, 3},
		{"message", famMsg, 2}, {"msg", famMsg, 1},
		{"status_code", famStatus, 1}, {"httpStatusCode", famStatus, 1}, {"StatusCode", famStatus, 1}, {"status", famStatus, 1},
		{"http_code", famStatus, 1}, {"response_code", famStatus, 1},
		{"request_id", famReqID, 1}, {"requestId", famReqID, 1}, {"RequestId", famReqID, 1}, {"X-Request-Id", famReqID, 1},
		{"code", famCode, 1}, {"CODE", famCode, 1}, {"http_status", famStatus, 1}, {"HttpCode", famStatus, 1},
		{"x_request_id", famReqID, 1}, {"name", famName, 0}, {"Value", famValue, 0}, {"status_", famStatus, 1}, {"-msg.", famMsg, 1},
		{"error", famNone, 0}, {"codes", famNone, 0}, {"x/request", famNone, 0}, {"a_very_long_key_name_of_no_family", famNone, 0},
		{"status2", famNone, 0}, {"error code", famCode, 2}, {"_-.", famNone, 0}, {"", famNone, 0}, {"time", famNone, 0},
	} {
		if fam, rank := keyFamily([]byte(tt.key)); fam != tt.fam || rank != tt.rank {
			t.Errorf("keyFamily(%q) = %v, %d; want %v, %d", tt.key, fam, rank, tt.fam, tt.rank)
		}
	}
}

func TestTransportLines(t *testing.T) {
	for _, tt := range []struct {
		line   string
		header bool
		status int
		reqID  string
	}{
		{"curl: (22) The requested URL returned error: 404", true, 404, ""},
		{"curl: (22) The requested URL returned error: 502 Bad Gateway", true, 502, ""},
		{"2026-01-02 10:00:00 ERROR 429: Too Many Requests.", true, 429, ""},
		{"ERROR 4290: x", true, 0, ""},
		{"..., but got 404 instead.", true, 404, ""},
		{"    X-Request-Id: 0a1b2c", true, 0, "0a1b2c"},
		{"< x-request-id: 0a1b2c", true, 0, "0a1b2c"},
		{"'x-request-id': '0a1b2c',", true, 0, "0a1b2c"},
		{"request_id: r-8a, error message: {", false, 0, "r-8a"},
		{"INFO done request_id=aaa1", true, 0, ""},
		{"INFO done request_id=aaa1", false, 0, "aaa1"},
		{"myrequest_id: nope", false, 0, ""},
		{"https://x/v1/servers], request_id: r-8c, error message:", true, 0, "r-8c"},
		{"INFO [a], b, request_id: r-8d", true, 0, ""},
		{"{404 Not Found 404 HTTP/1.1 1 1 map[X-Request-Id:[0a1b2c]] {{", false, 404, "0a1b2c"},
		{"GET /servers/123 HTTP/1.1", false, 0, ""},
		{"http: LogLevel.WARNING: HTTP 429 Too Many Requests", true, 429, ""},
		{"HTTP 4290", true, 0, ""},
		{"error retrieving BMS instances: Too many requests: [GET", true, 429, ""},
		{`2026-12-01 14:00:09,313 INFO "GET http://x/v1/servers" 400 78 0:00:00.010861 674ef08c`, true, 400, ""},
		{`127.0.0.1 - - [01/Dec/2026:14:00:09 +0000] "POST /v1/servers HTTP/1.1" 429 81 "-" "curl/7.88.1"`, true, 429, ""},
		{`msg="GET it" 400 times`, true, 0, ""},
		{`"x" 404 "GET" 500`, true, 0, ""},
		{"Resource not found: [", true, 404, ""},
		{"Resource not found: here", true, 0, ""},
	} {
		var f Finding
		s := &Scanner{}
		s.lineFacts([]byte(tt.line), &f, tt.header, true)
		if f.HTTPStatus != tt.status || f.RequestID != tt.reqID {
			t.Errorf("lineFacts(%q, %v): status %d, request id %q; want %d, %q", tt.line, tt.header, f.HTTPStatus, f.RequestID, tt.status, tt.reqID)
		}
	}
}

// clientCaptures returns the real clients' texts of testdata/clients, as
// fuzz seeds.
func clientCaptures() []string {
	txt, _ := filepath.Glob(filepath.Join("..", "testdata", "clients", "*.txt"))
	har, _ := filepath.Glob(filepath.Join("..", "testdata", "clients", "*.har"))
	names := append(txt, har...)
	var in []string
	for _, name := range names {
		if b, err := os.ReadFile(name); err == nil {
			in = append(in, string(b))
		}
	}
	return in
}

// noLines checks the line of each finding and clears it, for comparing the
// other fields.
func noLines(t *testing.T, in []byte, fs []Finding) []Finding {
	t.Helper()
	for i := range fs {
		checkLine(t, in, fs[i])
		fs[i].Line = 0
	}
	return fs
}

// TestUserNamespacesDecorated checks that a user catalog's codes are found in
// text read through its decoration too, beside a built-in code of the same
// block: a quoted reply, colors, Terraform's box.
func TestUserNamespacesDecorated(t *testing.T) {
	for _, in := range []string{
		"> {\n>   \"error_code\": \"iMetal.0232\",\n>   \"error_msg\": \"Insufficient\"\n> }\n> ACME.0042: Quota exhausted\n",
		"\x1b[31m{\"error_code\": \"iMetal.0232\", \"error_msg\": \"x\"}\x1b[0m \x1b[31mthen ACME.0042: Quota exhausted\x1b[0m\n",
		"│ {\"error_code\": \"iMetal.0232\",\n│ \"error_msg\": \"x\"}\n│ ACME.0042: Quota exhausted\n",
	} {
		got := AllNamespaces([]byte(in), []string{"Acme"})
		if len(got) != 2 || got[0].Code != "iMetal.0232" || got[1].Code != "ACME.0042" {
			t.Errorf("%q: got %s, want iMetal.0232 then ACME.0042", in, dump(got))
		}
	}
}

// TestRecordAfterRead checks that a record opened on a line a loose read
// passed over, still open where that read ended, is read whole by the read
// of a code in it: the status beside its body is kept. The read ended at
// the end of a code's line, or at its window's end on a line that a read
// of the code before then took on.
func TestRecordAfterRead(t *testing.T) {
	rec := "{\n  data: { error_code: 'iMetal.0232', error_msg: 'x' },\n  status: 404\n}\n"
	head := "{{APIG.1 m}\nError: iMetal.0200: "
	// The read of APIG.1 (in a record junk left open) ends recLook bytes
	// past it, inside the line that opens the dump.
	long := head + strings.Repeat("x", len("{{APIG.1")+recLook-len(head)-len("\n[ts] ")) + "\n[ts] dump: " + rec
	for _, tt := range []struct {
		in, msg string // msg: iMetal.0200's, as before
	}{
		{"Error: iMetal.0200: failed, response: " + rec, "failed, response: {"},
		{long, strings.Repeat("x", len(long)-len(head)-len("\n[ts] dump: ")-len(rec))},
	} {
		var got []Finding
		for _, f := range allNoMerge([]byte(tt.in)) {
			if f.Code == "iMetal.0200" && f.Message != tt.msg {
				t.Errorf("iMetal.0200's message %q, want %q", f.Message, tt.msg)
			}
			if f.Code == "iMetal.0232" {
				got = append(got, f)
			}
		}
		if len(got) != 1 || got[0].HTTPStatus != 404 || got[0].Message != "x" || got[0].Shape != ShapeJSObject {
			t.Errorf("in %.60q…: %s, want iMetal.0232 with status 404", tt.in, dump(got))
		}
		checkInvariants(t, []byte(tt.in))
	}
}

// bareValueByBytes is looseValue's loop over a bare value as it was, each
// byte compared with every byte the loop acts on: the oracle of the loop
// that passes over the others by table (valueStops).
func bareValueByBytes(b []byte, i, hi int, sep byte) int {
	j, nest := i, 0
	for ; j < hi; j++ {
		c := b[j]
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
	return j
}

// TestLooseValueBare checks where looseValue ends a bare value against the
// byte-by-byte loop, on texts of every byte value with the ones the loop
// acts on frequent, after both separators.
func TestLooseValueBare(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	near := []byte("[]()},\n\r\x00 \t:=\"'`{aZ0_.\x80\xff")
	for range 3000 {
		b := make([]byte, 1+rng.IntN(40))
		for k := range b {
			if rng.IntN(3) == 0 {
				b[k] = byte(rng.IntN(256))
			} else {
				b[k] = near[rng.IntN(len(near))]
			}
		}
		for i := range b {
			for _, sep := range []byte(":=") {
				v := looseValue(b, i, len(b), sep)
				s := skipBlanks(b, i, 16)
				if s >= len(b) || strings.IndexByte("\"'`{[(\n\r", b[s]) >= 0 || (b[s] == 'b' && s+1 < len(b) && (b[s+1] == '\'' || b[s+1] == '"')) {
					continue // a quoted value, or none: not the bare loop's
				}
				want := span{a: s, b: s + len(bytes.TrimRight(b[s:bareValueByBytes(b, s, len(b), sep)], " \t"))}
				if want.b == want.a {
					want = unset
				}
				if v != want {
					t.Fatalf("looseValue(%q, %d, %q) = %+v, want %+v", b, i, sep, v, want)
				}
			}
		}
	}
}

// TestUnclosedBrace checks that a brace left open (a log line cut off at
// a logger's size limit) hides nothing after it: a line that is no content
// of the record it opened (a new log line) ends that record, and the text
// after it is read as if the brace were not there. A pretty-printed
// record's own lines (indented, or after the prefix its opening line
// carries) are still its content.
func TestUnclosedBrace(t *testing.T) {
	lines := "ERROR iMetal.0232: Insufficient IP addresses in subnet\n" +
		"ERROR iMetal.0230: Subnet not found: [s-2]\n" +
		"ERROR iMetal.0101: Physical servers state is not ready: [ps-3]\n"
	want := []pair{{"iMetal.0232", "Insufficient IP addresses in subnet"}, {"iMetal.0230", "Subnet not found: [s-2]"}, {"iMetal.0101", "Physical servers state is not ready: [ps-3]"}}
	for _, head := range []string{"DEBUG request body: {\"name\": \"bms-1\"\n", "{\n", "2026-12-01T14:03:12Z DEBUG body: { name: 'bms-1',\n", "\x1b[36mDEBUG\x1b[0m x: {\n"} {
		in := head + lines
		got := allNoMerge([]byte(in))
		if len(got) != len(want) {
			t.Fatalf("%q: got %s, want %v", in, dump(got), want)
		}
		for i, f := range got {
			if (pair{f.Code, f.Message}) != want[i] || f.Shape != ShapeText {
				t.Errorf("%q: finding %d is %+v, want %v (text)", in, i, f, want[i])
			}
		}
		checkInvariants(t, []byte(in))
	}

	// A lone brace, then logfmt error lines: each is a finding with its
	// request id.
	var b strings.Builder
	b.WriteString("{\n")
	const n = 200
	for i := range n {
		fmt.Fprintf(&b, "time=2026-12-01T14:03:12.540Z level=ERROR error_code=iMetal.0232 error_msg=\"Insufficient IP addresses\" request_id=r%03d\n", i)
	}
	got := All([]byte(b.String()))
	if len(got) != n {
		t.Fatalf("lone brace then %d logfmt lines: %d findings", n, len(got))
	}
	for i, f := range got {
		if f.RequestID != fmt.Sprintf("r%03d", i) || f.Message != "Insufficient IP addresses" || f.Shape != ShapeLogfmt {
			t.Fatalf("finding %d: %+v", i, f)
		}
	}

	// A lone brace before a real client's log: the same findings, their
	// status and request id kept.
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "clients", "slog-text-raw-many.txt"))
	if err != nil {
		t.Fatal(err)
	}
	alone := All(raw)
	after := All(append([]byte("{\n"), raw...))
	if len(alone) != 4 || len(after) != len(alone) {
		t.Fatalf("alone %s\nafter a brace %s", dump(alone), dump(after))
	}
	for i := range alone {
		a, f := alone[i], after[i]
		if a.Code != f.Code || a.Message != f.Message || a.HTTPStatus != f.HTTPStatus || a.RequestID != f.RequestID || a.HTTPStatus == 0 || a.RequestID == "" {
			t.Errorf("finding %d alone %+v, after a brace %+v", i, a, f)
		}
	}

	// A pretty-printed record is still read as one, after a prefix its
	// lines share or none.
	for _, in := range []string{
		"XException {\n    httpStatusCode: 404\n    errorCode: iMetal.0230\n    errorMsg: Subnet not found\n    requestId: r-1\n}\n",
		"2026-12-01T14:03:12Z E dump: {\n2026-12-01T14:03:12Z E   status: 404,\n2026-12-01T14:03:12Z E   errorCode: 'iMetal.0230',\n2026-12-01T14:03:12Z E   errorMsg: 'Subnet not found',\n2026-12-01T14:03:12Z E   requestId: 'r-1'\n2026-12-01T14:03:12Z E }\n",
		"failed: {\n  status: 404,\n  \"request_id\": \"r-1\",\n'error_msg': 'Subnet not found', 'error_code': 'iMetal.0230'}\n",
	} {
		got := allNoMerge([]byte(in))
		if len(got) != 1 || got[0].Code != "iMetal.0230" || got[0].Message != "Subnet not found" || got[0].HTTPStatus != 404 || got[0].RequestID != "r-1" {
			t.Errorf("%q: got %s, want iMetal.0230 with status 404 and request id r-1", in, dump(got))
		}
	}
}

// TestProseMessage checks that a code in prose takes as its message only
// what the text presents as one after it (a colon, a dash, a capital
// letter, a tag in brackets at the line's start), and keeps its finding
// with no message where the words after it go on with the sentence.
func TestProseMessage(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []pair
	}{
		{"see docs for imetal.0003 and APIGW.0308 codes\n", []pair{{"imetal.0003", ""}, {"APIGW.0308", ""}}},
		{"# build and run it\niMetal.0232 overrides the built-in entry\n", []pair{{"iMetal.0232", ""}}},
		{"| iMetal.0232 | 400 | Insufficient subnet IP addresses. |\n", []pair{{"iMetal.0232", ""}}},
		{"iMetal.0099, iMetal.0101 and iMetal.0110 are listed\n", []pair{{"iMetal.0099", ""}, {"iMetal.0101", ""}, {"iMetal.0110", ""}}},
		{"the code (iMetal.0232) is retried\n", []pair{{"iMetal.0232", ""}}},
		{"Error: iMetal.0232: Insufficient IP addresses\n", []pair{{"iMetal.0232", "Insufficient IP addresses"}}},
		{"Error: iMetal.0232:Insufficient IP addresses\n", []pair{{"iMetal.0232", "Insufficient IP addresses"}}},
		{"iMetal.0232 - Insufficient IP addresses\n", []pair{{"iMetal.0232", "Insufficient IP addresses"}}},
		{"iMetal.0232 — Insufficient IP addresses\n", []pair{{"iMetal.0232", "Insufficient IP addresses"}}},
		{"failed with iMetal.0232 Insufficient IP addresses\n", []pair{{"iMetal.0232", "Insufficient IP addresses"}}},
		{"[iMetal.0232] Insufficient IP addresses\n", []pair{{"iMetal.0232", "Insufficient IP addresses"}}},
		{"see [iMetal.0232] for details\n", []pair{{"iMetal.0232", ""}}},
		{"upstream error (APIGW.0308): Throttled\n", []pair{{"APIGW.0308", "Throttled"}}},
		{"code iMetal.0232-x, then iMetal.0230 -x\n", []pair{{"iMetal.0232", ""}, {"iMetal.0230", ""}}},
	} {
		got := allNoMerge([]byte(tt.in))
		var ps []pair
		for _, f := range got {
			ps = append(ps, pair{f.Code, f.Message})
		}
		if !reflect.DeepEqual(ps, tt.want) {
			t.Errorf("%q: got %v, want %v", tt.in, ps, tt.want)
		}
		checkInvariants(t, []byte(tt.in))
	}
}
