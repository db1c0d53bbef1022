import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { Server } from "node:http";
import type { GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";
import type { RequestContext } from "../common/request-context";
import { PLACEHOLDER_PAGE } from "./placeholder-page";

const CLIENT_DIST = path.resolve(import.meta.dirname, "../../../client/dist");

export interface HttpApp {
  app: express.Express;
  apollo: ApolloServer<RequestContext>;
}

/** GraphQL at /graphql, the built dashboard (or a placeholder) at /. */
export async function createHttpApp(schema: GraphQLSchema, dataSource: DataSource, httpServer: Server): Promise<HttpApp> {
  const apollo = new ApolloServer<RequestContext>({
    schema,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  // /healthz: the process answers. /readyz: the database answers and a dataset is loaded.
  app.get("/healthz", (_req, res) => res.json({ status: "ok" }));
  app.get("/readyz", async (_req, res) => {
    try {
      const [row] = await dataSource.query("SELECT count(*)::int AS n FROM dataset WHERE is_current");
      const ready = row.n > 0;
      res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "no dataset loaded" });
    } catch {
      res.status(503).json({ status: "database unavailable" });
    }
  });
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<RequestContext> => ({
        requestId: String(req.headers["x-request-id"] ?? randomUUID()),
        locale: String(req.headers["accept-language"] ?? "vi").startsWith("en") ? "en" : "vi",
        dataSource,
      }),
    }),
  );
  if (fs.existsSync(path.join(CLIENT_DIST, "index.html"))) {
    app.use(express.static(CLIENT_DIST));
  } else {
    app.get("/", (_req, res) => res.type("html").send(PLACEHOLDER_PAGE));
  }
  return { app, apollo };
}
