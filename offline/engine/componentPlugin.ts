/**
 * A source-based component package (a folder with `PulumiPlugin.yaml`, `runtime: nodejs`), started the way
 * the Pulumi CLI starts it and spoken to over the ResourceProvider protocol.
 *
 * How the CLI launches it (pulumi/pulumi, read at 1b59498):
 * - sdk/go/common/resource/plugin/plugin.go `newPlugin`: no plugin binary, so it loads `PulumiPlugin.yaml`
 *   from the plugin folder and calls the runtime's `RunPlugin` with `NewProgramInfo(pluginDir, pluginDir, ".",
 *   runtime options)` and the plugin's args, which provider_plugin.go `NewProvider` sets to the engine's
 *   address (`[]string{host.ServerAddr()}`); the env gets `PULUMI_PROJECT` and `PULUMI_RUNTIME_<OPTION>`.
 * - sdk/nodejs/cmd/pulumi-language-nodejs/main.go `RunPlugin`: `node <@pulumi/pulumi/cmd/run-plugin>
 *   <nodeargs…> <program directory> <args…>` (nodeargs after the run path, as written there), in the CLI's
 *   working directory, with `PULUMI_NODEJS_TYPESCRIPT=true` unless `typescript: false`, and
 *   `PULUMI_NODEJS_TSCONFIG_PATH` when `tsconfig` is set.
 * - `@pulumi/pulumi/cmd/run-plugin/run.js` `require()`s the folder (its package.json `main`), after registering
 *   ts-node; `provider/server.js` `main` prints the gRPC port on the first stdout line, which plugin.go reads.
 */
import * as grpc from "@grpc/grpc-js";
import type { ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import { PluginAttach } from "@pulumi/pulumi/proto/plugin_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { parse } from "yaml";
import { ProviderError } from "./dynamicHost";
import { startPlugin } from "./pluginProcess";
import { WireObject, lowerOutputValues } from "./properties";
import { pulumiPath, splitNodeArgs } from "./runner";

/** `PulumiPlugin.yaml`'s runtime options that change how the plugin is launched. */
export interface PluginRuntime {
    readonly typescript: boolean;
    readonly tsconfig?: string;
    readonly nodeargs?: string;
}

/** `PulumiPlugin.yaml` (sdk/go/common/workspace/project.go `PluginProject`): only its runtime matters here. */
export function readPluginProject(pluginDir: string): PluginRuntime {
    const file = path.join(pluginDir, "PulumiPlugin.yaml");
    if (!fs.existsSync(file)) {
        throw new Error(`component package ${pluginDir}: no PulumiPlugin.yaml (expected one with runtime: nodejs)`);
    }
    const doc = parse(fs.readFileSync(file, "utf8")) ?? {};
    const runtime = typeof doc.runtime === "string" ? { name: doc.runtime } : (doc.runtime ?? {});
    if (runtime.name !== "nodejs") {
        throw new Error(`${file}: runtime is ${JSON.stringify(runtime.name)}, expected "nodejs"`);
    }
    const options = runtime.options ?? {};
    if (options.typescript !== undefined && typeof options.typescript !== "boolean") {
        throw new Error(
            `${file}: runtime.options.typescript is ${JSON.stringify(options.typescript)}, expected a boolean`,
        );
    }
    return { typescript: options.typescript ?? true, tsconfig: options.tsconfig, nodeargs: options.nodeargs };
}

/** The `node` command line and environment RunPlugin builds (main.go `RunPlugin`). */
export function pluginCommand(
    pluginDir: string,
    engineAddress: string,
    env: NodeJS.ProcessEnv,
): { args: string[]; env: NodeJS.ProcessEnv } {
    const runtime = readPluginProject(pluginDir);
    const runPlugin = pulumiPath(pluginDir, "cmd", "run-plugin");
    const args = [runPlugin, ...splitNodeArgs(runtime.nodeargs), path.resolve(pluginDir), engineAddress];
    const pluginEnv: NodeJS.ProcessEnv = { ...env };
    if (runtime.typescript) pluginEnv.PULUMI_NODEJS_TYPESCRIPT = "true";
    if (runtime.tsconfig !== undefined) pluginEnv.PULUMI_NODEJS_TSCONFIG_PATH = runtime.tsconfig;
    return { args, env: pluginEnv };
}

/** What the engine tells the plugin in Construct besides the resource (plugin.ConstructInfo). */
export interface ConstructInfo {
    readonly project: string;
    readonly stack: string;
    readonly organization: string;
    /** The stack configuration, `<ns>:<key>` → value (secrets in clear, named in `secretKeys`). */
    readonly config: Record<string, string>;
    readonly secretKeys: readonly string[];
    readonly dryRun: boolean;
    readonly parallel: number;
    /** The engine's own ResourceMonitor: the plugin registers the component and its children there. */
    readonly monitorAddress: string;
}

/** The resource options of a Construct request. */
export interface ConstructOptions {
    readonly parent?: string;
    readonly dependencies?: readonly string[];
    /** Package → provider reference (`<urn>::<id>`). */
    readonly providers?: Record<string, string>;
    readonly protect?: boolean;
}

/** A Construct response: the component's URN and outputs. */
export interface ConstructResult {
    readonly urn: string;
    /** The component's outputs as the plugin sent them (secrets as secret values). */
    readonly state: WireObject;
}

/** The analyzer reads the package's TypeScript: seconds per component. */
export const PLUGIN_CALL_TIMEOUT_MS = 180_000;

type Reply<Res> = (err: grpc.ServiceError | null, res: Res) => void;

/** A running component-package plugin and its ResourceProvider client. */
export class ComponentPlugin {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: provrpc.ResourceProviderClient,
        /** What the plugin printed to stderr. */
        readonly stderr: string[],
        private readonly callTimeoutMs: number,
    ) {}

    /** Spawns the plugin and waits for its port; `pwd` is the CLI's working directory (the project's). */
    static async start(options: {
        pluginDir: string;
        engineAddress: string;
        pwd: string;
        env: NodeJS.ProcessEnv;
        startTimeoutMs?: number;
        callTimeoutMs?: number;
    }): Promise<ComponentPlugin> {
        const { args, env } = pluginCommand(options.pluginDir, options.engineAddress, options.env);
        const { child, client, stderr } = await startPlugin({
            label: `component package ${options.pluginDir}`,
            args,
            cwd: options.pwd,
            env,
            timeoutMs: options.startTimeoutMs,
        });
        return new ComponentPlugin(child, client, stderr, options.callTimeoutMs ?? PLUGIN_CALL_TIMEOUT_MS);
    }

    /** One call, with its own deadline. */
    private call<Res>(
        invoke: (metadata: grpc.Metadata, o: grpc.CallOptions, reply: Reply<Res>) => unknown,
    ): Promise<Res> {
        const options = { deadline: Date.now() + this.callTimeoutMs };
        return new Promise((resolve, reject) => {
            invoke(new grpc.Metadata(), options, (err, res) =>
                err ? reject(new ProviderError(err.details || err.message, err.code)) : resolve(res),
            );
        });
    }

    /**
     * Configure, as the engine configures a package's default provider before its first use. The Node.js
     * provider server answers acceptSecrets true (`@pulumi/pulumi/provider/server.js` `configure`), which
     * provider_plugin.go `Construct` requires ("plugins that can construct components must support secrets").
     * The CLI first tries Handshake; the Node.js provider server has no Handshake (server.js implements none),
     * so the CLI goes on with Configure, as here.
     */
    async configure(config: WireObject): Promise<{ acceptSecrets: boolean }> {
        const req = new provproto.ConfigureRequest();
        req.setArgs(Struct.fromJavaScript(config as never))
            .setAcceptsecrets(true)
            .setAcceptresources(true);
        const res = await this.call<provproto.ConfigureResponse>((m, o, reply) =>
            this.client.configure(req, m, o, reply),
        );
        return { acceptSecrets: res.getAcceptsecrets() };
    }

    /**
     * Attach: point a running plugin at another engine, as the CLI does for a provider it attaches to rather
     * than starts (provider_plugin.go `NewProvider`: PULUMI_DEBUG_PROVIDERS="<pkg>:<port>", then `p.Attach(
     * host.ServerAddr())`); the Node.js provider server then uses that engine address (server.js `attach`).
     */
    async attach(engineAddress: string): Promise<void> {
        const req = new PluginAttach().setAddress(engineAddress);
        await this.call((m, o, reply) => this.client.attach(req, m, o, reply));
    }

    /** GetSchema (version 0): the package schema the SDK's analyzer derives from the TypeScript types. */
    async getSchema(): Promise<Record<string, unknown>> {
        const req = new provproto.GetSchemaRequest();
        const res = await this.call<provproto.GetSchemaResponse>((m, o, reply) =>
            this.client.getSchema(req, m, o, reply),
        );
        return JSON.parse(res.getSchema());
    }

    /** Construct, with the request provider_plugin.go `Construct` builds. */
    async construct(
        info: ConstructInfo,
        type: string,
        name: string,
        inputs: WireObject,
        options: ConstructOptions = {},
    ): Promise<ConstructResult> {
        const req = new provproto.ConstructRequest();
        req.setProject(info.project).setStack(info.stack).setOrganization(info.organization);
        req.setDryrun(info.dryRun).setParallel(info.parallel).setMonitorendpoint(info.monitorAddress);
        for (const [key, value] of Object.entries(info.config)) req.getConfigMap().set(key, value);
        req.setConfigsecretkeysList([...info.secretKeys]);
        req.setType(type)
            .setName(name)
            .setParent(options.parent ?? "");
        req.setInputs(Struct.fromJavaScript(JSON.parse(JSON.stringify(inputs))));
        req.setDependenciesList([...(options.dependencies ?? [])]);
        for (const [pkg, ref] of Object.entries(options.providers ?? {})) req.getProvidersMap().set(pkg, ref);
        req.setProtect(options.protect ?? false);
        const res = await this.call<provproto.ConstructResponse>((m, o, reply) =>
            this.client.construct(req, m, o, reply),
        );
        const state = lowerOutputValues(res.getState()?.toJavaScript() ?? {}) as WireObject;
        return { urn: res.getUrn(), state };
    }

    async stop(): Promise<void> {
        this.client.close();
        if (this.child.exitCode !== null || this.child.signalCode !== null) return;
        const exited = new Promise((resolve) => this.child.once("exit", resolve));
        this.child.kill();
        await exited;
    }
}
