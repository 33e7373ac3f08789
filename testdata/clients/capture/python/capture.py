"""Calls the loopback test server through the Huawei Cloud Python SDK (core and BMS v1, from
their source: PYTHONPATH names both, see run.sh) and prints what a program following the
SDK's README would: its access log on stdout (with_stream_log), the README's "original HTTP
listener" response handler printing the raw response, and the exception.

Arguments: the server's case (sent as the project id, as in the Go capture) and a mode:
  debug      access log, the HTTP listener's dump, then print(e)
  fields     access log, then the README's except block (status, request id, code, message)
  traceback  access log, then the exception left uncaught (Python prints the traceback)
"""
import logging
import os
import sys

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkcore.http.http_handler import HttpHandler
from huaweicloudsdkbms.v1 import BmsClient, ListBareMetalServersRequest

kase = sys.argv[1] if len(sys.argv) > 1 else "0230"
mode = sys.argv[2] if len(sys.argv) > 2 else "debug"
base = os.environ.get("BASE", "http://127.0.0.1:8790")


def response_handler(**kwargs):
    # The format of the SDK README's "Original HTTP Listener" example.
    response = kwargs.get("response")
    request = response.request
    info = "> Request %s %s HTTP/1.1" % (request.method, request.path_url) + "\n"
    if len(request.headers) != 0:
        info = info + "> Headers:" + "\n"
        for each in request.headers:
            info = info + "    %s: %s" % (each, request.headers[each]) + "\n"
    info = info + "> Body: %s" % request.body + "\n\n"
    info = info + "< Response HTTP/1.1 %s " % response.status_code + "\n"
    if len(response.headers) != 0:
        info = info + "< Headers:" + "\n"
        for each in response.headers:
            info = info + "    %s: %s" % (each, response.headers[each]) + "\n"
    info = info + "< Body: %s" % response.content
    print(info)


credentials = BasicCredentials("AKEXAMPLE0000000000", "SKEXAMPLE0000000000000000000000000000000", kase)
builder = (BmsClient.new_builder()
           .with_credentials(credentials)
           .with_endpoints([base])
           .with_stream_log(log_level=logging.INFO))
if mode == "debug":
    builder = builder.with_http_handler(HttpHandler().add_response_handler(response_handler))
client = builder.build()

request = ListBareMetalServersRequest()
if mode == "traceback":
    client.list_bare_metal_servers(request)
try:
    client.list_bare_metal_servers(request)
except exceptions.ServiceResponseException as e:
    if mode == "fields":
        print(e.status_code)
        print(e.request_id)
        print(e.error_code)
        print(e.error_msg)
    else:
        print(e)
