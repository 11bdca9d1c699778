/**
 * @file The vocabulary of a deployment: a registration as the program sends it,
 * the steps the engine takes (named as the CLI names them), a failed step,
 * and which provider serves a type.
 */
import { ProviderError } from "./dynamicHost";
import type { WireObject } from "./properties";

/** Step kinds, as the CLI names them (`discard`: a read resource dropped from state, never deleted). */
export type Operation = "create" | "update" | "replace" | "same" | "delete" | "read" | "discard";

/** One step the engine took on one resource. */
export interface Step {
    /** What was done. */
    readonly op: Operation;
    /** The resource's URN. */
    readonly urn: string;
    /** The resource's type token. */
    readonly type: string;
}

/** A RegisterResource (or ReadResource) request as the program sent it. */
export interface Registration {
    /** The type token (`datadog:index/dashboard:Dashboard`). */
    readonly type: string;
    /** The resource's name. */
    readonly name: string;
    /** The parent's URN; empty for the root Stack. */
    readonly parent: string;
    /** True for a custom resource (a provider serves it), false for a component. */
    readonly custom: boolean;
    /** Inputs as the program sent them (secrets as secret values, unknowns as the sentinel). */
    readonly inputs: WireObject;
    /** The URNs the resource depends on. */
    readonly dependencies: string[];
    /** Provider reference; empty for the default provider of the type's package. */
    readonly provider: string;
    /** The provider version the program asks for (empty: none named). */
    readonly version: string;
    /** Outputs to mark secret although their inputs were not. */
    readonly additionalSecretOutputs: string[];
    /** A component a component package constructs (RegisterResourceRequest `remote`). */
    readonly remote?: boolean;
    /** Package → provider reference (`providers` option), passed on to Construct. */
    readonly providers?: Record<string, string>;
}

/** What the program is answered for a registration. */
export interface RegisterResult {
    /** The resource's URN. */
    readonly urn: string;
    /** Its id; empty for a component, and where a preview cannot know it yet. */
    readonly id: string;
    /** Its outputs (secrets as secret values). */
    readonly outputs: WireObject;
}

/** A step that failed: the message is the provider's (or the failed checks'). */
export class StepError extends Error {
    /** When the step failed (ms since the epoch). */
    readonly at = Date.now();

    constructor(
        message: string,
        readonly urn: string,
    ) {
        super(message);
        this.name = "StepError";
    }
}

/** source_eval.go: what the program's remote RegisterResource gets when the deployment is cancelled mid-Construct. */
export const CONSTRUCT_SHUTDOWN_MESSAGE = "resource monitor shut down while waiting for construct to complete";

/** A Construct abandoned because the deployment was cancelled: not a failed step of its own. */
export class ConstructAbandoned extends Error {
    constructor(readonly urn: string) {
        super(CONSTRUCT_SHUTDOWN_MESSAGE);
        this.name = "ConstructAbandoned";
    }
}

/** The package of dynamic resources (`pulumi-nodejs:dynamic/…`) and of their provider. */
export const DYNAMIC_PACKAGE = "pulumi-nodejs";

/** A dynamic resource (served by the dynamic-provider host), not a provider resource. */
export function isDynamic(type: string): boolean {
    return packageOf(type) === DYNAMIC_PACKAGE && !type.startsWith("pulumi:providers:");
}

/** The package a type token (or a provider type, `pulumi:providers:<package>`) belongs to. */
export function packageOf(type: string): string {
    return type.startsWith("pulumi:providers:") ? type.slice("pulumi:providers:".length) : type.split(":")[0];
}

/** Runs one provider call of a step: a provider's failure becomes the step's failure, with its message. */
export async function asStep<T>(urn: string, providerCall: () => Promise<T>): Promise<T> {
    try {
        return await providerCall();
    } catch (error) {
        throw error instanceof ProviderError ? new StepError(error.message, urn) : error;
    }
}
