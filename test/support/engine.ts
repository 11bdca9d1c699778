import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EngineOperation, EngineResult, runEngine } from "../../offline/engine";
import { Wire, isSecret } from "../../offline/engine/properties";
import type { StackConfig } from "../../offline/stackConfig";

export const ROOT = process.env.DOKU_ENGINE_TEST_ROOT ?? path.join(__dirname, "..", "..");

/** A stack driven through the offline engine, its state kept in a temporary folder. */
export class EngineStack {
    readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "doku-engine-"));
    readonly stateFile = path.join(this.dir, "state.json");

    constructor(
        readonly stack: string,
        public config: StackConfig,
    ) {}

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
        ...result.diagnostics.filter((d) => d.severity !== "debug").map((d) => d.message),
        ...result.failures.map((f) => f.message),
    ].join("\n");
}

/** A stack output's value, and whether it is secret. */
export function output(result: EngineResult, name: string): { value: Wire; secret: boolean } {
    const value = result.outputs[name];
    return isSecret(value) ? { value: value.value, secret: true } : { value, secret: false };
}

/** `op name` for every step on resources of these types. */
export function stepsOf(result: EngineResult, ...types: string[]): string[] {
    return result.steps.filter((s) => types.includes(s.type)).map((s) => `${s.op} ${s.urn.split("::").pop()}`);
}
