/**
 * Pulumi's own dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`),
 * started as the CLI starts the `pulumi-nodejs` plugin: resolved from and run in
 * the project directory (the serialized providers `require()` their packages
 * from there: require-from-string compiles them with the working directory's
 * node_modules paths), with the engine's address; it prints its port on its
 * first stdout line and speaks the ResourceProvider gRPC protocol.
 */
import * as grpc from "@grpc/grpc-js";
import type { ChildProcess } from "node:child_process";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { startPlugin } from "./pluginProcess";
import type { WireObject } from "./properties";

/** A Check response: the checked inputs and the failures, by property. */
export interface CheckResult {
    readonly inputs: WireObject;
    readonly failures: { property: string; reason: string }[];
}

/** A Diff response, as the step generator uses it. */
export interface DiffResult {
    readonly changes: "none" | "some" | "unknown";
    readonly replaces: string[];
    readonly deleteBeforeReplace: boolean;
}

/** Where a resource is: enough for the provider to name it. */
export interface ResourceRef {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
}

function struct(value: WireObject): Struct {
    return Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));
}

function plain(s: Struct | undefined): WireObject {
    return (s?.toJavaScript() ?? {}) as WireObject;
}

type Reply<Res> = (err: grpc.ServiceError | null, res: Res) => void;

/** A running dynamic-provider host and its ResourceProvider client. */
export class DynamicProviderHost {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: provrpc.ResourceProviderClient,
        /** What the host printed to stderr (the SDK prints failed calls' stacks there). */
        readonly stderr: string[],
    ) {}

    /**
     * Starts the host and configures it as the engine configures the default `pulumi-nodejs`
     * provider: with the whole stack configuration, namespaces kept (deploy/target.go `GetPackageConfig`).
     */
    static async start(
        projectDir: string,
        engineAddress: string,
        env: NodeJS.ProcessEnv,
        config: Record<string, string>,
    ): Promise<DynamicProviderHost> {
        const { child, client, stderr } = await startPlugin({
            label: "the dynamic-provider host",
            args: [dynamicProviderScript(projectDir), engineAddress],
            cwd: projectDir,
            env,
        });
        const host = new DynamicProviderHost(child, client, stderr);
        const configure = new provproto.ConfigureRequest();
        configure.setArgs(struct(config));
        configure.setAcceptsecrets(true);
        configure.setAcceptresources(true);
        await host.call<provproto.ConfigureResponse>((reply) => client.configure(configure, reply));
        return host;
    }

    private call<Res>(invoke: (reply: Reply<Res>) => unknown): Promise<Res> {
        return new Promise((resolve, reject) => {
            invoke((err, res) => (err ? reject(providerError(err)) : resolve(res)));
        });
    }

    async check(ref: ResourceRef, olds: WireObject, news: WireObject): Promise<CheckResult> {
        const req = new provproto.CheckRequest();
        req.setUrn(ref.urn).setName(ref.name).setType(ref.type).setOlds(struct(olds)).setNews(struct(news));
        const res = await this.call<provproto.CheckResponse>((reply) => this.client.check(req, reply));
        return {
            inputs: plain(res.getInputs()),
            failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
        };
    }

    async diff(
        ref: ResourceRef,
        id: string,
        olds: WireObject,
        news: WireObject,
        oldInputs: WireObject,
    ): Promise<DiffResult> {
        const req = new provproto.DiffRequest();
        req.setUrn(ref.urn).setName(ref.name).setType(ref.type).setId(id);
        req.setOlds(struct(olds)).setNews(struct(news)).setOldInputs(struct(oldInputs));
        const res = await this.call<provproto.DiffResponse>((reply) => this.client.diff(req, reply));
        const kinds = provproto.DiffResponse.DiffChanges;
        const changes =
            res.getChanges() === kinds.DIFF_NONE ? "none" : res.getChanges() === kinds.DIFF_SOME ? "some" : "unknown";
        return { changes, replaces: res.getReplacesList(), deleteBeforeReplace: res.getDeletebeforereplace() };
    }

    async create(ref: ResourceRef, inputs: WireObject): Promise<{ id: string; outputs: WireObject }> {
        const req = new provproto.CreateRequest();
        req.setUrn(ref.urn).setName(ref.name).setType(ref.type).setProperties(struct(inputs));
        const res = await this.call<provproto.CreateResponse>((reply) => this.client.create(req, reply));
        return { id: res.getId(), outputs: plain(res.getProperties()) };
    }

    async update(
        ref: ResourceRef,
        id: string,
        olds: WireObject,
        news: WireObject,
        oldInputs: WireObject,
    ): Promise<WireObject> {
        const req = new provproto.UpdateRequest();
        req.setUrn(ref.urn).setName(ref.name).setType(ref.type).setId(id);
        req.setOlds(struct(olds)).setNews(struct(news)).setOldInputs(struct(oldInputs));
        return plain(
            (await this.call<provproto.UpdateResponse>((reply) => this.client.update(req, reply))).getProperties(),
        );
    }

    async read(
        ref: ResourceRef,
        id: string,
        outputs: WireObject,
        inputs: WireObject,
    ): Promise<{ id: string; outputs: WireObject }> {
        const req = new provproto.ReadRequest();
        req.setUrn(ref.urn).setName(ref.name).setType(ref.type).setId(id);
        req.setProperties(struct(outputs)).setInputs(struct(inputs));
        const res = await this.call<provproto.ReadResponse>((reply) => this.client.read(req, reply));
        return { id: res.getId(), outputs: plain(res.getProperties()) };
    }

    async delete(ref: ResourceRef, id: string, outputs: WireObject, inputs: WireObject): Promise<void> {
        const req = new provproto.DeleteRequest();
        req.setUrn(ref.urn).setName(ref.name).setType(ref.type).setId(id);
        req.setProperties(struct(outputs)).setOldInputs(struct(inputs));
        await this.call((reply) => this.client.delete(req, reply));
    }

    async stop(): Promise<void> {
        this.client.close();
        if (this.child.exitCode !== null) return;
        const exited = new Promise((resolve) => this.child.once("exit", resolve));
        this.child.kill();
        await exited;
    }
}

/** The plugin's name, as the CLI names it in its errors (`could not read plugin [<path of the script>]`). */
export const DYNAMIC_PLUGIN = "pulumi-resource-pulumi-nodejs";

/**
 * Where the host's script is, found as the CLI's `pulumi-resource-pulumi-nodejs` finds it (pulumi/pulumi
 * sdk/nodejs/dist/pulumi-resource-pulumi-nodejs, at 1b59498): `node -e "console.log(require.resolve(
 * '@pulumi/pulumi/cmd/dynamic-provider'))"` in the plugin's working directory, which is the project folder
 * (sdk/go/common/resource/plugin/plugin.go `execPlugin`: `cmd.Dir = pwd`; pulumi/pulumi#5455, open). When
 * that folder resolves no `@pulumi/pulumi` (a YAML or Python project), `node -e` fails, the script runs
 * nothing and exits 0, and plugin.go `newPlugin` reads EOF where the port should be: "could not read plugin
 * [<script>]: EOF", with node's "Cannot find module" on the plugin's stderr. This throws the same.
 */
export function dynamicProviderScript(projectDir: string): string {
    const script = "@pulumi/pulumi/cmd/dynamic-provider";
    try {
        return require.resolve(script, { paths: [projectDir] });
    } catch {
        throw new Error(
            `could not read plugin [${DYNAMIC_PLUGIN}]: EOF (its stderr: Error: Cannot find module '${script}' ` +
                `from ${projectDir})`,
        );
    }
}

/** A provider's failure as the engine reports it: the provider's own message (gRPC `details`). */
export class ProviderError extends Error {
    constructor(
        message: string,
        readonly code: number,
    ) {
        super(message);
        this.name = "ProviderError";
    }
}

function providerError(err: grpc.ServiceError): ProviderError {
    return new ProviderError(err.details || err.message, err.code);
}
