import * as pulumi from "@pulumi/pulumi";
import { DokuApiError, DokuClient } from "./client";
import { UNKNOWN } from "./connectionRules";
import { DEFAULT_READINESS_TIMEOUT_SECONDS } from "./connectionProvider";

/** Inputs of a DokuApiKey, exactly. */
export interface DokuApiKeyInputs {
    readonly ingesterUrl: string;
    readonly name: string;
    /** A key allowed to create keys; absent = the bootstrap rule (no key exists yet). */
    readonly adminApiKey?: string;
}

function client(p: DokuApiKeyInputs, authorization?: string): DokuClient {
    return new DokuClient({ baseUrl: p.ingesterUrl, apiKey: authorization ?? p.adminApiKey, redact: [p.adminApiKey ?? ""] });
}

/** Runs a call made with the key itself; undefined when the key no longer authenticates. */
async function goneOn401<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
        return await call();
    } catch (e) {
        if (e instanceof DokuApiError && e.status === 401) return undefined;
        throw e;
    }
}

/**
 * A Doku API key created through `POST /api/keys`, its value a secret
 * output `key`. Replaced when the URL or name changes.
 */
export const dokuApiKeyProvider: pulumi.dynamic.ResourceProvider = {
    async check(_olds: any, news: any): Promise<pulumi.dynamic.CheckResult> {
        const failures: pulumi.dynamic.CheckFailure[] = [];
        const url = news.ingesterUrl;
        if (typeof url !== "string" || (url !== UNKNOWN && !/^https?:\/\/[^/\s]+/.test(url))) {
            failures.push({ property: "ingesterUrl", reason: `got ${JSON.stringify(url)}; expected an http:// or https:// URL` });
        }
        const name = news.name;
        if (typeof name !== "string" || (name !== UNKNOWN && !/^[a-z0-9][a-z0-9_-]{0,63}$/.test(name))) {
            failures.push({ property: "name", reason: `got ${JSON.stringify(name)}; expected a lower-case key name such as pulumi (the ingester lower-cases names)` });
        } else if (name === "doku-client-internal") {
            failures.push({ property: "name", reason: `got "doku-client-internal"; that name is reserved by the ingester, choose another` });
        }
        return { inputs: news, failures };
    },

    async diff(_id: string, olds: any, news: any): Promise<pulumi.dynamic.DiffResult> {
        const replaces = ["ingesterUrl", "name"].filter((f) => olds[f] !== news[f]);
        const changes = replaces.length > 0 || (olds.adminApiKey ?? undefined) !== (news.adminApiKey ?? undefined);
        return { changes, replaces, deleteBeforeReplace: true };
    },

    async create(inputs: any): Promise<pulumi.dynamic.CreateResult> {
        const p = inputs as DokuApiKeyInputs;
        const c = client(p);
        await c.waitUntilReady(DEFAULT_READINESS_TIMEOUT_SECONDS * 1000);
        try {
            const key = await c.createApiKey(p.name, p.adminApiKey ?? "");
            return { id: p.name, outs: { ...p, key } };
        } catch (e) {
            if (e instanceof DokuApiError && e.status === 409) {
                e.message = `A Doku API key named "${p.name}" already exists on ${c.baseUrl}. ` +
                    `Set that key with \`pulumi config set --secret doku:apiKey <key>\` (or choose another doku:apiKeyName).`;
            } else if (e instanceof DokuApiError && e.status === 401 && p.adminApiKey === undefined) {
                e.message = `The ingester at ${c.baseUrl} already has API keys, so it no longer creates one without authorization. ` +
                    `Set an existing key with \`pulumi config set --secret doku:apiKey <key>\`.`;
            }
            throw e;
        }
    },

    async update(_id: string, olds: any, news: any): Promise<pulumi.dynamic.UpdateResult> {
        // Only adminApiKey changed: the key itself stays as it is.
        return { outs: { ...news, key: olds.key } };
    },

    // Read and delete authenticate with the key itself: once it is deleted the
    // ingester answers 401, which therefore means "gone", like a 404.
    async read(id: string, props: any): Promise<pulumi.dynamic.ReadResult> {
        const p = props as DokuApiKeyInputs & { key: string };
        const key = await goneOn401(() => client(p, p.key).getApiKey(p.name));
        if (key === undefined) return { id: "", props: {} };
        return { id, props: { ...p, key } };
    },

    async delete(_id: string, props: any): Promise<void> {
        const p = props as DokuApiKeyInputs & { key: string };
        await goneOn401(() => client(p, p.key).deleteApiKey(p.name));
    },
};

export interface DokuApiKeyArgs {
    readonly ingesterUrl: pulumi.Input<string>;
    /** Key name (lower-case). */
    readonly name: pulumi.Input<string>;
    /** A key allowed to create keys. Default: none, the bootstrap rule. */
    readonly adminApiKey?: pulumi.Input<string>;
}

/** A Doku API key; `key` is a secret. */
export class DokuApiKey extends pulumi.dynamic.Resource {
    declare readonly key: pulumi.Output<string>;
    declare readonly name: pulumi.Output<string>;

    constructor(name: string, args: DokuApiKeyArgs, opts?: pulumi.CustomResourceOptions) {
        super(dokuApiKeyProvider, name, {
            ...args,
            ...(args.adminApiKey === undefined ? {} : { adminApiKey: pulumi.secret(args.adminApiKey) }),
            key: undefined,
        }, pulumi.mergeOptions(opts, { additionalSecretOutputs: ["key", "adminApiKey"] }), "doku", "DokuApiKey");
    }
}
