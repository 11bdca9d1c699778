/**
 * @file Every name the library entry exports has a doc comment of its own (not a file comment that a missing
 * `@file` tag attached to the first declaration), so editors and generated docs show the right text.
 */
import * as path from "node:path";
import * as ts from "typescript";

const LIB = path.join(__dirname, "..", "lib.ts");

function exportsWithoutDoc(): string[] {
    const program = ts.createProgram([LIB], { strict: true, esModuleInterop: true, skipLibCheck: true, noEmit: true });
    const checker = program.getTypeChecker();
    const entry = checker.getSymbolAtLocation(program.getSourceFile(LIB)!)!;
    return checker
        .getExportsOfModule(entry)
        .filter((exported) => {
            const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
            const doc = ts.displayPartsToString(target.getDocumentationComment(checker)).trim();
            return doc === "" || /^@file\b/.test(doc);
        })
        .map((exported) => exported.name);
}

describe("the library's exports", () => {
    it("each has its own doc comment", () => {
        expect(exportsWithoutDoc()).toEqual([]);
    }, 60_000);
});
