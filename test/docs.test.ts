import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { CONFIG_KEYS, KeySpec } from "../config/keys";

const ROOT = path.join(__dirname, "..");
const KEYS = CONFIG_KEYS as Record<string, KeySpec>;

describe("the README's configuration table and the schema agree", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const rows = [...readme.matchAll(/^\| `doku:(\w+)` \| (\w+) \| (.*?) \| (.*) \|$/gm)]
        .map(([, key, type, def, description]) => ({ key, type, def, description }));

    it("lists every key once, in the schema's order", () => {
        expect(rows.map((r) => r.key)).toEqual(Object.keys(KEYS));
    });

    it.each(Object.keys(KEYS))("doku:%s: type, default and description match", (key) => {
        const spec = KEYS[key];
        const row = rows.find((r) => r.key === key)!;
        expect(row.type).toBe(spec.secret ? "secret" : spec.kind);
        expect(row.def.replace(/`/g, "")).toBe(spec.defaultText ?? "—");
        expect(row.description.replace(/\\\|/g, "|")).toBe(spec.description);
    });
});

describe("Pulumi.yaml declares every key Pulumi can type", () => {
    const project = parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));
    const declared: Record<string, any> = project.config;

    it("is the doku project, nodejs with TypeScript and npm", () => {
        expect(project.name).toBe("doku");
        expect(project.runtime).toEqual({ name: "nodejs", options: { packagemanager: "npm", typescript: true } });
    });

    it("declares exactly the string, integer, boolean and array keys", () => {
        const expressible = Object.keys(KEYS).filter((k) => ["string", "integer", "boolean", "array"].includes(KEYS[k].kind));
        expect(Object.keys(declared)).toEqual(expressible);
    });

    it.each(Object.keys(KEYS).filter((k) => KEYS[k].kind !== "number" && KEYS[k].kind !== "object"))("%s: type, description, secret and default", (key) => {
        const spec = KEYS[key];
        const d = declared[key];
        expect(d.type).toBe(spec.kind);
        expect(d.description).toBe(spec.description);
        expect(d.secret ?? false).toBe(spec.secret ?? false);
        if (d.default !== undefined) {
            expect(String(Array.isArray(d.default) ? JSON.stringify(d.default) : d.default)).toBe(spec.defaultText);
            // Every declared default passes the key's own validation.
            expect(spec.schema.safeParse(d.default).success).toBe(true);
        } else {
            expect(spec.secret || spec.defaultText === undefined || /^(the |derived|bootstrapped|generated|required)/.test(spec.defaultText)).toBe(true);
        }
    });
});

describe("example stacks", () => {
    it.each(["dev", "staging", "prod"])("Pulumi.%s.yaml uses only known keys and stores no secret in clear", (stack) => {
        const doc = parse(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8"));
        for (const [key, value] of Object.entries<any>(doc.config)) {
            const name = key.replace(/^doku:/, "");
            expect(KEYS[name]).toBeDefined();
            if (KEYS[name].secret) expect(Object.keys(value)).toEqual(["secure"]);
        }
    });
});

describe("the library entry", () => {
    it("exports the components, the client, the dynamic resources and the site helpers", () => {
        const lib = require("../lib");
        for (const name of [
            "DokuObservability", "DokuIngester", "DatadogConnection", "LlmMonitoringDashboard", "DokuClient", "DokuApiError",
            "DokuConnection", "dokuConnectionProvider", "DokuApiKey", "dokuApiKeyProvider", "datadogIntakeUrls", "exportDashboard",
        ]) expect(lib[name]).toBeDefined();
        expect(lib.datadogIntakeUrls("us3.datadoghq.com")).toEqual({
            metricsUrl: "https://api.us3.datadoghq.com/api/v2/series",
            logsUrl: "https://http-intake.logs.us3.datadoghq.com/api/v2/logs",
        });
    });
});
