/**
 * @file The Pulumi program: read and validate the stack's configuration, then build
 * the whole stack from it. Nothing is registered when the configuration is invalid.
 */
import { DokuObservability } from "./components/dokuObservability";
import { loadConfig } from "./config/load";

const doku = new DokuObservability("doku", loadConfig());

export const ingesterUrl = doku.ingesterUrl;
export const managementUrl = doku.managementUrl;
export const dashboardId = doku.dashboardId;
export const dashboardUrl = doku.dashboardUrl;
export const datadogSite = doku.datadogSite;
export const dokuApiKey = doku.dokuApiKey;
