import * as http from "node:http";
import * as https from "node:https";
import type { LookupFunction } from "node:net";

/**
 * The one transport of every ingester call: node:http / node:https, not
 * fetch, because
 * - fetch refuses the "bad ports" of the Fetch standard (6000, 6665–6669, …),
 *   which an ingester may well be published on;
 * - fetch cannot send `GET /api/keys` with its JSON body;
 * - here ONE deadline covers connect, headers and body (a server dripping its
 *   body byte by byte cannot hold a call past `timeoutMs`);
 * - redirects are never followed: a 3xx comes back with its Location, so the
 *   key and the body never reach a second origin;
 * - each call opens its own connection (`agent: false`): a kept-alive socket
 *   closed by the server between two calls would fail a POST with a reset
 *   although the POST never reached the server.
 */
export type NetworkKind =
    | "refused" // ECONNREFUSED: nothing listens there (yet)
    | "no-such-host" // ENOTFOUND: the name does not exist for this machine's resolver
    | "dns-temporary" // EAI_AGAIN: the resolver did not answer
    | "unreachable" // EHOSTUNREACH, ENETUNREACH
    | "timeout" // the deadline passed (before or after connecting: see requestSent)
    | "reset" // the connection broke after it was made
    | "too-large" // the answer exceeded maxBodyBytes
    | "other";

/** A call that got no usable answer. `requestSent` is false only when the request cannot have reached the server. */
export class TransportError extends Error {
    constructor(
        message: string,
        readonly kind: NetworkKind,
        readonly requestSent: boolean,
        readonly code?: string,
    ) {
        super(message);
        this.message = message; // see DokuApiError: the serialized class would lose it
        this.name = "TransportError";
    }
}

export interface TransportRequest {
    readonly url: URL;
    readonly method: string;
    readonly headers: Record<string, string>;
    readonly payload?: string;
    /** Deadline of the whole exchange: connect, headers and body. */
    readonly timeoutMs: number;
    /** Name resolution (default: dns.lookup). */
    readonly lookup?: LookupFunction;
    /** Largest answer read. Default: 1 MiB (the ingester's answers are a few hundred bytes). */
    readonly maxBodyBytes?: number;
}

export interface TransportResponse {
    readonly status: number;
    readonly text: string;
    /** Set on a 3xx with a Location header (the body is then not read). */
    readonly location?: string;
}

const NOT_SENT: Record<string, NetworkKind> = {
    ECONNREFUSED: "refused",
    ENOTFOUND: "no-such-host",
    EAI_AGAIN: "dns-temporary",
    EHOSTUNREACH: "unreachable",
    ENETUNREACH: "unreachable",
};

function classify(e: unknown, connected: boolean): TransportError {
    const code = (e as { code?: string }).code;
    const kind = code !== undefined ? NOT_SENT[code] : undefined;
    if (kind !== undefined && !connected) return new TransportError(code!, kind, false, code);
    if (code === "ECONNRESET" || code === "EPIPE" || (e as Error).message === "socket hang up") {
        return new TransportError("the connection was reset", "reset", connected, code);
    }
    // Only the code (or the error's class): a message could quote a header value.
    return new TransportError(code ?? (e as Error).name ?? "error", "other", connected, code);
}

/** One exchange, no retry. Rejects with a TransportError when no complete answer came. */
export function send(r: TransportRequest): Promise<TransportResponse> {
    return new Promise((resolve, reject) => {
        const lib = r.url.protocol === "https:" ? https : http;
        const maxBody = r.maxBodyBytes ?? 1024 * 1024;
        let connected = false;
        let settled = false;
        let req: http.ClientRequest | undefined;
        // Declared before `finish` uses it: Pulumi's closure serializer rejects a use before the declaration.
        let timer: NodeJS.Timeout | undefined;
        const finish = (error: TransportError | undefined, res?: TransportResponse) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            if (error) reject(error);
            else resolve(res!);
        };
        timer = setTimeout(() => {
            finish(new TransportError(`no complete answer within ${r.timeoutMs} ms`, "timeout", connected));
            req?.destroy();
        }, r.timeoutMs);
        const headers: Record<string, string | number> = { ...r.headers };
        if (r.payload !== undefined) headers["Content-Length"] = Buffer.byteLength(r.payload);
        try {
            req = lib.request(r.url, { method: r.method, headers, agent: false, lookup: r.lookup }, (res) => {
                const status = res.statusCode ?? 0;
                const location = res.headers.location;
                if (status >= 300 && status < 400 && location !== undefined) {
                    finish(undefined, { status, text: "", location });
                    res.destroy();
                    return;
                }
                const chunks: Buffer[] = [];
                let size = 0;
                res.on("data", (c: Buffer) => {
                    size += c.length;
                    if (size > maxBody) {
                        finish(new TransportError(`an answer larger than ${maxBody} bytes`, "too-large", true));
                        res.destroy();
                    } else chunks.push(c);
                });
                res.on("end", () => finish(undefined, { status, text: Buffer.concat(chunks).toString("utf8") }));
                res.on("error", (e) => finish(classify(e, true)));
                res.on("close", () => finish(new TransportError("the connection closed mid-answer", "reset", true)));
            });
        } catch (e) {
            // e.g. a header value with a newline: refused before anything is sent (no value is quoted).
            finish(
                new TransportError(
                    `the request could not be built (${(e as { code?: string }).code ?? "error"})`,
                    "other",
                    false,
                ),
            );
            return;
        }
        req.on("socket", (socket) =>
            socket.once("connect", () => {
                connected = true;
            }),
        );
        req.on("error", (e) => finish(classify(e, connected)));
        req.end(r.payload);
    });
}
