/**
 * @file Whether the Doku ingester is ready (doku-ingester.md, `GET /`): one answer read as health (200 ready,
 * 503 database down), and the poll that waits for 200. DokuClient.health and DokuClient.waitUntilReady
 * (./client.ts) are built on these.
 */
import { DokuApiError, RawResponse } from "./api";
import { answerFailure, parseEnvelope } from "./answers";

/** What one `GET /` answered: ready (200) or not (503, the database is down), with the ingester's message. */
export interface IngesterHealth {
    ready: boolean;
    status: number;
    message: string;
}

/** What waitForReady polls: a client's base URL (for the error) and its one-shot `GET /`. */
export interface ReadinessProbe {
    readonly baseUrl: string;
    health(): Promise<IngesterHealth>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads the answer of `GET /`: 200 and 503 are health; any other status is an error naming the call, with the
 * ingester's message passed through `redact`.
 */
export function healthOf(baseUrl: string, res: RawResponse, redact: (text: string) => string): IngesterHealth {
    if (res.status !== 200 && res.status !== 503) {
        throw answerFailure(baseUrl, "GET", "/", res, "unexpected answer", redact);
    }
    return { ready: res.status === 200, status: res.status, message: parseEnvelope(baseUrl, "GET", "/", res).message };
}

/**
 * Polls `probe.health()` until it answers 200, with backoff capped at `maxDelayMs`, for at most `timeoutMs`.
 * Stops at once on what waiting cannot fix: a name that does not resolve, a redirect, a non-JSON answer; a
 * resolver that does not answer (EAI_AGAIN) is waited for `dnsRetryMs` at most.
 */
export async function waitForReady(
    probe: ReadinessProbe,
    dnsRetryMs: number,
    timeoutMs: number,
    maxDelayMs: number,
): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let delay = 50;
    let lastOutcome = "no answer yet";
    let lastKind = "http";
    let dnsSince: number | undefined;
    for (;;) {
        try {
            const health = await probe.health();
            if (health.ready) return;
            lastOutcome = `HTTP ${health.status}: ${health.message}`;
            lastKind = "http";
        } catch (error) {
            if (!(error instanceof DokuApiError) || !error.retryable) throw error;
            dnsSince = error.kind === "dns-temporary" ? (dnsSince ?? Date.now()) : undefined;
            if (dnsSince !== undefined && Date.now() - dnsSince >= dnsRetryMs) throw error;
            lastOutcome = error.message;
            lastKind = error.kind;
        }
        const wait = Math.min(delay, maxDelayMs) * (0.5 + Math.random() / 2);
        if (Date.now() + wait >= deadline) {
            const advice =
                lastKind === "http"
                    ? "Check that it is running and that ClickHouse is reachable from it"
                    : "Check that it is running and that this URL reaches it from the machine running Pulumi";
            throw new DokuApiError(
                `The ingester at ${probe.baseUrl} was not ready within ${Math.round(timeoutMs / 1000)} s ` +
                    `(last: ${lastOutcome}). ${advice}, or raise readinessTimeoutSeconds.`,
                "GET",
                "/",
                undefined,
                undefined,
                false,
                lastKind === "http" ? "http" : "timeout",
            );
        }
        await sleep(wait);
        delay *= 2;
    }
}
