/**
 * @file The gRPC services the runner connects to: ResourceMonitor (`--monitor`)
 * and Engine (`--engine`), answering as the CLI's engine does
 * (pulumi/pulumi pkg/resource/deploy/source_eval.go).
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { type JavaScriptValue, Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import * as resrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { Deployment } from "./deployment";
import { ConstructAbandoned } from "./steps";
import { MAX_MESSAGE } from "./pluginProcess";
import { WireObject, lowerOutputValues } from "./properties";

/**
 * source_eval.go `supportsFeatureID` (v3.248.0): true for these; resourceReferences and outputValues
 * unless disabled by engine options.
 */
export const SUPPORTED_FEATURES = new Set([
    "secrets",
    "resourceReferences",
    "outputValues",
    "aliasSpecs",
    "replacementTrigger",
    "deletedWith",
    "replaceWith",
    "transforms",
    "invokeTransforms",
    "parameterization",
    "resourceHooks",
    "errorHooks",
    "sendsOptionsToHooks",
]);

/** source_eval.go: what a pending RegisterResource gets once the deployment is cancelled by a failed step. */
export const SHUTDOWN_MESSAGE = "resource monitor shut down while waiting on step's done channel";

/** A message logged through the Engine service (Log), by the program or a plugin. */
export interface Diagnostic {
    /** How severe it is. */
    readonly severity: "debug" | "info" | "warning" | "error";
    /** The message as logged. */
    readonly message: string;
    /** The resource it is about; empty for the stack. */
    readonly urn: string;
    /** When the engine received it (ms since the epoch). */
    readonly at: number;
}

/** A unary gRPC handler's callback: an error status, or the reply. */
type Callback<T> = (err: Partial<grpc.StatusObject> | null, value?: T) => void;
/** A unary gRPC handler. */
type Handler<Req, Res> = (call: { request: Req }, callback: Callback<Res>) => void;

/** A handler answering UNIMPLEMENTED, naming the RPC. */
function unimplemented(name: string): Handler<unknown, unknown> {
    return (_call, callback) =>
        callback({ code: grpc.status.UNIMPLEMENTED, details: `offline engine: ${name} is not supported` });
}

/** A request's property Struct as the engine handles it: output values lowered (properties.ts). */
function propertiesOf(struct: Struct | undefined): WireObject {
    return lowerOutputValues(struct?.toJavaScript() ?? {}) as WireObject;
}

/**
 * Outputs as a reply's Struct. They are JSON values (what `toJavaScript` gave, or the engine built from it),
 * which is what google-protobuf's `JavaScriptValue` describes; the cast only names that.
 */
function structOf(outputs: WireObject): Struct {
    return Struct.fromJavaScript(outputs as Record<string, JavaScriptValue>);
}

/** The `providers` option of a registration: package → provider reference. */
function providersOf(request: resproto.RegisterResourceRequest): Record<string, string> {
    const providers: Record<string, string> = {};
    request.getProvidersMap().forEach((reference, pkg) => {
        providers[pkg] = reference;
    });
    return providers;
}

/** The ResourceMonitor service, over the deployment. */
function monitorService(deployment: Deployment): grpc.UntypedServiceImplementation {
    const supportsFeature: Handler<resproto.SupportsFeatureRequest, resproto.SupportsFeatureResponse> = (
        call,
        callback,
    ) => {
        callback(
            null,
            new resproto.SupportsFeatureResponse().setHassupport(SUPPORTED_FEATURES.has(call.request.getId())),
        );
    };
    const registerResource: Handler<resproto.RegisterResourceRequest, resproto.RegisterResourceResponse> = (
        call,
        callback,
    ) => {
        const request = call.request;
        if (deployment.cancelled) {
            callback({ code: grpc.status.UNAVAILABLE, details: SHUTDOWN_MESSAGE });
            return;
        }
        deployment
            .register({
                type: request.getType(),
                name: request.getName(),
                parent: request.getParent(),
                custom: request.getCustom(),
                inputs: propertiesOf(request.getObject()),
                dependencies: request.getDependenciesList(),
                provider: request.getProvider(),
                version: request.getVersion(),
                additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
                remote: request.getRemote(),
                providers: providersOf(request),
            })
            .then(
                (result) => {
                    const response = new resproto.RegisterResourceResponse();
                    response.setUrn(result.urn).setId(result.id).setObject(structOf(result.outputs));
                    response.setResult(resproto.Result.SUCCESS);
                    callback(null, response);
                },
                (error: Error) =>
                    callback({
                        code: grpc.status.UNAVAILABLE,
                        details: error instanceof ConstructAbandoned ? error.message : SHUTDOWN_MESSAGE,
                    }),
            );
    };
    const registerResourceOutputs: Handler<resproto.RegisterResourceOutputsRequest, Empty> = (call, callback) => {
        deployment.registerOutputs(call.request.getUrn(), propertiesOf(call.request.getOutputs()));
        callback(null, new Empty());
    };
    const readResource: Handler<resproto.ReadResourceRequest, resproto.ReadResourceResponse> = (call, callback) => {
        const request = call.request;
        if (deployment.cancelled) {
            callback({ code: grpc.status.UNAVAILABLE, details: SHUTDOWN_MESSAGE });
            return;
        }
        deployment
            .read(
                {
                    type: request.getType(),
                    name: request.getName(),
                    parent: request.getParent(),
                    custom: true,
                    inputs: propertiesOf(request.getProperties()),
                    dependencies: request.getDependenciesList(),
                    provider: request.getProvider(),
                    version: request.getVersion(),
                    additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
                },
                request.getId(),
            )
            .then(
                (result) => {
                    const response = new resproto.ReadResourceResponse();
                    callback(null, response.setUrn(result.urn).setProperties(structOf(result.outputs)));
                },
                (error: Error) => callback({ code: grpc.status.UNKNOWN, details: error.message }),
            );
    };
    const invoke: Handler<resproto.ResourceInvokeRequest, unknown> = (call, callback) => {
        callback({
            code: grpc.status.UNIMPLEMENTED,
            details: `offline engine: provider functions cannot run here (${call.request.getTok()})`,
        });
    };
    const signalAndWaitForShutdown: Handler<Empty, Empty> = (_call, callback) => {
        deployment.idle().then(() => callback(null, new Empty()));
    };
    return {
        supportsFeature,
        registerResource,
        registerResourceOutputs,
        invoke,
        signalAndWaitForShutdown,
        readResource,
        call: unimplemented("Call"),
        getDeploymentInfo: unimplemented("GetDeploymentInfo"),
        registerStackTransform: unimplemented("RegisterStackTransform"),
        registerStackInvokeTransform: unimplemented("RegisterStackInvokeTransform"),
        registerResourceHook: unimplemented("RegisterResourceHook"),
        registerErrorHook: unimplemented("RegisterErrorHook"),
        registerPackage: unimplemented("RegisterPackage"),
    } as grpc.UntypedServiceImplementation;
}

/** LogSeverity → Diagnostic severity. */
const SEVERITY: Record<number, Diagnostic["severity"]> = {
    [engproto.LogSeverity.DEBUG]: "debug",
    [engproto.LogSeverity.INFO]: "info",
    [engproto.LogSeverity.WARNING]: "warning",
    [engproto.LogSeverity.ERROR]: "error",
};

/** The Engine service: logs into `diagnostics`, the root resource from the deployment. */
function engineService(deployment: Deployment, diagnostics: Diagnostic[]): grpc.UntypedServiceImplementation {
    const log: Handler<engproto.LogRequest, Empty> = (call, callback) => {
        const request = call.request;
        diagnostics.push({
            severity: SEVERITY[request.getSeverity()] ?? "info",
            message: request.getMessage(),
            urn: request.getUrn(),
            at: Date.now(),
        });
        callback(null, new Empty());
    };
    const getRootResource: Handler<unknown, engproto.GetRootResourceResponse> = (_call, callback) => {
        callback(null, new engproto.GetRootResourceResponse().setUrn(deployment.rootUrn));
    };
    const setRootResource: Handler<engproto.SetRootResourceRequest, engproto.SetRootResourceResponse> = (
        call,
        callback,
    ) => {
        deployment.rootUrn = call.request.getUrn();
        callback(null, new engproto.SetRootResourceResponse());
    };
    const requirePulumiVersion: Handler<unknown, unknown> = (_call, callback) =>
        callback(null, new engproto.RequirePulumiVersionResponse());
    return {
        log,
        getRootResource,
        setRootResource,
        requirePulumiVersion,
        startDebugging: unimplemented("StartDebugging"),
    } as grpc.UntypedServiceImplementation;
}

/** Serves both services on 127.0.0.1; `address` is what `--monitor` and `--engine` take. */
export async function serve(
    deployment: Deployment,
    diagnostics: Diagnostic[],
): Promise<{ address: string; stop(): Promise<void> }> {
    const server = new grpc.Server({
        "grpc.max_receive_message_length": MAX_MESSAGE,
        "grpc.max_send_message_length": MAX_MESSAGE,
    });
    server.addService(resrpc.ResourceMonitorService, monitorService(deployment));
    server.addService(engrpc.EngineService, engineService(deployment, diagnostics));
    const port = await new Promise<number>((resolve, reject) => {
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, boundPort) =>
            error ? reject(error) : resolve(boundPort),
        );
    });
    return {
        address: `127.0.0.1:${port}`,
        stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
    };
}
