/**
 * @file One line per invalid value, the same everywhere (config keys and component
 * arguments): `<label>[<element>]: got <value>; <what is expected>`.
 * Never call it with a secret's value.
 */
import * as pulumi from "@pulumi/pulumi";

/** What fieldProblem validates with: any zod schema (only `safeParse` and the first issue are read). */
export interface Schema {
    safeParse(
        value: unknown,
    ):
        | { success: true }
        | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } };
}

/** How many characters of a value a message echoes at most (then "…"). */
export const SHOWN_VALUE_LENGTH = 80;

/**
 * `https://user:password@host…` → `https://***@host…`: a URL's credentials are never echoed
 * (any user-info of an http(s) URL, where a user name is often a token; a password anywhere).
 * A plain user name of another scheme (`ssh://ops@build-box`) is kept.
 */
function withoutCredentials(text: string): string {
    // Bounded scheme, no '@' in the user-info: linear on a long value (no backtracking blow-up).
    return text.replace(/([a-z][a-z0-9+.-]{0,31}):\/\/([^/?#\s"@]*)@/gi, (whole, scheme: string, userInfo: string) =>
        /^https?$/i.test(scheme) || userInfo.includes(":") ? `${scheme}://***@` : whole,
    );
}

/**
 * `https://host/path?token=abc#x` → `https://host/path?***`: a URL's query or fragment may carry a token. Any
 * scheme, and up to the end of the JSON string it sits in (spaces and escaped quotes included), so that no
 * spelling of a bad URL shows its query.
 */
function withoutQueries(text: string): string {
    return text.replace(/([a-z][a-z0-9+.-]{0,31}:\/\/(?:[^?#"\\]|\\.)*?)([?#])(?:[^"\\]|\\.)*/gi, "$1$2***");
}

/** How a message shows an Output: its value is not known while the program runs. */
export const SHOWN_OUTPUT = "an Output";

/**
 * The value with every Output (at most a few levels down) replaced by SHOWN_OUTPUT: JSON.stringify would call
 * an Output's toJSON, which returns a long warning ("Calling [toJSON] on an [Output<T>] is not supported…",
 * @pulumi/pulumi output.js) instead of a value.
 */
function withoutOutputs(value: unknown, depth = 4): unknown {
    if (pulumi.Output.isInstance(value)) return SHOWN_OUTPUT;
    if (typeof value !== "object" || value === null || depth === 0) return value;
    if (Array.isArray(value)) return value.map((item) => withoutOutputs(item, depth - 1));
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutOutputs(item, depth - 1)]));
}

/**
 * A value as a message shows it: JSON, numbers that JSON cannot hold
 * (Infinity, NaN) as themselves, an Output as `an Output`, URL credentials
 * and queries masked, cut to SHOWN_VALUE_LENGTH characters.
 */
export function showValue(value: unknown): string {
    if (pulumi.Output.isInstance(value)) return SHOWN_OUTPUT;
    const text =
        typeof value === "number" && !Number.isFinite(value)
            ? String(value)
            : (JSON.stringify(withoutOutputs(value)) ?? String(value));
    const safe = withoutQueries(withoutCredentials(text));
    return safe.length > SHOWN_VALUE_LENGTH ? `${safe.slice(0, SHOWN_VALUE_LENGTH)}…` : safe;
}

/** An element's label: `label[0]` for a list index, `label.key` for a plain key, `label["a/b"]` for another key. */
export function elementLabel(label: string, path: ReadonlyArray<PropertyKey>): string {
    return path.reduce<string>((text, key) => {
        if (typeof key === "number") return `${text}[${key}]`;
        const name = String(key);
        return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `${text}.${name}` : `${text}[${JSON.stringify(name)}]`;
    }, label);
}

/** The value at `path` inside `value` (undefined when there is none). */
function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
    return path.reduce<unknown>(
        (parent, key) =>
            typeof parent === "object" && parent !== null
                ? (parent as Record<PropertyKey, unknown>)[key as string]
                : undefined,
        value,
    );
}

/** What zod's own wording of a wrong type (`Invalid input: expected string, received number`) expects. */
const EXPECTED_TYPE: Readonly<Record<string, string>> = {
    string: "expected a string",
    number: "expected a number",
    int: "expected an integer",
    boolean: "expected true or false",
    array: "expected a list",
    object: "expected a map",
    record: "expected a map",
};

/** One issue of a schema, as fieldProblem reads it. */
export type Issue = { path: ReadonlyArray<PropertyKey>; message: string; code?: string; expected?: unknown };

/** The issue's message, with zod's default wording ("Invalid input: …") replaced by what is expected. */
export function expectedText(issue: Issue): string {
    if (!issue.message.startsWith("Invalid input")) return issue.message;
    const expected = typeof issue.expected === "string" ? EXPECTED_TYPE[issue.expected] : undefined;
    return expected ?? "expected a valid value";
}

/**
 * `<label>: got <value>; <what is expected>` for the schema's first issue with `value`, or undefined when the
 * schema accepts it. An issue inside a list or map names its element (`doku:notify[0]: got "x"; …`) and shows
 * that element only; a bad map key is shown as the key (`got the key "A"`); an absent value is `missing`.
 * Never call it with a secret's value (the value is echoed).
 */
export function fieldProblem(label: string, value: unknown, schema: Schema): string | undefined {
    if (pulumi.Output.isInstance(value)) return outputProblem(label, schema);
    const result = schema.safeParse(value);
    if (result.success) return undefined;
    const issue: Issue = result.error.issues[0];
    const expected = expectedText(issue);
    if (issue.code === "invalid_key" && issue.path.length > 0) {
        const key = issue.path[issue.path.length - 1];
        return `${elementLabel(label, issue.path.slice(0, -1))}: got the key ${showValue(String(key))}; ${expected}`;
    }
    const element = valueAt(value, issue.path);
    const shown = element === undefined ? "missing" : `got ${showValue(element)}`;
    return `${elementLabel(label, issue.path)}: ${shown}; ${expected}`;
}

/**
 * `<label>: got an Output; expected a plain value[, <what the schema expects>]`: for a field that decides the
 * program's shape, so must be known while it runs. The schema's own "expected …" (its message for a missing
 * value) is added when it has one.
 */
export function outputProblem(label: string, schema: Schema): string {
    const result = schema.safeParse(undefined);
    const message = result.success ? "" : result.error.issues[0].message;
    const expected = message.startsWith("expected ") ? `, ${message.slice("expected ".length)}` : "";
    return `${label}: got ${SHOWN_OUTPUT}; expected a plain value${expected}`;
}

/**
 * `<label>: the secret value is not valid; <what is expected>` (the config loader's wording), or undefined
 * when the schema accepts the value. The value is never shown. An Output or a promise is not judged (its
 * value is not known yet); `undefined` is absent; anything else, `null` included, must pass the schema.
 */
export function secretProblem(label: string, value: unknown, schema: Schema): string | undefined {
    if (value === undefined || pulumi.Output.isInstance(value) || value instanceof Promise) return undefined;
    if (typeof value !== "string") return `${label}: the secret value is not valid; expected a string`;
    const result = schema.safeParse(value);
    return result.success
        ? undefined
        : `${label}: the secret value is not valid; ${expectedText(result.error.issues[0])}`;
}
