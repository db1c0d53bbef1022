import { createHash } from "node:crypto";
import { print, type DocumentNode } from "graphql";
import type { Audience } from "../auth/roles";

/** Printed once per parsed document: Apollo gives every request with the same text the same DocumentNode. */
const documentDigests = new WeakMap<DocumentNode, string>();

/** The document as graphql-js prints it, so spacing, commas and comments do not make a new key. */
function documentDigest(document: DocumentNode): string {
  let digest = documentDigests.get(document);
  if (!digest) {
    digest = createHash("sha256").update(print(document)).digest("base64url");
    documentDigests.set(document, digest);
  }
  return digest;
}

/** JSON with object keys sorted at every depth: the same variables in another order are the same question. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export interface ResponseKeyParts {
  dataVersion: string;
  /** The code that computes the answer (CODE_VERSION): another version may answer otherwise. */
  codeVersion: string;
  /** Whom the answer was computed for: a public answer and an unsuppressed one never share a key. */
  audience: Audience;
  locale: string;
  document: DocumentNode;
  /** The operation that runs (a document may hold several); null when it has no name. */
  operationName: string | null;
  variables: Record<string, unknown> | undefined;
}

/**
 * `v<data version>:<code version>:<audience>:<locale>:<digest>`, the digest covering the normalised document,
 * the operation and the variables. The data version comes first so that after a load no old key
 * is asked for; the code version, so that after an upgrade no answer of the old code is.
 */
export function responseKey(parts: ResponseKeyParts): string {
  const digest = createHash("sha256")
    .update(documentDigest(parts.document))
    .update("\0")
    .update(parts.operationName ?? "")
    .update("\0")
    .update(stableJson(parts.variables ?? {}))
    .digest("base64url");
  return `v${parts.dataVersion}:${parts.codeVersion}:${parts.audience}:${parts.locale}:${digest}`;
}
