"""Makes the line-prefixed pastes and the HAR file from real captures in testdata/clients.

These are constructed, not captured: each takes the text of one real capture and does to it
what a person or a tool does when passing it on. Run from testdata/clients:
python3 capture/paste.py. Every output is named paste-*.txt or *.har; nothing is invented
but the framing (prefixes, the mail header line, the log timestamp, the HAR's timings).

  paste-quoted-0230.txt      curl-si-0230.txt quoted in a mail reply: "> " before each line,
                             CRLF turned into LF as a mail client does
  paste-compose-0099.txt     python-sdk-debug-0099.txt as `docker compose logs` shows a
                             service's output: "api-1  | " before each line
  paste-logprefix-0201.txt   httpie-pretty-0201.txt without its colors (what
                             `http --pretty=format -v` prints), logged line by line with one
                             timestamp and level before each line
  paste-terraform-box-0308.txt  the diagnostic box of terraform-apply-0308.txt, colors dropped,
                             as copied from a terminal into an issue: "│ " before each line,
                             lines already wrapped at 78 columns by Terraform
  paste-terraform-box-0230.txt  the same for terraform-apply-0230.txt, whose wrapping cuts the
                             message's ID list ("[subnet-1," and "subnet-2]" on two lines)
  paste-terraform-plain-0232.txt  the diagnostic of terraform-apply-nocolor-0232.txt (from its
                             "Error:" line on), as copied from a terminal: no box, the body's
                             message wrapped inside its JSON string
  paste-ci-terraform-0232.txt  the same diagnostic as a CI job's log shows it: a timestamp
                             before each line (GitHub Actions' raw log format)
  browser-0232.har           a HAR 1.2 file (as a browser's developer tools export it) of the
                             exchange in curl-v-0232.txt: request line and headers, response
                             status, headers and body (as a JSON string in
                             response.content.text)
"""
import json
import re

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def read(name):
    with open(name, encoding="utf-8", newline="") as f:
        return f.read()


def write(name, text):
    with open(name, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def prefixed(prefix, text):
    return "".join(prefix + line + "\n" for line in text.split("\n"))


def quoted():
    text = read("curl-si-0230.txt").replace("\r\n", "\n").rstrip("\n")
    write("paste-quoted-0230.txt",
          "On Tue, Dec 1, 2026 at 2:48 PM Ops <ops@example.com> wrote:\n" + prefixed("> ", text).replace("> \n", ">\n"))


def compose():
    text = read("python-sdk-debug-0099.txt").rstrip("\n")
    write("paste-compose-0099.txt", prefixed("api-1  | ", text))


def logprefix():
    text = ANSI.sub("", read("httpie-pretty-0201.txt")).replace("\r\n", "\n").rstrip("\n")
    date = re.search(r"Date: \w+, (\d+) Dec 2026 (\d\d:\d\d:\d\d) GMT", text)
    stamp = "2026-12-%02dT%s.412Z ERROR " % (int(date.group(1)), date.group(2))
    write("paste-logprefix-0201.txt", prefixed(stamp, text))


def terraform_box(case):
    text = ANSI.sub("", read("terraform-apply-%s.txt" % case))
    lines = text.split("\n")
    start = next(i for i, l in enumerate(lines) if l.startswith("╷"))
    end = next(i for i, l in enumerate(lines) if l.startswith("╵"))
    write("paste-terraform-box-%s.txt" % case, "\n".join(lines[start:end + 1]) + "\n")


def terraform_diagnostic():
    text = read("terraform-apply-nocolor-0232.txt")
    return text[text.index("Error: local-exec provisioner error"):].rstrip("\n")


def terraform_plain():
    write("paste-terraform-plain-0232.txt", terraform_diagnostic() + "\n")


def ci_terraform():
    lines = terraform_diagnostic().split("\n")
    write("paste-ci-terraform-0232.txt",
          "".join("2026-12-01T14:00:09.%07dZ %s\n" % (4310000 + 13 * i, l) for i, l in enumerate(lines)))


def har():
    text = read("curl-v-0232.txt")
    req = [l[2:].rstrip("\r") for l in text.split("\n") if l.startswith("> ")]
    resp = [l[2:].rstrip("\r") for l in text.split("\n") if l.startswith("< ")]
    body = text[text.rindex("\n") + 1:]
    method, path, version = req[0].split(" ")
    req_headers = [dict(zip(("name", "value"), h.split(": ", 1))) for h in req[1:] if h]
    host = next(h["value"] for h in req_headers if h["name"] == "Host")
    status_version, status, status_text = resp[0].split(" ", 2)
    resp_headers = [dict(zip(("name", "value"), h.split(": ", 1))) for h in resp[1:] if h]
    date = next(h["value"] for h in resp_headers if h["name"] == "Date")
    m = re.match(r"\w+, (\d+) Dec 2026 (\d\d:\d\d:\d\d) GMT", date)
    started = "2026-12-%02dT%s.118Z" % (int(m.group(1)), m.group(2))
    sent = '{"server":{"name":"bms-1"}}'
    doc = {"log": {
        "version": "1.2",
        "creator": {"name": "imetal-err testdata/clients/capture/paste.py", "version": "1"},
        "pages": [],
        "entries": [{
            "startedDateTime": started,
            "time": 3.2,
            "request": {
                "method": method,
                "url": "http://%s%s" % (host, path),
                "httpVersion": version,
                "cookies": [],
                "headers": req_headers,
                "queryString": [],
                "postData": {"mimeType": "application/json", "text": sent},
                "headersSize": -1,
                "bodySize": len(sent),
            },
            "response": {
                "status": int(status),
                "statusText": status_text,
                "httpVersion": status_version,
                "cookies": [],
                "headers": resp_headers,
                "content": {"size": len(body), "mimeType": "application/json;charset=UTF-8", "text": body},
                "redirectURL": "",
                "headersSize": -1,
                "bodySize": len(body),
            },
            "cache": {},
            "timings": {"blocked": -1, "dns": -1, "connect": 0.4, "send": 0.1, "wait": 2.5, "receive": 0.2, "ssl": -1},
        }],
    }}
    write("browser-0232.har", json.dumps(doc, indent=2) + "\n")


quoted()
compose()
logprefix()
terraform_box("0308")
terraform_box("0230")
terraform_plain()
ci_terraform()
har()
