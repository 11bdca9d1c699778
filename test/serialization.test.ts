import * as pulumi from "@pulumi/pulumi";
import { dokuApiKeyProvider } from "../ingester/apiKeyProvider";
import { dokuConnectionProvider } from "../ingester/connectionProvider";
import requireFromString from "require-from-string";
import { FakeIngester } from "./support/fakeIngester";

/** Serializes a provider the way pulumi.dynamic.Resource does, and loads it back from the text. */
async function roundTrip(
    provider: pulumi.dynamic.ResourceProvider,
): Promise<{ text: string; loaded: pulumi.dynamic.ResourceProvider }> {
    const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: false });
    const text = `${sf.text}`;
    const mod = requireFromString(text, `${__dirname}/serialized-provider.js`);
    return { text, loaded: mod[sf.exportName]() };
}

let ingester: FakeIngester;
beforeEach(async () => {
    ingester = new FakeIngester();
    await ingester.start();
});
afterEach(() => ingester.stop());

describe("dynamic providers survive serialization", () => {
    it("the connection provider works after being loaded back from its serialized text", async () => {
        const { text, loaded } = await roundTrip(dokuConnectionProvider);
        expect(text).not.toContain("putConnection"); // the client is required when the provider runs, not serialized
        const key = ingester.addKey("ops");
        const inputs = {
            ingesterUrl: ingester.url,
            dokuApiKey: key,
            platform: "signoz",
            logsUrl: "https://l.example.com",
            apiKey: "s3cr3t",
        };
        const checked = await loaded.check!({}, inputs);
        expect(checked.failures).toEqual([]);
        const created = await loaded.create(checked.inputs);
        expect(ingester.connection).toMatchObject({ platform: "signoz", apikey: "s3cr3t" });
        expect((await loaded.read!(created.id, created.outs)).props).toEqual(created.outs);
        await loaded.delete!(created.id, created.outs);
        expect(ingester.connection).toBeNull();
    });

    it("the API key provider works after being loaded back from its serialized text", async () => {
        const { loaded } = await roundTrip(dokuApiKeyProvider);
        const created = await loaded.create({ ingesterUrl: ingester.url, name: "pulumi" });
        expect(created.outs.key).toMatch(/^dk[0-9a-f]{40}$/);
        await loaded.delete!(created.id, created.outs);
        expect(ingester.keys.has("pulumi")).toBe(false);
    });

    it(
        "errors thrown by the client keep their message once serialized " + "(the engine shows only the message)",
        async () => {
            const { loaded } = await roundTrip(dokuApiKeyProvider);
            const key = ingester.addKey("pulumi");
            ingester.faults.push({ method: "GET", path: "/api/keys", status: 400 });
            // Matched by fields: the serialized class extends Node's Error, not the one of jest's sandbox.
            await expect(
                loaded.read!("pulumi", { ingesterUrl: ingester.url, name: "pulumi", key }),
            ).rejects.toMatchObject({
                message: `GET ${ingester.url}/api/keys: HTTP 400: injected fault; the request was rejected as invalid`,
            });
        },
    );

    it(
        "the API key provider adopts, keeps adopted keys, " + "and warns through pulumi.log when nothing listens",
        async () => {
            const { text, loaded } = await roundTrip(dokuApiKeyProvider);
            // pulumi.log is required from the package, not captured by value.
            expect(text).toContain('require("@pulumi/pulumi/log/index.js")');
            // Errors keep their message once serialized (the class becomes a function calling Error.call).
            // (Matched by fields: the serialized class extends Node's Error, not the one of jest's sandbox.)
            await expect(
                loaded.create({ ingesterUrl: ingester.url, name: "pulumi", existingKey: `dk${"0".repeat(40)}` }),
            ).rejects.toMatchObject({
                name: "DokuApiError",
                message: expect.stringMatching(
                    /^existingKey \(doku:apiKey\) does not authenticate at http:.*HTTP 401\)/,
                ),
            });
            const ops = ingester.addKey("ops");
            const adopted = await loaded.create({ ingesterUrl: ingester.url, name: "pulumi", existingKey: ops });
            await loaded.delete!(adopted.id, adopted.outs);
            expect(ingester.keys.get("ops")).toBe(ops);
            // The serialized code requires pulumi's log module through Node itself, outside jest's registry:
            // spy on that one.
            const nodeLog = requireFromString(
                'module.exports = require("@pulumi/pulumi/log/index.js");',
                `${__dirname}/log.js`,
            );
            const warn = jest.spyOn(nodeLog, "warn").mockImplementation(async () => undefined);
            try {
                await loaded.delete!("pulumi", {
                    ingesterUrl: "http://doku-ingester.invalid:9044",
                    name: "pulumi",
                    key: ops,
                    created: true,
                });
                expect(warn).toHaveBeenCalledWith(
                    expect.stringMatching(/^The Doku API key "pulumi" is treated as gone/),
                );
            } finally {
                warn.mockRestore();
            }
        },
    );
});
