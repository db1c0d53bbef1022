import fs from "node:fs";
import path from "node:path";
import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import compression from "compression";
import express from "express";
import type { Server } from "node:http";
import type { GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";
import type { RequestContext } from "../common/request-context";
import { RESPONSE_CACHE_DEFAULTS, type ResponseCacheSettings } from "../config/config";
import { shareDataVersions } from "../cache/data-version-channel";
import { createResponseCache } from "../cache/response-cache";
import type { SharedCache } from "../cache/shared-cache";
import type { ImportLimits } from "../db/import/import-limits";
import { responseVersionOf, type DataStateCache } from "../semantic";
import { responseCachePlugin } from "./response-cache.plugin";
import { apolloGuards, assertEveryRootFieldCosted, judgeGraphqlRequests } from "./request-guards";
import { errorMaskingPlugin } from "./error-masking.plugin";
import { connectionFailureStatusPlugin } from "./connection-failure-status.plugin";
import { answerNotFound, answerUnhandledErrors, methodNotAllowed, onlyMethods } from "./error-handler";
import { connectionsPerRequest } from "./request-connections.middleware";
import { poolLimitsOf } from "../db/data-source";
import { graphqlGetCache } from "./graphql-get-cache";
import { PLACEHOLDER_PAGE } from "./placeholder-page";
import { serveDashboard } from "./dashboard-files";
import { authenticateRequests } from "../auth/authenticate.middleware";
import { rateLimit } from "./rate-limit";
import { TokenVerdicts } from "./token-verdicts";
import { securityHeaders } from "./security-headers";
import { allowAnonymousReadsFromAnyOrigin, refuseCrossOriginTokens, sameOriginOnly } from "./cross-origin";
import { graphqlBody } from "./graphql-body";
import { csvExport } from "./csv-export";
import { revisionsCsv } from "./revisions-csv";
import { adminImport, refuseImportWhenReadOnly } from "./admin-import";
import { graphqlIde } from "./graphql-ide";
import { createLogger, type Logger } from "../observability/logger";
import { enableServerMetrics, metricsRegistry } from "../observability/metrics";
import { metricsPlugin } from "../observability/metrics.plugin";
import { checkReadiness } from "../observability/readiness";
import { linkContext, noteOperation, observeRequests } from "../observability/request-log.middleware";

const CLIENT_DIST = path.resolve(import.meta.dirname, "../../../client/dist");

export interface HttpApp {
  app: express.Express;
  apollo: ApolloServer<RequestContext>;
}

/** What is served: the schema, and the data-version cache its services share (ETags and the response cache key on it). */
export interface ServedApi {
  schema: GraphQLSchema;
  state: DataStateCache;
}

/** GraphQL at /graphql, the built dashboard (or a placeholder) at /. */
export interface HttpOptions {
  /** Requests a minute per public client address (0: no limit, as in tests). */
  rateLimitPerMinute?: number;
  /** Proxies in front whose X-Forwarded-For is trusted for the client address. */
  trustProxyHops?: number;
  /** Where JSON log lines go, at LOG_LEVEL (main passes one); default: warnings and errors to standard output, no access lines. */
  logger?: Logger;
  /** Answers to public reads kept in this process; default RESPONSE_CACHE_DEFAULTS. */
  responseCache?: ResponseCacheSettings;
  /** Redis (REDIS_URL): answers shared with the other instances, and loads announced to them. */
  shared?: SharedCache;
  /** Plausible dates and the benefit ceiling of POST /admin/import; default IMPORT_LIMIT_DEFAULTS. */
  importLimits?: ImportLimits;
  /** Where token checks and /readyz read (the replicas, DATABASE_READ_URL); default: the data source written to. */
  reads?: DataSource;
  /** READ_ONLY=1: imports are refused and token checks write nothing. */
  readOnly?: boolean;
}

export async function createHttpApp(
  { schema, state }: ServedApi,
  dataSource: DataSource,
  httpServer: Server,
  options: HttpOptions = {},
): Promise<HttpApp> {
  const logger = options.logger ?? createLogger({ level: "warn" });
  enableServerMetrics(dataSource);
  const { shared } = options;
  if (shared) shareDataVersions(state, shared.channel);
  const answers = createResponseCache(options.responseCache ?? RESPONSE_CACHE_DEFAULTS, shared?.store);
  const pool = poolLimitsOf(dataSource);
  const reads = options.reads ?? dataSource;
  assertEveryRootFieldCosted(schema);
  const guards = apolloGuards();
  const apollo = new ApolloServer<RequestContext>({
    schema,
    // Reads only: a GET cannot run a mutation, so GET needs no CSRF preflight and a CDN can cache it.
    csrfPrevention: false,
    includeStacktraceInErrorResponses: false,
    parseOptions: guards.parseOptions,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...guards.plugins,
      ApolloServerPluginLandingPageDisabled(),
      // Caching headers are ours (ETag and Cache-Control from the data version), not Apollo's per-field hints.
      ApolloServerPluginCacheControlDisabled(),
      errorMaskingPlugin(logger, pool),
      ...(answers ? [responseCachePlugin(answers, state)] : []),
      // After error masking, these read the codes the client gets: the HTTP status, then the outcome.
      connectionFailureStatusPlugin(),
      metricsPlugin(noteOperation),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  app.use(observeRequests(logger));
  // On every answer, errors included: nosniff, the Content-Security-Policy, no framing but embed views.
  app.use(securityHeaders());
  // Answers compressed as the client accepts (brotli first, `Vary: Accept-Encoding`): GraphQL's JSON
  // shrinks about tenfold. The dashboard's files come already compressed (dashboard-files.ts) and
  // are passed through; compression's threshold leaves answers under 1 KB as they are.
  app.use(compression());
  // /healthz: the process answers. /readyz: the database answers, no migration is pending, a dataset is loaded.
  app.get("/healthz", (_req, res) => res.json({ status: "ok" }));
  app.get("/readyz", async (_req, res) => {
    const { ready, checks } = await checkReadiness(reads);
    // Listed but not counted: without Redis the instance still serves, caching in its own memory.
    const redis = shared ? { redis: shared.status() } : {};
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not ready", checks: { ...checks, ...redis } });
  });
  app.get("/metrics", async (_req, res) => {
    res.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });
  // With the newest release: a publication changes what the public reads by default.
  const currentVersion = async () => responseVersionOf(await state.current());
  app.set("trust proxy", options.trustProxyHops ?? 0);
  const contextOf = (req: express.Request, res: express.Response): RequestContext =>
    linkContext(
      {
        requestId: res.locals.requestId,
        locale: String(req.headers["accept-language"] ?? "vi").startsWith("en") ? "en" : "vi",
        role: res.locals.role ?? "public",
      },
      res,
    );
  // The limit before authentication: a bad token is refused by the database, and the limit is what
  // keeps an address from asking it without end (see rate-limit.ts). Both share what they learn of tokens.
  const verdicts = new TokenVerdicts();
  const limit = rateLimit({ perMinute: options.rateLimitPerMinute ?? 0, verdicts, redis: shared?.redis });
  const authenticate = authenticateRequests({ reads, writes: options.readOnly ? undefined : dataSource }, verdicts);
  // Anonymous reads from any origin, preflights answered here; tokens and /admin from this origin only.
  app.use(["/graphql", "/export.csv", "/revisions.csv"], allowAnonymousReadsFromAnyOrigin(), refuseCrossOriginTokens);
  app.use("/admin", sameOriginOnly);
  app.get("/export.csv", limit, authenticate, connectionsPerRequest(), csvExport(schema, contextOf, logger, pool));
  app.get("/revisions.csv", limit, authenticate, connectionsPerRequest(), revisionsCsv(schema, contextOf));
  app.post(
    "/admin/import",
    limit,
    authenticate,
    options.readOnly
      ? refuseImportWhenReadOnly
      : adminImport(dataSource, async (dataVersion) => shared?.channel.announce(dataVersion), options.importLimits),
  );
  app.all(["/export.csv", "/revisions.csv", "/healthz", "/readyz", "/metrics"], methodNotAllowed("GET, HEAD"));
  app.all("/admin/import", methodNotAllowed("POST"));
  app.use(
    "/graphql",
    onlyMethods("GET", "POST"),
    limit,
    authenticate,
    graphqlIde(CLIENT_DIST),
    graphqlGetCache(currentVersion),
    graphqlBody(),
    // Judged before Apollo: a hostile document is refused in milliseconds (request-guards.ts).
    judgeGraphqlRequests(schema),
    connectionsPerRequest(),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => contextOf(req, res),
    }),
  );
  if (fs.existsSync(path.join(CLIENT_DIST, "index.html"))) {
    serveDashboard(app, CLIENT_DIST, state);
  } else {
    app.get("/", (_req, res) => res.type("html").send(PLACEHOLDER_PAGE));
  }
  // Whatever no route answered, and every error: JSON with a code, never Express's HTML page.
  app.use(answerNotFound);
  app.use(answerUnhandledErrors(logger, pool));
  return { app, apollo };
}
