/**
 * @file The run behind synth and export-dashboard: the real program as `pulumi preview` runs it (the CLI's
 * config rules, Pulumi's runner, the dynamic-provider host) through the offline engine, and what it
 * registered, made fit for a review file: secrets, URL user-info and unknowns shown as `[secret]` and
 * `[unknown]` (synthSecrets.ts).
 */
import * as path from "node:path";
import { exportDashboard } from "../dashboards/export";
import type { DashboardDefinition } from "../dashboards/llmMonitoring";
import { exportMonitor } from "../monitors/export";
import { EngineResult, runEngine } from "./engine";
import { UNKNOWN, Wire, isSecret } from "./engine/properties";
import { inventedOutputs } from "./engine/simulated";
import { RecordedResource, redactedInputs } from "./recording";
import type { ExportedResource } from "./report";
import { SettingsView, scrubDeep, scrubber, settingsView } from "./synthSecrets";
import { StackConfig } from "./stackConfig";

/** The type token of a Datadog dashboard: synth exports each one's JSON and draws its picture. */
export const DASHBOARD_TYPE = "datadog:index/dashboard:Dashboard";
/** The type token of a Datadog monitor: synth exports each one's JSON. */
export const MONITOR_TYPE = "datadog:index/monitor:Monitor";
/** This repository's folder (its Pulumi.yaml), the default project. */
const ROOT = path.join(__dirname, "..");

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

/** Which stack to preview. */
export interface PreviewOptions {
    /** The stack's name (the program reads it as `pulumi.getStack()`). */
    readonly stack: string;
    /** The stack's configuration, as readStackConfig reads it from a stack file. */
    readonly stackConfig: StackConfig;
    /** The project folder (Pulumi.yaml). Default: this repository. */
    readonly projectDir?: string;
}

/** What a preview registered, ready for review files: every secret and every URL's user-info hidden. */
export interface StackPreview {
    /** Every resource the program registered, in order (inputs as registered: write them only through `report`). */
    readonly resources: RecordedResource[];
    /** The resource list as resources.json holds it. */
    readonly report: object[];
    /** The stack outputs, secrets as "[secret]" and values unknown in a preview as "[unknown]". */
    readonly outputs: Record<string, unknown>;
    /** Each dashboard's Datadog API JSON. */
    readonly dashboards: ExportedResource[];
    /** Each monitor's Datadog API JSON. */
    readonly monitors: ExportedResource[];
    /** The stack's settings as the review shows them. */
    readonly settings: SettingsView;
    /** Warnings the program logged, and synth's own (a secret stored in clear). */
    readonly warnings: string[];
    /** Hides, in any text about to be written, every URL's user-info and the secrets stored in clear. */
    readonly scrub: (text: string) => string;
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

/** The strings inside the secret values of a wire value. */
function secretStrings(value: Wire, inSecret = false, out: string[] = []): string[] {
    if (isSecret(value)) return secretStrings(value.value, true, out);
    if (typeof value === "string" && inSecret) out.push(value);
    if (Array.isArray(value)) for (const item of value) secretStrings(item, inSecret, out);
    else if (typeof value === "object" && value !== null)
        for (const child of Object.values(value)) secretStrings(child, inSecret, out);
    return out;
}

/**
 * The secret values this run was given or made up: the stack's secret settings (placeholders, or values stored
 * in clear) and the secret outputs the engine invents (a generated password). A list secret as a whole shows
 * its entries with these hidden (redactedInputs).
 */
function secretMarkers(stackConfig: StackConfig, settings: SettingsView, resources: RecordedResource[]): string[] {
    const configured = stackConfig.secretKeys.map((key) => stackConfig.config[key]);
    const invented = resources.flatMap((resource) =>
        secretStrings(inventedOutputs(resource.type, resource.urn, resource.inputs)),
    );
    return [...new Set([...configured, ...settings.clearSecrets, ...invented])];
}

/** The resource list as resources.json holds it (see redactedInputs for `markers`). */
export function resourceReport(resources: readonly RecordedResource[], markers: readonly string[] = []): object[] {
    return resources.map((resource) => ({
        type: resource.type,
        name: resource.name,
        parent: resource.parent,
        inputs: redactedInputs(resource, markers),
        secretInputs: resource.secretInputs,
    }));
}

/** A message the program logged for a user's mistake: invalid config (ConfigError) or component arguments. */
function isUserInputError(message: string): boolean {
    return /^Invalid doku configuration \(/.test(message) || /^\S+ "[^"]*": invalid arguments:\n/.test(message);
}

/** The ProgramError of a failed run: the errors the program logged and the resources that failed. */
function programFailure(result: EngineResult, scrub: (text: string) => string): ProgramError {
    const errors = result.diagnostics
        .filter((diagnostic) => diagnostic.severity === "error")
        .map((diagnostic) => diagnostic.message);
    const failures = result.failures.map((failure) => `${failure.urn.split("::").pop()}: ${failure.message}`);
    const messages = [...errors, ...failures];
    if (messages.length === 0)
        messages.push(`the program exited with ${result.program?.exitCode}: ${result.program?.stderr ?? ""}`);
    return new ProgramError(scrub(messages.join("\n")), errors.length > 0 && errors.every(isUserInputError));
}

/**
 * Runs the program as `pulumi preview` runs it and returns what it registered, fit for review. Throws
 * StackConfigError or ProgramError when the preview would fail.
 */
export async function previewStack(options: PreviewOptions): Promise<StackPreview> {
    const settings = settingsView(options.stackConfig);
    const scrub = scrubber(settings.clearSecrets);
    const result = await runEngine({
        projectDir: options.projectDir ?? ROOT,
        stack: options.stack,
        operation: "preview",
        stackConfig: options.stackConfig,
    });
    if (!result.ok) throw programFailure(result, scrub);
    const resources = result.registrations;
    const clean = <T>(value: T) => scrubDeep(value, scrub) as T;
    const exported = (type: string, toJson: (resource: RecordedResource) => Record<string, unknown>) =>
        resources
            .filter((resource) => resource.type === type)
            .map((resource) => clean({ name: resource.name, json: toJson(resource) }));
    const logged = result.diagnostics
        .filter((diagnostic) => diagnostic.severity === "warning")
        .map((diagnostic) => diagnostic.message);
    return {
        resources,
        report: clean(resourceReport(resources, secretMarkers(options.stackConfig, settings, resources))),
        outputs: clean(
            Object.fromEntries(Object.entries(result.outputs).map(([name, value]) => [name, reveal(value)])),
        ),
        dashboards: exported(DASHBOARD_TYPE, (resource) => exportDashboard(resource.inputs as DashboardDefinition)),
        monitors: exported(MONITOR_TYPE, (resource) => exportMonitor(resource.inputs)),
        settings,
        warnings: [...(options.stackConfig.retyped ?? []), ...logged.map(scrub), ...settings.warnings],
        scrub,
    };
}
