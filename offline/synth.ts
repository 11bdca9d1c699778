import * as fs from "node:fs";
import * as path from "node:path";
import { CONFIG_KEYS, KeySpec, NAMESPACE } from "../config/keys";
import { exportDashboard } from "../dashboards/export";
import { exportMonitor } from "../monitors/export";
import { dashboardSvg } from "../dashboards/svg";
import type { DashboardDefinition } from "../dashboards/llmMonitoring";
import { EngineResult, runEngine } from "./engine";
import { UNKNOWN, Wire, isSecret } from "./engine/properties";
import { checkOutputDir, replaceOutput } from "./outputDir";
import { RecordedResource, redactedInputs } from "./recording";
import { htmlReport } from "./report";
import { StackConfig } from "./stackConfig";

export const DASHBOARD_TYPE = "datadog:index/dashboard:Dashboard";
export const MONITOR_TYPE = "datadog:index/monitor:Monitor";
const ROOT = path.join(__dirname, "..");

export interface SynthOptions {
    readonly stack: string;
    readonly stackConfig: StackConfig;
    /** Where to write; nothing is written when the configuration or the program fails. */
    readonly outDir: string;
    /** The project folder (Pulumi.yaml). Default: this repository. */
    readonly projectDir?: string;
}

export interface SynthResult {
    readonly resources: RecordedResource[];
    readonly outputs: Record<string, unknown>;
    readonly files: string[];
    /** Warnings the program logged, and synth's own (a secret stored in clear). */
    readonly warnings: string[];
}

/** The program failed as `pulumi preview` would fail: its own messages, nothing written. */
export class ProgramError extends Error {
    constructor(
        message: string,
        readonly userInput: boolean,
    ) {
        super(message);
        this.name = "ProgramError";
    }
}

/** A stack output as a person reads it: secrets as "[secret]", values not known in a preview as "[unknown]". */
function reveal(value: Wire): unknown {
    if (isSecret(value)) return "[secret]";
    if (value === UNKNOWN) return "[unknown]";
    if (Array.isArray(value)) return value.map(reveal);
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
    }
    return value;
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

/** A message the program logged for a user's mistake: invalid config (ConfigError) or component arguments. */
function isUserInputError(message: string): boolean {
    return /^Invalid doku configuration \(/.test(message) || /^\S+ "[^"]*": invalid arguments:\n/.test(message);
}

function programFailure(result: EngineResult): ProgramError {
    const errors = result.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
    const failures = result.failures.map((f) => `${f.urn.split("::").pop()}: ${f.message}`);
    const messages = [...errors, ...failures];
    if (messages.length === 0)
        messages.push(`the program exited with ${result.program?.exitCode}: ${result.program?.stderr ?? ""}`);
    return new ProgramError(messages.join("\n"), errors.length > 0 && errors.every(isUserInputError));
}

/**
 * Runs the real program as `pulumi preview` runs it — the CLI's config
 * rules, Pulumi's runner, the dynamic-provider host — through the offline
 * engine, and writes what it would deploy. Throws StackConfigError or
 * ProgramError (and writes nothing) when the preview would fail.
 */
export async function synth(options: SynthOptions): Promise<SynthResult> {
    checkOutputDir(options.outDir);
    const result = await runEngine({
        projectDir: options.projectDir ?? ROOT,
        stack: options.stack,
        operation: "preview",
        stackConfig: options.stackConfig,
    });
    if (!result.ok) throw programFailure(result);

    // Secret in the reports: what the stack file stores as `secure:`, and every key declared secret however stored.
    const declared = Object.entries(CONFIG_KEYS as Record<string, KeySpec>)
        .filter(([, s]) => s.secret)
        .map(([k]) => `${NAMESPACE}:${k}`);
    const inClear = declared.filter(
        (k) => k in options.stackConfig.config && !options.stackConfig.secretKeys.includes(k),
    );
    const secretKeys = [...new Set([...options.stackConfig.secretKeys, ...inClear])];
    const warnings = [
        ...result.diagnostics.filter((d) => d.severity === "warning").map((d) => d.message),
        ...inClear.map(
            (k) =>
                `${k} is stored in clear in the stack file; store it with \`pulumi config set --secret ${k} <value>\``,
        ),
    ];
    const outputs = Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, reveal(v)]));
    const resources = result.registrations;

    const files = new Map<string, string>();
    const json = (data: unknown) => `${JSON.stringify(data, null, 2)}\n`;
    files.set("resources.json", json(resourceReport(resources)));
    const dashboards = resources
        .filter((r) => r.type === DASHBOARD_TYPE)
        .map((r) => ({ name: r.name, json: exportDashboard(r.inputs as DashboardDefinition) }));
    for (const d of dashboards) {
        files.set(path.join("dashboards", `${d.name}.json`), json(d.json));
        files.set(path.join("dashboards", `${d.name}.svg`), dashboardSvg(d.json));
    }
    const monitors = resources
        .filter((r) => r.type === MONITOR_TYPE)
        .map((r) => ({ name: r.name, json: exportMonitor(r.inputs) }));
    for (const m of monitors) files.set(path.join("monitors", `${m.name}.json`), json(m.json));
    files.set("outputs.json", json(outputs));
    files.set(
        "index.html",
        htmlReport({
            stack: options.stack,
            config: options.stackConfig.config,
            secretKeys,
            resources,
            dashboards,
            monitors,
            outputs,
        }),
    );
    const written: string[] = [];
    replaceOutput(
        options.outDir,
        (rel, text) => {
            const file = path.join(options.outDir, rel);
            fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(file, text);
            written.push(file);
        },
        files,
    );
    return { resources, outputs, files: written, warnings };
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
