/**
 * @file The README's TypeScript snippets compile against the library as a consumer imports it
 * (`pulumi-doku` mapped onto lib.ts), strict: a snippet that drifts from the API fails here.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";

const ROOT = path.join(__dirname, "..");

/** The ```ts blocks of the README that import from "pulumi-doku". */
function librarySnippets(): string[] {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
    return blocks.filter((block) => block.includes('from "pulumi-doku"'));
}

test("the README has the one-call DokuObservability snippet", () => {
    expect(librarySnippets().some((block) => block.includes("new DokuObservability("))).toBe(true);
});

test("every README snippet that imports pulumi-doku compiles, strict", () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "doku-readme-"));
    try {
        const files = librarySnippets().map((block, index) => {
            const file = path.join(folder, `snippet${index}.ts`);
            // Each snippet is its own module; the last expression statements may be exports.
            fs.writeFileSync(file, `${block}\nexport {};\n`);
            return file;
        });
        const program = ts.createProgram(files, {
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            esModuleInterop: true,
            module: ts.ModuleKind.CommonJS,
            moduleResolution: ts.ModuleResolutionKind.Node10,
            target: ts.ScriptTarget.ES2022,
            baseUrl: ROOT,
            paths: { "pulumi-doku": ["lib.ts"], "*": ["node_modules/*", "node_modules/@types/*"] },
            types: ["node"],
            typeRoots: [path.join(ROOT, "node_modules", "@types")],
        });
        const diagnostics = ts
            .getPreEmitDiagnostics(program)
            .filter((diagnostic) => diagnostic.file === undefined || diagnostic.file.fileName.startsWith(folder))
            .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
        expect(diagnostics).toEqual([]);
    } finally {
        fs.rmSync(folder, { recursive: true, force: true });
    }
}, 120_000);
