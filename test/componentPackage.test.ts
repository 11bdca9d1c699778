/**
 * The components as a Pulumi component package (issue 17), offline: the package's plugin is started as the
 * CLI starts a source-based plugin (PulumiPlugin.yaml → the nodejs host's RunPlugin → run-plugin), then
 * GetSchema and Construct, directly and for a program's remote component through the offline engine.
 * First on a small fixture package (test/fixtures/component-package), then on this repository.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runEngine } from "../offline/engine";
import { readPluginProject } from "../offline/engine/componentPlugin";
import { ComponentSession } from "../offline/engine/componentSession";
import { DynamicProviderHost } from "../offline/engine/dynamicHost";
import { PackageSchema, pyName, pythonProgramProblems, yamlProgramProblems } from "../offline/engine/packageSchema";
import { isSecret, secret } from "../offline/engine/properties";
import type { StackState } from "../offline/engine/state";
import { FakeIngester } from "./support/fakeIngester";
import { EngineStack, ROOT, everythingPrinted, output, stackConfig } from "./support/engine";
import { SECRET_VALUES } from "./support/pulumi";

const FIXTURE = path.join(__dirname, "fixtures", "component-package");
const RELAY = "fixture:index:Relay";
const TOKEN = "relay-token-5b0e7d1c9a";
const LONG = 180_000;

const read = (...parts: string[]) => fs.readFileSync(path.join(...parts), "utf8");

/** The fixture's plugin, started once for the file: the engine runs below attach to it. */
let session: ComponentSession;
let schema: PackageSchema & Record<string, any>;

beforeAll(async () => {
    session = await ComponentSession.start({ pluginDir: FIXTURE, projectDir: path.join(FIXTURE, "program") });
    schema = (await session.getSchema()) as typeof schema;
}, LONG);
afterAll(() => session?.stop());

describe("a component package (the fixture), started as the CLI starts it", () => {
    it("GetSchema: the component with its inputs, outputs, required fields, enum, nested type and docs", () => {
        expect(schema.name).toBe("fixture");
        expect(schema.version).toBe("0.3.0");
        const relay = schema.resources[RELAY] as Record<string, any>;
        expect(relay.isComponent).toBe(true);
        expect(relay.description).toBe("A relay that forwards telemetry to one destination.");
        expect(relay.inputProperties).toEqual({
            title: { type: "string", description: "Name shown on the relay's status page." },
            token: {
                type: "string",
                description: "Token the relay authenticates to the destination with (pass it as a secret).",
            },
            logLevel: {
                $ref: "#/types/fixture:index:LogLevel",
                optional: true,
                description: "How much the relay logs; info when unset.",
            },
            destination: { $ref: "#/types/fixture:index:Destination", description: "Where the relay forwards." },
        });
        expect(relay.requiredInputs).toEqual(["destination", "title", "token"]);
        expect(relay.properties).toEqual({
            url: { type: "string", description: "The relay's URL." },
            clientToken: { type: "string", description: "The token clients present to the relay." },
        });
        expect(relay.required).toEqual(["clientToken", "url"]);
        expect(schema.types?.["fixture:index:LogLevel"]).toMatchObject({
            type: "string",
            enum: [
                { name: "Debug", value: "debug" },
                { name: "Info", value: "info" },
                { name: "Error", value: "error" },
            ],
        });
        // Property docs become descriptions; a type's own doc does not (schema.js `generateSchema` drops it).
        expect(schema.types?.["fixture:index:Destination"]).toEqual({
            type: "object",
            properties: {
                host: { type: "string", description: "Host name of the destination." },
                port: { type: "number", optional: true, description: "TCP port of the destination; 443 when unset." },
            },
            required: ["host"],
        });
        // The 3.248 analyzer has no way to mark a property secret (provider/experimental/schema.js writes none):
        // secrecy crosses the boundary at run time, with the values (the next tests).
        expect(JSON.stringify(schema)).not.toContain('"secret"');
    });

    it("Construct: the plugin registers the component and its children with the engine, outputs back", async () => {
        const inputs = {
            title: "edge",
            token: secret(TOKEN),
            logLevel: "debug",
            destination: { host: "collector.example.com", port: 8443 },
        };
        const done = await session.construct(RELAY, "edge", inputs);
        expect(done.failures).toEqual([]);
        expect(done.urn).toBe("urn:pulumi:test::component-session::fixture:index:Relay::edge");
        expect(done.registrations.map((r) => [r.type, r.name, r.parent]).sort()).toEqual([
            [RELAY, "edge", null],
            ["fixture:index:Route", "edge-route", "edge"],
            ["random:index/randomPassword:RandomPassword", "edge-client-token", "edge"],
        ]);
        // The secret input reached the plugin as a secret: the child it is passed to gets it secret.
        const password = done.registrations.find((r) => r.name === "edge-client-token")!;
        expect(password.secretInputs).toEqual(["keepers.token"]);
        expect(password.inputs).toMatchObject({ keepers: { token: TOKEN, level: "debug" } });
        expect(done.outputs.url).toBe("https://collector.example.com:8443/edge");
        expect(isSecret(done.outputs.clientToken)).toBe(true);
    });

    it("checks the fixture's YAML and Python programs against the schema, and names what does not fit", () => {
        const yaml = read(FIXTURE, "yaml", "Pulumi.yaml");
        const python = read(FIXTURE, "python", "__main__.py");
        expect(yamlProgramProblems(schema, yaml)).toEqual([]);
        expect(pythonProgramProblems(schema, python)).toEqual([]);
        const badYaml = yaml
            .replace("logLevel: debug", "logLevel: loud")
            .replace("host: collector", "hostname: collector")
            .replace("port: ${port}", "port: ${token}")
            .replace("${edge.url}", "${edge.address}");
        expect(yamlProgramProblems(schema, badYaml)).toEqual([
            'resources.edge.properties.logLevel: "loud" is not one of ["debug","info","error"]',
            "resources.edge.properties.destination.hostname: no such property (known: host, port)",
            "resources.edge.properties.destination.port: ${token} is string, expected number",
            "resources.edge.properties.destination.host: required, missing",
            "${edge.address}: address is not an output of edge",
        ]);
        const badPython = python.replace("log_level=", "logLevel=").replace("edge.client_token", "edge.clientToken");
        expect(pythonProgramProblems(schema, badPython)).toEqual([
            "Relay(logLevel=…): no such input (known: title, token, log_level, destination)",
            "edge.clientToken: no such output of Relay",
        ]);
    });
});

it("pyName derives Python names as the Python SDK generator does", () => {
    const names = ["ingesterUrl", "dokuApiKey", "datadogSite", "clickhouseHttpPort", "getPublicIPs", "sha256Hash"];
    expect(names.map(pyName)).toEqual([
        "ingester_url",
        "doku_api_key",
        "datadog_site",
        "clickhouse_http_port",
        "get_public_ips",
        "sha256_hash",
    ]);
});

it("refuses a plugin folder whose PulumiPlugin.yaml is not a nodejs one, naming the file and value", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "doku-plugin-"));
    try {
        fs.writeFileSync(path.join(dir, "PulumiPlugin.yaml"), "runtime: python\n");
        expect(() => readPluginProject(dir)).toThrow(
            `${dir}/PulumiPlugin.yaml: runtime is "python", expected "nodejs"`,
        );
        fs.rmSync(path.join(dir, "PulumiPlugin.yaml"));
        expect(() => readPluginProject(dir)).toThrow(`component package ${dir}: no PulumiPlugin.yaml`);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});

describe("a program's remote component, through the offline engine", () => {
    const program = path.join(FIXTURE, "program");
    const config = stackConfig({}, { "relay:token": TOKEN });

    it(
        "constructs it on the package's plugin: children under the component, outputs back, secrets kept",
        async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "doku-remote-"));
            const stateFile = path.join(dir, "state.json");
            try {
                const r = await runEngine({
                    projectDir: program,
                    stack: "dev",
                    operation: "up",
                    stackConfig: config,
                    stateFile,
                    passphrase: "test-passphrase",
                    componentPackages: { fixture: session.plugin },
                });
                expect(r.failures).toEqual([]);
                expect(r.ok).toBe(true);
                expect(Object.keys(r.componentPackageStartMs)).toEqual(["fixture"]);
                expect(r.registrations.map((x) => [x.type, x.name, x.parent]).sort()).toEqual([
                    [RELAY, "edge", null],
                    ["fixture:index:Route", "edge-route", "edge"],
                    ["random:index/randomPassword:RandomPassword", "edge-client-token", "edge"],
                ]);
                expect(r.registrations.find((x) => x.name === "edge-client-token")!.secretInputs).toEqual([
                    "keepers.token",
                ]);
                expect(output(r, "url")).toEqual({ value: "https://collector.example.com:8443/edge", secret: false });
                expect(output(r, "clientToken").secret).toBe(true);
                // In the engine's state the component's outputs keep the secret (encrypted); no secret is in clear.
                const state = read(stateFile);
                const relay = JSON.parse(state).resources.find((x: { type: string }) => x.type === RELAY);
                expect(relay.outputs.clientToken.ciphertext).toEqual(expect.any(String));
                expect(state).not.toContain(TOKEN);
                expect(state).not.toContain(String(output(r, "clientToken").value));
                expect(everythingPrinted(r) + r.componentPackageStderr).not.toContain(TOKEN);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        },
        LONG,
    );

    it(
        "fails the step, naming the package and what to give, when no component package serves the type",
        async () => {
            const r = await runEngine({ projectDir: program, stack: "dev", operation: "preview", stackConfig: config });
            expect(r.ok).toBe(false);
            expect(r.failures.map((f) => [f.urn, f.message])).toEqual([
                [
                    "urn:pulumi:dev::relay-consumer::fixture:index:Relay::edge",
                    "no component package serves 'fixture' (remote component fixture:index:Relay): " +
                        'give the engine componentPackages: { fixture: "<folder with PulumiPlugin.yaml>" }',
                ],
            ]);
        },
        LONG,
    );

    it(
        "a child's failed step cancels the run: the pending Construct is abandoned, as the CLI abandons it",
        async () => {
            const failing = stackConfig({ "relay:failWith": "the child refused" }, { "relay:token": TOKEN });
            const r = await runEngine({
                projectDir: program,
                stack: "dev",
                operation: "up",
                stackConfig: failing,
                componentPackages: { fixture: session.plugin },
                timeoutMs: 60_000,
            });
            // Without the abandonment the program would wait on its remote RegisterResource until the timeout.
            expect(r.program?.timedOut).toBe(false);
            expect(r.ok).toBe(false);
            expect(r.failures.map((f) => [f.urn, f.message])).toEqual([
                [
                    "urn:pulumi:dev::relay-consumer::fixture:index:Faulty$pulumi-nodejs:dynamic:Resource::bad-child",
                    "the child refused",
                ],
            ]);
        },
        LONG,
    );
});

/*
 * This repository as the package `doku`: PulumiPlugin.yaml at the root, provider/index.ts the entry. run-plugin
 * require()s the package folder, i.e. package.json `main` (not `exports`), so `main` must lead to the provider
 * entry: with `dist/lib.js` it would load the built library and serve its components itself as `pulumi-doku`
 * (the npm name, run-plugin/run.js), and from a clone without dist/ Node would fall back to the root index.ts,
 * the stack program. Library consumers resolve the package through `exports` and `types`, never `main`.
 */
describe("the doku package (this repository)", () => {
    it("package.json main leads to the provider entry (what run-plugin loads)", () => {
        expect(JSON.parse(read(ROOT, "package.json")).main).toBe("provider/index.ts");
    });

    const GOLDEN = path.join(__dirname, "fixtures", "golden", "doku.schema.json");
    const COMPONENTS = [
        "DatadogConnection",
        "DokuIngester",
        "DokuObservability",
        "LlmMonitoringDashboard",
        "LlmMonitors",
    ];
    const SECRETS = {
        "doku:datadogApiKey": SECRET_VALUES["doku:datadogApiKey"],
        "doku:datadogAppKey": SECRET_VALUES["doku:datadogAppKey"],
    };
    let dokuSession: ComponentSession | undefined;
    let dokuSchema: PackageSchema & Record<string, any>;

    beforeAll(async () => {
        dokuSession = await ComponentSession.start({
            pluginDir: ROOT,
            // The CLI's working directory: the consumer's project. ts-node then finds no tsconfig.json and
            // type-checks with run-plugin's defaults. Dynamic resources need @pulumi/pulumi above it (#5455).
            projectDir: path.join(ROOT, "examples", "yaml"),
            project: "doku", // Pulumi.yaml `name`, as the TypeScript program runs
            stack: "dev",
        });
        dokuSchema = (await dokuSession.getSchema()) as typeof dokuSchema;
    }, LONG);
    afterAll(() => dokuSession?.stop());

    it("GetSchema: the five components (doku:index:…), every property documented, as the golden file", () => {
        if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(GOLDEN, `${JSON.stringify(dokuSchema, null, 2)}\n`);
        expect(dokuSchema.name).toBe("doku");
        expect(Object.keys(dokuSchema.resources).sort()).toEqual(COMPONENTS.map((c) => `doku:index:${c}`));
        const undocumented = Object.entries(dokuSchema.resources).flatMap(([type, r]) =>
            Object.entries({ ...r.inputProperties, ...r.properties })
                .filter(([, p]) => !p.description)
                .map(([name]) => `${type}.${name}`),
        );
        expect(undocumented).toEqual([]);
        expect(dokuSchema).toEqual(JSON.parse(read(GOLDEN)));
    });

    it(
        "Construct of DokuObservability (external) registers the TypeScript program's children",
        async () => {
            const [forProgram, forPlugin] = [new FakeIngester(), new FakeIngester()];
            await Promise.all([forProgram.start(), forPlugin.start()]);
            const stack = new EngineStack("dev", stackConfig({ "doku:target": "external" }, SECRETS));
            try {
                stack.config.config["doku:ingesterUrl"] = forProgram.url;
                const program = await stack.run("up");
                expect(program.failures).toEqual([]);
                const constructed = await dokuSession!.construct("doku:index:DokuObservability", "doku", {
                    target: "external",
                    ingesterUrl: forPlugin.url,
                    datadogApiKey: secret(SECRETS["doku:datadogApiKey"]),
                    datadogAppKey: secret(SECRETS["doku:datadogAppKey"]),
                });
                expect(constructed.failures).toEqual([]);
                // Types, names, parents, and which inputs are secret: the same on both sides of the boundary.
                const tree = (rs: typeof program.registrations) =>
                    rs.map((x) => `${x.type} ${x.name} < ${x.parent} secret: ${x.secretInputs.join(",")}`).sort();
                expect(tree(program.registrations).length).toBe(12);
                expect(tree(constructed.registrations)).toEqual(tree(program.registrations));
                expect(constructed.outputs.ingesterUrl).toBe(forPlugin.url);
                expect(isSecret(constructed.outputs.dokuApiKey)).toBe(true);
                expect(output(program, "dokuApiKey").secret).toBe(true);
            } finally {
                stack.dispose();
                await Promise.all([forProgram.stop(), forPlugin.stop()]);
            }
        },
        LONG,
    );

    it("the YAML and Python examples fit the schema", () => {
        expect(yamlProgramProblems(dokuSchema, read(ROOT, "examples", "yaml", "Pulumi.yaml"))).toEqual([]);
        expect(pythonProgramProblems(dokuSchema, read(ROOT, "examples", "python", "__main__.py"))).toEqual([]);
    });
});

/*
 * `pulumi up` from a YAML or Python project (issue 17, pulumi/pulumi#5455): the CLI starts the component plugin
 * and the dynamic-provider plugin with the project folder as working directory, and the dynamic-provider
 * plugin finds `@pulumi/pulumi` (and the serialized providers their packages) from there. The consumer folder
 * is a temporary one, outside this repository, so nothing resolves through this repository's node_modules.
 */
describe("an up of DokuObservability from a YAML project outside the package", () => {
    const PULUMI_YAML = "name: doku-yaml\nruntime: yaml\npackages:\n  doku: " + ROOT + "\n";
    const consumers: string[] = [];
    /** A consumer project folder; with the workaround, its node_modules resolves @pulumi/pulumi (npm install). */
    const consumerFolder = (withPulumiSdk: boolean): string => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "doku-yaml-consumer-"));
        consumers.push(dir);
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), PULUMI_YAML);
        if (withPulumiSdk) {
            // The example's package.json, as the README says to copy it, then what `npm install` gives: its one
            // dependency, at exactly the version it names (the SDK this repository installs, linked).
            const manifest = read(ROOT, "examples", "yaml", "package.json");
            expect(JSON.parse(manifest).dependencies).toEqual({ "@pulumi/pulumi": "3.248.0" });
            const sdk = path.join(ROOT, "node_modules", "@pulumi", "pulumi");
            expect(JSON.parse(read(sdk, "package.json")).version).toBe("3.248.0");
            fs.writeFileSync(path.join(dir, "package.json"), manifest);
            fs.mkdirSync(path.join(dir, "node_modules", "@pulumi"), { recursive: true });
            fs.symlinkSync(sdk, path.join(dir, "node_modules", "@pulumi", "pulumi"), "dir");
        }
        return dir;
    };
    afterAll(() => consumers.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

    it("without @pulumi/pulumi in the project folder, the dynamic-provider plugin fails as the CLI's", async () => {
        const bare = consumerFolder(false);
        await expect(DynamicProviderHost.start(bare, "127.0.0.1:1", process.env, {})).rejects.toThrow(
            "could not read plugin [pulumi-resource-pulumi-nodejs]: EOF (its stderr: Error: Cannot find module " +
                `'@pulumi/pulumi/cmd/dynamic-provider' from ${bare})`,
        );
    });

    it("the Python example's package.json names the same dependency as the YAML example's", () => {
        const dependencies = (example: string) =>
            JSON.parse(read(ROOT, "examples", example, "package.json")).dependencies;
        expect(dependencies("python")).toEqual(dependencies("yaml"));
    });

    it(
        "with it (package.json + npm install): the API key is bootstrapped once, the connection created; " +
            "the second up changes nothing",
        async () => {
            const ingester = new FakeIngester();
            await ingester.start();
            const projectDir = consumerFolder(true);
            const session = (old?: StackState) =>
                ComponentSession.start({ pluginDir: ROOT, projectDir, project: "doku-yaml", stack: "dev", old });
            const inputs = {
                target: "external",
                ingesterUrl: ingester.url,
                datadogApiKey: secret(SECRET_VALUES["doku:datadogApiKey"]),
                datadogAppKey: secret(SECRET_VALUES["doku:datadogAppKey"]),
            };
            const consumer = await session();
            let state: StackState | undefined;
            let keysAfterFirstUp = 0;
            try {
                const done = await consumer.construct("doku:index:DokuObservability", "doku", inputs);
                expect(done.failures).toEqual([]);
                const dynamic = done.steps.filter((s) => s.type.startsWith("pulumi-nodejs:dynamic/"));
                expect(dynamic.map((s) => `${s.op} ${s.type}`)).toEqual([
                    "create pulumi-nodejs:dynamic/doku:DokuApiKey",
                    "create pulumi-nodejs:dynamic/doku:DokuConnection",
                ]);
                const posts = ingester.apiRequests().filter((r) => r.method === "POST");
                expect(posts.map((r) => r.path)).toEqual(["/api/keys", "/api/connections"]);
                expect(ingester.connection).toMatchObject({
                    platform: "datadog",
                    apikey: SECRET_VALUES["doku:datadogApiKey"],
                });
                expect(isSecret(done.outputs.dokuApiKey)).toBe(true);
                const dokuApiKey = (done.outputs.dokuApiKey as { value: string }).value;
                expect([...ingester.keys.values()]).toContain(dokuApiKey);
                expect(done.outputs.ingesterUrl).toBe(ingester.url);
                state = consumer.deployment.state();
                keysAfterFirstUp = ingester.keys.size;
            } finally {
                expect(await consumer.stop()).not.toContain(SECRET_VALUES["doku:datadogApiKey"]);
            }
            // The second up, from the first one's state: both dynamic resources unchanged, no write to the ingester.
            const again = await session(state);
            try {
                const second = await again.construct("doku:index:DokuObservability", "doku", inputs);
                expect(second.failures).toEqual([]);
                const dynamic = second.steps.filter((s) => s.type.startsWith("pulumi-nodejs:dynamic/"));
                expect(dynamic.map((s) => `${s.op} ${s.type}`)).toEqual([
                    "same pulumi-nodejs:dynamic/doku:DokuApiKey",
                    "same pulumi-nodejs:dynamic/doku:DokuConnection",
                ]);
                expect(ingester.apiRequests().filter((r) => r.method === "POST")).toHaveLength(2);
                expect(ingester.keys.size).toBe(keysAfterFirstUp);
            } finally {
                await again.stop();
                await ingester.stop();
            }
        },
        LONG,
    );
});
