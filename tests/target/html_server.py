#!/usr/bin/env python3
"""Answers every request with 200 text/html, like a login page or a proxy's error page would, and echoes the
request body at the start of the page (a misconfigured proxy does that; the tests check no secret leaks through it).
Prints "html_server listening on 127.0.0.1:PORT" once it accepts connections. Used by tests/target."""
import http.server
import sys


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        page = ((b"Received " + body + b" " if body else b"") +
                b"<!DOCTYPE html><html><head><title>Sign in</title></head><body>"
                b"<p>Please sign in to continue.</p></body></html>")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    do_GET = answer
    do_POST = answer
    do_PATCH = answer

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print("html_server listening on 127.0.0.1:%d" % server.server_address[1], flush=True)
try:
    server.serve_forever()
except KeyboardInterrupt:
    sys.exit(0)
