/**
 * A component package driven directly, without a program: the offline engine's monitor is served, the
 * package's plugin is started once as the CLI starts it (componentPlugin.ts), then tests call GetSchema and
 * Construct as the engine would for a program's remote component, and see what the plugin registered.
 */
import { StackConfig } from "../stackConfig";
import { ComponentPlugin, ConstructInfo, ConstructOptions } from "./componentPlugin";
import { Deployment } from "./deployment";
import { DynamicProviderHost } from "./dynamicHost";
import { Diagnostic, serve } from "./monitor";
import type { WireObject } from "./properties";
import type { StackState } from "./state";
import type { Step } from "./steps";
import { STACK_TYPE } from "./urn";
import type { RecordedResource } from "../recording";

/** The package to start, the consumer's project folder, and the stack it constructs in. */
export interface ComponentSessionOptions {
    /** The folder with PulumiPlugin.yaml. */
    readonly pluginDir: string;
    /** The CLI's working directory: where ts-node finds tsconfig.json and dynamic providers their packages. */
    readonly projectDir: string;
    readonly project?: string;
    readonly stack?: string;
    readonly stackConfig?: StackConfig;
    readonly preview?: boolean;
    readonly env?: NodeJS.ProcessEnv;
    /** The state of the previous run (`deployment.state()` of an earlier session): this one is the next up. */
    readonly old?: StackState;
}

/** What one Construct did: the outputs, and what was registered, stepped and failed meanwhile. */
export interface ConstructOutcome {
    /** Empty when a failed step cancelled the deployment before the plugin answered. */
    readonly urn: string;
    /** The Construct response's state (secrets as secret values). */
    readonly outputs: WireObject;
    /** What the plugin registered during this Construct, in order. */
    readonly registrations: RecordedResource[];
    readonly steps: Step[];
    readonly failures: { urn: string; message: string }[];
}

/** The engine's monitor with one component package's plugin attached (see the file comment). */
export class ComponentSession {
    private host: Promise<DynamicProviderHost> | undefined;

    private constructor(
        readonly plugin: ComponentPlugin,
        readonly deployment: Deployment,
        readonly diagnostics: Diagnostic[],
        private readonly info: ConstructInfo,
        private readonly server: { address: string; stop(): Promise<void> },
    ) {}

    static async start(options: ComponentSessionOptions): Promise<ComponentSession> {
        const project = options.project ?? "component-session";
        const stack = options.stack ?? "test";
        const stackConfig = options.stackConfig ?? { config: {}, secretKeys: [] };
        const env = { ...(options.env ?? process.env), PULUMI_PROJECT: project };
        const diagnostics: Diagnostic[] = [];
        let session: ComponentSession | undefined;
        const deployment = new Deployment({
            stack,
            project,
            preview: options.preview ?? false,
            old: options.old ?? { resources: [] },
            config: stackConfig,
            dynamicHost: () => session!.dynamicHost(options.projectDir, env, stackConfig),
        });
        const server = await serve(deployment, diagnostics);
        try {
            await deployment.register({
                type: STACK_TYPE,
                name: `${project}-${stack}`,
                parent: "",
                custom: false,
                inputs: {},
                dependencies: [],
                provider: "",
                version: "",
                additionalSecretOutputs: [],
            });
            const plugin = await ComponentPlugin.start({
                pluginDir: options.pluginDir,
                engineAddress: server.address,
                pwd: options.projectDir,
                env,
            });
            await plugin.configure({});
            const info: ConstructInfo = {
                project,
                stack,
                organization: "organization",
                config: stackConfig.config,
                secretKeys: stackConfig.secretKeys,
                dryRun: options.preview ?? false,
                parallel: 8,
                monitorAddress: server.address,
            };
            session = new ComponentSession(plugin, deployment, diagnostics, info, server);
            return session;
        } catch (e) {
            await server.stop();
            throw e;
        }
    }

    private dynamicHost(projectDir: string, env: NodeJS.ProcessEnv, config: StackConfig): Promise<DynamicProviderHost> {
        return (this.host ??= DynamicProviderHost.start(projectDir, this.server.address, env, config.config));
    }

    getSchema(): Promise<Record<string, unknown>> {
        return this.plugin.getSchema();
    }

    /** Construct under the root Stack (unless `options.parent`), with the engine's monitor. */
    async construct(
        type: string,
        name: string,
        inputs: WireObject,
        options: ConstructOptions = {},
    ): Promise<ConstructOutcome> {
        const firstRegistration = this.deployment.registrations.length;
        const firstStep = this.deployment.steps.length;
        const firstFailure = this.deployment.failures.length;
        const parent = options.parent ?? this.deployment.rootUrn;
        const constructed = this.plugin.construct(this.info, type, name, inputs, { ...options, parent });
        // As the engine does (deployment.ts `construct`): a failed step cancels, and the Construct is abandoned.
        const abandoned = this.deployment.cancellation.then(() => undefined);
        const result = await Promise.race([constructed, abandoned]);
        await this.deployment.idle();
        return {
            urn: result?.urn ?? "",
            outputs: result?.state ?? {},
            registrations: this.deployment.registrations.slice(firstRegistration),
            steps: this.deployment.steps.slice(firstStep),
            failures: this.deployment.failures.slice(firstFailure).map((f) => ({ urn: f.urn, message: f.message })),
        };
    }

    /** Stops the plugin, the dynamic-provider host and the monitor; returns what the plugin printed to stderr. */
    async stop(): Promise<string> {
        await this.plugin.stop();
        if (this.host !== undefined)
            await this.host.then(
                (h) => h.stop(),
                () => undefined,
            );
        await this.server.stop();
        return this.plugin.stderr.join("");
    }
}
