/** @file Pulumi.yaml as the CLI reads it: the project's name, runtime options, main and declared config. */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/** The types a Pulumi.yaml config declaration may name. */
export type ConfigTypeName = "string" | "integer" | "boolean" | "array" | "object";

/** One key Pulumi.yaml's `config` declares (a shorthand scalar or list is read as `default`). */
export interface DeclaredKey {
    /** The value's type; undefined: any scalar, not checked. */
    readonly type?: ConfigTypeName;
    /** The element type of an `array`. */
    readonly items?: { readonly type?: ConfigTypeName };
    /** The key's description, for people. */
    readonly description?: string;
    /** True: the stack must store the value encrypted (`secure:`). */
    readonly secret?: boolean;
    /** The value when the stack sets none; without it (or `value`) the key is required. */
    readonly default?: unknown;
    /** A fixed value (Pulumi.yaml `value`), used like a default. */
    readonly value?: unknown;
}

/** What the engine reads of Pulumi.yaml. */
export interface ProjectFile {
    /** The project's name (`name`). */
    readonly name: string;
    /** The program's entry, relative to the project folder (`main`); default: the folder itself. */
    readonly main?: string;
    /** The runtime (`nodejs`) and its options (`typescript`, `tsconfig`, `nodeargs`). */
    readonly runtime: {
        readonly name: string;
        readonly options: { readonly typescript?: boolean; readonly tsconfig?: string; readonly nodeargs?: string };
    };
    /** Keys as written in Pulumi.yaml (`apiKey` or `doku:apiKey`) → declaration. */
    readonly config: Record<string, DeclaredKey>;
}

/** Reads Pulumi.yaml in a project folder. */
export function readProject(projectDir: string): ProjectFile {
    const projectYaml = parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) ?? {};
    const runtime =
        typeof projectYaml.runtime === "string" ? { name: projectYaml.runtime, options: {} } : projectYaml.runtime;
    const config: Record<string, DeclaredKey> = {};
    for (const [key, value] of Object.entries(projectYaml.config ?? {})) {
        // Shorthand (a bare scalar or list) is a default for the project's keys (RewriteShorthandConfigValues).
        const isDeclaration = typeof value === "object" && value !== null && !Array.isArray(value);
        config[key] = isDeclaration ? (value as DeclaredKey) : { default: value };
    }
    return {
        name: projectYaml.name,
        main: projectYaml.main,
        runtime: { name: runtime.name, options: runtime.options ?? {} },
        config,
    };
}
