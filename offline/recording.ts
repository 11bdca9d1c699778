import * as pulumi from "@pulumi/pulumi";
import { deserializeProperties, specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";

/** One resource as the program registered it. */
export interface RecordedResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    /** Logical name of the parent, or null for a top-level resource. */
    readonly parent: string | null;
    readonly custom: boolean;
    /** Inputs with secrets unwrapped (tests read real values). */
    readonly inputs: Record<string, any>;
    /** Input paths whose value was a secret, e.g. `envs[4]` or `data`. */
    readonly secretInputs: string[];
    /** Logical names of the explicit and implicit dependencies. */
    readonly dependsOn: string[];
    readonly additionalSecretOutputs: string[];
    readonly provider: string;
}

const DYNAMIC_PROVIDER = "__provider";

function isSecretSig(v: unknown): v is { value: unknown } {
    return typeof v === "object" && v !== null && (v as any)[specialSigKey] === specialSecretSig;
}

/** Unwraps secrets, noting where each one was. */
function unwrap(value: unknown, path: string, secrets: string[]): any {
    if (isSecretSig(value)) {
        secrets.push(path);
        return unwrap(value.value, path, []);
    }
    if (Array.isArray(value)) return value.map((v, i) => unwrap(v, `${path}[${i}]`, secrets));
    if (value && typeof value === "object") {
        const out: Record<string, any> = {};
        for (const [k, v] of Object.entries(value)) out[k] = unwrap(v, path ? `${path}.${k}` : k, secrets);
        return out;
    }
    return value;
}

function nameOfUrn(urn: string): string {
    return urn.split("::").pop()!;
}

/** Extra outputs a real provider would return, so dependent code has values to work with. */
function outputsFor(type: string, name: string, inputs: Record<string, any>): Record<string, any> {
    switch (type) {
        case "random:index/randomPassword:RandomPassword":
            return { result: `mock-password-${name}-${"x".repeat(Math.max(0, (inputs.length ?? 16) - 20))}` };
        case "pulumi-nodejs:dynamic/doku:DokuApiKey":
            return { key: `dk${"0".repeat(40)}` };
        default:
            return {};
    }
}

export class RecordingMocks implements pulumi.runtime.Mocks {
    readonly resources: RecordedResource[] = [];

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, any> } {
        const id =
            args.type === "datadog:index/dashboard:Dashboard"
                ? `mck-${args.name.length.toString(36).padStart(3, "0")}-abc`
                : `${args.name}-id`;
        return { id, state: { ...args.inputs, ...outputsFor(args.type, args.name, args.inputs) } };
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
        throw new Error(
            `RecordingMocks: unexpected call to ${args.token}; the program must not invoke provider functions`,
        );
    }

    /** Records `registerResource` requests as the monitor receives them, in order. */
    attach(monitor: any): void {
        const original = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req: any, callback: any) => {
            const type: string = req.getType();
            const name: string = req.getName();
            const parentUrn: string = req.getParent();
            const secretInputs: string[] = [];
            const inputs = unwrap(deserializeProperties(req.getObject()), "", secretInputs);
            const urn = monitor.newUrn(parentUrn, type, name);
            this.resources.push({
                type,
                name,
                urn,
                parent: parentUrn ? nameOfUrn(parentUrn) : null,
                custom: req.getCustom(),
                inputs,
                secretInputs,
                dependsOn: (req.getDependenciesList() as string[]).map(nameOfUrn),
                additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
                provider: req.getProvider(),
            });
            return original(req, callback);
        };
    }

    /** Resources of one type, in registration order. */
    ofType(type: string): RecordedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The one resource with that type and name (throws when absent). */
    get(type: string, name: string): RecordedResource {
        const r = this.resources.find((x) => x.type === type && x.name === name);
        if (!r) {
            throw new Error(
                `no ${type} named ${name}; registered: ${this.resources.map((x) => `${x.type} ${x.name}`).join(", ")}`,
            );
        }
        return r;
    }
}

export interface MockRunOptions {
    readonly project?: string;
    readonly stack?: string;
    readonly preview?: boolean;
    /** Stack config, keys in `doku:key` form, values as Pulumi stores them (strings; JSON for lists and maps). */
    readonly config?: Record<string, string>;
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
    const waitForRPCs: () => Promise<void> = (pulumi.runtime as any).waitForRPCs;
    let count = -1;
    while (count !== mocks.resources.length) {
        count = mocks.resources.length;
        await waitForRPCs();
        await new Promise((r) => setTimeout(r, 5));
    }
}

/** For reports: inputs with secrets replaced by "[secret]" and dynamic providers' code left out. */
export function redactedInputs(r: RecordedResource): Record<string, any> {
    const copy = JSON.parse(JSON.stringify(r.inputs));
    for (const path of r.secretInputs) setPath(copy, path, "[secret]");
    if (typeof copy[DYNAMIC_PROVIDER] === "string")
        copy[DYNAMIC_PROVIDER] = `[serialized provider: ${copy[DYNAMIC_PROVIDER].length} characters]`;
    return copy;
}

function setPath(obj: any, path: string, value: unknown): void {
    if (path === "") return;
    const parts = path.match(/[^.[\]]+/g)!;
    let cur = obj;
    for (let i = 0; i < parts.length - 1; i++) cur = cur[parts[i]];
    cur[parts[parts.length - 1]] = value;
}
