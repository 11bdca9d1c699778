import { z } from "zod";
import { ConnectionSpec, DokuApiError, PLATFORMS, RawResponse, StoredConnection, connectionBody, getWithBody } from "./api";

/**
 * A typed client for the Doku ingester's HTTP API (doku-ingester.md), on
 * Node's own fetch. Used inside dynamic providers, so: no `#private` fields,
 * zod schemas built inside methods, every request with its own timeout.
 */
export interface DokuClientOptions {
    /** Base URL, e.g. `http://localhost:9044`. */
    readonly baseUrl: string;
    /** Doku API key sent as `Authorization` (raw, no Bearer). */
    readonly apiKey?: string;
    /** Timeout of each request. Default: 15 000 ms (the ingester's own timeouts are 10 s). */
    readonly requestTimeoutMs?: number;
    /** How long retries of one call may go on. Default: 60 000 ms. */
    readonly retryDeadlineMs?: number;
    /** First retry delay; doubles each time, with jitter. Default: 200 ms. */
    readonly initialBackoffMs?: number;
    /** Largest retry delay. Default: 2 000 ms. */
    readonly maxBackoffMs?: number;
    /** Other strings never to show in an error (e.g. a connection's API key). */
    readonly redact?: readonly string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class DokuClient {
    readonly baseUrl: string;
    readonly options: DokuClientOptions;

    constructor(options: DokuClientOptions) {
        this.options = options;
        this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    }

    /** Replaces every secret this client knows with `[redacted]`. */
    redact(text: string): string {
        let out = text;
        for (const s of [this.options.apiKey, ...(this.options.redact ?? [])]) {
            if (s) out = out.split(s).join("[redacted]");
        }
        return out;
    }

    /** One HTTP exchange with its own timeout. GET with a body goes through node:http (fetch refuses it). */
    private async exchange(method: string, path: string, body: unknown, authorization: string | undefined): Promise<RawResponse> {
        const url = `${this.baseUrl}${path}`;
        const timeout = this.options.requestTimeoutMs ?? 15_000;
        const headers: Record<string, string> = {};
        if (authorization !== undefined) headers.Authorization = authorization;
        const payload = body === undefined ? undefined : JSON.stringify(body);
        if (payload !== undefined) headers["Content-Type"] = "application/json";
        if (method === "GET" && payload !== undefined) return getWithBody(url, headers, payload, timeout);
        const res = await fetch(url, { method, headers, body: payload, signal: AbortSignal.timeout(timeout) });
        return { status: res.status, text: await res.text() };
    }

    /** Sends one call, retrying refused connections, timeouts and 5xx with backoff and jitter until the deadline. */
    async request(method: string, path: string, options: { body?: unknown; authorization?: string } = {}): Promise<RawResponse> {
        const deadline = Date.now() + (this.options.retryDeadlineMs ?? 60_000);
        const authorization = options.authorization ?? this.options.apiKey;
        let delay = this.options.initialBackoffMs ?? 200;
        for (let attempt = 1; ; attempt++) {
            let error: DokuApiError;
            try {
                const res = await this.exchange(method, path, options.body, authorization);
                if (res.status < 500) return res;
                error = this.failure(method, path, res, "the ingester failed");
            } catch (e) {
                error = this.networkFailure(method, path, e);
            }
            const wait = Math.random() * delay;
            if (!error.retryable || Date.now() + wait >= deadline) {
                if (attempt > 1) error.message += ` (after ${attempt} attempts)`;
                throw error;
            }
            await sleep(wait);
            delay = Math.min(delay * 2, this.options.maxBackoffMs ?? 2_000);
        }
    }

    private networkFailure(method: string, path: string, e: unknown): DokuApiError {
        const err = e as { name?: string; message?: string; cause?: { code?: string } };
        const code = err.cause?.code ?? (err as any).code;
        const timedOut = err.name === "TimeoutError" || err.name === "AbortError" || code === "ETIMEDOUT";
        const what = timedOut
            ? `no answer within ${this.options.requestTimeoutMs ?? 15_000} ms`
            : code === "ECONNREFUSED" ? "connection refused (the ingester is not listening yet, or the URL is wrong)"
                : `network error: ${this.redact(String(code ?? err.message))}`;
        return new DokuApiError(`${method} ${this.baseUrl}${path}: ${what}`, method, path, undefined, undefined, true);
    }

    /** An error for an answer, with the ingester's message when the body has one. */
    failure(method: string, path: string, res: RawResponse, fallback: string): DokuApiError {
        const envelope = z.object({ status: z.number().optional(), message: z.string() });
        let ingesterMessage: string | undefined;
        try {
            const parsed = envelope.safeParse(JSON.parse(res.text));
            if (parsed.success) ingesterMessage = this.redact(parsed.data.message);
        } catch {
            // not JSON: said below
        }
        const hint = res.status === 401
            ? "; check the Doku API key (doku:apiKey)"
            : res.status === 400 ? "; the request was rejected as invalid" : "";
        const detail = ingesterMessage ?? (res.text.trim() === "" ? fallback : `a non-JSON answer (${res.text.length} bytes)`);
        return new DokuApiError(`${method} ${this.baseUrl}${path}: HTTP ${res.status}: ${detail}${hint}`,
            method, path, res.status, ingesterMessage, res.status >= 500);
    }

    /** Parses `{status, message}`; a non-JSON or malformed answer is an error naming the call. */
    private envelope(method: string, path: string, res: RawResponse): { status: number; message: string } {
        const schema = z.object({ status: z.number(), message: z.string() });
        let json: unknown;
        try {
            json = JSON.parse(res.text);
        } catch {
            throw new DokuApiError(`${method} ${this.baseUrl}${path}: HTTP ${res.status} with a non-JSON answer (${res.text.length} bytes); is this URL a Doku ingester?`,
                method, path, res.status, undefined, false);
        }
        const parsed = schema.safeParse(json);
        if (!parsed.success) {
            throw new DokuApiError(`${method} ${this.baseUrl}${path}: HTTP ${res.status} with an unexpected answer (${parsed.error.issues[0].path.join(".") || "body"}: ${parsed.error.issues[0].message})`,
                method, path, res.status, undefined, false);
        }
        return parsed.data;
    }

    /** `GET /`, once: ready (200), database down (503), or an error when nothing answers. */
    async health(): Promise<{ ready: boolean; status: number; message: string }> {
        let res: RawResponse;
        try {
            res = await this.exchange("GET", "/", undefined, undefined);
        } catch (e) {
            throw this.networkFailure("GET", "/", e);
        }
        if (res.status !== 200 && res.status !== 503) throw this.failure("GET", "/", res, "unexpected answer");
        return { ready: res.status === 200, status: res.status, message: this.envelope("GET", "/", res).message };
    }

    /** Polls `GET /` until it answers 200, with backoff capped at `maxDelayMs`, for at most `timeoutMs`. */
    async waitUntilReady(timeoutMs: number, maxDelayMs = 2_000): Promise<void> {
        const deadline = Date.now() + timeoutMs;
        let delay = 50;
        let last = "no answer yet";
        for (;;) {
            try {
                const h = await this.health();
                if (h.ready) return;
                last = `HTTP ${h.status}: ${h.message}`;
            } catch (e) {
                if (!(e instanceof DokuApiError) || !e.retryable) throw e;
                last = e.message;
            }
            const wait = Math.min(delay, maxDelayMs) * (0.5 + Math.random() / 2);
            if (Date.now() + wait >= deadline) {
                throw new DokuApiError(
                    `The ingester at ${this.baseUrl} was not ready within ${Math.round(timeoutMs / 1000)} s (last: ${last}). ` +
                    `Check that it is running and that ClickHouse is reachable from it, or raise readinessTimeoutSeconds.`,
                    "GET", "/", undefined, undefined, false);
            }
            await sleep(wait);
            delay *= 2;
        }
    }

    private expect(method: string, path: string, res: RawResponse, ok: number[]): { status: number; message: string } {
        if (!ok.includes(res.status)) throw this.failure(method, path, res, "no message");
        return this.envelope(method, path, res);
    }

    /** `POST /api/keys`: creates a key (the bootstrap rule lets the first one through without authorization). */
    async createApiKey(name: string, authorization?: string): Promise<string> {
        const res = await this.request("POST", "/api/keys", { body: { name }, authorization: authorization ?? "" });
        const { message } = this.expect("POST", "/api/keys", res, [200, 201]);
        if (!/^dk[0-9a-f]{40}$/.test(message)) {
            throw new DokuApiError(`POST ${this.baseUrl}/api/keys: HTTP ${res.status} but the answer is not a Doku key`, "POST", "/api/keys", res.status, undefined, false);
        }
        return message;
    }

    /** `GET /api/keys`: the key of that name, or undefined when there is none. */
    async getApiKey(name: string): Promise<string | undefined> {
        const res = await this.request("GET", "/api/keys", { body: { name } });
        if (res.status === 404) return undefined;
        return this.expect("GET", "/api/keys", res, [200]).message;
    }

    /** `DELETE /api/keys`: true when deleted, false when it was already gone. */
    async deleteApiKey(name: string): Promise<boolean> {
        const res = await this.request("DELETE", "/api/keys", { body: { name } });
        if (res.status === 404) return false;
        this.expect("DELETE", "/api/keys", res, [200]);
        return true;
    }

    /** `GET /api/connections`: the connection, or undefined when there is none. */
    async getConnection(): Promise<StoredConnection | undefined> {
        const res = await this.request("GET", "/api/connections");
        if (res.status === 404) return undefined;
        if (res.status !== 200) throw this.failure("GET", "/api/connections", res, "no message");
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
            json = JSON.parse(res.text);
        } catch {
            throw new DokuApiError(`GET ${this.baseUrl}/api/connections: HTTP 200 with a non-JSON answer`, "GET", "/api/connections", 200, undefined, false);
        }
        const parsed = schema.safeParse(json);
        if (!parsed.success) {
            throw new DokuApiError(`GET ${this.baseUrl}/api/connections: unexpected answer (${parsed.error.issues[0].path.join(".")}: ${parsed.error.issues[0].message})`,
                "GET", "/api/connections", 200, undefined, false);
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

    /** `POST /api/connections`: creates or replaces the one connection (success is 200). */
    async putConnection(connection: ConnectionSpec): Promise<void> {
        const res = await this.request("POST", "/api/connections", { body: connectionBody(connection) });
        this.expect("POST", "/api/connections", res, [200, 201]);
    }

    /** `DELETE /api/connections` with the connection as body: true when deleted, false when none existed. */
    async deleteConnection(connection: ConnectionSpec): Promise<boolean> {
        const res = await this.request("DELETE", "/api/connections", { body: connectionBody(connection) });
        if (res.status === 404) return false;
        this.expect("DELETE", "/api/connections", res, [200]);
        return true;
    }
}

export { DokuApiError, PLATFORMS };
export type { ConnectionSpec, Platform, StoredConnection } from "./api";
