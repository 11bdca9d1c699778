import { z } from "zod";
import type { NetworkKind } from "./transport";

/**
 * The ingester API's vocabulary (doku-ingester.md): platforms, connections
 * as this package and as the API spell them, and its errors.
 */
export const PLATFORMS = ["datadog", "newrelic", "dynatrace", "grafana", "signoz"] as const;
/** One of the platforms the ingester exports to. */
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
        /** What went wrong: an answer ("http"), a redirect, a refused URL, or the network failure's kind. */
        readonly kind: ErrorKind = "http",
        /** False only when the request cannot have reached the server (refused, DNS failure). */
        readonly requestSent: boolean = true,
    ) {
        super(message);
        // Set again: Pulumi's closure serializer turns this class into a function calling `Error.call(this,
        // message)`, which leaves `message` unset, and the engine would show an empty error.
        this.message = message;
        this.name = "DokuApiError";
    }
}

/** What went wrong with a call: a network failure, an HTTP error, a redirect, or a bad URL. */
export type ErrorKind = NetworkKind | "http" | "redirect" | "invalid-url";

/** An HTTP response as the client received it. */
export interface RawResponse {
    readonly status: number;
    readonly text: string;
    /** Set on a 3xx with a Location header. */
    readonly location?: string;
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

/** The connection in a `GET /api/connections` 200 answer, or a reason it is not one. */
export function parseStoredConnection(text: string): StoredConnection | string {
    const schema = z.object({
        status: z.number(),
        connections: z.object({
            platform: z.enum(PLATFORMS),
            metricsUrl: z.string().optional(),
            logsUrl: z.string(),
            apiKey: z.string(),
            metricsUsername: z.string().optional(),
            logsUsername: z.string().optional(),
            created_at: z.string().optional(),
        }),
    });
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch {
        return "HTTP 200 with a non-JSON answer";
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return `unexpected answer (${issue.path.join(".")}: ${issue.message})`;
    }
    const c = parsed.data.connections;
    const orUndefined = (s: string | undefined) => (s === undefined || s === "" ? undefined : s);
    return {
        platform: c.platform,
        metricsUrl: orUndefined(c.metricsUrl),
        logsUrl: c.logsUrl,
        apiKey: c.apiKey,
        metricsUsername: orUndefined(c.metricsUsername),
        logsUsername: orUndefined(c.logsUsername),
        createdAt: c.created_at,
    };
}
