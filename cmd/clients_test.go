package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// clientResponse is what a fixture's reader should get out of one response: the fields that
// expected.json lists, null where the text does not carry them.
type clientResponse struct {
	Code       string   `json:"code"`
	Known      bool     `json:"known"`
	Message    string   `json:"message"`
	HTTPStatus *int     `json:"http_status"`
	RequestID  *string  `json:"request_id"`
	IDs        []string `json:"ids"`
}

func (r clientResponse) String() string {
	s := "null"
	if r.HTTPStatus != nil {
		s = fmt.Sprint(*r.HTTPStatus)
	}
	id := "null"
	if r.RequestID != nil {
		id = *r.RequestID
	}
	return fmt.Sprintf("{code %s, known %v, message %q, http_status %s, request_id %s, ids %q}", r.Code, r.Known, r.Message, s, id, r.IDs)
}

// knownGaps lists the fixtures that parse does not read right yet (issue 10), each with what
// it misses. A fixture listed here must still fail: when one starts passing, the test fails
// until its entry is removed, so that the list only shrinks for real.
var knownGaps = map[string]string{}

// TestRealClients runs parse over what real clients printed for error responses of a
// loopback test server (testdata/clients; its README says how each text was made) and checks
// each response's code, known, message, HTTP status, request id and IDs against expected.json.
func TestRealClients(t *testing.T) {
	t.Setenv("IMETAL_ERR_CATALOG", "")
	dir := filepath.Join("..", "testdata", "clients")
	raw, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var expected map[string][]clientResponse
	if err := json.Unmarshal(raw, &expected); err != nil {
		t.Fatalf("expected.json: %v", err)
	}
	var files []string
	for _, pat := range []string{"*.txt", "*.har"} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m {
			files = append(files, filepath.Base(f))
		}
	}
	slices.Sort(files)
	for name := range expected {
		if !slices.Contains(files, name) {
			t.Errorf("expected.json lists %s, which is not in %s", name, dir)
		}
	}
	for name := range knownGaps {
		if !slices.Contains(files, name) {
			t.Errorf("knownGaps lists %s, which is not in %s", name, dir)
		}
	}
	for _, name := range files {
		t.Run(name, func(t *testing.T) {
			want, ok := expected[name]
			if !ok {
				t.Fatalf("%s has no entry in expected.json", name)
			}
			miss := clientMismatch(filepath.Join(dir, name), want)
			gap, isGap := knownGaps[name]
			switch {
			case miss != "" && !isGap:
				t.Error(miss)
			case miss == "" && isGap:
				t.Errorf("parse reads %s right now: remove it from knownGaps (%q)", name, gap)
			case isGap:
				t.Logf("known gap (%s): %s", gap, miss) // what is left, with go test -v
			}
		})
	}
}

// clientMismatch runs `parse -o json` on path in process and says how its findings differ
// from want, or returns "" when they match.
func clientMismatch(path string, want []clientResponse) string {
	var out, errOut bytes.Buffer
	Main([]string{"parse", "-o", "json", path}, strings.NewReader(""), &out, &errOut)
	var got []clientResponse
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		return fmt.Sprintf("parse -o json %s: %v; stderr: %s", path, err, errOut.String())
	}
	norm := func(rs []clientResponse) []clientResponse {
		for i := range rs {
			if len(rs[i].IDs) == 0 {
				rs[i].IDs = nil
			}
		}
		return rs
	}
	if g, w := norm(got), norm(slices.Clone(want)); !reflect.DeepEqual(g, w) {
		return fmt.Sprintf("%s:\n got  %v\n want %v", filepath.Base(path), g, w)
	}
	return ""
}
