import * as http from "node:http";
import * as https from "node:https";

/**
 * The ingester API's vocabulary (doku-ingester.md): platforms, connections
 * as this package and as the API spell them, its errors, and the one
 * transport fetch cannot do.
 */
export const PLATFORMS = ["datadog", "newrelic", "dynatrace", "grafana", "signoz"] as const;
export type Platform = (typeof PLATFORMS)[number];

/** A connection as this package spells it. */
export interface ConnectionSpec {
    readonly platform: Platform;
    readonly metricsUrl?: string;
    readonly logsUrl: string;
    readonly apiKey: string;
    readonly metricsUsername?: string;
    readonly logsUsername?: string;
}

/** A connection as `GET /api/connections` returns it. */
export interface StoredConnection extends ConnectionSpec {
    readonly createdAt?: string;
}

/** A failed call: what was asked, what came back, and never a key. */
export class DokuApiError extends Error {
    constructor(
        message: string,
        readonly method: string,
        readonly path: string,
        /** HTTP status, or undefined when no answer came (refused, timed out). */
        readonly status: number | undefined,
        /** The ingester's own `message`, when it sent one. */
        readonly ingesterMessage: string | undefined,
        /** Whether another attempt could succeed (connection refused, timeout, 5xx). */
        readonly retryable: boolean,
    ) {
        super(message);
        this.name = "DokuApiError";
    }
}

export interface RawResponse {
    readonly status: number;
    readonly text: string;
}

/** The body of a connection request, in the field spelling the docs use. */
export function connectionBody(c: ConnectionSpec): Record<string, string> {
    return {
        Platform: c.platform,
        MetricsUrl: c.metricsUrl ?? "",
        LogsUrl: c.logsUrl,
        ApiKey: c.apiKey,
        MetricsUsername: c.metricsUsername ?? "",
        LogsUsername: c.logsUsername ?? "",
    };
}

/** GET with a JSON body (the ingester's `GET /api/keys` wants one; fetch forbids it). */
export function getWithBody(url: string, headers: Record<string, string>, payload: string, timeoutMs: number): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
        const target = new URL(url);
        const lib = target.protocol === "https:" ? https : http;
        const req = lib.request(target, { method: "GET", headers: { ...headers, "Content-Length": Buffer.byteLength(payload) } }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
            res.on("error", reject);
        });
        req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error("timeout"), { name: "TimeoutError" })));
        req.on("error", reject);
        req.end(payload);
    });
}
