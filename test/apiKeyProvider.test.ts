import { UNKNOWN } from "../ingester/connectionRules";
import { dokuApiKeyProvider as provider } from "../ingester/apiKeyProvider";
import { FakeIngester } from "./support/fakeIngester";

let ingester: FakeIngester;
beforeEach(async () => {
    ingester = new FakeIngester();
    await ingester.start();
});
afterEach(() => ingester.stop());

async function failure(fn: () => Promise<unknown>): Promise<Error> {
    try {
        await fn();
    } catch (e) {
        for (const key of ingester.keys.values()) expect((e as Error).message).not.toContain(key);
        return e as Error;
    }
    throw new Error("expected a failure");
}

describe("DokuApiKey provider", () => {
    it("bootstraps the first key without authorization, reads it back, deletes it", async () => {
        const created = await provider.create({ ingesterUrl: ingester.url, name: "pulumi" });
        expect(created.id).toBe("pulumi");
        expect(created.outs.key).toMatch(/^dk[0-9a-f]{40}$/);
        expect(ingester.keys.get("pulumi")).toBe(created.outs.key);
        const post = ingester.requests.find((r) => r.method === "POST")!;
        expect(post.authorization).toBe("");
        expect(JSON.parse(post.body)).toEqual({ name: "pulumi" });

        const read = await provider.read!(created.id, created.outs);
        expect(read).toEqual({ id: "pulumi", props: created.outs });
        // GET /api/keys carries its JSON body (fetch cannot send one; the client uses node:http there).
        const get = ingester.requests.find((r) => r.method === "GET" && r.path === "/api/keys")!;
        expect(JSON.parse(get.body)).toEqual({ name: "pulumi" });
        expect(get.authorization).toBe(created.outs.key);

        await provider.delete!(created.id, created.outs);
        expect(ingester.keys.has("pulumi")).toBe(false);
        // Deleted already: the key no longer authenticates (401), which counts as gone.
        await expect(provider.delete!(created.id, created.outs)).resolves.toBeUndefined();
        expect(ingester.requests.filter((r) => r.method === "DELETE").map((r) => r.authorization)).toEqual([created.outs.key, created.outs.key]);
    });

    it("sees a key deleted out of band as gone, whether the ingester says 404 or 401", async () => {
        const created = await provider.create({ ingesterUrl: ingester.url, name: "pulumi" });
        ingester.addKey("admin");
        ingester.keys.delete("pulumi");
        // With its own key (what refresh does): 401, the key no longer authenticates.
        expect((await provider.read!(created.id, created.outs)).id).toBe("");
        expect(ingester.requests.pop()).toMatchObject({ method: "GET", path: "/api/keys", authorization: created.outs.key });
        // With a key that still exists: 404.
        const admin = ingester.keys.get("admin")!;
        expect((await provider.read!(created.id, { ...created.outs, key: admin })).id).toBe("");
    });

    it("still fails on other errors during refresh", async () => {
        const created = await provider.create({ ingesterUrl: ingester.url, name: "pulumi" });
        ingester.faults.push({ method: "GET", path: "/api/keys", status: 400, body: JSON.stringify({ status: 400, message: "Invalid API key name" }) });
        await expect(provider.read!(created.id, created.outs)).rejects.toThrow(`GET ${ingester.url}/api/keys: HTTP 400: Invalid API key name; the request was rejected as invalid`);
    });

    it("explains an existing name (409): set doku:apiKey instead", async () => {
        const admin = ingester.addKey("admin");
        ingester.addKey("pulumi");
        const error = await failure(() => provider.create({ ingesterUrl: ingester.url, name: "pulumi", adminApiKey: admin }));
        expect(error.message).toBe(`A Doku API key named "pulumi" already exists on ${ingester.url}. Set that key with \`pulumi config set --secret doku:apiKey <key>\` (or choose another doku:apiKeyName).`);
    });

    it("explains that the bootstrap rule no longer applies once keys exist (401)", async () => {
        ingester.addKey("someone");
        const error = await failure(() => provider.create({ ingesterUrl: ingester.url, name: "pulumi" }));
        expect(error.message).toMatch(/already has API keys, so it no longer creates one without authorization\. Set an existing key with `pulumi config set --secret doku:apiKey <key>`/);
    });

    it("creates with an admin key once keys exist", async () => {
        const admin = ingester.addKey("admin");
        const created = await provider.create({ ingesterUrl: ingester.url, name: "pulumi", adminApiKey: admin });
        expect(ingester.keys.get("pulumi")).toBe(created.outs.key);
    });

    it("checks names and URLs before any call, accepting unknowns", async () => {
        expect((await provider.check!({}, { ingesterUrl: ingester.url, name: "doku-client-internal" })).failures)
            .toEqual([{ property: "name", reason: 'got "doku-client-internal"; that name is reserved by the ingester, choose another' }]);
        expect((await provider.check!({}, { ingesterUrl: "localhost:9044", name: "Has Space" })).failures!.map((f) => f.property))
            .toEqual(["ingesterUrl", "name"]);
        expect((await provider.check!({}, { ingesterUrl: UNKNOWN, name: UNKNOWN })).failures).toEqual([]);
        expect(await provider.diff!("pulumi", { ingesterUrl: "a", name: "x" }, { ingesterUrl: "a", name: "y" }))
            .toEqual({ changes: true, replaces: ["name"], deleteBeforeReplace: true });
        expect(ingester.requests).toHaveLength(0);
    });
});
