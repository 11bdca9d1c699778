/**
 * @file Pulumi's Node.js runner (`@pulumi/pulumi/cmd/run`), spawned the way the
 * language host spawns it (pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs
 * `constructArguments` and `constructConfig`): node [nodeargs] <run> flags <main>,
 * with the configuration in PULUMI_CONFIG (`<ns>:config:<key>` → string)
 * and PULUMI_CONFIG_SECRET_KEYS (`<ns>:<key>`).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { ProjectFile } from "./project";

/** What the runner is started with. */
export interface RunnerOptions {
    /** The project folder: the program's working directory and root. */
    readonly projectDir: string;
    /** The project's Pulumi.yaml. */
    readonly project: ProjectFile;
    /** The stack's name. */
    readonly stack: string;
    /** True for a preview (`--dry-run`). */
    readonly preview: boolean;
    /** The ResourceMonitor's address (`--monitor`). */
    readonly monitorAddress: string;
    /** The Engine service's address (`--engine`). */
    readonly engineAddress: string;
    /** `<ns>:<key>` → value, as the CLI passes it after its config rules. */
    readonly config: Record<string, string>;
    /** The config keys (`<ns>:<key>`) whose values are secret. */
    readonly secretKeys: readonly string[];
    /** `--parallel`: how many resource operations the program may run at once. */
    readonly parallel: number;
    /** The runner's environment (PULUMI_CONFIG and the like are added). */
    readonly env: NodeJS.ProcessEnv;
    /** The runner is killed (SIGKILL) after this long. */
    readonly timeoutMs: number;
}

/** How the program ended, and what it printed. */
export interface RunnerResult {
    /** The exit code; null when a signal ended it. */
    readonly exitCode: number | null;
    /** The signal that ended it, if one did. */
    readonly signal: NodeJS.Signals | null;
    /** Everything it printed to stdout. */
    readonly stdout: string;
    /** Everything it printed to stderr. */
    readonly stderr: string;
    /** From spawn to exit (ms). */
    readonly durationMs: number;
    /** When the program ended (ms since the epoch). */
    readonly endedAt: number;
    /** True when it was killed at `timeoutMs`. */
    readonly timedOut: boolean;
    /**
     * The program's peak resident set size in kB (Linux: VmHWM of /proc/<pid>/status, polled every
     * PEAK_RSS_POLL_MS; the high-water mark only grows, so the last reading misses at most the growth of the
     * program's last poll interval). Undefined where /proc is not readable.
     */
    readonly peakRssKB?: number;
}

const PEAK_RSS_POLL_MS = 20;

/** VmHWM (peak RSS, kB) of a live process, or undefined once it has exited or without /proc. */
function peakRssOf(pid: number): number | undefined {
    try {
        const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
        return match === null ? undefined : Number(match[1]);
    } catch {
        return undefined;
    }
}

/** A path inside the `@pulumi/pulumi` the project resolves (its own node_modules, or a parent folder's). */
export function pulumiPath(projectDir: string, ...parts: string[]): string {
    const pkg = require.resolve("@pulumi/pulumi/package.json", { paths: [projectDir] });
    return path.join(path.dirname(pkg), ...parts);
}

/** `doku:apiKey` → `doku:config:apiKey`, the form the runner's config module reads. */
export function runnerConfig(config: Record<string, string>): Record<string, string> {
    return Object.fromEntries(
        Object.entries(config).map(([key, value]) => {
            const colon = key.indexOf(":");
            return [`${key.slice(0, colon)}:config:${key.slice(colon + 1)}`, value];
        }),
    );
}

/** Splits `nodeargs` as a shell would for plain words and quotes (the host uses shlex). */
export function splitNodeArgs(nodeargs: string | undefined): string[] {
    if (nodeargs === undefined) return [];
    return [...nodeargs.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3]);
}

/** The runner's node arguments and environment, as the language host builds them. */
export function runnerCommand(options: RunnerOptions): { args: string[]; env: NodeJS.ProcessEnv } {
    const runtime = options.project.runtime.options;
    const run = pulumiPath(options.projectDir, "cmd", "run");
    const args = [
        ...splitNodeArgs(runtime.nodeargs),
        run,
        "--monitor",
        options.monitorAddress,
        "--engine",
        options.engineAddress,
        "--organization",
        "organization",
        "--project",
        options.project.name,
        "--root-directory",
        options.projectDir,
        "--stack",
        options.stack,
        "--pwd",
        options.projectDir,
        ...(options.preview ? ["--dry-run"] : []),
        "--parallel",
        String(options.parallel),
        options.project.main ?? ".",
    ];
    const env: NodeJS.ProcessEnv = {
        ...options.env,
        PULUMI_CONFIG: JSON.stringify(runnerConfig(options.config)),
        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(options.secretKeys),
    };
    if (runtime.typescript !== false) env.PULUMI_NODEJS_TYPESCRIPT = "true";
    if (runtime.tsconfig !== undefined) env.PULUMI_NODEJS_TSCONFIG_PATH = runtime.tsconfig;
    return { args, env };
}

/** Runs the program to its end (or kills it at the timeout), capturing its output. */
export function runProgram(options: RunnerOptions): Promise<RunnerResult> {
    const { args, env } = runnerCommand(options);
    const started = Date.now();
    const child = spawn(process.execPath, args, { cwd: options.projectDir, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        stderr += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
        timedOut = true;
        child.kill("SIGKILL");
    }, options.timeoutMs);
    let peakRssKB: number | undefined;
    const sampleRss = () => {
        if (child.pid !== undefined) peakRssKB = peakRssOf(child.pid) ?? peakRssKB;
    };
    const poller = setInterval(sampleRss, PEAK_RSS_POLL_MS);
    return new Promise((resolve, reject) => {
        child.once("error", (error) => {
            clearInterval(poller);
            reject(error);
        });
        child.once("close", (exitCode, signal) => {
            clearTimeout(timer);
            clearInterval(poller);
            const ended = Date.now();
            const durationMs = ended - started;
            resolve({ exitCode, signal, stdout, stderr, durationMs, endedAt: ended, timedOut, peakRssKB });
        });
    });
}
