/**
 * What the engine does with each registration: the URN, the provider's
 * Check → Diff → Create/Update/Replace (dynamic resources, through Pulumi's
 * own dynamic-provider host) or a preview-style answer (every other
 * provider), the state, and the deletes once the program is done.
 */
import type { DynamicProviderHost } from "./dynamicHost";
import { WireObject, markSecret, revealSecrets, sameValue, secret, secretPaths } from "./properties";
import { inventedId, inventedOutputs, replacedBy } from "./simulated";
import { ResourceState, StackState } from "./state";
import { ConstructAbandoned, Operation, RegisterResult, Registration, Step, StepError } from "./steps";
import { asStep, isDynamic, packageOf } from "./steps";
import { STACK_TYPE, nameOfUrn, newUrn, providerReference } from "./urn";
import type { RecordedResource } from "../recording";
import type { StackConfig } from "../stackConfig";
import type { ComponentPackages } from "./componentPackages";

export interface DeploymentOptions {
    readonly stack: string;
    readonly project: string;
    readonly preview: boolean;
    readonly old: StackState;
    /** The configuration the program sees (`<ns>:<key>`): default providers are configured from it. */
    readonly config: StackConfig;
    readonly dynamicHost: () => Promise<DynamicProviderHost>;
    /** The component packages remote components are constructed by. */
    readonly componentPackages?: ComponentPackages;
}

export class Deployment {
    readonly registrations: RecordedResource[] = [];
    readonly steps: Step[] = [];
    readonly failures: StepError[] = [];
    private readonly oldByUrn: Map<string, ResourceState>;
    private readonly next: ResourceState[] = [];
    private readonly replaced: ResourceState[] = [];
    private readonly inFlight = new Set<Promise<unknown>>();
    private readonly defaultProviders = new Map<string, Promise<string>>();
    /** URNs deleted by this run. */
    readonly deleted = new Set<string>();
    rootUrn = "";
    /** Set once a step fails: the engine then refuses further registrations, as the CLI cancels. */
    cancelled = false;
    private cancel: () => void = () => undefined;
    /** Settles when `cancelled` is set: pending Constructs are then abandoned. */
    readonly cancellation = new Promise<void>((resolve) => (this.cancel = resolve));

    constructor(private readonly options: DeploymentOptions) {
        this.oldByUrn = new Map(options.old.resources.map((r) => [r.urn, r]));
    }

    /** Runs one registration to completion; a failed step rejects with a StepError. */
    register(reg: Registration): Promise<RegisterResult> {
        const work = this.registerNow(reg);
        this.inFlight.add(work);
        const settle = () => this.inFlight.delete(work);
        work.then(settle, settle);
        return work;
    }

    /** Resolves once no registration is in flight (SignalAndWaitForShutdown waits for this). */
    async idle(): Promise<void> {
        while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    }

    registerOutputs(urn: string, outputs: WireObject): void {
        const index = this.next.findIndex((r) => r.urn === urn);
        if (index >= 0) this.next[index] = { ...this.next[index], outputs };
    }

    /** The outputs the program registered on the root Stack resource. */
    stackOutputs(): WireObject {
        return this.next.find((r) => r.urn === this.rootUrn)?.outputs ?? {};
    }

    private async registerNow(reg: Registration): Promise<RegisterResult> {
        const { stack, project } = this.options;
        const urn = newUrn(stack, project, reg.parent, reg.type, reg.name);
        // A remote component: the package's plugin registers it (and its children) itself (componentPackages.ts).
        if (reg.remote && !reg.custom) return this.failing(urn, () => this.construct(urn, reg));
        if (reg.parent === "" && reg.type === STACK_TYPE) this.rootUrn ||= urn;
        else this.record(urn, reg);
        if (!reg.custom) return this.finish(urn, reg, "", {}, this.oldByUrn.has(urn) ? "same" : "create", "");
        const provider = reg.provider || (await this.defaultProvider(packageOf(reg.type), reg.version));
        this.recordProvider(urn, provider);
        return this.failing(urn, async () =>
            isDynamic(reg.type) ? await this.dynamicStep(urn, reg, provider) : this.simulatedStep(urn, reg, provider),
        );
    }

    private construct(urn: string, reg: Registration): Promise<RegisterResult> {
        const packages = this.options.componentPackages;
        if (packages === undefined || !packages.serves(reg.type)) {
            const pkg = packageOf(reg.type);
            const message =
                `no component package serves '${pkg}' (remote component ${reg.type}): ` +
                `give the engine componentPackages: { ${pkg}: "<folder with PulumiPlugin.yaml>" }`;
            return Promise.reject(new StepError(message, urn));
        }
        // source_eval.go: a Construct still running when the deployment is cancelled is abandoned (`case
        // <-rm.cancel`); the plugin itself may never answer, its SDK stops its RPCs once the monitor refuses one.
        const abandoned = this.cancellation.then(() => Promise.reject(new ConstructAbandoned(urn)));
        return Promise.race([packages.construct(reg), abandoned]);
    }

    /** Runs a step: its failure is recorded and cancels the deployment, as the CLI cancels. */
    private async failing(urn: string, step: () => Promise<RegisterResult>): Promise<RegisterResult> {
        try {
            return await step();
        } catch (e) {
            if (e instanceof ConstructAbandoned) throw e;
            const failure = e instanceof StepError ? e : new StepError(e instanceof Error ? e.message : String(e), urn);
            this.failures.push(failure);
            this.cancelled = true;
            this.cancel();
            throw failure;
        }
    }

    private record(urn: string, reg: Registration): void {
        const { plain } = revealSecrets(reg.inputs);
        this.registrations.push({
            type: reg.type,
            name: reg.name,
            urn,
            parent: reg.parent === "" || reg.parent === this.rootUrn ? null : nameOfUrn(reg.parent),
            custom: reg.custom,
            inputs: plain,
            secretInputs: secretPaths(reg.inputs),
            dependsOn: reg.dependencies.map(nameOfUrn),
            additionalSecretOutputs: reg.additionalSecretOutputs,
            provider: "",
        });
    }

    private recordProvider(urn: string, provider: string): void {
        const index = this.registrations.findIndex((r) => r.urn === urn);
        if (index >= 0) this.registrations[index] = { ...this.registrations[index], provider };
    }

    private finish(
        urn: string,
        reg: Registration,
        id: string,
        outputs: WireObject,
        op: Operation,
        provider: string,
        inputs: WireObject = reg.inputs,
    ): RegisterResult {
        this.steps.push({ op, urn, type: reg.type });
        const parent = reg.parent === "" ? undefined : reg.parent;
        this.next.push({
            urn,
            type: reg.type,
            name: reg.name,
            custom: reg.custom,
            id: id || undefined,
            parent,
            provider: provider || undefined,
            inputs,
            outputs,
            dependencies: reg.dependencies,
        });
        return { urn, id, outputs };
    }

    /** The engine's default provider of a package (`default_<version>`), registered once. */
    private defaultProvider(pkg: string, version: string): Promise<string> {
        const key = `${pkg}@${version}`;
        let reference = this.defaultProviders.get(key);
        if (reference === undefined) {
            const name = version === "" ? "default" : `default_${version.replace(/[^A-Za-z0-9]/g, "_")}`;
            const type = `pulumi:providers:${pkg}`;
            const reg: Registration = {
                type,
                name,
                parent: "",
                custom: true,
                inputs: this.packageConfig(pkg, version),
                dependencies: [],
                provider: "",
                version,
                additionalSecretOutputs: [],
            };
            const urn = newUrn(this.options.stack, this.options.project, "", type, name);
            reference = Promise.resolve(providerReference(urn, this.simulatedStep(urn, reg, "").id));
            this.defaultProviders.set(key, reference);
        }
        return reference;
    }

    /**
     * A default provider's inputs: the package's keys with the namespace stripped, plus `version`
     * (pulumi/pulumi pkg/resource/deploy/providers default_providers.go).
     */
    private packageConfig(pkg: string, version: string): WireObject {
        const { config, secretKeys } = this.options.config;
        const inputs: WireObject = version === "" ? {} : { version };
        for (const [key, value] of Object.entries(config)) {
            if (!key.startsWith(`${pkg}:`)) continue;
            inputs[key.slice(pkg.length + 1)] = secretKeys.includes(key) ? secret(value) : value;
        }
        return inputs;
    }

    private simulatedStep(urn: string, reg: Registration, provider: string): RegisterResult {
        const old = this.oldByUrn.get(urn);
        const { plain: news, secretKeys } = revealSecrets(reg.inputs);
        const olds = old === undefined ? {} : revealSecrets(old.inputs).plain;
        const changed = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter(
            (k) => !sameValue(olds[k], news[k]),
        );
        if (old !== undefined && changed.length === 0)
            return this.finish(urn, reg, old.id ?? "", old.outputs, "same", provider);
        const replaced = old !== undefined && replacedBy(reg.type, changed);
        const op: Operation = old === undefined ? "create" : replaced ? "replace" : "update";
        // A preview knows neither the new id nor the computed outputs of a replacement (they are left out: unknown).
        if (replaced && this.options.preview)
            return this.finish(urn, reg, "", markSecret(reg.inputs, secretKeys), op, provider);
        const outputs = markSecret({ ...reg.inputs, ...inventedOutputs(reg.type, urn, reg.inputs) }, [
            ...secretKeys,
            ...reg.additionalSecretOutputs,
        ]);
        return this.finish(urn, reg, old?.id ?? inventedId(reg.type, urn), outputs, op, provider);
    }

    private async dynamicStep(urn: string, reg: Registration, provider: string): Promise<RegisterResult> {
        const host = await this.options.dynamicHost();
        const ref = { urn, type: reg.type, name: reg.name };
        const old = this.oldByUrn.get(urn);
        // The dynamic-provider host answers Configure with acceptSecrets false
        // (cmd/dynamic-provider/index.js), so it is sent plain values and the
        // engine marks secret what came in secret, plus additionalSecretOutputs.
        const { plain: news, secretKeys } = revealSecrets(reg.inputs);
        const secretOut = [...secretKeys, ...reg.additionalSecretOutputs];
        const oldInputs = old ? revealSecrets(old.inputs).plain : {};
        const oldOutputs = old ? revealSecrets(old.outputs).plain : {};
        const checked = await asStep(urn, () => host.check(ref, oldInputs, news));
        if (checked.failures.length > 0) {
            throw new StepError(checked.failures.map((f) => `property ${f.property}: ${f.reason}`).join("; "), urn);
        }
        const inputs = checked.inputs;
        const storedInputs = markSecret(inputs, secretKeys);
        const done = (id: string, outputs: WireObject, op: Operation) =>
            this.finish(urn, reg, id, markSecret(outputs, secretOut), op, provider, storedInputs);
        const preview = this.options.preview;
        if (old === undefined || old.id === undefined) {
            if (preview) return done("", inputs, "create");
            const created = await asStep(urn, () => host.create(ref, inputs));
            return done(created.id, created.outputs, "create");
        }
        const diff = await asStep(urn, () => host.diff(ref, old.id!, oldOutputs, inputs, oldInputs));
        const changed = diff.changes === "some" || (diff.changes === "unknown" && !sameValue(oldInputs, inputs));
        if (!changed) return done(old.id, oldOutputs, "same");
        if (diff.replaces.length === 0) {
            if (preview) return done(old.id, inputs, "update");
            return done(
                old.id,
                await asStep(urn, () => host.update(ref, old.id!, oldOutputs, inputs, oldInputs)),
                "update",
            );
        }
        if (preview) return done("", inputs, "replace");
        if (diff.deleteBeforeReplace) await asStep(urn, () => host.delete(ref, old.id!, oldOutputs, oldInputs));
        else this.replaced.push(old);
        const created = await asStep(urn, () => host.create(ref, inputs));
        return done(created.id, created.outputs, "replace");
    }

    /**
     * After the program: replaced resources, then every old resource the
     * program no longer registered, dependents first. Nothing is deleted
     * in a preview or after a failed step.
     */
    async deleteUnregistered(): Promise<void> {
        if (this.options.preview || this.failures.length > 0) return;
        const registered = new Set(this.next.map((r) => r.urn));
        const gone = this.options.old.resources.filter((r) => !registered.has(r.urn)).reverse();
        for (const old of [...this.replaced, ...gone]) await this.delete(old);
    }

    /**
     * A `get` of an existing resource (ReadResource): the dynamic provider's Read, or the
     * properties echoed for other providers. It is recorded as external: never deleted.
     */
    read(reg: Registration, id: string): Promise<RegisterResult> {
        const work = (async () => {
            const urn = newUrn(this.options.stack, this.options.project, reg.parent, reg.type, reg.name);
            const provider = reg.provider || (await this.defaultProvider(packageOf(reg.type), reg.version));
            let outputs: WireObject = { ...reg.inputs, ...inventedOutputs(reg.type, urn, reg.inputs) };
            if (isDynamic(reg.type)) {
                const host = await this.options.dynamicHost();
                const { plain, secretKeys } = revealSecrets(reg.inputs);
                const found = await asStep(urn, () =>
                    host.read({ urn, type: reg.type, name: reg.name }, id, plain, plain),
                );
                if (found.id === "") throw new StepError(`resource '${id}' does not exist`, urn);
                outputs = markSecret(found.outputs, [...secretKeys, ...reg.additionalSecretOutputs]);
            }
            this.steps.push({ op: "read", urn, type: reg.type });
            this.next.push({
                urn,
                type: reg.type,
                name: reg.name,
                custom: true,
                id,
                parent: reg.parent || undefined,
                provider,
                inputs: reg.inputs,
                outputs,
                dependencies: reg.dependencies,
                external: true,
            });
            return { urn, id, outputs };
        })();
        this.inFlight.add(work);
        const settle = () => this.inFlight.delete(work);
        work.then(settle, settle);
        return work;
    }

    /** Deletes one resource from state (its provider's Delete for a dynamic resource; nothing for a read one). */
    async delete(old: ResourceState): Promise<void> {
        if (!old.external && old.custom && isDynamic(old.type)) {
            const host = await this.options.dynamicHost();
            const ref = { urn: old.urn, type: old.type, name: old.name };
            const outputs = revealSecrets(old.outputs).plain;
            await asStep(old.urn, () => host.delete(ref, old.id ?? "", outputs, revealSecrets(old.inputs).plain));
        }
        this.steps.push({ op: old.external ? "discard" : "delete", urn: old.urn, type: old.type });
        this.deleted.add(old.urn);
    }

    /** Reads a dynamic resource back (`pulumi refresh`): its new state, or undefined when it is gone. */
    async refresh(old: ResourceState): Promise<ResourceState | undefined> {
        if (old.external || !old.custom || !isDynamic(old.type)) return old;
        const host = await this.options.dynamicHost();
        const ref = { urn: old.urn, type: old.type, name: old.name };
        const { plain: outputs, secretKeys } = revealSecrets(old.outputs);
        const read = await asStep(old.urn, () =>
            host.read(ref, old.id ?? "", outputs, revealSecrets(old.inputs).plain),
        );
        this.steps.push({ op: "refresh", urn: old.urn, type: old.type });
        if (read.id === "") return undefined;
        return { ...old, id: read.id, outputs: markSecret(read.outputs, secretKeys) };
    }

    /** The state after this run: what was registered, plus what a failed run left alone. */
    state(): StackState {
        if (this.options.preview) return this.options.old;
        // After a failure, what the program no longer registered stays, unless this run deleted it.
        const registered = new Set(this.next.map((r) => r.urn));
        const kept =
            this.failures.length === 0
                ? []
                : this.options.old.resources.filter((r) => !registered.has(r.urn) && !this.deleted.has(r.urn));
        return { resources: [...this.next, ...kept] };
    }
}
