#!/usr/bin/python3
"""A real SMTP server on 127.0.0.1 for tests and benchmarks, and a checker that reads what it
received with Python's own MIME parser.

  smtp_sink.py serve --port-file F --log L.jsonl [--auth USER:PASSWORD]
                     [--tls-cert CERT.pem --tls-key KEY.pem [--implicit-tls]]
                     [--auth-mechanisms LOGIN,PLAIN]
      Listens on a free port (written to F and printed on stdout). Every connection and every
      message is a JSON line in L: {"event": "connect", "conn": n} and {"event": "message",
      "conn": n, "mail_from", "rcpt_tos", "auth", "auth_mechanism", "auth_tls", "tls",
      "data_b64"} ("tls", "auth_tls": the TLS version in use for the message and at AUTH, or
      null). With --auth, AUTH is offered and required before MAIL; without TLS it is offered
      in the clear (loopback only). --auth-mechanisms limits the mechanisms offered.
      With --tls-cert/--tls-key, STARTTLS is offered and required before anything else, and
      AUTH is offered only after it; with --implicit-tls as well, TLS starts on connect
      (smtps://) instead.
      Recipients whose local part starts with "reject" get 550, with "later" 451.
      With --fast (benchmarks), a minimal asyncio SMTP responder replaces aiosmtpd: the same
      log and port file, no AUTH, no scripted refusals, several times the throughput, so a
      benchmark measures the client rather than the server.

  smtp_sink.py inspect L.jsonl
      Prints {"connections": n, "messages": [...]}: each message parsed by the email package
      (headers decoded, parts, the calendar part unfolded), as JSON for the C++ test.

Run with /usr/bin/python3 (Debian's python3-aiosmtpd imports only there).
"""

import argparse
import asyncio
import base64
import email
import email.policy
import hashlib
import json
import sys


def serve_fast(args):
    log = open(args.log, "a", encoding="utf-8")
    state = {"connections": 0}

    def write(obj):
        log.write(json.dumps(obj) + "\n")
        log.flush()

    class Session(asyncio.Protocol):
        def connection_made(self, transport):
            state["connections"] += 1
            self.conn = state["connections"]
            self.transport = transport
            self.buf = b""
            self.in_data = False
            self.mail_from = None
            self.rcpt = []
            write({"event": "connect", "conn": self.conn})
            transport.write(b"220 sink.test ESMTP\r\n")

        def data_received(self, data):
            self.buf += data
            out = []
            while True:
                if self.in_data:
                    # The body ends with CRLF "." CRLF; an empty body is just "." CRLF.
                    if self.buf.startswith(b".\r\n"):
                        body, self.buf = b"", self.buf[3:]
                    else:
                        end = self.buf.find(b"\r\n.\r\n")
                        if end < 0:
                            break
                        body, self.buf = self.buf[:end + 2], self.buf[end + 5:]
                    if body.startswith(b".."):
                        body = body[1:]
                    body = body.replace(b"\r\n..", b"\r\n.")
                    self.in_data = False
                    write({"event": "message", "conn": self.conn, "mail_from": self.mail_from,
                           "rcpt_tos": self.rcpt, "auth": None,
                           "data_b64": base64.b64encode(body).decode("ascii")})
                    self.rcpt = []
                    out.append(b"250 2.0.0 Message accepted\r\n")
                    continue
                i = self.buf.find(b"\r\n")
                if i < 0:
                    break
                line, self.buf = self.buf[:i].decode("utf-8", "replace"), self.buf[i + 2:]
                verb = line[:4].upper()
                if verb == "EHLO":
                    out.append(b"250-sink.test\r\n250-PIPELINING\r\n250-8BITMIME\r\n"
                               b"250 SIZE 52428800\r\n")
                elif verb == "HELO":
                    out.append(b"250 sink.test\r\n")
                elif verb == "MAIL":
                    self.mail_from = line.split(":", 1)[1].strip().split(" ")[0].strip("<>")
                    self.rcpt = []
                    out.append(b"250 OK\r\n")
                elif verb == "RCPT":
                    self.rcpt.append(line.split(":", 1)[1].strip().split(" ")[0].strip("<>"))
                    out.append(b"250 OK\r\n")
                elif verb == "DATA":
                    self.in_data = True
                    out.append(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                elif verb in ("RSET", "NOOP"):
                    out.append(b"250 OK\r\n")
                elif verb == "QUIT":
                    out.append(b"221 Bye\r\n")
                    self.transport.write(b"".join(out))
                    self.transport.close()
                    return
                else:
                    out.append(b"500 Command not recognized\r\n")
            if out:
                self.transport.write(b"".join(out))

    async def main():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(Session, "127.0.0.1", 0, backlog=512)
        announce(args, server.sockets[0].getsockname()[1])
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def announce(args, port):
    import os
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(port))
    os.replace(args.port_file + ".tmp", args.port_file)
    print(port, flush=True)


def serve(args):
    if args.fast:
        return serve_fast(args)
    import logging
    import warnings

    # AUTH without TLS is what this loopback test server is for; do not warn about it.
    warnings.simplefilter("ignore")
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)
    from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

    log = open(args.log, "a", encoding="utf-8")
    state = {"connections": 0}

    def write(obj):
        log.write(json.dumps(obj, ensure_ascii=False) + "\n")
        log.flush()

    def tls_version(server):
        transport = server.transport
        ssl_object = transport.get_extra_info("ssl_object") if transport is not None else None
        return ssl_object.version() if ssl_object is not None else None

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            local = address.split("@")[0].lower()
            if local.startswith("reject"):
                return "550 5.1.1 No such user here"
            if local.startswith("later"):
                return "451 4.3.0 Mailbox busy, try again later"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            auth = None
            if session.auth_data is not None and isinstance(session.auth_data, LoginPassword):
                auth = session.auth_data.login.decode("utf-8", "replace")
            write({
                "event": "message",
                "conn": server.conn_no,
                "mail_from": envelope.mail_from,
                "rcpt_tos": list(envelope.rcpt_tos),
                "auth": auth,
                "auth_mechanism": getattr(server, "auth_mechanism", None),
                "auth_tls": getattr(server, "auth_tls", None),
                "tls": tls_version(server),
                "data_b64": base64.b64encode(envelope.original_content).decode("ascii"),
            })
            return "250 2.0.0 Message accepted"

    credentials = None
    if args.auth:
        user, _, password = args.auth.partition(":")
        credentials = (user.encode(), password.encode())

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and credentials is not None
              and (auth_data.login, auth_data.password) == credentials)
        if ok:
            server.auth_mechanism = mechanism
            server.auth_tls = tls_version(server)
        # handled=False: aiosmtpd then answers 535 itself.
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    class CountingSMTP(SMTP):
        def connection_made(self, transport):
            state["connections"] += 1
            self.conn_no = state["connections"]
            write({"event": "connect", "conn": self.conn_no})
            super().connection_made(transport)

    handler = Handler()

    tls_context = None
    if args.tls_cert:
        import ssl
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args.tls_cert, args.tls_key)
        # A client that refuses our certificate is a scripted case, not an error to print.
        logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    starttls = tls_context is not None and not args.implicit_tls

    def factory():
        kwargs = dict(hostname="sink.test", data_size_limit=50 * 1024 * 1024)
        if starttls:
            kwargs.update(tls_context=tls_context, require_starttls=True)
        if credentials is not None:
            # With STARTTLS, AUTH is offered only once the channel is encrypted. Without TLS,
            # or with implicit TLS (aiosmtpd does not count it), it is offered at once.
            kwargs.update(authenticator=authenticator, auth_required=True,
                          auth_require_tls=starttls)
            if args.auth_mechanisms:
                offered = set(args.auth_mechanisms.upper().split(","))
                kwargs.update(auth_exclude_mechanism=[m for m in ("LOGIN", "PLAIN")
                                                      if m not in offered])
        return CountingSMTP(handler, **kwargs)

    async def main():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(factory, "127.0.0.1", 0, backlog=512,
                                          ssl=tls_context if args.implicit_tls else None)
        announce(args, server.sockets[0].getsockname()[1])
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def unfold(text):
    return text.replace("\r\n ", "").replace("\r\n\t", "")


def ical_unescape(value):
    out, i = [], 0
    while i < len(value):
        c = value[i]
        if c == "\\" and i + 1 < len(value):
            n = value[i + 1]
            out.append("\n" if n in "nN" else n)
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def parse_calendar(raw_bytes):
    text = raw_bytes.decode("utf-8")
    physical = text.split("\r\n")
    if physical and physical[-1] == "":
        physical.pop()
    lines = [l for l in unfold(text).split("\r\n") if l]
    props = {}
    in_event = False
    for line in lines:
        if line == "BEGIN:VEVENT":
            in_event = True
        elif line == "END:VEVENT":
            in_event = False
        elif in_event:
            name_params, _, value = line.partition(":")
            name = name_params.split(";")[0]
            props.setdefault(name, []).append({"params": name_params, "value": value})
    return {
        "lines": lines,
        "max_octets": max((len(l.encode("utf-8")) for l in physical), default=0),
        "crlf_only": "\n" not in text.replace("\r\n", ""),
        "summary": ical_unescape(props["SUMMARY"][0]["value"]) if "SUMMARY" in props else None,
        "description": (ical_unescape(props["DESCRIPTION"][0]["value"])
                        if "DESCRIPTION" in props else None),
        "event": props,
    }


def inspect_message(raw):
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    head = raw.split(b"\r\n\r\n", 1)[0]
    head_lines = head.split(b"\r\n")

    def addresses(name):
        return list(msg[name].addresses) if msg[name] is not None else []

    from_ = addresses("From")
    out = {
        "subject": str(msg["Subject"]),
        "from_name": from_[0].display_name if from_ else None,
        "from_addr": from_[0].addr_spec if from_ else None,
        "to": [[a.display_name, a.addr_spec] for a in addresses("To")],
        "message_id": str(msg["Message-ID"]),
        "date": str(msg["Date"]),
        "date_valid": msg["Date"] is not None and msg["Date"].datetime is not None,
        "mime_version": str(msg["MIME-Version"]),
        "content_type": msg.get_content_type(),
        "auto_submitted": str(msg.get("Auto-Submitted", "")),
        "defects": [type(d).__name__ for d in msg.defects],
        "max_header_line": max(len(l) for l in head_lines),
        "raw_headers": head.decode("ascii", "replace"),
        "bare_lf": b"\n" in raw.replace(b"\r\n", b""),
        "parts": [],
        "calendar": None,
    }
    for part in msg.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        info = {
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "method": part.get_param("method"),
            "encoding": str(part.get("Content-Transfer-Encoding", "")),
            "defects": [type(d).__name__ for d in part.defects],
        }
        if part.get_content_disposition() == "attachment":
            info["filename"] = part.get_filename()
            info["size"] = len(payload)
            info["sha256"] = hashlib.sha256(payload).hexdigest()
        else:
            info["text"] = payload.decode(part.get_content_charset() or "utf-8")
        out["parts"].append(info)
        if part.get_content_type() == "text/calendar":
            out["calendar"] = parse_calendar(payload)
    return out


def inspect(args):
    connections, messages = 0, []
    with open(args.log, encoding="utf-8") as f:
        for line in f:
            ev = json.loads(line)
            if ev["event"] == "connect":
                connections += 1
                continue
            raw = base64.b64decode(ev["data_b64"])
            m = inspect_message(raw)
            m.update(conn=ev["conn"], mail_from=ev["mail_from"], rcpt_tos=ev["rcpt_tos"],
                     auth=ev["auth"], auth_mechanism=ev.get("auth_mechanism"),
                     auth_tls=ev.get("auth_tls"), tls=ev.get("tls"))
            messages.append(m)
    json.dump({"connections": connections, "messages": messages}, sys.stdout, ensure_ascii=False)


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--port-file", required=True)
    s.add_argument("--log", required=True)
    s.add_argument("--auth")
    s.add_argument("--tls-cert")
    s.add_argument("--tls-key")
    s.add_argument("--implicit-tls", action="store_true")
    s.add_argument("--auth-mechanisms")
    s.add_argument("--fast", action="store_true")
    i = sub.add_parser("inspect")
    i.add_argument("log")
    args = p.parse_args()
    serve(args) if args.cmd == "serve" else inspect(args)


if __name__ == "__main__":
    main()
