import { HeaderMap } from "@apollo/server";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { QueryFailedError } from "typeorm";
import { describe, expect, it } from "vitest";
import { connectionFailureOf } from "../../../server/src/db/connection-failure";
import { connectionFailureStatusPlugin } from "../../../server/src/http/connection-failure-status.plugin";

/** Which errors mean "the database could not answer", and the HTTP status an answer gets for them. */
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const refused = withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED");

describe("connectionFailureOf", () => {
  it.each([
    ["a pool wait that ran out", new Error("timeout exceeded when trying to connect"), "busy"],
    [
      "the same, as GraphQL hands it over",
      new GraphQLError("x", { originalError: new Error("timeout exceeded when trying to connect") }),
      "busy",
    ],
    ["a refused connection", refused, "unavailable"],
    ["a host name whose every address refused", new AggregateError([refused, refused]), "unavailable"],
    [
      "a session ended by a fast shutdown",
      withCode("terminating connection due to administrator command", "57P01"),
      "unavailable",
    ],
    ["a database still starting", withCode("the database system is starting up", "57P03"), "unavailable"],
    [
      "a socket closed under a query",
      new QueryFailedError("SELECT 1", [], new Error("Connection terminated unexpectedly")),
      "unavailable",
    ],
    [
      "a new connection not open in time",
      new Error("Connection terminated due to connection timeout", { cause: new Error("x") }),
      "unavailable",
    ],
    ["a statement timeout", withCode("canceling statement due to statement timeout", "57014"), undefined],
    [
      "a query PostgreSQL refused",
      new QueryFailedError("SELEC 1", [], withCode('syntax error at or near "SELEC"', "42601")),
      undefined,
    ],
    ["a bug", new TypeError("x is undefined"), undefined],
    ["not an error", "ECONNREFUSED", undefined],
  ])("%s", (_what, error, expected) => {
    expect(connectionFailureOf(error)).toBe(expected);
  });
});

describe("the HTTP status of an answer the database could not give", () => {
  const error = (code: string, extra: Record<string, unknown> = {}): GraphQLFormattedError => ({
    message: code,
    extensions: { code, ...extra },
  });

  async function statusOf(data: Record<string, unknown> | null, errors: GraphQLFormattedError[]) {
    const response = {
      http: { status: undefined as number | undefined, headers: new HeaderMap() },
      body: { kind: "single", singleResult: { data, errors } },
    };
    const listener = await connectionFailureStatusPlugin().requestDidStart!({} as never);
    await listener!.willSendResponse!({ response } as never);
    return {
      status: response.http.status,
      retryAfter: response.http.headers.get("retry-after"),
      cacheControl: response.http.headers.get("cache-control"),
    };
  }

  it("503 when no field has data and every error is the database's; Retry-After when it was busy", async () => {
    expect(await statusOf(null, [error("DATABASE_UNAVAILABLE")])).toEqual({
      status: 503,
      retryAfter: undefined,
      cacheControl: "no-store",
    });
    expect(
      await statusOf({ a: null, b: null }, [error("SERVER_BUSY", { retryAfter: 3 }), error("DATABASE_UNAVAILABLE")]),
    ).toEqual({ status: 503, retryAfter: "3", cacheControl: "no-store" });
  });

  it("200 with some data, or with an error of another kind beside it; still never cached", async () => {
    expect(await statusOf({ a: { x: 1 }, b: null }, [error("SERVER_BUSY", { retryAfter: 1 })])).toEqual({
      status: undefined,
      retryAfter: undefined,
      cacheControl: "no-store",
    });
    expect(await statusOf(null, [error("DATABASE_UNAVAILABLE"), error("BAD_USER_INPUT")])).toEqual({
      status: undefined,
      retryAfter: undefined,
      cacheControl: "no-store",
    });
  });

  it("leaves answers without a transient error alone", async () => {
    expect(await statusOf(null, [error("BAD_USER_INPUT")])).toEqual({
      status: undefined,
      retryAfter: undefined,
      cacheControl: undefined,
    });
  });
});
