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

/** The type token of a Datadog dashboard: synth exports each one's JSON and draws its picture. */
export const DASHBOARD_TYPE = "datadog:index/dashboard:Dashboard";
/** The type token of a Datadog monitor: synth exports each one's JSON. */
export const MONITOR_TYPE = "datadog:index/monitor:Monitor";
/** This repository's folder (its Pulumi.yaml), the default project. */
const ROOT = path.join(__dirname, "..");

/** What to synthesize, and where to write it. */
export interface SynthOptions {
    /** The stack's name (the program reads it as `pulumi.getStack()`). */
    readonly stack: string;
    /** The stack's configuration, as readStackConfig reads it from a stack file. */
    readonly stackConfig: StackConfig;
    /** Where to write; nothing is written when the configuration or the program fails. */
    readonly outDir: string;
    /** The project folder (Pulumi.yaml). Default: this repository. */
    readonly projectDir?: string;
}

/** What synth found and wrote. */
export interface SynthResult {
    /** Every resource the program registered, in order. */
    readonly resources: RecordedResource[];
    /** The stack outputs, secrets as "[secret]" and values unknown in a preview as "[unknown]". */
    readonly outputs: Record<string, unknown>;
    /** The paths of the files written. */
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
        return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, reveal(field)]));
    }
    return value;
}

/** The resource list as resources.json holds it. */
export function resourceReport(resources: readonly RecordedResource[]): object[] {
    return resources.map((resource) => ({
        type: resource.type,
        name: resource.name,
        parent: resource.parent,
        inputs: redactedInputs(resource),
        secretInputs: resource.secretInputs,
    }));
}

/** A message the program logged for a user's mistake: invalid config (ConfigError) or component arguments. */
function isUserInputError(message: string): boolean {
    return /^Invalid doku configuration \(/.test(message) || /^\S+ "[^"]*": invalid arguments:\n/.test(message);
}

/** The ProgramError of a failed run: the errors the program logged and the resources that failed. */
function programFailure(result: EngineResult): ProgramError {
    const errors = result.diagnostics
        .filter((diagnostic) => diagnostic.severity === "error")
        .map((diagnostic) => diagnostic.message);
    const failures = result.failures.map((failure) => `${failure.urn.split("::").pop()}: ${failure.message}`);
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
        .filter(([, spec]) => spec.secret)
        .map(([key]) => `${NAMESPACE}:${key}`);
    const inClear = declared.filter(
        (key) => key in options.stackConfig.config && !options.stackConfig.secretKeys.includes(key),
    );
    const secretKeys = [...new Set([...options.stackConfig.secretKeys, ...inClear])];
    const warnings = [
        ...result.diagnostics
            .filter((diagnostic) => diagnostic.severity === "warning")
            .map((diagnostic) => diagnostic.message),
        ...inClear.map(
            (key) =>
                `${key} is stored in clear in the stack file; ` +
                `store it with \`pulumi config set --secret ${key} <value>\``,
        ),
    ];
    const outputs = Object.fromEntries(Object.entries(result.outputs).map(([name, value]) => [name, reveal(value)]));
    const resources = result.registrations;

    const files = new Map<string, string>();
    const json = (data: unknown) => `${JSON.stringify(data, null, 2)}\n`;
    files.set("resources.json", json(resourceReport(resources)));
    const dashboards = resources
        .filter((resource) => resource.type === DASHBOARD_TYPE)
        .map((resource) => ({ name: resource.name, json: exportDashboard(resource.inputs as DashboardDefinition) }));
    for (const dashboard of dashboards) {
        files.set(path.join("dashboards", `${dashboard.name}.json`), json(dashboard.json));
        files.set(path.join("dashboards", `${dashboard.name}.svg`), dashboardSvg(dashboard.json));
    }
    const monitors = resources
        .filter((resource) => resource.type === MONITOR_TYPE)
        .map((resource) => ({ name: resource.name, json: exportMonitor(resource.inputs) }));
    for (const monitor of monitors) files.set(path.join("monitors", `${monitor.name}.json`), json(monitor.json));
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
        (relativePath, text) => {
            const file = path.join(options.outDir, relativePath);
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
    for (const resource of resources) counts.set(resource.type, (counts.get(resource.type) ?? 0) + 1);
    return [...counts.entries()]
        .sort(([typeA, countA], [typeB, countB]) => countB - countA || typeA.localeCompare(typeB))
        .map(([type, count]) => `${String(count).padStart(4)}  ${type}`)
        .join("\n");
}
