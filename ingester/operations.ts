/**
 * @file The dynamic providers' create/update/read/delete live in their own modules, which the serialized
 * provider `require()`s when it runs, instead of carrying them (and the whole Doku client) in its
 * closure. Pulumi serializes a dynamic provider when the program registers the resource
 * (@pulumi/pulumi dynamic/index.js: `serializeFunction(() => provider)`, once per provider object),
 * parsing the source of every function the closure reaches
 * (@pulumi/pulumi runtime/closure/createClosure.js, parseFunction.js): ~40 functions, the client's
 * among them, cost 70–86 ms per provider at every program start; the check/diff closures left are
 * a few small functions.
 */
import * as path from "node:path";

/**
 * What `check` and `diff` of a dynamic provider receive: the fields of `T` as the program or the state gives
 * them, unchecked (any may be missing, of another type, or Pulumi's unknown placeholder during preview), so
 * each is `unknown` until judged. The SDK types them `any` (@pulumi/pulumi dynamic/index.d.ts,
 * `ResourceProvider<Inputs = any, Outputs = any>`).
 */
export type UncheckedProperties<T> = { -readonly [K in keyof T]?: unknown };

/**
 * Where an operations module is, in a form that survives serialization: a module under node_modules
 * (pulumi-doku installed as a package) by its package path, as Pulumi itself refers to node_modules modules
 * (createClosure.js captureModuleAsync); any other by its path relative to the working directory.
 * The program runs in the project folder (Pulumi's runner: `process.chdir(pwd)`, cmd/run/run.js) and
 * so does the dynamic-provider host (the engine starts every plugin with `cmd.Dir = pwd`,
 * pulumi/pulumi sdk/go/common/resource/plugin/plugin.go execPlugin, where pwd is the project's from
 * `projinfo.GetPwdMain()`, pkg/engine/deployment.go ProjectInfoContext; offline/engine/dynamicHost.ts
 * does the same), so the relative path resolves to the same file in both, and stays valid when the
 * project folder moves. The same holds when the package serves its components to another language: the
 * component plugin runs in the consumer's project folder too (plugin.go `newPlugin` passes
 * `WorkingDirectory: ctx.Pwd` to the language host's RunPlugin, sdk/nodejs/cmd/pulumi-language-nodejs/main.go
 * sets `cmd.Dir = req.Pwd`, and @pulumi/pulumi cmd/run-plugin chdirs only on `--pwd`, which is not passed),
 * so a plugin folder outside it gives a `./../…` path the host resolves to the same file.
 */
export function operationsRef(file: string): string {
    const parts = file.split(path.sep).join("/").split("/");
    const nodeModules = parts.lastIndexOf("node_modules");
    if (nodeModules >= 0) return parts.slice(nodeModules + 1).join("/");
    return `./${path.relative(process.cwd(), file).split(path.sep).join("/")}`;
}

/**
 * Loads an operations module from its `operationsRef`. Serialized with the provider, so it captures
 * nothing and requires what it needs. The dynamic-provider host is plain Node.js (no TypeScript
 * loader; @pulumi/pulumi cmd/dynamic-provider/index.js registers only source-map-support): for a
 * `.ts` module (this repository's own program) it registers ts-node, transpile-only (line numbers
 * of stack traces stay TypeScript's: ts-node installs source maps), as Pulumi's runner loads the
 * program. Where `.ts` already loads (the program) nothing is registered; nor under jest, whose
 * `require.extensions` is an empty object (jest loads `.ts` through its own transform).
 * A bare `require("name")` here resolves from the host's working directory (the host compiles the provider
 * with require-from-string and no file name, i.e. the node_modules paths of `.`), the consumer's project
 * folder, which for a YAML or Python project holds only `@pulumi/pulumi` (pulumi/pulumi#5455). So a module
 * outside node_modules and ts-node are required by path; by name only builtins and, when pulumi-doku is
 * installed as a package (a TypeScript consumer, whose folder has it), its `pulumi-doku/dist/…` modules.
 */
export function loadOperations<T>(ref: string): T {
    /* eslint-disable @typescript-eslint/no-require-imports -- deliberate lazy requires: this function is
       serialized with the provider and captures nothing (see above), and the module to load is known only
       from `ref` when it runs. */
    const nodePath = require("node:path") as typeof import("node:path");
    const file = ref.startsWith("./") ? nodePath.resolve(ref) : ref;
    const extensions = (require as NodeJS.Require).extensions as NodeJS.RequireExtensions | undefined;
    const plainNode = extensions?.[".js"] !== undefined && extensions[".ts"] === undefined;
    if (file.endsWith(".ts") && plainNode) {
        // ts-node is found from the module's own folder, not by name: a bare name resolves from the host's
        // working directory, the consumer's project folder, which has no ts-node when the consumer is a
        // YAML or Python project using the component package (pulumi/pulumi#5455).
        // tsconfig.json is searched from there too (ts-node RegisterOptions `projectSearchDir`), not from the
        // working directory, where ts-node would fall back to its own defaults.
        const moduleDir = nodePath.dirname(file);
        const tsNode = require(require.resolve("ts-node", { paths: [moduleDir] }));
        tsNode.register({ transpileOnly: true, projectSearchDir: moduleDir });
    }
    return require(file) as T;
    /* eslint-enable @typescript-eslint/no-require-imports */
}
