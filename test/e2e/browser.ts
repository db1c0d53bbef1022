import fs from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { describeWithTool } from "../setup/describe-with-tool";

/** Where Debian's Chromium is, or CHROME_PATH; undefined when neither exists. */
export function findChromium(): string | undefined {
  return [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p): p is string =>
    Boolean(p && fs.existsSync(p)),
  );
}

/** CI sets REQUIRE_BROWSER=1: there a missing browser fails the run instead of skipping the tests. */
export const BROWSER_REQUIRED = process.env.REQUIRE_BROWSER === "1";

/** describe(name) given Chromium's path (see describeWithTool). */
export function describeInChromium(name: string, body: (chromiumPath: string) => void): void {
  describeWithTool(
    name,
    {
      tool: "Chromium",
      path: findChromium(),
      lookedIn: "at CHROME_PATH or /usr/bin/chromium",
      required: BROWSER_REQUIRED,
      requiredBy: "REQUIRE_BROWSER",
      aptPackage: "chromium",
    },
    body,
  );
}

/** Headless Chromium with the flags this network needs (no background calls to Google's hosts). */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--lang=vi-VN",
    ],
  });
}

/** Console errors and failed page scripts, gathered for the "no console errors" check. */
export function collectProblems(page: Page, into: string[]): void {
  page.on("console", (message) => {
    if (message.type() === "error") into.push(`${page.url()}: console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => into.push(`${page.url()}: page error: ${error.message}`));
}
