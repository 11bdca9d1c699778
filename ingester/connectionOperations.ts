/**
 * @file create, update, read and delete of DokuConnection (./connectionProvider.ts documents them), loaded
 * by the serialized provider when it runs (./operations.ts). `remove` is delete (a reserved word).
 */
import type * as pulumi from "@pulumi/pulumi";
import { ConnectionSpec, DokuClient } from "./client";
import { DEFAULT_READINESS_TIMEOUT_SECONDS, DokuConnectionInputs } from "./connectionRules";
import { GONE_REFUSED_WINDOW_MS, unlessNothingListens } from "./gone";

/** The platform connection within the resource's inputs, as the client sends it. */
function specOf(inputs: DokuConnectionInputs): ConnectionSpec {
    return {
        platform: inputs.platform,
        metricsUrl: inputs.metricsUrl,
        logsUrl: inputs.logsUrl,
        apiKey: inputs.apiKey,
        metricsUsername: inputs.metricsUsername,
        logsUsername: inputs.logsUsername,
    };
}

/** A client of the resource's ingester with its Doku API key, which never shows the platform's key. */
function clientFor(inputs: DokuConnectionInputs, refusedWindowMs?: number): DokuClient {
    return new DokuClient({
        baseUrl: inputs.ingesterUrl,
        apiKey: inputs.dokuApiKey,
        redact: [inputs.apiKey],
        refusedWindowMs,
    });
}

/** Waits for the ingester, then POSTs the connection; the id is the first URL's `/api/connections`. */
export async function create(inputs: DokuConnectionInputs): Promise<pulumi.dynamic.CreateResult> {
    const client = clientFor(inputs);
    await client.waitUntilReady((inputs.readinessTimeoutSeconds ?? DEFAULT_READINESS_TIMEOUT_SECONDS) * 1000);
    await client.putConnection(specOf(inputs));
    return { id: `${client.baseUrl}/api/connections`, outs: { ...inputs } };
}

/** POSTs the connection again (after waiting for the ingester when its URL changed). */
export async function update(
    _id: string,
    olds: DokuConnectionInputs,
    news: DokuConnectionInputs,
): Promise<pulumi.dynamic.UpdateResult> {
    const client = clientFor(news);
    if (olds.ingesterUrl !== news.ingesterUrl) {
        await client.waitUntilReady((news.readinessTimeoutSeconds ?? DEFAULT_READINESS_TIMEOUT_SECONDS) * 1000);
    }
    await client.putConnection(specOf(news));
    return { outs: { ...news } };
}

/** The stored inputs with the ingester's current connection over them; `id: ""` (gone) when it has none. */
export async function read(id: string, state: DokuConnectionInputs): Promise<pulumi.dynamic.ReadResult> {
    const found = await unlessNothingListens("The Doku connection", () =>
        clientFor(state, GONE_REFUSED_WINDOW_MS).getConnection(),
    );
    if (found?.value === undefined) return { id: "", props: {} };
    const { createdAt: _createdAt, ...fields } = found.value;
    // Absent fields are left out, not undefined: the dynamic-provider host converts props with
    // Struct.fromJavaScript, which throws "Unexpected struct type." on undefined
    // (node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js, read; google-protobuf struct_pb.js).
    const merged: Record<string, unknown> = { ...state, ...fields };
    for (const field of Object.keys(merged)) if (merged[field] === undefined) delete merged[field];
    return { id, props: merged };
}

/** DELETEs the connection (already gone, or nothing listening at the URL, counts as deleted). */
export async function remove(_id: string, state: DokuConnectionInputs): Promise<void> {
    await unlessNothingListens("The Doku connection", () =>
        clientFor(state, GONE_REFUSED_WINDOW_MS).deleteConnection(specOf(state)),
    );
}
