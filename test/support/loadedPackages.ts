/**
 * @file Runs the program of one stack file in this process, under the recording
 * mocks, and prints which @pulumi/* packages it loaded (for the start-up test).
 *   ts-node --transpile-only test/support/loadedPackages.ts <stack file>
 */
import * as path from "node:path";
import { installMocks, settle } from "../../offline/recording";
import { readStackConfig } from "../../offline/stackConfig";

const [file] = process.argv.slice(2);
const stack = path
    .basename(file)
    .replace(/^Pulumi\./, "")
    .replace(/\.ya?ml$/, "");
const config = readStackConfig(file);
const mocks = installMocks({ stack, config: config.config, secretKeys: config.secretKeys });
// The program is loaded only now, after installMocks, so that it registers its resources with the mocks.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the program must load after installMocks
require(path.join(__dirname, "..", "..", "index"));
settle(mocks).then(() => {
    const packages = new Set<string>();
    for (const loadedFile of Object.keys(require.cache)) {
        const pulumiPackage = /node_modules[\\/](@pulumi[\\/][^\\/]+)/.exec(loadedFile);
        if (pulumiPackage) packages.add(pulumiPackage[1].replace("\\", "/"));
    }
    console.log(JSON.stringify({ resources: mocks.resources.length, packages: [...packages].sort() }));
    process.exit(0);
});
