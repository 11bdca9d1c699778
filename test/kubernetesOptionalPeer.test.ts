/**
 * @file The library's public declarations need no optional peer: a consumer on Pulumi's default TypeScript
 * template (`skipLibCheck` unset, so false) type-checks pulumi-doku's .d.ts files without @pulumi/kubernetes
 * (nor @pulumi/docker) installed, as the `docker` and `external` targets allow.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";

const ROOT = path.join(__dirname, "..");

/** What the consumer's node_modules holds: the required peers and what the declarations import, no target SDK. */
const LINKED = ["@pulumi/pulumi", "@pulumi/datadog", "@pulumi/random", "@types/node", "zod"];

/** The consumer's program: it names the Kubernetes pass-through types, which must resolve without the SDK. */
const CONSUMER = `
import * as doku from "pulumi-doku";

const kubernetes: doku.KubernetesTargetArgs = {
    managementUrl: "http://localhost:9044",
    resources: { requests: { cpu: "250m" }, limits: { memory: "1Gi" } },
    tolerations: [{ key: "dedicated", operator: "Equal", value: "obs", effect: "NoSchedule" }],
    affinity: {
        nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] }],
            },
        },
    },
};
export const ingester = new doku.DokuIngester("doku", { target: "external", ingesterUrl: "https://doku.example" });
export const settings = kubernetes;
`;

/** Pulumi's default TypeScript template's compiler options (`pulumi new typescript`): no skipLibCheck. */
const TEMPLATE_OPTIONS: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    noImplicitReturns: true,
    noFallthroughCasesInSwitch: true,
    forceConsistentCasingInFileNames: true,
    noEmit: true,
};

let work: string;
let consumer: string;

/** Emits the declarations of lib.ts (what `npm run build` ships as dist/*.d.ts) into `outDir`. */
function emitDeclarations(outDir: string): void {
    const parsed = ts.getParsedCommandLineOfConfigFile(
        path.join(ROOT, "tsconfig.build.json"),
        { outDir, emitDeclarationOnly: true, noCheck: true },
        { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => fail(diagnostic.messageText) },
    )!;
    const program = ts.createProgram({ rootNames: [path.join(ROOT, "lib.ts")], options: parsed.options });
    const emitted = program.emit();
    if (emitted.emitSkipped) throw new Error("declaration emit skipped");
}

beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "doku-peer-"));
    consumer = path.join(work, "consumer");
    const installed = path.join(consumer, "node_modules", "pulumi-doku");
    emitDeclarations(path.join(installed, "dist"));
    fs.writeFileSync(
        path.join(installed, "package.json"),
        JSON.stringify({ name: "pulumi-doku", version: "0.1.0", types: "dist/lib.d.ts" }),
    );
    for (const name of LINKED) {
        const link = path.join(consumer, "node_modules", name);
        fs.mkdirSync(path.dirname(link), { recursive: true });
        fs.symlinkSync(path.join(ROOT, "node_modules", name), link, "dir");
    }
    fs.writeFileSync(path.join(consumer, "index.ts"), CONSUMER);
}, 120_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("a consumer without @pulumi/kubernetes, skipLibCheck false", () => {
    it("has neither target SDK to resolve (the check below would not show a missing one otherwise)", () => {
        const resolve = (name: string) =>
            ts.resolveModuleName(name, path.join(consumer, "index.ts"), TEMPLATE_OPTIONS, ts.sys).resolvedModule;
        expect(resolve("@pulumi/kubernetes/types/input")).toBeUndefined();
        expect(resolve("@pulumi/docker")).toBeUndefined();
        expect(resolve("pulumi-doku")?.resolvedFileName).toBe(
            path.join(fs.realpathSync(consumer), "node_modules", "pulumi-doku", "dist", "lib.d.ts"),
        );
    });

    it("type-checks pulumi-doku's declarations and the consumer with no error", () => {
        const program = ts.createProgram({ rootNames: [path.join(consumer, "index.ts")], options: TEMPLATE_OPTIONS });
        const dokuFiles = program
            .getSourceFiles()
            .filter(
                (file) => file.fileName.includes("/node_modules/pulumi-doku/") || file.fileName.endsWith("index.ts"),
            );
        // Checked as tsc checks them with skipLibCheck false; the other libraries' own .d.ts are not ours.
        const diagnostics = [
            ...program.getOptionsDiagnostics(),
            ...dokuFiles.flatMap((file) => [
                ...program.getSyntacticDiagnostics(file),
                ...program.getSemanticDiagnostics(file),
            ]),
        ].map((diagnostic) => {
            const where = diagnostic.file ? `${path.relative(consumer, diagnostic.file.fileName)}: ` : "";
            return `${where}TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`;
        });
        expect(dokuFiles.length).toBeGreaterThan(20);
        expect(diagnostics).toEqual([]);
    });
});
