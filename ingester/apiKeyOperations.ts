/**
 * @file create, update, read and delete of DokuApiKey (./apiKeyProvider.ts documents them), loaded by the
 * serialized provider when it runs (./operations.ts). `remove` is delete (a reserved word); `warn`
 * is pulumi.log.warn, passed in by the provider.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { DokuApiKeyInputs, DokuApiKeyState } from "./apiKeyTypes";
import { DokuApiError, DokuClient } from "./client";
import { DEFAULT_READINESS_TIMEOUT_SECONDS } from "./connectionRules";
import { GONE_REFUSED_WINDOW_MS, unlessNothingListens } from "./gone";

/** Shows the user a warning (the provider passes pulumi.log.warn). */
type Warn = (message: string) => Promise<void>;

/** What the ingester says of a key (GET /api/keys with that key): its own name's key (200), 404, or 401. */
async function probe(client: DokuClient, name: string): Promise<{ status: 200 | 404 | 401; key?: string }> {
    try {
        const key = await client.getApiKey(name);
        return key === undefined ? { status: 404 } : { status: 200, key };
    } catch (error) {
        if (error instanceof DokuApiError && error.status === 401) return { status: 401 };
        throw error;
    }
}

/** Fails unless `key` authenticates at the ingester (one GET /api/keys). */
async function verifyExistingKey(inputs: DokuApiKeyInputs, key: string): Promise<void> {
    const client = new DokuClient({ baseUrl: inputs.ingesterUrl, apiKey: key, redact: [inputs.adminApiKey ?? ""] });
    if ((await probe(client, inputs.name)).status === 401) {
        throw new DokuApiError(
            `existingKey (doku:apiKey) does not authenticate at ${client.baseUrl} ` +
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
async function createKey(inputs: DokuApiKeyInputs, client: DokuClient): Promise<string> {
    try {
        return await client.createApiKey(inputs.name, inputs.adminApiKey ?? "");
    } catch (error) {
        if (error instanceof DokuApiError && error.status === 409) {
            error.message =
                `A Doku API key named "${inputs.name}" already exists on ${client.baseUrl}. ` +
                "Set that key with `pulumi config set --secret doku:apiKey <key>` " +
                "(or choose another doku:apiKeyName).";
        } else if (error instanceof DokuApiError && error.status === 401 && inputs.adminApiKey === undefined) {
            error.message =
                `The ingester at ${client.baseUrl} already has API keys, so it no longer creates one without ` +
                "authorization. Set an existing key with `pulumi config set --secret doku:apiKey <key>`.";
        }
        throw error;
    }
}

/** A client of the resource's ingester sending `authorization`, which never shows the admin or adopted key. */
function clientOf(inputs: DokuApiKeyInputs, authorization: string | undefined, refusedWindowMs?: number): DokuClient {
    return new DokuClient({
        baseUrl: inputs.ingesterUrl,
        apiKey: authorization,
        refusedWindowMs,
        redact: [inputs.adminApiKey ?? "", inputs.existingKey ?? ""],
    });
}

/** update when the URL changed and no key is to be adopted: keep the key if it works there, else bootstrap. */
async function moveKey(stored: DokuApiKeyState, wanted: DokuApiKeyInputs, warn: Warn): Promise<DokuApiKeyState> {
    const created = stored.created !== false;
    const client = clientOf(wanted, stored.key);
    await client.waitUntilReady(DEFAULT_READINESS_TIMEOUT_SECONDS * 1000);
    if ((await probe(client, wanted.name)).status !== 401) return { ...wanted, key: stored.key, created };
    const fix = "Set a key of that ingester with `pulumi config set --secret doku:apiKey <key>` (the stack adopts it).";
    if (!created) {
        throw new DokuApiError(
            `The adopted Doku API key does not authenticate at ${client.baseUrl} (HTTP 401). ${fix}`,
            "GET",
            "/api/keys",
            401,
            undefined,
            false,
        );
    }
    try {
        const key = await createKey(wanted, clientOf(wanted, wanted.adminApiKey));
        await warn(
            `The Doku API key "${wanted.name}" does not authenticate at ${client.baseUrl}, ` +
                "which had no key of that name: a new key was created there. " +
                "Point the Doku SDKs at it (the stack output dokuApiKey).",
        );
        return { ...wanted, key, created: true };
    } catch (error) {
        if (error instanceof DokuApiError && (error.status === 401 || error.status === 409)) {
            const why =
                error.status === 409
                    ? `has another key named "${wanted.name}"`
                    : "already has keys, so it creates none without authorization";
            error.message =
                `The Doku API key "${wanted.name}" of this stack does not authenticate at ${client.baseUrl}, ` +
                `and that ingester ${why}. ${fix}`;
        }
        throw error;
    }
}

/** Adopts and verifies `existingKey`, else creates the key (bootstrap rule or `adminApiKey`); id = the name. */
export async function create(inputs: DokuApiKeyInputs): Promise<pulumi.dynamic.CreateResult> {
    const client = clientOf(inputs, inputs.adminApiKey);
    await client.waitUntilReady(DEFAULT_READINESS_TIMEOUT_SECONDS * 1000);
    if (inputs.existingKey !== undefined) {
        await verifyExistingKey(inputs, inputs.existingKey);
        return { id: inputs.name, outs: { ...inputs, key: inputs.existingKey, created: false } };
    }
    return { id: inputs.name, outs: { ...inputs, key: await createKey(inputs, client), created: true } };
}

/** Adopts a new `existingKey`, or keeps (or, at a new URL, moves) the stored key; never deletes one. */
export async function update(
    _id: string,
    stored: DokuApiKeyState,
    wanted: DokuApiKeyInputs,
    warn: Warn,
): Promise<pulumi.dynamic.UpdateResult> {
    const urlChanged = stored.ingesterUrl !== wanted.ingesterUrl;
    if (wanted.existingKey !== undefined) {
        if (urlChanged) {
            await clientOf(wanted, undefined).waitUntilReady(DEFAULT_READINESS_TIMEOUT_SECONDS * 1000);
        }
        if (urlChanged || wanted.existingKey !== stored.key) await verifyExistingKey(wanted, wanted.existingKey);
        if (stored.created !== false && wanted.existingKey !== stored.key) {
            await warn(
                `The Doku API key "${stored.name}" this stack created stays on the ingester at ` +
                    `${stored.ingesterUrl} now that existingKey is set: delete it there if nothing uses it.`,
            );
        }
        return { outs: { ...wanted, key: wanted.existingKey, created: false } };
    }
    if (!urlChanged) return { outs: { ...wanted, key: stored.key, created: stored.created !== false } };
    return { outs: await moveKey(stored, wanted, warn) };
}

/** The stored state while the key still authenticates; `id: ""` (gone) once it does not or nothing listens. */
export async function read(id: string, state: DokuApiKeyState): Promise<pulumi.dynamic.ReadResult> {
    const created = state.created !== false;
    const client = clientOf(state, state.key, GONE_REFUSED_WINDOW_MS);
    // 401: the key no longer authenticates, so it was deleted. 404 with a valid key: a created key's own
    // name is gone (it authenticated with another key's value); an adopted key may carry any name.
    const found = await unlessNothingListens(`The Doku API key "${state.name}"`, async () => {
        const { status, key } = await probe(client, state.name);
        if (status === 401 || (status === 404 && created)) return undefined;
        return created ? key : state.key;
    });
    if (found?.value === undefined) return { id: "", props: {} };
    return { id, props: { ...state, key: found.value, created } };
}

/** Deletes a key this resource created (already gone is fine); an adopted key is left on the ingester. */
export async function remove(_id: string, state: DokuApiKeyState): Promise<void> {
    if (state.created === false) return;
    const client = clientOf(state, state.key, GONE_REFUSED_WINDOW_MS);
    // With its own key: 401 means it no longer authenticates, so it was deleted (by an earlier attempt or
    // out of band), like a 404.
    await unlessNothingListens(`The Doku API key "${state.name}"`, async () => {
        try {
            await client.deleteApiKey(state.name);
        } catch (error) {
            if (!(error instanceof DokuApiError) || error.status !== 401) throw error;
        }
    });
}
