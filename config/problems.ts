/**
 * @file One line per invalid value, the same everywhere (config keys and component
 * arguments): `<label>: got <value>[ at <path>]; <what is expected>`.
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
 * masked, cut to SHOWN_VALUE_LENGTH characters.
 */
export function showValue(value: unknown): string {
    if (pulumi.Output.isInstance(value)) return SHOWN_OUTPUT;
    const text =
        typeof value === "number" && !Number.isFinite(value)
            ? String(value)
            : (JSON.stringify(withoutOutputs(value)) ?? String(value));
    const safe = withoutCredentials(text);
    return safe.length > SHOWN_VALUE_LENGTH ? `${safe.slice(0, SHOWN_VALUE_LENGTH)}…` : safe;
}

/**
 * `<label>: got <value>[ at <path>]; <what is expected>` for the schema's first issue with `value`, or
 * undefined when the schema accepts it. Never call it with a secret's value (the value is echoed).
 */
export function fieldProblem(label: string, value: unknown, schema: Schema): string | undefined {
    if (pulumi.Output.isInstance(value)) return outputProblem(label, schema);
    const result = schema.safeParse(value);
    if (result.success) return undefined;
    const issue = result.error.issues[0];
    const at = issue.path.length ? ` at ${issue.path.map(String).join(".")}` : "";
    return `${label}: got ${showValue(value)}${at}; ${issue.message}`;
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
    return result.success ? undefined : `${label}: the secret value is not valid; ${result.error.issues[0].message}`;
}
