/**
 * @file The program as `pulumi up`, `refresh` and `destroy` run it, one run after another on the same state:
 * the lifecycle of an external-target stack and the replacement of a Docker ingester, driven by the offline
 * engine (Pulumi's own runner and dynamic-provider host) against the fake ingester. The CLI's config rules are
 * in engine.test.ts.
 */
import * as fs from "node:fs";
import { FakeIngester } from "./support/fakeIngester";
import {
    DATADOG_SECRETS as SECRETS,
    ENGINE_TEST_TIMEOUT_MS as LONG,
    EngineStack,
    everythingPrinted,
    output,
    stackConfig,
    stepsOf,
} from "./support/engine";

const API_KEY = "pulumi-nodejs:dynamic/doku:DokuApiKey";
const CONNECTION = "pulumi-nodejs:dynamic/doku:DokuConnection";

const writes = (fake: FakeIngester) =>
    fake
        .apiRequests()
        .filter((request) => request.method !== "GET")
        .map((request) => `${request.method} ${request.path}`);

function externalStack(fake: FakeIngester, secrets: Record<string, string> = SECRETS): EngineStack {
    return new EngineStack("dev", stackConfig({ "doku:target": "external", "doku:ingesterUrl": fake.url }, secrets));
}

function expectNoSecretIn(text: string, ...secrets: string[]): void {
    for (const secret of secrets) expect(text).not.toContain(secret);
}

describe("lifecycle of an external-target stack through the engine", () => {
    let fake: FakeIngester;
    let stack: EngineStack;
    beforeEach(async () => {
        fake = new FakeIngester();
        await fake.start();
        stack = externalStack(fake);
    });
    afterEach(async () => {
        await fake.stop();
        stack.dispose();
    });

    it(
        "up, up again, a rotated Datadog key, refresh, destroy",
        async () => {
            const first = await stack.run("up");
            expect(first.failures).toEqual([]);
            expect(first.ok).toBe(true);
            expect(writes(fake)).toEqual(["POST /api/keys", "POST /api/connections"]);
            expect(stepsOf(first, API_KEY, CONNECTION)).toEqual([
                "create doku-api-key",
                "create doku-datadog-connection",
            ]);
            const key = output(first, "dokuApiKey");
            expect(key.secret).toBe(true);
            expect(key.value).toBe(fake.keys.get("pulumi"));
            expect(fake.connection?.apikey).toBe(SECRETS["doku:datadogApiKey"]);
            expectNoSecretIn(everythingPrinted(first), String(key.value), ...Object.values(SECRETS));
            // The state file holds them encrypted, as Pulumi's passphrase secrets provider does.
            expectNoSecretIn(fs.readFileSync(stack.stateFile, "utf8"), String(key.value), ...Object.values(SECRETS));

            const before = fake.apiRequests().length;
            const second = await stack.run("up");
            expect(second.ok).toBe(true);
            expect(stepsOf(second, API_KEY, CONNECTION)).toEqual(["same doku-api-key", "same doku-datadog-connection"]);
            expect(
                fake
                    .apiRequests()
                    .slice(before)
                    .filter((request) => request.method !== "GET"),
            ).toEqual([]);
            expect(output(second, "dokuApiKey").value).toBe(key.value);

            stack.config = stackConfig(stack.config.config, {
                ...SECRETS,
                "doku:datadogApiKey": "dd-api-key-rotated-0000000000000000",
            });
            const rotated = await stack.run("up");
            expect(rotated.ok).toBe(true);
            expect(stepsOf(rotated, API_KEY, CONNECTION)).toEqual([
                "same doku-api-key",
                "update doku-datadog-connection",
            ]);
            expect(writes(fake)).toEqual(["POST /api/keys", "POST /api/connections", "POST /api/connections"]);
            expect(fake.connection?.apikey).toBe("dd-api-key-rotated-0000000000000000");

            const refreshed = await stack.run("refresh");
            expect(refreshed.failures).toEqual([]);
            expect(refreshed.ok).toBe(true);
            expect(stepsOf(refreshed, API_KEY, CONNECTION)).toEqual([
                "refresh doku-api-key",
                "refresh doku-datadog-connection",
            ]);

            const destroyed = await stack.run("destroy");
            expect(destroyed.ok).toBe(true);
            expect(stepsOf(destroyed, API_KEY, CONNECTION)).toEqual([
                "delete doku-datadog-connection",
                "delete doku-api-key",
            ]);
            expect(fake.connection).toBeNull();
            expect([...fake.keys.keys()]).toEqual(["doku-client-internal"]);
        },
        LONG,
    );

    it(
        "a failed create ends the run within 5 s with the ingester's message and no secret in any output",
        async () => {
            fake.addKey("someone-else"); // bootstrap is closed: POST /api/keys without a key gets 401
            const failed = await stack.run("up", 120_000);
            expect(failed.ok).toBe(false);
            expect(failed.failures).toHaveLength(1);
            expect(failed.failures[0].urn).toMatch(/::doku-api-key$/);
            expect(failed.failures[0].message).toContain("already has API keys");
            // Pulumi's runner ends promptly once the step has failed (it took 94 s and 3.5 GB when the
            // program was handed the provider's error instead of the real engine's cancellation).
            expect(failed.program!.endedAt - failed.failures[0].at).toBeLessThan(5_000);
            expectNoSecretIn(everythingPrinted(failed), ...Object.values(SECRETS), ...fake.keys.values());
        },
        LONG,
    );

    it(
        "a connection changed out of band is seen by refresh and put back by the next up",
        async () => {
            expect((await stack.run("up")).ok).toBe(true);
            fake.connection = { ...fake.connection!, apikey: "dd-key-someone-pasted-by-hand" };
            const refreshed = await stack.run("refresh");
            expect(refreshed.failures).toEqual([]);
            const up = await stack.run("up");
            expect(up.failures).toEqual([]);
            expect(stepsOf(up, API_KEY, CONNECTION)).toEqual(["same doku-api-key", "update doku-datadog-connection"]);
            expect(fake.connection?.apikey).toBe(SECRETS["doku:datadogApiKey"]);
            expect(writes(fake)).toEqual(["POST /api/keys", "POST /api/connections", "POST /api/connections"]);
            expectNoSecretIn(everythingPrinted(refreshed) + everythingPrinted(up), "dd-key-someone-pasted-by-hand");
        },
        LONG,
    );

    it(
        "a bootstrapped key moved into doku:apiKey is kept on the ingester, and destroy leaves it there",
        async () => {
            expect((await stack.run("up")).ok).toBe(true);
            const key = fake.keys.get("pulumi")!;
            stack.config = stackConfig(stack.config.config, { ...SECRETS, "doku:apiKey": key });
            const adopted = await stack.run("up");
            expect(adopted.failures).toEqual([]);
            expect(stepsOf(adopted, API_KEY)).toEqual(["update doku-api-key"]);
            expect(writes(fake)).toEqual(["POST /api/keys", "POST /api/connections"]);
            expect(output(adopted, "dokuApiKey")).toEqual({ value: key, secret: true });

            const destroyed = await stack.run("destroy");
            expect(destroyed.ok).toBe(true);
            expect(fake.keys.get("pulumi")).toBe(key);
            expect(writes(fake)).toEqual(["POST /api/keys", "POST /api/connections", "DELETE /api/connections"]);
        },
        LONG,
    );

    it(
        "a new ingester URL: the key is bootstrapped there and the connection follows, nothing replaced",
        async () => {
            expect((await stack.run("up")).ok).toBe(true);
            const next = new FakeIngester();
            await next.start();
            try {
                stack.config = stackConfig({ ...stack.config.config, "doku:ingesterUrl": next.url }, SECRETS);
                const moved = await stack.run("up");
                expect(moved.failures).toEqual([]);
                expect(stepsOf(moved, API_KEY, CONNECTION)).toEqual([
                    "update doku-api-key",
                    "update doku-datadog-connection",
                ]);
                expect(writes(next)).toEqual(["POST /api/keys", "POST /api/connections"]);
                expect(output(moved, "dokuApiKey").value).toBe(next.keys.get("pulumi"));
            } finally {
                await next.stop();
            }
        },
        LONG,
    );

    it(
        "destroy when the ingester is already gone finishes, with a warning",
        async () => {
            expect((await stack.run("up")).ok).toBe(true);
            await fake.stop();
            const destroyed = await stack.run("destroy");
            expect(destroyed.failures).toEqual([]);
            expect(destroyed.ok).toBe(true);
            expect(stepsOf(destroyed, API_KEY, CONNECTION)).toEqual([
                "delete doku-datadog-connection",
                "delete doku-api-key",
            ]);
            // The dynamic-provider host has no engine connection: pulumi.log.warn goes to its stderr
            // (ingester/gone.ts).
            const warnings = destroyed.providerStderr.split("\n").filter((line) => line.includes("is treated as gone"));
            expect(warnings).toHaveLength(2);
            for (const warning of warnings) expect(warning).toContain("because nothing listens at the ingester's URL");
        },
        LONG,
    );
});

describe("a Docker-target stack whose ingester container is replaced", () => {
    it(
        "an image bump or a retention change replaces the container, never the key or the connection",
        async () => {
            const fake = new FakeIngester();
            await fake.start();
            // The fake ingester stands where the Docker host publishes the ingester's port.
            const plain = {
                "doku:target": "docker",
                "doku:dockerHost": "127.0.0.1",
                "doku:ingesterHostPort": String(fake.port),
            };
            const stack = new EngineStack("dev", stackConfig(plain, SECRETS));
            const CONTAINER = "docker:index/container:Container";
            try {
                expect((await stack.run("up")).failures).toEqual([]);
                expect(writes(fake)).toEqual(["POST /api/keys", "POST /api/connections"]);
                const key = fake.keys.get("pulumi");

                stack.config = stackConfig(
                    { ...plain, "doku:ingesterImage": "ghcr.io/dokulabs/doku-ingester:0.1.4" },
                    SECRETS,
                );
                const preview = await stack.run("preview");
                expect(preview.failures).toEqual([]);
                expect(stepsOf(preview, CONTAINER)).toContain("replace doku-ingester-server");
                expect(stepsOf(preview, API_KEY, CONNECTION)).toEqual([
                    "same doku-api-key",
                    "same doku-datadog-connection",
                ]);

                stack.config = stackConfig(
                    {
                        ...plain,
                        "doku:ingesterImage": "ghcr.io/dokulabs/doku-ingester:0.1.4",
                        "doku:retentionPeriod": "3 MONTH",
                    },
                    SECRETS,
                );
                const up = await stack.run("up");
                expect(up.failures).toEqual([]);
                expect(stepsOf(up, CONTAINER)).toContain("replace doku-ingester-server");
                expect(stepsOf(up, API_KEY, CONNECTION)).toEqual(["same doku-api-key", "same doku-datadog-connection"]);
                expect(writes(fake)).toEqual(["POST /api/keys", "POST /api/connections"]);
                expect(fake.keys.get("pulumi")).toBe(key);
            } finally {
                await fake.stop();
                stack.dispose();
            }
        },
        LONG,
    );
});
