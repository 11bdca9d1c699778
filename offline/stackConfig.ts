/**
 * @file Stack files (`Pulumi.<stack>.yaml`) read as the Pulumi CLI hands them to the program: each value as the
 * text the CLI makes of it (offline/cliScalars.ts: typed by yaml.v3 first, so `2024.10` arrives as `2024.1`),
 * lists and maps as Go's JSON, `secure:` values as placeholders kept secret.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import {
    DocumentOptions,
    SchemaOptions,
    YAMLParseError,
    isMap as isYamlMap,
    isScalar,
    parse,
    parseDocument,
} from "yaml";
import { UnrepresentableValue, cliText } from "./cliScalars";

/** Stack configuration as the Pulumi runtime holds it: `ns:key` → string, and which keys are secret. */
export interface StackConfig {
    /** `ns:key` → the value the program reads: a scalar's text as the CLI makes it, a list or map as JSON. */
    readonly config: Record<string, string>;
    /** The keys of `config` that are secret. */
    readonly secretKeys: string[];
    /**
     * Warnings for plain scalars the CLI hands over as another text than written (`2024.10` → `2024.1`), each
     * naming the key and never the value.
     */
    readonly retyped?: string[];
}

/** A stack file that cannot be read as one: its message names the file and what is wrong (never a value). */
export class StackFileError extends Error {
    constructor(
        readonly file: string,
        readonly problem: string,
    ) {
        super(`${file}: ${problem}`);
        this.name = "StackFileError";
    }
}

/** The placeholder synth uses for a `secure:` value (never a real secret). */
export function secretPlaceholder(key: string): string {
    // A Doku API key is checked for its shape (dk + 40 hex digits) by the DokuApiKey provider's
    // check, which runs in a preview: its placeholder has that shape, and is no real key.
    if (key === "doku:apiKey") return `dk${createHash("sha1").update(`synth-placeholder-for-${key}`).digest("hex")}`;
    return `synth-placeholder-for-${key.replace(/[^A-Za-z0-9]/g, "-")}`;
}

/** A value the stack file stores encrypted: `{ secure: <ciphertext> }`. */
function isSecure(value: unknown): value is { secure: string } {
    return (
        typeof value === "object" &&
        value !== null &&
        !Array.isArray(value) &&
        Object.keys(value).length === 1 &&
        "secure" in value
    );
}

/** A YAML map (not a list, not null). */
function isMap(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What a YAML value is, for a message: "a list", "a map", "a string (a scalar)", … */
function kindOf(value: unknown): string {
    if (Array.isArray(value)) return "a list";
    if (value === null) return "nothing";
    return isMap(value) ? "a map" : `a ${typeof value} (a scalar)`;
}

// The top-level keys of a stack file besides config (pulumi/pulumi sdk/go/common/workspace/project.go,
// ProjectStack: secretsprovider, encryptedkey, encryptionsalt, config, environment).
const STACK_FILE_KEYS = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"];

/**
 * The parsed document. A YAML error becomes its first line, with line and column,
 * not the excerpt that follows (it may hold a value).
 */
function parseYaml(file: string, text: string, schema: SchemaOptions["schema"]): unknown {
    // logLevel "error": YAML warnings (an unknown tag) quote the line, which may hold a value in clear.
    const options: DocumentOptions & SchemaOptions = { schema, logLevel: "error" };
    try {
        return parse(text, options);
    } catch (error) {
        if (!(error instanceof YAMLParseError)) throw error;
        const first = error.message.split("\n")[0].replace(/:$/, "");
        const line = error.linePos?.[0].line;
        const source = line === undefined ? "" : (text.split("\n")[line - 1] ?? "");
        const key = /^\s*(?:-\s*)?(.+?):(\s|$)/.exec(source)?.[1];
        const duplicate = error.code === "DUPLICATE_KEY" && key !== undefined ? ` (${key} is set twice)` : "";
        throw new StackFileError(file, `not valid YAML: ${first}${duplicate}`);
    }
}

/** The `config:` map of a stack file, or a StackFileError saying why there is none. */
function configEntries(file: string, doc: unknown): Record<string, unknown> {
    if (doc === null || doc === undefined) return {};
    if (!isMap(doc)) {
        throw new StackFileError(file, `expected a map with a config: key at the top level; got ${kindOf(doc)}`);
    }
    const misplaced = Object.keys(doc).find((key) => key.includes(":"));
    if (misplaced !== undefined) {
        throw new StackFileError(file, `found ${misplaced} at the top level; expected the keys indented under config:`);
    }
    const unknown = Object.keys(doc).find((key) => !STACK_FILE_KEYS.includes(key));
    if (unknown !== undefined) {
        const others = STACK_FILE_KEYS.slice(1).join(", ");
        const problem = `unexpected top-level key ${JSON.stringify(unknown)}`;
        throw new StackFileError(file, `${problem}; expected config: (and optionally ${others})`);
    }
    const entries = doc.config ?? {};
    if (!isMap(entries)) {
        throw new StackFileError(file, `expected config: to be a map of key: value; got ${kindOf(entries)}`);
    }
    return entries;
}

/**
 * Reads a stack file (`Pulumi.<stack>.yaml` form): keys without a namespace belong to the project; each value is
 * the text the CLI hands the program (cliText); `secure:` values become placeholders and stay secret.
 * Throws StackFileError when the file is not a stack file.
 */
export function readStackConfig(file: string, project = "doku"): StackConfig {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        throw new StackFileError(file, `cannot read it (${reason})`);
    }
    const typed = configEntries(file, parseYaml(file, text, "core"));
    // The same document as nodes, every scalar its text and style (plain or quoted), typed as the CLI types it;
    // paired with the typed map by key (a JS object lists integer-like keys first, so never by position).
    const doc = parseDocument(text, { schema: "failsafe", logLevel: "error" });
    const nodes = doc.get("config", true);
    const pairs = isYamlMap(nodes) ? nodes.items : [];
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const retyped: string[] = [];
    for (const pair of pairs) {
        const rawKey = String(isScalar(pair.key) ? pair.key.value : pair.key);
        const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
        if (isSecure(typed[rawKey])) {
            config[key] = secretPlaceholder(key);
            secretKeys.push(key);
            continue;
        }
        const node = pair.value;
        try {
            config[key] = cliText(node as Parameters<typeof cliText>[0], doc);
        } catch (error) {
            if (!(error instanceof UnrepresentableValue)) throw error;
            throw new StackFileError(file, `${key}: the Pulumi CLI cannot read this value (${error.message})`);
        }
        if (isScalar(node) && node.type === "PLAIN" && String(node.value ?? "") !== config[key]) {
            retyped.push(
                `${key}: the Pulumi CLI reads this plain value as a YAML number, boolean, null or date and hands ` +
                    "the program another text than written; quote it to keep the text as written",
            );
        }
    }
    return { config, secretKeys, retyped };
}
