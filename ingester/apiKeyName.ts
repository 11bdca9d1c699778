/**
 * @file The API key name rule (config/apiKeyName.ts) and the key format (config/apiKeyFormat.ts) as the
 * DokuApiKey provider's `check` reaches them.
 * In a consumer's install, Pulumi's closure serializer captures a module that `check` references as
 * `require("pulumi-doku/dist/<path>")` (@pulumi/pulumi runtime/closure/createClosure.js, captureModuleAsync:
 * a module under node_modules is captured by reference), and package.json exports only `./dist/ingester/*`.
 * So `check` references this module, which loads the rule by a relative require, not config/ directly.
 */
export { apiKeyNameProblem } from "../config/apiKeyName";
export { DOKU_API_KEY_SHAPE, isDokuApiKey } from "../config/apiKeyFormat";
