// Command golangsdk calls the loopback test server through github.com/chnsz/golangsdk, the
// client library of the Huawei Cloud Terraform provider, and prints the error it returns as
// the provider would put it in a diagnostic ("error retrieving ...: " + err.Error()). The
// argument is the server's case (0230, 0232, 0308, 0099, 0201).
package main

import (
	"fmt"
	"os"

	"github.com/chnsz/golangsdk"
)

func main() {
	kase := "0230"
	if len(os.Args) > 1 {
		kase = os.Args[1]
	}
	base := os.Getenv("BASE")
	if base == "" {
		base = "http://127.0.0.1:8790"
	}
	pc := &golangsdk.ProviderClient{
		AKSKAuthOptions: golangsdk.AKSKAuthOptions{
			AccessKey: "AKEXAMPLE0000000000",
			SecretKey: "SKEXAMPLE0000000000000000000000000000000",
			ProjectId: "0123456789abcdef0123456789abcdef",
		},
	}
	sc := &golangsdk.ServiceClient{
		ProviderClient: pc,
		Endpoint:       base + "/",
		ResourceBase:   base + "/v1/0123456789abcdef0123456789abcdef/",
	}
	var body any
	_, err := sc.Get(sc.ServiceURL(kase, "baremetalservers", "detail"), &body, nil)
	if err == nil {
		fmt.Println("no error")
		return
	}
	fmt.Fprintf(os.Stderr, "error retrieving BMS instances: %s\n", err)
	os.Exit(1)
}
