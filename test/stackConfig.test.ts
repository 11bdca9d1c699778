import * as pulumi from "@pulumi/pulumi";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadConfig } from "../config/load";
import { installMocks } from "../offline/recording";
import { StackFileError, readStackConfig, secretPlaceholder } from "../offline/stackConfig";

const ROOT = path.join(__dirname, "..");
let dir: string;
beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "doku-stackfile-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The error readStackConfig throws for a file with this text. */
function errorFor(text: string): StackFileError {
    const file = path.join(dir, "Pulumi.broken.yaml");
    fs.writeFileSync(file, text);
    try {
        readStackConfig(file);
    } catch (error) {
        expect(error).toBeInstanceOf(StackFileError);
        return error as StackFileError;
    }
    throw new Error("expected a StackFileError");
}

describe("a stack file of the wrong shape names the file and the problem", () => {
    it.each([
        [
            "config: is a list",
            "config:\n  - doku:target: docker\n",
            "expected config: to be a map of key: value; got" + " a list",
        ],
        [
            "config: is a scalar",
            "config: docker\n",
            "expected config: to be a map of key: value; got a string (a" + " scalar)",
        ],
        ["a YAML syntax error", 'config:\n  doku:notify: ["@a"\n', "not valid YAML: "],
        [
            "a duplicate key",
            "config:\n  doku:target: docker\n  doku:target: kubernetes\n",
            "not valid YAML: Map keys must be unique at line 3, column 3 (doku:target is set twice)",
        ],
        [
            "no config: wrapper",
            "doku:target: docker\ndoku:datadogApiKey:\n  secure: v1:x\n",
            "found doku:target at the top level; expected the keys indented under config:",
        ],
        [
            "a top-level list",
            "- doku:target: docker\n",
            "expected a map with a config: key at the top level; got a" + " list",
        ],
        ["a scalar", "just some text\n", "expected a map with a config: key at the top level; got a string (a scalar)"],
        [
            "an unknown top-level key",
            "confg:\n  doku:target: docker\n",
            'unexpected top-level key "confg"; expected config: (and optionally secretsprovider, encryptedkey,' +
                " encryptionsalt, environment)",
        ],
    ])("%s", (_, text, problem) => {
        const error = errorFor(text);
        expect(error.message.startsWith(`${path.join(dir, "Pulumi.broken.yaml")}: ${problem}`)).toBe(true);
        expect(error.message).not.toMatch(/\n/);
        expect(error.name).toBe("StackFileError");
    });

    it("a YAML error never shows the file's text (where a value in clear may be)", () => {
        const error = errorFor("config:\n  doku:apiKey: dk-clear-value-123\n  doku:apiKey: dk-clear-value-456\n");
        expect(error.message).not.toMatch(/dk-clear/);
        expect(error.message).toContain("doku:apiKey is set twice");
    });

    it("a missing file is a StackFileError too", () => {
        expect(() => readStackConfig(path.join(dir, "nope.yaml"))).toThrow(
            new StackFileError(path.join(dir, "nope.yaml"), "cannot read it (ENOENT)"),
        );
    });

    it("an empty file, an empty config: and the other stack-file keys are fine", () => {
        for (const text of [
            "",
            "config:\n",
            "secretsprovider: passphrase\nencryptionsalt: v1:abc\nconfig:\n " + " doku:ui: true\n",
        ]) {
            const file = path.join(dir, "Pulumi.ok.yaml");
            fs.writeFileSync(file, text);
            expect(() => readStackConfig(file)).not.toThrow();
        }
    });
});

describe("plain values reach the program as the Pulumi CLI hands them over", () => {
    /** The config readStackConfig reads from a stack file with this text. */
    function configOf(text: string): Record<string, string> {
        const file = path.join(dir, "Pulumi.scalars.yaml");
        fs.writeFileSync(file, text);
        return readStackConfig(file).config;
    }

    it("a plain scalar is the text the Pulumi CLI makes of it: typed by YAML first (test/real/stackValues)", () => {
        const config = configOf(
            "config:\n  doku:environment: 2024.10\n  doku:namespace: 0123\n  doku:ui: true\n" +
                "  doku:budgetWarningRatio: 1.50\n  doku:topModels: 0x1F\n  doku:a: ~\n  doku:b: null\n" +
                "  doku:c:\n  doku:d: TRUE\n  doku:e: 1e3\n  doku:f: !!int 7\n",
        );
        expect(config).toEqual({
            "doku:environment": "2024.1",
            "doku:namespace": "83",
            "doku:ui": "true",
            "doku:budgetWarningRatio": "1.5",
            "doku:topModels": "31",
            "doku:a": "",
            "doku:b": "",
            "doku:c": "",
            "doku:d": "true",
            "doku:e": "1000",
            "doku:f": "7",
        });
    });

    it("a value the CLI cannot hold (.inf, .nan) is refused, naming the key, as the CLI refuses the file", () => {
        expect(() => configOf("config:\n  doku:ratio: .inf\n")).toThrow(
            "doku:ratio: the Pulumi CLI cannot read this value (json: unsupported value: +Inf)",
        );
        expect(() => configOf("config:\n  doku:ratio: [.nan]\n")).toThrow("json: unsupported value: NaN");
    });

    it("a quoted scalar is its unquoted string; a block or multi-line scalar is its content", () => {
        const config = configOf(
            "config:\n  doku:a: \"0123\"\n  doku:b: 'it''s'\n  doku:c: \"tab\\there\"\n" +
                "  doku:d: |\n    line one\n    line two\n  doku:e: >-\n    folded\n    text\n" +
                "  doku:f: plain\n    continued\n",
        );
        expect(config).toEqual({
            "doku:a": "0123",
            "doku:b": "it's",
            "doku:c": "tab\there",
            "doku:d": "line one\nline two\n",
            "doku:e": "folded text",
            "doku:f": "plain continued",
        });
    });

    it("a list or map is JSON, its leaves typed as the CLI's YAML decoder types them (quoted leaves stay text)", () => {
        const config = configOf(
            'config:\n  doku:a: {x: 1, y: "0123", z: [true, ~, 2024.10]}\n  doku:b: ["@a", 0x1F]\n',
        );
        expect(config).toEqual({
            "doku:a": '{"x":1,"y":"0123","z":[true,null,2024.1]}',
            "doku:b": '["@a",31]',
        });
    });
});

describe("the shipped stack files", () => {
    it.each(["dev", "staging", "prod"])(
        "Pulumi.%s.yaml loads without a problem (and staging has a URL the program" + " reaches)",
        (stack) => {
            const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
            try {
                const { config, secretKeys } = readStackConfig(path.join(ROOT, `Pulumi.${stack}.yaml`));
                expect(secretKeys).toEqual(expect.arrayContaining(["doku:datadogApiKey", "doku:datadogAppKey"]));
                expect(config["doku:datadogAppKey"]).toBe(secretPlaceholder("doku:datadogAppKey"));
                installMocks({ stack, config, secretKeys });
                const args = loadConfig();
                if (stack === "staging") expect(args.kubernetes!.ingress?.host).toBe("doku-staging.example.com");
                expect(warn).not.toHaveBeenCalled();
            } finally {
                warn.mockRestore();
            }
        },
    );

    it("the header comment of each says how to set the application key", () => {
        for (const stack of ["dev", "staging", "prod"]) {
            expect(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8")).toContain(
                "pulumi config set" + " --secret doku:datadogAppKey ",
            );
        }
    });
});
