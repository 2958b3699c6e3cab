#!/usr/bin/env python3
"""A stand-in OpenID provider for the bench run only: just enough of the authorization-code flow for the app
(in hybrid mode, as in production) to sign one browser member in and set its real, encrypted session cookie.

  fake-oidc.py PORT JWKS_FILE TOKEN_FILE       -- one member (bench/run.sh)
  fake-oidc.py PORT JWKS_FILE TOKEN_DIRECTORY  -- several members (bench/cluster.sh)

/authorize sends the browser straight back with a code, /token answers that code with the token kept in
TOKEN_FILE (signed by bench/env.sh's bench_token), /jwks serves the bench public key, /logout is there because
the app's RP-initiated logout needs an end-session endpoint. Standard library only; bench/run.sh starts it.
With a TOKEN_DIRECTORY, the client names the member by adding login_hint=NAME to the authorization redirect
(a real provider would ask); the code is that name and /token answers it with TOKEN_DIRECTORY/NAME.
"""
import json
import os
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
            hint = query.get("login_hint", "")
            code = hint if hint.replace("-", "").replace("_", "").isalnum() else "bench-code"
            back = {"code": code, "state": query.get("state", "")}
            self.answer(302, location=query["redirect_uri"] + "?" + urlencode(back))
        elif url.path == "/jwks":
            with open(JWKS_FILE, "rb") as f:
                self.answer(200, f.read())
        elif url.path == "/logout":
            self.answer(302, location=query.get("post_logout_redirect_uri", "/"))
        else:
            self.answer(404)

    def do_POST(self):
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()).items()}
        if urlparse(self.path).path != "/token":
            self.answer(404)
            return
        path = TOKEN_FILE
        if os.path.isdir(TOKEN_FILE):
            path = os.path.join(TOKEN_FILE, os.path.basename(form.get("code", "")))
            if not os.path.isfile(path):
                self.answer(400, json.dumps({"error": "invalid_grant"}).encode())
                return
        with open(path) as f:
            token = f.read().strip()
        body = {"id_token": token, "access_token": token, "token_type": "Bearer", "expires_in": 7200}
        self.answer(200, json.dumps(body).encode())

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", PORT), Provider).serve_forever()
