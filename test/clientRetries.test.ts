/** @file Which failures each call retries, and what a name that does not resolve says. */
import { lookup as systemLookup } from "node:dns";
import type { LookupFunction } from "node:net";
import { DokuApiError, DokuClient } from "../ingester/client";
import { FakeIngester } from "./support/fakeIngester";

let ingester: FakeIngester;
beforeEach(async () => {
    ingester = new FakeIngester();
    await ingester.start();
});
afterEach(() => ingester.stop());

async function failure(fn: () => Promise<unknown>): Promise<DokuApiError> {
    try {
        await fn();
    } catch (error) {
        for (const key of ingester.keys.values()) expect((error as Error).message).not.toContain(key);
        return error as DokuApiError;
    }
    throw new Error("expected a failure");
}

/** A resolver that fails every lookup with this code (what getaddrinfo reports), counting them. */
function failingLookup(code: string): { lookup: LookupFunction; count: () => number } {
    let lookups = 0;
    const lookup = ((hostname: string, _options: unknown, callback: (error: Error) => void) => {
        lookups++;
        const lookupError = Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), { code, hostname });
        process.nextTick(() => callback(lookupError));
    }) as unknown as LookupFunction;
    return { lookup, count: () => lookups };
}

const DIAGNOSIS =
    "the ingester host doku-ingester.doku.svc.cluster.local does not resolve from this machine " +
    "(the machine running Pulumi) (ENOTFOUND); on Kubernetes set doku:ingressHost, doku:serviceType LoadBalancer " +
    "or doku:managementUrl so that Pulumi can reach the ingester";

describe("a host name that does not resolve", () => {
    const baseUrl = "http://doku-ingester.doku.svc.cluster.local:9044";

    it("stops the readiness wait at once (ENOTFOUND) with a diagnosis, not a 300 s wait", async () => {
        const dns = failingLookup("ENOTFOUND");
        const started = Date.now();
        const error = await failure(() => new DokuClient({ baseUrl, lookup: dns.lookup }).waitUntilReady(300_000));
        expect(Date.now() - started).toBeLessThan(2000);
        expect(error.message).toBe(`GET ${baseUrl}/: ${DIAGNOSIS}`);
        expect(error).toMatchObject({ kind: "no-such-host", retryable: false, requestSent: false });
        expect(dns.count()).toBe(1);
    });

    it("stops a request at once too", async () => {
        const dns = failingLookup("ENOTFOUND");
        const error = await failure(() => new DokuClient({ baseUrl, lookup: dns.lookup }).getConnection());
        expect(error.message).toBe(`GET ${baseUrl}/api/connections: ${DIAGNOSIS}`);
        expect(dns.count()).toBe(1);
    });

    it("retries a resolver that does not answer (EAI_AGAIN) for dnsRetryMs only, then says so", async () => {
        const dns = failingLookup("EAI_AGAIN");
        const client = new DokuClient({ baseUrl, lookup: dns.lookup, dnsRetryMs: 500 });
        const started = Date.now();
        const error = await failure(() => client.waitUntilReady(300_000));
        expect(Date.now() - started).toBeLessThan(2500);
        expect(dns.count()).toBeGreaterThan(1);
        expect(error.message).toBe(
            `GET ${baseUrl}/: the ingester host doku-ingester.doku.svc.cluster.local could not be ` +
                "resolved from this machine (the machine running Pulumi): " +
                "its DNS resolver did not answer (EAI_AGAIN); check this machine's DNS, or on Kubernetes set " +
                "doku:ingressHost, doku:serviceType LoadBalancer or doku:managementUrl",
        );
    });
});

describe("POST /api/keys is not idempotent", () => {
    const afterAnswer =
        'The ingester may have created the key "pulumi" although no answer came back, so it was not ' +
        'sent again. Look at the ingester (the Doku UI\'s API keys) for a key named "pulumi": ' +
        "if it is there, set it with `pulumi config set --secret doku:apiKey <key>` (or delete it there) " +
        "and run `pulumi up` again; if it is not, " +
        "just run `pulumi up` again.";

    it("is not retried after a 5xx: one POST, and what to check", async () => {
        ingester.faults.push({ method: "POST", path: "/api/keys", status: 502, times: 5 });
        const client = new DokuClient({ baseUrl: ingester.url, initialBackoffMs: 1 });
        const error = await failure(() => client.createApiKey("pulumi"));
        expect(ingester.apiRequests()).toHaveLength(1);
        expect(error.message).toBe(`POST ${ingester.url}/api/keys: HTTP 502: injected fault. ${afterAnswer}`);
        expect(error.retryable).toBe(false);
    });

    it("is not retried after a timeout", async () => {
        ingester.faults.push({ method: "POST", path: "/api/keys", delayMs: 1500 });
        const client = new DokuClient({ baseUrl: ingester.url, requestTimeoutMs: 300, initialBackoffMs: 1 });
        const error = await failure(() => client.createApiKey("pulumi"));
        expect(error.message).toBe(`POST ${ingester.url}/api/keys: no answer within 300 ms. ${afterAnswer}`);
        expect(ingester.apiRequests()).toHaveLength(1);
    });

    it("is not retried after a reset", async () => {
        ingester.faults.push({ method: "POST", path: "/api/keys", reset: true, times: 5 });
        const client = new DokuClient({ baseUrl: ingester.url, initialBackoffMs: 1 });
        const error = await failure(() => client.createApiKey("pulumi"));
        expect(error.message).toBe(
            `POST ${ingester.url}/api/keys: the connection was reset before the answer was complete. ${afterAnswer}`,
        );
        expect(ingester.apiRequests()).toHaveLength(1);
    });

    it("is retried while the connection is refused (it cannot have reached the server)", async () => {
        await ingester.stop();
        ingester = new FakeIngester();
        await ingester.start(800);
        const key = await new DokuClient({ baseUrl: ingester.url, initialBackoffMs: 50 }).createApiKey("pulumi");
        expect(ingester.keys.get("pulumi")).toBe(key);
        expect(ingester.apiRequests()).toHaveLength(1);
    });

    it("is retried when the name did not resolve for a moment (EAI_AGAIN), never sent twice", async () => {
        let calls = 0;
        const lookup = ((hostname: string, options: any, callback: any) => {
            if (++calls === 1) {
                process.nextTick(() =>
                    callback(Object.assign(new Error("getaddrinfo EAI_AGAIN"), { code: "EAI_AGAIN", hostname })),
                );
            } else systemLookup(hostname, options, callback);
        }) as LookupFunction;
        const client = new DokuClient({
            baseUrl: ingester.url.replace("127.0.0.1", "localhost"),
            lookup,
            initialBackoffMs: 10,
        });
        await client.createApiKey("pulumi");
        expect(calls).toBeGreaterThanOrEqual(2);
        expect(ingester.apiRequests()).toHaveLength(1);
    });
});

describe("idempotent calls keep their retries", () => {
    it("POST /api/connections (it replaces the one connection) is retried after a reset and a 5xx", async () => {
        const key = ingester.addKey("ops");
        ingester.faults.push({ method: "POST", path: "/api/connections", reset: true });
        ingester.faults.push({ method: "POST", path: "/api/connections", status: 503, times: 1 });
        const client = new DokuClient({ baseUrl: ingester.url, apiKey: key, initialBackoffMs: 10 });
        await client.putConnection({ platform: "signoz", logsUrl: "https://l.example.com", apiKey: "s" });
        expect(ingester.apiRequests().map((request) => request.method)).toEqual(["POST", "POST", "POST"]);
        expect(ingester.connection).toMatchObject({ platform: "signoz" });
    });

    it("GET /api/keys is retried after a timeout", async () => {
        const key = ingester.addKey("pulumi");
        ingester.faults.push({ method: "GET", path: "/api/keys", delayMs: 1000 });
        const client = new DokuClient({
            baseUrl: ingester.url,
            apiKey: key,
            requestTimeoutMs: 200,
            initialBackoffMs: 10,
        });
        await expect(client.getApiKey("pulumi")).resolves.toBe(key);
        expect(ingester.apiRequests().length).toBeGreaterThanOrEqual(2);
    });
});
