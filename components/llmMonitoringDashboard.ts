/** @file LlmMonitoringDashboard: the "Doku - LLM Monitoring" dashboard as a typed `datadog.Dashboard`. */
import * as datadog from "@pulumi/datadog";
import * as pulumi from "@pulumi/pulumi";
import {
    DashboardDefinition,
    LlmMonitoringOptions,
    llmMonitoringDashboard,
    validateOptions,
} from "../dashboards/llmMonitoring";
import { CONFIG_DEFAULTS } from "../config/defaults";
import { DatadogSite, dashboardUrl, siteProblem } from "../datadog/sites";
import { argsProblem } from "./argumentShape";
import { plainValue, throwIfInvalid } from "./validation";

/** Arguments of `LlmMonitoringDashboard`: the dashboard's options (all optional) and the Datadog site. */
export interface LlmMonitoringDashboardArgs extends LlmMonitoringOptions {
    /** Datadog site the dashboard lives on; decides `dashboardUrl`. Default: `datadoghq.com`. */
    readonly datadogSite?: pulumi.Input<DatadogSite>;
}

const TYPE = "doku:dashboards:LlmMonitoringDashboard";

/**
 * Each component's definition. A getter over this map, not a property: the component-package analyzer
 * (@pulumi/pulumi provider/experimental/analyzer.js, analyzeSymbols) treats every class property as an
 * output, and refuses the definition's intersection type.
 */
const DEFINITIONS = new WeakMap<LlmMonitoringDashboard, DashboardDefinition>();

/** The "Doku - LLM Monitoring" dashboard as a typed `datadog.Dashboard`. */
export class LlmMonitoringDashboard extends pulumi.ComponentResource {
    /** The typed definition the dashboard was created from (export it with `exportDashboard`). */
    get definition(): DashboardDefinition {
        return DEFINITIONS.get(this)!;
    }
    /** The dashboard resource. */
    readonly dashboard: datadog.Dashboard;
    /** The dashboard's id. */
    readonly dashboardId: pulumi.Output<string>;
    /** Full link on the configured site, e.g. `https://app.datadoghq.eu/dashboard/abc-def-ghi`. */
    readonly dashboardUrl: pulumi.Output<string>;

    constructor(name: string, args: LlmMonitoringDashboardArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);

        const notAnObject = argsProblem(args, "an object (every field is optional)");
        throwIfInvalid(TYPE, name, notAnObject === undefined ? [] : [notAnObject]);
        // validateOptions knows every option (LlmMonitoringOptions): any other field is reported unknown.
        const { datadogSite, ...options } = args;
        const problems = validateOptions(options, "args");
        const site = plainValue(datadogSite);
        const badSite = site === undefined ? undefined : siteProblem("args.datadogSite", site);
        throwIfInvalid(TYPE, name, badSite === undefined ? problems : [...problems, badSite]);

        const definition = llmMonitoringDashboard(options);
        DEFINITIONS.set(this, definition);
        this.dashboard = new datadog.Dashboard(`${name}-dashboard`, definition, { parent: this });
        this.dashboardId = this.dashboard.id;
        this.dashboardUrl = pulumi
            .all([pulumi.output(datadogSite ?? CONFIG_DEFAULTS.datadogSite), this.dashboard.id])
            .apply(([site, id]) => dashboardUrl(site, id));

        this.registerOutputs({ dashboardId: this.dashboardId, dashboardUrl: this.dashboardUrl });
    }
}
