#!/bin/sh
# Captures what curl, wget and HTTPie print for the test server's error responses.
# Start the server first (go run ./server from testdata/clients), then run this from
# testdata/clients. Each file holds the command's stdout and stderr together, exactly as printed.
set -u
BASE=${BASE:-http://127.0.0.1:8790}
OUT=${OUT:-.}
P=/v1/0123456789abcdef0123456789abcdef

cap() { # cap FILE COMMAND...: run COMMAND, keep everything it prints in FILE
	f=$1
	shift
	"$@" >"$OUT/$f" 2>&1
	echo "$f: exit $?"
}

cap curl-si-0230.txt curl -si "$BASE$P/0230/baremetalservers"
cap curl-si-0308.txt curl -si "$BASE$P/0308/baremetalservers"
cap curl-v-0232.txt curl -sv -X POST -H 'Content-Type: application/json' -d '{"server":{"name":"bms-1"}}' "$BASE$P/0232/baremetalservers"
cap curl-v-0201.txt curl -v "$BASE$P/0201/baremetalservers"
cap curl-fail-with-body-0230.txt curl -sS --fail-with-body "$BASE$P/0230/baremetalservers"
cap curl-fail-with-body-0201.txt curl -sS --fail-with-body "$BASE$P/0201/baremetalservers"
cap curl-w-0999.txt curl -sS -w '\nhttp_code=%{http_code}\n' "$BASE$P/0999/baremetalservers"

cap wget-S-0230.txt wget -S --content-on-error -O - "$BASE$P/0230/baremetalservers"
cap wget-S-0308.txt wget -S --content-on-error -O - "$BASE$P/0308/baremetalservers"
cap wget-d-0232.txt wget -d --content-on-error -O - "$BASE$P/0232/baremetalservers"

# HTTPie: plain (piped: body only, no color), -v, and forced color (--pretty=all, as on a
# terminal). --ignore-stdin: HTTPie would otherwise send the non-terminal stdin as a body.
cap httpie-0230.txt http --ignore-stdin "$BASE$P/0230/baremetalservers"
cap httpie-v-0308.txt http --ignore-stdin -v POST "$BASE$P/0308/baremetalservers" name=bms-1
cap httpie-pretty-0230.txt http --ignore-stdin --pretty=all --print=hb "$BASE$P/0230/baremetalservers"
cap httpie-pretty-0201.txt http --ignore-stdin --pretty=all -v "$BASE$P/0201/baremetalservers"

# Retries: curl retries 429 and 5xx answers, and prints every response it got, each with its
# own request id; the bodies have no final newline, so the next status line or curl's warning
# follows on the same line.
cap curl-si-retry-0308.txt curl -si --retry 2 --retry-delay 1 "$BASE$P/0308/baremetalservers"
cap curl-i-retry-0201.txt curl --no-progress-meter -i --retry 2 --retry-delay 1 "$BASE$P/0201/baremetalservers"

# Python's requests (Debian's python3-requests): the common debugging prints, which show the
# body as a Python dict and the headers as requests' CaseInsensitiveDict.
cap python-requests-0230.txt /usr/bin/python3 -c 'import requests, sys; r = requests.get(sys.argv[1]); print(r.status_code, r.json())' "$BASE$P/0230/baremetalservers"
cap python-requests-headers-0308.txt /usr/bin/python3 -c 'import requests, sys; r = requests.get(sys.argv[1]); print(r.headers); print(r.json())' "$BASE$P/0308/baremetalservers"

# HTTPie's --check-status: the body, then a warning with the status on stderr (exit 4 or 5).
cap httpie-check-status-0308.txt http --ignore-stdin --check-status "$BASE$P/0308/baremetalservers"
cap httpie-check-status-0099.txt http --ignore-stdin --check-status "$BASE$P/0099/baremetalservers"
