import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

const ROOT = path.join(__dirname, "..");

function loaded(stackFile: string): { resources: number; packages: string[] } {
    const stdout = execFileSync(
        path.join(ROOT, "node_modules", ".bin", "ts-node"),
        ["--transpile-only", path.join(__dirname, "support", "loadedPackages.ts"), stackFile],
        { cwd: ROOT, encoding: "utf8" },
    );
    return JSON.parse(stdout.trim().split("\n").pop()!);
}

describe("each target loads only its own SDK", () => {
    it("docker (dev) loads @pulumi/docker, not @pulumi/kubernetes", () => {
        const stackRun = loaded(path.join(ROOT, "Pulumi.dev.yaml"));
        expect(stackRun.packages).toContain("@pulumi/docker");
        expect(stackRun.packages).not.toContain("@pulumi/kubernetes");
    });
    it("kubernetes (prod) loads @pulumi/kubernetes, not @pulumi/docker", () => {
        const stackRun = loaded(path.join(ROOT, "Pulumi.prod.yaml"));
        expect(stackRun.packages).toContain("@pulumi/kubernetes");
        expect(stackRun.packages).not.toContain("@pulumi/docker");
    });
    it("external loads neither", () => {
        const stackRun = loaded(path.join(__dirname, "fixtures", "external-stack.yaml"));
        expect(stackRun.packages).toEqual(["@pulumi/datadog", "@pulumi/pulumi", "@pulumi/random"]);
    });
});

describe("Pulumi runs the program without type-checking it", () => {
    it("Pulumi.yaml runs index.ts with tsconfig.pulumi.json: noCheck (transpile-only), through SWC", () => {
        const project = parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));
        expect(project.main).toBe("index.ts");
        expect(project.runtime.options.tsconfig).toBe("tsconfig.pulumi.json");
        const runtimeConfig = JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.pulumi.json"), "utf8"));
        // The runner reads this file's own compilerOptions, without following `extends`.
        expect(runtimeConfig.extends).toBeUndefined();
        expect(runtimeConfig.compilerOptions.noCheck).toBe(true);
        expect(runtimeConfig["ts-node"]).toEqual({ swc: true });
        expect(JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8")).compilerOptions.noCheck).toBe(
            true,
        );
        // ...while npm test and npm run build do check.
        expect(
            JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.check.json"), "utf8")).compilerOptions.noCheck,
        ).toBe(false);
        expect(
            JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.build.json"), "utf8")).compilerOptions.noCheck,
        ).toBe(false);
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
        // The real suite's CLI, type check, lint and format check first; jest last, so that
        // `npm test -- <jest args>` reaches jest.
        expect(pkg.scripts.test).toBe(
            "npm run --silent toolchain > /dev/null && " +
                "tsc -p tsconfig.check.json && eslint . && prettier --check . && jest",
        );
    });
});
