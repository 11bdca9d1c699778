/** @file Drives stacks through the offline engine for the tests: state in a temporary folder, leak checks. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EngineOperation, EngineResult, runEngine } from "../../offline/engine";
import { Wire, isSecret } from "../../offline/engine/properties";
import type { StackConfig } from "../../offline/stackConfig";
import { SECRET_VALUES } from "./pulumi";

/** The project the engine runs: this repository, or the folder DOKU_ENGINE_TEST_ROOT names when it is set. */
export const ROOT = process.env.DOKU_ENGINE_TEST_ROOT ?? path.join(__dirname, "..", "..");

/** The two secrets every stack needs (the Datadog API and application keys), as placeholder values. */
export const DATADOG_SECRETS = {
    "doku:datadogApiKey": SECRET_VALUES["doku:datadogApiKey"],
    "doku:datadogAppKey": SECRET_VALUES["doku:datadogAppKey"],
};

/** The jest timeout of a test that runs the engine (a run starts Pulumi's runner and the program). */
export const ENGINE_TEST_TIMEOUT_MS = 240_000;

/** A stack driven through the offline engine, its state kept in a temporary folder. */
export class EngineStack {
    readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "doku-engine-"));
    readonly stateFile = path.join(this.dir, "state.json");

    constructor(
        readonly stack: string,
        public config: StackConfig,
    ) {}

    /** Runs one CLI command on this stack (state kept in `stateFile`); the program is killed after `timeoutMs`. */
    run(operation: EngineOperation, timeoutMs = 120_000): Promise<EngineResult> {
        return runEngine({
            projectDir: ROOT,
            stack: this.stack,
            operation,
            stackConfig: this.config,
            stateFile: this.stateFile,
            passphrase: "test-passphrase",
            timeoutMs,
        });
    }

    /** Removes the temporary folder and the state in it. */
    dispose(): void {
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}

/** Stack config from `doku:` keys; those in `secrets` are stored as `secure:` values. */
export function stackConfig(plain: Record<string, string>, secrets: Record<string, string> = {}): StackConfig {
    return { config: { ...plain, ...secrets }, secretKeys: Object.keys(secrets) };
}

/** Everything a run printed or wrote, for leak checks (DEBUG logs are Pulumi's own, shown only with --debug). */
export function everythingPrinted(result: EngineResult): string {
    return [
        result.program?.stdout,
        result.program?.stderr,
        result.providerStderr,
        ...result.diagnostics
            .filter((diagnostic) => diagnostic.severity !== "debug")
            .map((diagnostic) => diagnostic.message),
        ...result.failures.map((failure) => failure.message),
    ].join("\n");
}

/** A stack output's value, and whether it is secret. */
export function output(result: EngineResult, name: string): { value: Wire; secret: boolean } {
    const value = result.outputs[name];
    return isSecret(value) ? { value: value.value, secret: true } : { value, secret: false };
}

/** `op name` for every step on resources of these types. */
export function stepsOf(result: EngineResult, ...types: string[]): string[] {
    return result.steps
        .filter((step) => types.includes(step.type))
        .map((step) => `${step.op} ${step.urn.split("::").pop()}`);
}
