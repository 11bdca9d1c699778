/**
 * @file A Doku ingester on 127.0.0.1 that behaves as doku-ingester.md says:
 * health, `/api/keys` with the bootstrap rule, `/api/connections` with its
 * one connection, validation before authentication, 405 for unknown
 * methods. Faults are injected per request.
 */
import { randomBytes } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** A fault injected into the next matching requests instead of (or before) the real answer. */
export interface Fault {
    /** Only requests with this method (default: any method). */
    readonly method?: string;
    /** Only requests to this path, without the query (default: any path). */
    readonly path?: string;
    /** Answer with this status and body instead of the real handler. */
    readonly status?: number;
    /** Raw body of that answer (default: a JSON envelope). */
    readonly body?: string;
    /** Wait this long before answering (the real handler answers unless status is set). */
    readonly delayMs?: number;
    /** Answer with this status (default 302) and this Location header, never the real handler. */
    readonly redirectTo?: string;
    /** Send a 200 header, then one byte of body every `dripMs`, never ending (until the client gives up or `stop`). */
    readonly dripMs?: number;
    /** Destroy the connection without answering (a reset as the client sees it). */
    readonly reset?: boolean;
    /** How many matching requests it applies to. Default: 1. */
    times?: number;
}

/** One request the fake ingester received, as it was logged before any fault or handler answered it. */
export interface LoggedRequest {
    readonly method: string;
    /** The URL path without the query. */
    readonly path: string;
    /** The raw `Authorization` header (the API key), when sent. */
    readonly authorization?: string;
    readonly body: string;
    /** When it arrived (ms since epoch). */
    readonly at: number;
}

const PLATFORM_FIELDS: Record<string, { required: string[]; empty: string[] }> = {
    datadog: { required: ["apikey", "metricsurl", "logsurl"], empty: ["metricsusername", "logsusername"] },
    newrelic: { required: ["apikey", "metricsurl", "logsurl"], empty: ["metricsusername", "logsusername"] },
    dynatrace: { required: ["apikey", "metricsurl", "logsurl"], empty: ["metricsusername", "logsusername"] },
    grafana: { required: ["apikey", "metricsurl", "logsurl", "metricsusername", "logsusername"], empty: [] },
    signoz: { required: ["apikey", "logsurl"], empty: [] },
};

/** The fake ingester: start() it, inject faults, read its keys, connection and request log, then stop() it. */
export class FakeIngester {
    /** Every request received, in order. */
    readonly requests: LoggedRequest[] = [];
    /** Faults to inject; the first one matching a request applies, and counts down its `times`. */
    readonly faults: Fault[] = [];
    /** name → key; the UI's own key always exists. */
    readonly keys = new Map<string, string>([["doku-client-internal", newKey()]]);
    /** The one stored connection (field names lower-cased, plus `created_at`), or null when none. */
    connection: Record<string, string> | null = null;
    /** Whether `GET /` reports the database reachable (200) or not (503). */
    databaseUp = true;
    /** When the server started listening (ms since epoch). */
    listeningSince = 0;
    private server?: http.Server;
    private readonly drips = new Set<NodeJS.Timeout>();
    /** The port it listens on (0 before start()). */
    port = 0;

    /** The base URL, `http://127.0.0.1:<port>`. */
    get url(): string {
        return `http://127.0.0.1:${this.port}`;
    }

    /** Listens now, or reserves a port and only listens after `delayMs` (the ingester starting up). */
    async start(delayMs = 0): Promise<void> {
        this.server = http.createServer((req, res) => this.handle(req, res));
        await new Promise<void>((listening) => this.server!.listen(0, "127.0.0.1", () => listening()));
        this.port = (this.server.address() as AddressInfo).port;
        if (delayMs > 0) {
            await new Promise<void>((closed) => this.server!.close(() => closed()));
            setTimeout(
                () =>
                    this.server!.listen(this.port, "127.0.0.1", () => {
                        this.listeningSince = Date.now();
                    }),
                delayMs,
            ).unref();
        } else {
            this.listeningSince = Date.now();
        }
    }

    /** Stops the drips, drops every connection and stops listening. */
    async stop(): Promise<void> {
        for (const drip of this.drips) clearInterval(drip);
        this.server?.closeAllConnections();
        await new Promise<void>((closed) => (this.server?.listening ? this.server.close(() => closed()) : closed()));
    }

    /** Requests other than `GET /`. */
    apiRequests(): LoggedRequest[] {
        return this.requests.filter((request) => request.path !== "/");
    }

    /** Stores a new random key under this name (replacing one of the same name) and returns it. */
    addKey(name: string): string {
        const key = newKey();
        this.keys.set(name, key);
        return key;
    }

    private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => {
            const body = Buffer.concat(chunks).toString("utf8");
            const path = (req.url ?? "/").split("?")[0];
            const method = req.method ?? "GET";
            const authorization = req.headers.authorization;
            this.requests.push({ method, path, authorization, body, at: Date.now() });
            const fault = this.faults.find(
                (candidate) =>
                    (candidate.times ?? 1) > 0 &&
                    (candidate.method ?? method) === method &&
                    (candidate.path ?? path) === path,
            );
            const answer = () => {
                if (fault?.reset) {
                    req.socket.destroy();
                    return;
                }
                if (fault?.redirectTo !== undefined) {
                    res.writeHead(fault.status ?? 302, {
                        Location: fault.redirectTo,
                        "Content-Type": "application/json",
                    });
                    res.end(JSON.stringify({ status: fault.status ?? 302, message: "moved" }));
                    return;
                }
                if (fault?.dripMs !== undefined) {
                    res.writeHead(200, { "Content-Type": "application/json" });
                    // Bounded: at most 600 bytes, and stopped when the client goes or at stop().
                    let sent = 0;
                    const drip = setInterval(() => {
                        if (res.destroyed || ++sent > 600) {
                            clearInterval(drip);
                            this.drips.delete(drip);
                            res.destroy();
                        } else res.write(" ");
                    }, fault.dripMs);
                    drip.unref();
                    this.drips.add(drip);
                    return;
                }
                if (fault?.status !== undefined) {
                    res.writeHead(fault.status, { "Content-Type": "application/json" });
                    res.end(fault.body ?? JSON.stringify({ status: fault.status, message: "injected fault" }));
                    return;
                }
                const [status, payload] = this.route(method, path, authorization, body);
                res.writeHead(status, payload === "" ? {} : { "Content-Type": "application/json" });
                res.end(payload);
            };
            if (fault) fault.times = (fault.times ?? 1) - 1;
            if (fault?.delayMs) setTimeout(answer, fault.delayMs).unref();
            else answer();
        });
    }

    private route(method: string, path: string, authorization: string | undefined, body: string): [number, string] {
        const reply = (status: number, message: string): [number, string] => [
            status,
            JSON.stringify({ status, message }),
        ];
        const authorized = () => authorization !== undefined && [...this.keys.values()].includes(authorization);
        const unauthorized = reply(401, "Unauthorized: Please check your API Key and try again");

        if (path === "/") {
            if (method !== "GET") return [405, ""];
            return this.databaseUp
                ? reply(200, "Welcome to Doku Ingester - Service operational")
                : reply(503, "Database is currently not reachable from the server");
        }
        if (path === "/api/keys") {
            if (!["POST", "GET", "DELETE"].includes(method)) return [405, ""];
            let name: string;
            try {
                name = String(JSON.parse(body).name ?? "").toLowerCase();
            } catch {
                return reply(400, "Invalid request body");
            }
            if (name === "" || name === "doku-client-internal") return reply(400, "Invalid API key name");
            if (method === "POST") {
                const bootstrap = [...this.keys.keys()].every((keyName) => keyName === "doku-client-internal");
                if (!bootstrap && !authorized()) return unauthorized;
                if (this.keys.has(name)) return reply(409, `An API Key with the name '${name}' already exists`);
                return reply(200, this.addKey(name));
            }
            if (!authorized()) return unauthorized;
            const key = this.keys.get(name);
            if (key === undefined) return reply(404, `Unable to find API Key with the given name ${name}`);
            if (method === "GET") return reply(200, key);
            this.keys.delete(name);
            return reply(200, "API key deleted successfully");
        }
        if (path === "/api/connections") {
            if (method === "GET") {
                if (!authorized()) return unauthorized;
                if (this.connection === null) return reply(404, "No existing Connection found");
                const stored = this.connection;
                return [
                    200,
                    JSON.stringify({
                        status: 200,
                        connections: {
                            platform: stored.platform,
                            metricsUrl: stored.metricsurl ?? "",
                            logsUrl: stored.logsurl,
                            apiKey: stored.apikey,
                            metricsUsername: stored.metricsusername ?? "",
                            logsUsername: stored.logsusername ?? "",
                            created_at: stored.created_at,
                        },
                    }),
                ];
            }
            if (method !== "POST" && method !== "DELETE") return [405, ""];
            // Validation runs before authentication.
            let fields: Record<string, string>;
            try {
                const parsed = JSON.parse(body);
                fields = Object.fromEntries(
                    Object.entries(parsed).map(([field, value]) => [field.toLowerCase(), String(value)]),
                );
            } catch {
                return reply(400, "Invalid request body");
            }
            const rules = PLATFORM_FIELDS[fields.platform];
            if (rules === undefined) {
                const supported = Object.keys(PLATFORM_FIELDS).join(", ");
                return reply(400, `unsupported platform '${fields.platform}'. Supported platforms are: ${supported}`);
            }
            const missing = rules.required.filter((field) => !fields[field]);
            const extra = rules.empty.filter((field) => fields[field]);
            if (missing.length > 0 || extra.length > 0) {
                return reply(400, `platform ${fields.platform} takes ${rules.required.join(", ")}`);
            }
            if (!authorized()) return unauthorized;
            if (method === "POST") {
                this.connection = { ...fields, created_at: new Date().toISOString() };
                return reply(200, "Connection created successfully");
            }
            if (this.connection === null) return reply(404, "No existing Connection found");
            this.connection = null;
            return reply(200, "Connection deleted successfully");
        }
        return reply(404, "Not found");
    }
}

/** A fresh random API key: `dk` and 40 random hex digits. */
function newKey(): string {
    return `dk${randomBytes(20).toString("hex")}`;
}
