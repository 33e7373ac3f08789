package scan

// A response printed twice in one place — an SDK logs it, then raises it;
// a debug log shows the body, then the exception — is one response: the
// findings are merged into the first, each field taken from the first that
// has it. Two findings are one response when they carry the same code, the
// same request id and the same message (or one has none), no other finding
// stands between them and the second starts within mergeLook bytes of the
// first. Retries (each with a request
// id of its own) and the same error on later log lines stay apart; so do
// two prints of which one lacks the request id, which cannot be told from
// two responses. The merged finding stands where the first did, with a
// body's message and shape rather than those of a record read loosely.

// mergeLook is how far after a finding one it merges with may start.
const mergeLook = 16 << 10

// mergeable reports whether b, the finding right after a, is the same
// response.
func mergeable(a, b *Finding) bool {
	if a.Code != b.Code || b.Offset-a.Offset > mergeLook {
		return false
	}
	return a.RequestID != "" && a.RequestID == b.RequestID &&
		(a.Message == b.Message || a.Message == "" || b.Message == "")
}

// merge fills the fields a lacks from b; a body's message and shape beat
// those of a record read loosely.
func merge(a, b *Finding) {
	if a.Message == "" || (a.loose && !b.loose && b.Message != "") {
		a.Message = b.Message
	}
	if a.loose && !b.loose {
		a.Shape, a.loose = b.Shape, false
	}
	if a.HTTPStatus == 0 {
		a.HTTPStatus = b.HTTPStatus
	}
	if a.RequestID == "" {
		a.RequestID = b.RequestID
	}
	if a.Request == "" {
		a.Request = b.Request
	}
	a.Truncated = a.Truncated || b.Truncated
}
