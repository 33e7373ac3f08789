package scan_test

import (
	"fmt"
	"strings"

	"github.com/imetal-tools/imetal-err/scan"
)

func Example() {
	transcript := `> POST /v1/0123/baremetalservers?X-Auth-Token=abc HTTP/1.1
> X-Auth-Token: abc
>
< HTTP/1.1 400 Bad Request
< X-Request-Id: 0f3c9a
<
{"error_code": "iMetal.0101", "error_msg": "Invalid request body"}
2026-01-02T03:04:05Z ERROR ClientRequestException - {status_code:404,request_id:7b1e,error_code:iMetal.0200,error_msg:Instances not found: [i-1, i-2] }
`
	s := scan.New(strings.NewReader(transcript))
	for s.Scan() {
		f := s.Finding()
		fmt.Printf("%s %s %d %s %q %q\n", f.Shape, f.Code, f.HTTPStatus, f.RequestID, f.Message, f.Request)
	}
	if err := s.Err(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// json iMetal.0101 400 0f3c9a "Invalid request body" "POST /v1/0123/baremetalservers?X-Auth-Token=***"
	// python-sdk iMetal.0200 404 7b1e "Instances not found: [i-1, i-2]" ""
}

func ExampleAll() {
	log := []byte(`{"error": {"code": "APIGW.0301", "message": "Incorrect IAM authentication information"}}`)
	for _, f := range scan.All(log) {
		fmt.Println(f.Code, f.Shape, f.Message)
	}
	// Output:
	// APIGW.0301 nested-json Incorrect IAM authentication information
}
