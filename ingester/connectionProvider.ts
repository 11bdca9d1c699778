import * as pulumi from "@pulumi/pulumi";
import type { Platform } from "./client";
import { connectionFailures } from "./connectionRules";
import { loadOperations, operationsRef } from "./operations";

import { DEFAULT_READINESS_TIMEOUT_SECONDS } from "./connectionRules";

export { DEFAULT_READINESS_TIMEOUT_SECONDS } from "./connectionRules";
export type { DokuConnectionInputs } from "./connectionRules";

type Operations = typeof import("./connectionOperations");
const OPERATIONS = operationsRef(require.resolve("./connectionOperations"));

const COMPARED = [
    "platform",
    "metricsUrl",
    "logsUrl",
    "apiKey",
    "metricsUsername",
    "logsUsername",
    "dokuApiKey",
    "readinessTimeoutSeconds",
] as const;

/**
 * The lifecycle of the ingester's one export connection. `check` and `diff`
 * make no HTTP call and accept Pulumi's unknown value in any field.
 *
 * - diff: nothing replaces. The connection lives on the ingester (in
 *   ClickHouse) and `POST /api/connections` replaces it whole, so any change
 *   — a rotated platform `apiKey`, a new `dokuApiKey`, a new or unknown
 *   `ingesterUrl` (unknown while the ingester container is replaced) — is an
 *   update: one POST.
 * - update with a new `ingesterUrl`: waits for the ingester there, then
 *   POSTs there. The old URL's connection is left as it is: the URL usually
 *   changes because the ingester was replaced or is now reached another way
 *   (same ingester: a DELETE at the old URL would remove the connection just
 *   made) or because the old one is gone. The `id` keeps the first URL.
 * - create waits for readiness then POSTs; read GETs (404 = gone); delete
 *   sends the connection as body (404 = already gone); read and delete treat
 *   "nothing listens at the URL" (./gone.ts) as gone, with a warning. A 401
 *   stays an error: the ingester is there and refuses the key.
 */
export const dokuConnectionProvider: pulumi.dynamic.ResourceProvider = {
    async check(_olds: any, news: any): Promise<pulumi.dynamic.CheckResult> {
        const inputs = {
            ...news,
            readinessTimeoutSeconds: news.readinessTimeoutSeconds ?? DEFAULT_READINESS_TIMEOUT_SECONDS,
        };
        for (const field of ["metricsUrl", "metricsUsername", "logsUsername"]) {
            if (inputs[field] === "") delete inputs[field];
        }
        return { inputs, failures: connectionFailures(inputs) };
    },

    async diff(_id: string, olds: any, news: any): Promise<pulumi.dynamic.DiffResult> {
        // Compared by value (Pulumi's unknown value differs from any value); Pulumi shows secret fields as [secret].
        const changed = ["ingesterUrl", ...COMPARED].filter((f) => (olds[f] ?? undefined) !== (news[f] ?? undefined));
        return { changes: changed.length > 0, replaces: [], deleteBeforeReplace: true };
    },

    // The rest runs in ./connectionOperations, loaded when called (./operations.ts says why).
    async create(inputs: any): Promise<pulumi.dynamic.CreateResult> {
        return loadOperations<Operations>(OPERATIONS).create(inputs);
    },

    async update(id: string, olds: any, news: any): Promise<pulumi.dynamic.UpdateResult> {
        return loadOperations<Operations>(OPERATIONS).update(id, olds, news);
    },

    async read(id: string, props: any): Promise<pulumi.dynamic.ReadResult> {
        return loadOperations<Operations>(OPERATIONS).read(id, props);
    },

    async delete(id: string, props: any): Promise<void> {
        return loadOperations<Operations>(OPERATIONS).remove(id, props);
    },
};

/** Arguments of a DokuConnection: the ingester, its Doku API key and the platform's connection. */
export interface DokuConnectionArgs {
    /** Base URL of the ingester. A different URL is an update: the connection is POSTed there. */
    readonly ingesterUrl: pulumi.Input<string>;
    /** Doku API key (secret). */
    readonly dokuApiKey: pulumi.Input<string>;
    readonly platform: pulumi.Input<Platform>;
    /** Required for every platform but signoz. */
    readonly metricsUrl?: pulumi.Input<string>;
    readonly logsUrl: pulumi.Input<string>;
    /** The platform's API key (secret). */
    readonly apiKey: pulumi.Input<string>;
    /** grafana only. */
    readonly metricsUsername?: pulumi.Input<string>;
    /** grafana only. */
    readonly logsUsername?: pulumi.Input<string>;
    /** How long create waits for `GET /` to answer 200. Default: 300. */
    readonly readinessTimeoutSeconds?: pulumi.Input<number>;
}

/** The ingester's export connection, as a resource. */
export class DokuConnection extends pulumi.dynamic.Resource {
    declare readonly ingesterUrl: pulumi.Output<string>;
    declare readonly platform: pulumi.Output<Platform>;
    declare readonly metricsUrl: pulumi.Output<string | undefined>;
    declare readonly logsUrl: pulumi.Output<string>;
    declare readonly apiKey: pulumi.Output<string>;
    declare readonly dokuApiKey: pulumi.Output<string>;

    constructor(name: string, args: DokuConnectionArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            dokuConnectionProvider,
            name,
            {
                ...args,
                dokuApiKey: pulumi.secret(args.dokuApiKey),
                apiKey: pulumi.secret(args.apiKey),
            },
            pulumi.mergeOptions(opts, { additionalSecretOutputs: ["dokuApiKey", "apiKey"] }),
            "doku",
            "DokuConnection",
        );
    }
}
