// Start-up of index.ts as @pulumi/pulumi's runner loads it: ts-node registered on
// tsconfig.json, type-checking or transpile-only, then the program (dev stack) under mocks.
// Plain JavaScript so that only the ts-node under test is registered.
//   node scripts/bench/startup.js check|nocheck
const path = require("node:path");
const ROOT = path.join(__dirname, "..", "..");
const mode = process.argv[2];
require("ts-node").register({ project: path.join(ROOT, "tsconfig.json"), transpileOnly: mode === "nocheck", compilerOptions: { noCheck: false } });
const { installMocks, settle } = require("../../offline/recording");
const { readStackConfig } = require("../../offline/stackConfig");
const { config, secretKeys } = readStackConfig(path.join(ROOT, "Pulumi.dev.yaml"));
const mocks = installMocks({ stack: "dev", config, secretKeys });
require(path.join(ROOT, "index"));
settle(mocks).then(() => {
    console.log(JSON.stringify({ ms: Math.round(performance.now()), rssMB: Math.round(process.resourceUsage().maxRSS / 1024), resources: mocks.resources.length }));
    process.exit(0);
});
