import * as pulumi from "@pulumi/pulumi";
import { dokuApiKeyProvider } from "../ingester/apiKeyProvider";
import { dokuConnectionProvider } from "../ingester/connectionProvider";
import { FakeIngester } from "./support/fakeIngester";

const requireFromString: (code: string, filename?: string) => any = require("require-from-string");

/** Serializes a provider the way pulumi.dynamic.Resource does, and loads it back from the text. */
async function roundTrip(provider: pulumi.dynamic.ResourceProvider): Promise<{ text: string; loaded: pulumi.dynamic.ResourceProvider }> {
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
        expect(text).toContain("require(\"zod\")");
        const key = ingester.addKey("ops");
        const inputs = { ingesterUrl: ingester.url, dokuApiKey: key, platform: "signoz", logsUrl: "https://l.example.com", apiKey: "s3cr3t" };
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
});
