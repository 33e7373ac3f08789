#!/bin/sh
# Runs capture.js once per fixture, from testdata/clients/capture/node after `npm install`,
# with the test server running; writes the files into testdata/clients.
set -u
OUT=${OUT:-../..}
cap() { # cap FILE ARGS...: keep everything node prints (stdout and stderr) in FILE
	f=$1
	shift
	"$@" >"$OUT/$f" 2>&1
	echo "$f: exit $?"
}
cap node-sdk-uncaught-0230.txt node capture.js uncaught 0230
cap node-sdk-uncaught-0201.txt node capture.js uncaught 0201
cap node-sdk-json-0232.txt node capture.js json 0232
cap node-sdk-log-0308.txt node capture.js log 0308
cap node-sdk-log-color-0999.txt env FORCE_COLOR=1 node capture.js log 0999
