// Command gohttp calls the loopback test server with net/http and logs the error responses
// with log/slog, as a Go service would, in one of these modes (first argument), for the
// cases given after it:
//
//	text      slog's TextHandler (logfmt), the body decoded into error_code and error_msg
//	text-raw  slog's TextHandler, the raw body as one quoted value
//	json-raw  slog's JSONHandler, the raw body as a JSON string
//	errorf    a CLI's last words: "Error: CODE: MESSAGE" (fmt.Errorf, no status, no id)
//
// Time stamps are slog's own; nothing else is added.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: gohttp text|text-raw|json-raw|errorf CASE...")
		os.Exit(2)
	}
	mode, cases := os.Args[1], os.Args[2:]
	base := os.Getenv("BASE")
	if base == "" {
		base = "http://127.0.0.1:8790"
	}
	var log *slog.Logger
	if mode == "json-raw" {
		log = slog.New(slog.NewJSONHandler(os.Stderr, nil))
	} else {
		log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	for _, kase := range cases {
		url := base + "/v1/0123456789abcdef0123456789abcdef/" + kase + "/baremetalservers"
		resp, err := http.Get(url)
		if err != nil {
			log.Error("request failed", "url", url, "err", err)
			os.Exit(1)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		rid := resp.Header.Get("X-Request-Id")
		var body struct {
			Code string `json:"error_code"`
			Msg  string `json:"error_msg"`
		}
		_ = json.Unmarshal(raw, &body)
		switch mode {
		case "text":
			log.Error("create server failed", "status", resp.StatusCode, "request_id", rid,
				"error_code", body.Code, "error_msg", body.Msg)
		case "errorf":
			err := fmt.Errorf("%s: %s", body.Code, body.Msg)
			fmt.Fprintln(os.Stderr, "Error:", err)
			os.Exit(1)
		default:
			log.Error("create server failed", "method", "GET", "url", url, "status", resp.StatusCode,
				"x_request_id", rid, "body", string(raw))
		}
	}
}
