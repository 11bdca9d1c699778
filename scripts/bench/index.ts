/**
 * npm run bench: prints figures, asserts nothing (never run by `npm test`). Every program runs as
 * `pulumi preview` runs it: through the offline engine, which spawns Pulumi's own runner with the
 * project's Pulumi.yaml runtime options (engineRuns.ts). Medians of BENCH_RUNS (default 5) runs,
 * alternating between the programs compared.
 *   start    the dev, staging and prod stacks against two plain-JS floors: one resource, and as many
 *            registrations as the dev stack (the same-size floor); wall time, peak RSS, ratios, target;
 *            and against a TypeScript floor of the same size with one dynamic resource (what the dev
 *            stack's shape costs before its own code: the TS loader and the dynamic-provider host)
 *   options  the dev stack loaded other ways (what-ifs), each against the same-size floor
 *   scale    N = 1, 10, 50 LlmMonitoringDashboard + LlmMonitors pairs
 *   api      the Doku API lifecycle against the fake ingester (api.ts)
 * `npm run bench -- start|options|scale|api` runs one part; `npm run bench -- --help` prints the usage.
 * Exit status: 0 done, 1 a run failed, 2 bad arguments.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import {
    OUT,
    Program,
    ROOT,
    Summary,
    alternate,
    floorProgram,
    load,
    projectVariant,
    runOnce,
    stackProgram,
    tsFloorProgram,
} from "./engineRuns";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET = 1.5;

const ms = (x: number) => `${x.toFixed(0)} ms`;
const mb = (x: number) => `${x.toFixed(0)} MB`;

/** The same-size floor: as many registrations as `program` (the floor's stack and provider included). */
async function sameSizeFloor(program: Program): Promise<Program> {
    const target = (await runOnce(program)).registrations;
    const overhead = (await runOnce(floorProgram(1, "calibration"))).registrations - 1;
    return floorProgram(target - overhead, `same-size floor (JS)`);
}

/** The TypeScript floor, with one dynamic resource or none, as many registrations as `program`. */
async function sameSizeTsFloor(program: Program, dynamic: boolean): Promise<Program> {
    const target = (await runOnce(program)).registrations;
    const overhead = (await runOnce(tsFloorProgram(1, "calibration", dynamic))).registrations - 1;
    return tsFloorProgram(target - overhead, `same-size floor (TS${dynamic ? " + 1 dynamic" : ""})`, dynamic);
}

function table(rows: [Program, Summary][], one: Summary | undefined, same: Summary): void {
    const head = ["program", "registrations", "wall", "peak RSS", ...(one ? ["× 1-resource"] : []), "× same-size"];
    console.log(
        `  ${head[0].padEnd(40)} ${head
            .slice(1)
            .map((h) => h.padStart(13))
            .join(" ")}`,
    );
    for (const [p, s] of rows) {
        const cells = [
            String(s.registrations),
            ms(s.ms),
            mb(s.rssMB),
            ...(one ? [(s.ms / one.ms).toFixed(2)] : []),
            (s.ms / same.ms).toFixed(2),
        ];
        console.log(`  ${p.label.padEnd(40)} ${cells.map((c) => c.padStart(13)).join(" ")}`);
    }
}

function verdict(label: string, ratio: number): void {
    console.log(
        ratio <= TARGET
            ? `  target met: ${label} is ${ratio.toFixed(2)}× the same-size floor (target ≤ ${TARGET}×)`
            : `  TARGET MISSED: ${label} is ${ratio.toFixed(2)}× the same-size floor (target ≤ ${TARGET}×)`,
    );
}

async function startPart(): Promise<void> {
    const dev = stackProgram("dev");
    const same = await sameSizeFloor(dev);
    const sameTsOnly = await sameSizeTsFloor(dev, false);
    const sameTs = await sameSizeTsFloor(dev, true);
    const one = floorProgram(1, "1-resource floor (JS)");
    const programs = [one, same, sameTsOnly, sameTs, dev, stackProgram("staging"), stackProgram("prod")];
    console.log(
        `program start through Pulumi's runner (pulumi preview, Pulumi.yaml's runtime options; ` +
            `median of ${RUNS} alternating runs; ${load()}):`,
    );
    const r = await alternate(programs, RUNS);
    table(
        programs.map((p) => [p, r.get(p)!]),
        r.get(one)!,
        r.get(same)!,
    );
    console.log(
        `  dev runs (ms): ${r.get(dev)!.runs.join(", ")}; ` +
            `same-size floor runs (ms): ${r.get(same)!.runs.join(", ")}`,
    );
    verdict("the dev stack", r.get(dev)!.ms / r.get(same)!.ms);
    const [jsFloor, tsOnlyFloor, tsFloor, devRun] = [r.get(same)!, r.get(sameTsOnly)!, r.get(sameTs)!, r.get(dev)!];
    console.log(
        `  what a program of the dev stack's shape pays before its own code: loading TypeScript (ts-node + ` +
            `SWC) ${ms(tsOnlyFloor.ms - jsFloor.ms)}, then one dynamic resource ${ms(tsFloor.ms - tsOnlyFloor.ms)}; ` +
            `the TS floor is ${(tsFloor.ms / jsFloor.ms).toFixed(2)}× the same-size floor`,
    );
    console.log(
        `  the dev stack against the TS floor: ${(devRun.ms / tsFloor.ms).toFixed(2)}× ` +
            `(${ms(devRun.ms - tsFloor.ms)} of its own)`,
    );
    const hostMs = (x: Summary) => (x.dynamicHostMs === undefined ? "none" : ms(x.dynamicHostMs));
    console.log(
        `  dynamic-provider host start (spawn to configured; the program waits for it on its first dynamic ` +
            `resource): dev ${hostMs(devRun)}, TS floor ${hostMs(tsFloor)}`,
    );
    console.log(`  (load after: ${load()})`);
}

/** The project compiled to JavaScript by tsc (transpile only) in bench-out/js: a what-if that needs a build step. */
function precompiled(): string {
    const out = path.join(OUT, "js");
    fs.rmSync(out, { recursive: true, force: true });
    const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const args = [tsc, "-p", "tsconfig.json", "--outDir", out, "--declaration", "false", "--noCheck"];
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`tsc into ${out} failed: ${r.stdout}${r.stderr}`);
    return path.relative(ROOT, path.join(out, "index.js"));
}

function hasSwc(): boolean {
    try {
        require.resolve("@swc/core", { paths: [ROOT] });
        return true;
    } catch {
        return false;
    }
}

async function optionsPart(): Promise<void> {
    const devConfig = stackProgram("dev").stackConfig;
    const variant = (label: string, dir: string, main: string, options?: Record<string, unknown>): Program => ({
        label,
        projectDir: projectVariant(dir, main, { options }),
        stack: "dev",
        stackConfig: devConfig,
    });
    const rows = [
        variant("dev: Pulumi.yaml's runtime options", "as-configured", "index.ts"),
        variant("dev: ts-node transpile-only, tsconfig.json", "tsnode", "index.ts", {
            typescript: true,
            tsconfig: "tsconfig.json",
        }),
    ];
    if (fs.existsSync(path.join(ROOT, "tsconfig.pulumi.json")) && hasSwc()) {
        rows.push(
            variant("dev: ts-node + SWC, tsconfig.pulumi.json", "swc", "index.ts", {
                typescript: true,
                tsconfig: "tsconfig.pulumi.json",
            }),
        );
    } else {
        console.log("  (no SWC row: it needs tsconfig.pulumi.json and @swc/core installed)");
    }
    rows.push(variant("dev: precompiled JS (needs a build)", "precompiled", precompiled(), { typescript: false }));
    const same = await sameSizeFloor(rows[0]);
    console.log(
        "the dev stack loaded other ways (pulumi preview through the runner; " +
            `median of ${RUNS} alternating runs; ` +
            `${load()}):`,
    );
    const r = await alternate([same, ...rows], RUNS);
    table(
        [same, ...rows].map((p) => [p, r.get(p)!]),
        undefined,
        r.get(same)!,
    );
    console.log(`  (load after: ${load()})`);
}

async function scalePart(): Promise<void> {
    const dir = projectVariant("scale", "scripts/bench/fixtures/scale/index.ts", { project: "scale" });
    const programs = [1, 10, 50].map((n): Program => ({
        label: `N = ${n}`,
        projectDir: dir,
        stack: "bench",
        stackConfig: { config: { "scale:count": String(n) }, secretKeys: [] },
    }));
    console.log(
        `scaling: N LlmMonitoringDashboard + LlmMonitors pairs (pulumi preview through the runner, ` +
            `Pulumi.yaml's runtime options; median of ${RUNS} alternating runs; ${load()}):`,
    );
    const r = await alternate(programs, RUNS);
    console.log(`  ${"N".padEnd(8)} ${["registrations", "wall", "peak RSS"].map((h) => h.padStart(13)).join(" ")}`);
    for (const p of programs) {
        const s = r.get(p)!;
        const cells = [String(s.registrations), ms(s.ms), mb(s.rssMB)].map((c) => c.padStart(13));
        console.log(`  ${p.label.slice(4).padEnd(8)} ${cells.join(" ")}`);
    }
    const [, ten, fifty] = programs.map((p) => r.get(p)!);
    console.log(
        `  per pair (N = 10 → 50): ${((fifty.ms - ten.ms) / 40).toFixed(1)} ms, ` +
            `${((fifty.rssMB - ten.rssMB) / 40).toFixed(2)} MB, ` +
            `${((fifty.registrations - ten.registrations) / 40).toFixed(0)} registrations`,
    );
    console.log(`  (load after: ${load()})`);
}

function apiPart(): number {
    const tsNode = path.join(ROOT, "node_modules", ".bin", "ts-node");
    const r = spawnSync(tsNode, ["--transpile-only", path.join(__dirname, "api.ts")], { cwd: ROOT, stdio: "inherit" });
    return r.status ?? 1;
}

/** The parts, in the order a full run takes them. */
const PARTS = ["start", "options", "scale", "api"] as const;

const USAGE = `usage: npm run bench -- [${PARTS.join(" | ")}]`;

/** What --help prints. */
const HELP = `${USAGE}
  (no part)  every part, in that order
  start      the dev, staging and prod stacks against the floors
  options    the dev stack loaded other ways
  scale      N = 1, 10, 50 dashboard + monitors pairs
  api        the Doku API lifecycle against the fake ingester
  --help, -h print this help
BENCH_RUNS=<n> sets the number of runs (default 5).`;

/** A mistake in the arguments: said with the usage line, exit status 2. */
class UsageError extends Error {}

/** The part to run (undefined: all of them), "help", or a UsageError. */
function readArgs(argv: string[]): (typeof PARTS)[number] | "help" | undefined {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            options: { help: { type: "boolean", short: "h" } },
            strict: true,
            allowPositionals: true,
        });
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    if (parsed.values.help) return "help";
    const [only, ...extra] = parsed.positionals;
    if (extra.length > 0) throw new UsageError(`one part at most; got ${parsed.positionals.join(" ")}`);
    if (only !== undefined && !(PARTS as readonly string[]).includes(only)) {
        throw new UsageError(`unknown part ${JSON.stringify(only)}; expected one of ${PARTS.join(", ")}`);
    }
    return only as (typeof PARTS)[number] | undefined;
}

async function main(): Promise<void> {
    const only = readArgs(process.argv.slice(2));
    if (only === "help") {
        console.log(HELP);
        return;
    }
    if (only === undefined || only === "start") await startPart();
    if (only === undefined || only === "options") await optionsPart();
    if (only === undefined || only === "scale") await scalePart();
    if (only === undefined || only === "api") process.exitCode = apiPart();
}

main().catch((e) => {
    if (e instanceof UsageError) {
        console.error(`bench: ${e.message}\n${USAGE}`);
        process.exit(2);
    }
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
});
