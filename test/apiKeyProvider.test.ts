import * as pulumi from "@pulumi/pulumi";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { UNKNOWN } from "../ingester/connectionRules";
import { dokuApiKeyProvider as provider } from "../ingester/apiKeyProvider";
import { FakeIngester } from "./support/fakeIngester";

let ingester: FakeIngester;
let warnings: string[];
beforeEach(async () => {
    ingester = new FakeIngester();
    await ingester.start();
    warnings = [];
    jest.spyOn(pulumi.log, "warn").mockImplementation(async (msg: string) => {
        warnings.push(msg);
    });
});
afterEach(async () => {
    jest.restoreAllMocks();
    await ingester.stop();
});

async function failure(fn: () => Promise<unknown>): Promise<Error> {
    try {
        await fn();
    } catch (error) {
        for (const key of ingester.keys.values()) expect((error as Error).message).not.toContain(key);
        return error as Error;
    }
    throw new Error("expected a failure");
}

describe("DokuApiKey provider", () => {
    it("bootstraps the first key without authorization, reads it back, deletes it", async () => {
        const created = await provider.create({ ingesterUrl: ingester.url, name: "pulumi" });
        expect(created.id).toBe("pulumi");
        expect(created.outs.key).toMatch(/^dk[0-9a-f]{40}$/);
        expect(ingester.keys.get("pulumi")).toBe(created.outs.key);
        expect(created.outs.created).toBe(true);
        const post = ingester.requests.find((request) => request.method === "POST")!;
        expect(post.authorization).toBe("");
        expect(JSON.parse(post.body)).toEqual({ name: "pulumi" });

        const read = await provider.read!(created.id, created.outs);
        expect(read).toEqual({ id: "pulumi", props: created.outs });
        // GET /api/keys carries its JSON body (fetch cannot send one; the client uses node:http there).
        const get = ingester.requests.find((request) => request.method === "GET" && request.path === "/api/keys")!;
        expect(JSON.parse(get.body)).toEqual({ name: "pulumi" });
        expect(get.authorization).toBe(created.outs.key);

        await provider.delete!(created.id, created.outs);
        expect(ingester.keys.has("pulumi")).toBe(false);
        // Deleted already: the key no longer authenticates (401), which counts as gone.
        await expect(provider.delete!(created.id, created.outs)).resolves.toBeUndefined();
        expect(
            ingester.requests.filter((request) => request.method === "DELETE").map((request) => request.authorization),
        ).toEqual([created.outs.key, created.outs.key]);
    });

    it("sees a key deleted out of band as gone, whether the ingester says 404 or 401", async () => {
        const created = await provider.create({ ingesterUrl: ingester.url, name: "pulumi" });
        ingester.addKey("admin");
        ingester.keys.delete("pulumi");
        // With its own key (what refresh does): 401, the key no longer authenticates.
        expect((await provider.read!(created.id, created.outs)).id).toBe("");
        expect(ingester.requests.pop()).toMatchObject({
            method: "GET",
            path: "/api/keys",
            authorization: created.outs.key,
        });
        // With a key that still exists: 404.
        const admin = ingester.keys.get("admin")!;
        expect((await provider.read!(created.id, { ...created.outs, key: admin })).id).toBe("");
    });

    it("still fails on other errors during refresh", async () => {
        const created = await provider.create({ ingesterUrl: ingester.url, name: "pulumi" });
        ingester.faults.push({
            method: "GET",
            path: "/api/keys",
            status: 400,
            body: JSON.stringify({ status: 400, message: "Invalid API key name" }),
        });
        await expect(provider.read!(created.id, created.outs)).rejects.toThrow(
            `GET ${ingester.url}/api/keys: HTTP 400: Invalid API key name; the request was rejected as invalid`,
        );
    });

    it("explains an existing name (409): set doku:apiKey instead", async () => {
        const admin = ingester.addKey("admin");
        ingester.addKey("pulumi");
        const error = await failure(() =>
            provider.create({ ingesterUrl: ingester.url, name: "pulumi", adminApiKey: admin }),
        );
        expect(error.message).toBe(
            `A Doku API key named "pulumi" already exists on ${ingester.url}. ` +
                "Set that key with `pulumi config set --secret doku:apiKey <key>` (or choose another doku:apiKeyName).",
        );
    });

    it("explains that the bootstrap rule no longer applies once keys exist (401)", async () => {
        ingester.addKey("someone");
        const error = await failure(() => provider.create({ ingesterUrl: ingester.url, name: "pulumi" }));
        expect(error.message).toMatch(
            new RegExp(
                "already has API keys, so it no longer creates one without authorization\\. " +
                    "Set an existing key with `pulumi config set --secret doku:apiKey <key>`",
            ),
        );
    });

    it("creates with an admin key once keys exist", async () => {
        const admin = ingester.addKey("admin");
        const created = await provider.create({ ingesterUrl: ingester.url, name: "pulumi", adminApiKey: admin });
        expect(ingester.keys.get("pulumi")).toBe(created.outs.key);
    });

    it("checks names and URLs before any call, accepting unknowns", async () => {
        expect(
            (await provider.check!({}, { ingesterUrl: ingester.url, name: "doku-client-internal" })).failures,
        ).toEqual([
            {
                property: "name",
                reason:
                    'got "doku-client-internal"; expected a name other than doku-client-internal ' +
                    "(reserved by the ingester)",
            },
        ]);
        expect(
            (await provider.check!({}, { ingesterUrl: "localhost:9044", name: "Has Space" })).failures!.map(
                (problem) => problem.property,
            ),
        ).toEqual(["ingesterUrl", "name"]);
        expect((await provider.check!({}, { ingesterUrl: UNKNOWN, name: UNKNOWN })).failures).toEqual([]);
        expect(
            await provider.diff!("pulumi", { ingesterUrl: "a", name: "x" }, { ingesterUrl: "a", name: "y" }),
        ).toEqual({ changes: true, replaces: ["name"], deleteBeforeReplace: true });
        const all = { ingesterUrl: UNKNOWN, name: UNKNOWN, adminApiKey: UNKNOWN, existingKey: UNKNOWN };
        expect((await provider.check!({}, all)).failures).toEqual([]);
        expect(ingester.requests).toHaveLength(0);
    });

    it("refuses a URL with credentials and a malformed existingKey without showing either", async () => {
        const { failures } = await provider.check!(
            {},
            { ingesterUrl: "http://ops:hunter2@doku:9044", name: "pulumi", existingKey: "hunter3" },
        );
        expect(failures).toEqual([
            {
                property: "ingesterUrl",
                reason:
                    'got "http://***@doku:9044", a URL with a user name or password; expected an ' +
                    "http:// or https:// URL without credentials (the ingester authenticates with the Doku API key)",
            },
            {
                property: "existingKey",
                reason:
                    "got a secret value that is not a Doku API key; expected dk followed by " +
                    "40 lower-case hex digits, as the ingester issues them",
            },
        ]);
        expect(JSON.stringify(failures)).not.toMatch(/hunter/);
    });
});

describe("DokuApiKey when the ingester is replaced (no key churn)", () => {
    const olds = { ingesterUrl: "http://127.0.0.1:9044", name: "pulumi", key: `dk${"a".repeat(40)}`, created: true };

    it("diff: an unknown or changed ingesterUrl is an update, never a replacement; name still replaces", async () => {
        for (const ingesterUrl of [UNKNOWN, "http://doku.example.com"]) {
            expect(await provider.diff!("pulumi", olds, { ingesterUrl, name: "pulumi" })).toEqual({
                changes: true,
                replaces: [],
                deleteBeforeReplace: true,
            });
        }
        expect(await provider.diff!("pulumi", olds, { ingesterUrl: olds.ingesterUrl, name: "pulumi" })).toMatchObject({
            changes: false,
            replaces: [],
        });
        expect((await provider.diff!("pulumi", olds, { ingesterUrl: UNKNOWN, name: UNKNOWN })).replaces).toEqual([
            "name",
        ]);
        // Adopting is an update; dropping an adopted key replaces (the resource must create its own).
        expect(await provider.diff!("pulumi", olds, { ...olds, existingKey: UNKNOWN })).toMatchObject({
            changes: true,
            replaces: [],
        });
        const adopted = { ...olds, existingKey: olds.key, created: false };
        expect(
            (await provider.diff!("pulumi", adopted, { ingesterUrl: olds.ingesterUrl, name: "pulumi" })).replaces,
        ).toEqual(["existingKey"]);
    });

    it("keeps the key, with zero writes, when it still authenticates at the new URL", async () => {
        const created = await provider.create({ ingesterUrl: ingester.url, name: "pulumi" });
        const moved = new FakeIngester();
        await moved.start();
        try {
            // The same ClickHouse behind a new container: the same keys.
            moved.keys.set("pulumi", created.outs.key);
            const updated = await provider.update!("pulumi", created.outs, { ingesterUrl: moved.url, name: "pulumi" });
            expect(updated.outs).toEqual({
                ingesterUrl: moved.url,
                name: "pulumi",
                key: created.outs.key,
                created: true,
            });
            expect(moved.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
                "GET /",
                "GET /api/keys",
            ]);
            expect(moved.requests[1].authorization).toBe(created.outs.key);
        } finally {
            await moved.stop();
        }
    });

    it("bootstraps one new key on a new, empty ingester, with a warning", async () => {
        const created = await provider.create({ ingesterUrl: ingester.url, name: "pulumi" });
        const fresh = new FakeIngester();
        await fresh.start();
        try {
            const updated = await provider.update!("pulumi", created.outs, { ingesterUrl: fresh.url, name: "pulumi" });
            expect(updated.outs.key).toBe(fresh.keys.get("pulumi"));
            expect(updated.outs.key).not.toBe(created.outs.key);
            expect(updated.outs.created).toBe(true);
            expect(fresh.apiRequests().filter((request) => request.method === "POST")).toHaveLength(1);
            expect(warnings).toEqual([
                expect.stringMatching(
                    /^The Doku API key "pulumi" does not authenticate at .* a new key was created there/,
                ),
            ]);
        } finally {
            await fresh.stop();
        }
    });

    it("fails with the fix when the new ingester has other keys", async () => {
        const created = await provider.create({ ingesterUrl: ingester.url, name: "pulumi" });
        const other = new FakeIngester();
        await other.start();
        try {
            other.addKey("someone");
            const error = await failure(() =>
                provider.update!("pulumi", created.outs, { ingesterUrl: other.url, name: "pulumi" }),
            );
            expect(error.message).toBe(
                `The Doku API key "pulumi" of this stack does not authenticate at ${other.url}, and that ` +
                    "ingester already has keys, so it creates none without authorization. " +
                    "Set a key of that ingester with `pulumi config set --secret doku:apiKey <key>` " +
                    "(the stack adopts it).",
            );
        } finally {
            await other.stop();
        }
    });
});

describe("DokuApiKey with existingKey (adopted, never deleted)", () => {
    it("adopts a key after one authenticated GET, and never deletes it", async () => {
        const key = ingester.addKey("ops");
        const created = await provider.create({ ingesterUrl: ingester.url, name: "pulumi", existingKey: key });
        expect(created.outs).toMatchObject({ key, created: false });
        expect(
            ingester.requests.map((request) => `${request.method} ${request.path} ${request.authorization ?? "-"}`),
        ).toEqual(["GET / -", `GET /api/keys ${key}`]);
        // Refresh keeps it (its name need not match), destroy leaves it.
        expect(await provider.read!(created.id, created.outs)).toEqual({ id: "pulumi", props: created.outs });
        await provider.delete!(created.id, created.outs);
        expect(ingester.keys.get("ops")).toBe(key);
        expect(ingester.requests.filter((request) => request.method === "DELETE")).toHaveLength(0);
    });

    it("refuses a key the ingester does not know (401) with the fix", async () => {
        const error = await failure(() =>
            provider.create({ ingesterUrl: ingester.url, name: "pulumi", existingKey: `dk${"0".repeat(40)}` }),
        );
        expect(error.message).toBe(
            `existingKey (doku:apiKey) does not authenticate at ${ingester.url} (GET /api/keys: HTTP 401): ` +
                "it is not a key of this ingester. " +
                "Set one of its keys with `pulumi config set --secret doku:apiKey <key>`.",
        );
        expect(error.message).not.toContain("0".repeat(40));
    });

    it("bootstrapped, then existingKey = the same key: an update with no call; destroy deletes nothing", async () => {
        const created = await provider.create({ ingesterUrl: ingester.url, name: "pulumi" });
        const news = { ingesterUrl: ingester.url, name: "pulumi", existingKey: created.outs.key };
        expect(await provider.diff!("pulumi", created.outs, news)).toMatchObject({ changes: true, replaces: [] });
        ingester.requests.length = 0;
        const updated = await provider.update!("pulumi", created.outs, news);
        expect(updated.outs).toMatchObject({ key: created.outs.key, created: false });
        expect(ingester.requests).toHaveLength(0);
        await provider.delete!("pulumi", updated.outs);
        expect(ingester.requests).toHaveLength(0);
        expect(ingester.keys.get("pulumi")).toBe(created.outs.key);
    });

    it("another existingKey is verified, adopted, and the created key is left with a warning", async () => {
        const created = await provider.create({ ingesterUrl: ingester.url, name: "pulumi" });
        const ops = ingester.addKey("ops");
        ingester.requests.length = 0;
        const updated = await provider.update!("pulumi", created.outs, {
            ingesterUrl: ingester.url,
            name: "pulumi",
            existingKey: ops,
        });
        expect(updated.outs).toMatchObject({ key: ops, created: false });
        expect(ingester.requests.map((request) => `${request.method} ${request.path}`)).toEqual(["GET /api/keys"]);
        expect(warnings).toEqual([
            expect.stringContaining('The Doku API key "pulumi" this stack created stays on the ingester'),
        ]);
    });
});

describe("DokuApiKey when nothing listens any more", () => {
    it("destroy and refresh finish at once when the host name does not exist (ENOTFOUND), with a warning", async () => {
        // RFC 6761: names under .invalid never resolve.
        const state = {
            ingesterUrl: "http://doku-ingester.invalid:9044",
            name: "pulumi",
            key: `dk${"b".repeat(40)}`,
            created: true,
        };
        const started = Date.now();
        await expect(provider.delete!("pulumi", state)).resolves.toBeUndefined();
        expect(await provider.read!("pulumi", state)).toEqual({ id: "", props: {} });
        expect(Date.now() - started).toBeLessThan(2000);
        expect(warnings).toHaveLength(2);
        expect(warnings[0]).toMatch(
            new RegExp(
                String.raw`^The Doku API key "pulumi" is treated as gone because nothing listens ` +
                    String.raw`at the ingester's URL \(its host name does not exist\)`,
            ),
        );
        expect(warnings.join()).not.toContain("b".repeat(40));
    });

    it("create fails at once on a name that does not resolve, with the diagnosis", async () => {
        const started = Date.now();
        const error = await failure(() =>
            provider.create({ ingesterUrl: "http://doku-ingester.invalid:9044", name: "pulumi" }),
        );
        expect(Date.now() - started).toBeLessThan(2000);
        expect(error.message).toMatch(
            new RegExp(
                String.raw`^GET http:\/\/doku-ingester\.invalid:9044\/: the ingester host doku-ingester\.invalid ` +
                    String.raw`does not resolve from this machine \(the machine running Pulumi\)`,
            ),
        );
    });

    it("destroy finishes when connections stay refused past the window (10 s), with a warning", async () => {
        const server = http.createServer();
        await new Promise<void>((listening) => server.listen(0, "127.0.0.1", () => listening()));
        const port = (server.address() as AddressInfo).port;
        await new Promise((closed) => server.close(closed));
        const started = Date.now();
        await provider.delete!("pulumi", {
            ingesterUrl: `http://127.0.0.1:${port}`,
            name: "pulumi",
            key: `dk${"c".repeat(40)}`,
        });
        expect(Date.now() - started).toBeGreaterThanOrEqual(10_000);
        expect(warnings).toEqual([expect.stringContaining("(connections were refused for 10 s)")]);
    }, 30_000);

    it("a real error while the ingester answers stays an error", async () => {
        const created = await provider.create({ ingesterUrl: ingester.url, name: "pulumi" });
        ingester.faults.push({ method: "DELETE", path: "/api/keys", status: 400 });
        await expect(provider.delete!(created.id, created.outs)).rejects.toThrow(/HTTP 400/);
        expect(warnings).toEqual([]);
    });
});
