import type * as pulumi from "@pulumi/pulumi";
import type { DokuApiKeyInputs, DokuApiKeyState } from "./apiKeyTypes";
import { DokuApiError, DokuClient } from "./client";
import { DEFAULT_READINESS_TIMEOUT_SECONDS } from "./connectionRules";
import { GONE_REFUSED_WINDOW_MS, unlessNothingListens } from "./gone";

/**
 * create, update, read and delete of DokuApiKey (./apiKeyProvider.ts documents them), loaded by the
 * serialized provider when it runs (./operations.ts). `remove` is delete (a reserved word); `warn`
 * is pulumi.log.warn, passed in by the provider.
 */
type Warn = (message: string) => Promise<void>;

/** What the ingester says of a key (GET /api/keys with that key): its own name's key (200), 404, or 401. */
async function probe(c: DokuClient, name: string): Promise<{ status: 200 | 404 | 401; key?: string }> {
    try {
        const key = await c.getApiKey(name);
        return key === undefined ? { status: 404 } : { status: 200, key };
    } catch (e) {
        if (e instanceof DokuApiError && e.status === 401) return { status: 401 };
        throw e;
    }
}

/** Fails unless `key` authenticates at the ingester (one GET /api/keys). */
async function verifyExistingKey(p: DokuApiKeyInputs, key: string): Promise<void> {
    const c = new DokuClient({ baseUrl: p.ingesterUrl, apiKey: key, redact: [p.adminApiKey ?? ""] });
    if ((await probe(c, p.name)).status === 401) {
        throw new DokuApiError(
            `existingKey (doku:apiKey) does not authenticate at ${c.baseUrl} ` +
                "(GET /api/keys: HTTP 401): it is not a key of this ingester. " +
                "Set one of its keys with `pulumi config set --secret doku:apiKey <key>`.",
            "GET",
            "/api/keys",
            401,
            undefined,
            false,
        );
    }
}

/** POST /api/keys, with the 409 and 401 of the bootstrap rule explained. */
async function createKey(p: DokuApiKeyInputs, c: DokuClient): Promise<string> {
    try {
        return await c.createApiKey(p.name, p.adminApiKey ?? "");
    } catch (e) {
        if (e instanceof DokuApiError && e.status === 409) {
            e.message =
                `A Doku API key named "${p.name}" already exists on ${c.baseUrl}. ` +
                "Set that key with `pulumi config set --secret doku:apiKey <key>` " +
                "(or choose another doku:apiKeyName).";
        } else if (e instanceof DokuApiError && e.status === 401 && p.adminApiKey === undefined) {
            e.message =
                `The ingester at ${c.baseUrl} already has API keys, so it no longer creates one without ` +
                "authorization. Set an existing key with `pulumi config set --secret doku:apiKey <key>`.";
        }
        throw e;
    }
}

function clientOf(p: DokuApiKeyInputs, authorization: string | undefined, refusedWindowMs?: number): DokuClient {
    return new DokuClient({
        baseUrl: p.ingesterUrl,
        apiKey: authorization,
        refusedWindowMs,
        redact: [p.adminApiKey ?? "", p.existingKey ?? ""],
    });
}

/** update when the URL changed and no key is to be adopted: keep the key if it works there, else bootstrap. */
async function moveKey(o: DokuApiKeyState, n: DokuApiKeyInputs, warn: Warn): Promise<DokuApiKeyState> {
    const created = o.created !== false;
    const c = clientOf(n, o.key);
    await c.waitUntilReady(DEFAULT_READINESS_TIMEOUT_SECONDS * 1000);
    if ((await probe(c, n.name)).status !== 401) return { ...n, key: o.key, created };
    const fix =
        "Set a key of that ingester with `pulumi config set --secret doku:apiKey <key>` " + "(the stack adopts it).";
    if (!created) {
        throw new DokuApiError(
            `The adopted Doku API key does not authenticate at ${c.baseUrl} (HTTP 401). ${fix}`,
            "GET",
            "/api/keys",
            401,
            undefined,
            false,
        );
    }
    try {
        const key = await createKey(n, clientOf(n, n.adminApiKey));
        await warn(
            `The Doku API key "${n.name}" does not authenticate at ${c.baseUrl}, ` +
                "which had no key of that name: a new key was created there. " +
                "Point the Doku SDKs at it (the stack output dokuApiKey).",
        );
        return { ...n, key, created: true };
    } catch (e) {
        if (e instanceof DokuApiError && (e.status === 401 || e.status === 409)) {
            const why =
                e.status === 409
                    ? `has another key named "${n.name}"`
                    : "already has keys, so it creates none without authorization";
            e.message =
                `The Doku API key "${n.name}" of this stack does not authenticate at ${c.baseUrl}, ` +
                `and that ingester ${why}. ${fix}`;
        }
        throw e;
    }
}

export async function create(inputs: any): Promise<pulumi.dynamic.CreateResult> {
    const p = inputs as DokuApiKeyInputs;
    const c = clientOf(p, p.adminApiKey);
    await c.waitUntilReady(DEFAULT_READINESS_TIMEOUT_SECONDS * 1000);
    if (p.existingKey !== undefined) {
        await verifyExistingKey(p, p.existingKey);
        return { id: p.name, outs: { ...p, key: p.existingKey, created: false } };
    }
    return { id: p.name, outs: { ...p, key: await createKey(p, c), created: true } };
}

export async function update(_id: string, olds: any, news: any, warn: Warn): Promise<pulumi.dynamic.UpdateResult> {
    const o = olds as DokuApiKeyState;
    const n = news as DokuApiKeyInputs;
    const urlChanged = o.ingesterUrl !== n.ingesterUrl;
    if (n.existingKey !== undefined) {
        if (urlChanged) await clientOf(n, undefined).waitUntilReady(DEFAULT_READINESS_TIMEOUT_SECONDS * 1000);
        if (urlChanged || n.existingKey !== o.key) await verifyExistingKey(n, n.existingKey);
        if (o.created !== false && n.existingKey !== o.key) {
            await warn(
                `The Doku API key "${o.name}" this stack created stays on the ingester at ` +
                    `${o.ingesterUrl} now that existingKey is set: delete it there if nothing uses it.`,
            );
        }
        return { outs: { ...n, key: n.existingKey, created: false } };
    }
    if (!urlChanged) return { outs: { ...n, key: o.key, created: o.created !== false } };
    return { outs: await moveKey(o, n, warn) };
}

export async function read(id: string, props: any): Promise<pulumi.dynamic.ReadResult> {
    const p = props as DokuApiKeyState;
    const created = p.created !== false;
    const c = clientOf(p, p.key, GONE_REFUSED_WINDOW_MS);
    // 401: the key no longer authenticates, so it was deleted. 404 with a valid key: a created key's own
    // name is gone (it authenticated with another key's value); an adopted key may carry any name.
    const found = await unlessNothingListens(`The Doku API key "${p.name}"`, async () => {
        const { status, key } = await probe(c, p.name);
        if (status === 401 || (status === 404 && created)) return undefined;
        return created ? key : p.key;
    });
    if (found?.value === undefined) return { id: "", props: {} };
    return { id, props: { ...p, key: found.value, created } };
}

export async function remove(_id: string, props: any): Promise<void> {
    const p = props as DokuApiKeyState;
    if (p.created === false) return;
    const c = clientOf(p, p.key, GONE_REFUSED_WINDOW_MS);
    // With its own key: 401 means it no longer authenticates, so it was deleted (by an earlier attempt or
    // out of band), like a 404.
    await unlessNothingListens(`The Doku API key "${p.name}"`, async () => {
        try {
            await c.deleteApiKey(p.name);
        } catch (e) {
            if (!(e instanceof DokuApiError) || e.status !== 401) throw e;
        }
    });
}
