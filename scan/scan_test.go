package scan

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

const curlV = `Note: Unnecessary use of -X or --request, POST is already inferred.
* Host imetal.cn-north-4.myhuaweicloud.com:443 was resolved.
*   Trying 100.125.4.25:443...
* Connected to imetal.cn-north-4.myhuaweicloud.com (100.125.4.25) port 443
* ALPN: curl offers h2,http/1.1
* TLSv1.3 (OUT), TLS handshake, Client hello (1):
* TLSv1.3 (IN), TLS handshake, Server hello (2):
* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384 / X25519 / RSASSA-PSS
* using HTTP/2
* [HTTP/2] [1] OPENED stream for https://imetal.cn-north-4.myhuaweicloud.com/v1/0123/baremetalservers
* [HTTP/2] [1] [x-auth-token: MIIEhQYJKoZIhvcNAQcCoIIEdjCCBHICAQExDTALBglghkgBZQMEAgEw]
> POST /v1/0123/baremetalservers?limit=10&X-Auth-Token=MIIEhQYJKoZIhvcNAQcCoIIEdjCCBHICAQExDTALBglghkgBZQMEAgEw HTTP/2
> Host: imetal.cn-north-4.myhuaweicloud.com
> User-Agent: curl/8.5.0
> Accept: */*
> Content-Type: application/json
> X-Auth-Token: MIIEhQYJKoZIhvcNAQcCoIIEdjCCBHICAQExDTALBglghkgBZQMEAgEw
> Authorization: Bearer sk-live-MIIEhQYJKoZIhvcNAQcCoIIEdjCCBHICAQExDTALBglghkgBZQMEAgEw
> Content-Length: 42
>
} [42 bytes data]
* We are completely uploaded and fine
< HTTP/2 400
< date: Fri, 02 Jan 2026 03:04:05 GMT
< content-type: application/json
< x-request-id: 0f3c9a7e5b2d4c1e8f6a0b9c8d7e6f5a
< server: api-gateway
<
{ [98 bytes data]
{"error_code":"iMetal.0101","error_msg":"Invalid request body: flavorRef is required"}* Connection #0 to host imetal.cn-north-4.myhuaweicloud.com left intact
`

const secret = "MIIEhQYJKoZIhvcNAQcCoIIEdjCCBHICAQExDTALBglghkgBZQMEAgEw"

var shapeTests = []struct {
	name string
	in   string
	want []Finding
}{
	{
		name: "Go SDK error logged by slog's JSON handler",
		in: `{"time":"2026-11-26T10:00:00Z","level":"ERROR","msg":"start failed","err":"{\"status_code\":400,\"request_id\":\"6e2d4b0a\",` +
			`\"error_code\":\"iMetal.0101\",\"error_message\":\"Physical servers state is not ready: [ps-01, ps-02]\",\"encoded_authorization_message\":\"\",\"details\":null}"}` + "\n",
		want: []Finding{{Code: "iMetal.0101", Message: "Physical servers state is not ready: [ps-01, ps-02]", HTTPStatus: 400,
			RequestID: "6e2d4b0a", Shape: ShapeGoSDK}},
	},
	{
		name: "body escaped in a logfmt value, IDs in escaped quotes, twice",
		in: `time=2026-11-26T10:00:01Z level=ERROR msg="start failed" err="{\"error_code\":\"iMetal.0230\",` +
			`\"error_msg\":\"Subnet not found: [\\\"s-1\\\", \\\"s-\u00e9\\\"]\"}" retry="{\"error_code\":\"iMetal.0232\",\"error_msg\":\"x\"}"` + "\n",
		want: []Finding{
			{Code: "iMetal.0230", Message: `Subnet not found: ["s-1", "s-é"]`, Shape: ShapeJSON},
			{Code: "iMetal.0232", Message: "x", Shape: ShapeJSON},
		},
	},
	{
		name: "a quote before the body on its line",
		in: `msg="create failed: {"error_code":"iMetal.0232","error_msg":"x"}"` + "\n" +
			`" {"status_code":400,"error_code":"iMetal.0001","error_msg":"A request parameter contains invalid or unsupported value: name"}` + "\n",
		want: []Finding{
			{Code: "iMetal.0232", Message: "x", Shape: ShapeJSON},
			{Code: "iMetal.0001", Message: "A request parameter contains invalid or unsupported value: name", HTTPStatus: 400, Shape: ShapeJSON},
		},
	},
	{
		name: "body escaped twice, by a container log wrapper",
		in:   `{"log":"{\"level\":\"ERROR\",\"err\":\"{\\\"error_code\\\":\\\"iMetal.0232\\\",\\\"error_msg\\\":\\\"x\\\"}\"}\n","stream":"stderr"}` + "\n",
		want: []Finding{{Code: "iMetal.0232", Message: "x", Shape: ShapeJSON}},
	},
	{
		name: "no error: error_code of a log line that holds none",
		in:   `{"level":"info","msg":"request done","error_code":"none"}` + "\n" + `{"error_code":"0","message":"ok"}` + "\n" + `{"error_code":"x.y"}`,
	},
	{
		name: "escaped key with no string around it",
		in:   `error: \"error_code\":\"iMetal.0230\" and {"error_code":"iMetal.0232","error_msg":"y"}`,
		want: []Finding{{Code: "iMetal.0232", Message: "y", Shape: ShapeJSON}},
	},
	{
		name: "curl -v HTTP/2",
		in:   curlV,
		want: []Finding{{Code: "iMetal.0101", Message: "Invalid request body: flavorRef is required", HTTPStatus: 400,
			RequestID: "0f3c9a7e5b2d4c1e8f6a0b9c8d7e6f5a", Request: "POST /v1/0123/baremetalservers?limit=10&X-Auth-Token=***", Shape: ShapeJSON}},
	},
	{
		name: "curl -v HTTP/1.1 pretty body",
		in: "> GET /v1/0123/baremetalservers/detail?name=a&password=hunter2 HTTP/1.1\r\n> Host: x\r\n> Cookie: session=abc\r\n>\r\n" +
			"< HTTP/1.1 404 Not Found\r\n< X-Request-Id: abc-123\r\n< Content-Type: application/json\r\n<\r\n" +
			"{\r\n  \"error_msg\": \"Instances not found: [i-1]\",\r\n  \"error_code\": \"iMetal.0200\"\r\n}\r\n",
		want: []Finding{{Code: "iMetal.0200", Message: "Instances not found: [i-1]", HTTPStatus: 404, RequestID: "abc-123",
			Request: "GET /v1/0123/baremetalservers/detail?name=a&password=***", Shape: ShapeJSON}},
	},
	{
		name: "curl -i CRLF",
		in: "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nX-REQUEST-ID: 77aa\r\n\r\n" +
			`{"error_code": "APIGW.0301", "error_msg": "Incorrect IAM authentication information: verify aksk signature fail"}` + "\r\n",
		want: []Finding{{Code: "APIGW.0301", Message: "Incorrect IAM authentication information: verify aksk signature fail",
			HTTPStatus: 403, RequestID: "77aa", Shape: ShapeJSON}},
	},
	{
		name: "body request_id wins over header",
		in:   "HTTP/2 400\nx-request-id: hdr\n\n{\"error_code\":\"iMetal.0101\",\"error_msg\":\"m\",\"request_id\":\"body\"}",
		want: []Finding{{Code: "iMetal.0101", Message: "m", HTTPStatus: 400, RequestID: "body", Shape: ShapeJSON}},
	},
	{
		name: "status line context used once",
		in:   "HTTP/2 400\nx-request-id: r1\n\n{\"error_code\":\"A.1\",\"error_msg\":\"m\"}\n{\"error_code\":\"B.2\",\"error_msg\":\"n\"}\n",
		want: []Finding{
			{Code: "A.1", Message: "m", HTTPStatus: 400, RequestID: "r1", Shape: ShapeJSON},
			{Code: "B.2", Message: "n", Shape: ShapeJSON},
		},
	},
	{
		name: "no leak across an unrelated response",
		in:   "HTTP/2 400\nx-request-id: r1\n\n{\"ok\":true}\nlater: {\"error_code\":\"B.2\",\"error_msg\":\"n\"}\n",
		want: []Finding{{Code: "B.2", Message: "n", Shape: ShapeJSON}},
	},
	{
		name: "log line",
		in:   `2026-01-02T03:04:05Z ERROR call failed: {"error_msg": "Flavor not supported", "error_code": "iMetal.0230"} retry=0` + "\n",
		want: []Finding{{Code: "iMetal.0230", Message: "Flavor not supported", Shape: ShapeJSON}},
	},
	{
		name: "message keys",
		in: `{"error_code":"A.1","error_message":"em"}` + "\n" + `{"error_code":"A.2","message":"m"}` + "\n" +
			`{"msg":"s","error_code":"A.3"}` + "\n" + `{"msg":"s","error_msg":"best","message":"m","error_code":"A.4"}` + "\n" + `{"error_code":"A.5"}`,
		want: []Finding{
			{Code: "A.1", Message: "em", Shape: ShapeJSON},
			{Code: "A.2", Message: "m", Shape: ShapeJSON},
			{Code: "A.3", Message: "s", Shape: ShapeJSON},
			{Code: "A.4", Message: "best", Shape: ShapeJSON},
			{Code: "A.5", Shape: ShapeJSON},
		},
	},
	{
		name: "JSON lines and back to back",
		in: `{"error_code":"iMetal.0101","error_msg":"a"}` + "\n" + `{"error_code":"iMetal.0102","error_msg":"b"}{"error_code":"iMetal.0103","error_msg":"c"}` +
			`garbage}}]{"x":[{"error_code":"iMetal.0104","error_msg":"d"}` + `{{{"error_code":"iMetal.0105","error_msg":"e"}`,
		want: []Finding{
			{Code: "iMetal.0101", Message: "a", Shape: ShapeJSON},
			{Code: "iMetal.0102", Message: "b", Shape: ShapeJSON},
			{Code: "iMetal.0103", Message: "c", Shape: ShapeJSON},
			{Code: "iMetal.0104", Message: "d", Shape: ShapeJSON},
			{Code: "iMetal.0105", Message: "e", Shape: ShapeJSON},
		},
	},
	{
		name: "escapes",
		in:   `{"error_code":" iMetal.0101 ","error_msg":"q\"b\\s\/ n\nt\tu\u00e9 s\ud83d\ude00 bad\x lone\ud800 nul\u0000 short\u12"}`,
		want: []Finding{{Code: "iMetal.0101", Message: "q\"b\\s/ n\nt\tué s😀 bad\\x lone\\ud800 nul\\u0000 short\\u12", Shape: ShapeJSON}},
	},
	{
		name: "malformed codes kept as received, empty and non-string ones skipped",
		in: `{"error_code":"400","error_msg":"x"}{"error_code":"iMetal.","error_msg":"x"}{"error_code":"iMetal.1234567","error_msg":"x"}` +
			`{"error_code":"1A.1","error_msg":"x"}{"error_code":123,"error_msg":"x"}{"error_code":" ","error_msg":"x"}` +
			`{"error_code":"iMetal.0232\u001b","error_msg":"x"}{"error_code":"` + strings.Repeat("E", 70) + `","error_msg":"x"}{"error_code":"APIG.0308","error_msg":"ok"}`,
		want: []Finding{
			{Code: "400", Message: "x", Shape: ShapeJSON},
			{Code: "iMetal.", Message: "x", Shape: ShapeJSON},
			{Code: "iMetal.1234567", Message: "x", Shape: ShapeJSON},
			{Code: "1A.1", Message: "x", Shape: ShapeJSON},
			{Code: "iMetal.0232\x1b", Message: "x", Shape: ShapeJSON},
			{Code: strings.Repeat("E", 64), Message: "x", Shape: ShapeJSON},
			{Code: "APIG.0308", Message: "ok", Shape: ShapeJSON},
		},
	},
	{
		name: "nested",
		in: `{"error": {"code": "iMetal.0200", "message": "Instances not found: [i-1]"}}` + "\n" +
			`{"request_id":"outer","error":{"code":"iMetal.0201","message":"m"}}` + "\n" +
			"{\n  \"error\": {\n    \"message\": \"m2\",\n    \"code\": \"iMetal.0202\",\n    \"request_id\": \"inner\"\n  }\n}\n" +
			`{"error": {"code": 400, "message": "not a code"}}`,
		want: []Finding{
			{Code: "iMetal.0200", Message: "Instances not found: [i-1]", Shape: ShapeNested},
			{Code: "iMetal.0201", Message: "m", RequestID: "outer", Shape: ShapeNested},
			{Code: "iMetal.0202", Message: "m2", RequestID: "inner", Shape: ShapeNested},
		},
	},
	{
		name: "nested with flat inner reported once",
		in:   `{"error": {"error_code": "iMetal.0200", "error_msg": "m", "code": "iMetal.0200"}}`,
		want: []Finding{{Code: "iMetal.0200", Message: "m", Shape: ShapeJSON}},
	},
	{
		name: "go sdk new and old",
		in: `2026/01/02 03:04:05 create failed: {"status_code":400,"request_id":"5b1f","error_code":"iMetal.0101","error_message":"Invalid flavor","encoded_authorization_message":"","details":null}` + "\n" +
			`err: {"status_code":404,"request_id":"6c2a","error_code":"iMetal.0200","error_message":"Instances not found: [i-1, i-2]"}`,
		want: []Finding{
			{Code: "iMetal.0101", Message: "Invalid flavor", HTTPStatus: 400, RequestID: "5b1f", Shape: ShapeGoSDK},
			{Code: "iMetal.0200", Message: "Instances not found: [i-1, i-2]", HTTPStatus: 404, RequestID: "6c2a", Shape: ShapeGoSDK},
		},
	},
	{
		name: "python sdk",
		in: "ClientRequestException - {status_code:404,request_id:abc,error_code:iMetal.0200,error_msg:Instances not found: [i-1, i-2] }\n" +
			"Traceback: ServerResponseException - {status_code:500,request_id:'r2',error_code:'iMetal.0500',error_msg:Internal error}\n" +
			"huaweicloudsdkcore.exceptions.exceptions.ServiceResponseException - {status_code:503,request_id:\"r3\",error_code:\"APIGW.0301\",error_msg:bad {x} }\r\n" +
			"ClientRequestException - {error_msg:first, then, code,error_code:AS.0001,request_id:r4 ,status_code:400}\n" +
			"ClientRequestException - {status_code:404,request_id:abc,error_code:iMetal.0201,error_msg:m,encoded_authorization_message:None}\n",
		want: []Finding{
			{Code: "iMetal.0200", Message: "Instances not found: [i-1, i-2]", HTTPStatus: 404, RequestID: "abc", Shape: ShapePython},
			{Code: "iMetal.0500", Message: "Internal error", HTTPStatus: 500, RequestID: "r2", Shape: ShapePython},
			{Code: "APIGW.0301", Message: "bad {x}", HTTPStatus: 503, RequestID: "r3", Shape: ShapePython},
			{Code: "AS.0001", Message: "first, then, code", HTTPStatus: 400, RequestID: "r4", Shape: ShapePython},
			{Code: "iMetal.0201", Message: "m", HTTPStatus: 404, RequestID: "abc", Shape: ShapePython},
		},
	},
	{
		name: "java sdk in stack trace",
		in: "2026-01-02 03:04:05.678 ERROR [main] c.e.App - create failed\n" +
			"com.huaweicloud.sdk.core.exception.ClientRequestException: ClientRequestException {\n" +
			"    httpStatusCode: 400\n    errorCode: iMetal.0101\n    errorMsg: Invalid request: flavorRef is required\n    requestId: 0f3c9a\n}\n" +
			"\tat com.huaweicloud.sdk.core.HcClient.syncInvokeHttp(HcClient.java:174)\n" +
			"Caused by: com.huaweicloud.sdk.core.exception.ServerResponseException: ServerResponseException {\r\n" +
			"\thttpStatusCode: 500\r\n\terrorCode: iMetal.0500\r\n\terrorMsg: boom\r\n\trequestId: 77\r\n}\r\n\t... 3 more\n",
		want: []Finding{
			{Code: "iMetal.0101", Message: "Invalid request: flavorRef is required", HTTPStatus: 400, RequestID: "0f3c9a", Shape: ShapeJava},
			{Code: "iMetal.0500", Message: "boom", HTTPStatus: 500, RequestID: "77", Shape: ShapeJava},
		},
	},
	{
		name: "python inside a JSON log string",
		in:   `{"level":"error","msg":"ClientRequestException - {status_code:404,request_id:abc,error_code:iMetal.0200,error_msg:x }","error_code":"iMetal.0101","error_msg":"y"}`,
		want: []Finding{
			{Code: "iMetal.0101", Message: "y", Shape: ShapeJSON},
			{Code: "iMetal.0200", Message: "x", HTTPStatus: 404, RequestID: "abc", Shape: ShapePython},
		},
	},
	{
		name: "broken object does not hide the next",
		in:   `{"error_code":"iMetal.0101","error_msg":"unterminated` + "\n" + `{"error_code":"iMetal.0102","error_msg":"ok"}` + `{"error_code":"iMetal.0103",` + `{"error_code":"iMetal.0104","error_msg":"ok2"}`,
		want: []Finding{
			{Code: "iMetal.0102", Message: "ok", Shape: ShapeJSON},
			{Code: "iMetal.0104", Message: "ok2", Shape: ShapeJSON},
		},
	},
	{
		name: "enclosing body after inner ones, in input order",
		in:   `{"items":[{"error_code":"A.1","error_msg":"a"},{"error_code":"B.1","error_msg":"b"}],"error_code":"C.1","error_msg":"c"}`,
		want: []Finding{
			{Code: "C.1", Message: "c", Shape: ShapeJSON},
			{Code: "A.1", Message: "a", Shape: ShapeJSON},
			{Code: "B.1", Message: "b", Shape: ShapeJSON},
		},
	},
	{
		name: "binary around",
		in:   "\x00\x01\x02{\"error_code\":\"A.1\",\"error_msg\":\"x\x00y\"}\x00{\"error_code\":\"B.1\",\"error_msg\":\"clean\"}\x00\xff",
		want: []Finding{{Code: "B.1", Message: "clean", Shape: ShapeJSON}},
	},
}

// seedInputs are the inputs of the unit tests, for the streaming, property
// and fuzz tests.
func seedInputs() []string {
	var in []string
	for _, tt := range shapeTests {
		in = append(in, tt.in)
	}
	for _, tt := range notationTests {
		in = append(in, tt.in)
	}
	in = append(in, clientCaptures()...)
	return append(in, scriptCorpus()...)
}

// scriptCorpus returns the input files of the end-to-end parse scripts, so that the fuzz
// targets start from the transcripts the tests hold as real-looking.
func scriptCorpus() []string {
	names, _ := filepath.Glob(filepath.Join("..", "testdata", "script", "parse-*.txtar"))
	var in []string
	for _, name := range names {
		ar, err := txtar.ParseFile(name)
		if err != nil {
			continue
		}
		for _, f := range ar.Files {
			if !strings.HasPrefix(f.Name, "want/") {
				in = append(in, string(f.Data))
			}
		}
	}
	return in
}

func TestShapes(t *testing.T) {
	for _, tt := range shapeTests {
		t.Run(tt.name, func(t *testing.T) {
			got := All([]byte(tt.in))
			if len(got) != len(tt.want) {
				t.Fatalf("got %d findings, want %d:\n%s", len(got), len(tt.want), dump(got))
			}
			for i := range got {
				g := got[i]
				checkLine(t, []byte(tt.in), g)
				g.Offset, g.Line, g.Truncated = 0, 0, false
				if g != tt.want[i] {
					t.Errorf("finding %d:\n got %+v\nwant %+v", i, g, tt.want[i])
				}
				if o := got[i].Offset; o < 0 || o >= int64(len(tt.in)) {
					t.Errorf("finding %d: offset %d out of range", i, o)
				}
				if i > 0 && got[i].Offset < got[i-1].Offset {
					t.Errorf("finding %d: offset %d before %d", i, got[i].Offset, got[i-1].Offset)
				}
				checkFinding(t, got[i])
			}
		})
	}
}

func TestSecretsNeverCopied(t *testing.T) {
	for _, f := range All([]byte(curlV)) {
		for _, v := range []string{f.Code, f.Message, f.RequestID, f.Request} {
			if strings.Contains(v, secret) || strings.Contains(v, "sk-live") {
				t.Errorf("secret in finding %+v", f)
			}
		}
	}
}

func TestOffsets(t *testing.T) {
	in := "x {\"error_code\":\"A.1\"}\nClientRequestException - {error_code:B.2}\nFooException {\n errorCode: C.3\n}\n"
	want := []int64{2, int64(strings.Index(in, "ClientRequest")), int64(strings.Index(in, "FooException"))}
	got := All([]byte(in))
	if len(got) != len(want) {
		t.Fatalf("got %s", dump(got))
	}
	for i, f := range got {
		if f.Offset != want[i] {
			t.Errorf("finding %d offset %d, want %d", i, f.Offset, want[i])
		}
	}
}

func TestCaps(t *testing.T) {
	long := strings.Repeat("é", maxMessage) // 2 bytes each: twice the cap
	in := `{"error_code":"A.1","error_msg":"` + long[:maxMessage+1000] + `","request_id":"` + strings.Repeat("r", 500) + `"}`
	got := All([]byte(in))
	if len(got) != 1 {
		t.Fatalf("got %d findings", len(got))
	}
	f := got[0]
	if !f.Truncated || len(f.Message) > maxMessage || len(f.RequestID) != maxRequestID {
		t.Errorf("Truncated=%v len(Message)=%d len(RequestID)=%d", f.Truncated, len(f.Message), len(f.RequestID))
	}
	checkFinding(t, f)

	// A body larger than the window is reported from its key alone, marked cut; what
	// follows is found. The same with the message first, too long a way before the key.
	for _, in := range []string{
		`{"error_code":"A.1","error_msg":"` + strings.Repeat("x", 3*maxObject) + `"}` + "\n" + `{"error_code":"B.2","error_msg":"after"}`,
		`{"error_msg":"` + strings.Repeat("x", 2*jsonLook) + `","error_code":"A.1"}` + "\n" + `{"error_code":"B.2","error_msg":"after"}`,
	} {
		want := []Finding{{Code: "A.1", Shape: ShapeJSON, Truncated: true}, {Code: "B.2", Message: "after", Shape: ShapeJSON}}
		for name, got := range map[string][]Finding{"All": All([]byte(in)), "streaming": allOf(New(strings.NewReader(in)))} {
			for i := range got {
				checkLine(t, []byte(in), got[i])
				got[i].Offset, got[i].Line = 0, 0
			}
			if len(got) > 0 && strings.HasPrefix(in, `{"error_code"`) {
				// The message's start is kept, cut (see TestHugeBody).
				if m := got[0].Message; len(m) == 0 || len(m) > maxMessage || strings.Trim(m, "x") != "" {
					t.Errorf("%s: message of %d bytes, want up to %d x", name, len(m), maxMessage)
				}
				got[0].Message = ""
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: got %d findings: %.300s", name, len(got), dump(got))
			}
		}
	}
}

// allOf returns every finding of a Scanner or a Live scan.
func allOf(s interface {
	Scan() bool
	Finding() Finding
}) []Finding {
	var out []Finding
	for s.Scan() {
		out = append(out, s.Finding())
	}
	return out
}

func TestMaskTarget(t *testing.T) {
	tests := []struct{ in, want string }{
		{"GET /v1/x", "GET /v1/x"},
		{"GET /v1/x?limit=1&marker=a", "GET /v1/x?limit=1&marker=a"},
		{"GET /v1/x?AccessKeyId=AK&Signature=s&X-Amz-Credential=***&token=t&PASSWORD=p&oauth_code=o", "GET /v1/x?AccessKeyId=***&Signature=***&X-Amz-Credential=***&token=***&PASSWORD=***&oauth_code=***"},
		{"GET https://user:pw@host/v1?a=1", "GET https://***@host/v1?a=1"},
		{"GET /x?flag&secret=", "GET /x?flag&secret=***"},
		// Common secret names, whole words of a name, case aside.
		{"GET /x?sig=a&passwd=b&pwd=c&sk=d&ak=e&credential=f&sessionid=g&SessionId=h&x-amz-signature=i&access_token=j&Secret=k&api.key=l",
			"GET /x?sig=***&passwd=***&pwd=***&sk=***&ak=***&credential=***&sessionid=***&SessionId=***&x-amz-signature=***&access_token=***&Secret=***&api.key=***"},
		// Names that merely contain one of those words stay shown.
		{"GET /x?design=a&monkey=b&author=c&keyword=d&signal=e&task=f&passage=g&tokenizer=h",
			"GET /x?design=a&monkey=b&author=c&keyword=d&signal=e&task=f&passage=g&tokenizer=h"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := string(maskTarget([]byte(tt.in))); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIsCode(t *testing.T) {
	for in, want := range map[string]bool{
		"iMetal.0230": true, "APIGW.0301": true, "AS.0001": true, "a.1": true, "A1b2.123456": true,
		"": false, "A.": false, ".1": false, "1A.1": false, "A.1234567": false, "A.1a": false, "A-B.1": false, "A.1.2": false,
		strings.Repeat("A", 70) + ".1": false,
	} {
		if got := isCode([]byte(in)); got != want {
			t.Errorf("isCode(%q) = %v", in, got)
		}
	}
}

func checkFinding(t *testing.T, f Finding) {
	t.Helper()
	if f.Code == "" || len(f.Code) > maxCode || (f.Shape != ShapeJSON && f.Shape != ShapeGoSDK && f.Shape != ShapeNested && !isCode([]byte(f.Code))) {
		t.Errorf("bad code %q (%s)", f.Code, f.Shape)
	}
	for _, v := range []string{f.Code, f.Message, f.RequestID, f.Request} {
		if strings.IndexByte(v, 0) >= 0 {
			t.Errorf("NUL in finding %+v", f)
		}
	}
	if len(f.Message) > maxMessage || len(f.RequestID) > maxRequestID || len(f.Request) > maxRequest {
		t.Errorf("field over its cap: %d %d %d", len(f.Message), len(f.RequestID), len(f.Request))
	}
	if f.HTTPStatus != 0 && (f.HTTPStatus < 100 || f.HTTPStatus > 999) {
		t.Errorf("bad status %d", f.HTTPStatus)
	}
}

func dump(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(strings.ReplaceAll(strings.TrimSpace(fmtFinding(f)), "\n", " "))
		b.WriteByte('\n')
	}
	return b.String()
}
