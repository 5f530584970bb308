"""The oauthlib oracle of tests/differential_test.ts.

Reads {"rsaKey": PEM, "cases": [...]} as JSON on stdin and writes one result
object per case as JSON on stdout, a view equal to an earlier one written as
that view's name ("wire": "given"). Only oauthlib's public signature functions
compute the values (oauthlib.oauth1.rfc5849.signature); this file only feeds
them. Each case is computed in four views:

- "given": the request as the caller wrote it (raw URL, body), the protocol
  parameters built here from the case's inputs, as oauthlib.Client does;
- "wire": the same, but with the URL as WHATWG URL / fetch sends it;
- "server": the request exactly as signRequest() sent it (its URL, its
  Authorization header, its body), as an oauthlib server reads it;
- "serverOnce" and "givenOnce"/"wireOnce": the same with oauthlib's second
  decoding of "oauth_*" values left out (it unquotes every "oauth_*" value
  that came from the query or the body once more, after form decoding).

Each view also lists in "refused" the parts oauthlib's urldecode() refuses
(characters outside its set, or a "%" not followed by two hex digits): a
refused query raises, a refused body is silently left out (extract_params).

Run with /usr/bin/python3 (Debian's python3-oauthlib, and python3-jwt with
python3-cryptography for the RSA methods).
"""

import base64
import hashlib
import json
import sys
import types
from urllib.parse import urlparse

import jwt.algorithms

from oauthlib.common import extract_params, urldecode
from oauthlib.oauth1.rfc5849 import signature, utils

FORM = "application/x-www-form-urlencoded"

SIGNERS = {
    "HMAC-SHA1": signature.sign_hmac_sha1_with_client,
    "HMAC-SHA256": signature.sign_hmac_sha256_with_client,
    "HMAC-SHA512": signature.sign_hmac_sha512_with_client,
    "RSA-SHA1": signature.sign_rsa_sha1_with_client,
    "RSA-SHA256": signature.sign_rsa_sha256_with_client,
    "PLAINTEXT": signature.sign_plaintext_with_client,
}


def is_form(content_type):
    return (content_type or "").split(";")[0].strip().lower() == FORM


def protocol_parameters(oauth, body):
    """The protocol parameters, built from the case's inputs alone."""
    params = [("oauth_consumer_key", oauth["consumerKey"])]
    if oauth.get("token") is not None:
        params.append(("oauth_token", oauth["token"]))
    params += [
        ("oauth_signature_method", oauth["signatureMethod"]),
        ("oauth_timestamp", str(oauth["timestamp"])),
        ("oauth_nonce", oauth["nonce"]),
    ]
    if oauth["version"]:
        params.append(("oauth_version", "1.0"))
    if oauth.get("callback") is not None:
        params.append(("oauth_callback", oauth["callback"]))
    if oauth.get("verifier") is not None:
        params.append(("oauth_verifier", oauth["verifier"]))
    if oauth.get("bodyHash") is not None:
        # draft-eaton-oauth-bodyhash-00 §3.1: base64 of the plain digest.
        digest = hashlib.new(oauth["bodyHash"].replace("-", "").lower(),
                             (body or "").encode("utf-8")).digest()
        params.append(("oauth_body_hash", base64.b64encode(digest).decode()))
    return params


def collect_once(query, body, authorization):
    """collect_parameters() without the second unquoting of oauth_* values."""
    params = list(urldecode(query)) if query else []
    if authorization is not None:
        # parse_keqv_list() leaves the values percent-encoded: decode once.
        params += [(k, utils.unescape(v)) for k, v in
                   utils.parse_authorization_header(authorization)
                   if k != "realm"]
    params += extract_params(body or "") or []
    return [p for p in params if p[0] != "oauth_signature"]


def view(request, oauth, rsa_key, client, once):
    result = {}
    try:
        result["bsu"] = signature.base_string_uri(request["url"],
                                                  request.get("host"))
        query = urlparse(request["url"]).query
        body = request.get("body") if is_form(request.get("contentType")) \
            else None
        authorization = None if client else request.get("authorization")
        result["refused"] = [name for name, part in
                             (("query", query), ("body", body))
                             if part and extract_params(part) is None]
        if once:
            params = collect_once(query, body, authorization)
        else:
            headers = {} if authorization is None else {
                "Authorization": authorization}
            params = signature.collect_parameters(
                uri_query=query, body=body, headers=headers)
        if client:
            params += protocol_parameters(oauth, request.get("body"))
        result["norm"] = signature.normalize_parameters(params)
        result["bs"] = signature.signature_base_string(
            request["method"], result["bsu"], result["norm"])
        secrets = types.SimpleNamespace(
            client_secret=oauth["consumerSecret"],
            resource_owner_secret=oauth.get("tokenSecret") or "",
            rsa_key=rsa_key)
        result["sig"] = SIGNERS[oauth["signatureMethod"]](result["bs"],
                                                         secrets)
    except Exception as error:  # a refusal is a result too
        result["error"] = "{}: {}".format(type(error).__name__, error)[:300]
    return result


def main():
    batch = json.load(sys.stdin)
    # Parsed once: PyJWT's prepare_key() passes a parsed key through, and
    # parsing the PEM for every signature would cost 35 ms each.
    rsa_key = \
        jwt.algorithms.RSAAlgorithm(jwt.algorithms.hashes.SHA1).prepare_key(
            batch["rsaKey"])
    out = []
    for case in batch["cases"]:
        oauth = case["oauth"]
        views = {
            "given": view(case["given"], oauth, rsa_key, True, False),
            "givenOnce": view(case["given"], oauth, rsa_key, True, True),
            "wire": view(case["wire"], oauth, rsa_key, True, False),
            "wireOnce": view(case["wire"], oauth, rsa_key, True, True),
            "server": view(case["sent"], oauth, rsa_key, False, False),
            "serverOnce": view(case["sent"], oauth, rsa_key, False, True),
        }
        # A view equal to an earlier one is written as that view's name,
        # which keeps the recorded answers (tests/testdata/oracle/) small.
        result = {"id": case["id"]}
        for name, value in views.items():
            result[name] = next((earlier for earlier in result
                                 if views.get(earlier) == value), value)
        out.append(result)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
