/**
 * @file Types for require-from-string 2.x, which ships none: one function that compiles `code` as a CommonJS
 * module (resolving its requires from `filename`'s folder) and returns its `module.exports`.
 */
declare module "require-from-string" {
    /** The `module.exports` of `code` compiled as a module named `filename`: untyped, as the code is arbitrary. */
    function requireFromString(code: string, filename?: string): any;
    export = requireFromString;
}
