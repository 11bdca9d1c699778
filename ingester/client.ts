/**
 * @file A typed client for the Doku ingester's HTTP API (doku-ingester.md), on
 * node:http / node:https (./transport.ts says why not fetch). Used inside
 * dynamic providers, so: no `#private` fields, zod schemas built inside
 * functions (./answers.ts), every request with its own deadline. Its options
 * are in ./clientOptions.ts, readiness (`GET /`) in ./readiness.ts.
 *
 * Retries, per call (`request`'s `idempotent`):
 * - GET `/`, GET `/api/keys`, GET `/api/connections`: reads, retried.
 * - POST `/api/connections`: replaces the ingester's one connection, so a
 *   second identical POST leaves the same state: retried.
 * - DELETE `/api/keys`, DELETE `/api/connections`: a repeat finds nothing
 *   (404, or 401 once a key deleted itself), which callers read as "gone":
 *   retried.
 * - POST `/api/keys`: creates a key; a repeat after a lost answer would get
 *   409 or create a second key. Retried ONLY when the request cannot have
 *   reached the server (refused, DNS failure, no connection made); after a
 *   timeout, reset or 5xx it fails at once and says what to check.
 */
import {
    ConnectionSpec,
    DokuApiError,
    PLATFORMS,
    RawResponse,
    StoredConnection,
    connectionBody,
    parseStoredConnection,
} from "./api";
import { AnswerEnvelope, answerFailure, parseEnvelope } from "./answers";
import type { DokuClientOptions } from "./clientOptions";
import { networkFailure } from "./networkErrors";
import { IngesterHealth, healthOf, waitForReady } from "./readiness";
import { send } from "./transport";
import { showLocation, urlProblem } from "./urls";
import { isDokuApiKey } from "./apiKeyName";

export type { DokuClientOptions } from "./clientOptions";
export type { IngesterHealth } from "./readiness";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A typed client for the Doku ingester's HTTP API, with retries and deadlines (see the file comment). */
export class DokuClient {
    readonly baseUrl: string;
    readonly options: DokuClientOptions;

    constructor(options: DokuClientOptions) {
        const problem = urlProblem(options.baseUrl, "the ingester authenticates with the Doku API key");
        if (problem !== undefined) {
            throw new DokuApiError(
                `DokuClient baseUrl: ${problem}`,
                "",
                "",
                undefined,
                undefined,
                false,
                "invalid-url",
                false,
            );
        }
        this.options = options;
        this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    }

    /** Replaces every secret this client knows with `[redacted]`. */
    redact(text: string): string {
        let out = text;
        for (const secret of [this.options.apiKey, ...(this.options.redact ?? [])]) {
            if (secret) out = out.split(secret).join("[redacted]");
        }
        return out;
    }

    /** One HTTP exchange within one deadline. A redirect is an error, never followed. */
    private async exchange(
        method: string,
        path: string,
        body: unknown,
        authorization: string | undefined,
    ): Promise<RawResponse> {
        const url = `${this.baseUrl}${path}`;
        const headers: Record<string, string> = {};
        if (authorization !== undefined) headers.Authorization = authorization;
        const payload = body === undefined ? undefined : JSON.stringify(body);
        if (payload !== undefined) headers["Content-Type"] = "application/json";
        const res = await send({
            url: new URL(url),
            method,
            headers,
            payload,
            timeoutMs: this.options.requestTimeoutMs ?? 15_000,
            lookup: this.options.lookup,
        });
        if (res.location !== undefined) {
            throw new DokuApiError(
                `${method} ${url}: HTTP ${res.status}: the ingester URL redirects to ` +
                    `${showLocation(res.location, url)}; set doku:ingesterUrl to the final URL ` +
                    `(redirects are not followed: they would carry the Doku API key elsewhere)`,
                method,
                path,
                res.status,
                undefined,
                false,
                "redirect",
                true,
            );
        }
        return res;
    }

    /** Sends one call, retrying what may succeed next time (see the class comment) with backoff and jitter. */
    async request(
        method: string,
        path: string,
        options: { body?: unknown; authorization?: string; idempotent?: boolean } = {},
    ): Promise<RawResponse> {
        const settings = this.options;
        const deadline = Date.now() + (settings.retryDeadlineMs ?? 60_000);
        const authorization = options.authorization ?? settings.apiKey;
        const idempotent = options.idempotent ?? true;
        let delay = settings.initialBackoffMs ?? 200;
        let refusedSince: number | undefined;
        let dnsSince: number | undefined;
        for (let attempt = 1; ; attempt++) {
            let error: DokuApiError;
            try {
                const res = await this.exchange(method, path, options.body, authorization);
                if (res.status < 500) return res;
                error = this.failure(method, path, res, "the ingester failed");
            } catch (caught) {
                if (caught instanceof DokuApiError) throw caught; // a redirect: never retried
                error = this.networkFailure(method, path, caught);
            }
            const now = Date.now();
            refusedSince = error.kind === "refused" ? (refusedSince ?? now) : undefined;
            dnsSince = error.kind === "dns-temporary" ? (dnsSince ?? now) : undefined;
            const wait = Math.random() * delay;
            const again =
                error.retryable &&
                (idempotent || !error.requestSent) &&
                (refusedSince === undefined || now - refusedSince < (settings.refusedWindowMs ?? Infinity)) &&
                (dnsSince === undefined || now - dnsSince < (settings.dnsRetryMs ?? 5_000)) &&
                now + wait < deadline;
            if (!again) {
                if (attempt > 1) error.message += ` (after ${attempt} attempts)`;
                throw error;
            }
            await sleep(wait);
            delay = Math.min(delay * 2, settings.maxBackoffMs ?? 2_000);
        }
    }

    /** A transport failure as a DokuApiError naming the call, with every secret of this client redacted. */
    private networkFailure(method: string, path: string, cause: unknown): DokuApiError {
        const timeoutMs = this.options.requestTimeoutMs ?? 15_000;
        const secrets = [this.options.apiKey, ...(this.options.redact ?? [])];
        return networkFailure(method, this.baseUrl, path, cause, timeoutMs, secrets);
    }

    /** An error for an answer, with the ingester's message when the body has one (./answers.ts). */
    failure(method: string, path: string, res: RawResponse, fallback: string): DokuApiError {
        return answerFailure(this.baseUrl, method, path, res, fallback, (text) => this.redact(text));
    }

    /** Parses `{status, message}`; a non-JSON or malformed answer is an error naming the call. */
    private envelope(method: string, path: string, res: RawResponse): AnswerEnvelope {
        return parseEnvelope(this.baseUrl, method, path, res);
    }

    /** `GET /`, once: ready (200), database down (503), or an error when nothing answers (./readiness.ts). */
    async health(): Promise<IngesterHealth> {
        let res: RawResponse;
        try {
            res = await this.exchange("GET", "/", undefined, undefined);
        } catch (error) {
            if (error instanceof DokuApiError) throw error;
            throw this.networkFailure("GET", "/", error);
        }
        return healthOf(this.baseUrl, res, (text) => this.redact(text));
    }

    /**
     * Polls `GET /` until it answers 200, with backoff capped at `maxDelayMs`, for at most `timeoutMs`.
     * Stops at once on what waiting cannot fix: a name that does not resolve, a redirect, a non-JSON answer.
     */
    async waitUntilReady(timeoutMs: number, maxDelayMs = 2_000): Promise<void> {
        return waitForReady(this, this.options.dnsRetryMs ?? 5_000, timeoutMs, maxDelayMs);
    }

    /** The `{status, message}` of an answer whose status is one of `ok`; any other status is an error. */
    private expect(method: string, path: string, res: RawResponse, ok: number[]): AnswerEnvelope {
        if (!ok.includes(res.status)) throw this.failure(method, path, res, "no message");
        return this.envelope(method, path, res);
    }

    /**
     * `POST /api/keys`: creates a key (the bootstrap rule lets the first one through without authorization).
     * Not idempotent: see the class comment.
     */
    async createApiKey(name: string, authorization?: string): Promise<string> {
        let res: RawResponse;
        try {
            res = await this.request("POST", "/api/keys", {
                body: { name },
                authorization: authorization ?? "",
                idempotent: false,
            });
        } catch (error) {
            if (!(error instanceof DokuApiError) || !error.requestSent || error.kind === "redirect") throw error;
            throw new DokuApiError(
                `${error.message}. The ingester may have created the key "${name}" although no ` +
                    "answer came back, so it was not sent again. Look at the ingester (the Doku UI's API keys) " +
                    `for a key named "${name}": if it is there, set it with ` +
                    "`pulumi config set --secret doku:apiKey <key>` " +
                    "(or delete it there) and run `pulumi up` again; if it is not, just run `pulumi up` again.",
                error.method,
                error.path,
                error.status,
                error.ingesterMessage,
                false,
                error.kind,
                true,
            );
        }
        const { message } = this.expect("POST", "/api/keys", res, [200, 201]);
        if (!isDokuApiKey(message)) {
            throw new DokuApiError(
                `POST ${this.baseUrl}/api/keys: HTTP ${res.status} but the answer is not a Doku key`,
                "POST",
                "/api/keys",
                res.status,
                undefined,
                false,
            );
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
        const parsed = parseStoredConnection(res.text);
        if (typeof parsed === "string") {
            throw new DokuApiError(
                `GET ${this.baseUrl}/api/connections: ${parsed}`,
                "GET",
                "/api/connections",
                200,
                undefined,
                false,
            );
        }
        return parsed;
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
