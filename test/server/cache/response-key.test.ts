import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { responseKey, stableJson } from "../../../server/src/cache/response-key";

describe("response cache keys", () => {
  const key = (overrides: Partial<Parameters<typeof responseKey>[0]> = {}) =>
    responseKey({
      dataVersion: "7",
      codeVersion: "c1",
      audience: "public",
      locale: "vi",
      document: parse("{ dataset { dataVersion } }"),
      operationName: null,
      variables: undefined,
      ...overrides,
    });

  it("begin with the data version, the code version, the audience and the locale", () => {
    expect(key()).toMatch(/^v7:c1:public:vi:[A-Za-z0-9_-]{43}$/);
    expect(key({ dataVersion: "8" })).toMatch(/^v8:c1:public:vi:/);
    expect(key({ codeVersion: "c2" })).toMatch(/^v7:c2:public:vi:/);
    expect(key({ audience: "unsuppressed" })).toMatch(/^v7:c1:unsuppressed:vi:/);
    expect(key({ locale: "en" })).toMatch(/^v7:c1:public:en:/);
    expect(key({ dataVersion: "8" }).split(":")[4]).toBe(key().split(":")[4]);
  });

  it("ignore spacing, commas and comments in the document, and the order of variables", () => {
    const spaced = parse("# the version\n{\n  dataset {\n    dataVersion,\n  }\n}\n");
    expect(key({ document: spaced })).toBe(key());
    const withVariables = (variables: Record<string, unknown>) => key({ variables });
    expect(withVariables({ a: 1, b: { c: [1, 2], d: "x" } })).toBe(withVariables({ b: { d: "x", c: [1, 2] }, a: 1 }));
    expect(key({ variables: {} })).toBe(key());
  });

  it("differ with the document, the operation and the variables", () => {
    const keys = new Set([
      key(),
      key({ document: parse("{ dataset { kind } }") }),
      key({ operationName: "Dataset" }),
      key({ variables: { asOf: "2022-05-31" } }),
      key({ variables: { asOf: "2022-05-30" } }),
      key({ variables: { list: [1, 2] } }),
      key({ variables: { list: [2, 1] } }),
    ]);
    expect(keys.size).toBe(7);
  });

  it("write JSON with sorted keys at every depth, leaving out undefined as JSON does", () => {
    expect(stableJson({ b: 1, a: [{ d: null, c: "x" }], e: undefined })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
    expect(JSON.parse(stableJson({ z: 1, y: [true, 2.5] }))).toEqual({ z: 1, y: [true, 2.5] });
  });
});
