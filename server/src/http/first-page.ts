import { setTimeout as sleep } from "node:timers/promises";
import type { ApolloServer } from "@apollo/server";
import type { Request, Response } from "express";
import { parseState } from "../../../client/src/state/dashboard-state";
import { SharedComputations } from "../cache/lru";
import type { RequestContext } from "../common/request-context";
import { responseVersionOf, type DataStateCache } from "../semantic";
import { askFirstAnswer, type FirstAnswer } from "./first-answer";

/**
 * How long the page waits for its first answer: a warm one takes milliseconds (the response cache and
 * the drawing made once per data version); a cold one after a load about a second at full scale.
 */
export const FIRST_ANSWER_WAIT_MS = 2000;

/** What goes into the overview's HTML: a `<meta>` in the head, a `<template>` before the app. */
export interface FirstPageParts {
  head: string;
  body: string;
}

const escapeAttribute = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The first answer as markup the Content-Security-Policy accepts (no inline script, not even a JSON
 * data block): the answers as JSON in a `<meta>` element's content, as ECharts' chunk addresses are
 * given, and the first chart's SVG in an inert `<template>`, shown by the client (first-answer.ts).
 */
export function firstPageParts(answer: FirstAnswer): FirstPageParts {
  const { chart, ...answers } = answer;
  const head = `<meta name="first-answer" content="${escapeAttribute(JSON.stringify(answers))}" />`;
  const body = chart
    ? `<template id="first-chart" data-drawn-chart="${chart.id}" data-version="${escapeAttribute(answer.dataVersion)}" ` +
      `data-width="${chart.width}" data-height="${chart.height}" data-lang="${chart.lang}" ` +
      `data-question="${escapeAttribute(JSON.stringify(chart.fields))}" ` +
      `data-description="${escapeAttribute(chart.description)}">${chart.svg}</template>`
    : "";
  return { head, body };
}

/** The overview at its default state, in one language: anything else in the address has no first answer. */
function defaultStateOf(req: Request) {
  if (req.path !== "/") return undefined;
  const state = parseState(req.query as Record<string, string>);
  const { lang, options, ...narrowing } = state;
  if (Object.values(narrowing).some((v) => v !== undefined) || Object.keys(options).length) return undefined;
  return { ...state, lang };
}

/**
 * The parts for a request of `/`, made once per response version (the live data version and the
 * newest release: what the public reads by default, so a load or a publication makes them anew, as
 * it does the response cache's answers), API language and page language (drawing
 * the chart costs tens of milliseconds; the answers come from the response cache). Undefined when
 * the page is not the overview at its default state, or when the API could not answer: the page
 * then asks GraphQL as it always did.
 */
export function firstPages(
  apollo: ApolloServer<RequestContext>,
  data: DataStateCache,
  contextOf: (req: Request, res: Response) => RequestContext,
  waitMs = FIRST_ANSWER_WAIT_MS,
): (req: Request, res: Response) => Promise<FirstPageParts | undefined> {
  const made = new SharedComputations<FirstPageParts>(8);
  return async (req, res) => {
    const state = defaultStateOf(req);
    if (!state) return undefined;
    try {
      const context = contextOf(req, res);
      const version = responseVersionOf(await data.current());
      const parts = made.get(`${version}|${context.locale}|${state.lang}`, async () => {
        const answer = await askFirstAnswer(apollo, context, state);
        // Thrown, not kept: the next request asks again (SharedComputations forgets a failure).
        if (!answer) throw new Error("the API gave no first answer");
        return firstPageParts(answer);
      });
      // The page never waits long for its figures: past the budget it goes without (they are made for the next reader).
      const answered = new AbortController();
      const late = sleep(waitMs, undefined, { signal: answered.signal }).catch(() => undefined);
      return await Promise.race([parts, late]).finally(() => answered.abort());
    } catch {
      // The database is away: the page is served without, and its GraphQL requests report the outage.
      return undefined;
    }
  };
}
