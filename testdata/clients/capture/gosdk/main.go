// Command gosdk calls the loopback test server through the Huawei Cloud Go SDK's BMS client
// and prints the error it returns with %v, %+v, %#v and err.Error(), one per line, each after
// a label, as a program logging the error would. Arguments: the server case (0230, ...), sent
// as the project id, and the verb to print with (v, +v, #v, Error), or "handler": the SDK
// README's HTTP handlers (fmt.Println of the http.Request and http.Response), then %v. The
// SDK logs nothing by default.
package main

import (
	"fmt"
	"net/http"
	"os"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/httphandler"
	bms "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/bms/v1"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/bms/v1/model"
)

func main() {
	kase, verb := "0230", "v"
	if len(os.Args) > 2 {
		kase, verb = os.Args[1], os.Args[2]
	}
	base := os.Getenv("BASE")
	if base == "" {
		base = "http://127.0.0.1:8790"
	}
	cred, err := basic.NewCredentialsBuilder().
		WithAk("AKEXAMPLE0000000000").
		WithSk("SKEXAMPLE0000000000000000000000000000000").
		WithProjectId(kase). // the path's only free segment: the server takes the case from it
		SafeBuild()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	httpConfig := config.DefaultHttpConfig()
	if verb == "handler" {
		httpConfig.WithHttpHandler(httphandler.NewHttpHandler().
			AddRequestHandler(func(request http.Request) { fmt.Println(request) }).
			AddResponseHandler(func(response http.Response) { fmt.Println(response) }))
	}
	hc, err := bms.BmsClientBuilder().
		WithEndpoints([]string{base}).
		WithCredential(cred).
		WithHttpConfig(httpConfig).
		SafeBuild()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	client := bms.NewBmsClient(hc)
	_, err = client.ListBareMetalServers(&model.ListBareMetalServersRequest{})
	if err == nil {
		fmt.Println("no error")
		return
	}
	switch verb {
	case "v", "handler":
		fmt.Printf("list servers: %v\n", err)
	case "+v":
		fmt.Printf("list servers: %+v\n", err)
	case "#v":
		fmt.Printf("list servers: %#v\n", err)
	default:
		fmt.Println("list servers: " + err.Error())
	}
	os.Exit(1)
}
