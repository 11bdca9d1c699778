/**
 * @file The program as `pulumi preview` runs it: the CLI's config rules on the shipped stacks, and errors raised
 * while a program runs, driven by the offline engine. The up/refresh/destroy lifecycle is in
 * engineLifecycle.test.ts.
 */
import * as path from "node:path";
import { StackConfigError, runEngine } from "../offline/engine";
import { readStackConfig } from "../offline/stackConfig";
import {
    DATADOG_SECRETS as SECRETS,
    ENGINE_TEST_TIMEOUT_MS as LONG,
    EngineStack,
    ROOT,
    everythingPrinted,
    output,
    stackConfig,
} from "./support/engine";

describe("the CLI's stack-config rules", () => {
    it.each(["dev", "staging", "prod"])(
        "Pulumi.%s.yaml passes them and previews with exit 0",
        async (stack) => {
            const result = await runEngine({
                projectDir: ROOT,
                stack,
                operation: "preview",
                stackConfig: readStackConfig(path.join(ROOT, `Pulumi.${stack}.yaml`)),
            });
            expect(result.failures).toEqual([]);
            expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
            expect(result.program?.exitCode).toBe(0);
            expect(result.ok).toBe(true);
            expect(result.registrations.length).toBeGreaterThan(10);
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
            const bad = await preview("datadoghq.co.uk");
            expect(bad.ok).toBe(false);
            const errors = bad.diagnostics
                .filter((diagnostic) => diagnostic.severity === "error")
                .map((diagnostic) => diagnostic.message);
            // The SDK prefixes the property it was serializing; no stack, no "unhandled exception" formatting.
            expect(errors).toEqual([
                'error serializing property "metricsUrl": datadogSite: got "datadoghq.co.uk"; expected one of ' +
                    "datadoghq.com, us3.datadoghq.com, us5.datadoghq.com, " +
                    "datadoghq.eu, ap1.datadoghq.com, ap2.datadoghq.com, ddog-gov.com",
            ]);
            expect(everythingPrinted(bad)).not.toContain("dd-api-key-in-apply-test");
            // The runner also formats every unhandled error with util.inspect(err, {colors: true}); with SDK
            // frames in the error's stack that took 30-40 s more (and 3.6 GB) than the same program without it.
            expect(bad.program!.durationMs).toBeLessThan(good.program!.durationMs + 15_000);
        },
        LONG,
    );
});

describe("a component given invalid arguments", () => {
    it(
        "is refused with every problem named, printed without a stack trace, nothing registered under it",
        async () => {
            const result = await runEngine({
                projectDir: path.join(__dirname, "fixtures", "programs", "bad-arguments"),
                stack: "dev",
                operation: "preview",
                stackConfig: { config: {}, secretKeys: [] },
            });
            expect(result.ok).toBe(false);
            expect(
                result.diagnostics
                    .filter((diagnostic) => diagnostic.severity === "error")
                    .map((diagnostic) => diagnostic.message),
            ).toEqual([
                [
                    'doku:monitors:LlmMonitors "llm": invalid arguments:',
                    "  - args.latencyCriticalSeconds: got -1; expected a number greater than 0",
                    "  - args.latencyWarningSeconds: got 5; expected less than args.latencyCriticalSeconds (-1)",
                ].join("\n"),
            ]);
            expect(result.registrations.map((registration) => registration.type)).toEqual([
                "doku:monitors:LlmMonitors",
            ]);
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
                expect(up.steps.map((step) => `${step.op} ${step.type}`)).toContain(
                    "read datadog:index/dashboard:Dashboard",
                );
                expect(output(up, "existingId").value).toBe("abc-def-ghi");
                const destroyed = await run("destroy");
                expect(destroyed.ok).toBe(true);
                expect(destroyed.steps.map((step) => `${step.op} ${step.type}`)).toEqual([
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
