#!/bin/sh
# Runs capture.py with Debian's python3 once per fixture, from testdata/clients/capture/python
# with the test server running; writes into testdata/clients. SDK is a directory holding the
# SDK's huaweicloud-sdk-core and huaweicloud-sdk-bms folders (from its source repository, at
# the release named in ../../README.md; not committed). Its dependencies come from Debian:
# python3-requests python3-requests-toolbelt python3-simplejson python3-yaml python3-pyasn1
# python3-certifi python3-defusedxml python3-six python3-pymongo.
set -u
OUT=${OUT:-../..}
: "${SDK:?set SDK to the directory holding huaweicloud-sdk-core and huaweicloud-sdk-bms}"
export PYTHONPATH="$SDK/huaweicloud-sdk-core:$SDK/huaweicloud-sdk-bms"
cap() { # cap FILE CASE MODE
	/usr/bin/python3 capture.py "$2" "$3" >"$OUT/$1" 2>&1
	echo "$1: exit $?"
}
cap python-sdk-debug-0230.txt 0230 debug
cap python-sdk-debug-0308.txt 0308 debug
cap python-sdk-debug-0099.txt 0099 debug
cap python-sdk-fields-0232.txt 0232 fields
cap python-sdk-traceback-0201.txt 0201 traceback
cap python-sdk-str-0999.txt 0999 str
