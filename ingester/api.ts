/**
 * @file The ingester API's vocabulary (doku-ingester.md): platforms, connections
 * as this package and as the API spell them, and its errors.
 */
import { z } from "zod";
import type { NetworkKind } from "./transport";

/** The platforms the ingester exports telemetry to (the `platform` of `/api/connections`). */
export const PLATFORMS = ["datadog", "newrelic", "dynatrace", "grafana", "signoz"] as const;
/** One of the platforms the ingester exports to. */
export type Platform = (typeof PLATFORMS)[number];

/** A connection as this package spells it. */
export interface ConnectionSpec {
    /** The platform the ingester exports to. */
    readonly platform: Platform;
    /** The platform's metrics endpoint; every platform but signoz needs one. */
    readonly metricsUrl?: string;
    /** The platform's logs endpoint. */
    readonly logsUrl: string;
    /** The platform's API key (secret). */
    readonly apiKey: string;
    /** The metrics user name (grafana only). */
    readonly metricsUsername?: string;
    /** The logs user name (grafana only). */
    readonly logsUsername?: string;
}

/** A connection as `GET /api/connections` returns it. */
export interface StoredConnection extends ConnectionSpec {
    /** When the ingester stored the connection (its `created_at`), when it says. */
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
    /** The HTTP status. */
    readonly status: number;
    /** The body as text (empty for a redirect). */
    readonly text: string;
    /** Set on a 3xx with a Location header. */
    readonly location?: string;
}

/** The body of a connection request, in the field spelling the docs use. */
export function connectionBody(connection: ConnectionSpec): Record<string, string> {
    return {
        Platform: connection.platform,
        MetricsUrl: connection.metricsUrl ?? "",
        LogsUrl: connection.logsUrl,
        ApiKey: connection.apiKey,
        MetricsUsername: connection.metricsUsername ?? "",
        LogsUsername: connection.logsUsername ?? "",
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
    const stored = parsed.data.connections;
    const orUndefined = (value: string | undefined) => (value === undefined || value === "" ? undefined : value);
    return {
        platform: stored.platform,
        metricsUrl: orUndefined(stored.metricsUrl),
        logsUrl: stored.logsUrl,
        apiKey: stored.apiKey,
        metricsUsername: orUndefined(stored.metricsUsername),
        logsUsername: orUndefined(stored.logsUsername),
        createdAt: stored.created_at,
    };
}
