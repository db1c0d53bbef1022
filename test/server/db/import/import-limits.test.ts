import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../../server/src/config/config";
import { ConfigError } from "../../../../server/src/config/config-error";
import { IMPORT_LIMIT_DEFAULTS, importBounds } from "../../../../server/src/db/import/import-limits";

describe("the import's limits", () => {
  it("default to the programme: its phases plus a year of reviews, and no initiative worth more than all 33,000 billion đồng", () => {
    expect(IMPORT_LIMIT_DEFAULTS).toEqual({
      dateFrom: "2021-09-01",
      dateTo: "2024-09-01",
      maxBenefitVnd: 33_000_000_000_000,
    });
    expect(loadConfig({}).importLimits).toEqual(IMPORT_LIMIT_DEFAULTS);
    // Whole Vietnam days: from the first day's midnight to the midnight after the last (UTC+7).
    expect(importBounds(IMPORT_LIMIT_DEFAULTS)).toEqual({
      fromMs: Date.parse("2021-08-31T17:00:00Z"),
      untilMs: Date.parse("2024-09-01T17:00:00Z"),
      maxBenefitVnd: 33_000_000_000_000,
      window: "01/09/2021–01/09/2024",
    });
  });

  it("are read from IMPORT_DATE_FROM, IMPORT_DATE_TO and IMPORT_MAX_BENEFIT_VND", () => {
    expect(
      loadConfig({
        IMPORT_DATE_FROM: "2022-01-08",
        IMPORT_DATE_TO: "2023-10-31",
        IMPORT_MAX_BENEFIT_VND: "500000000000",
      }).importLimits,
    ).toEqual({ dateFrom: "2022-01-08", dateTo: "2023-10-31", maxBenefitVnd: 500_000_000_000 });
    expect(loadConfig({ IMPORT_DATE_FROM: "2022-01-08", IMPORT_DATE_TO: "2022-01-08" }).importLimits.dateTo).toBe(
      "2022-01-08",
    );
  });

  it.each([
    [
      "IMPORT_DATE_FROM",
      "01/09/2021",
      /IMPORT_DATE_FROM="01\/09\/2021" is not valid: expected a day written yyyy-mm-dd \(1900–2100\)/,
    ],
    ["IMPORT_DATE_TO", "2023-02-29", /IMPORT_DATE_TO="2023-02-29" is not valid: expected a day written yyyy-mm-dd/],
    [
      "IMPORT_DATE_TO",
      "2021-08-31",
      /IMPORT_DATE_TO="2021-08-31" is not valid: expected a day from IMPORT_DATE_FROM=2021-09-01 on/,
    ],
    [
      "IMPORT_DATE_FROM",
      "2025-01-01",
      /IMPORT_DATE_TO="2024-09-01" is not valid: expected a day from IMPORT_DATE_FROM=2025-01-01 on/,
    ],
    ["IMPORT_DATE_FROM", "1899-12-31", /IMPORT_DATE_FROM="1899-12-31"/],
    [
      "IMPORT_MAX_BENEFIT_VND",
      "33.000.000.000.000",
      /IMPORT_MAX_BENEFIT_VND="33.000.000.000.000" is not valid: expected a whole number from 0 to 9007199254740991/,
    ],
    ["IMPORT_MAX_BENEFIT_VND", "-1", /IMPORT_MAX_BENEFIT_VND="-1"/],
  ])("names %s and what it expects when it is %s", (variable, value, message) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(message);
  });
});
