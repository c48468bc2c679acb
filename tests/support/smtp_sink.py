#!/usr/bin/python3
"""A throw-away SMTP server for tests: accepts every message and writes it to a folder.

    /usr/bin/python3 tests/support/smtp_sink.py --dir OUT [--port PORT] [--auth USER:PASSWORD]
        [--starttls CERT_DIR --tls-name NAME] [--reject-rcpt ADDRESS]

Listens on 127.0.0.1, on a free port (or PORT) and prints that port, alone on the first line of
standard output, once it accepts connections. Each accepted message becomes OUT/NNNN.eml (the DATA exactly
as received, CRLF line endings, dot-stuffing undone) with OUT/NNNN.json beside it (the envelope:
mail_from, rcpt_tos, auth_user, tls). Both are written under temporary names and renamed, the
.json first, so a reader that sees NNNN.eml sees complete files.

--auth makes AUTH PLAIN/LOGIN required with those credentials (allowed without TLS unless
--starttls is given). --starttls makes a self-signed certificate for NAME (default localhost; for
localhost also for 127.0.0.1) in CERT_DIR (cert.pem, key.pem: a client trusts it by trusting
cert.pem) and requires STARTTLS before MAIL. --reject-rcpt answers 550 to RCPT TO for that address.

Runs until standard input reaches end of file (so it never outlives the test that started it
with a pipe) or it gets SIGTERM or SIGINT; exits 0 then. Uses Debian's python3-aiosmtpd: run it
with /usr/bin/python3.
"""

import argparse
import itertools
import json
import logging
import os
import signal
import ssl
import subprocess
import sys
import threading
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    """The aiosmtpd handler: stores what it accepts."""

    def __init__(self, out_dir, reject_rcpt):
        self.out_dir = out_dir
        self.reject_rcpt = reject_rcpt
        self.counter = itertools.count(1)
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject_rcpt and address.lower() == self.reject_rcpt.lower():
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            number = next(self.counter)
        base = os.path.join(self.out_dir, "%04d" % number)
        login = getattr(session.auth_data, "login", None)
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "auth_user": login.decode("utf-8", "replace") if login is not None else None,
            "tls": session.ssl is not None,
        }
        write_atomically(base + ".json", json.dumps(meta).encode("utf-8"))
        write_atomically(base + ".eml", envelope.original_content)
        return "250 OK: queued as %04d" % number


def write_atomically(path, data):
    temporary = path + ".tmp"
    with open(temporary, "wb") as out:
        out.write(data)
    os.rename(temporary, path)


class EphemeralPortController(Controller):
    """A Controller that may listen on port 0: it checks and reports the port actually chosen."""

    def _trigger_server(self):
        # The base class connects to self.port to make sure the server answers; with port 0 it
        # must learn the real port first.
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


def make_certificate(cert_dir, name):
    os.makedirs(cert_dir, exist_ok=True)
    cert = os.path.join(cert_dir, "cert.pem")
    key = os.path.join(cert_dir, "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "2", "-subj", "/CN=" + name, "-keyout", key, "-out", cert,
         "-addext", "subjectAltName=DNS:" + name + (",IP:127.0.0.1" if name == "localhost" else "")],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return cert, key


def main():
    # Quiet the warnings aiosmtpd gives about what a test sink does on purpose (AUTH without TLS;
    # its own use of the deprecated Session.login_data); errors still reach standard error.
    warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", required=True, help="where received messages are written")
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument("--auth", help="USER:PASSWORD to require")
    parser.add_argument("--starttls", metavar="CERT_DIR", help="require STARTTLS")
    parser.add_argument("--tls-name", default="localhost", help="the certificate's host name")
    parser.add_argument("--reject-rcpt", help="refuse this recipient with 550")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    smtp_options = {"server_hostname": "sink.lumbung.test"}
    if args.starttls:
        cert, key = make_certificate(args.starttls, args.tls_name)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        smtp_options.update(tls_context=context, require_starttls=True)
    if args.auth:
        user, _, password = args.auth.partition(":")
        expected = LoginPassword(user.encode("utf-8"), password.encode("utf-8"))

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data == expected
            # handled=False: aiosmtpd then answers a failure with 535 itself.
            return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

        smtp_options.update(authenticator=authenticator, auth_required=True,
                            auth_require_tls=bool(args.starttls))

    controller = EphemeralPortController(Sink(args.dir, args.reject_rcpt), hostname="127.0.0.1",
                                         port=args.port, **smtp_options)

    def stop_on_signal(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGINT, stop_on_signal)
    controller.start()
    try:
        print(controller.port, flush=True)
        sys.stdin.buffer.read()  # until the parent closes the pipe (or dies)
    except SystemExit:
        pass
    finally:
        controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
