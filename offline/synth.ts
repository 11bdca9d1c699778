/**
 * @file Offline synth: runs the real program the way `pulumi preview` runs it (synthPreview.ts) and writes the
 * review folder: resources.json, each dashboard's and monitor's Datadog API JSON and picture, outputs.json and
 * index.html, every secret and every URL's user-info as `[secret]`. A failed run removes what the last one
 * wrote there, so that no stale review is taken for current.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { dashboardSvg } from "../dashboards/svg";
import { checkOutputDir, clearOutput, replaceOutput } from "./outputDir";
import type { RecordedResource } from "./recording";
import { htmlReport } from "./report";
import { previewStack } from "./synthPreview";
import { StackConfig } from "./stackConfig";

export { DASHBOARD_TYPE, MONITOR_TYPE, ProgramError, resourceReport } from "./synthPreview";

/** What to synthesize, and where to write it. */
export interface SynthOptions {
    /** The stack's name (the program reads it as `pulumi.getStack()`). */
    readonly stack: string;
    /** The stack's configuration, as readStackConfig reads it from a stack file. */
    readonly stackConfig: StackConfig;
    /**
     * Where to write. When the configuration or the program fails nothing is written, and the files a previous
     * synth wrote there are removed (see clearOutput).
     */
    readonly outDir: string;
    /** The project folder (Pulumi.yaml). Default: this repository. */
    readonly projectDir?: string;
    /** Told which files of a previous synth a failed run removed (none: not called). */
    readonly onCleared?: (removed: readonly string[]) => void;
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

/**
 * Runs the real program as `pulumi preview` runs it — the CLI's config
 * rules, Pulumi's runner, the dynamic-provider host — through the offline
 * engine, and writes what it would deploy. Throws StackConfigError or
 * ProgramError (and writes nothing) when the preview would fail.
 */
export async function synth(options: SynthOptions): Promise<SynthResult> {
    checkOutputDir(options.outDir);
    let preview;
    try {
        preview = await previewStack(options);
    } catch (error) {
        const removed = clearOutput(options.outDir);
        if (removed.length > 0) options.onCleared?.(removed);
        throw error;
    }
    const { dashboards, monitors, outputs, scrub } = preview;
    const files = new Map<string, string>();
    const json = (data: unknown) => `${JSON.stringify(data, null, 2)}\n`;
    files.set("resources.json", json(preview.report));
    for (const dashboard of dashboards) {
        files.set(path.join("dashboards", `${dashboard.name}.json`), json(dashboard.json));
        files.set(path.join("dashboards", `${dashboard.name}.svg`), dashboardSvg(dashboard.json));
    }
    for (const monitor of monitors) files.set(path.join("monitors", `${monitor.name}.json`), json(monitor.json));
    files.set("outputs.json", json(outputs));
    files.set(
        "index.html",
        htmlReport({
            stack: options.stack,
            config: preview.settings.shown,
            resources: preview.resources,
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
            // The last guard: every file's text, as written, with URL user-info and secrets in clear hidden.
            fs.writeFileSync(file, scrub(text));
            written.push(file);
        },
        files,
    );
    return { resources: preview.resources, outputs, files: written, warnings: preview.warnings };
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
