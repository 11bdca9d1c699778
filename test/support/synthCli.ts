/** @file `npm run synth -- …` run as a user runs it, for the end-to-end synth tests. */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

/** This repository. */
export const ROOT = path.join(__dirname, "..", "..");

/** Runs `npm run synth -- …` as a user would. */
export function synth(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync("npm", ["run", "--silent", "synth", "--", ...args], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 120_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
