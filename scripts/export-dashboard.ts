/**
 * @file Prints (or writes) the Datadog API JSON of the "Doku - LLM Monitoring" dashboard, ready to import by
 * hand: the default one (the reference with default options), or the dashboards a stack declares (its
 * program run as `pulumi preview` runs it, as synth does).
 *
 *   npm run export-dashboard -- [--stack <name> | --config <file>] [--site <site>] [--out <dir>]
 *
 * `--out` is a folder, with synth's safety: a new or empty folder, or one export-dashboard wrote (its
 * `.doku-synth.json` lists the files it replaces); any other folder is left alone. Each dashboard is
 * `<name>.json` there. `--site` (default: the stack's `doku:datadogSite`, else datadoghq.com) names the
 * Datadog site whose app the import link points at.
 * Exit status: 0 written, 1 the program failed or a file could not be written, 2 bad arguments.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { exportDashboard } from "../dashboards/export";
import { llmMonitoringDashboard } from "../dashboards/llmMonitoring";
import { appHost, siteProblem } from "../datadog/sites";
import { OutputDirError, checkOutputDir, replaceOutput } from "../offline/outputDir";
import type { ExportedResource } from "../offline/report";
import { readStackConfig } from "../offline/stackConfig";
import { ProgramError, previewStack } from "../offline/synthPreview";
import { UsageError, checkOutArgument, isUserMistake, requireStackFile, stackSource } from "./scriptArgs";

/** What a write error means for the user. */
const WRITE_ERROR_MEANINGS: Record<string, string> = {
    EEXIST: "part of the path is a file, not a folder",
    ENOTDIR: "part of the path is a file, not a folder",
    EACCES: "permission denied",
    EROFS: "the file system is read-only",
};

const USAGE = "usage: npm run export-dashboard -- [--stack <name> | --config <file>] [--site <site>] [--out <folder>]";

/** What --help prints. */
const HELP = `${USAGE}
  (neither)        the default dashboard: the reference, with default options
  --stack <name>   the dashboards the stack of Pulumi.<name>.yaml declares (its program run as a preview)
  --config <file>  the same, from a stack file of another name
  --site <site>    the Datadog site to import on (default: the stack's doku:datadogSite, else datadoghq.com)
  --out <folder>   write <dashboard name>.json there (a new or empty folder, or one export-dashboard wrote);
                   without it, the JSON of the one dashboard is printed
  --help, -h       print this help`;

/** The file name of the default dashboard. */
const DEFAULT_NAME = "doku-llm-monitoring";

/** The parsed arguments. */
function readArgs(argv: string[]): { stack?: string; config?: string; site?: string; out?: string; help?: boolean } {
    try {
        return parseArgs({
            args: argv,
            options: {
                stack: { type: "string" },
                config: { type: "string" },
                site: { type: "string" },
                out: { type: "string", short: "o" },
                help: { type: "boolean", short: "h" },
            },
            strict: true,
            allowPositionals: false,
        }).values;
    } catch (error) {
        throw new UsageError((error as Error).message, USAGE);
    }
}

/** The dashboards to export and the site they are for: the default, or a stack's. */
async function dashboardsOf(
    args: ReturnType<typeof readArgs>,
): Promise<{ dashboards: ExportedResource[]; site: string }> {
    const source = stackSource(args, USAGE, true);
    if (source === undefined) {
        const json = exportDashboard(llmMonitoringDashboard());
        return { dashboards: [{ name: DEFAULT_NAME, json }], site: args.site ?? "datadoghq.com" };
    }
    requireStackFile(source, USAGE);
    const preview = await previewStack({ stack: source.stack, stackConfig: readStackConfig(source.file) });
    for (const warning of preview.warnings) console.error(`warning: ${warning}`);
    const stackSite = preview.outputs.datadogSite;
    return {
        dashboards: preview.dashboards,
        site: args.site ?? (typeof stackSite === "string" ? stackSite : "datadoghq.com"),
    };
}

/** Writes each dashboard as `<name>.json` in `out` (synth's folder rules); returns the files written. */
function writeAll(out: string, dashboards: readonly ExportedResource[]): string[] {
    const files = new Map(dashboards.map((dashboard) => [`${dashboard.name}.json`, json(dashboard.json)]));
    const written: string[] = [];
    replaceOutput(
        out,
        (relativePath, text) => {
            const file = path.join(out, relativePath);
            fs.writeFileSync(file, text);
            written.push(file);
        },
        files,
        "export-dashboard",
    );
    return written;
}

const json = (data: unknown) => `${JSON.stringify(data, null, 2)}\n`;

async function main(argv: string[]): Promise<number> {
    const args = readArgs(argv);
    if (args.help) {
        console.log(HELP);
        return 0;
    }
    checkOutArgument(args.out, USAGE, "a folder to write <dashboard name>.json into");
    const problem = args.site === undefined ? undefined : siteProblem("--site", args.site);
    if (problem !== undefined) throw new UsageError(problem, USAGE);
    if (args.out !== undefined) {
        if (/\.json$/i.test(args.out) && !fs.existsSync(args.out)) {
            const expected = `expected a folder: export-dashboard writes <dashboard name>.json into it`;
            throw new UsageError(`--out ${args.out}: ${expected}`, USAGE);
        }
        checkOutputDir(args.out, "export-dashboard");
    }
    const { dashboards, site } = await dashboardsOf(args);
    const importAt = `import by hand at https://${appHost(site)}/dashboard/lists (New Dashboard, Import dashboard JSON)`;
    if (dashboards.length === 0) {
        console.error("export-dashboard: the stack declares no dashboard");
        return 1;
    }
    if (args.out === undefined) {
        if (dashboards.length > 1) {
            const names = dashboards.map((dashboard) => dashboard.name).join(", ");
            throw new UsageError(`the stack declares ${dashboards.length} dashboards (${names}); give --out`, USAGE);
        }
        process.stdout.write(json(dashboards[0].json));
        console.error(importAt);
        return 0;
    }
    const created = !fs.existsSync(args.out);
    let written: string[];
    try {
        written = writeAll(args.out, dashboards);
    } catch (error) {
        if (error instanceof OutputDirError) throw error;
        const writeError = error as NodeJS.ErrnoException;
        const meaning = WRITE_ERROR_MEANINGS[writeError.code ?? ""] ?? writeError.message;
        console.error(`export-dashboard: cannot write into ${args.out}: ${meaning}`);
        return 1;
    }
    if (created) console.log(`created the folder ${args.out}`);
    for (const file of written) console.log(`wrote ${file}`);
    console.log(importAt);
    return 0;
}

main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
        if (isUserMistake(error)) {
            console.error(`export-dashboard: ${error.message}`);
            process.exitCode = 2;
        } else if (error instanceof ProgramError) {
            console.error(`export-dashboard: the program failed as \`pulumi preview\` would:\n${error.message}`);
            process.exitCode = 1;
        } else {
            console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
            process.exitCode = 1;
        }
    },
);
