"""DokuObservability from Python, on an ingester you already run (target external).

The `pulumi_doku` module is the SDK `pulumi package add` generates from the package's schema; its
properties are the TypeScript names in snake_case (ingesterUrl -> ingester_url).
"""
import pulumi
import pulumi_doku as doku

config = pulumi.Config()
observability = doku.DokuObservability(
    "doku",
    target="external",
    ingester_url=config.require("ingesterUrl"),
    datadog_site="datadoghq.eu",
    datadog_api_key=config.require_secret("datadogApiKey"),
    datadog_app_key=config.require_secret("datadogAppKey"),
)

pulumi.export("ingesterUrl", observability.ingester_url)
pulumi.export("dashboardUrl", observability.dashboard_url)
pulumi.export("datadogSite", observability.datadog_site)
pulumi.export("dokuApiKey", observability.doku_api_key)
