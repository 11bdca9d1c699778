/**
 * Remote components (RegisterResource with `remote: true`) served by source-based component packages,
 * as pulumi/pulumi pkg/resource/deploy/source_eval.go `RegisterResource` serves them: the package's provider
 * is loaded (lazily, once), configured, and sent Construct with the engine's own monitor address, the stack
 * configuration, the parent, the inputs (secrets kept: the Node.js provider accepts secrets) and the options.
 * The plugin registers the component and its children on that monitor itself; the Construct response's URN
 * and state (secrets kept) are the program's RegisterResource response. Remote components do not go through
 * the step generator, so the program's own request records no step.
 */
import { ComponentPlugin, ConstructInfo } from "./componentPlugin";
import type { WireObject } from "./properties";
import { RegisterResult, Registration, StepError, asStep, packageOf } from "./steps";
import { secret } from "./properties";
import { newUrn } from "./urn";

/** The packages the engine serves remote components from, and what it tells their plugins. */
export interface ComponentPackagesOptions {
    /**
     * Package name → plugin folder (what `packages:` in Pulumi.yaml / `pulumi package add` records), or a
     * running plugin to attach to (the CLI's PULUMI_DEBUG_PROVIDERS): it is not stopped here.
     */
    readonly packages: Readonly<Record<string, string | ComponentPlugin>>;
    /** The CLI's working directory (the project's). */
    readonly pwd: string;
    readonly env: NodeJS.ProcessEnv;
    /** Known once the engine serves (the monitor and engine share one address here). */
    readonly engineAddress: () => string;
    readonly info: Omit<ConstructInfo, "monitorAddress">;
}

/** The engine's component packages: each plugin started once, on first use, and Construct sent to it. */
export class ComponentPackages {
    private readonly started = new Map<string, Promise<ComponentPlugin>>();
    private readonly owned = new Set<string>();
    /** How long each package took to start and be configured (ms). */
    readonly startMs: Record<string, number> = {};

    constructor(private readonly options: ComponentPackagesOptions) {}

    serves(type: string): boolean {
        return packageOf(type) in this.options.packages;
    }

    /** The package's plugin, started and configured on first use (the provider registry loads lazily). */
    plugin(pkg: string): Promise<ComponentPlugin> {
        let plugin = this.started.get(pkg);
        if (plugin === undefined) {
            const pluginDir = this.options.packages[pkg];
            if (pluginDir === undefined) {
                const known = Object.keys(this.options.packages).join(", ") || "none";
                throw new Error(`no component package named '${pkg}' (componentPackages has: ${known})`);
            }
            const began = Date.now();
            const engineAddress = this.options.engineAddress();
            if (!(pluginDir instanceof ComponentPlugin)) this.owned.add(pkg);
            const ready =
                pluginDir instanceof ComponentPlugin
                    ? pluginDir.attach(engineAddress).then(() => pluginDir)
                    : ComponentPlugin.start({
                          pluginDir,
                          engineAddress,
                          pwd: this.options.pwd,
                          env: { ...this.options.env, PULUMI_PROJECT: this.options.info.project },
                      });
            plugin = ready.then(async (p) => {
                await p.configure(this.packageConfig(pkg));
                this.startMs[pkg] = Date.now() - began;
                return p;
            });
            this.started.set(pkg, plugin);
        }
        return plugin;
    }

    /** A default provider's configuration: the package's keys, namespace stripped (default_providers.go). */
    private packageConfig(pkg: string): WireObject {
        const { config, secretKeys } = this.options.info;
        const args: WireObject = {};
        for (const [key, value] of Object.entries(config)) {
            if (!key.startsWith(`${pkg}:`)) continue;
            args[key.slice(pkg.length + 1)] = secretKeys.includes(key) ? secret(value) : value;
        }
        return args;
    }

    /** The program's remote registration: Construct on the package's plugin. */
    async construct(reg: Registration): Promise<RegisterResult> {
        const { stack, project } = this.options.info;
        const urn = newUrn(stack, project, reg.parent, reg.type, reg.name);
        let plugin: ComponentPlugin;
        try {
            plugin = await this.plugin(packageOf(reg.type));
        } catch (e) {
            throw new StepError(e instanceof Error ? e.message : String(e), urn);
        }
        const info: ConstructInfo = { ...this.options.info, monitorAddress: this.options.engineAddress() };
        const result = await asStep(urn, () =>
            plugin.construct(info, reg.type, reg.name, reg.inputs, {
                parent: reg.parent,
                dependencies: reg.dependencies,
                providers: reg.providers,
            }),
        );
        return { urn: result.urn, id: "", outputs: result.state };
    }

    /** What every started plugin printed to stderr. */
    async stop(): Promise<string> {
        const printed: string[] = [];
        for (const [pkg, plugin] of this.started) {
            const p = await plugin.catch(() => undefined);
            if (p === undefined || !this.owned.has(pkg)) continue;
            await p.stop();
            printed.push(p.stderr.join(""));
        }
        return printed.join("");
    }
}
