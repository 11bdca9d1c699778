/**
 * @file The format of a Doku API key, in one place: `doku:apiKey`'s schema (keys.ts), DokuObservability's
 * `apiKey` and the DokuApiKey provider's `check` (ingester/apiKeyProvider.ts). No imports: the provider's
 * closure is serialized with it.
 */

/** What a Doku API key looks like: doku-ingester.md, "keys look like `dk` followed by 40 hex digits". */
export const DOKU_API_KEY_SHAPE = "dk followed by 40 lower-case hex digits, as the ingester issues them";

/** Whether a value is a Doku API key as the ingester issues them (the client checks the ones it gets the same way). */
export function isDokuApiKey(value: unknown): value is string {
    return typeof value === "string" && /^dk[0-9a-f]{40}$/.test(value);
}
