/**
 * @file What a deployment records (its registrations, steps, failures, the next state, what it deleted) and
 * what it does with old state alone: the deletes once the program is done, `pulumi destroy`'s deletes,
 * and the state to store. Registration itself is deployment.ts.
 */
import type { RecordedResource } from "../recording";
import type { StackConfig } from "../stackConfig";
import type { ComponentPackages } from "./componentPackages";
import type { DynamicProviderHost } from "./dynamicHost";
import { WireObject, revealSecrets } from "./properties";
import { ResourceState, StackState } from "./state";
import { Step, StepError, asStep, isDynamic } from "./steps";

/** What a deployment is told by the engine: where it runs, what exists already, and who serves its steps. */
export interface DeploymentOptions {
    /** The stack's name, the first part of every URN. */
    readonly stack: string;
    /** The project's name (Pulumi.yaml `name`), the second part of every URN. */
    readonly project: string;
    /** True for `pulumi preview`: nothing is created, updated or deleted, and the old state is kept. */
    readonly preview: boolean;
    /** The state the previous run left. */
    readonly old: StackState;
    /** The configuration the program sees (`<ns>:<key>`): default providers are configured from it. */
    readonly config: StackConfig;
    /** The dynamic-provider host, started on first use. */
    readonly dynamicHost: () => Promise<DynamicProviderHost>;
    /** The component packages remote components are constructed by. */
    readonly componentPackages?: ComponentPackages;
}

/** One deployment's record, and its steps on old state (delete); Deployment adds registration. */
export class DeploymentRecord {
    /** Every registration, in the order the program made them. */
    readonly registrations: RecordedResource[] = [];
    /** Every step taken, in order. */
    readonly steps: Step[] = [];
    /** The steps that failed, in order. */
    readonly failures: StepError[] = [];
    /** URNs deleted by this run. */
    readonly deleted = new Set<string>();
    /** The root Stack resource's URN, once the program registered it (empty until then). */
    rootUrn = "";
    /** The previous run's resources by URN. */
    protected readonly oldByUrn: Map<string, ResourceState>;
    /** The resources this run registered or read: the next state. */
    protected readonly next: ResourceState[] = [];
    /** Old resources replaced create-before-delete: deleted once the program is done. */
    protected readonly replaced: ResourceState[] = [];

    constructor(protected readonly options: DeploymentOptions) {
        this.oldByUrn = new Map(options.old.resources.map((resource) => [resource.urn, resource]));
    }

    /** Stores the outputs the program registered on a resource (RegisterResourceOutputs). */
    registerOutputs(urn: string, outputs: WireObject): void {
        const index = this.next.findIndex((resource) => resource.urn === urn);
        if (index >= 0) this.next[index] = { ...this.next[index], outputs };
    }

    /** The outputs the program registered on the root Stack resource. */
    stackOutputs(): WireObject {
        return this.next.find((resource) => resource.urn === this.rootUrn)?.outputs ?? {};
    }

    /**
     * After the program: replaced resources, then every old resource the
     * program no longer registered, dependents first. Nothing is deleted
     * in a preview or after a failed step.
     */
    async deleteUnregistered(): Promise<void> {
        if (this.options.preview || this.failures.length > 0) return;
        const registered = new Set(this.next.map((resource) => resource.urn));
        const gone = this.options.old.resources.filter((resource) => !registered.has(resource.urn)).reverse();
        for (const old of [...this.replaced, ...gone]) await this.delete(old);
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

    /** The state after this run: what was registered, plus what a failed run left alone. */
    state(): StackState {
        if (this.options.preview) return this.options.old;
        // After a failure, what the program no longer registered stays, unless this run deleted it.
        const registered = new Set(this.next.map((resource) => resource.urn));
        const kept =
            this.failures.length === 0
                ? []
                : this.options.old.resources.filter(
                      (resource) => !registered.has(resource.urn) && !this.deleted.has(resource.urn),
                  );
        return { resources: [...this.next, ...kept] };
    }
}
