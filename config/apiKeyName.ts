/**
 * @file The rule for the name of a Doku API key the program bootstraps: one home for `doku:apiKeyName`'s
 * schema (keys.ts) and the DokuApiKey provider's `check` (ingester/apiKeyProvider.ts). No imports: the
 * provider's closure is serialized with it.
 */

/** What is wrong with a Doku API key name (what is expected), or undefined when it is fine. */
export function apiKeyNameProblem(name: string): string | undefined {
    if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(name)) {
        return "expected a lower-case key name such as pulumi (the ingester lower-cases names)";
    }
    // doku-ingester.md: "Names are lower-cased. `doku-client-internal` is reserved: 400 on any method."
    if (name === "doku-client-internal") {
        return "expected a name other than doku-client-internal (reserved by the ingester)";
    }
    return undefined;
}
