package cmd

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/imetal-tools/imetal-err/catalog"
	"github.com/imetal-tools/imetal-err/format"
	"github.com/imetal-tools/imetal-err/scan"
)

// summaryLog writes a log of n error lines in several shapes: codes in several spellings,
// known and unknown, the gateway's multi-variant codes with several statuses, messages with
// and without ID lists, and request ids that repeat.
func summaryLog(n int) string {
	rng := rand.New(rand.NewPCG(6, 6))
	codes := []string{"iMetal.0230", "imetal.0230", "IMETAL.0230", "iMetal.0100", "iMetal.0110", "iMetal.0232",
		"iMetal.0001", "APIGW.0201", "APIG.0201", "apigw.0301", "APIGW.0101", "iMetal.0150", "AS.0001", "as.0001", "iMetal.232"}
	msgs := []string{"Subnet not found: [%s]", "Physical servers ID not found: [%s]", "Inspect Physical servers error: [%s], ipmi timeout",
		"Insufficient IP addresses in subnet", "Backend timeout.", "Backend unavailable", "Quota exceeded", "Request entity too large.",
		"A request parameter contains invalid or unsupported value: flavorRef", "Whatever [%s] happened", "The API does not exist.",
		`Missing required parameters: "nics[0].subnet_id"`}
	statuses := []int{0, 400, 404, 413, 502, 504, 500}
	var b strings.Builder
	for i := range n {
		ids := make([]string, 1+rng.IntN(3))
		for j := range ids {
			ids[j] = fmt.Sprintf("'srv-%d'", rng.IntN(6))
		}
		msg := msgs[rng.IntN(len(msgs))]
		if strings.Contains(msg, "%s") {
			msg = fmt.Sprintf(msg, strings.Join(ids, ", "))
		}
		code := codes[rng.IntN(len(codes))]
		// A request id of its own: two findings with the same code and request id are one
		// response printed twice.
		reqID := fmt.Sprintf("req-%d-%d", i, rng.IntN(5))
		switch st := statuses[rng.IntN(len(statuses))]; {
		case i%3 == 0 && st != 0:
			fmt.Fprintf(&b, `ts=%d {"status_code":%d,"request_id":"%s","error_code":"%s","error_message":%q}`+"\n", i, st, reqID, code, msg)
		case i%3 == 1:
			fmt.Fprintf(&b, `ts=%d {"error_code": "%s", "error_msg": %q}`+"\n", i, code, msg)
		default:
			fmt.Fprintf(&b, `ts=%d {"error": {"code": "%s", "message": %q}, "request_id": "%s"}`+"\n", i, code, msg, reqID)
		}
	}
	return b.String()
}

// TestSummaryDiagnosesOnlyWhatItNeeds checks that a summary that skips diagnoses once a row can
// take nothing more from a finding, or once the same code, status and message were diagnosed,
// is the summary of every finding diagnosed.
func TestSummaryDiagnosesOnlyWhatItNeeds(t *testing.T) {
	cat := catalog.Default()
	sc := scan.New(strings.NewReader(summaryLog(5000)))
	fast := newSummary()
	var want []format.SummaryRow // diagnosing every finding
	index := map[string]int{}
	n := 0
	for sc.Scan() {
		f := sc.Finding()
		n++
		fast.add(cat, &f)

		d := cat.Diagnose(f.Code, f.HTTPStatus, f.Message)
		key := d.Code // a row per code, and per variant of a code that has several
		if d.Entry != nil {
			key += fmt.Sprint(d.Entry.Status, d.Entry.Message)
		}
		i, ok := index[key]
		if !ok {
			r := format.SummaryRow{Code: d.Code, Known: d.Known(), Solution: d.Advice()}
			if e := d.Entry; e != nil {
				r.Status, r.Description = e.Status, e.Description
				r.Retryable = &e.Retryable
			}
			i = len(want)
			index[key] = i
			want = append(want, r)
		}
		r := &want[i]
		r.Count++
		if f.HTTPStatus != 0 && !slices.Contains(r.HTTPStatus, f.HTTPStatus) && len(r.HTTPStatus) < 8 {
			r.HTTPStatus = append(r.HTTPStatus, f.HTTPStatus)
		}
		for _, id := range d.IDs {
			if len(r.IDs) < summarySamples && !slices.Contains(r.IDs, id) {
				r.IDs = append(r.IDs, id)
			}
		}
		if f.RequestID != "" && len(r.RequestIDs) < summarySamples && !slices.Contains(r.RequestIDs, f.RequestID) {
			r.RequestIDs = append(r.RequestIDs, f.RequestID)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n != 5000 {
		t.Fatalf("scanned %d findings, want 5000", n)
	}
	slices.SortStableFunc(want, func(a, b format.SummaryRow) int { return b.Count - a.Count })
	if len(fast.byVariant) == 0 {
		t.Errorf("no diagnosis was taken again from byVariant")
	}
	got := fast.rows()
	if len(got) < 8 {
		t.Fatalf("only %d codes in the summary", len(got))
	}
	if !reflect.DeepEqual(got, want) {
		for i := range max(len(got), len(want)) {
			var g, w format.SummaryRow
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if !reflect.DeepEqual(g, w) {
				t.Errorf("row %d:\n got %+v\nwant %+v", i, g, w)
			}
		}
	}
}

// TestParseShowsFindingsWhenTheStreamPauses checks that parse shows an error from a stream that
// stays open (tail -f, kubectl logs -f) once the stream pauses, not at its end.
func TestParseShowsFindingsWhenTheStreamPauses(t *testing.T) {
	ios, _, _, errOut := testIOStreams(false, nil)
	r, w := io.Pipe()
	var out syncBuffer
	ios.In, ios.Out = r, &out
	done := make(chan int, 1)
	go func() { done <- run(context.Background(), ios, []string{"parse", "-o", "tsv"}) }()
	fmt.Fprintln(w, `2026-11-26T10:00:00Z ERROR create failed: {"error_msg": "Subnet not found: [subnet-1]", "error_code": "iMetal.0230"}`)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "iMetal.0230") {
		if time.Now().After(deadline) {
			t.Fatalf("nothing shown while the stream is open; stdout %q", out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	fmt.Fprintln(w, `2026-11-26T10:00:05Z ERROR {"error_msg": "Insufficient IP addresses in subnet", "error_code": "iMetal.0232"}`)
	w.Close()
	if code := <-done; code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	if got := strings.Count(out.String(), "\niMetal.02"); got != 2 {
		t.Errorf("%d findings, want 2:\n%s", got, out.String())
	}
}
