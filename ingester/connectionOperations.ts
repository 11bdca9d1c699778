import type * as pulumi from "@pulumi/pulumi";
import { ConnectionSpec, DokuClient } from "./client";
import { DEFAULT_READINESS_TIMEOUT_SECONDS, DokuConnectionInputs } from "./connectionRules";
import { GONE_REFUSED_WINDOW_MS, unlessNothingListens } from "./gone";

/**
 * create, update, read and delete of DokuConnection (./connectionProvider.ts documents them), loaded
 * by the serialized provider when it runs (./operations.ts). `remove` is delete (a reserved word).
 */
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

function clientFor(p: DokuConnectionInputs, refusedWindowMs?: number): DokuClient {
    return new DokuClient({ baseUrl: p.ingesterUrl, apiKey: p.dokuApiKey, redact: [p.apiKey], refusedWindowMs });
}

export async function create(inputs: any): Promise<pulumi.dynamic.CreateResult> {
    const p = inputs as DokuConnectionInputs;
    const client = clientFor(p);
    await client.waitUntilReady((p.readinessTimeoutSeconds ?? DEFAULT_READINESS_TIMEOUT_SECONDS) * 1000);
    await client.putConnection(specOf(p));
    return { id: `${client.baseUrl}/api/connections`, outs: { ...p } };
}

export async function update(_id: string, olds: any, news: any): Promise<pulumi.dynamic.UpdateResult> {
    const p = news as DokuConnectionInputs;
    const client = clientFor(p);
    if (olds.ingesterUrl !== p.ingesterUrl) {
        await client.waitUntilReady((p.readinessTimeoutSeconds ?? DEFAULT_READINESS_TIMEOUT_SECONDS) * 1000);
    }
    await client.putConnection(specOf(p));
    return { outs: { ...p } };
}

export async function read(id: string, props: any): Promise<pulumi.dynamic.ReadResult> {
    const p = props as DokuConnectionInputs;
    const found = await unlessNothingListens("The Doku connection", () =>
        clientFor(p, GONE_REFUSED_WINDOW_MS).getConnection(),
    );
    if (found?.value === undefined) return { id: "", props: {} };
    const { createdAt: _createdAt, ...fields } = found.value;
    // Absent fields are left out, not undefined: the dynamic-provider host converts props with
    // Struct.fromJavaScript, which throws "Unexpected struct type." on undefined
    // (node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js, read; google-protobuf struct_pb.js).
    const merged: Record<string, unknown> = { ...p, ...fields };
    for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
    return { id, props: merged };
}

export async function remove(_id: string, props: any): Promise<void> {
    const p = props as DokuConnectionInputs;
    await unlessNothingListens("The Doku connection", () =>
        clientFor(p, GONE_REFUSED_WINDOW_MS).deleteConnection(specOf(p)),
    );
}
