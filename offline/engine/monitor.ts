/**
 * The gRPC services the runner connects to: ResourceMonitor (`--monitor`)
 * and Engine (`--engine`), answering as the CLI's engine does
 * (pulumi/pulumi pkg/resource/deploy/source_eval.go).
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import * as resrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { Deployment } from "./deployment";
import { ConstructAbandoned } from "./steps";
import { MAX_MESSAGE } from "./dynamicHost";
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

export interface Diagnostic {
    readonly severity: "debug" | "info" | "warning" | "error";
    readonly message: string;
    readonly urn: string;
    /** When the engine received it (ms since the epoch). */
    readonly at: number;
}

type Callback<T> = (err: Partial<grpc.StatusObject> | null, value?: T) => void;
type Handler<Req, Res> = (call: { request: Req }, callback: Callback<Res>) => void;

function unimplemented(name: string): Handler<unknown, unknown> {
    return (_call, callback) =>
        callback({ code: grpc.status.UNIMPLEMENTED, details: `offline engine: ${name} is not supported` });
}

function wire(s: Struct | undefined): WireObject {
    return lowerOutputValues(s?.toJavaScript() ?? {}) as WireObject;
}

function providersOf(req: resproto.RegisterResourceRequest): Record<string, string> {
    const providers: Record<string, string> = {};
    req.getProvidersMap().forEach((ref, pkg) => {
        providers[pkg] = ref;
    });
    return providers;
}

function monitorService(deployment: Deployment): grpc.UntypedServiceImplementation {
    const supportsFeature: Handler<resproto.SupportsFeatureRequest, resproto.SupportsFeatureResponse> = (call, cb) => {
        cb(null, new resproto.SupportsFeatureResponse().setHassupport(SUPPORTED_FEATURES.has(call.request.getId())));
    };
    const registerResource: Handler<resproto.RegisterResourceRequest, resproto.RegisterResourceResponse> = (
        call,
        cb,
    ) => {
        const req = call.request;
        if (deployment.cancelled) {
            cb({ code: grpc.status.UNAVAILABLE, details: SHUTDOWN_MESSAGE });
            return;
        }
        deployment
            .register({
                type: req.getType(),
                name: req.getName(),
                parent: req.getParent(),
                custom: req.getCustom(),
                inputs: wire(req.getObject()),
                dependencies: req.getDependenciesList(),
                provider: req.getProvider(),
                version: req.getVersion(),
                additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
                remote: req.getRemote(),
                providers: providersOf(req),
            })
            .then(
                (result) => {
                    const res = new resproto.RegisterResourceResponse();
                    res.setUrn(result.urn)
                        .setId(result.id)
                        .setObject(Struct.fromJavaScript(result.outputs as any));
                    res.setResult(resproto.Result.SUCCESS);
                    cb(null, res);
                },
                (e: Error) =>
                    cb({
                        code: grpc.status.UNAVAILABLE,
                        details: e instanceof ConstructAbandoned ? e.message : SHUTDOWN_MESSAGE,
                    }),
            );
    };
    const registerResourceOutputs: Handler<resproto.RegisterResourceOutputsRequest, Empty> = (call, cb) => {
        deployment.registerOutputs(call.request.getUrn(), wire(call.request.getOutputs()));
        cb(null, new Empty());
    };
    const readResource: Handler<resproto.ReadResourceRequest, resproto.ReadResourceResponse> = (call, cb) => {
        const req = call.request;
        if (deployment.cancelled) {
            cb({ code: grpc.status.UNAVAILABLE, details: SHUTDOWN_MESSAGE });
            return;
        }
        deployment
            .read(
                {
                    type: req.getType(),
                    name: req.getName(),
                    parent: req.getParent(),
                    custom: true,
                    inputs: wire(req.getProperties()),
                    dependencies: req.getDependenciesList(),
                    provider: req.getProvider(),
                    version: req.getVersion(),
                    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
                },
                req.getId(),
            )
            .then(
                (result) => {
                    const res = new resproto.ReadResourceResponse();
                    cb(null, res.setUrn(result.urn).setProperties(Struct.fromJavaScript(result.outputs as any)));
                },
                (e: Error) => cb({ code: grpc.status.UNKNOWN, details: e.message }),
            );
    };
    const invoke: Handler<resproto.ResourceInvokeRequest, unknown> = (call, cb) => {
        cb({
            code: grpc.status.UNIMPLEMENTED,
            details: `offline engine: provider functions cannot run here (${call.request.getTok()})`,
        });
    };
    const signalAndWaitForShutdown: Handler<Empty, Empty> = (_call, cb) => {
        deployment.idle().then(() => cb(null, new Empty()));
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

const SEVERITY: Record<number, Diagnostic["severity"]> = {
    [engproto.LogSeverity.DEBUG]: "debug",
    [engproto.LogSeverity.INFO]: "info",
    [engproto.LogSeverity.WARNING]: "warning",
    [engproto.LogSeverity.ERROR]: "error",
};

function engineService(deployment: Deployment, diagnostics: Diagnostic[]): grpc.UntypedServiceImplementation {
    const log: Handler<engproto.LogRequest, Empty> = (call, cb) => {
        const r = call.request;
        diagnostics.push({
            severity: SEVERITY[r.getSeverity()] ?? "info",
            message: r.getMessage(),
            urn: r.getUrn(),
            at: Date.now(),
        });
        cb(null, new Empty());
    };
    const getRootResource: Handler<unknown, engproto.GetRootResourceResponse> = (_call, cb) => {
        cb(null, new engproto.GetRootResourceResponse().setUrn(deployment.rootUrn));
    };
    const setRootResource: Handler<engproto.SetRootResourceRequest, engproto.SetRootResourceResponse> = (call, cb) => {
        deployment.rootUrn = call.request.getUrn();
        cb(null, new engproto.SetRootResourceResponse());
    };
    const requirePulumiVersion: Handler<unknown, unknown> = (_call, cb) =>
        cb(null, new engproto.RequirePulumiVersionResponse());
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
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
            err ? reject(err) : resolve(p),
        );
    });
    return {
        address: `127.0.0.1:${port}`,
        stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
    };
}
