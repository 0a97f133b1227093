#!/usr/bin/env bash
# Generates the test CA and the server certificate used by the local AWS endpoint
# (tools/local-aws). The outputs are committed so tests never need openssl;
# rerun this only to rotate them. Clients trust the CA through
# NODE_EXTRA_CA_CERTS=tools/local-aws/certs/ca.pem, so nothing ever disables verification.
#
# Usage: tools/local-aws/certs/generate.sh
set -euo pipefail

cd "$(dirname "$0")"

# About 100 years, so the committed files never expire under a test run.
readonly VALID_DAYS=36500
work_dir="$(mktemp -d)"
trap 'rm -rf "$work_dir"' EXIT

# The CA key is thrown away: nothing should ever be able to sign another certificate with it.
openssl req -x509 -new -nodes \
  -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
  -keyout "$work_dir/ca-key.pem" \
  -out ca.pem \
  -days "$VALID_DAYS" \
  -subj '/O=aws-client-cache tests/CN=aws-client-cache local test CA' \
  -addext 'basicConstraints=critical,CA:TRUE,pathlen:0' \
  -addext 'keyUsage=critical,keyCertSign,cRLSign' \
  -addext 'subjectKeyIdentifier=hash'

openssl req -new -nodes \
  -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
  -keyout server-key.pem \
  -out "$work_dir/server.csr" \
  -subj '/O=aws-client-cache tests/CN=localhost'

cat >"$work_dir/server.ext" <<'EXT'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EXT

openssl x509 -req \
  -in "$work_dir/server.csr" \
  -CA ca.pem \
  -CAkey "$work_dir/ca-key.pem" \
  -CAcreateserial -CAserial "$work_dir/ca.srl" \
  -out server.pem \
  -days "$VALID_DAYS" \
  -extfile "$work_dir/server.ext"

chmod 644 ca.pem server.pem server-key.pem
openssl verify -CAfile ca.pem server.pem
