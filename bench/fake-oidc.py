#!/usr/bin/env python3
"""A stand-in OpenID provider for the bench run only: just enough of the authorization-code flow for the app
(in hybrid mode, as in production) to sign one browser member in and set its real, encrypted session cookie.

  fake-oidc.py PORT JWKS_FILE TOKEN_FILE

/authorize sends the browser straight back with a code, /token answers that code with the token kept in
TOKEN_FILE (signed by bench/env.sh's bench_token), /jwks serves the bench public key, /logout is there because
the app's RP-initiated logout needs an end-session endpoint. Standard library only; bench/run.sh starts it.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

PORT, JWKS_FILE, TOKEN_FILE = int(sys.argv[1]), sys.argv[2], sys.argv[3]


class Provider(BaseHTTPRequestHandler):
    def answer(self, status, body=b"", content_type="application/json", location=None):
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/authorize":
            back = {"code": "bench-code", "state": query.get("state", "")}
            self.answer(302, location=query["redirect_uri"] + "?" + urlencode(back))
        elif url.path == "/jwks":
            with open(JWKS_FILE, "rb") as f:
                self.answer(200, f.read())
        elif url.path == "/logout":
            self.answer(302, location=query.get("post_logout_redirect_uri", "/"))
        else:
            self.answer(404)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if urlparse(self.path).path != "/token":
            self.answer(404)
            return
        with open(TOKEN_FILE) as f:
            token = f.read().strip()
        body = {"id_token": token, "access_token": token, "token_type": "Bearer", "expires_in": 7200}
        self.answer(200, json.dumps(body).encode())

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", PORT), Provider).serve_forever()
