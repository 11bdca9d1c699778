/**
 * The configuration reference, generated from the key table (keys.ts):
 * Pulumi.yaml's `config:` block and the README's key table.
 * `npm run config-reference` prints them; test/docs.test.ts checks both files hold them.
 */
import { CONFIG_KEYS } from "./keys";
import { KeySpec, defaultTextOf } from "./keySpec";
import { concreteDefault, declaration } from "./declared";

const entries = () => Object.entries(CONFIG_KEYS as Record<string, KeySpec>);

/** Pulumi.yaml's `config:` block, with its comment: keys with a concrete default, and keys every stack must set. */
export function pulumiYamlConfigBlock(): string {
    const lines = [
        "# Declared here: the doku: keys every stack must set (no default: the Pulumi CLI refuses a stack",
        "# without them) and the keys with a concrete default (the CLI copies it into every stack).",
        "# Optional keys without a default are not declared (a declared key without a default is required);",
        "# the README's configuration reference lists every key.",
        "# Regenerate with `npm run config-reference -- --pulumi-yaml`.",
        "config:",
    ];
    for (const [key, s] of entries()) {
        const declared = declaration(s);
        if (declared === undefined) continue;
        lines.push(`  ${key}:`, `    type: ${s.kind}`);
        if (s.kind === "array") lines.push("    items:", "      type: string");
        lines.push(`    description: ${JSON.stringify(s.description)}`);
        if (s.secret) lines.push("    secret: true");
        const d = concreteDefault(s);
        if (declared === "default" && d !== undefined) {
            lines.push(`    default: ${s.kind === "string" ? JSON.stringify(d) : d}`);
        }
    }
    return lines.join("\n");
}

/** The README's key table. */
export function readmeKeyTable(): string {
    const lines = ["| key | type | default | description |", "|---|---|---|---|"];
    for (const [key, s] of entries()) {
        const text = defaultTextOf(s);
        const d = text === undefined ? "—" : concreteDefault(s) === undefined ? text : `\`${text}\``;
        const description = s.description.replace(/\|/g, "\\|");
        lines.push(`| \`doku:${key}\` | ${s.secret ? "secret" : s.kind} | ${d} | ${description} |`);
    }
    return lines.join("\n");
}
