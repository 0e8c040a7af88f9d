#!/usr/bin/python3
"""A webhook receiver for tests: records every request and answers as scripted.

Run with Debian's /usr/bin/python3. Listens on 127.0.0.1 (port 0 = any free port) and writes
the port to --port-file once it listens.

Every request is recorded (method, path, query, lower-case headers, body, and whether its
signature checks out) in memory and, with --log, as one JSON line per request.
Signatures are verified here, independently of rectifyd's code:
  /generic/...   Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature), --generic-secret
  /dingtalk/...  timestamp and sign in the query string, --dingtalk-secret
  /feishu/...    timestamp and sign in the JSON body, --feishu-secret

Control endpoints:
  POST /_control/script   {"path": "/x", "responses": [R, ...]} answers for that path, in order;
                          R = {"status": 500, "body": "...", "headers": {...}} | {"hang": seconds}
                          | {"reset": true}. Afterwards: 200 with a body saying ok.
  GET  /_control/requests all recorded requests as a JSON array
  POST /_control/clear    forget recorded requests and scripts
"""

import argparse
import base64
import hashlib
import hmac
import json
import socket
import struct
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

OK_BODY = b'{"errcode":0,"errmsg":"ok","code":0,"msg":"success"}'


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.requests = []
        self.scripts = {}
        self.log = open(args.log, "a", buffering=1) if args.log else None


def verify(state, path, query, headers, body):
    a = state.args
    if path.startswith("/generic") and a.generic_secret:
        key = base64.b64decode(a.generic_secret.removeprefix("whsec_"))
        msg_id = headers.get("webhook-id", "")
        ts = headers.get("webhook-timestamp", "")
        signed = f"{msg_id}.{ts}.".encode() + body
        expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        given = headers.get("webhook-signature", "").split(" ")
        return f"v1,{expected}" in given and headers.get("idempotency-key") == msg_id
    if path.startswith("/dingtalk") and a.dingtalk_secret:
        q = urllib.parse.parse_qs(query)
        ts = q.get("timestamp", [""])[0]
        sign = q.get("sign", [""])[0]
        to_sign = f"{ts}\n{a.dingtalk_secret}".encode()
        expected = base64.b64encode(
            hmac.new(a.dingtalk_secret.encode(), to_sign, hashlib.sha256).digest()).decode()
        return bool(ts) and hmac.compare_digest(sign, expected)
    if path.startswith("/feishu") and a.feishu_secret:
        try:
            doc = json.loads(body)
        except ValueError:
            return False
        ts = str(doc.get("timestamp", ""))
        key = f"{ts}\n{a.feishu_secret}".encode()
        expected = base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
        return bool(ts) and hmac.compare_digest(str(doc.get("sign", "")), expected)
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet
        pass

    def reply(self, status, body=b"", headers=None):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if not any(k.lower() == "content-type" for k in (headers or {})):
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        st = self.server.state
        if self.path == "/_control/requests":
            with st.lock:
                data = json.dumps(st.requests).encode()
            self.reply(200, data)
        else:
            self.reply(404)

    def do_POST(self):
        st = self.server.state
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length) if length else b""
        parsed = urllib.parse.urlsplit(self.path)
        if parsed.path == "/_control/script":
            doc = json.loads(body)
            with st.lock:
                st.scripts.setdefault(doc["path"], []).extend(doc["responses"])
            self.reply(200, b"{}")
            return
        if parsed.path == "/_control/clear":
            with st.lock:
                st.requests.clear()
                st.scripts.clear()
            self.reply(200, b"{}")
            return
        headers = {k.lower(): v for k, v in self.headers.items()}
        record = {
            "method": "POST",
            "path": parsed.path,
            "query": parsed.query,
            "headers": headers,
            "body": body.decode("utf-8", "replace"),
            "verified": verify(st, parsed.path, parsed.query, headers, body),
            "at": time.time(),
        }
        with st.lock:
            st.requests.append(record)
            if st.log:
                st.log.write(json.dumps(record, ensure_ascii=False) + "\n")
            script = st.scripts.get(parsed.path)
            action = script.pop(0) if script else None
        if action is None:
            self.reply(200, OK_BODY)
        elif "hang" in action:
            time.sleep(float(action["hang"]))
            self.close_connection = True
        elif action.get("reset"):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
        else:
            self.reply(int(action.get("status", 200)), action.get("body", "").encode(),
                       action.get("headers"))


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def handle_error(self, request, client_address):  # resets and hangs are expected
        pass


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--port-file", required=True)
    p.add_argument("--log")
    p.add_argument("--generic-secret")
    p.add_argument("--dingtalk-secret")
    p.add_argument("--feishu-secret")
    args = p.parse_args()
    server = Server(("127.0.0.1", args.port), Handler)
    server.state = State(args)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    import os
    os.rename(tmp, args.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
