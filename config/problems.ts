/**
 * One line per invalid value, the same everywhere (config keys and component
 * arguments): `<label>: got <value>[ at <path>]; <what is expected>`.
 * Never call it with a secret's value.
 */
export interface Schema {
    safeParse(value: unknown): { success: true } | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } };
}

export function fieldProblem(label: string, value: unknown, schema: Schema): string | undefined {
    const result = schema.safeParse(value);
    if (result.success) return undefined;
    const issue = result.error.issues[0];
    const at = issue.path.length ? ` at ${issue.path.map(String).join(".")}` : "";
    return `${label}: got ${JSON.stringify(value)}${at}; ${issue.message}`;
}
