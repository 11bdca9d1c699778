/**
 * Prints the configuration reference from the key table (config/keys.ts):
 *   npm run config-reference                 # the README's table
 *   npm run config-reference -- --pulumi-yaml  # Pulumi.yaml's config: block
 * The tests check that README.md and Pulumi.yaml agree with the table.
 */
import { CONFIG_KEYS, KeySpec } from "../config/keys";

const DERIVED = /^(the |derived|bootstrapped|generated|required|\{\})/;
const entries = Object.entries(CONFIG_KEYS as Record<string, KeySpec>);

if (process.argv.includes("--pulumi-yaml")) {
    const lines = ["config:"];
    for (const [key, s] of entries) {
        if (s.kind === "number" || s.kind === "object") continue;
        lines.push(`  ${key}:`, `    type: ${s.kind}`);
        if (s.kind === "array") lines.push("    items:", "      type: string");
        lines.push(`    description: ${JSON.stringify(s.description)}`);
        if (s.secret) lines.push("    secret: true");
        const d = s.defaultText;
        if (d !== undefined && !DERIVED.test(d)) {
            lines.push(`    default: ${s.kind === "string" ? JSON.stringify(d) : d}`);
        }
    }
    console.log(lines.join("\n"));
} else {
    console.log("| key | type | default | description |\n|---|---|---|---|");
    for (const [key, s] of entries) {
        const d = s.defaultText === undefined ? "—" : DERIVED.test(s.defaultText) ? s.defaultText : `\`${s.defaultText}\``;
        console.log(`| \`doku:${key}\` | ${s.secret ? "secret" : s.kind} | ${d} | ${s.description.replace(/\|/g, "\\|")} |`);
    }
}
