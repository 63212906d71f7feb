import { instrument, type Recorder, type Sink } from "@toolwright/analytics";
import type { Catalog, HttpAppOptions } from "@toolwright/server";
import { demoAnalytics } from "./analytics.js";
import { demoCatalog } from "./catalog.js";
import { demoFlags } from "./flags.js";
import type { Settings } from "./settings.js";

/** The options both transports share, plus the analytics recorder to flush on shutdown. */
export interface DemoServer {
  options: HttpAppOptions;
  catalog: Catalog;
  analytics: Recorder | null;
}

/** What a caller (e.g. a test) may swap: where analytics events go, with the recorder configured as deployed. */
export interface DemoServerOverrides {
  analyticsSink?: Sink;
}

/** Builds the demo MCP server's options from its settings. */
export function demoServer(settings: Settings, overrides: DemoServerOverrides = {}): DemoServer {
  const catalog = demoCatalog();
  const analytics = demoAnalytics(settings, catalog, overrides.analyticsSink);
  const options: HttpAppOptions = {
    catalog,
    upstream: settings.TOOLWRIGHT_UPSTREAM,
    name: "toolwright-demo",
    instructions:
      "Tools for the Toolwright demo product-analytics API. Call whoami to see your project and scopes. Tools that change many people at once ask for an acknowledged count or a confirmation token: show the user the numbers before you confirm.",
    confirmation:
      settings.TOOLWRIGHT_CONFIRM_SECRET === undefined ? {} : { secret: settings.TOOLWRIGHT_CONFIRM_SECRET },
    view: { mode: settings.TOOLWRIGHT_MODE },
    flags: demoFlags(settings),
    ...(settings.TOOLWRIGHT_APP_URL ? { appBaseUrl: settings.TOOLWRIGHT_APP_URL } : {}),
    ...(settings.TOOLWRIGHT_PUBLIC_URL ? { publicUrl: settings.TOOLWRIGHT_PUBLIC_URL } : {}),
    ...(settings.TOOLWRIGHT_ALLOWED_ORIGINS ? { allowedOrigins: settings.TOOLWRIGHT_ALLOWED_ORIGINS } : {}),
    ...(analytics ? { instrument: (server) => void instrument(server, analytics) } : {}),
  };
  return { options, catalog, analytics };
}
