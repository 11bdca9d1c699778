/** Every difference between two JSON values, as `path: …` lines (objects by key, arrays by index). */
export function jsonDiff(actual: unknown, expected: unknown, path = "$"): string[] {
    const show = (v: unknown) => JSON.stringify(v);
    if (Array.isArray(expected) || Array.isArray(actual)) {
        if (!Array.isArray(expected) || !Array.isArray(actual))
            return [`${path}: expected ${show(expected)}, got ${show(actual)}`];
        const out: string[] = [];
        if (actual.length !== expected.length)
            out.push(`${path}: expected ${expected.length} items, got ${actual.length}`);
        for (let i = 0; i < Math.min(actual.length, expected.length); i++)
            out.push(...jsonDiff(actual[i], expected[i], `${path}[${i}]`));
        return out;
    }
    if (expected !== null && typeof expected === "object") {
        if (actual === null || typeof actual !== "object")
            return [`${path}: expected ${show(expected)}, got ${show(actual)}`];
        const a = actual as Record<string, unknown>;
        const e = expected as Record<string, unknown>;
        const out: string[] = [];
        for (const k of new Set([...Object.keys(e), ...Object.keys(a)])) {
            if (!(k in a)) out.push(`${path}.${k}: missing (expected ${show(e[k])})`);
            else if (!(k in e)) out.push(`${path}.${k}: unexpected ${show(a[k])}`);
            else out.push(...jsonDiff(a[k], e[k], `${path}.${k}`));
        }
        return out;
    }
    return actual === expected ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
}
