import * as fs from "node:fs";
import { parse } from "yaml";

/** Stack configuration as the Pulumi runtime holds it: `ns:key` → string, and which keys are secret. */
export interface StackConfig {
    readonly config: Record<string, string>;
    readonly secretKeys: string[];
}

/** The placeholder synth uses for a `secure:` value (never a real secret). */
export function secretPlaceholder(key: string): string {
    return `synth-placeholder-for-${key.replace(/[^A-Za-z0-9]/g, "-")}`;
}

function isSecure(v: unknown): v is { secure: string } {
    return typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && "secure" in v;
}

/**
 * Reads a stack file (`Pulumi.<stack>.yaml` form): keys without a namespace
 * belong to the project; `secure:` values become placeholders and stay
 * secret; lists and maps are stored as JSON, as Pulumi stores them.
 */
export function readStackConfig(file: string, project = "doku"): StackConfig {
    const doc = parse(fs.readFileSync(file, "utf8")) ?? {};
    const entries = doc.config ?? {};
    if (typeof entries !== "object" || Array.isArray(entries)) {
        throw new Error(`${file}: expected a config: map`);
    }
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [rawKey, value] of Object.entries(entries)) {
        const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
        if (isSecure(value)) {
            config[key] = secretPlaceholder(key);
            secretKeys.push(key);
        } else if (typeof value === "object" && value !== null) {
            config[key] = JSON.stringify(value);
        } else {
            config[key] = String(value);
        }
    }
    return { config, secretKeys };
}
