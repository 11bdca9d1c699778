/**
 * One measured run, in its own process, for the benchmark:
 *   child.ts baseline            a minimal program: @pulumi/pulumi and one resource
 *   child.ts stack <file>        the real program with that stack's configuration
 * Prints {"ms": time from process start to all registrations done, "rssMB": peak RSS}.
 */
import * as path from "node:path";

const ROOT = path.join(__dirname, "..", "..");
const started = performance.timeOrigin;

function report(extra: Record<string, unknown> = {}): void {
    console.log(JSON.stringify({ ms: Math.round(performance.timeOrigin + performance.now() - started), rssMB: Math.round(process.resourceUsage().maxRSS / 1024), ...extra }));
    process.exit(0);
}

async function main(): Promise<void> {
    const [mode, arg] = process.argv.slice(2);
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
