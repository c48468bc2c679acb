#!/usr/bin/env python3
"""Checks Lumbung's verifiable credentials with an independent implementation.

Runs the sample writer (src/credentials/interop/write_samples.cc), which makes keys in a
database, rotates and withdraws some, signs credentials and publishes a status list, then
verifies everything with PyJWT over python3-cryptography, as any employer's verifier would:
the key comes from the JWKS by the token's kid, and the algorithm from that key, never from
the token.

    verify_jwt.py WRITER SOURCE_DIR OUT_DIR

Needs Debian's python3-jwt (PyJWT >= 2.6, for EdDSA) and python3-cryptography.
"""
import base64
import gzip
import json
import os
import subprocess
import sys

try:
    import jwt
    from jwt.exceptions import ExpiredSignatureError, InvalidSignatureError
except ImportError:
    sys.exit("verify_jwt.py: install python3-jwt and python3-cryptography (scripts/bootstrap)")

MIN_LIST_BITS = 131072
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def key_for(token, jwks):
    """The published key named by the token's kid and the algorithm that key is for."""
    kid = jwt.get_unverified_header(token).get("kid")
    for jwk in jwks["keys"]:
        if jwk.get("kid") == kid:
            return jwt.PyJWK(jwk), jwk["alg"]
    return None, None


def verify(token, jwks, verify_exp=True):
    """The payload, or the name of the reason it was refused."""
    key, alg = key_for(token, jwks)
    if key is None:
        return "unknown_kid"
    try:
        return jwt.decode(token, key=key.key, algorithms=[alg],
                          options={"verify_aud": False, "verify_exp": verify_exp})
    except ExpiredSignatureError:
        return "expired"
    except InvalidSignatureError:
        return "bad_signature"
    except jwt.InvalidTokenError as error:
        return "invalid: " + type(error).__name__


def bit(bits, index):
    return (bits[index // 8] >> (7 - index % 8)) & 1


def main():
    writer, source, out = sys.argv[1:4]
    subprocess.run([writer, source, out], check=True)
    with open(os.path.join(out, "jwks.json"), encoding="utf-8") as f:
        jwks = json.load(f)
    with open(os.path.join(out, "samples.json"), encoding="utf-8") as f:
        samples = json.load(f)

    print("PyJWT", jwt.__version__)
    check(all("d" not in k and "p" not in k for k in jwks["keys"]), "JWKS holds public keys only")
    check(all(k.get("use") == "sig" and k.get("kid") for k in jwks["keys"]),
          "every JWK has a kid and use=sig")
    check(sorted(k["kty"] for k in jwks["keys"]) == ["OKP", "RSA", "RSA"],
          "JWKS: active RSA, rotated-out RSA and Ed25519 keys")
    check(samples["withdrawn_kid"] not in [k["kid"] for k in jwks["keys"]],
          "the withdrawn key is not published")

    for name, token in samples["valid"].items():
        result = verify(token, jwks)
        check(result == samples["payload"], f"{name}: verifies, payload intact ({result!r:.60})")
    for name, token in samples["invalid"].items():
        result = verify(token, jwks)
        check(isinstance(result, str), f"{name}: refused ({result})")
    check(verify(samples["invalid"]["rs256_withdrawn"], jwks) == "unknown_kid",
          "withdrawn key's credential: no published key")
    check(jwt.get_unverified_header(samples["valid"]["rs256"])["typ"] == "vc+jwt",
          "header typ as asked")
    check(jwt.get_unverified_header(samples["valid"]["eddsa"])["alg"] == "EdDSA",
          "EdDSA header")
    check(verify(samples["expired"], jwks) == "expired", "expired credential: reported expired")
    check(isinstance(verify(samples["expired"], jwks, verify_exp=False), dict),
          "expired credential: its signature is still genuine")

    status = samples["status_list"]
    check(verify(samples["status_list_jwt"], jwks) == status, "status list credential verifies")
    subject = status["credentialSubject"]
    check(status["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
          and subject["type"] == "BitstringStatusList"
          and subject["statusPurpose"] == "revocation", "status list credential's types")
    encoded = subject["encodedList"]
    check(encoded.startswith("u") and "=" not in encoded, "multibase base64url, no padding")
    raw = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    check(len(raw) * 8 >= MIN_LIST_BITS, f"list has {len(raw) * 8} entries (>= {MIN_LIST_BITS})")
    check(bit(raw, samples["revoked_index"]) == 1, "revoked credential's bit is set")
    check(bit(raw, samples["kept_index"]) == 0, "other credential's bit is clear")
    check(sum(bin(b).count("1") for b in raw) == 1, "exactly one bit set")

    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
