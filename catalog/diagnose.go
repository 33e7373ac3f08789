package catalog

import "strings"

// Diagnosis is what the catalog makes of one error response: which entry it is, what its
// message carried, and what to do when the code is not in the catalog.
type Diagnosis struct {
	// Code is the code in the catalog's spelling when well formed, else as received.
	Code string
	// Entry is the matching entry (the variant picked by status and message), or nil.
	Entry *Entry
	// HTTPStatus is the status the response came with, 0 if unseen.
	HTTPStatus int
	// Message is the message as received.
	Message string
	Params
	// Category is the entry's, or for an unknown code the one its number range implies
	// ("" when nothing is implied).
	Category string
	// Fault says who must act when the code is unknown: FaultRequest (4xx), FaultService (5xx),
	// or "" when no status was seen.
	Fault Fault
}

// Fault says on which side of the call an error lies.
type Fault string

const (
	FaultRequest Fault = "request" // 4xx: the request must change before it is sent again
	FaultService Fault = "service" // 5xx: retry with backoff, then contact support
)

// Known reports whether the catalog knows the code.
func (d *Diagnosis) Known() bool { return d.Entry != nil }

// StatusMismatch reports whether the response came with another HTTP status than the catalog gives.
func (d *Diagnosis) StatusMismatch() bool {
	return d.Entry != nil && d.HTTPStatus != 0 && d.HTTPStatus != d.Entry.Status
}

// Advice is what to do about an error: the entry's solution for a known code, else advice
// drawn from the HTTP status class.
func (d *Diagnosis) Advice() string {
	if d.Entry != nil {
		return d.Entry.Solution
	}
	switch d.Fault {
	case FaultRequest:
		return "The request was rejected: correct it (parameters, IDs, credentials) before sending it again; retrying it unchanged will fail the same way."
	case FaultService:
		return "The service failed: retry with exponential backoff; if it persists, contact support with the request id."
	}
	return "Unknown code and no HTTP status seen: check the message, then contact support with the request id."
}

// Diagnose looks up a received error. Of several variants of a code it picks the one whose
// template matches the message and whose status is the one seen, then the one whose template
// matches, then the one with the status seen, then the first.
func (c *Catalog) Diagnose(code string, httpStatus int, message string) Diagnosis {
	d := Diagnosis{Code: strings.TrimSpace(code), HTTPStatus: httpStatus, Message: message}
	canon, ci, _ := c.resolve(code)
	if canon != "" {
		d.Code = canon
	}
	best, bestScore := -1, -1
	var bestParams Params
	msg := strings.TrimSpace(message)
	for _, i := range ci.entries {
		e := &c.entries[i]
		p, ok := matchTemplate(c.template(i), msg)
		score := 0
		if ok {
			score += 4
			// A template matched with no appended detail is the more specific one.
			if p.Values["detail"] == "" {
				score++
			}
		}
		if httpStatus != 0 && e.Status == httpStatus {
			score += 2
		}
		if score > bestScore {
			best, bestScore, bestParams = i, score, p
		}
	}
	if best >= 0 {
		d.Entry = &c.entries[best]
		d.Params = bestParams
		if bestScore < 4 {
			d.Params = genericParams(message)
		}
		d.Category = d.Entry.Category
		return d
	}
	d.Params = genericParams(message)
	d.Category = impliedCategory(d.Code)
	switch {
	case httpStatus >= 400 && httpStatus < 500:
		d.Fault = FaultRequest
	case httpStatus >= 500 && httpStatus < 600:
		d.Fault = FaultService
	}
	return d
}

// genericParams pulls what can be told without a template: the first bracketed ID list.
func genericParams(message string) Params {
	if k := strings.IndexByte(message, '['); k >= 0 {
		if ids, _, ok := parseIDList(message[k:]); ok && len(ids) > 0 {
			return Params{IDs: ids}
		}
	}
	return Params{}
}

// impliedCategory is the category a code's number range implies: iMetal.00xx general,
// 01xx server, 0200-0229 instance, 0230-0299 network; every APIGW code is the gateway's.
func impliedCategory(code string) string {
	q, err := ParseCode(code)
	if err != nil {
		return ""
	}
	switch q.Namespace {
	case "APIGW":
		return "gateway"
	case "iMetal":
		if len(q.Number) != 4 {
			return ""
		}
		switch {
		case q.Number < "0100":
			return "general"
		case q.Number < "0200":
			return "server"
		case q.Number < "0230":
			return "instance"
		case q.Number < "0300":
			return "network"
		}
	}
	return ""
}
