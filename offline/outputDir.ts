/**
 * @file The folder synth writes into, and only what synth wrote there: a new or
 * empty folder is taken and marked with a manifest of the files written;
 * a marked folder has exactly those files replaced; any other folder is
 * refused, so `--out .` can never empty a repository.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The manifest synth leaves in a folder it wrote: the list of the files it wrote there. */
export const MANIFEST = ".doku-synth.json";

/** The folder is someone else's work: nothing was written. */
export class OutputDirError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "OutputDirError";
    }
}

/** The files synth's manifest in `dir` lists, or undefined when there is no readable manifest. */
function manifestOf(dir: string): string[] | undefined {
    const file = path.join(dir, MANIFEST);
    if (!fs.existsSync(file)) return undefined;
    try {
        const files = JSON.parse(fs.readFileSync(file, "utf8")).files;
        return Array.isArray(files) && files.every((entry) => typeof entry === "string") ? files : undefined;
    } catch {
        return undefined;
    }
}

/** Throws OutputDirError when synth may not write into `dir`; writes nothing. */
export function checkOutputDir(dir: string): void {
    if (!fs.existsSync(dir)) return;
    if (!fs.statSync(dir).isDirectory())
        throw new OutputDirError(`--out ${dir}: not a folder; choose a new or empty folder`);
    if (fs.readdirSync(dir).length === 0 || manifestOf(dir) !== undefined) return;
    throw new OutputDirError(
        `--out ${dir}: the folder holds files synth did not write, so synth leaves it alone; ` +
            "choose a new or empty folder (synth replaces only a folder it wrote itself)",
    );
}

/** Removes what synth wrote last time (listed in the manifest), then lets `write` put the new files. */
export function replaceOutput(
    dir: string,
    write: (relativePath: string, text: string) => void,
    files: Map<string, string>,
): void {
    checkOutputDir(dir);
    fs.mkdirSync(dir, { recursive: true });
    const root = path.resolve(dir);
    for (const relativePath of manifestOf(dir) ?? []) {
        const file = path.resolve(root, relativePath);
        if (file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) fs.rmSync(file);
    }
    for (const [relativePath, text] of files) write(relativePath, text);
    fs.writeFileSync(
        path.join(dir, MANIFEST),
        `${JSON.stringify({ writtenBy: "npm run synth", files: [...files.keys()] }, null, 2)}\n`,
    );
}
