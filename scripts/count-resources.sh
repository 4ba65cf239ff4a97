#!/usr/bin/env bash
# Prints the resources of a synthesized template by type (CI runs it after make synth).
set -euo pipefail
template=${1:-infra/cdk.out/Jetway.template.json}
[ -f "$template" ] || { echo "no template at $template; run make synth" >&2; exit 1; }
node -e '
const t = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const counts = {};
for (const r of Object.values(t.Resources)) counts[r.Type] = (counts[r.Type] || 0) + 1;
const types = Object.keys(counts).sort();
for (const type of types) console.log(String(counts[type]).padStart(4) + "  " + type);
console.log(String(Object.values(counts).reduce((a, b) => a + b, 0)).padStart(4) + "  resources in " + process.argv[1]);
if (!counts["AWS::Lambda::Function"] || !counts["AWS::ApiGatewayV2::Route"] || !counts["AWS::DynamoDB::Table"]) {
  console.error("the template lacks the gateway function, the /mcp route or the table"); process.exit(1);
}' "$template"
