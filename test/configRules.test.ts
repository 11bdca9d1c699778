/** @file New rules of the configuration: the first real `pulumi up` (A) and bad input (B). */
import * as pulumi from "@pulumi/pulumi";
import { DokuConfig, loadConfig } from "../config/load";
import { CONFIG_KEYS } from "../config/keys";
import { fieldProblem, showValue } from "../config/problems";
import { k8sSubdomainName } from "../config/schemas";
import { minimalConfig as withApiKey, mockStack } from "./support/pulumi";
import { problems } from "./support/config";

/** doku:datadogAppKey is required too; set here so these tests do not depend on the support file's value. */
const APP_KEY = "dd-app-key-5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b";
const minimalConfig = (extra: Record<string, string> = {}) => withApiKey({ "doku:datadogAppKey": APP_KEY, ...extra });
const kube = (extra: Record<string, string> = {}) => minimalConfig({ "doku:target": "kubernetes", ...extra });

let warn: jest.SpyInstance;
beforeEach(() => {
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
});
afterEach(() => warn.mockRestore());

function load(config: Record<string, string>): DokuConfig {
    mockStack(config);
    return loadConfig();
}

const ANNOTATIONS = {
    "cert-manager.io/cluster-issuer": "letsencrypt",
    "nginx.ingress.kubernetes.io/proxy-body-size": "8m",
};

describe("the Kubernetes keys of a first real pulumi up", () => {
    it("reads managementUrl, ingress annotations, skipAwait kinds, await timeouts and metricMetadata", () => {
        const args = load(
            kube({
                "doku:managementUrl": "http://localhost:9044",
                "doku:ingressHost": "doku.example.com",
                "doku:ingressTlsSecret": "doku-tls",
                "doku:ingressAnnotations": JSON.stringify(ANNOTATIONS),
                "doku:kubernetesSkipAwait": '["Ingress"]',
                "doku:kubernetesAwaitTimeouts": '{"StatefulSet":20,"Deployment":15}',
                "doku:metricMetadata": "true",
            }),
        );
        expect(args.kubernetes!.managementUrl).toBe("http://localhost:9044");
        expect(args.kubernetes!.ingress?.annotations).toEqual(ANNOTATIONS);
        expect(args.kubernetes!.skipAwait).toEqual(["Ingress"]);
        expect(args.kubernetes!.awaitTimeoutMinutes).toEqual({ StatefulSet: 20, Deployment: 15 });
        expect(args.metricMetadata).toBe(true);
    });

    it.each([
        [
            '{"cert manager/issuer":"x"}',
            "expected an annotation key such as cert-manager.io/cluster-issuer" +
                " ([prefix/]name, name at most 63 characters)",
        ],
        [
            `{"${"a".repeat(64)}":"x"}`,
            "expected an annotation key such as cert-manager.io/cluster-issuer" +
                " ([prefix/]name, name at most 63 characters)",
        ],
        [`{"a":"${"x".repeat(262_144)}"}`, "expected at most 256 KiB of annotations in all"],
        ['["a"]', "expected a map of annotation to value"],
    ])("doku:ingressAnnotations %#: rejected", (value, expectation) => {
        const [problem] = problems(kube({ "doku:ingressHost": "doku.example.com", "doku:ingressAnnotations": value }));
        expect(problem.startsWith("doku:ingressAnnotations: got ")).toBe(true);
        expect(problem.endsWith(`; ${expectation}`)).toBe(true);
    });

    it("rejects repeated skipAwait kinds, unknown timeout kinds and minutes out of range", () => {
        expect(
            problems(
                kube({
                    "doku:managementUrl": "http://localhost:9044",
                    "doku:kubernetesSkipAwait": '["Service","Service"]',
                    "doku:kubernetesAwaitTimeouts": '{"Pod":5}',
                }),
            ),
        ).toEqual([
            'doku:kubernetesSkipAwait: got ["Service","Service"]; expected no repeated kinds',
            'doku:kubernetesAwaitTimeouts: got {"Pod":5}; expected kinds from Deployment, StatefulSet, Service,' +
                " Ingress",
        ]);
        for (const minutes of ["1441", "2.5", "-1"]) {
            expect(
                problems(
                    kube({
                        "doku:managementUrl": "http://localhost:9044",
                        "doku:kubernetesAwaitTimeouts": `{"Ingress":${minutes}}`,
                    }),
                ),
            ).toEqual([
                `doku:kubernetesAwaitTimeouts.Ingress: got ${minutes}; ` + "expected whole minutes from 1 to 1440",
            ]);
        }
    });

    it("annotations need an ingress host", () => {
        expect(
            problems(kube({ "doku:managementUrl": "http://localhost:9044", "doku:ingressAnnotations": '{"a":"b"}' })),
        ).toEqual(['doku:ingressAnnotations: got {"a":"b"}; expected doku:ingressHost to be set too']);
    });
});

describe("the Kubernetes target needs a URL the program can reach", () => {
    const NONE =
        'doku:target: got "kubernetes" with no URL at which this program reaches the ingester; expected one' +
        " of " +
        "doku:ingressHost, doku:serviceType: LoadBalancer, or doku:managementUrl (e.g. http://localhost:9044 with" +
        " kubectl port-forward)";

    it("refuses a ClusterIP Service with neither an ingress host nor a management URL", () => {
        expect(problems(kube())).toEqual([NONE]);
    });

    // Plain HTTP to another machine needs doku:allowPlainHttp (test/plainHttp.test.ts).
    it.each([
        { "doku:ingressHost": "doku.example.com", "doku:ingressTlsSecret": "doku-tls" },
        { "doku:serviceType": "LoadBalancer", "doku:allowPlainHttp": "true" },
        { "doku:managementUrl": "http://localhost:9044" },
        {
            "doku:serviceType": "LoadBalancer",
            "doku:kubernetesSkipAwait": '["Service"]',
            "doku:managementUrl": "http://doku.internal:9044",
            "doku:allowPlainHttp": "true",
        },
    ] as Array<Record<string, string>>)("accepts %j", (extra) => {
        expect(() => load(kube(extra))).not.toThrow();
    });

    it("refuses a LoadBalancer whose Service is not awaited (its address would never be known)", () => {
        expect(
            problems(
                kube({ "doku:serviceType": "LoadBalancer", "doku:kubernetesSkipAwait": '["Service","Deployment"]' }),
            ),
        ).toEqual([
            "doku:kubernetesSkipAwait: got Service with doku:serviceType LoadBalancer and neither doku:ingressHost" +
                " nor doku:managementUrl; " +
                "expected Service to be awaited (else the load balancer's address is never known), " +
                "or doku:ingressHost or doku:managementUrl to be set",
        ]);
    });

    it("does not apply to the other targets", () => {
        expect(() => load(minimalConfig())).not.toThrow();
    });
});

describe("datadog:apiUrl must agree with doku:datadogSite", () => {
    it("rejects another site's API URL, naming both keys and the expected value", () => {
        expect(
            problems(
                minimalConfig({ "doku:datadogSite": "datadoghq.eu", "datadog:apiUrl": "https://api.datadoghq.com/" }),
            ),
        ).toEqual([
            'datadog:apiUrl: got "https://api.datadoghq.com/"; expected https://api.datadoghq.eu/ to match' +
                " doku:datadogSite (datadoghq.eu), " +
                "or leave datadog:apiUrl unset (it follows doku:datadogSite)",
        ]);
        expect(problems(minimalConfig({ "datadog:apiUrl": "https://api.us5.datadoghq.com" }))[0]).toMatch(
            new RegExp(
                '^datadog:apiUrl: got "https://api\\.us5\\.datadoghq\\.com"; ' +
                    "expected https://api\\.datadoghq\\.com/ to match doku:datadogSite \\(datadoghq\\.com\\)",
            ),
        );
    });

    it.each(["https://api.us5.datadoghq.com/", "https://api.us5.datadoghq.com"])(
        "accepts %j for us5 (a trailing" + " slash or not)",
        (apiUrl) => {
            expect(() =>
                load(minimalConfig({ "doku:datadogSite": "us5.datadoghq.com", "datadog:apiUrl": apiUrl })),
            ).not.toThrow();
        },
    );
});

describe("numbers are decimal, finite and bounded", () => {
    it.each([
        ["replicas", "0x3", 'doku:replicas: got "0x3"; expected a decimal number'],
        ["silenceMinutes", "0b1010", 'doku:silenceMinutes: got "0b1010"; expected a decimal number'],
        ["dailyBudget", "Infinity", 'doku:dailyBudget: got "Infinity"; expected a decimal number'],
        ["tokensCritical", "1e400", 'doku:tokensCritical: got "1e400"; expected a finite number'],
        ["hourlyBudget", "1e300", "doku:hourlyBudget: got 1e+300; expected at most 1000000 USD"],
        ["dailyBudget", "2000000", "doku:dailyBudget: got 2000000; expected at most 1000000 USD"],
        ["latencyCriticalSeconds", "86400", "doku:latencyCriticalSeconds: got 86400; expected at most 3600 seconds"],
        ["tokenThreshold", "1e9", "doku:tokenThreshold: got 1000000000; expected at most 10000000 tokens"],
        ["requestDurationThreshold", "7200", "doku:requestDurationThreshold: got 7200; expected at most 3600 seconds"],
        ["renotifyMinutes", "100000", "doku:renotifyMinutes: got 100000; expected at most 10080 minutes (a week)"],
    ])("doku:%s %j", (key, value, message) => {
        expect(problems(minimalConfig({ [`doku:${key}`]: value }))).toEqual([message]);
    });

    it("still reads decimals, signs, exponents and surrounding spaces", () => {
        const args = load(
            minimalConfig({
                "doku:hourlyBudget": " 12.5 ",
                "doku:dailyBudget": "1e3",
                "doku:budgetWarningRatio": ".75",
            }),
        );
        expect(args.monitors).toMatchObject({ hourlyBudget: 12.5, dailyBudget: 1000, budgetWarningRatio: 0.75 });
    });

    it("cuts a long value to 80 characters in the message", () => {
        const [problem] = problems(minimalConfig({ "doku:environment": "x".repeat(10_000) }));
        expect(problem).toBe(
            `doku:environment: got "${"x".repeat(79)}…; ` +
                "expected a tag value such as prod (letters, digits, _ . -)",
        );
    });
});

describe("URLs never carry credentials", () => {
    it.each(["ingesterUrl", "pricingUrl", "managementUrl"])(
        "doku:%s with user:password is rejected without echoing" + " them",
        (key) => {
            const found = problems(
                minimalConfig({
                    "doku:target": "external",
                    "doku:ingesterUrl": "https://doku.example.com",
                    [`doku:${key}`]: "https://admin:hunter2-pw@doku.example.com/x",
                }),
            );
            expect(found).toEqual([
                `doku:${key}: got "https://***@doku.example.com/x"; ` +
                    "expected a URL without a user name or password (credentials never go in a URL here)",
            ]);
            expect(found.join("\n")).not.toMatch(/admin|hunter2/);
        },
    );

    it("a token as the user name is masked too", () => {
        const config = minimalConfig({ "doku:pricingUrl": "https://ghp_token123@mirror.example.com/p.json" });
        expect(problems(config)).toEqual([
            'doku:pricingUrl: got "https://***@mirror.example.com/p.json"; expected a URL without a user name or' +
                " password (credentials never go in a URL here)",
        ]);
    });

    it("the shared schema the DokuIngester component checks its arguments with rejects them too", () => {
        const problem = fieldProblem(
            "args.ingesterUrl",
            "http://admin:pw@doku.internal:9044",
            CONFIG_KEYS.ingesterUrl.schema,
        );
        expect(problem).toBe(
            'args.ingesterUrl: got "http://***@doku.internal:9044"; expected a URL without a user' +
                " name or password (credentials never go in a URL here)",
        );
    });
});

describe("keys that do not apply to the target are reported", () => {
    const warnings = () => warn.mock.calls.map((call) => call[0]);

    it("warns for a Docker key on Kubernetes and a Kubernetes key on external, naming key and target", () => {
        load(kube({ "doku:managementUrl": "http://localhost:9044", "doku:ingesterHostPort": "19044" }));
        expect(warnings()).toEqual([
            "doku:ingesterHostPort is ignored with doku:target kubernetes: it applies to" + " target docker only",
        ]);
        warn.mockClear();
        load(
            minimalConfig({
                "doku:target": "external",
                "doku:ingesterUrl": "https://doku.example.com",
                "doku:replicas": "3",
                "doku:ui": "true",
            }),
        );
        expect(warnings()).toEqual([
            "doku:ui is ignored with doku:target external: it applies to target docker and kubernetes only",
            "doku:replicas is ignored with doku:target external: it applies to target kubernetes only",
        ]);
    });

    it("warns for doku:ingesterUrl outside external, and for a secret without its value", () => {
        load(minimalConfig({ "doku:ingesterUrl": "https://doku.example.com" }));
        expect(warnings()).toEqual([
            "doku:ingesterUrl is ignored with doku:target docker: it applies to target" + " external only",
        ]);
        warn.mockClear();
        load(
            minimalConfig({
                "doku:target": "external",
                "doku:ingesterUrl": "https://doku.example.com",
                "doku:clickhousePassword": "ch-password-a81f22c9d0e4b7",
            }),
        );
        expect(warnings()).toEqual([
            "doku:clickhousePassword is ignored with doku:target external: it applies to" +
                " target docker and kubernetes only",
        ]);
    });

    it(
        "stays quiet about a value equal to the default Pulumi.yaml declares (the CLI copies those into every" +
            " stack)",
        () => {
            load(
                minimalConfig({
                    "doku:namespace": "doku",
                    "doku:replicas": "1",
                    "doku:kubernetesSkipAwait": "[]",
                    "doku:ingesterHostPort": "9044",
                }),
            );
            expect(warnings()).toEqual([]);
        },
    );
});

describe("Kubernetes object names that are DNS subdomains (StorageClass, IngressClass, Secret)", () => {
    it.each(["gp3.encrypted", "standard", "managed-csi", "a".repeat(63)])("accept %j", (name) => {
        expect(k8sSubdomainName.safeParse(name).success).toBe(true);
    });

    it("doku:storageClass, doku:ingressClassName and doku:ingressTlsSecret take them", () => {
        const args = load(
            kube({
                "doku:managementUrl": "http://localhost:9044",
                "doku:storageClass": "gp3.encrypted",
                "doku:ingressHost": "doku.example.com",
                "doku:ingressClassName": "nginx.internal",
                "doku:ingressTlsSecret": "doku.example.com-tls",
            }),
        );
        expect(args.kubernetes?.storageClass).toBe("gp3.encrypted");
        expect(args.kubernetes?.ingress?.className).toBe("nginx.internal");
        expect(args.kubernetes?.ingress?.tlsSecret).toBe("doku.example.com-tls");
    });

    it("doku:managementUrl is a base URL: a query is refused without being shown", () => {
        expect(() => load(kube({ "doku:managementUrl": "https://doku.example.com/?token=abc" }))).toThrow(
            /doku:managementUrl: .*\?\*\*\*/,
        );
    });

    it.each(["Gp3", "gp3..encrypted", ".gp3", "gp3.", "gp3_x", "a".repeat(64), `${"a.".repeat(127)}a`])(
        "refuse %j, saying what is expected",
        (name) => {
            expect(fieldProblem("doku:storageClass", name, k8sSubdomainName)).toBe(
                `doku:storageClass: got ${showValue(name)}; ` +
                    "expected a Kubernetes name (lower-case letters, digits, '-' and '.', at most 253)",
            );
        },
    );
});

describe("the Pod Security level and the UI", () => {
    it("refuses restricted with the UI on (its image runs as root), naming both keys", () => {
        expect(
            problems(
                kube({
                    "doku:managementUrl": "http://localhost:9044",
                    "doku:podSecurityLevel": "restricted",
                    "doku:ui": "true",
                }),
            ),
        ).toEqual([
            'doku:podSecurityLevel: got "restricted" with doku:ui true; the UI image runs as root, which the ' +
                "restricted level refuses: expected baseline (the default with the UI), or the UI off",
        ]);
    });
    it.each([
        { "doku:podSecurityLevel": "restricted" },
        { "doku:podSecurityLevel": "baseline", "doku:ui": "true" },
        { "doku:ui": "true" },
    ] as Array<Record<string, string>>)("accepts %j", (extra) => {
        expect(() => load(kube({ "doku:managementUrl": "http://localhost:9044", ...extra }))).not.toThrow();
    });
});
