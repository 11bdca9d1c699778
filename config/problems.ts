/**
 * @file One line per invalid value, the same everywhere (config keys and component
 * arguments): `<label>: got <value>[ at <path>]; <what is expected>`.
 * Never call it with a secret's value.
 */

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
 * A value as a message shows it: JSON, numbers that JSON cannot hold
 * (Infinity, NaN) as themselves, URL credentials masked, cut to
 * SHOWN_VALUE_LENGTH characters.
 */
export function showValue(value: unknown): string {
    const text =
        typeof value === "number" && !Number.isFinite(value) ? String(value) : (JSON.stringify(value) ?? String(value));
    const safe = withoutCredentials(text);
    return safe.length > SHOWN_VALUE_LENGTH ? `${safe.slice(0, SHOWN_VALUE_LENGTH)}…` : safe;
}

/**
 * `<label>: got <value>[ at <path>]; <what is expected>` for the schema's first issue with `value`, or
 * undefined when the schema accepts it. Never call it with a secret's value (the value is echoed).
 */
export function fieldProblem(label: string, value: unknown, schema: Schema): string | undefined {
    const result = schema.safeParse(value);
    if (result.success) return undefined;
    const issue = result.error.issues[0];
    const at = issue.path.length ? ` at ${issue.path.map(String).join(".")}` : "";
    return `${label}: got ${showValue(value)}${at}; ${issue.message}`;
}
