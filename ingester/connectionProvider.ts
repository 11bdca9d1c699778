import * as pulumi from "@pulumi/pulumi";
import { ConnectionSpec, DokuClient, Platform } from "./client";
import { connectionFailures } from "./connectionRules";

/** Inputs of a DokuConnection, exactly. */
export interface DokuConnectionInputs extends ConnectionSpec {
    readonly ingesterUrl: string;
    readonly dokuApiKey: string;
    readonly readinessTimeoutSeconds?: number;
}

export const DEFAULT_READINESS_TIMEOUT_SECONDS = 300;

function specOf(p: DokuConnectionInputs): ConnectionSpec {
    return {
        platform: p.platform,
        metricsUrl: p.metricsUrl,
        logsUrl: p.logsUrl,
        apiKey: p.apiKey,
        metricsUsername: p.metricsUsername,
        logsUsername: p.logsUsername,
    };
}

function clientFor(p: DokuConnectionInputs): DokuClient {
    return new DokuClient({ baseUrl: p.ingesterUrl, apiKey: p.dokuApiKey, redact: [p.apiKey] });
}

const COMPARED = ["platform", "metricsUrl", "logsUrl", "apiKey", "metricsUsername", "logsUsername", "dokuApiKey", "readinessTimeoutSeconds"] as const;

/**
 * The lifecycle of the ingester's one export connection. `check` and `diff`
 * make no HTTP call; create waits for readiness then POSTs; update POSTs
 * once; read GETs (404 = gone); delete sends the connection as body (404 =
 * already gone).
 */
export const dokuConnectionProvider: pulumi.dynamic.ResourceProvider = {
    async check(_olds: any, news: any): Promise<pulumi.dynamic.CheckResult> {
        const inputs = { ...news, readinessTimeoutSeconds: news.readinessTimeoutSeconds ?? DEFAULT_READINESS_TIMEOUT_SECONDS };
        for (const field of ["metricsUrl", "metricsUsername", "logsUsername"]) {
            if (inputs[field] === "") delete inputs[field];
        }
        return { inputs, failures: connectionFailures(inputs) };
    },

    async diff(_id: string, olds: any, news: any): Promise<pulumi.dynamic.DiffResult> {
        const replaces = olds.ingesterUrl !== news.ingesterUrl ? ["ingesterUrl"] : [];
        // Compared by value; Pulumi shows the secret fields as [secret], never their values.
        const changed = COMPARED.filter((f) => (olds[f] ?? undefined) !== (news[f] ?? undefined));
        return {
            changes: replaces.length > 0 || changed.length > 0,
            replaces,
            // The ingester holds one connection: remove the old before creating the new.
            deleteBeforeReplace: true,
        };
    },

    async create(inputs: any): Promise<pulumi.dynamic.CreateResult> {
        const p = inputs as DokuConnectionInputs;
        const client = clientFor(p);
        await client.waitUntilReady((p.readinessTimeoutSeconds ?? DEFAULT_READINESS_TIMEOUT_SECONDS) * 1000);
        await client.putConnection(specOf(p));
        return { id: `${client.baseUrl}/api/connections`, outs: { ...p } };
    },

    async update(_id: string, _olds: any, news: any): Promise<pulumi.dynamic.UpdateResult> {
        const p = news as DokuConnectionInputs;
        await clientFor(p).putConnection(specOf(p));
        return { outs: { ...p } };
    },

    async read(id: string, props: any): Promise<pulumi.dynamic.ReadResult> {
        const p = props as DokuConnectionInputs;
        const stored = await clientFor(p).getConnection();
        if (stored === undefined) return { id: "", props: {} };
        const { createdAt: _createdAt, ...fields } = stored;
        return { id, props: { ...p, ...fields } };
    },

    async delete(_id: string, props: any): Promise<void> {
        const p = props as DokuConnectionInputs;
        await clientFor(p).deleteConnection(specOf(p));
    },
};

export interface DokuConnectionArgs {
    /** Base URL of the ingester. A different URL replaces the connection. */
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
        super(dokuConnectionProvider, name, {
            ...args,
            dokuApiKey: pulumi.secret(args.dokuApiKey),
            apiKey: pulumi.secret(args.apiKey),
        }, pulumi.mergeOptions(opts, { additionalSecretOutputs: ["dokuApiKey", "apiKey"] }), "doku", "DokuConnection");
    }
}
