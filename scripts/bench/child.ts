/**
 * One measured run, in its own process, for the benchmark:
 *   child.ts baseline            a minimal program: @pulumi/pulumi and one resource
 *   child.ts stack <file>        the real program with that stack's configuration
 * Prints {"ms": time from process start to all registrations done, "rssMB": peak RSS}.
 *
 * What-if switch (measurement only, never a deployable configuration):
 *   DOKU_BENCH_SKIP_SERIALIZATION=1  replaces Pulumi's closure serializer with a stub, so a run
 *   shows what the program costs without serializing its dynamic providers at run time.
 */
import * as path from "node:path";

const ROOT = path.join(__dirname, "..", "..");
const started = performance.timeOrigin;
let stubbed = 0;

function report(extra: Record<string, unknown> = {}): void {
    console.log(JSON.stringify({ ms: Math.round(performance.timeOrigin + performance.now() - started), rssMB: Math.round(process.resourceUsage().maxRSS / 1024), stubbed, ...extra }));
    process.exit(0);
}

async function main(): Promise<void> {
    const [mode, arg] = process.argv.slice(2);
    if (process.env.DOKU_BENCH_SKIP_SERIALIZATION === "1") {
        const closure = require("@pulumi/pulumi/runtime/closure/serializeClosure") as { serializeFunction: unknown };
        closure.serializeFunction = async () => {
            stubbed++;
            return { text: "exports.handler = undefined;", exportName: "handler", containsSecrets: false };
        };
    }
    const { installMocks, settle } = require("../../offline/recording") as typeof import("../../offline/recording");
    const { readStackConfig } = require("../../offline/stackConfig") as typeof import("../../offline/stackConfig");
    if (mode === "baseline") {
        const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
        const mocks = installMocks({ stack: "dev" });
        class Thing extends pulumi.CustomResource {}
        new Thing("bench:index:Thing", "one", { size: 1 });
        await settle(mocks);
        return report({ resources: mocks.resources.length });
    }
    if (mode !== "stack") throw new Error("usage: child.ts baseline | stack <file>");
    const file = arg;
    const stack = path.basename(file).replace(/^Pulumi\./, "").replace(/\.ya?ml$/, "");
    const { config, secretKeys } = readStackConfig(file);
    const mocks = installMocks({ stack, config, secretKeys });
    require(path.join(ROOT, "index"));
    await settle(mocks);
    report({ resources: mocks.resources.length });
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
