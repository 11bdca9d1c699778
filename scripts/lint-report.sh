#!/usr/bin/env bash
# ESLint problems per rule, and per top-level folder: what `npm run lint` would ask a human to fix.
# Usage: scripts/lint-report.sh [paths…] (default: the whole repository). Read-only: never runs --fix.
set -euo pipefail
cd "$(dirname "$0")/.."
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
npx eslint --format json "${@:-.}" > "$report" || true
node - "$report" "$PWD" <<'JS'
const [reportFile, root] = process.argv.slice(2);
const results = JSON.parse(require("node:fs").readFileSync(reportFile, "utf8"));
const countsByRule = new Map();
for (const result of results) {
    const relative = result.filePath.slice(root.length + 1);
    const folder = relative.includes("/") ? `${relative.split("/")[0]}/` : "(root)";
    for (const message of result.messages) {
        const rule = message.ruleId ?? "(parse error)";
        const perFolder = countsByRule.get(rule) ?? new Map();
        perFolder.set(folder, (perFolder.get(folder) ?? 0) + 1);
        countsByRule.set(rule, perFolder);
    }
}
const total = (perFolder) => [...perFolder.values()].reduce((a, b) => a + b, 0);
for (const [rule, perFolder] of [...countsByRule].sort((a, b) => total(b[1]) - total(a[1]))) {
    const folders = [...perFolder].sort((a, b) => b[1] - a[1]).map(([folder, n]) => `${folder} ${n}`);
    console.log(`${String(total(perFolder)).padStart(5)}  ${rule}: ${folders.join(", ")}`);
}
JS
