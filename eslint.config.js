// ESLint 9 flat config (`npm run lint`). Formatting is prettier's job (`npm run format`): eslint-config-prettier,
// last, turns off every stylistic rule that would fight it; `max-len` stays on, for comments and strings, which
// prettier does not wrap (eslint-config-prettier README, "max-len": prettier cannot wrap long strings, regular
// expressions and comments; enable it with the same width as printWidth).
const js = require("@eslint/js");
const { defineConfig } = require("eslint/config");
const tseslint = require("typescript-eslint");
const jsdoc = require("eslint-plugin-jsdoc");
const prettier = require("eslint-config-prettier");

const JSDOC_BLOCK = /^\*(?!\*)/; // the value of a `/** … */` comment (not `/*** …`)
const FILE_TAG = /@(file|fileoverview|overview|packageDocumentation|module)\b/;

/**
 * `doku/file-comment-placement`: a file's comment must not become a declaration's doc.
 * - Two or more `/** … *\/` blocks before one declaration: the earlier block (usually the file's comment) does
 *   not document what it was written for. TypeScript 5.9's language service shows only the last block (checked
 *   on monitors/export.ts: `Plain` shows its own one-line block, nothing of the file comment above it);
 *   `ts.getJSDocTags` reads only the last (microsoft/TypeScript#42895); older versions joined the blocks into
 *   the declaration's doc (microsoft/TypeScript#15106). A block tagged @file is exempt: it documents the file.
 * - A @file block that is the last block before a declaration (a file without imports): TypeScript shows it as
 *   that declaration's doc. The declaration needs its own block after it.
 */
/** A statement TypeScript attaches a doc to: not an import, `export { … }` list or `export * from`. */
const declaresSomething = (statement) =>
    statement.type === "ExportNamedDeclaration"
        ? statement.declaration !== null
        : /Declaration$/.test(statement.type) && !/^(Import|ExportAll)Declaration$/.test(statement.type);

const fileCommentPlacement = {
    meta: {
        type: "problem",
        messages: {
            detached:
                "This /** */ block is not the doc of the declaration below: TypeScript keeps only the last block. " +
                "Make it the file comment (first in the file, tagged @file) or merge it into the next block.",
            fileCommentAsDoc:
                "The @file comment is the doc of the declaration below it: give the declaration its own /** */ block.",
        },
        schema: [],
    },
    create(context) {
        const source = context.sourceCode;
        const check = (statement) => {
            const docBlocks = source
                .getCommentsBefore(statement)
                .filter((comment) => comment.type === "Block" && JSDOC_BLOCK.test(comment.value));
            const last = docBlocks.at(-1);
            for (const block of docBlocks.slice(0, -1)) {
                if (!FILE_TAG.test(block.value)) context.report({ loc: block.loc, messageId: "detached" });
            }
            if (last && declaresSomething(statement) && FILE_TAG.test(last.value)) {
                context.report({ loc: last.loc, messageId: "fileCommentAsDoc" });
            }
        };
        return { "Program > *": check };
    },
};

/**
 * Exported declarations that must carry a JSDoc (`export function`, `export const`, …; not `export { … }` lists).
 * The selector is the `export` statement itself: a doc block sits before `export`, and for `export const` the
 * plugin looks for it before `const` only.
 */
const EXPORTED = [
    "FunctionDeclaration",
    "ClassDeclaration",
    "TSInterfaceDeclaration",
    "TSTypeAliasDeclaration",
    "TSEnumDeclaration",
    "VariableDeclaration",
].map((kind) => `ExportNamedDeclaration[declaration.type="${kind}"]`);

/** The Node globals the repository's CommonJS files (jest.config.js, the bench's fixture program) use. */
const NODE_COMMONJS_GLOBALS = {
    require: "readonly",
    module: "writable",
    exports: "writable",
    process: "readonly",
    __dirname: "readonly",
    console: "readonly",
};

module.exports = defineConfig(
    {
        ignores: [
            "dist/",
            "node_modules/",
            "bench-out/",
            "test-output/",
            "synth/",
            "coverage/",
            ".scratch/",
            "**/*.d.ts",
        ],
    },
    js.configs.recommended,
    tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        plugins: { jsdoc, doku: { rules: { "file-comment-placement": fileCommentPlacement } } },
        rules: {
            // No fixer: `--fix` would insert empty `/** */` stubs.
            "jsdoc/require-jsdoc": [
                "error",
                { require: { FunctionDeclaration: false }, contexts: EXPORTED, enableFixer: false },
            ],
            // A file comment (tagged @file) must be the first thing in the file, before the imports; otherwise
            // TypeScript shows it as the doc of whatever declaration follows it.
            "jsdoc/require-file-overview": [
                "error",
                { tags: { file: { mustExist: false, preventDuplicates: true, initialCommentsOnly: true } } },
            ],
            "doku/file-comment-placement": "error",
            // `_name`: unused on purpose (a destructured field left out, a parameter an interface requires).
            "@typescript-eslint/no-unused-vars": [
                "error",
                { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
            ],
        },
    },
    {
        // Pulumi programs: their exports are stack outputs, not library API.
        files: ["index.ts", "examples/*/index.ts", "test/fixtures/programs/**", "scripts/bench/fixtures/**"],
        rules: { "jsdoc/require-jsdoc": "off" },
    },
    {
        // Tests inspect arbitrary JSON (API bodies, recorded resources) through `any`.
        files: ["test/**"],
        rules: { "@typescript-eslint/no-explicit-any": "off" },
    },
    {
        files: ["**/*.js"],
        languageOptions: { sourceType: "commonjs", globals: NODE_COMMONJS_GLOBALS },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
    prettier,
    {
        rules: {
            // After eslint-config-prettier (which turns max-len off): prettier wraps code at 120, but not comments,
            // strings or template literals. URLs are exempt (they cannot be wrapped).
            "max-len": ["error", { code: 120, tabWidth: 4, ignoreUrls: true }],
        },
    },
);
