/** @file How a DokuClient reaches the Doku ingester: its URL, key, deadlines and retries (./client.ts). */
import type { LookupFunction } from "node:net";

/** How a DokuClient reaches the ingester: its URL, key, deadlines and retries. */
export interface DokuClientOptions {
    /** Base URL, e.g. `http://localhost:9044`; http(s), without user name or password. */
    readonly baseUrl: string;
    /** Doku API key sent as `Authorization` (raw, no Bearer). */
    readonly apiKey?: string;
    /** Deadline of each request: connect, headers and body. Default: 15 000 ms (the ingester's own are 10 s). */
    readonly requestTimeoutMs?: number;
    /** How long retries of one call may go on. Default: 60 000 ms. */
    readonly retryDeadlineMs?: number;
    /** First retry delay; doubles each time, with jitter. Default: 200 ms. */
    readonly initialBackoffMs?: number;
    /** Largest retry delay. Default: 2 000 ms. */
    readonly maxBackoffMs?: number;
    /** Other strings never to show in an error (e.g. a connection's API key). */
    readonly redact?: readonly string[];
    /** How long refused connections are retried before a call fails. Default: the whole retry deadline. */
    readonly refusedWindowMs?: number;
    /** How long "the resolver did not answer" (EAI_AGAIN) is retried. Default: 5 000 ms. */
    readonly dnsRetryMs?: number;
    /** Name resolution. Default: dns.lookup (what the operating system resolves). */
    readonly lookup?: LookupFunction;
}
