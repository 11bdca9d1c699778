/** @file Runs the `go` client for one named build step, and says which module and step failed. */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";

/** A build step that failed: the module, the step and what `go` printed. */
export class BuildError extends Error {
    constructor(
        readonly module: string,
        readonly step: string,
        detail: string,
    ) {
        super(`${module}: ${step} failed\n${detail.trim().split("\n").slice(-30).join("\n")}`);
    }
}

/** Runs `go <args>` in `cwd`; stderr goes to ours (progress), and a failure throws a BuildError. */
export function go(module: string, step: string, cwd: string, args: readonly string[]): string {
    const result = spawnSync("go", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (result.error) throw new BuildError(module, step, `cannot run go: ${result.error.message}`);
    if (result.status !== 0) throw new BuildError(module, step, `${result.stdout}\n${result.stderr}`);
    return result.stdout;
}

/** `go mod download -json <module>@<version>`: the module's info, or the proxy's refusal. */
export function downloadInfo(
    cwd: string,
    modulePath: string,
    version: string,
): { ok: true; info: ModuleInfo } | { ok: false; error: string } {
    const result = spawnSync("go", ["mod", "download", "-json", `${modulePath}@${version}`], {
        cwd,
        encoding: "utf8",
    });
    if (result.error !== undefined || result.stdout === null) {
        return { ok: false, error: `cannot run go: ${result.error?.message ?? "no output"}` };
    }
    let info: ModuleInfo & { Error?: string };
    try {
        info = JSON.parse(result.stdout) as ModuleInfo & { Error?: string };
    } catch {
        return { ok: false, error: (result.stderr || "no answer").trim() };
    }
    if (info.Error !== undefined) return { ok: false, error: info.Error.split("\n").pop()!.trim() };
    // The commit time is in the .info file the JSON names (`Info`), not in the JSON itself.
    const time =
        info.Info === undefined ? undefined : (JSON.parse(fs.readFileSync(info.Info, "utf8")) as ModuleInfo).Time;
    return { ok: true, info: { ...info, Time: info.Time ?? time } };
}

/** The fields of `go mod download -json` that the toolchain reads. */
export interface ModuleInfo {
    readonly Version: string;
    readonly Time?: string;
    readonly Info?: string;
    readonly Origin?: { readonly Hash?: string; readonly Ref?: string };
}
