import { describe, expect, it } from "vitest";
import { filtersOf, parseState, toQuery } from "@/state/dashboard-state";

describe("the URL holds the whole view", () => {
  it("round-trips every setting", () => {
    const query = {
      asOf: "2022-05-31",
      phase: "1",
      category: "ENTERPRISE",
      field: "HEALTH",
      lang: "en",
      mapMeasure: "valid",
      map: "2025",
    };
    const state = parseState(query);
    expect(state).toMatchObject({
      asOf: "2022-05-31",
      phase: "1",
      category: "ENTERPRISE",
      field: "HEALTH",
      lang: "en",
      options: { mapMeasure: "valid", map: "2025" },
    });
    expect(toQuery(state)).toEqual(query);
  });

  it("drops malformed values instead of sending them to the server", () => {
    const state = parseState({ asOf: "31/5/2022", phase: "1;DROP", lang: "fr", weird: "<script>" });
    expect(state.asOf).toBeUndefined();
    expect(state.phase).toBeUndefined();
    expect(state.lang).toBe("vi");
    expect(state.options).toEqual({});
    expect(toQuery(state)).toEqual({});
  });

  it("turns the filters into API filters", () => {
    expect(filtersOf(parseState({ phase: "2", category: "ENTERPRISE" }))).toEqual([
      { dimension: "phase", operator: "IN", values: ["2"] },
      { dimension: "workerCategory", operator: "IN", values: ["ENTERPRISE"] },
    ]);
  });
});
