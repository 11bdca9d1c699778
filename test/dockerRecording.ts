/**
 * @file The resource options the recording mocks do not record (offline/recording.ts keeps the inputs): what
 * protects data (retainOnDelete, ignoreChanges) and how a resource is replaced (deleteBeforeReplace), read
 * from each registerResource request as Pulumi's runtime fills it (@pulumi/pulumi runtime/resource.js).
 */
import * as pulumi from "@pulumi/pulumi";
import type { RegisterResourceRequest } from "@pulumi/pulumi/proto/resource_pb";

/** The options of one registered resource. */
export interface RecordedOptions {
    /** `retainOnDelete`, as sent (undefined when unset). */
    readonly retainOnDelete: boolean | undefined;
    /** `ignoreChanges`, as sent. */
    readonly ignoreChanges: string[];
    /** `deleteBeforeReplace`, or undefined when the program left it to the provider. */
    readonly deleteBeforeReplace: boolean | undefined;
}

/**
 * Records the options of every resource registered from now on, by `<type> <name>`. Call it after the mocks
 * are installed (pulumi.runtime.setMocks) and before the program registers anything.
 */
export function recordOptions(): Map<string, RecordedOptions> {
    const recorded = new Map<string, RecordedOptions>();
    const monitor = pulumi.runtime.getMonitor() as unknown as {
        registerResource(request: RegisterResourceRequest, callback: unknown): unknown;
    };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request, callback) => {
        recorded.set(`${request.getType()} ${request.getName()}`, {
            retainOnDelete: request.getRetainondelete(),
            ignoreChanges: request.getIgnorechangesList(),
            deleteBeforeReplace: request.getDeletebeforereplacedefined() ? request.getDeletebeforereplace() : undefined,
        });
        return register(request, callback);
    };
    return recorded;
}

/** The recorded options of one resource (throws when it was not registered). */
export function optionsOf(recorded: Map<string, RecordedOptions>, type: string, name: string): RecordedOptions {
    const options = recorded.get(`${type} ${name}`);
    if (options === undefined) throw new Error(`no options recorded for ${type} ${name}`);
    return options;
}
