import type { ApolloServer } from "@apollo/server";
import type { Request, Response } from "express";
import type { RequestContext } from "../common/request-context";
import type { Logger } from "../observability/logger";
import type { DataStateCache } from "../semantic";
import type { FirstPageParts } from "./first-page";

/**
 * The overview's first answer and chart (first-page.ts), loaded only beside a built dashboard: they
 * run the client's own modules (client/src, its generated types, ECharts, vue-i18n). Where those are
 * not there (an image with the built files only), the dashboard is served as before, without them,
 * and the log says why: a missing nicety must never keep the API from starting.
 */
export async function firstPagesIfAvailable(
  apollo: ApolloServer<RequestContext>,
  data: DataStateCache,
  contextOf: (req: Request, res: Response) => RequestContext,
  logger: Logger,
): Promise<((req: Request, res: Response) => Promise<FirstPageParts | undefined>) | undefined> {
  try {
    const { firstPages } = await import("./first-page");
    return firstPages(apollo, data, contextOf);
  } catch (error) {
    logger.warn("the overview's first answer is off: the client's modules cannot be loaded", {
      error: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
}
