/**
 * @file The rules across fields, each implemented once and parameterised by how a field is named: the
 * config loader reports `doku:clickhouseHost`, the components `args.clickhouse.host`, from the same code.
 * No rule here reads a secret's value (only whether it is set).
 */
import { CONFIG_DEFAULTS } from "./defaults";
import { showValue } from "./problems";

/** The fields the rules read, by their `doku:` key name. */
export const RULE_FIELD_PATHS = {
    target: "target",
    ingesterUrl: "ingesterUrl",
    clickhouseHost: "clickhouse.host",
    clickhousePassword: "clickhouse.password",
    ingressHost: "kubernetes.ingress.host",
    ingressClassName: "kubernetes.ingress.className",
    ingressTlsSecret: "kubernetes.ingress.tlsSecret",
    ingressAnnotations: "kubernetes.ingress.annotations",
    serviceType: "kubernetes.serviceType",
    managementUrl: "kubernetes.managementUrl",
    kubernetesSkipAwait: "kubernetes.skipAwait",
    extraTemplateVariables: "dashboard.extraTemplateVariables",
    templateVariableDefaults: "dashboard.templateVariableDefaults",
    latencyWarningSeconds: "monitors.latencyWarningSeconds",
    latencyCriticalSeconds: "monitors.latencyCriticalSeconds",
    tokensWarning: "monitors.tokensWarning",
    tokensCritical: "monitors.tokensCritical",
    hourlyBudget: "monitors.hourlyBudget",
    dailyBudget: "monitors.dailyBudget",
    datadogSite: "datadogSite",
    allowPlainHttp: "allowPlainHttp",
    environment: "environment",
    ui: "ui",
    dockerHost: "docker.host",
    dockerPublishAddress: "docker.publishAddress",
    ingesterHostPort: "docker.ingesterHostPort",
    uiHostPort: "docker.uiHostPort",
    clickhouseHostPort: "docker.clickhouseHostPort",
    podSecurityLevel: "kubernetes.podSecurityLevel",
} as const;

/** A field a rule reads (named as its `doku:` key). */
export type RuleField = keyof typeof RULE_FIELD_PATHS;

/** The values the rules read: plain values, or for an Input or a secret anything but undefined when set. */
export type RuleValues = Partial<Record<RuleField, unknown>>;

/** How the fields are named in messages, and how a secret is set. */
export interface FieldNaming {
    name(field: RuleField): string;
    /** Appended to "the existing ClickHouse's password" (e.g. ", set with --secret"). */
    readonly secretHint: string;
}

/** The config loader's names: `doku:<key>`. */
export const CONFIG_NAMING: FieldNaming = { name: (field) => `doku:${field}`, secretHint: ", set with --secret" };

/**
 * A component's names: `<root>.<path>`, the path as in DokuObservabilityArgs, without `within` when the
 * component's args are that group (e.g. `monitors.` for LlmMonitors).
 */
export function argumentNaming(within = "", root = "args"): FieldNaming {
    const pathOf = (field: RuleField): string => {
        const path: string = RULE_FIELD_PATHS[field];
        return within !== "" && path.startsWith(within) ? path.slice(within.length) : path;
    };
    return { name: (field) => `${root}.${pathOf(field)}`, secretHint: "" };
}

type Rule = (values: RuleValues, naming: FieldNaming) => string[];

const externalNeedsUrl: Rule = (values, naming) =>
    values.target === "external" && values.ingesterUrl === undefined
        ? [
              `${naming.name("ingesterUrl")}: missing; required when ${naming.name("target")} is external ` +
                  "(the base URL of your ingester, e.g. https://doku.example.com)",
          ]
        : [];

const clickhouseHostNeedsPassword: Rule = (values, naming) =>
    values.target !== "external" && values.clickhouseHost !== undefined && values.clickhousePassword === undefined
        ? [
              `${naming.name("clickhousePassword")}: missing; required with ${naming.name("clickhouseHost")} ` +
                  `(the existing ClickHouse's password${naming.secretHint})`,
          ]
        : [];

const ingressNeedsHost: Rule = (values, naming) => {
    if (values.ingressHost !== undefined) return [];
    const problems: string[] = [];
    for (const [field, why] of [
        ["ingressTlsSecret", " (TLS needs a host)"],
        ["ingressClassName", ""],
        ["ingressAnnotations", ""],
    ] as const) {
        if (values[field] === undefined) continue;
        problems.push(
            `${naming.name(field)}: got ${showValue(values[field])}; ` +
                `expected ${naming.name("ingressHost")} to be set too${why}`,
        );
    }
    return problems;
};

/**
 * On Kubernetes the program calls the ingester's API (connection check, API key bootstrap), so it needs a
 * URL it can reach: an Ingress host, a LoadBalancer address (which Pulumi only learns by waiting for the
 * Service), or a management URL.
 */
const kubernetesReachable: Rule = (values, naming) => {
    if (values.target !== "kubernetes" || values.ingressHost !== undefined || values.managementUrl !== undefined) {
        return [];
    }
    const [host, type, management] = [
        naming.name("ingressHost"),
        naming.name("serviceType"),
        naming.name("managementUrl"),
    ];
    if (values.serviceType !== "LoadBalancer") {
        return [
            `${naming.name("target")}: got "kubernetes" with no URL at which this program reaches the ingester; ` +
                `expected one of ${host}, ${type}: LoadBalancer, or ${management} ` +
                "(e.g. http://localhost:9044 with kubectl port-forward)",
        ];
    }
    // pulumi-kubernetes provider/pkg/await/service.go: a LoadBalancer Service is awaited until
    // status.loadBalancer.ingress is set; pulumi.com/skipAwait skips that wait, so the address stays unknown.
    const skipped = values.kubernetesSkipAwait;
    if (Array.isArray(skipped) && skipped.includes("Service")) {
        return [
            `${naming.name("kubernetesSkipAwait")}: got Service with ${type} LoadBalancer and neither ` +
                `${host} nor ${management}; expected Service to be awaited (else the load balancer's ` +
                `address is never known), or ${host} or ${management} to be set`,
        ];
    }
    return [];
};

/** A field's value when it is a plain value of that type, else the key table's default (undefined for none). */
function valueOr<T>(values: RuleValues, field: RuleField, type: string, fallback?: T): T | undefined {
    return typeof values[field] === type ? (values[field] as T) : fallback;
}

/**
 * Ports published on a loopback address answer only there: the ingester URL's host must be that address or
 * localhost, else this program (the API key's bootstrap, the connection) cannot reach the ingester.
 */
const dockerPublishReachable: Rule = (values, naming) => {
    const host = valueOr<string>(values, "dockerHost", "string");
    const address = valueOr<string>(values, "dockerPublishAddress", "string", CONFIG_DEFAULTS.dockerPublishAddress)!;
    if (values.target !== "docker" || host === undefined || !(/^127\./.test(address) || address === "::1")) return [];
    const bare = host.replace(/^\[(.*)\]$/, "$1");
    const localhost = bare === "localhost" && (address === "127.0.0.1" || address === "::1");
    if (bare === address || localhost) return [];
    const [publish, dockerHost] = [naming.name("dockerPublishAddress"), naming.name("dockerHost")];
    const given = values.dockerPublishAddress === undefined ? " (the default)" : "";
    return [
        `${publish}: got ${showValue(address)}${given}, a loopback address of the Docker host, which this program ` +
            `cannot reach at ${showValue(host)} (${dockerHost}); expected an address of that host reachable from ` +
            "here (0.0.0.0 opens the ports to every network, the ingester's first-key bootstrap included), " +
            `or ${dockerHost} localhost through an SSH tunnel to the Docker host`,
    ];
};

/** Two containers cannot publish one host port: Docker would refuse the second halfway through an up. */
const dockerHostPortsDistinct: Rule = (values, naming) => {
    if (values.target !== "docker") return [];
    const published: Array<[RuleField, number, boolean]> = [];
    const publish = (field: RuleField, fallback?: number) => {
        const port = valueOr<number>(values, field, "number", fallback);
        if (port !== undefined) published.push([field, port, values[field] === undefined]);
    };
    publish("ingesterHostPort", CONFIG_DEFAULTS.ingesterHostPort);
    if (valueOr(values, "ui", "boolean", CONFIG_DEFAULTS.ui)) publish("uiHostPort", CONFIG_DEFAULTS.uiHostPort);
    // ClickHouse's port is published only for the ClickHouse the program deploys.
    if (values.clickhouseHost === undefined) publish("clickhouseHostPort");
    const shown = (field: RuleField, byDefault: boolean) => `${naming.name(field)}${byDefault ? " (its default)" : ""}`;
    return published.flatMap(([field, port, byDefault], index) => {
        const first = published.slice(0, index).find(([, other]) => other === port);
        if (first === undefined) return [];
        return [
            `${shown(field, byDefault)}: got ${port}, the host port of ${shown(first[0], first[2])} too; ` +
                "expected a host port no other container of the ingester publishes",
        ];
    });
};

/**
 * The UI image runs as root (ingester/kubernetesSecurity.ts), so a namespace that enforces `restricted` refuses
 * its pod at admission, and the up would wait out the Deployment's timeout.
 */
const restrictedRefusesUi: Rule = (values, naming) => {
    if (values.target !== "kubernetes" || values.podSecurityLevel !== "restricted") return [];
    if (!valueOr(values, "ui", "boolean", CONFIG_DEFAULTS.ui)) return [];
    return [
        `${naming.name("podSecurityLevel")}: got "restricted" with ${naming.name("ui")} true; the UI image runs ` +
            "as root, which the restricted level refuses: expected baseline (the default with the UI), or the UI off",
    ];
};

/** The template variables of the dashboard: the reference's two, then the extra ones. */
export const REFERENCE_VARIABLES = ["applicationname", "environment"] as const;

const defaultsNameVariables: Rule = (values, naming) => {
    const extra = Array.isArray(values.extraTemplateVariables) ? (values.extraTemplateVariables as string[]) : [];
    const variables = [...new Set([...REFERENCE_VARIABLES, ...extra])];
    const defaults = values.templateVariableDefaults;
    if (typeof defaults !== "object" || defaults === null) return [];
    return Object.keys(defaults)
        .filter((name) => !variables.includes(name))
        .map(
            (name) =>
                `${naming.name("templateVariableDefaults")}: got a default for ${showValue(name)}; ` +
                `expected one of ${variables.join(", ")}`,
        );
};

/** The monitors' threshold defaults, from the key table. */
export const MONITOR_DEFAULTS = {
    latencyWarningSeconds: CONFIG_DEFAULTS.latencyWarningSeconds,
    latencyCriticalSeconds: CONFIG_DEFAULTS.latencyCriticalSeconds,
    tokensWarning: CONFIG_DEFAULTS.tokensWarning,
    tokensCritical: CONFIG_DEFAULTS.tokensCritical,
    budgetWarningRatio: CONFIG_DEFAULTS.budgetWarningRatio,
    silenceMinutes: CONFIG_DEFAULTS.silenceMinutes,
    renotifyMinutes: CONFIG_DEFAULTS.renotifyMinutes,
    monitorPriority: CONFIG_DEFAULTS.monitorPriority,
} as const;

/** A warning must come before its alert; a day's budget is at least an hour's. */
const monitorThresholdsOrdered: Rule = (values, naming) => {
    const numberOr = (field: RuleField, fallback?: number) =>
        typeof values[field] === "number" ? (values[field] as number) : fallback;
    const problems: string[] = [];
    const pairs = [
        ["latencyWarningSeconds", "latencyCriticalSeconds"],
        ["tokensWarning", "tokensCritical"],
    ] as const;
    for (const [warning, critical] of pairs) {
        const low = numberOr(warning, MONITOR_DEFAULTS[warning]);
        const high = numberOr(critical, MONITOR_DEFAULTS[critical]);
        if (low! >= high!) {
            problems.push(`${naming.name(warning)}: got ${low}; expected less than ${naming.name(critical)} (${high})`);
        }
    }
    const [hourly, daily] = [numberOr("hourlyBudget"), numberOr("dailyBudget")];
    if (hourly !== undefined && daily !== undefined && daily < hourly) {
        problems.push(
            `${naming.name("dailyBudget")}: got ${daily}; ` +
                `expected at least ${naming.name("hourlyBudget")} (${hourly})`,
        );
    }
    return problems;
};

/** The rules, each with the fields it reads: a rule is skipped when one of them is itself invalid. */
const RULES: ReadonlyArray<readonly [Rule, readonly RuleField[]]> = [
    [externalNeedsUrl, ["target", "ingesterUrl"]],
    [clickhouseHostNeedsPassword, ["target", "clickhouseHost", "clickhousePassword"]],
    [ingressNeedsHost, ["ingressHost", "ingressTlsSecret", "ingressClassName", "ingressAnnotations"]],
    [kubernetesReachable, ["target", "ingressHost", "serviceType", "managementUrl", "kubernetesSkipAwait"]],
    [dockerPublishReachable, ["target", "dockerHost", "dockerPublishAddress"]],
    [
        dockerHostPortsDistinct,
        ["target", "ui", "clickhouseHost", "ingesterHostPort", "uiHostPort", "clickhouseHostPort"],
    ],
    [restrictedRefusesUi, ["target", "podSecurityLevel", "ui"]],
    [defaultsNameVariables, ["extraTemplateVariables", "templateVariableDefaults"]],
    [monitorThresholdsOrdered, []],
];

/** Every cross-field problem, named by `naming`; `invalid` lists the fields that already have a problem. */
export function crossFieldProblems(
    values: RuleValues,
    naming: FieldNaming,
    invalid: ReadonlySet<RuleField> = new Set(),
): string[] {
    return RULES.filter(([, fields]) => !fields.some((field) => invalid.has(field))).flatMap(([rule]) =>
        rule(values, naming),
    );
}

/** Only the monitor threshold rule (LlmMonitors' own arguments). */
export function monitorRuleProblems(values: RuleValues, naming: FieldNaming): string[] {
    return monitorThresholdsOrdered(values, naming);
}

/** Only the template variable rule (LlmMonitoringDashboard's own arguments). */
export function templateVariableProblems(values: RuleValues, naming: FieldNaming): string[] {
    return defaultsNameVariables(values, naming);
}
