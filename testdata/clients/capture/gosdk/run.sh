#!/bin/sh
# Builds main.go (its own module) and runs it once per fixture, from
# testdata/clients/capture/gosdk with the test server running; writes into testdata/clients.
set -u
OUT=${OUT:-../..}
go build -o ./gosdk-capture . || exit 1
cap() { # cap FILE CASE VERB
	./gosdk-capture "$2" "$3" >"$OUT/$1" 2>&1
	echo "$1: exit $?"
}
cap go-sdk-v-0230.txt 0230 v
cap go-sdk-plusv-0308.txt 0308 +v
cap go-sdk-sharpv-0230.txt 0230 '#v'
cap go-sdk-sharpv-0201.txt 0201 '#v'
cap go-sdk-sharpv-0232.txt 0232 '#v'
cap go-sdk-error-0999.txt 0999 Error
cap go-sdk-handler-0230.txt 0230 handler
rm -f ./gosdk-capture
