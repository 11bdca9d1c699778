/**
 * @file The replacement of a Docker ingester container, driven by the offline engine (Pulumi's own runner and
 * dynamic-provider host, Docker's ForceNew fields imitated in offline/engine/simulated.ts) against the fake
 * ingester: the Docker provider plugin cannot be built here (README, Tests). The external-target lifecycle and
 * its transitions run through the real Pulumi CLI in test/real/.
 */
import { FakeIngester } from "./support/fakeIngester";
import {
    DATADOG_SECRETS as SECRETS,
    ENGINE_TEST_TIMEOUT_MS as LONG,
    EngineStack,
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
