package catalog

import (
	"maps"
	"slices"
	"testing"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		template, msg string
		ok            bool
		ids           []string
		values        map[string]string
	}{
		{template: "Subnet not found: [{id}, ...]", msg: "Subnet not found: [subnet-1, subnet-2]", ok: true, ids: []string{"subnet-1", "subnet-2"}},
		{template: "Subnet not found: [{id}, ...]", msg: `Subnet not found: ['subnet-1', "subnet-2"]`, ok: true, ids: []string{"subnet-1", "subnet-2"}},
		{template: "Subnet not found: [{id}, ...]", msg: "Subnet not found: []", ok: true},
		{template: "Subnet not found: [{id}, ...]", msg: "Subnet not found: subnet-1", ok: false},
		{template: "Instances not found: [{id}, ...]", msg: "instances NOT found: [i-1]", ok: true, ids: []string{"i-1"}},
		{template: "Inspect Physical servers error: [{id}, ...], {error details}", msg: "Inspect Physical servers error: [ps-1, ps-2], IPMI timeout, BMC unreachable", ok: true,
			ids: []string{"ps-1", "ps-2"}, values: map[string]string{"error_details": "IPMI timeout, BMC unreachable"}},
		{template: "A request parameter contains invalid or unsupported value: %s", msg: "A request parameter contains invalid or unsupported value: flavorRef", ok: true,
			values: map[string]string{"value": "flavorRef"}},
		{template: "Missing required parameters: %s", msg: "Missing required parameters: ", ok: true},
		{template: "Insufficient server resources", msg: "Insufficient server resources", ok: true},
		{template: "Insufficient server resources", msg: "Insufficient server resources: az1 has 0 free", ok: true, values: map[string]string{"detail": "az1 has 0 free"}},
		{template: "Insufficient server resources", msg: "Insufficient IP addresses in subnet", ok: false},
		{template: "Incorrect IAM authentication information.", msg: "Incorrect IAM authentication information: decrypt token fail", ok: true, values: map[string]string{"detail": "decrypt token fail"}},
		{template: "Incorrect IAM authentication information.", msg: "Incorrect IAM authentication information.: token expires", ok: true, values: map[string]string{"detail": "token expires"}},
		{template: "The throttling threshold has been reached.", msg: "The throttling threshold has been reached: policy user over ratelimit,limit:200,time:5 minute", ok: true,
			values: map[string]string{"detail": "policy user over ratelimit,limit:200,time:5 minute"}},
		{template: "The API does not exist.", msg: "The API does not exist or has not been published in the environment.", ok: false},
		{template: "The following protocol is supported: {xxx}", msg: "The following protocol is supported: HTTPS", ok: true, values: map[string]string{"xxx": "HTTPS"}},
	}
	for _, tt := range tests {
		t.Run(tt.msg, func(t *testing.T) {
			e := Entry{Message: tt.template}
			p, ok := e.Match(tt.msg)
			if ok != tt.ok {
				t.Fatalf("Match(%q) ok = %v, want %v", tt.msg, ok, tt.ok)
			}
			if !ok {
				return
			}
			if !slices.Equal(p.IDs, tt.ids) {
				t.Errorf("IDs = %q, want %q", p.IDs, tt.ids)
			}
			if !maps.Equal(p.Values, tt.values) {
				t.Errorf("Values = %q, want %q", p.Values, tt.values)
			}
		})
	}
}

func TestDiagnose(t *testing.T) {
	cat := Default()
	tests := []struct {
		name, code string
		status     int
		msg        string
		wantCode   string
		wantStatus int // catalog status of the picked variant; 0 for unknown
		mismatch   bool
		category   string
		fault      Fault
	}{
		{name: "known", code: "iMetal.0230", status: 404, msg: "Subnet not found: [a]", wantCode: "iMetal.0230", wantStatus: 404, category: "network"},
		{name: "mismatch", code: "imetal.0232", status: 404, msg: "Insufficient IP addresses in subnet", wantCode: "iMetal.0232", wantStatus: 400, mismatch: true, category: "network"},
		{name: "gateway variant by status", code: "APIGW.0201", status: 504, msg: "Backend timeout.", wantCode: "APIGW.0201", wantStatus: 504, category: "gateway"},
		{name: "gateway variant by message", code: "APIGW.0201", msg: "Backend unavailable", wantCode: "APIGW.0201", wantStatus: 502, category: "gateway"},
		{name: "APIG alias", code: "APIG.0308", status: 429, msg: "The throttling threshold has been reached: policy user over ratelimit", wantCode: "APIGW.0308", wantStatus: 429, category: "gateway"},
		{name: "APIGW.0101 longer message", code: "APIGW.0101", status: 404, msg: "The API does not exist or has not been published in the environment.", wantCode: "APIGW.0101", wantStatus: 404, category: "gateway"},
		{name: "unknown 4xx", code: "iMetal.0150", status: 400, msg: "Whatever", wantCode: "iMetal.0150", category: "server", fault: FaultRequest},
		{name: "unknown 5xx", code: "iMetal.0299", status: 503, msg: "x", wantCode: "iMetal.0299", category: "network", fault: FaultService},
		{name: "unknown general", code: "iMetal.0042", msg: "x", wantCode: "iMetal.0042", category: "general"},
		{name: "unknown instance", code: "iMetal.0210", msg: "x", wantCode: "iMetal.0210", category: "instance"},
		{name: "other namespace", code: "AS.0001", status: 400, msg: "x", wantCode: "AS.0001", fault: FaultRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := cat.Diagnose(tt.code, tt.status, tt.msg)
			if d.Code != tt.wantCode {
				t.Errorf("Code = %q, want %q", d.Code, tt.wantCode)
			}
			if got := d.Known(); got != (tt.wantStatus != 0) {
				t.Fatalf("Known = %v", got)
			}
			if d.Entry != nil && d.Entry.Status != tt.wantStatus {
				t.Errorf("picked the %d variant, want %d", d.Entry.Status, tt.wantStatus)
			}
			if d.StatusMismatch() != tt.mismatch {
				t.Errorf("StatusMismatch = %v", d.StatusMismatch())
			}
			if d.Category != tt.category || d.Fault != tt.fault {
				t.Errorf("Category, Fault = %q, %q; want %q, %q", d.Category, d.Fault, tt.category, tt.fault)
			}
			if d.Advice() == "" {
				t.Error("no advice")
			}
		})
	}
}
