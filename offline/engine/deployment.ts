/**
 * @file What the engine does with each registration: the URN, the provider's
 * Check → Diff → Create/Update/Replace (dynamic resources, through Pulumi's
 * own dynamic-provider host) or a preview-style answer (every other
 * provider), and a `get`'s read. What it records, and the deletes once the
 * program is done, are deploymentRecord.ts.
 */
import { DeploymentRecord } from "./deploymentRecord";
import { WireObject, markSecret, revealSecrets, sameValue, secretPaths } from "./properties";
import { defaultProviderInputs, inventedId, inventedOutputs, replacedBy } from "./simulated";
import { ConstructAbandoned, Operation, RegisterResult, Registration, StepError } from "./steps";
import { asStep, isDynamic, packageOf } from "./steps";
import { STACK_TYPE, nameOfUrn, newUrn, providerReference } from "./urn";

export type { DeploymentOptions } from "./deploymentRecord";

/** One run's deployment: it takes the program's registrations and reads, one step each, and records them. */
export class Deployment extends DeploymentRecord {
    /** The registrations and reads not finished yet. */
    private readonly inFlight = new Set<Promise<unknown>>();
    /** `<package>@<version>` → the reference of the engine's default provider for it. */
    private readonly defaultProviders = new Map<string, Promise<string>>();
    /** Set once a step fails: the engine then refuses further registrations, as the CLI cancels. */
    cancelled = false;
    private cancel: () => void = () => undefined;
    /** Settles when `cancelled` is set: pending Constructs are then abandoned. */
    readonly cancellation = new Promise<void>((resolve) => (this.cancel = resolve));

    /** Runs one registration to completion; a failed step rejects with a StepError. */
    register(registration: Registration): Promise<RegisterResult> {
        return this.track(this.registerNow(registration));
    }

    /** Resolves once no registration is in flight (SignalAndWaitForShutdown waits for this). */
    async idle(): Promise<void> {
        while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    }

    /** Counts the work as in flight (for `idle`) until it settles; returns it. */
    private track<T>(work: Promise<T>): Promise<T> {
        this.inFlight.add(work);
        const settle = () => this.inFlight.delete(work);
        work.then(settle, settle);
        return work;
    }

    /** A registration's URN, then its step: a remote Construct, a component, or a custom resource's step. */
    private async registerNow(registration: Registration): Promise<RegisterResult> {
        const urn = this.urnOf(registration);
        // A remote component: the package's plugin registers it (and its children) itself (componentPackages.ts).
        if (registration.remote && !registration.custom)
            return this.failing(urn, () => this.construct(urn, registration));
        if (registration.parent === "" && registration.type === STACK_TYPE) this.rootUrn ||= urn;
        else this.record(urn, registration);
        if (!registration.custom)
            return this.finish(urn, registration, "", {}, this.oldByUrn.has(urn) ? "same" : "create", "");
        const provider = await this.providerOf(registration);
        this.recordProvider(urn, provider);
        return this.failing(urn, async () =>
            isDynamic(registration.type)
                ? await this.dynamicStep(urn, registration, provider)
                : this.simulatedStep(urn, registration, provider),
        );
    }

    /** The URN the engine gives a registration (under its parent). */
    private urnOf(registration: Registration): string {
        const { stack, project } = this.options;
        return newUrn(stack, project, registration.parent, registration.type, registration.name);
    }

    /** The provider reference a custom resource is served by: its own, or its package's default provider. */
    private async providerOf(registration: Registration): Promise<string> {
        return (
            registration.provider || (await this.defaultProvider(packageOf(registration.type), registration.version))
        );
    }

    /** A remote component: constructed by its component package's plugin, abandoned if the run is cancelled. */
    private construct(urn: string, registration: Registration): Promise<RegisterResult> {
        const packages = this.options.componentPackages;
        if (packages === undefined || !packages.serves(registration.type)) {
            const pkg = packageOf(registration.type);
            const message =
                `no component package serves '${pkg}' (remote component ${registration.type}): ` +
                `give the engine componentPackages: { ${pkg}: "<folder with PulumiPlugin.yaml>" }`;
            return Promise.reject(new StepError(message, urn));
        }
        // source_eval.go: a Construct still running when the deployment is cancelled is abandoned (`case
        // <-rm.cancel`); the plugin itself may never answer, its SDK stops its RPCs once the monitor refuses one.
        const abandoned = this.cancellation.then(() => Promise.reject(new ConstructAbandoned(urn)));
        return Promise.race([packages.construct(registration), abandoned]);
    }

    /** Runs a step: its failure is recorded and cancels the deployment, as the CLI cancels. */
    private async failing(urn: string, step: () => Promise<RegisterResult>): Promise<RegisterResult> {
        try {
            return await step();
        } catch (error) {
            if (error instanceof ConstructAbandoned) throw error;
            const message = error instanceof Error ? error.message : String(error);
            const failure = error instanceof StepError ? error : new StepError(message, urn);
            this.failures.push(failure);
            this.cancelled = true;
            this.cancel();
            throw failure;
        }
    }

    /** Records a registration as the program sent it (secrets revealed, their paths listed). */
    private record(urn: string, registration: Registration): void {
        const { plain } = revealSecrets(registration.inputs);
        const { parent } = registration;
        this.registrations.push({
            type: registration.type,
            name: registration.name,
            urn,
            parent: parent === "" || parent === this.rootUrn ? null : nameOfUrn(parent),
            custom: registration.custom,
            inputs: plain,
            secretInputs: secretPaths(registration.inputs),
            dependsOn: registration.dependencies.map(nameOfUrn),
            additionalSecretOutputs: registration.additionalSecretOutputs,
            provider: "",
        });
    }

    /** A dynamic resource's recorded inputs, once its provider's Check has filled in its defaults. */
    private recordChecked(urn: string, inputs: WireObject): void {
        const index = this.registrations.findIndex((recorded) => recorded.urn === urn);
        if (index >= 0) this.registrations[index] = { ...this.registrations[index], inputs };
    }

    private recordProvider(urn: string, provider: string): void {
        const index = this.registrations.findIndex((recorded) => recorded.urn === urn);
        if (index >= 0) this.registrations[index] = { ...this.registrations[index], provider };
    }

    /** Records a finished step and the resource's next state; returns what the program is answered. */
    private finish(
        urn: string,
        registration: Registration,
        id: string,
        outputs: WireObject,
        op: Operation,
        provider: string,
        inputs: WireObject = registration.inputs,
    ): RegisterResult {
        this.steps.push({ op, urn, type: registration.type });
        const parent = registration.parent === "" ? undefined : registration.parent;
        this.next.push({
            urn,
            type: registration.type,
            name: registration.name,
            custom: registration.custom,
            id: id || undefined,
            parent,
            provider: provider || undefined,
            inputs,
            outputs,
            dependencies: registration.dependencies,
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
            const registration: Registration = {
                type,
                name,
                parent: "",
                custom: true,
                inputs: defaultProviderInputs(pkg, version, this.options.config),
                dependencies: [],
                provider: "",
                version,
                additionalSecretOutputs: [],
            };
            const urn = newUrn(this.options.stack, this.options.project, "", type, name);
            reference = Promise.resolve(providerReference(urn, this.simulatedStep(urn, registration, "").id));
            this.defaultProviders.set(key, reference);
        }
        return reference;
    }

    /** A step answered as a preview would (simulated.ts): inputs diffed against the old ones. */
    private simulatedStep(urn: string, registration: Registration, provider: string): RegisterResult {
        const old = this.oldByUrn.get(urn);
        const { plain: news, secretKeys } = revealSecrets(registration.inputs);
        const olds = old === undefined ? {} : revealSecrets(old.inputs).plain;
        const changed = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter(
            (key) => !sameValue(olds[key], news[key]),
        );
        if (old !== undefined && changed.length === 0)
            return this.finish(urn, registration, old.id ?? "", old.outputs, "same", provider);
        const replaced = old !== undefined && replacedBy(registration.type, changed);
        const op: Operation = old === undefined ? "create" : replaced ? "replace" : "update";
        // A preview knows neither the new id nor the computed outputs of a replacement (they are left out: unknown).
        if (replaced && this.options.preview)
            return this.finish(urn, registration, "", markSecret(registration.inputs, secretKeys), op, provider);
        const outputs = markSecret(
            { ...registration.inputs, ...inventedOutputs(registration.type, urn, registration.inputs) },
            [...secretKeys, ...registration.additionalSecretOutputs],
        );
        return this.finish(urn, registration, old?.id ?? inventedId(registration.type, urn), outputs, op, provider);
    }

    /** A dynamic resource's step, through the dynamic-provider host: Check, Diff, then Create/Update/Replace. */
    private async dynamicStep(urn: string, registration: Registration, provider: string): Promise<RegisterResult> {
        const host = await this.options.dynamicHost();
        const ref = { urn, type: registration.type, name: registration.name };
        const old = this.oldByUrn.get(urn);
        // The dynamic-provider host answers Configure with acceptSecrets false
        // (cmd/dynamic-provider/index.js), so it is sent plain values and the
        // engine marks secret what came in secret, plus additionalSecretOutputs.
        const { plain: news, secretKeys } = revealSecrets(registration.inputs);
        const secretOut = [...secretKeys, ...registration.additionalSecretOutputs];
        const oldInputs = old ? revealSecrets(old.inputs).plain : {};
        const oldOutputs = old ? revealSecrets(old.outputs).plain : {};
        const checked = await asStep(urn, () => host.check(ref, oldInputs, news));
        if (checked.failures.length > 0) {
            throw new StepError(
                checked.failures.map((failure) => `property ${failure.property}: ${failure.reason}`).join("; "),
                urn,
            );
        }
        const inputs = checked.inputs;
        // The CLI's preview shows a resource's inputs as its provider checked them (defaults filled in), not as
        // the program sent them (test/real/engineAgreement.test.ts holds the two to each other).
        this.recordChecked(urn, inputs);
        const storedInputs = markSecret(inputs, secretKeys);
        const done = (id: string, outputs: WireObject, op: Operation) =>
            this.finish(urn, registration, id, markSecret(outputs, secretOut), op, provider, storedInputs);
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
     * A `get` of an existing resource (ReadResource): the dynamic provider's Read, or the
     * properties echoed for other providers. It is recorded as external: never deleted.
     */
    read(registration: Registration, id: string): Promise<RegisterResult> {
        const work = (async () => {
            const urn = this.urnOf(registration);
            const provider = await this.providerOf(registration);
            let outputs: WireObject = {
                ...registration.inputs,
                ...inventedOutputs(registration.type, urn, registration.inputs),
            };
            if (isDynamic(registration.type)) {
                const host = await this.options.dynamicHost();
                const { plain, secretKeys } = revealSecrets(registration.inputs);
                const found = await asStep(urn, () =>
                    host.read({ urn, type: registration.type, name: registration.name }, id, plain, plain),
                );
                if (found.id === "") throw new StepError(`resource '${id}' does not exist`, urn);
                outputs = markSecret(found.outputs, [...secretKeys, ...registration.additionalSecretOutputs]);
            }
            this.steps.push({ op: "read", urn, type: registration.type });
            this.next.push({
                urn,
                type: registration.type,
                name: registration.name,
                custom: true,
                id,
                parent: registration.parent || undefined,
                provider,
                inputs: registration.inputs,
                outputs,
                dependencies: registration.dependencies,
                external: true,
            });
            return { urn, id, outputs };
        })();
        return this.track(work);
    }
}
