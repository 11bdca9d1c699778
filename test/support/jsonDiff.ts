/** Every difference between two JSON values, as `path: …` lines (objects by key, arrays by index). */
export function jsonDiff(actual: unknown, expected: unknown, path = "$"): string[] {
    const show = (value: unknown) => JSON.stringify(value);
    if (Array.isArray(expected) || Array.isArray(actual)) {
        if (!Array.isArray(expected) || !Array.isArray(actual))
            return [`${path}: expected ${show(expected)}, got ${show(actual)}`];
        const out: string[] = [];
        if (actual.length !== expected.length)
            out.push(`${path}: expected ${expected.length} items, got ${actual.length}`);
        for (let index = 0; index < Math.min(actual.length, expected.length); index++)
            out.push(...jsonDiff(actual[index], expected[index], `${path}[${index}]`));
        return out;
    }
    if (expected !== null && typeof expected === "object") {
        if (actual === null || typeof actual !== "object")
            return [`${path}: expected ${show(expected)}, got ${show(actual)}`];
        const actualObject = actual as Record<string, unknown>;
        const expectedObject = expected as Record<string, unknown>;
        const out: string[] = [];
        for (const key of new Set([...Object.keys(expectedObject), ...Object.keys(actualObject)])) {
            if (!(key in actualObject)) out.push(`${path}.${key}: missing (expected ${show(expectedObject[key])})`);
            else if (!(key in expectedObject)) out.push(`${path}.${key}: unexpected ${show(actualObject[key])}`);
            else out.push(...jsonDiff(actualObject[key], expectedObject[key], `${path}.${key}`));
        }
        return out;
    }
    return actual === expected ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
}
