import type { HostileRequest } from "./hostile-requests";

export interface Answer {
  status: number;
  text: string;
  /** From sending the request to the answer's last byte, as the client sees it. */
  ms: number;
}

/** Sends one request of the catalogue as the abuse suite does (fetch, the body as given) and reads the whole answer. */
export async function sendHostile(base: URL, request: HostileRequest): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(new URL(request.path, base), {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

/**
 * What is wrong with an answer, or undefined when it is the refusal the catalogue expects: its
 * status, and its code among the errors' (`{ errors: [{ extensions: { code } }] }`).
 */
export function unexpected(request: HostileRequest, answer: Pick<Answer, "status" | "text">): string | undefined {
  let codes: string[];
  try {
    const body = JSON.parse(answer.text) as { errors?: Array<{ extensions?: { code?: string } }> };
    codes = (body.errors ?? []).map((e) => e.extensions?.code ?? "no code");
  } catch {
    return `${answer.status}, not JSON: ${answer.text.slice(0, 120)}`;
  }
  if (answer.status === request.expect.status && codes.includes(request.expect.code)) return undefined;
  return `${answer.status} ${codes.join(", ") || "without errors"} (expected ${request.expect.status} ${request.expect.code})`;
}
