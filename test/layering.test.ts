/**
 * @file Layering: dependencies point down (components → ingester, dashboards, monitors → datadog, config), and no
 * source file imports itself back through others. Every relative import counts, type-only ones too.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..");

/** The layer of each source folder (or top-level file); a file may import only its layer or lower. */
const LAYERS: Record<string, number> = {
    config: 0,
    datadog: 0,
    ingester: 1,
    dashboards: 1,
    monitors: 1,
    components: 2,
    "lib.ts": 3,
    "index.ts": 3,
};

function sourceFiles(): string[] {
    const files: string[] = [];
    for (const entry of Object.keys(LAYERS)) {
        const full = path.join(ROOT, entry);
        if (entry.endsWith(".ts")) files.push(entry);
        else for (const file of fs.readdirSync(full)) if (file.endsWith(".ts")) files.push(`${entry}/${file}`);
    }
    return files;
}

/** The relative imports of a file (import, export … from, import("…"), require("…")), as repository paths. */
export function importsOf(file: string, text: string): string[] {
    const importPattern = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|^import\s+)["'](\.{1,2}\/[^"']+)["']/gm;
    const specifiers = [...text.matchAll(importPattern)].map((match) => match[1]);
    return specifiers.map((specifier) => {
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
        return fs.existsSync(path.join(ROOT, `${resolved}.ts`)) ? `${resolved}.ts` : `${resolved}/index.ts`;
    });
}

const layerOf = (file: string): number | undefined => LAYERS[file.split("/")[0]];

/** `a imports b` lines where b is in a higher layer. */
export function upwardImports(graph: Record<string, string[]>): string[] {
    return Object.entries(graph).flatMap(([file, imports]) =>
        imports
            .filter((imported) => (layerOf(imported) ?? -1) > layerOf(file)!)
            .map((imported) => `${file} imports ${imported}`),
    );
}

/** One cycle per strongly connected group found by a depth-first walk, as `a -> b -> a`. */
export function cycles(graph: Record<string, string[]>): string[] {
    const found: string[] = [];
    const state = new Map<string, "open" | "done">();
    const trail: string[] = [];
    const visit = (file: string) => {
        state.set(file, "open");
        trail.push(file);
        for (const imported of graph[file] ?? []) {
            if (state.get(imported) === "open") {
                found.push([...trail.slice(trail.indexOf(imported)), imported].join(" -> "));
            } else if (!state.has(imported)) visit(imported);
        }
        trail.pop();
        state.set(file, "done");
    };
    for (const file of Object.keys(graph)) if (!state.has(file)) visit(file);
    return found;
}

describe("layering", () => {
    const graph = Object.fromEntries(
        sourceFiles().map((file) => [file, importsOf(file, fs.readFileSync(path.join(ROOT, file), "utf8"))]),
    );

    it("finds the imports it checks (the walk itself works)", () => {
        expect(graph["components/dokuObservability.ts"]).toContain("components/dokuIngester.ts");
        expect(graph["config/load.ts"]).toContain("config/keys.ts");
        expect(upwardImports({ "config/a.ts": ["components/b.ts"] })).toEqual(["config/a.ts imports components/b.ts"]);
        expect(cycles({ "config/a.ts": ["config/b.ts"], "config/b.ts": ["config/a.ts"] })).toEqual([
            "config/a.ts -> config/b.ts -> config/a.ts",
        ]);
    });

    it("no file imports a higher layer", () => {
        expect(upwardImports(graph)).toEqual([]);
    });

    it("no import cycle", () => {
        expect(cycles(graph)).toEqual([]);
    });
});
