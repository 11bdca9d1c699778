/**
 * @file The library as another team gets it: `npm pack`, installed into a fresh project next to the consumer's own
 * @pulumi/pulumi (first the lowest version the peer range allows, then the newest tested one), both examples
 * compiled with TypeScript 5.9 and 6, the example run under mocks; and the install from a git repository.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";

const ROOT = path.join(__dirname, "..");
const LOWEST_PULUMI = "3.142.0"; // the range's floor: @pulumi/datadog, docker, kubernetes and random need ^3.142.0
const NEWEST_PULUMI = "3.248.0";
const NPM_FLAGS = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

let work: string;
let consumer: string;
let tarball: string;

const npm = (cwd: string, ...args: string[]) => execFileSync("npm", args, { cwd, encoding: "utf8" });
const nodeIn = (cwd: string, ...args: string[]) => execFileSync(process.execPath, args, { cwd, encoding: "utf8" });

/** Version of every installed copy of a package, wherever npm put it. */
function copiesOf(dir: string, name: string): string[] {
    const found = execFileSync("find", [dir, "-path", `*/node_modules/${name}/package.json`], { encoding: "utf8" });
    return found
        .split("\n")
        .filter(Boolean)
        .filter((file) => !file.slice(0, -"/package.json".length).includes(`${name}/`))
        .map((file) => JSON.parse(fs.readFileSync(file, "utf8")).version as string);
}

/** Compiles one example in the consumer with the given tsc; returns what tsc printed (empty when clean). */
function compileExample(example: string, tsc: string): string {
    const dir = path.join(consumer, example);
    fs.mkdirSync(dir, { recursive: true });
    for (const file of ["index.ts", "tsconfig.json"]) {
        fs.copyFileSync(path.join(ROOT, "examples", example, file), path.join(dir, file));
    }
    try {
        return nodeIn(
            dir,
            path.join(consumer, "node_modules", tsc, "bin", "tsc"),
            "-p",
            "tsconfig.json",
            "--outDir",
            "out",
        );
    } catch (error) {
        return String((error as { stdout?: string }).stdout ?? error);
    }
}

beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "doku-pack-"));
    const packed = JSON.parse(npm(ROOT, "pack", "--json", "--pack-destination", work));
    tarball = path.join(work, packed[0].filename);
    consumer = path.join(work, "consumer");
    fs.mkdirSync(consumer);
    const dependencies = { "@pulumi/pulumi": LOWEST_PULUMI, typescript: "5.9.3", "pulumi-doku": `file:${tarball}` };
    fs.writeFileSync(
        path.join(consumer, "package.json"),
        JSON.stringify({ name: "consumer", private: true, dependencies }),
    );
    npm(consumer, "install", ...NPM_FLAGS);
}, 300_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("the packed library, next to the consumer's lowest allowed @pulumi/pulumi", () => {
    it("ships the built JavaScript, declarations and LICENSE, not the sources or tests", () => {
        const installed = path.join(consumer, "node_modules", "pulumi-doku");
        const files = execFileSync("find", [".", "-type", "f"], { cwd: installed, encoding: "utf8" })
            .split("\n")
            .filter(Boolean)
            .sort();
        expect(files).toEqual(
            expect.arrayContaining(["./dist/lib.js", "./dist/lib.d.ts", "./LICENSE", "./package.json"]),
        );
        expect(fs.readFileSync(path.join(installed, "LICENSE"), "utf8")).toContain(
            "Apache License\n                           Version 2.0",
        );
        // npm always packs the file `main` names (docs.npmjs.com/cli/configuring-npm/package-json#files: "Certain
        // files are always included, regardless of settings", among them "The file in the main field").
        // `main` is the component-package entry (provider/index.ts, what run-plugin loads from a clone); library
        // consumers resolve the package through `exports` and `types`, never through it. No other source ships.
        expect(files.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))).toEqual([
            "./provider/index.ts",
        ]);
        expect(files.filter((file) => /^\.\/(test|scripts|offline|examples)\//.test(file))).toEqual([]);
    });

    it("uses the consumer's one copy of each Pulumi SDK; the target SDKs stay optional", () => {
        expect(copiesOf(consumer, "@pulumi/pulumi")).toEqual([LOWEST_PULUMI]);
        expect(copiesOf(consumer, "@pulumi/datadog")).toHaveLength(1);
        expect(copiesOf(consumer, "@pulumi/random")).toHaveLength(1);
        expect(copiesOf(consumer, "@pulumi/docker")).toEqual([]);
        expect(copiesOf(consumer, "@pulumi/kubernetes")).toEqual([]);
    });

    it("exports the entry point, package.json and the modules its dynamic providers load", () => {
        const probe = `
            const tryRequire = (id) => { try { require(id); return "ok"; } catch (e) { return e.code; } };
            console.log(JSON.stringify({
                entry: typeof require("pulumi-doku").DokuIngester,
                version: require("pulumi-doku/package.json").version,
                internal: tryRequire("pulumi-doku/dist/components/dokuIngester.js"),
                exports: Object.keys(require("pulumi-doku/package.json").exports),
            }));`;
        expect(JSON.parse(nodeIn(consumer, "-e", probe))).toEqual({
            entry: "function",
            version: "0.1.0",
            internal: "ERR_PACKAGE_PATH_NOT_EXPORTED",
            exports: [".", "./package.json", "./dist/ingester/*"],
        });
    });

    it("compiles the example consumer with TypeScript 5.9", () => {
        expect(compileExample("existing-ingester", "typescript")).toBe("");
    });

    it("runs the consumer under mocks, and its dynamic provider loads back from the installed package", () => {
        const runner = `
            const pulumi = require("@pulumi/pulumi");
            const seen = [];
            const providers = [];
            pulumi.runtime.setMocks({
                newResource: (a) => {
                    seen.push(a.type + " " + a.name);
                    if (a.inputs.__provider) providers.push(a.inputs.__provider);
                    return { id: a.name + "-id", state: a.inputs };
                },
                call: (a) => { throw new Error("unexpected call " + a.token); },
            }, "example", "prod");
            pulumi.runtime.setAllConfig({
                "example:ingesterUrl": "https://doku.example.com/",
                "example:dokuApiKey": "dk-example", "example:datadogApiKey": "dd-example",
                "example:datadogSite": "datadoghq.eu",
            }, ["example:dokuApiKey", "example:datadogApiKey"]);
            const program = require("./out/index.js");
            const lib = require("pulumi-doku");
            new lib.DokuApiKey("doku-key", { ingesterUrl: "https://doku.example.com", name: "example" });
            let dockerWithoutSdk;
            try { new lib.DokuIngester("d", { target: "docker" }); } catch (e) {
                dockerWithoutSdk = e.message.split("\\n")[0];
            }
            program.dashboardUrl.apply(async (url) => {
                await new Promise((r) => setTimeout(r, 300));
                // What the serialized providers require at run time, by package path.
                const modules = [...new Set(providers.join("").match(/pulumi-doku\\/[\\w/.]+/g))].sort();
                const resolved = modules.map((modulePath) => require.resolve(modulePath) && modulePath);
                const provider = providers.find((text) => text.includes("connectionOperations"));
                const loaded = require("require-from-string")(provider, __dirname + "/provider.js");
                const name = Object.keys(loaded)[0];
                const p = loaded[name]();
                const checked = await p.check({}, {
                    ingesterUrl: "https://doku.example.com", dokuApiKey: "k", platform: "datadog", logsUrl: "x",
                });
                const failures = checked.failures;
                console.log(JSON.stringify({ url, seen: seen.sort(), failures, dockerWithoutSdk, resolved }));
            });
        `;
        const dir = path.join(consumer, "existing-ingester");
        fs.writeFileSync(path.join(dir, "run.js"), runner);
        const result = JSON.parse(nodeIn(dir, "run.js").trim().split("\n").pop()!);
        expect(result.url).toBe("https://app.datadoghq.eu/dashboard/llm-monitoring-dashboard-id");
        expect(result.seen).toEqual([
            "datadog:index/dashboard:Dashboard llm-monitoring-dashboard",
            "datadog:index/monitor:Monitor llm-monitors-daily-spend",
            "datadog:index/monitor:Monitor llm-monitors-request-duration",
            "datadog:index/monitor:Monitor llm-monitors-telemetry-silence",
            "datadog:index/monitor:Monitor llm-monitors-tokens-per-request",
            "doku:dashboards:LlmMonitoringDashboard llm-monitoring",
            "doku:ingester:DatadogConnection doku-datadog",
            "doku:ingester:DokuIngester d",
            "doku:ingester:DokuIngester doku",
            "doku:monitors:LlmMonitors llm-monitors",
            "pulumi-nodejs:dynamic/doku:DokuApiKey doku-key",
            "pulumi-nodejs:dynamic/doku:DokuConnection doku-datadog-connection",
            "random:index/randomPassword:RandomPassword d-clickhouse-password",
        ]);
        // The provider text came from the installed package and still applies the ingester's rules.
        expect(result.failures).toEqual([
            { property: "apiKey", reason: "missing; platform datadog requires apiKey, metricsUrl, logsUrl" },
            { property: "metricsUrl", reason: "missing; platform datadog requires apiKey, metricsUrl, logsUrl" },
            { property: "logsUrl", reason: 'got "x"; expected an http:// or https:// URL' },
        ]);
        // The serialized providers require their modules by package path: "./dist/ingester/*" stays exported
        // for them (@pulumi/pulumi runtime/closure/package.js maps a captured module's file through `exports`).
        expect(result.resolved).toEqual(
            expect.arrayContaining([
                "pulumi-doku/dist/ingester/apiKeyOperations.js",
                "pulumi-doku/dist/ingester/connectionOperations.js",
            ]),
        );
        // Target docker without the optional peer @pulumi/docker: the error names the package to install.
        expect(result.dockerWithoutSdk).toContain("target docker needs @pulumi/docker: npm install @pulumi/docker");
    });
});

describe("the packed library, next to the newest tested @pulumi/pulumi and TypeScript 6", () => {
    beforeAll(() => {
        npm(
            consumer,
            "install",
            ...NPM_FLAGS,
            "--save-exact",
            `@pulumi/pulumi@${NEWEST_PULUMI}`,
            "typescript@6.0.3",
            "typescript-5.9@npm:typescript@5.9.3",
            "@pulumi/kubernetes@4.34.2",
        );
    }, 300_000);

    it("still has one copy of @pulumi/pulumi and of @pulumi/kubernetes", () => {
        expect(copiesOf(consumer, "@pulumi/pulumi")).toEqual([NEWEST_PULUMI]);
        expect(copiesOf(consumer, "@pulumi/kubernetes")).toEqual(["4.34.2"]);
    });

    it.each([["typescript"], ["typescript-5.9"]])(
        "compiles both examples with %s",
        (tsc) => {
            expect(nodeIn(consumer, path.join("node_modules", tsc, "bin", "tsc"), "--version")).toMatch(
                /Version (6\.0|5\.9)\./,
            );
            expect(compileExample("existing-ingester", tsc)).toBe("");
            // Strictest settings and skipLibCheck off: the library's declarations are checked too.
            expect(compileExample("kubernetes-ingester", tsc)).toBe("");
        },
        120_000,
    );

    it("exports every type its public signatures name", () => {
        expect(unexportedTypes(path.join(consumer, "node_modules", "pulumi-doku", "dist"))).toEqual([]);
    }, 60_000);
});

describe("the install from a git repository", () => {
    it("builds dist/ through the prepare script", () => {
        // npm clones a git dependency, installs its devDependencies and runs `prepare`. The snapshot is this
        // working tree's tracked and new files, committed into a scratch repository (on a fresh CI clone:
        // exactly the commit under test), so that uncommitted work is tested too.
        const snapshot = path.join(work, "repo");
        const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
            cwd: ROOT,
            encoding: "utf8",
        })
            .split("\0")
            .filter((file) => file && fs.existsSync(path.join(ROOT, file)));
        for (const file of files) fs.cpSync(path.join(ROOT, file), path.join(snapshot, file));
        const git = (...args: string[]) =>
            execFileSync(
                "git",
                ["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args],
                { cwd: snapshot, encoding: "utf8" },
            );
        git("init", "-q");
        git("add", "-A");
        git("commit", "-q", "-m", "snapshot");

        const gitConsumer = path.join(work, "git-consumer");
        fs.mkdirSync(gitConsumer);
        const dependencies = { "@pulumi/pulumi": NEWEST_PULUMI };
        fs.writeFileSync(
            path.join(gitConsumer, "package.json"),
            JSON.stringify({ name: "git-consumer", private: true, dependencies }),
        );
        npm(gitConsumer, "install", ...NPM_FLAGS, `git+file://${snapshot}`);

        const installed = path.join(gitConsumer, "node_modules", "pulumi-doku");
        expect(fs.existsSync(path.join(installed, "dist", "lib.d.ts"))).toBe(true);
        expect(fs.existsSync(path.join(installed, "LICENSE"))).toBe(true);
        expect(copiesOf(gitConsumer, "@pulumi/pulumi")).toEqual([NEWEST_PULUMI]);
        expect(nodeIn(gitConsumer, "-p", 'typeof require("pulumi-doku").DokuObservability')).toBe("function\n");
    }, 420_000);
});

/**
 * Types declared by the package and named in an exported declaration (recursively) that lib.d.ts does not
 * export: a consumer could not name them. Private class members are not public signatures.
 */
function unexportedTypes(dist: string): string[] {
    const lib = path.join(dist, "lib.d.ts");
    const program = ts.createProgram([lib], { strict: true, skipLibCheck: true, types: [], noEmit: true });
    const checker = program.getTypeChecker();
    const real = (symbol: ts.Symbol) =>
        symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const exported = new Set(
        checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(lib)!)!).map(real),
    );
    const isOwn = (declaration: ts.Declaration) => declaration.getSourceFile().fileName.startsWith(dist + path.sep);
    const namedTypes =
        (ts.SymbolFlags.Type & ~ts.SymbolFlags.TypeParameter) | ts.SymbolFlags.Class | ts.SymbolFlags.Enum;
    const visited = new Set<ts.Symbol>();
    const missing: string[] = [];
    const visitSymbol = (found: ts.Symbol, usedBy: string) => {
        const symbol = real(found);
        if (visited.has(symbol) || !symbol.declarations?.some(isOwn)) return;
        visited.add(symbol);
        if (!exported.has(symbol) && symbol.flags & namedTypes) missing.push(`${symbol.name} (in ${usedBy})`);
        for (const declaration of symbol.declarations) visitNode(declaration, symbol.name);
    };
    const visitNode = (node: ts.Node, usedBy: string): void => {
        const isPrivate =
            ts.canHaveModifiers(node) &&
            ts.getModifiers(node)?.some((modifier) => modifier.kind === ts.SyntaxKind.PrivateKeyword);
        if (isPrivate) return;
        const named = ts.isTypeReferenceNode(node)
            ? node.typeName
            : ts.isTypeQueryNode(node)
              ? node.exprName
              : ts.isExpressionWithTypeArguments(node)
                ? node.expression
                : undefined;
        const symbol = named && checker.getSymbolAtLocation(named);
        if (symbol) visitSymbol(symbol, usedBy);
        ts.forEachChild(node, (child) => visitNode(child, usedBy));
    };
    for (const symbol of exported) visitSymbol(symbol, "lib");
    return missing.sort();
}
