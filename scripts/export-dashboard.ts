/**
 * @file Prints (or writes) the Datadog API JSON of the "Doku - LLM Monitoring"
 * dashboard with default options, ready to import by hand.
 *
 *   npm run export-dashboard -- [--out file]
 *
 * Exit status: 0 written, 1 the file could not be written, 2 bad arguments.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { exportDashboard } from "../dashboards/export";
import { llmMonitoringDashboard } from "../dashboards/llmMonitoring";

/** What a write error means for the user. */
const WRITE_ERROR_MEANINGS: Record<string, string> = {
    EISDIR: "it is a folder; give a file name such as dashboard.json",
    EEXIST: "part of the path is a file, not a folder",
    ENOTDIR: "part of the path is a file, not a folder",
    EACCES: "permission denied",
    EROFS: "the file system is read-only",
};

const USAGE = "usage: npm run export-dashboard -- [--out file]";

function main(argv: string[]): number {
    let out: string | undefined;
    try {
        const options = { out: { type: "string", short: "o" }, help: { type: "boolean", short: "h" } } as const;
        const { values } = parseArgs({ args: argv, options });
        if (values.help) {
            console.log(USAGE);
            return 0;
        }
        out = values.out;
        if (out !== undefined && (out === "" || out.startsWith("-"))) {
            throw new Error(`option --out needs a file name, got ${JSON.stringify(out)}`);
        }
    } catch (error) {
        console.error(`export-dashboard: ${(error as Error).message}\n${USAGE}`);
        return 2;
    }
    const json = `${JSON.stringify(exportDashboard(llmMonitoringDashboard()), null, 2)}\n`;
    if (out === undefined) {
        process.stdout.write(json);
        return 0;
    }
    try {
        // The folder is created when missing (`--out exports/dashboard.json` on a fresh checkout).
        fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
        fs.writeFileSync(out, json);
    } catch (error) {
        const writeError = error as NodeJS.ErrnoException;
        const meaning = WRITE_ERROR_MEANINGS[writeError.code ?? ""] ?? writeError.message;
        console.error(`export-dashboard: cannot write ${out}: ${meaning}`);
        return 1;
    }
    console.log(`wrote ${out}`);
    return 0;
}

process.exitCode = main(process.argv.slice(2));
