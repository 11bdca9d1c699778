/**
 * @file Recording mocks: the program runs against Pulumi's mock monitor (`pulumi.runtime.setMocks`), and every
 * `registerResource` request is recorded with its inputs (secrets unwrapped, their paths noted), parent and
 * dependencies, for the tests and for offline synth's reports.
 */
import * as pulumi from "@pulumi/pulumi";
import type { RegisterResourceRequest } from "@pulumi/pulumi/proto/resource_pb";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { deserializeProperties, specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";

/** One resource as the program registered it. */
export interface RecordedResource {
    /** Resource type token, e.g. `datadog:index/monitor:Monitor`. */
    readonly type: string;
    /** Logical name. */
    readonly name: string;
    /** URN the mock monitor gave it. */
    readonly urn: string;
    /** Logical name of the parent, or null for a top-level resource. */
    readonly parent: string | null;
    /** True for a custom resource (a provider's), false for a component. */
    readonly custom: boolean;
    /**
     * Inputs with secrets unwrapped (tests read real values). `pulumi.Inputs` is what Pulumi's
     * `deserializeProperties` (@pulumi/pulumi runtime/rpc.d.ts) declares for a resource's properties.
     */
    readonly inputs: pulumi.Inputs;
    /** Input paths whose value was a secret, e.g. `envs[4]` or `data`. */
    readonly secretInputs: string[];
    /** Logical names of the explicit and implicit dependencies. */
    readonly dependsOn: string[];
    /** Output names the resource asked Pulumi to keep secret (`additionalSecretOutputs`). */
    readonly additionalSecretOutputs: string[];
    /** The provider reference the request carries (`<provider urn>::<provider id>`), as registered. */
    readonly provider: string;
}

/** The input in which a dynamic resource carries its serialized provider. */
const DYNAMIC_PROVIDER = "__provider";

/** A value Pulumi marked secret on the wire: `{ [specialSigKey]: specialSecretSig, value }`. */
function isSecretSig(value: unknown): value is { value: unknown } {
    return (
        typeof value === "object" &&
        value !== null &&
        (value as Record<string, unknown>)[specialSigKey] === specialSecretSig
    );
}

/** Unwraps secrets, noting where each one was. */
function unwrap(value: unknown, path: string, secrets: string[]): unknown {
    if (isSecretSig(value)) {
        secrets.push(path);
        return unwrap(value.value, path, []);
    }
    if (Array.isArray(value)) return value.map((item, index) => unwrap(item, `${path}[${index}]`, secrets));
    if (value && typeof value === "object") return unwrapFields(value, path, secrets);
    return value;
}

/** Unwraps the secrets of each field of an object (`path` is the object's own, "" at the top). */
function unwrapFields(fields: object, path: string, secrets: string[]): pulumi.Inputs {
    const out: pulumi.Inputs = {};
    for (const [key, field] of Object.entries(fields)) {
        out[key] = unwrap(field, path ? `${path}.${key}` : key, secrets);
    }
    return out;
}

function nameOfUrn(urn: string): string {
    return urn.split("::").pop()!;
}

/** Extra outputs a real provider would return, so dependent code has values to work with. */
function outputsFor(type: string, name: string, inputs: pulumi.Inputs): pulumi.runtime.MockResourceResult["state"] {
    switch (type) {
        case "random:index/randomPassword:RandomPassword":
            return { result: `mock-password-${name}-${"x".repeat(Math.max(0, (inputs.length ?? 16) - 20))}` };
        case "pulumi-nodejs:dynamic/doku:DokuApiKey":
            return { key: `dk${"0".repeat(40)}` };
        default:
            return {};
    }
}

/** Pulumi mocks that record every resource the program registers, and answer with its inputs as outputs. */
export class RecordingMocks implements pulumi.runtime.Mocks {
    /** Every resource registered so far, in registration order. */
    readonly resources: RecordedResource[] = [];

    /** A made-up id, and the inputs (plus what outputsFor adds) as the outputs. */
    newResource(args: pulumi.runtime.MockResourceArgs): {
        id: string;
        state: pulumi.runtime.MockResourceResult["state"];
    } {
        const id =
            args.type === "datadog:index/dashboard:Dashboard"
                ? `mck-${args.name.length.toString(36).padStart(3, "0")}-abc`
                : `${args.name}-id`;
        return { id, state: { ...args.inputs, ...outputsFor(args.type, args.name, args.inputs) } };
    }

    /** Refuses: the program must not invoke provider functions. */
    call(args: pulumi.runtime.MockCallArgs): never {
        throw new Error(
            `RecordingMocks: unexpected call to ${args.token}; the program must not invoke provider functions`,
        );
    }

    /**
     * Records `registerResource` requests as the monitor receives them, in order. `monitor` must be the
     * MockMonitor that `pulumi.runtime.setMocks` installed (@pulumi/pulumi runtime/mocks.js: setMocks calls
     * `setMockOptions(new MockMonitor(mocks), …)`), as `pulumi.runtime.getMonitor()` returns it.
     */
    attach(monitor: unknown): void {
        if (!(monitor instanceof MockMonitor)) {
            throw new Error("RecordingMocks.attach: expected the MockMonitor that pulumi.runtime.setMocks installs");
        }
        const original = monitor.registerResource.bind(monitor);
        monitor.registerResource = (request: RegisterResourceRequest, callback) => {
            const type = request.getType();
            const name = request.getName();
            const parentUrn = request.getParent();
            const secretInputs: string[] = [];
            const properties = request.getObject();
            const inputs = unwrapFields(properties ? deserializeProperties(properties) : {}, "", secretInputs);
            // `newUrn` is private in MockMonitor's typings (runtime/mocks.d.ts) but it is how the monitor itself
            // names resources (runtime/mocks.js, registerResource); element access reaches it.
            const urn: string = monitor["newUrn"](parentUrn, type, name);
            this.resources.push({
                type,
                name,
                urn,
                parent: parentUrn ? nameOfUrn(parentUrn) : null,
                custom: request.getCustom(),
                inputs,
                secretInputs,
                dependsOn: request.getDependenciesList().map(nameOfUrn),
                additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
                provider: request.getProvider(),
            });
            return original(request, callback);
        };
    }

    /** Resources of one type, in registration order. */
    ofType(type: string): RecordedResource[] {
        return this.resources.filter((resource) => resource.type === type);
    }

    /** The one resource with that type and name (throws when absent). */
    get(type: string, name: string): RecordedResource {
        const found = this.resources.find((resource) => resource.type === type && resource.name === name);
        if (!found) {
            const registered = this.resources.map((resource) => `${resource.type} ${resource.name}`).join(", ");
            throw new Error(`no ${type} named ${name}; registered: ${registered}`);
        }
        return found;
    }
}

/** How installMocks sets up the run. */
export interface MockRunOptions {
    /** Project name. Default: `doku`. */
    readonly project?: string;
    /** Stack name. Default: `dev`. */
    readonly stack?: string;
    /** Run as a preview (unknown values stay unknown). Default: false. */
    readonly preview?: boolean;
    /** Stack config, keys in `doku:key` form, values as Pulumi stores them (strings; JSON for lists and maps). */
    readonly config?: Record<string, string>;
    /** The keys of `config` that are secret. Default: none. */
    readonly secretKeys?: string[];
}

/** Installs fresh recording mocks and the given config. */
export function installMocks(options: MockRunOptions = {}): RecordingMocks {
    const mocks = new RecordingMocks();
    pulumi.runtime.setMocks(mocks, options.project ?? "doku", options.stack ?? "dev", options.preview ?? false);
    mocks.attach(pulumi.runtime.getMonitor());
    pulumi.runtime.setAllConfig(options.config ?? {}, options.secretKeys ?? []);
    return mocks;
}

/**
 * Resolves once every registration the program started has completed: waits
 * for the runtime's RPC queue (as Pulumi does before it disconnects) until no
 * new resource appears.
 */
export async function settle(mocks: RecordingMocks): Promise<void> {
    // @pulumi/pulumi runtime/settings.js exports `waitForRPCs` ("Waits for the existing RPC queue to drain",
    // what `disconnect` awaits) but marks it @internal, so runtime/settings.d.ts does not declare it.
    const runtime: object = pulumi.runtime;
    if (!("waitForRPCs" in runtime) || typeof runtime.waitForRPCs !== "function") {
        throw new Error("settle: this @pulumi/pulumi has no runtime.waitForRPCs");
    }
    const waitForRPCs = runtime.waitForRPCs;
    let count = -1;
    while (count !== mocks.resources.length) {
        count = mocks.resources.length;
        await waitForRPCs();
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
}

/**
 * For reports: inputs with secrets replaced by "[secret]", Pulumi's unknown sentinel (a value a preview cannot
 * know) by "[unknown]", and dynamic providers' code left out. A list of strings that is secret as a whole (a
 * Docker container's `envs`, secret because one entry holds a password) is shown entry by entry when `markers`
 * (the secret values the run was given or invented: placeholders, generated passwords) account for its secret:
 * each marker becomes "[secret]", and the entries without one are shown.
 */
export function redactedInputs(resource: RecordedResource, markers: readonly string[] = []): Record<string, unknown> {
    const copy: Record<string, unknown> = JSON.parse(JSON.stringify(resource.inputs));
    for (const path of resource.secretInputs) setPath(copy, path, secretShown(getPath(copy, path), markers));
    const provider = copy[DYNAMIC_PROVIDER];
    if (typeof provider === "string") copy[DYNAMIC_PROVIDER] = `[serialized provider: ${provider.length} characters]`;
    return showUnknowns(copy) as Record<string, unknown>;
}

/** A secret value as a report shows it: "[secret]", or a list of strings with its markers hidden (see above). */
function secretShown(value: unknown, markers: readonly string[]): unknown {
    const usable = markers.filter((marker) => marker.length > 0);
    if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) return "[secret]";
    const entries = value as string[];
    if (!entries.some((entry) => usable.some((marker) => entry.includes(marker)))) return "[secret]";
    return entries.map((entry) => usable.reduce((shown, marker) => shown.split(marker).join("[secret]"), entry));
}

/** The value with Pulumi's unknown sentinel shown as "[unknown]", at any depth. */
function showUnknowns(value: unknown): unknown {
    if (value === unknownValue) return "[unknown]";
    if (Array.isArray(value)) return value.map(showUnknowns);
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, showUnknowns(child)]));
}

/** The value at a path such as `envs[4]` or `spec.data`, or undefined. */
function getPath(target: Record<string, unknown>, path: string): unknown {
    if (path === "") return undefined;
    let value: unknown = target;
    for (const part of path.match(/[^.[\]]+/g)!) value = (value as Record<string, unknown> | undefined)?.[part];
    return value;
}

/** Sets the value at a path such as `envs[4]` or `spec.data` (JSON objects and arrays alike, by key). */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
    if (path === "") return;
    const parts = path.match(/[^.[\]]+/g)!;
    let container = target;
    for (const part of parts.slice(0, -1)) container = container[part] as Record<string, unknown>;
    container[parts[parts.length - 1]] = value;
}
