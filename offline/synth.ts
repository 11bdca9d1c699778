import * as pulumi from "@pulumi/pulumi";
import * as fs from "node:fs";
import * as path from "node:path";
import { CONFIG_KEYS, KeySpec, NAMESPACE } from "../config/keys";
import { ConfigError } from "../config/load";
import { exportDashboard } from "../dashboards/export";
import { exportMonitor } from "../monitors/export";
import { dashboardSvg } from "../dashboards/svg";
import { htmlReport } from "./report";
import type { DashboardDefinition } from "../dashboards/llmMonitoring";
import { RecordedResource, RecordingMocks, installMocks, redactedInputs, settle } from "./recording";
import { StackConfig } from "./stackConfig";

export const DASHBOARD_TYPE = "datadog:index/dashboard:Dashboard";
export const MONITOR_TYPE = "datadog:index/monitor:Monitor";

export interface SynthOptions {
    readonly stack: string;
    readonly stackConfig: StackConfig;
    /** Where to write; nothing is written when the configuration is invalid. */
    readonly outDir: string;
    /** The program to run. Default: the repository's index.ts. */
    readonly program?: string;
}

export interface SynthResult {
    readonly resources: RecordedResource[];
    readonly outputs: Record<string, unknown>;
    readonly files: string[];
}

/** Resolves an output under mocks; secrets come back as "[secret]". */
async function reveal(value: unknown): Promise<unknown> {
    if (!pulumi.Output.isInstance(value)) return value;
    if (await pulumi.isSecret(value)) return "[secret]";
    return new Promise((resolve) => value.apply((v) => resolve(v)));
}

/** The resource list as resources.json holds it. */
export function resourceReport(resources: readonly RecordedResource[]): object[] {
    return resources.map((r) => ({
        type: r.type,
        name: r.name,
        parent: r.parent,
        inputs: redactedInputs(r),
        secretInputs: r.secretInputs,
    }));
}

/**
 * Runs the real program under recording mocks with the stack's
 * configuration and writes what it would deploy. Throws ConfigError (and
 * writes nothing) when the configuration is invalid.
 */
export async function synth(options: SynthOptions): Promise<SynthResult> {
    // Secret: what the stack file stores as `secure:`, and every key declared secret, however it was stored.
    const declared = Object.entries(CONFIG_KEYS as Record<string, KeySpec>).filter(([, s]) => s.secret).map(([k]) => `${NAMESPACE}:${k}`);
    const secretKeys = [...new Set([...options.stackConfig.secretKeys, ...declared.filter((k) => k in options.stackConfig.config)])];
    const mocks: RecordingMocks = installMocks({ stack: options.stack, config: options.stackConfig.config, secretKeys });
    const failures: unknown[] = [];
    const onRejection = (e: unknown) => failures.push(e);
    process.on("unhandledRejection", onRejection);
    let exported: Record<string, unknown>;
    try {
        exported = require(options.program ?? path.join(__dirname, "..", "index"));
        await settle(mocks);
    } finally {
        process.off("unhandledRejection", onRejection);
    }
    if (failures.length > 0) throw failures[0];

    const outputs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(exported)) outputs[k] = await reveal(v);

    const files: string[] = [];
    const writeText = (rel: string, text: string) => {
        const file = path.join(options.outDir, rel);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
        files.push(file);
    };
    const write = (rel: string, data: unknown) => writeText(rel, `${JSON.stringify(data, null, 2)}\n`);
    fs.rmSync(options.outDir, { recursive: true, force: true });
    write("resources.json", resourceReport(mocks.resources));
    const dashboards = mocks.ofType(DASHBOARD_TYPE).map((r) => ({ name: r.name, json: exportDashboard(r.inputs as DashboardDefinition) }));
    for (const d of dashboards) {
        write(path.join("dashboards", `${d.name}.json`), d.json);
        writeText(path.join("dashboards", `${d.name}.svg`), dashboardSvg(d.json));
    }
    const monitors = mocks.ofType(MONITOR_TYPE).map((r) => ({ name: r.name, json: exportMonitor(r.inputs) }));
    for (const m of monitors) write(path.join("monitors", `${m.name}.json`), m.json);
    write("outputs.json", outputs);
    writeText("index.html", htmlReport({
        stack: options.stack,
        config: options.stackConfig.config,
        secretKeys,
        resources: mocks.resources,
        dashboards,
        monitors,
        outputs,
    }));
    return { resources: mocks.resources, outputs, files };
}

/** "3 docker:index/container:Container" lines, most first. */
export function summarize(resources: readonly RecordedResource[]): string {
    const counts = new Map<string, number>();
    for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    return [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([type, n]) => `${String(n).padStart(4)}  ${type}`)
        .join("\n");
}

export { ConfigError };
