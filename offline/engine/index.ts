/**
 * @file An offline stand-in for the Pulumi CLI's engine: it applies the CLI's
 * stack-config rules, serves the ResourceMonitor and Engine gRPC services,
 * spawns Pulumi's own runner on the program, and serves dynamic resources
 * through Pulumi's own dynamic-provider host. Other providers cannot run
 * here, so their resources are answered as a preview would (simulated.ts).
 * A state file carries what exists between runs: preview → up → up → destroy.
 */
import { StackConfig } from "../stackConfig";
import { applyProjectConfig } from "./cliConfig";
import { ComponentPackages } from "./componentPackages";
import type { ComponentPlugin } from "./componentPlugin";
import { Deployment } from "./deployment";
import { Step, StepError } from "./steps";
import { DynamicProviderHost } from "./dynamicHost";
import { Diagnostic, serve } from "./monitor";
import { readProject } from "./project";
import { WireObject } from "./properties";
import { RunnerResult, runProgram } from "./runner";
import { StackState, StateStore } from "./state";
import type { RecordedResource } from "../recording";

/** The CLI command a run stands for. */
export type EngineOperation = "preview" | "up" | "destroy";

/** What to run, and where: the options of `runEngine`. */
export interface EngineOptions {
    /** The folder with Pulumi.yaml (and node_modules). */
    readonly projectDir: string;
    /** The stack's name. */
    readonly stack: string;
    /** The CLI command to stand in for. */
    readonly operation: EngineOperation;
    /** The stack file's configuration (`readStackConfig`). */
    readonly stackConfig: StackConfig;
    /** Where state is kept between runs; without it every run starts from nothing and keeps nothing. */
    readonly stateFile?: string;
    /** Encrypts the secrets in the state file. Default: PULUMI_CONFIG_PASSPHRASE, else a fixed offline passphrase. */
    readonly passphrase?: string;
    /** The environment of the runner and the provider host. Default: this process's. */
    readonly env?: NodeJS.ProcessEnv;
    /** Kill the program after this long. Default: 120 000 ms. */
    readonly timeoutMs?: number;
    /** `--parallel`. Default: 8 (the CLI's default is 4 × the CPU count). */
    readonly parallel?: number;
    /**
     * Package name → folder of a source-based component package (with PulumiPlugin.yaml): what `packages:`
     * in Pulumi.yaml (written by `pulumi package add`) tells the CLI. Remote components of these packages are
     * constructed by the package's plugin (componentPackages.ts). A running plugin is attached to, not started.
     */
    readonly componentPackages?: Readonly<Record<string, string | ComponentPlugin>>;
}

/** What a run did and printed. */
export interface EngineResult {
    /** True when the program exited 0 and no step failed. */
    readonly ok: boolean;
    /** How the program ended; undefined for destroy, which runs no program. */
    readonly program?: RunnerResult;
    /** What the dynamic-provider host printed to stderr. */
    readonly providerStderr: string;
    /** What the program logged through the Engine service, in order. */
    readonly diagnostics: Diagnostic[];
    /** Every registration, in the order the program made them. */
    readonly registrations: RecordedResource[];
    /** Every step the engine took, in order. */
    readonly steps: Step[];
    /** The stack outputs as registered on the root Stack (secrets as secret values). */
    readonly outputs: WireObject;
    /** The failed steps' messages, each with its resource's URN and when it failed (ms since the epoch). */
    readonly failures: { urn: string; message: string; at: number }[];
    /**
     * How long the dynamic-provider host took to start and be configured (spawn to Configure's reply), or
     * undefined when the run needed none. The CLI starts provider plugins lazily, when a resource first needs one
     * (pulumi/pulumi pkg/engine/update.go: "Provider plugins are loaded lazily by the provider registry"), so the
     * program waits for this on its first dynamic resource.
     */
    readonly dynamicHostStartMs?: number;
    /** What the component packages' plugins printed to stderr. */
    readonly componentPackageStderr: string;
    /** How long each component package used took to start and be configured (ms). */
    readonly componentPackageStartMs: Record<string, number>;
}

/** The state passphrase when neither `passphrase` nor PULUMI_CONFIG_PASSPHRASE is given. */
const OFFLINE_PASSPHRASE = "pulumi-doku-offline-engine";

/**
 * Runs one CLI command offline: the stack-config rules, then the program (or, for destroy, the
 * old state), and stores the new state. Throws StackConfigError before anything starts; a failed step is
 * reported in `failures`.
 */
export async function runEngine(options: EngineOptions): Promise<EngineResult> {
    const project = readProject(options.projectDir);
    // Checked first, as the CLI does before it starts anything: throws StackConfigError.
    const config = applyProjectConfig(project, options.stack, options.stackConfig);
    const env = options.env ?? process.env;
    const store =
        options.stateFile === undefined
            ? undefined
            : new StateStore(
                  options.stateFile,
                  options.passphrase ?? env.PULUMI_CONFIG_PASSPHRASE ?? OFFLINE_PASSPHRASE,
              );
    const oldState: StackState = store?.read() ?? { resources: [] };
    const diagnostics: Diagnostic[] = [];
    const hostEnv = {
        ...env,
        PULUMI_NODEJS_PROJECT: project.name,
        PULUMI_PROJECT: project.name,
        PULUMI_NODEJS_STACK: options.stack,
    };
    let host: Promise<DynamicProviderHost> | undefined;
    let dynamicHostStartMs: number | undefined;
    const startHost = async (): Promise<DynamicProviderHost> => {
        const started = Date.now();
        const startedHost = await DynamicProviderHost.start(options.projectDir, engineAddress, hostEnv, config.config);
        dynamicHostStartMs = Date.now() - started;
        return startedHost;
    };
    let engineAddress = "";
    const componentPackages = new ComponentPackages({
        packages: options.componentPackages ?? {},
        pwd: options.projectDir,
        env: hostEnv,
        engineAddress: () => engineAddress,
        info: {
            project: project.name,
            stack: options.stack,
            organization: "organization",
            config: config.config,
            secretKeys: config.secretKeys,
            dryRun: options.operation === "preview",
            parallel: options.parallel ?? 8,
        },
    });
    const deployment = new Deployment({
        stack: options.stack,
        project: project.name,
        preview: options.operation === "preview",
        old: oldState,
        config,
        dynamicHost: () => (host ??= startHost()),
        componentPackages,
    });
    const server = await serve(deployment, diagnostics);
    engineAddress = server.address;
    let program: RunnerResult | undefined;
    let componentPackageStderr = "";
    try {
        if (options.operation === "destroy") {
            for (const resource of [...oldState.resources].reverse()) await deployment.delete(resource);
        } else {
            program = await runProgram({
                projectDir: options.projectDir,
                project,
                stack: options.stack,
                preview: options.operation === "preview",
                monitorAddress: server.address,
                engineAddress: server.address,
                config: config.config,
                secretKeys: config.secretKeys,
                parallel: options.parallel ?? 8,
                env,
                timeoutMs: options.timeoutMs ?? 120_000,
            });
            await deployment.idle();
            if (program.exitCode === 0) await deployment.deleteUnregistered();
        }
    } catch (error) {
        if (!(error instanceof StepError)) throw error;
        deployment.failures.push(error);
    } finally {
        await server.stop();
        // Also when the run throws: no plugin process outlives the engine.
        componentPackageStderr = await componentPackages.stop();
    }
    const hostStderr =
        host === undefined
            ? ""
            : await host.then(
                  async (startedHost) => {
                      await startedHost.stop();
                      return startedHost.stderr.join("");
                  },
                  () => "",
              );
    if (store !== undefined && options.operation !== "preview") {
        const remaining = { resources: oldState.resources.filter((resource) => !deployment.deleted.has(resource.urn)) };
        store.write(options.operation === "destroy" ? remaining : deployment.state());
    }
    return {
        ok: deployment.failures.length === 0 && (program === undefined || program.exitCode === 0),
        program,
        providerStderr: hostStderr,
        diagnostics,
        registrations: deployment.registrations,
        steps: deployment.steps,
        outputs: deployment.stackOutputs(),
        failures: deployment.failures.map((failure) => ({
            urn: failure.urn,
            message: failure.message,
            at: failure.at,
        })),
        dynamicHostStartMs,
        componentPackageStderr,
        componentPackageStartMs: componentPackages.startMs,
    };
}

export { StackConfigError } from "./cliConfig";
