/**
 * npm run bench: prints figures, asserts nothing.
 *   1. synth of each example stack vs a minimal baseline (wall time, peak memory, ratios; target ≤ 1.5× for dev);
 *   2. start-up of index.ts as Pulumi loads it, with and without type-checking;
 *   3. the Doku API lifecycle against the fake ingester (api.ts).
 * `npm run bench -- synth|startup|api` runs one part.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..", "..");
const TS_NODE = path.join(ROOT, "node_modules", ".bin", "ts-node");
const CHILD = path.join(__dirname, "child.ts");

interface Run { wallMs: number; ms: number; rssMB: number; resources: number }

function run(args: string[]): Run {
    const t0 = performance.now();
    const argv = args[0] === "startup"
        ? [path.join(__dirname, "startup.js"), ...args.slice(1)]
        : ["-r", "ts-node/register/transpile-only", CHILD, ...args];
    const r = spawnSync(process.execPath, argv, { cwd: ROOT, encoding: "utf8" });
    const wallMs = performance.now() - t0;
    if (r.status !== 0) throw new Error(`bench child ${args.join(" ")} failed: ${r.stderr}`);
    return { wallMs, ...JSON.parse(r.stdout.trim().split("\n").pop()!) };
}

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function measure(args: string[], runs: number): { wall: number; rss: number; resources: number } {
    const rs = Array.from({ length: runs }, () => run(args));
    return { wall: median(rs.map((r) => r.wallMs)), rss: median(rs.map((r) => r.rssMB)), resources: rs[0].resources };
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

const only = process.argv[2];
if (only === undefined || only === "synth") synthPart();
if (only === undefined || only === "startup") startupPart();
if (only === undefined || only === "api") {
    const r = spawnSync(TS_NODE, ["--transpile-only", path.join(__dirname, "api.ts")], { cwd: ROOT, stdio: "inherit" });
    process.exitCode = r.status ?? 1;
}
