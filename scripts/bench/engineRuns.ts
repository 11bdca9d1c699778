/**
 * One bench measurement = one `pulumi preview` of a project through the offline engine
 * (offline/engine): Pulumi's own runner, spawned with the project's Pulumi.yaml runtime options.
 * The figure is the runner process's wall time (`program.durationMs`) and its peak RSS.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { runEngine } from "../../offline/engine";
import { readProject } from "../../offline/engine/project";
import { StackConfig, readStackConfig } from "../../offline/stackConfig";

/** The repository root. */
export const ROOT = path.join(__dirname, "..", "..");
/** Where the bench writes its project variants (git-ignored). */
export const OUT = path.join(ROOT, "bench-out");

/** A program the bench runs: a project folder, a stack name and the stack's configuration. */
export interface Program {
    readonly label: string;
    readonly projectDir: string;
    readonly stack: string;
    readonly stackConfig: StackConfig;
}

/** One run of one program. */
export interface Sample {
    readonly ms: number;
    readonly rssMB: number;
    readonly registrations: number;
    /** Spawn to configured of the dynamic-provider host, when the program had a dynamic resource. */
    readonly dynamicHostMs?: number;
}

/** One of the repository's stacks (Pulumi.<stack>.yaml), run from `projectDir`. */
export function stackProgram(stack: string, projectDir = ROOT, label = `stack ${stack}`): Program {
    return { label, projectDir, stack, stackConfig: readStackConfig(path.join(ROOT, `Pulumi.${stack}.yaml`)) };
}

/** The plain-JS floor (fixtures/floor): `count` custom resources with literal inputs. */
export function floorProgram(count: number, label: string): Program {
    return {
        label,
        projectDir: path.join(__dirname, "fixtures", "floor"),
        stack: "bench",
        stackConfig: { config: { "floor:count": String(count) }, secretKeys: [] },
    };
}

/**
 * The TypeScript floor (fixtures/floor-ts): `count` registrations in all (the floor's stack and provider
 * included), one of them a dynamic resource unless `dynamic` is false, loaded with the root Pulumi.yaml's
 * runtime options.
 */
export function tsFloorProgram(count: number, label: string, dynamic = true): Program {
    return {
        label,
        projectDir: projectVariant("floor-ts", "scripts/bench/fixtures/floor-ts/index.ts", { project: "floor" }),
        stack: "bench",
        stackConfig: { config: { "floor:count": String(count), "floor:dynamic": String(dynamic) }, secretKeys: [] },
    };
}

/** One preview; throws with the program's output when it fails (a failed run measures nothing). */
export async function runOnce(program: Program): Promise<Sample> {
    const r = await runEngine({
        projectDir: program.projectDir,
        stack: program.stack,
        operation: "preview",
        stackConfig: program.stackConfig,
    });
    if (!r.ok || r.program === undefined) {
        const why = [
            r.program?.stderr,
            r.program?.stdout,
            ...r.diagnostics.map((d) => JSON.stringify(d)),
            ...r.failures.map((f) => `${f.urn}: ${f.message}`),
        ]
            .filter(Boolean)
            .join("\n");
        throw new Error(`bench: ${program.label} failed:\n${why}`);
    }
    return {
        ms: r.program.durationMs,
        rssMB: (r.program.peakRssKB ?? NaN) / 1024,
        registrations: r.registrations.length,
        dynamicHostMs: r.dynamicHostStartMs,
    };
}

/** The median of `xs` (the mean of the two middle values for an even count). */
export function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** The medians of one program's runs. */
export interface Summary {
    readonly ms: number;
    readonly rssMB: number;
    readonly registrations: number;
    readonly runs: number[];
    /** Median start of the dynamic-provider host (undefined: the program had no dynamic resource). */
    readonly dynamicHostMs?: number;
}

/** `runs` rounds; each round runs every program once, in turn (alternating, so load drifts hit all alike). */
export async function alternate(programs: Program[], runs: number): Promise<Map<Program, Summary>> {
    const samples = new Map<Program, Sample[]>(programs.map((p) => [p, []]));
    for (let round = 0; round < runs; round++) {
        for (const p of programs) samples.get(p)!.push(await runOnce(p));
        process.stderr.write(`  round ${round + 1}/${runs} done\n`);
    }
    return new Map(
        programs.map((p) => {
            const s = samples.get(p)!;
            return [
                p,
                {
                    ms: median(s.map((x) => x.ms)),
                    rssMB: median(s.map((x) => x.rssMB)),
                    registrations: s[0].registrations,
                    runs: s.map((x) => x.ms),
                    dynamicHostMs:
                        s[0].dynamicHostMs === undefined ? undefined : median(s.map((x) => x.dynamicHostMs ?? NaN)),
                },
            ];
        }),
    );
}

/** The machine's load, stated with every figure. */
export function load(): string {
    const [one, five] = os.loadavg();
    return `${os.cpus().length} CPUs, load average ${one.toFixed(2)} (1 min) ${five.toFixed(2)} (5 min)`;
}

/**
 * A project folder in bench-out/<dir> that runs `main` (a path from the repository root) with the
 * root Pulumi.yaml's runtime options, or with `options` instead (a what-if, e.g. another tsconfig).
 * `project` names the project (default: the root's, with the root's declared config); a tsconfig
 * path in the options is rewritten relative to the new folder.
 */
export function projectVariant(
    dir: string,
    main: string,
    how: { project?: string; options?: Record<string, unknown> } = {},
): string {
    const rootDoc = parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));
    const folder = path.join(OUT, dir);
    fs.mkdirSync(folder, { recursive: true });
    const options: Record<string, unknown> = { ...(how.options ?? readProject(ROOT).runtime.options) };
    // The runner's default is tsconfig.json in the project folder: keep pointing at the root's.
    if (options.typescript !== false && options.tsconfig === undefined) options.tsconfig = "tsconfig.json";
    if (typeof options.tsconfig === "string") {
        options.tsconfig = path.relative(folder, path.join(ROOT, options.tsconfig));
    }
    const doc = how.project === undefined ? { ...rootDoc } : { name: how.project };
    Object.assign(doc, { runtime: { name: "nodejs", options }, main: path.relative(folder, path.join(ROOT, main)) });
    fs.writeFileSync(path.join(folder, "Pulumi.yaml"), stringify(doc));
    return folder;
}
