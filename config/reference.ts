/**
 * @file The configuration reference, generated from the key table (keys.ts):
 * Pulumi.yaml's `config:` block and the README's key table.
 * `npm run config-reference` prints them; test/docs.test.ts checks both files hold them.
 */
import { CONFIG_KEYS } from "./keys";
import { KeySpec, defaultTextOf } from "./keySpec";
import { concreteDefault, declaration } from "./declared";
import { argumentPaths } from "./load";

/** The key table's entries, `[key name, spec]`, in table order. */
const keyEntries = () => Object.entries(CONFIG_KEYS as Record<string, KeySpec>);

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
    for (const [key, spec] of keyEntries()) {
        const declared = declaration(spec);
        if (declared === undefined) continue;
        lines.push(`  ${key}:`, `    type: ${spec.kind}`);
        if (spec.kind === "array") lines.push("    items:", "      type: string");
        lines.push(`    description: ${JSON.stringify(spec.description)}`);
        if (spec.secret) lines.push("    secret: true");
        const defaultValue = concreteDefault(spec);
        if (declared === "default" && defaultValue !== undefined) {
            lines.push(`    default: ${spec.kind === "string" ? JSON.stringify(defaultValue) : defaultValue}`);
        }
    }
    return lines.join("\n");
}

/** The README's key table, with each key's argument of `DokuObservability` (read off the loader's mapping). */
export function readmeKeyTable(): string {
    const lines = ["| key | argument | type | default | description |", "|---|---|---|---|---|"];
    const paths = argumentPaths() as Record<string, string>;
    for (const [key, spec] of keyEntries()) {
        const text = defaultTextOf(spec);
        const defaultCell = text === undefined ? "—" : concreteDefault(spec) === undefined ? text : `\`${text}\``;
        const description = spec.description.replace(/\|/g, "\\|");
        const type = spec.secret ? "secret" : spec.kind;
        lines.push(`| \`doku:${key}\` | \`${paths[key]}\` | ${type} | ${defaultCell} | ${description} |`);
    }
    return lines.join("\n");
}
