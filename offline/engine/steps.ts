/**
 * The vocabulary of a deployment: a registration as the program sends it,
 * the steps the engine takes (named as the CLI names them), a failed step,
 * and which provider serves a type.
 */
import { ProviderError } from "./dynamicHost";
import type { WireObject } from "./properties";

/** Step kinds, as the CLI names them (`discard`: a read resource dropped from state, never deleted). */
export type Operation = "create" | "update" | "replace" | "same" | "delete" | "refresh" | "read" | "discard";

export interface Step {
    readonly op: Operation;
    readonly urn: string;
    readonly type: string;
}

export interface Registration {
    readonly type: string;
    readonly name: string;
    readonly parent: string;
    readonly custom: boolean;
    /** Inputs as the program sent them (secrets as secret values, unknowns as the sentinel). */
    readonly inputs: WireObject;
    readonly dependencies: string[];
    /** Provider reference; empty for the default provider of the type's package. */
    readonly provider: string;
    readonly version: string;
    readonly additionalSecretOutputs: string[];
    /** A component a component package constructs (RegisterResourceRequest `remote`). */
    readonly remote?: boolean;
    /** Package → provider reference (`providers` option), passed on to Construct. */
    readonly providers?: Record<string, string>;
}

export interface RegisterResult {
    readonly urn: string;
    readonly id: string;
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

export const DYNAMIC_PACKAGE = "pulumi-nodejs";

/** A dynamic resource (served by the dynamic-provider host), not a provider resource. */
export function isDynamic(type: string): boolean {
    return packageOf(type) === DYNAMIC_PACKAGE && !type.startsWith("pulumi:providers:");
}

export function packageOf(type: string): string {
    return type.startsWith("pulumi:providers:") ? type.slice("pulumi:providers:".length) : type.split(":")[0];
}

/** Runs one provider call of a step: a provider's failure becomes the step's failure, with its message. */
export async function asStep<T>(urn: string, f: () => Promise<T>): Promise<T> {
    try {
        return await f();
    } catch (e) {
        throw e instanceof ProviderError ? new StepError(e.message, urn) : e;
    }
}
