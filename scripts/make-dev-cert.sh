#!/usr/bin/env bash
# A self-signed TLS certificate for nginx on a development or test machine (git-ignored, never for production:
# there, put the certificate and key of your real name at the same two paths):
#   deploy/tls/cert.pem   X.509, ECDSA P-256, valid 30 days, for localhost and 127.0.0.1 (plus --host NAME)
#   deploy/tls/key.pem    its private key (0600)
# Usage: scripts/make-dev-cert.sh [--dir DIR] [--host NAME]… [--days N]
# Browsers and curl do not trust it: `curl --cacert deploy/tls/cert.pem https://localhost/health/ready`.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=deploy/tls
days=30
names=("DNS:localhost" "IP:127.0.0.1")
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=${2:?--dir needs a folder}; shift 2 ;;
    --host) names+=("DNS:${2:?--host needs a name}"); shift 2 ;;
    --days) days=${2:?--days needs a number}; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "make-dev-cert: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

command -v openssl >/dev/null || { echo "make-dev-cert: openssl is required (apt-get install -y openssl)" >&2; exit 1; }

umask 077
mkdir -p "$dir"
san=$(IFS=,; echo "${names[*]}")
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days "$days" \
  -subj "/CN=localhost" -addext "subjectAltName=$san" \
  -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
chmod 600 "$dir/key.pem"
chmod 644 "$dir/cert.pem"
echo "wrote $dir/cert.pem and $dir/key.pem (self-signed for ${names[*]}, $days days)"
