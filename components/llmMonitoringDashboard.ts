import * as datadog from "@pulumi/datadog";
import * as pulumi from "@pulumi/pulumi";
import { DashboardDefinition, LlmMonitoringOptions, llmMonitoringDashboard, validateOptions } from "../dashboards/llmMonitoring";
import { DatadogSite, dashboardUrl, siteProblem } from "../dashboards/sites";
import { plainValue, throwIfInvalid } from "./validation";

/** Arguments of `LlmMonitoringDashboard`: the dashboard's options (all optional) and the Datadog site. */
export interface LlmMonitoringDashboardArgs extends LlmMonitoringOptions {
    /** Datadog site the dashboard lives on; decides `dashboardUrl`. Default: `datadoghq.com`. */
    readonly datadogSite?: pulumi.Input<DatadogSite>;
}

const TYPE = "doku:dashboards:LlmMonitoringDashboard";

/** The "Doku - LLM Monitoring" dashboard as a typed `datadog.Dashboard`. */
export class LlmMonitoringDashboard extends pulumi.ComponentResource {
    /** The typed definition the dashboard was created from (export it with `exportDashboard`). */
    readonly definition: DashboardDefinition;
    readonly dashboard: datadog.Dashboard;
    readonly dashboardId: pulumi.Output<string>;
    /** Full link on the configured site, e.g. `https://app.datadoghq.eu/dashboard/abc-def-ghi`. */
    readonly dashboardUrl: pulumi.Output<string>;

    constructor(name: string, args: LlmMonitoringDashboardArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);

        const { datadogSite, ...options } = args;
        const problems = validateOptions(options, "args");
        const site = plainValue(datadogSite);
        const badSite = site === undefined ? undefined : siteProblem("args.datadogSite", site);
        throwIfInvalid(TYPE, name, badSite === undefined ? problems : [...problems, badSite]);

        this.definition = llmMonitoringDashboard(options);
        this.dashboard = new datadog.Dashboard(`${name}-dashboard`, this.definition, { parent: this });
        this.dashboardId = this.dashboard.id;
        this.dashboardUrl = pulumi
            .all([pulumi.output(datadogSite ?? "datadoghq.com"), this.dashboard.id])
            .apply(([s, id]) => dashboardUrl(s, id));

        this.registerOutputs({ dashboardId: this.dashboardId, dashboardUrl: this.dashboardUrl });
    }
}
