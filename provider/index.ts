/**
 * @file The component provider: serves DokuObservability, DokuIngester, DatadogConnection, LlmMonitoringDashboard
 * and LlmMonitors to every Pulumi language as the package `doku` (`pulumi package add`, then `doku:index:…`).
 *
 * `componentProviderHost` (@pulumi/pulumi provider/experimental/provider.js, 3.248) reads package.json and
 * tsconfig.json in `dirname` (readPackageManifest does not look in parent folders), and its Analyzer turns the
 * components' TypeScript types into the schema, starting from package.json `exports["."]`, else `main`
 * (a `.js` path mapped to the `.ts` beside it), else index.ts (analyzer.js `findProgramEntryPoint`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { componentProviderHost } from "@pulumi/pulumi/provider/experimental";
import { DatadogConnection, DokuIngester, DokuObservability, LlmMonitoringDashboard, LlmMonitors } from "../lib";

/** The package root: the nearest folder up from this file with a package.json (provider/.. or dist/provider/../..). */
function packageRoot(from: string): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "package.json"))) return dir;
        if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
    }
}

componentProviderHost({
    components: [DokuObservability, DokuIngester, DatadogConnection, LlmMonitoringDashboard, LlmMonitors],
    name: "doku",
    dirname: packageRoot(__dirname),
}).catch((error: Error) => {
    console.error(`the doku component provider failed to start: ${error.message}`);
    process.exit(1);
});
