/**
 * Runs synth of one stack file in this process and prints which @pulumi/*
 * packages the program loaded (for the start-up test and the benchmark).
 *   ts-node --transpile-only test/support/loadedPackages.ts <stack file> <out dir>
 */
import * as path from "node:path";
import { readStackConfig } from "../../offline/stackConfig";
import { synth } from "../../offline/synth";

const [file, out] = process.argv.slice(2);
const stack = path.basename(file).replace(/^Pulumi\./, "").replace(/\.ya?ml$/, "");
synth({ stack, stackConfig: readStackConfig(file), outDir: out }).then((r) => {
    const packages = new Set<string>();
    for (const k of Object.keys(require.cache)) {
        const m = /node_modules[\\/](@pulumi[\\/][^\\/]+)/.exec(k);
        if (m) packages.add(m[1].replace("\\", "/"));
    }
    console.log(JSON.stringify({ resources: r.resources.length, packages: [...packages].sort() }));
    process.exit(0);
});
