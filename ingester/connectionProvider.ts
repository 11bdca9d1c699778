import * as pulumi from "@pulumi/pulumi";
import type { Platform } from "./client";
import { DEFAULT_READINESS_TIMEOUT_SECONDS, DokuConnectionInputs, connectionFailures } from "./connectionRules";
import { UncheckedProperties, loadOperations, operationsRef } from "./operations";

export { DEFAULT_READINESS_TIMEOUT_SECONDS } from "./connectionRules";
export type { DokuConnectionInputs } from "./connectionRules";

/** The operations module's exports: create, update, read and remove. */
type Operations = typeof import("./connectionOperations");
/** Where the serialized provider finds ./connectionOperations when it runs (./operations.ts). */
const OPERATIONS = operationsRef(require.resolve("./connectionOperations"));
/** A DokuConnection's properties as `check` and `diff` receive them (judged, not trusted). */
type Unchecked = UncheckedProperties<DokuConnectionInputs>;

/** The fields besides `ingesterUrl` whose change is an update (a POST of the whole connection). */
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
    async check(_olds: Unchecked, news: Unchecked): Promise<pulumi.dynamic.CheckResult> {
        const inputs: Unchecked = {
            ...news,
            readinessTimeoutSeconds: news.readinessTimeoutSeconds ?? DEFAULT_READINESS_TIMEOUT_SECONDS,
        };
        for (const field of ["metricsUrl", "metricsUsername", "logsUsername"] as const) {
            if (inputs[field] === "") delete inputs[field];
        }
        return { inputs, failures: connectionFailures(inputs) };
    },

    async diff(_id: string, olds: Unchecked, news: Unchecked): Promise<pulumi.dynamic.DiffResult> {
        // Compared by value (Pulumi's unknown value differs from any value); Pulumi shows secret fields as [secret].
        const changed = (["ingesterUrl", ...COMPARED] as const).filter(
            (field) => (olds[field] ?? undefined) !== (news[field] ?? undefined),
        );
        return { changes: changed.length > 0, replaces: [], deleteBeforeReplace: true };
    },

    // The rest runs in ./connectionOperations, loaded when called (./operations.ts says why).
    async create(inputs: DokuConnectionInputs): Promise<pulumi.dynamic.CreateResult> {
        return loadOperations<Operations>(OPERATIONS).create(inputs);
    },

    async update(
        id: string,
        olds: DokuConnectionInputs,
        news: DokuConnectionInputs,
    ): Promise<pulumi.dynamic.UpdateResult> {
        return loadOperations<Operations>(OPERATIONS).update(id, olds, news);
    },

    async read(id: string, props: DokuConnectionInputs): Promise<pulumi.dynamic.ReadResult> {
        // Always the stored outputs: the host passes `req.getProperties().toJavaScript()`
        // (@pulumi/pulumi cmd/dynamic-provider/index.js, read).
        return loadOperations<Operations>(OPERATIONS).read(id, props);
    },

    async delete(id: string, props: DokuConnectionInputs): Promise<void> {
        return loadOperations<Operations>(OPERATIONS).remove(id, props);
    },
};

/** Arguments of a DokuConnection: the ingester, its Doku API key and the platform's connection. */
export interface DokuConnectionArgs {
    /** Base URL of the ingester. A different URL is an update: the connection is POSTed there. */
    readonly ingesterUrl: pulumi.Input<string>;
    /** Doku API key (secret). */
    readonly dokuApiKey: pulumi.Input<string>;
    /** The platform the ingester exports to: datadog, newrelic, dynatrace, grafana or signoz. */
    readonly platform: pulumi.Input<Platform>;
    /** The platform's metrics endpoint. Required for every platform but signoz. */
    readonly metricsUrl?: pulumi.Input<string>;
    /** The platform's logs endpoint. */
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
    /** Base URL of the ingester the connection was last POSTed to. */
    declare readonly ingesterUrl: pulumi.Output<string>;
    /** The platform the ingester exports to. */
    declare readonly platform: pulumi.Output<Platform>;
    /** The platform's metrics endpoint (none for signoz). */
    declare readonly metricsUrl: pulumi.Output<string | undefined>;
    /** The platform's logs endpoint. */
    declare readonly logsUrl: pulumi.Output<string>;
    /** The platform's API key (secret). */
    declare readonly apiKey: pulumi.Output<string>;
    /** The Doku API key the connection is managed with (secret). */
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
