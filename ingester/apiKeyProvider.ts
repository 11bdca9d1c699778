import * as pulumi from "@pulumi/pulumi";
import { DokuApiError, DokuClient } from "./client";
import { UNKNOWN } from "./connectionRules";
import { DEFAULT_READINESS_TIMEOUT_SECONDS } from "./connectionProvider";
import { GONE_REFUSED_WINDOW_MS, unlessNothingListens } from "./gone";
import { urlProblem } from "./urls";

/**
 * DokuApiKey: a Doku API key on an ingester, created through `POST /api/keys`
 * or adopted (`existingKey`). State keeps `created`: whether this resource
 * made the key (states written before it existed count as created).
 *
 * - check, diff: no HTTP call; Pulumi's unknown value is accepted in any field.
 * - diff: a changed or unknown `ingesterUrl` is an UPDATE, never a
 *   replacement: when the ingester container is replaced its URL is unknown
 *   during preview, and the keys live in ClickHouse, not in the container.
 *   A changed `adminApiKey` or `existingKey` is an update too. A changed (or
 *   unknown) `name` replaces, and so does removing `existingKey` (the
 *   resource must then create a key of its own). Replacement deletes before
 *   it creates: with the bootstrap rule the ingester creates a key without
 *   authorization only once no other key exists, so the old key must go first.
 * - create: waits for the ingester. With `existingKey`: one authenticated
 *   `GET /api/keys` (401 = an error naming the fix), output `key` = that key,
 *   `created` false. Otherwise one POST (bootstrap rule, or `adminApiKey`).
 * - update with a new URL: the stored key still authenticates there → kept,
 *   no write. It does not, the key was created here, and the new ingester
 *   creates one (no key yet, or `adminApiKey`) → a new key, with a warning.
 *   Otherwise an error naming the fix. The old ingester is not touched.
 * - update to `existingKey`: equal to the stored key → marked adopted, no
 *   write; another key → verified (one GET) and adopted; a key this resource
 *   created before stays on the ingester (a warning says so).
 * - read: GET with the key itself; 401 (and 404 for a created key) = gone.
 * - delete: a created key is deleted with itself (401/404 = already gone);
 *   an adopted key is never deleted: never delete what the program did not create.
 * - read, delete: nothing listening at the URL (./gone.ts) = gone, with a warning.
 */
export interface DokuApiKeyInputs {
    readonly ingesterUrl: string;
    readonly name: string;
    /** A key allowed to create keys; absent = the bootstrap rule (no key exists yet). */
    readonly adminApiKey?: string;
    /** A key to adopt instead of creating one; never deleted. */
    readonly existingKey?: string;
}

/** Outputs: the inputs, the key and whether this resource created it. */
export interface DokuApiKeyState extends DokuApiKeyInputs {
    readonly key: string;
    readonly created?: boolean;
}

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
        throw new DokuApiError(`existingKey (doku:apiKey) does not authenticate at ${c.baseUrl} ` +
            "(GET /api/keys: HTTP 401): it is not a key of this ingester. " +
            "Set one of its keys with `pulumi config set --secret doku:apiKey <key>`.",
            "GET", "/api/keys", 401, undefined, false);
    }
}

/** POST /api/keys, with the 409 and 401 of the bootstrap rule explained. */
async function createKey(p: DokuApiKeyInputs, c: DokuClient): Promise<string> {
    try {
        return await c.createApiKey(p.name, p.adminApiKey ?? "");
    } catch (e) {
        if (e instanceof DokuApiError && e.status === 409) {
            e.message = `A Doku API key named "${p.name}" already exists on ${c.baseUrl}. ` +
                "Set that key with `pulumi config set --secret doku:apiKey <key>` (or choose another doku:apiKeyName).";
        } else if (e instanceof DokuApiError && e.status === 401 && p.adminApiKey === undefined) {
            e.message = `The ingester at ${c.baseUrl} already has API keys, so it no longer creates one without ` +
                "authorization. Set an existing key with `pulumi config set --secret doku:apiKey <key>`.";
        }
        throw e;
    }
}

function clientOf(p: DokuApiKeyInputs, authorization: string | undefined, refusedWindowMs?: number): DokuClient {
    return new DokuClient({
        baseUrl: p.ingesterUrl, apiKey: authorization, refusedWindowMs,
        redact: [p.adminApiKey ?? "", p.existingKey ?? ""],
    });
}

/** update when the URL changed and no key is to be adopted: keep the key if it works there, else bootstrap. */
async function moveKey(o: DokuApiKeyState, n: DokuApiKeyInputs): Promise<DokuApiKeyState> {
    const created = o.created !== false;
    const c = clientOf(n, o.key);
    await c.waitUntilReady(DEFAULT_READINESS_TIMEOUT_SECONDS * 1000);
    if ((await probe(c, n.name)).status !== 401) return { ...n, key: o.key, created };
    const fix = "Set a key of that ingester with `pulumi config set --secret doku:apiKey <key>` (the stack adopts it).";
    if (!created) {
        throw new DokuApiError(`The adopted Doku API key does not authenticate at ${c.baseUrl} (HTTP 401). ${fix}`,
            "GET", "/api/keys", 401, undefined, false);
    }
    try {
        const key = await createKey(n, clientOf(n, n.adminApiKey));
        await pulumi.log.warn(`The Doku API key "${n.name}" does not authenticate at ${c.baseUrl}, ` +
            "which had no key of that name: a new key was created there. " +
            "Point the Doku SDKs at it (the stack output dokuApiKey).");
        return { ...n, key, created: true };
    } catch (e) {
        if (e instanceof DokuApiError && (e.status === 401 || e.status === 409)) {
            const why = e.status === 409
                ? `has another key named "${n.name}"`
                : "already has keys, so it creates none without authorization";
            e.message = `The Doku API key "${n.name}" of this stack does not authenticate at ${c.baseUrl}, ` +
                `and that ingester ${why}. ${fix}`;
        }
        throw e;
    }
}

export const dokuApiKeyProvider: pulumi.dynamic.ResourceProvider = {
    async check(_olds: any, news: any): Promise<pulumi.dynamic.CheckResult> {
        const failures: pulumi.dynamic.CheckFailure[] = [];
        const url = news.ingesterUrl;
        const urlReason = url === UNKNOWN
            ? undefined
            : urlProblem(url, "the ingester authenticates with the Doku API key");
        if (urlReason !== undefined) failures.push({ property: "ingesterUrl", reason: urlReason });
        const name = news.name;
        if (typeof name !== "string" || (name !== UNKNOWN && !/^[a-z0-9][a-z0-9_-]{0,63}$/.test(name))) {
            failures.push({ property: "name", reason: `got ${JSON.stringify(name)}; expected a lower-case key name ` +
                "such as pulumi (the ingester lower-cases names)" });
        } else if (name === "doku-client-internal") {
            failures.push({
                property: "name",
                reason: 'got "doku-client-internal"; that name is reserved by the ingester, choose another',
            });
        }
        const existing = news.existingKey;
        const isKey = typeof existing === "string" && /^dk[0-9a-f]{40}$/.test(existing);
        if (existing !== undefined && existing !== UNKNOWN && !isKey) {
            failures.push({ property: "existingKey", reason: "got a secret value that is not a Doku API key; " +
                "expected dk followed by 40 lower-case hex digits, as the ingester issues them" });
        }
        return { inputs: news, failures };
    },

    async diff(_id: string, olds: any, news: any): Promise<pulumi.dynamic.DiffResult> {
        const replaces: string[] = [];
        if (olds.name !== news.name) replaces.push("name");
        if (olds.existingKey !== undefined && news.existingKey === undefined) replaces.push("existingKey");
        const updated = ["ingesterUrl", "adminApiKey", "existingKey"]
            .filter((f) => (olds[f] ?? undefined) !== (news[f] ?? undefined));
        return { changes: replaces.length > 0 || updated.length > 0, replaces, deleteBeforeReplace: true };
    },

    async create(inputs: any): Promise<pulumi.dynamic.CreateResult> {
        const p = inputs as DokuApiKeyInputs;
        const c = clientOf(p, p.adminApiKey);
        await c.waitUntilReady(DEFAULT_READINESS_TIMEOUT_SECONDS * 1000);
        if (p.existingKey !== undefined) {
            await verifyExistingKey(p, p.existingKey);
            return { id: p.name, outs: { ...p, key: p.existingKey, created: false } };
        }
        return { id: p.name, outs: { ...p, key: await createKey(p, c), created: true } };
    },

    async update(_id: string, olds: any, news: any): Promise<pulumi.dynamic.UpdateResult> {
        const o = olds as DokuApiKeyState;
        const n = news as DokuApiKeyInputs;
        const urlChanged = o.ingesterUrl !== n.ingesterUrl;
        if (n.existingKey !== undefined) {
            if (urlChanged) await clientOf(n, undefined).waitUntilReady(DEFAULT_READINESS_TIMEOUT_SECONDS * 1000);
            if (urlChanged || n.existingKey !== o.key) await verifyExistingKey(n, n.existingKey);
            if (o.created !== false && n.existingKey !== o.key) {
                await pulumi.log.warn(`The Doku API key "${o.name}" this stack created stays on the ingester at ` +
                    `${o.ingesterUrl} now that existingKey is set: delete it there if nothing uses it.`);
            }
            return { outs: { ...n, key: n.existingKey, created: false } };
        }
        if (!urlChanged) return { outs: { ...n, key: o.key, created: o.created !== false } };
        return { outs: await moveKey(o, n) };
    },

    async read(id: string, props: any): Promise<pulumi.dynamic.ReadResult> {
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
    },

    async delete(_id: string, props: any): Promise<void> {
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
    },
};

export interface DokuApiKeyArgs {
    readonly ingesterUrl: pulumi.Input<string>;
    /** Key name (lower-case). */
    readonly name: pulumi.Input<string>;
    /** A key allowed to create keys. Default: none, the bootstrap rule. */
    readonly adminApiKey?: pulumi.Input<string>;
    /** A key to adopt instead of creating one (secret): verified, output as `key`, never deleted. */
    readonly existingKey?: pulumi.Input<string>;
}

/** A Doku API key; `key` is a secret, `created` says whether this resource created it. */
export class DokuApiKey extends pulumi.dynamic.Resource {
    declare readonly key: pulumi.Output<string>;
    declare readonly name: pulumi.Output<string>;
    declare readonly created: pulumi.Output<boolean>;

    constructor(name: string, args: DokuApiKeyArgs, opts?: pulumi.CustomResourceOptions) {
        super(dokuApiKeyProvider, name, {
            ...args,
            ...(args.adminApiKey === undefined ? {} : { adminApiKey: pulumi.secret(args.adminApiKey) }),
            ...(args.existingKey === undefined ? {} : { existingKey: pulumi.secret(args.existingKey) }),
            key: undefined,
            created: undefined,
        }, pulumi.mergeOptions(opts, { additionalSecretOutputs: ["key", "adminApiKey", "existingKey"] }),
        "doku", "DokuApiKey");
    }
}
