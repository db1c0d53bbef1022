import { FIELDS, SOLUTION_TYPES } from "../reference/catalogues";
import { CALIBRATION, WORKER_CATEGORY_ORDER } from "./calibration";
import type { Allocation } from "./allocation.builder";
import { Rng } from "./random";

const model = CALIBRATION.model;
const COVID_SOLUTION = SOLUTION_TYPES.findIndex((s) => s.code === "COVID_PREVENTION");
const COVID_FIELD = FIELDS.findIndex((f) => f.code === "COVID_PREVENTION");

export interface Attributes {
  /** Catalogue ids (1-based). */
  solutionType: Uint8Array;
  field: Uint8Array;
  coAuthors: Uint8Array;
}

/** Solution type and field follow the submitter's category; COVID-19 work fades after phase 1. */
export function assignAttributes(a: Allocation, seed: number): Attributes {
  const rng = new Rng(seed, "attributes");
  const solutionWeights = WORKER_CATEGORY_ORDER.map((c) => model.solutionTypeByCategory[c]);
  const fieldWeights = WORKER_CATEGORY_ORDER.map((c) => model.fieldByCategory[c]);
  const out: Attributes = {
    solutionType: new Uint8Array(a.count),
    field: new Uint8Array(a.count),
    coAuthors: new Uint8Array(a.count),
  };
  for (let r = 0; r < a.count; r++) {
    const c = a.category[r]!;
    const covidShare = a.phase[r] === 0 ? model.covidFieldShare.P1 : model.covidFieldShare.P2;
    const solution = rng.pick(solutionWeights[c]!);
    out.solutionType[r] = solution + 1;
    const covid = solution === COVID_SOLUTION ? rng.next() < 0.75 : rng.next() < covidShare;
    out.field[r] = (covid ? COVID_FIELD : rng.pick(fieldWeights[c]!)) + 1;
    out.coAuthors[r] = rng.pick(model.authors.coAuthorDistribution);
  }
  return out;
}
