import * as pulumi from "@pulumi/pulumi";
import { UNKNOWN } from "./connectionRules";
import { UncheckedProperties, loadOperations, operationsRef } from "./operations";
import type { DokuApiKeyInputs, DokuApiKeyState } from "./apiKeyTypes";
import { urlProblem } from "./urls";
import { DOKU_API_KEY_SHAPE, apiKeyNameProblem, isDokuApiKey } from "./apiKeyName";

export type { DokuApiKeyInputs, DokuApiKeyState } from "./apiKeyTypes";

/** The operations module's exports: create, update, read and remove. */
type Operations = typeof import("./apiKeyOperations");
/** Where the serialized provider finds ./apiKeyOperations when it runs (./operations.ts). */
const OPERATIONS = operationsRef(require.resolve("./apiKeyOperations"));
/** A DokuApiKey's properties as `check` and `diff` receive them (judged, not trusted). */
type Unchecked<T = DokuApiKeyInputs> = UncheckedProperties<T>;

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
export const dokuApiKeyProvider: pulumi.dynamic.ResourceProvider = {
    async check(_olds: Unchecked, news: Unchecked): Promise<pulumi.dynamic.CheckResult> {
        const failures: pulumi.dynamic.CheckFailure[] = [];
        const url = news.ingesterUrl;
        const urlReason =
            url === UNKNOWN ? undefined : urlProblem(url, "the ingester authenticates with the Doku API key");
        if (urlReason !== undefined) failures.push({ property: "ingesterUrl", reason: urlReason });
        const name = news.name;
        const nameReason =
            typeof name !== "string"
                ? "expected a lower-case key name such as pulumi"
                : name === UNKNOWN
                  ? undefined
                  : apiKeyNameProblem(name);
        if (nameReason !== undefined) {
            failures.push({ property: "name", reason: `got ${JSON.stringify(name)}; ${nameReason}` });
        }
        const existing = news.existingKey;
        if (existing !== undefined && existing !== UNKNOWN && !isDokuApiKey(existing)) {
            failures.push({
                property: "existingKey",
                reason: `got a secret value that is not a Doku API key; expected ${DOKU_API_KEY_SHAPE}`,
            });
        }
        return { inputs: news, failures };
    },

    async diff(_id: string, olds: Unchecked<DokuApiKeyState>, news: Unchecked): Promise<pulumi.dynamic.DiffResult> {
        const replaces: string[] = [];
        if (olds.name !== news.name) replaces.push("name");
        if (olds.existingKey !== undefined && news.existingKey === undefined) replaces.push("existingKey");
        const updated = (["ingesterUrl", "adminApiKey", "existingKey"] as const).filter(
            (field) => (olds[field] ?? undefined) !== (news[field] ?? undefined),
        );
        return { changes: replaces.length > 0 || updated.length > 0, replaces, deleteBeforeReplace: true };
    },

    // The rest runs in ./apiKeyOperations, loaded when called (./operations.ts says why). Warnings go
    // through the pulumi.log of the @pulumi/pulumi the serialized provider requires (the host's).
    async create(inputs: DokuApiKeyInputs): Promise<pulumi.dynamic.CreateResult> {
        return loadOperations<Operations>(OPERATIONS).create(inputs);
    },

    async update(id: string, olds: DokuApiKeyState, news: DokuApiKeyInputs): Promise<pulumi.dynamic.UpdateResult> {
        return loadOperations<Operations>(OPERATIONS).update(id, olds, news, (message) => pulumi.log.warn(message));
    },

    async read(id: string, props: DokuApiKeyState): Promise<pulumi.dynamic.ReadResult> {
        // Always the stored outputs: the host passes `req.getProperties().toJavaScript()`
        // (@pulumi/pulumi cmd/dynamic-provider/index.js, read).
        return loadOperations<Operations>(OPERATIONS).read(id, props);
    },

    async delete(id: string, props: DokuApiKeyState): Promise<void> {
        return loadOperations<Operations>(OPERATIONS).remove(id, props);
    },
};

/** Arguments of a DokuApiKey: the ingester, the key's name, and an admin key or a key to adopt. */
export interface DokuApiKeyArgs {
    /** Base URL of the ingester. A different URL is an update: the key is kept if it works there. */
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
    /** The key's value (secret): the adopted `existingKey`, or the key the ingester issued. */
    declare readonly key: pulumi.Output<string>;
    /** The key's name on the ingester. */
    declare readonly name: pulumi.Output<string>;
    /** True when this resource created the key (and so deletes it), false when it adopted `existingKey`. */
    declare readonly created: pulumi.Output<boolean>;

    constructor(name: string, args: DokuApiKeyArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            dokuApiKeyProvider,
            name,
            {
                ...args,
                ...(args.adminApiKey === undefined ? {} : { adminApiKey: pulumi.secret(args.adminApiKey) }),
                ...(args.existingKey === undefined ? {} : { existingKey: pulumi.secret(args.existingKey) }),
                key: undefined,
                created: undefined,
            },
            pulumi.mergeOptions(opts, { additionalSecretOutputs: ["key", "adminApiKey", "existingKey"] }),
            "doku",
            "DokuApiKey",
        );
    }
}
