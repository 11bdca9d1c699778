/**
 * @file The one transport of every ingester call: node:http / node:https, not
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
import * as http from "node:http";
import * as https from "node:https";
import type { LookupFunction } from "node:net";

/** Why a call got no usable answer, from the network's side. */
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

/** One HTTP exchange to make: where, what, and within which deadline. */
export interface TransportRequest {
    /** The full URL called. */
    readonly url: URL;
    /** The HTTP method. */
    readonly method: string;
    /** Headers sent as given (Content-Length is added for a payload). */
    readonly headers: Record<string, string>;
    /** The body, already serialized. Default: none. */
    readonly payload?: string;
    /** Deadline of the whole exchange: connect, headers and body. */
    readonly timeoutMs: number;
    /** Name resolution (default: dns.lookup). */
    readonly lookup?: LookupFunction;
    /** Largest answer read. Default: 1 MiB (the ingester's answers are a few hundred bytes). */
    readonly maxBodyBytes?: number;
}

/** The answer of one exchange: its status and body, or the Location of a redirect. */
export interface TransportResponse {
    /** The HTTP status (0 when the server sent none). */
    readonly status: number;
    /** The body as UTF-8 text (empty for a redirect). */
    readonly text: string;
    /** Set on a 3xx with a Location header (the body is then not read). */
    readonly location?: string;
}

/** The error codes that mean the request was never sent (when no connection was made), and their kind. */
const NOT_SENT: Record<string, NetworkKind> = {
    ECONNREFUSED: "refused",
    ENOTFOUND: "no-such-host",
    EAI_AGAIN: "dns-temporary",
    EHOSTUNREACH: "unreachable",
    ENETUNREACH: "unreachable",
};

/** A socket or request error as a TransportError: its kind, and whether the request may have been sent. */
function classify(cause: unknown, connected: boolean): TransportError {
    const code = (cause as { code?: string }).code;
    const kind = code !== undefined ? NOT_SENT[code] : undefined;
    if (kind !== undefined && !connected) return new TransportError(code!, kind, false, code);
    if (code === "ECONNRESET" || code === "EPIPE" || (cause as Error).message === "socket hang up") {
        return new TransportError("the connection was reset", "reset", connected, code);
    }
    // Only the code (or the error's class): a message could quote a header value.
    return new TransportError(code ?? (cause as Error).name ?? "error", "other", connected, code);
}

/** One exchange, no retry. Rejects with a TransportError when no complete answer came. */
export function send(request: TransportRequest): Promise<TransportResponse> {
    return new Promise((resolve, reject) => {
        const protocol = request.url.protocol === "https:" ? https : http;
        const maxBody = request.maxBodyBytes ?? 1024 * 1024;
        let connected = false;
        let settled = false;
        let clientRequest: http.ClientRequest | undefined;
        // Declared before `finish` uses it: Pulumi's closure serializer rejects a use before the declaration
        // (checked with pulumi.runtime.serializeFunction: "Error serializing"), even of a hoisted function.
        const deadline: { timer?: NodeJS.Timeout } = {};
        const finish = (error: TransportError | undefined, response?: TransportResponse) => {
            if (settled) return;
            settled = true;
            clearTimeout(deadline.timer);
            if (error) reject(error);
            else resolve(response!);
        };
        deadline.timer = setTimeout(() => {
            finish(new TransportError(`no complete answer within ${request.timeoutMs} ms`, "timeout", connected));
            clientRequest?.destroy();
        }, request.timeoutMs);
        const headers: Record<string, string | number> = { ...request.headers };
        if (request.payload !== undefined) headers["Content-Length"] = Buffer.byteLength(request.payload);
        const options = { method: request.method, headers, agent: false, lookup: request.lookup };
        try {
            clientRequest = protocol.request(request.url, options, (response) => {
                const status = response.statusCode ?? 0;
                const location = response.headers.location;
                if (status >= 300 && status < 400 && location !== undefined) {
                    finish(undefined, { status, text: "", location });
                    response.destroy();
                    return;
                }
                const chunks: Buffer[] = [];
                let size = 0;
                response.on("data", (chunk: Buffer) => {
                    size += chunk.length;
                    if (size > maxBody) {
                        finish(new TransportError(`an answer larger than ${maxBody} bytes`, "too-large", true));
                        response.destroy();
                    } else chunks.push(chunk);
                });
                response.on("end", () => finish(undefined, { status, text: Buffer.concat(chunks).toString("utf8") }));
                response.on("error", (error) => finish(classify(error, true)));
                response.on("close", () =>
                    finish(new TransportError("the connection closed mid-answer", "reset", true)),
                );
            });
        } catch (error) {
            // e.g. a header value with a newline: refused before anything is sent (no value is quoted).
            finish(
                new TransportError(
                    `the request could not be built (${(error as { code?: string }).code ?? "error"})`,
                    "other",
                    false,
                ),
            );
            return;
        }
        clientRequest.on("socket", (socket) =>
            socket.once("connect", () => {
                connected = true;
            }),
        );
        clientRequest.on("error", (error) => finish(classify(error, connected)));
        clientRequest.end(request.payload);
    });
}
