"""An OAuth 1.0a provider built from oauthlib's server endpoints, as an
independent party for the three-legged tests of flow.ts.

Run with /usr/bin/python3 (python3-oauthlib). It listens on 127.0.0.1 on a
free port, prints that port on the first line of standard output, and stops
when standard input closes (so it never outlives the test that started it).

Endpoints (RFC 5849 section 2 and 3):
  POST /initiate   temporary credentials (RequestTokenEndpoint)
  GET  /authorize  the user "ada" approves at once; ?decision=deny refuses
                   (the callback then gets denied=<token>, as X sends it)
  POST /token      token credentials (AccessTokenEndpoint), with user_id and
                   screen_name
  any  /photos     a protected resource (ResourceEndpoint)

A 401 from oauthlib has an empty body; this fixture adds the oauth_problem
(OAuth Problem Reporting) its validator recorded, so the client can say why.
"""

import hmac
import http.server
import json
import sys
import threading
from urllib.parse import parse_qsl, urlencode, urlsplit

from oauthlib.common import add_params_to_uri
from oauthlib.oauth1 import (
    AccessTokenEndpoint,
    AuthorizationEndpoint,
    RequestTokenEndpoint,
    RequestValidator,
    ResourceEndpoint,
)
from oauthlib.oauth1.rfc5849 import errors

# The client of RFC 5849 section 1.2 (the printer).
CLIENTS = {"dpf43f3p2l4k3l03": "kd94hf93k423kf44"}
USER = {"user_id": "1001", "screen_name": "ada"}


class MemoryValidator(RequestValidator):
    """Keeps clients, tokens, verifiers and nonces in memory."""

    enforce_ssl = False  # plain http on loopback
    client_key_length = (8, 64)
    request_token_length = (20, 64)
    access_token_length = (20, 64)
    nonce_length = (8, 64)
    verifier_length = (20, 64)
    realms = ["photos"]
    dummy_client = "dummy_client_key"
    dummy_request_token = "dummy_request_token_00000"
    dummy_access_token = "dummy_access_token_000000"

    def __init__(self):
        super().__init__()
        self.temporary = {}  # token -> {client, secret, callback, realms, verifier, used}
        self.tokens = {}  # token -> {client, secret, realms, user}
        self.nonces = set()
        self.problem = None

    def fail(self, problem):
        # The first reason wins: oauthlib goes on with dummy values after it.
        if self.problem is None:
            self.problem = problem
        return False

    # Section 3.2: clients, tokens, nonces.
    def validate_client_key(self, client_key, request):
        return client_key in CLIENTS or self.fail(
            [("oauth_problem", "consumer_key_unknown")])

    def get_client_secret(self, client_key, request):
        return CLIENTS.get(client_key, "dummy")

    def validate_timestamp_and_nonce(self, client_key, timestamp, nonce,
                                     request, request_token=None,
                                     access_token=None):
        key = (client_key, timestamp, nonce, request_token or access_token)
        if key in self.nonces:
            return self.fail([("oauth_problem", "nonce_used")])
        self.nonces.add(key)
        return True

    def get_default_realms(self, client_key, request):
        return ["photos"]

    def validate_requested_realms(self, client_key, realms, request):
        return True

    def validate_redirect_uri(self, client_key, redirect_uri, request):
        return redirect_uri == "oob" or redirect_uri.startswith(
            ("http://", "https://"))

    # Section 2.1: temporary credentials.
    def save_request_token(self, token, request):
        self.temporary[token["oauth_token"]] = {
            "client": request.client_key,
            "secret": token["oauth_token_secret"],
            "callback": request.redirect_uri,
            "realms": request.realms,
            "verifier": None,
            "used": False,
        }

    # Section 2.2: authorization.
    def verify_request_token(self, token, request):
        entry = self.temporary.get(token)
        return entry is not None and not entry["used"]

    def verify_realms(self, token, realms, request):
        return set(realms) <= set(self.temporary[token]["realms"])

    def get_realms(self, token, request):
        return self.temporary[token]["realms"]

    def get_redirect_uri(self, token, request):
        return self.temporary[token]["callback"]

    def save_verifier(self, token, verifier, request):
        self.temporary[token]["verifier"] = verifier["oauth_verifier"]

    # Section 2.3: token credentials.
    def validate_request_token(self, client_key, token, request):
        entry = self.temporary.get(token)
        if entry is None or entry["client"] != client_key:
            return self.fail([("oauth_problem", "token_rejected")])
        if entry["used"]:
            return self.fail([("oauth_problem", "token_used")])
        return True

    def get_request_token_secret(self, client_key, token, request):
        entry = self.temporary.get(token)
        return entry["secret"] if entry else "dummy"

    def validate_verifier(self, client_key, token, verifier, request):
        entry = self.temporary.get(token)
        if (entry is None or entry["verifier"] is None or
                not hmac.compare_digest(entry["verifier"], verifier)):
            return self.fail([("oauth_problem", "parameter_rejected"),
                              ("oauth_parameters_rejected", "oauth_verifier")])
        return True

    def invalidate_request_token(self, client_key, token, request):
        self.temporary[token]["used"] = True

    def save_access_token(self, token, request):
        self.tokens[token["oauth_token"]] = {
            "client": request.client_key,
            "secret": token["oauth_token_secret"],
            "realms": request.realms,
            "user": USER["screen_name"],
        }

    # Section 3: protected resources.
    def validate_access_token(self, client_key, token, request):
        entry = self.tokens.get(token)
        return (entry is not None and entry["client"] == client_key) or \
            self.fail([("oauth_problem", "token_rejected")])

    def get_access_token_secret(self, client_key, token, request):
        entry = self.tokens.get(token)
        return entry["secret"] if entry else "dummy"

    def validate_realms(self, client_key, token, request, uri=None,
                        realms=None):
        return True


validator = MemoryValidator()
request_token = RequestTokenEndpoint(validator)
authorization = AuthorizationEndpoint(validator)
access_token = AccessTokenEndpoint(validator)
resource = ResourceEndpoint(validator)


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, format, *args):
        pass  # quiet: the test reads only the port from standard output

    def do_GET(self):
        self.handle_any()

    def do_POST(self):
        self.handle_any()

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8")
        uri = "http://%s%s" % (self.headers["Host"], self.path)
        headers = dict(self.headers.items())
        path = urlsplit(self.path).path
        validator.problem = None
        if path == "/initiate":
            answer = request_token.create_request_token_response(
                uri, self.command, body, headers)
        elif path == "/authorize":
            answer = self.authorize(uri)
        elif path == "/token":
            answer = access_token.create_access_token_response(
                uri, self.command, body, headers, credentials=USER)
        elif path == "/photos":
            valid, request = resource.validate_protected_resource_request(
                uri, self.command, body, headers, realms=["photos"])
            if valid:
                owner = validator.tokens[request.resource_owner_key]["user"]
                params = dict(request.params)
                answer = ({"Content-Type": "application/json"}, json.dumps({
                    "owner": owner,
                    "file": params.get("file"),
                    "size": params.get("size"),
                }), 200)
            else:
                answer = ({}, None, 401)
        else:
            answer = ({}, "not found", 404)
        self.send(*answer)

    def authorize(self, uri):
        query = dict(parse_qsl(urlsplit(uri).query))
        token = query.get("oauth_token", "")
        if query.get("decision") == "deny" and validator.verify_request_token(
                token, None):
            callback = validator.temporary[token]["callback"]
            validator.temporary[token]["used"] = True
            return {"Location": add_params_to_uri(
                callback, [("denied", token)])}, None, 302
        try:
            return authorization.create_authorization_response(uri)
        except errors.OAuth1Error as error:
            return ({"Content-Type": "application/x-www-form-urlencoded"},
                    error.urlencoded, error.status_code)

    def send(self, headers, body, status):
        if status == 401 and not body and validator.problem:
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
            body = urlencode(validator.problem)
        elif status == 401 and not body:
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
            body = urlencode([("oauth_problem", "signature_invalid")])
        data = (body or "").encode("utf-8")
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def main():
    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)

    def stop_when_stdin_closes():
        sys.stdin.read()
        server.shutdown()

    threading.Thread(target=stop_when_stdin_closes, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
