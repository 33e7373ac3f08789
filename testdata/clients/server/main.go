// Command server answers every request with an iMetal-shaped error response, so that real
// clients (SDKs, curl, wget, HTTPie) can be pointed at it and what they print captured as
// test data. It listens on loopback only and stops by itself after -for, or on SIGINT/SIGTERM.
//
// The case is chosen by the first path segment that names one (e.g. /v1/p/0230/servers);
// a path naming none gets 0230. Statuses, codes and messages are those of the catalog
// (the iMetal error-code pages and the API gateway's code table), except 0999's, which is
// not in it.
package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

type answer struct {
	status  int
	code    string
	message string
	gateway bool // the API gateway answers with request_id in the body too
}

var cases = map[string]answer{
	"0230": {404, "iMetal.0230", "Subnet not found: [subnet-1, subnet-2]", false},
	"0232": {400, "iMetal.0232", "Insufficient IP addresses in subnet", false},
	"0308": {429, "APIGW.0308", "The throttling threshold has been reached.", true},
	"0201": {502, "APIGW.0201", "Backend unavailable.", true},
	"0099": {500, "iMetal.0099", "Internal server error", false},
	"0999": {400, "iMetal.0999", "Unexpected failure in placement", false},
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8790", "loopback address to listen on")
	useTLS := flag.Bool("tls", false, "serve HTTPS with a self-signed certificate made at start")
	life := flag.Duration("for", 10*time.Minute, "stop after this long")
	seed := flag.String("seed", "imetal-err", "request ids are derived from this seed and a counter, so runs repeat")
	flag.Parse()

	host, _, err := net.SplitHostPort(*addr)
	if err != nil || !net.ParseIP(host).IsLoopback() {
		log.Fatalf("server: %q is not a loopback address", *addr)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	if *useTLS {
		cert, err := selfSigned()
		if err != nil {
			log.Fatal(err)
		}
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}})
	}

	var n atomic.Uint64
	srv := &http.Server{
		ReadHeaderTimeout: 5 * time.Second,
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			name := "0230"
			for _, seg := range strings.Split(r.URL.Path, "/") {
				if _, ok := cases[seg]; ok {
					name = seg
					break
				}
			}
			a := cases[name]
			sum := sha256.Sum256([]byte(fmt.Sprintf("%s/%d", *seed, n.Add(1))))
			rid := hex.EncodeToString(sum[:16])
			body := struct {
				Msg  string `json:"error_msg"`
				Code string `json:"error_code"`
				RID  string `json:"request_id,omitempty"`
			}{a.message, a.code, ""}
			if a.gateway {
				body.RID = rid
			}
			b, _ := json.Marshal(body)
			h := w.Header()
			h.Set("Content-Type", "application/json;charset=UTF-8")
			h.Set("X-Request-Id", rid)
			h.Set("Server", "api-gateway")
			w.WriteHeader(a.status)
			w.Write(b)
			log.Printf("%s %s -> %d %s %s", r.Method, r.URL.Path, a.status, a.code, rid)
		}),
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, *life)
	defer cancel()
	go func() {
		<-ctx.Done()
		shut, done := context.WithTimeout(context.Background(), 2*time.Second)
		defer done()
		srv.Shutdown(shut)
	}()
	log.Printf("listening on %s (tls=%v) for %v", ln.Addr(), *useTLS, *life)
	if err := srv.Serve(ln); err != http.ErrServerClosed {
		log.Fatal(err)
	}
}

// selfSigned makes a throwaway certificate for 127.0.0.1, for clients that insist on HTTPS
// (they are run with verification off).
func selfSigned() (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}
