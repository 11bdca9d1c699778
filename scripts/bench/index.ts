/**
 * npm run bench: prints figures, asserts nothing.
 *   1. synth of each example stack vs a minimal baseline (wall time, peak memory, ratios; target ≤ 1.5× for dev);
 *   2. start-up of index.ts as Pulumi loads it, with and without type-checking;
 *   3. the Doku API lifecycle against the fake ingester (api.ts);
 *   4. what would meet the dev target: the dev stack loaded as TypeScript or precompiled JavaScript,
 *      with its dynamic providers serialized at run time or not (a stub; measurement only).
 * `npm run bench -- synth|startup|api|options` runs one part.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..", "..");
const TS_NODE = path.join(ROOT, "node_modules", ".bin", "ts-node");
const CHILD = path.join(__dirname, "child.ts");

interface Run { wallMs: number; ms: number; rssMB: number; resources: number; stubbed: number }
/** How a child loads: ts-node transpile-only (what Pulumi.yaml configures) or precompiled JavaScript. */
type Loading = { kind: "ts" } | { kind: "js"; child: string };
interface RunOptions { loading?: Loading; skipSerialization?: boolean }

function run(args: string[], opts: RunOptions = {}): Run {
    const loading = opts.loading ?? { kind: "ts" };
    const t0 = performance.now();
    const argv = args[0] === "startup"
        ? [path.join(__dirname, "startup.js"), ...args.slice(1)]
        : loading.kind === "js" ? [loading.child, ...args] : ["-r", "ts-node/register/transpile-only", CHILD, ...args];
    const env = { ...process.env, DOKU_BENCH_SKIP_SERIALIZATION: opts.skipSerialization ? "1" : "0" };
    const r = spawnSync(process.execPath, argv, { cwd: ROOT, encoding: "utf8", env });
    const wallMs = performance.now() - t0;
    if (r.status !== 0) throw new Error(`bench child ${args.join(" ")} failed: ${r.stderr}`);
    return { wallMs, ...JSON.parse(r.stdout.trim().split("\n").pop()!) };
}

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function measure(args: string[], runs: number, opts: RunOptions = {}): { wall: number; rss: number; resources: number; stubbed: number } {
    const rs = Array.from({ length: runs }, () => run(args, opts));
    return { wall: median(rs.map((r) => r.wallMs)), rss: median(rs.map((r) => r.rssMB)), resources: rs[0].resources, stubbed: rs[0].stubbed };
}

function synthPart(): void {
    const RUNS = 5;
    const baseline = measure(["baseline"], RUNS);
    console.log(`synth under mocks (median of ${RUNS} runs, each a fresh node process with ts-node transpile-only):`);
    console.log(`  ${"program".padEnd(22)} ${"resources".padStart(9)} ${"wall".padStart(8)} ${"peak RSS".padStart(9)} ${"× wall".padStart(7)} ${"× RSS".padStart(6)}`);
    const row = (name: string, m: { wall: number; rss: number; resources: number }) =>
        console.log(`  ${name.padEnd(22)} ${String(m.resources).padStart(9)} ${`${m.wall.toFixed(0)} ms`.padStart(8)} ${`${m.rss} MB`.padStart(9)} ${(m.wall / baseline.wall).toFixed(2).padStart(7)} ${(m.rss / baseline.rss).toFixed(2).padStart(6)}`);
    row("baseline (1 resource)", baseline);
    for (const stack of ["dev", "staging", "prod"]) row(`stack ${stack}`, measure(["stack", path.join(ROOT, `Pulumi.${stack}.yaml`)], RUNS));
    console.log("  target: dev ≤ 1.5× the baseline's wall time");
}

function startupPart(): void {
    console.log("start-up of index.ts as Pulumi loads it (ts-node on tsconfig.json, dev stack, under mocks; 3 runs, median):");
    for (const mode of ["nocheck", "check"]) {
        const rs = Array.from({ length: 3 }, () => run(["startup", mode]));
        console.log(`  ${mode === "check" ? "type-checking (ts-node default)" : "transpile-only (noCheck: what Pulumi does here)"}: ${median(rs.map((r) => r.wallMs)).toFixed(0)} ms wall, ${median(rs.map((r) => r.rssMB))} MB peak RSS`);
    }
}

/**
 * The dev stack under each combination of (how the program is loaded) × (whether its dynamic
 * providers are serialized at run time), each against the baseline loaded the same way.
 * Precompiled JavaScript is tsc's transpile-only output of the whole project in bench-out/js
 * (inside the repo, so node_modules resolves). Skipping serialization is a stub in the child:
 * it shows the cost, it is not a configuration anyone can deploy.
 */
function optionsPart(): void {
    const RUNS = 5;
    const out = path.join(ROOT, "bench-out", "js");
    rmSync(out, { recursive: true, force: true });
    const tsc = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json", "--outDir", out, "--declaration", "false"], { cwd: ROOT, encoding: "utf8" });
    if (tsc.status !== 0) throw new Error(`tsc into ${out} failed: ${tsc.stdout}${tsc.stderr}`);
    const js: Loading = { kind: "js", child: path.join(out, "scripts", "bench", "child.js") };
    const dev = path.join(ROOT, "Pulumi.dev.yaml");
    console.log(`dev stack: what would meet the 1.5× target (median of ${RUNS} runs; each row against the baseline loaded the same way):`);
    console.log(`  ${"program loaded as".padEnd(34)} ${"providers serialized".padEnd(21)} ${"baseline".padStart(8)} ${"dev".padStart(8)} ${"× wall".padStart(7)}`);
    for (const [label, loading] of [["ts-node transpile-only (shipped)", { kind: "ts" }], ["precompiled JavaScript", js]] as [string, Loading][]) {
        const baseline = measure(["baseline"], RUNS, { loading });
        for (const skip of [false, true]) {
            const m = measure(["stack", dev], RUNS, { loading, skipSerialization: skip });
            if (skip && m.stubbed === 0) throw new Error("the serialization stub was never called: the what-if row would measure nothing");
            if (!skip && m.stubbed !== 0) throw new Error("the serialization stub ran in a row that should serialize");
            console.log(`  ${label.padEnd(34)} ${(skip ? "no (stub)" : "at run time").padEnd(21)} ${`${baseline.wall.toFixed(0)} ms`.padStart(8)} ${`${m.wall.toFixed(0)} ms`.padStart(8)} ${(m.wall / baseline.wall).toFixed(2).padStart(7)}`);
        }
    }
}

const only = process.argv[2];
if (only === undefined || only === "synth") synthPart();
if (only === undefined || only === "startup") startupPart();
if (only === undefined || only === "options") optionsPart();
if (only === undefined || only === "api") {
    const r = spawnSync(TS_NODE, ["--transpile-only", path.join(__dirname, "api.ts")], { cwd: ROOT, stdio: "inherit" });
    process.exitCode = r.status ?? 1;
}
