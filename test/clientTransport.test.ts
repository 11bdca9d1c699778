/**
 * @file The client's one transport: bad ports, one deadline for the whole
 * exchange, redirects never followed, credentials in URLs refused.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { DokuApiError, DokuClient } from "../ingester/client";
import { FakeIngester } from "./support/fakeIngester";

let ingester: FakeIngester;
beforeEach(async () => {
    ingester = new FakeIngester();
    await ingester.start();
});
afterEach(() => ingester.stop());

async function failure(fn: () => Promise<unknown>, secrets: string[] = []): Promise<DokuApiError> {
    try {
        await fn();
    } catch (error) {
        for (const secret of [...secrets, ...ingester.keys.values()]) {
            expect((error as Error).message).not.toContain(secret);
        }
        return error as DokuApiError;
    }
    throw new Error("expected a failure");
}

/** Fetch's "bad ports" (fetch.spec.whatwg.org#port-blocking) that an ingester may be published on. */
const FETCH_BAD_PORTS = [6000, 6566, 6665, 6666, 6667, 6668, 6669, 6697, 10080];

async function listenOnABadPort(server: http.Server): Promise<number | undefined> {
    for (const port of FETCH_BAD_PORTS) {
        const ok = await new Promise<boolean>((resolve) => {
            server.once("error", () => resolve(false));
            server.listen(port, "127.0.0.1", () => resolve(true));
        });
        if (ok) return port;
    }
    return undefined;
}

describe("transport", () => {
    it("talks to an ingester on a port fetch refuses (6000 and the rest of its bad ports)", async () => {
        const server = http.createServer((_req, res) => {
            res.writeHead(200, { "Content-Type": "application/json" });
            res.end(JSON.stringify({ status: 200, message: "Welcome to Doku Ingester - Service operational" }));
        });
        const port = await listenOnABadPort(server);
        try {
            expect(port).toBeDefined();
            const client = new DokuClient({ baseUrl: `http://127.0.0.1:${port}`, retryDeadlineMs: 500 });
            await expect(client.health()).resolves.toMatchObject({ ready: true, status: 200 });
        } finally {
            server.closeAllConnections();
            await new Promise((closed) => server.close(closed));
        }
    });

    it(
        "holds one deadline over headers AND body: " +
            "a server dripping a byte every 200 ms cannot hold a GET /api/keys",
        async () => {
            const key = ingester.addKey("pulumi");
            ingester.faults.push({ method: "GET", path: "/api/keys", dripMs: 200 });
            const client = new DokuClient({
                baseUrl: ingester.url,
                apiKey: key,
                requestTimeoutMs: 1000,
                retryDeadlineMs: 1,
            });
            const started = Date.now();
            const error = await failure(() => client.getApiKey("pulumi"), [key]);
            const elapsed = Date.now() - started;
            expect(error.message).toBe(`GET ${ingester.url}/api/keys: no answer within 1000 ms`);
            expect(error.kind).toBe("timeout");
            expect(elapsed).toBeGreaterThanOrEqual(950);
            expect(elapsed).toBeLessThan(2500);
        },
    );

    it("refuses a URL with a user name or password without echoing them", async () => {
        const error = await failure(
            () => Promise.resolve(new DokuClient({ baseUrl: "https://admin:hunter2@doku.example.com" })),
            ["hunter2", "admin:"],
        );
        expect(error.message).toBe(
            'DokuClient baseUrl: got "https://***@doku.example.com", a URL with a user name or ' +
                "password; expected an http:// or https:// URL without credentials (the ingester authenticates with the Doku API key)",
        );
        expect(error.retryable).toBe(false);
    });

    it("refuses what is not an http(s) URL before any request", () => {
        expect(() => new DokuClient({ baseUrl: "localhost:9044" })).toThrow(
            'DokuClient baseUrl: got "localhost:9044"; expected an http:// or https:// URL',
        );
    });

    it("caps the answer's size", async () => {
        ingester.faults.push({ method: "GET", path: "/", status: 200, body: "x".repeat(2 * 1024 * 1024) });
        const error = await failure(() => new DokuClient({ baseUrl: ingester.url }).health());
        expect(error.message).toBe(
            `GET ${ingester.url}/: an answer larger than 1048576 bytes; is this URL a Doku ingester?`,
        );
    });
});

describe.each([301, 302, 307, 308])("a %i redirect", (status) => {
    let target: FakeIngester;
    beforeEach(async () => {
        target = new FakeIngester();
        await target.start();
    });
    afterEach(() => target.stop());

    it.each(["cross-origin", "same-origin"])(
        "is never followed (%s): the target receives nothing, the key goes nowhere",
        async (origin) => {
            const key = ingester.addKey("admin");
            const location =
                origin === "cross-origin"
                    ? `http://user:pw@127.0.0.1:${target.port}/elsewhere/api/keys?token=s3cr3t#frag`
                    : "/elsewhere/api/keys?token=s3cr3t";
            ingester.faults.push({ method: "POST", path: "/api/keys", status, redirectTo: location, times: 10 });
            const client = new DokuClient({ baseUrl: ingester.url, apiKey: key, initialBackoffMs: 1 });
            const error = await failure(() => client.createApiKey("pulumi", key), [key, "s3cr3t", "user:pw", "frag"]);
            const shown =
                origin === "cross-origin"
                    ? `http://127.0.0.1:${target.port}/elsewhere/api/keys`
                    : `${ingester.url}/elsewhere/api/keys`;
            expect(error.message).toBe(
                `POST ${ingester.url}/api/keys: HTTP ${status}: the ingester URL redirects to ${shown}; ` +
                    "set doku:ingesterUrl to the final URL " +
                    "(redirects are not followed: they would carry the Doku API key elsewhere)",
            );
            expect(error.retryable).toBe(false);
            expect(target.requests).toHaveLength(0);
            expect(ingester.requests.map((request) => `${request.method} ${request.path}`)).toEqual(["POST /api/keys"]);
            expect(ingester.keys.has("pulumi")).toBe(false);
        },
    );

    it("stops the readiness wait at once", async () => {
        ingester.faults.push({
            method: "GET",
            path: "/",
            status,
            redirectTo: `http://127.0.0.1:${target.port}/`,
            times: 10,
        });
        const started = Date.now();
        const error = await failure(() => new DokuClient({ baseUrl: ingester.url }).waitUntilReady(30_000));
        expect(error.kind).toBe("redirect");
        expect(Date.now() - started).toBeLessThan(1000);
        expect(target.requests).toHaveLength(0);
    });
});

describe("an unused port", () => {
    async function closedPort(): Promise<number> {
        const server = http.createServer();
        await new Promise<void>((listening) => server.listen(0, "127.0.0.1", () => listening()));
        const port = (server.address() as AddressInfo).port;
        await new Promise((closed) => server.close(closed));
        return port;
    }

    it("is retried only within refusedWindowMs, then fails as refused and never sent", async () => {
        const client = new DokuClient({
            baseUrl: `http://127.0.0.1:${await closedPort()}`,
            refusedWindowMs: 600,
            initialBackoffMs: 50,
        });
        const started = Date.now();
        const error = await failure(() => client.getConnection());
        expect(Date.now() - started).toBeGreaterThanOrEqual(600);
        expect(Date.now() - started).toBeLessThan(3000);
        expect(error).toMatchObject({ kind: "refused", requestSent: false, retryable: true });
        expect(error.message).toMatch(
            /: connection refused \(the ingester is not listening yet, or the URL is wrong\) \(after \d+ attempts\)$/,
        );
    });
});
