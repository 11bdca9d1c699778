/** Pulumi.yaml as the CLI reads it: the project's name, runtime options, main and declared config. */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

export type ConfigTypeName = "string" | "integer" | "boolean" | "array" | "object";

export interface DeclaredKey {
    readonly type?: ConfigTypeName;
    readonly items?: { readonly type?: ConfigTypeName };
    readonly description?: string;
    readonly secret?: boolean;
    readonly default?: unknown;
    readonly value?: unknown;
}

export interface ProjectFile {
    readonly name: string;
    readonly main?: string;
    readonly runtime: {
        readonly name: string;
        readonly options: { readonly typescript?: boolean; readonly tsconfig?: string; readonly nodeargs?: string };
    };
    /** Keys as written in Pulumi.yaml (`apiKey` or `doku:apiKey`) → declaration. */
    readonly config: Record<string, DeclaredKey>;
}

export function readProject(projectDir: string): ProjectFile {
    const doc = parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) ?? {};
    const runtime = typeof doc.runtime === "string" ? { name: doc.runtime, options: {} } : doc.runtime;
    const config: Record<string, DeclaredKey> = {};
    for (const [key, value] of Object.entries(doc.config ?? {})) {
        // Shorthand (a bare scalar or list) is a default for the project's keys (RewriteShorthandConfigValues).
        const isDeclaration = typeof value === "object" && value !== null && !Array.isArray(value);
        config[key] = isDeclaration ? (value as DeclaredKey) : { default: value };
    }
    return { name: doc.name, main: doc.main, runtime: { name: runtime.name, options: runtime.options ?? {} }, config };
}
