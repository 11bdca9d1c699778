/**
 * @file The folder synth (or export-dashboard) writes into, and only what it wrote there: a new or
 * empty folder is taken and marked with a manifest of the files written; a folder the same script
 * marked has exactly those files replaced; any other folder is refused, so `--out .` can never empty
 * a repository. After a failed run, the files the last run wrote are removed, so that no review is
 * taken for current.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The manifest synth leaves in a folder it wrote: the list of the files it wrote there. */
export const MANIFEST = ".doku-synth.json";

/** Who writes a folder: the script (its manifest names it `npm run <script>`). */
export type OutputWriter = "synth" | "export-dashboard";

/** The folder is someone else's work: nothing was written. */
export class OutputDirError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "OutputDirError";
    }
}

/** What a manifest says: who wrote the folder, and the files it wrote. */
interface Manifest {
    readonly writtenBy: string;
    readonly files: string[];
}

/** The command that runs a script, as a manifest and messages name it. */
const command = (writer: OutputWriter) => `npm run ${writer}`;

/** The manifest in `dir`, or undefined when there is no readable manifest. */
function manifestOf(dir: string): Manifest | undefined {
    const file = path.join(dir, MANIFEST);
    if (!fs.existsSync(file)) return undefined;
    try {
        const { writtenBy, files } = JSON.parse(fs.readFileSync(file, "utf8"));
        if (!Array.isArray(files) || !files.every((entry) => typeof entry === "string")) return undefined;
        // Manifests from before `writtenBy` was checked were synth's.
        return { writtenBy: typeof writtenBy === "string" ? writtenBy : command("synth"), files };
    } catch {
        return undefined;
    }
}

/** Throws OutputDirError when `writer` may not write into `dir`; writes nothing. */
export function checkOutputDir(dir: string, writer: OutputWriter = "synth"): void {
    if (dir.trim() === "") throw new OutputDirError(`--out: got ${JSON.stringify(dir)}; expected a folder path`);
    if (!fs.existsSync(dir)) return;
    if (!fs.statSync(dir).isDirectory())
        throw new OutputDirError(`--out ${dir}: not a folder; choose a new or empty folder`);
    if (fs.readdirSync(dir).length === 0) return;
    const manifest = manifestOf(dir);
    if (manifest?.writtenBy === command(writer)) return;
    if (manifest !== undefined) {
        throw new OutputDirError(
            `--out ${dir}: the folder was written by \`${manifest.writtenBy}\`, so ${writer} leaves it alone; ` +
                "choose a new or empty folder",
        );
    }
    throw new OutputDirError(
        `--out ${dir}: the folder holds files ${writer} did not write, so ${writer} leaves it alone; ` +
            `choose a new or empty folder (${writer} replaces only a folder it wrote itself)`,
    );
}

/** Removes the listed files under `root` (never outside it), then the folders that removing them emptied. */
function removeListed(root: string, relativePaths: readonly string[]): string[] {
    const removed: string[] = [];
    for (const relativePath of relativePaths) {
        const file = path.resolve(root, relativePath);
        if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) continue;
        fs.rmSync(file);
        removed.push(file);
        for (let folder = path.dirname(file); folder !== root; folder = path.dirname(folder)) {
            if (fs.readdirSync(folder).length > 0) break;
            fs.rmdirSync(folder);
        }
    }
    return removed;
}

/** Writes the manifest: who wrote the folder and the files it wrote (none after a failure). */
function writeManifest(dir: string, writer: OutputWriter, files: string[], failed = false): void {
    const manifest = { writtenBy: command(writer), files, ...(failed ? { lastRunFailed: true } : {}) };
    fs.writeFileSync(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Removes what `writer` wrote last time (listed in the manifest), then lets `write` put the new files. Folders
 * that only held removed files are removed too; a file the manifest does not list stays.
 */
export function replaceOutput(
    dir: string,
    write: (relativePath: string, text: string) => void,
    files: Map<string, string>,
    writer: OutputWriter = "synth",
): void {
    checkOutputDir(dir, writer);
    fs.mkdirSync(dir, { recursive: true });
    removeListed(path.resolve(dir), manifestOf(dir)?.files ?? []);
    for (const [relativePath, text] of files) write(relativePath, text);
    writeManifest(dir, writer, [...files.keys()]);
}

/**
 * After a failed run: removes the files `writer` wrote in `dir` last time, which the failed run would have
 * replaced, so that nobody reviews them as current. Only a folder `writer` marked is touched, and in it only the
 * files its manifest lists (the manifest stays, listing none). Returns the paths removed.
 */
export function clearOutput(dir: string, writer: OutputWriter = "synth"): string[] {
    if (dir.trim() === "" || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
    const manifest = manifestOf(dir);
    if (manifest === undefined || manifest.writtenBy !== command(writer)) return [];
    const removed = removeListed(path.resolve(dir), manifest.files);
    writeManifest(dir, writer, [], true);
    return removed;
}
