/**
 * The program as `pulumi preview` / `pulumi up` run it: the CLI's config
 * rules, Pulumi's own runner and dynamic-provider host, driven by the
 * offline engine, against the fake ingester.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { StackConfigError, runEngine } from "../offline/engine";
import { readStackConfig } from "../offline/stackConfig";
import { FakeIngester } from "./support/fakeIngester";
import { EngineStack, ROOT, everythingPrinted, output, stackConfig, stepsOf } from "./support/engine";
import { SECRET_VALUES } from "./support/pulumi";

const API_KEY = "pulumi-nodejs:dynamic/doku:DokuApiKey";
const CONNECTION = "pulumi-nodejs:dynamic/doku:DokuConnection";
const SECRETS = {
    "doku:datadogApiKey": SECRET_VALUES["doku:datadogApiKey"],
    "doku:datadogAppKey": SECRET_VALUES["doku:datadogAppKey"],
};
const LONG = 240_000;

const writes = (fake: FakeIngester) =>
    fake
        .apiRequests()
        .filter((r) => r.method !== "GET")
        .map((r) => `${r.method} ${r.path}`);

function externalStack(fake: FakeIngester, secrets: Record<string, string> = SECRETS): EngineStack {
    return new EngineStack("dev", stackConfig({ "doku:target": "external", "doku:ingesterUrl": fake.url }, secrets));
}

function expectNoSecretIn(text: string, ...secrets: string[]): void {
    for (const s of secrets) expect(text).not.toContain(s);
}

describe("the CLI's stack-config rules", () => {
    it.each(["dev", "staging", "prod"])(
        "Pulumi.%s.yaml passes them and previews with exit 0",
        async (stack) => {
            const r = await runEngine({
                projectDir: ROOT,
                stack,
                operation: "preview",
                stackConfig: readStackConfig(path.join(ROOT, `Pulumi.${stack}.yaml`)),
            });
            expect(r.failures).toEqual([]);
            expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
            expect(r.program?.exitCode).toBe(0);
            expect(r.ok).toBe(true);
            expect(r.registrations.length).toBeGreaterThan(10);
        },
        LONG,
    );

    it("a stack without a required key is refused with the CLI's wording, before the program runs", async () => {
        const missing = stackConfig(
            { "doku:target": "external", "doku:ingesterUrl": "https://doku.example.com" },
            { "doku:datadogApiKey": SECRETS["doku:datadogApiKey"] },
        );
        await expect(
            runEngine({ projectDir: ROOT, stack: "dev", operation: "preview", stackConfig: missing }),
        ).rejects.toThrow(
            new StackConfigError("validating stack config: Stack 'dev' is missing configuration value 'datadogAppKey'"),
        );
    });

    it("a declared secret stored in plain text is refused with the CLI's wording", async () => {
        const clear = stackConfig({
            "doku:target": "external",
            "doku:ingesterUrl": "https://doku.example.com",
            ...SECRETS,
        });
        await expect(
            runEngine({ projectDir: ROOT, stack: "dev", operation: "preview", stackConfig: clear }),
        ).rejects.toThrow(
            "validating stack config: Stack 'dev' with configuration key 'datadogApiKey' " +
                "must be encrypted as it's secret",
        );
    });
});

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
                    .filter((r) => r.method !== "GET"),
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
            const r = await stack.run("up", 120_000);
            expect(r.ok).toBe(false);
            expect(r.failures).toHaveLength(1);
            expect(r.failures[0].urn).toMatch(/::doku-api-key$/);
            expect(r.failures[0].message).toContain("already has API keys");
            // Pulumi's runner ends promptly once the step has failed (it took 94 s and 3.5 GB when the
            // program was handed the provider's error instead of the real engine's cancellation).
            expect(r.program!.endedAt - r.failures[0].at).toBeLessThan(5_000);
            expectNoSecretIn(everythingPrinted(r), ...Object.values(SECRETS), ...fake.keys.values());
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
            // The dynamic-provider host has no engine connection: pulumi.log.warn goes to its stderr (ingester/gone.ts).
            const warnings = destroyed.providerStderr.split("\n").filter((l) => l.includes("is treated as gone"));
            expect(warnings).toHaveLength(2);
            for (const w of warnings) expect(w).toContain("because nothing listens at the ingester's URL");
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

describe("errors raised while the program runs", () => {
    const preview = (site: string) =>
        runEngine({
            projectDir: path.join(__dirname, "fixtures", "programs", "site-from-output"),
            stack: "dev",
            operation: "preview",
            stackConfig: { config: { "site-from-output:site": site }, secretKeys: [] },
        });

    it(
        "a bad site inside an apply is printed as its message alone, and the run ends promptly",
        async () => {
            const good = await preview("datadoghq.eu");
            expect(good.ok).toBe(true);
            const r = await preview("datadoghq.co.uk");
            expect(r.ok).toBe(false);
            const errors = r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
            // The SDK prefixes the property it was serializing; no stack, no "unhandled exception" formatting.
            expect(errors).toEqual([
                'error serializing property "metricsUrl": datadogSite: got "datadoghq.co.uk"; expected one of ' +
                    "datadoghq.com, us3.datadoghq.com, us5.datadoghq.com, " +
                    "datadoghq.eu, ap1.datadoghq.com, ap2.datadoghq.com, ddog-gov.com",
            ]);
            expect(everythingPrinted(r)).not.toContain("dd-api-key-in-apply-test");
            // The runner also formats every unhandled error with util.inspect(err, {colors: true}); with SDK
            // frames in the error's stack that took 30-40 s more (and 3.6 GB) than the same program without it.
            expect(r.program!.durationMs).toBeLessThan(good.program!.durationMs + 15_000);
        },
        LONG,
    );
});

describe("a component given invalid arguments", () => {
    it(
        "is refused with every problem named, printed without a stack trace, nothing registered under it",
        async () => {
            const r = await runEngine({
                projectDir: path.join(__dirname, "fixtures", "programs", "bad-arguments"),
                stack: "dev",
                operation: "preview",
                stackConfig: { config: {}, secretKeys: [] },
            });
            expect(r.ok).toBe(false);
            expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([
                [
                    'doku:monitors:LlmMonitors "llm": invalid arguments:',
                    "  - args.latencyCriticalSeconds: got -1; expected a number greater than 0",
                    "  - args.latencyWarningSeconds: got 5; expected less than args.latencyCriticalSeconds (-1)",
                ].join("\n"),
            ]);
            expect(r.registrations.map((x) => x.type)).toEqual(["doku:monitors:LlmMonitors"]);
        },
        LONG,
    );
});

describe("a resource the program reads (ReadResource)", () => {
    it(
        "is read with its id, kept in state as external, and not deleted by destroy",
        async () => {
            const dir = path.join(__dirname, "fixtures", "programs", "read-existing");
            const state = new EngineStack("dev", { config: {}, secretKeys: [] });
            try {
                const run = (operation: "up" | "destroy") =>
                    runEngine({
                        projectDir: dir,
                        stack: "dev",
                        operation,
                        stackConfig: state.config,
                        stateFile: state.stateFile,
                    });
                const up = await run("up");
                expect(up.failures).toEqual([]);
                expect(up.ok).toBe(true);
                expect(up.steps.map((s) => `${s.op} ${s.type}`)).toContain("read datadog:index/dashboard:Dashboard");
                expect(output(up, "existingId").value).toBe("abc-def-ghi");
                const destroyed = await run("destroy");
                expect(destroyed.ok).toBe(true);
                expect(destroyed.steps.map((s) => `${s.op} ${s.type}`)).toEqual([
                    "discard datadog:index/dashboard:Dashboard",
                    "delete pulumi:providers:datadog",
                    "delete pulumi:pulumi:Stack",
                ]);
            } finally {
                state.dispose();
            }
        },
        LONG,
    );
});
