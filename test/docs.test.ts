import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { CONFIG_KEYS, KeySpec } from "../config/keys";
import { declaration } from "../config/declared";
import { defaultTextOf } from "../config/keySpec";
import { ConfigError, loadConfig } from "../config/load";
import { pulumiYamlConfigBlock, readmeKeyTable } from "../config/reference";
import * as lib from "../lib";
import { mockStack } from "./support/pulumi";

const ROOT = path.join(__dirname, "..");
const KEYS = CONFIG_KEYS as Record<string, KeySpec>;

describe("the README's configuration table and the schema agree", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const rows = [...readme.matchAll(/^\| `doku:(\w+)` \| `([\w.]+)` \| (\w+) \| (.*?) \| (.*) \|$/gm)].map(
        ([, key, argument, type, def, description]) => ({ key, argument, type, def, description }),
    );

    it("names each key's DokuObservability argument, where the loader puts its value", () => {
        const argument = (key: string) => rows.find((row) => row.key === key)?.argument;
        expect(argument("dashboardTitle")).toBe("dashboard.title");
        expect(argument("monitors")).toBe("monitors.enabled");
        expect(argument("kubernetesAwaitTimeouts")).toBe("kubernetes.awaitTimeoutMinutes");
        expect(argument("clickhousePort")).toBe("clickhouse.port");
        expect(argument("ingressClassName")).toBe("kubernetes.ingress.className");
        expect(argument("datadogApiKey")).toBe("datadogApiKey");
        // Through the loader itself: a key's value is found at its argument path.
        mockStack({
            "doku:datadogApiKey": "dd-api-key-docs-test-000000",
            "doku:datadogAppKey": "dd-app-key-docs-test-000000",
            "doku:dashboardTitle": "Docs title",
            "doku:clickhousePort": "9440",
        });
        const args = loadConfig() as unknown as Record<string, unknown>;
        const at = (dotted: string) =>
            dotted.split(".").reduce<unknown>((value, field) => (value as Record<string, unknown>)?.[field], args);
        expect(at(argument("dashboardTitle")!)).toBe("Docs title");
        expect(at(argument("clickhousePort")!)).toBe(9440);
    });

    it("lists every key once, in the schema's order", () => {
        expect(rows.map((row) => row.key)).toEqual(Object.keys(KEYS));
    });

    it.each(Object.keys(KEYS))("doku:%s: type, default and description match", (key) => {
        const spec = KEYS[key];
        const row = rows.find((row) => row.key === key)!;
        expect(row.type).toBe(spec.secret ? "secret" : spec.kind);
        expect(row.def.replace(/`/g, "")).toBe(defaultTextOf(spec) ?? "—");
        expect(row.description.replace(/\\\|/g, "|")).toBe(spec.description);
    });
});

describe("Pulumi.yaml declares the keys with a concrete default and the keys every stack must set", () => {
    const text = fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8");
    const project = parse(text);
    const declared: Record<string, any> = project.config;

    it("is the doku project, nodejs with TypeScript (loaded through tsconfig.pulumi.json) and npm", () => {
        expect(project.name).toBe("doku");
        expect(project.runtime).toEqual({
            name: "nodejs",
            options: { packagemanager: "npm", typescript: true, tsconfig: "tsconfig.pulumi.json" },
        });
    });

    it("ends with the block `npm run config-reference -- --pulumi-yaml` prints; README.md holds its table", () => {
        expect(text.endsWith(`${pulumiYamlConfigBlock()}\n`)).toBe(true);
        expect(fs.readFileSync(path.join(ROOT, "README.md"), "utf8")).toContain(`\n${readmeKeyTable()}\n`);
    });

    it("declares exactly the required keys and the keys with a concrete default, in types the Pulumi CLI knows", () => {
        const expected = declaredKeys;
        expect(Object.keys(declared)).toEqual(expected);
        expect(expected).toEqual(expect.arrayContaining(["datadogApiKey", "datadogAppKey", "target", "replicas"]));
        // Optional keys without a default would be required by the CLI (pulumi/pulumi#21797): not declared.
        for (const key of [
            "ingesterUrl",
            "clickhouseHost",
            "apiKey",
            "clickhousePassword",
            "managementUrl",
            "environment",
        ]) {
            expect(declared[key]).toBeUndefined();
        }
        for (const keyDeclaration of Object.values(declared)) {
            expect(["string", "integer", "boolean", "array"]).toContain(keyDeclaration.type);
        }
    });

    const declaredKeys = Object.keys(KEYS).filter((key) => declaration(KEYS[key]) !== undefined);
    it.each(declaredKeys)("%s: type, description, secret and default", (key) => {
        const spec = KEYS[key];
        const keyDeclaration = declared[key];
        expect(keyDeclaration.type).toBe(spec.kind);
        if (keyDeclaration.type === "array") expect(keyDeclaration.items).toEqual({ type: "string" });
        expect(keyDeclaration.description).toBe(spec.description);
        expect(keyDeclaration.secret ?? false).toBe(spec.secret ?? false);
        if (keyDeclaration.default !== undefined) {
            expect(
                String(
                    Array.isArray(keyDeclaration.default)
                        ? JSON.stringify(keyDeclaration.default)
                        : keyDeclaration.default,
                ),
            ).toBe(defaultTextOf(spec));
            // Every declared default passes the key's own validation.
            expect(spec.schema.safeParse(keyDeclaration.default).success).toBe(true);
        }
    });

    it("every key declared without a default is one the loader requires", () => {
        const required = Object.keys(declared).filter((key) => declared[key].default === undefined);
        expect(required).toEqual(["datadogApiKey", "datadogAppKey"]);
        mockStack({});
        let problems: string[] = [];
        try {
            loadConfig();
        } catch (error) {
            problems = (error as ConfigError).problems;
        }
        for (const key of required) {
            expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^doku:${key}: missing; required`)));
        }
    });
});

describe("the library entry", () => {
    it("exports the components, the client, the dynamic resources and the site helpers", () => {
        for (const name of [
            "DokuObservability",
            "DokuIngester",
            "DatadogConnection",
            "LlmMonitoringDashboard",
            "DokuClient",
            "DokuApiError",
            "DokuConnection",
            "dokuConnectionProvider",
            "DokuApiKey",
            "dokuApiKeyProvider",
            "datadogIntakeUrls",
            "exportDashboard",
        ])
            expect((lib as Record<string, unknown>)[name]).toBeDefined();
        expect(lib.datadogIntakeUrls("us3.datadoghq.com")).toEqual({
            metricsUrl: "https://api.us3.datadoghq.com/api/v2/series",
            logsUrl: "https://http-intake.logs.us3.datadoghq.com/api/v2/logs",
        });
    });
});
