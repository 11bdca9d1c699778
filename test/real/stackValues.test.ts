/**
 * @file Synth reads stack-file values as the real CLI hands them to the program: one stack file with plain,
 * quoted and block scalars (numbers of every YAML spelling, booleans, nulls, timestamps), an alias, an
 * integer-like key, and a list and a map is
 * read by the real CLI (the program exports `pulumi.runtime.allConfig()`) and by offline/stackConfig.ts, and
 * every value must be the same text.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { readStackConfig } from "../../offline/stackConfig";
import { REAL_TEST_TIMEOUT_MS as LONG, RealStack } from "./support/realPulumi";

const STACK_FILE = `config:
  doku:decimal: 2024.10
  doku:leadingZero: 0123
  doku:notOctal: 08
  doku:bool: true
  doku:boolWord: yes
  doku:capitalBool: False
  doku:trailingZero: 1.50
  doku:hex: 0x1F
  doku:octal: 0o17
  doku:binary: 0b101
  doku:negativeBinary: -0b11
  doku:exponent: 1e3
  doku:smallExponent: 1e-7
  doku:fraction: .5
  doku:underscores: 1_000
  doku:big: 9223372036854775808
  doku:huge: 123456789012345678901234567890
  doku:plus: +42
  doku:tilde: ~
  doku:null: null
  doku:empty: ""
  doku:date: 2001-12-14
  doku:shortDate: 2001-1-2
  doku:timestamp: 2001-12-14T21:59:43.10-05:00
  doku:utcTimestamp: 2001-12-14t21:59:43Z
  doku:spacedTimestamp: 2001-12-14 21:59:43.5
  doku:quoted: "0123"
  doku:singleQuoted: '2024.10'
  doku:tagged: !!str 2024.10
  doku:words: gp3.encrypted
  doku:anchored: &version 2024.10
  doku:aliased: *version
  "10": an integer-like key
  doku:block: |
    line one
    line two
  doku:list: [1.50, "x", 0123, ~, a<b&c]
  doku:map:
    zeta: 1
    alpha: [true, 2001-12-14]
    mid: { b: 2, a: 1 }
`;

describe("stack-file values, the real CLI and synth", () => {
    it(
        "reach the program as the same text",
        async () => {
            const real = await RealStack.create("dev", async () => ({ config: pulumi.runtime.allConfig() }));
            try {
                const stackFile = path.join(real.stack.workspace.workDir, "Pulumi.dev.yaml");
                fs.writeFileSync(stackFile, STACK_FILE);
                const up = await real.stack.up(real.collect);
                const fromCli = up.outputs.config.value as Record<string, string>;
                // Synth reads the file as written: the run rewrites the stack file in the CLI's own layout (each
                // value the quoted text it read), so the original goes into a file of its own.
                const written = path.join(real.dir, "Pulumi.as-written.yaml");
                fs.writeFileSync(written, STACK_FILE);
                const fromSynth = readStackConfig(written).config;
                expect(Object.keys(fromCli).sort()).toEqual(Object.keys(fromSynth).sort());
                expect(fromSynth).toEqual(fromCli);
                // A few spelled out, so that a reader sees what the CLI does.
                expect(fromCli["doku:decimal"]).toBe("2024.1");
                expect(fromCli["doku:leadingZero"]).toBe("83");
                expect(fromCli["doku:quoted"]).toBe("0123");
            } finally {
                real.dispose();
            }
        },
        LONG,
    );
});
