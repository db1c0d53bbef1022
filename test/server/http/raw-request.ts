import http from "node:http";

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The bytes as received (still compressed when the answer has a Content-Encoding). */
  body: Buffer;
}

/**
 * One HTTP request sent exactly as given — the path byte for byte (fetch would resolve "..",
 * reject a NUL, fix the encoding), any header (Origin, Sec-Fetch-Site) and any body.
 */
export function rawRequest(
  base: string,
  {
    method = "GET",
    path,
    headers = {},
    body,
  }: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  },
): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, method, path, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const body = Buffer.concat(chunks);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text: body.toString("utf8"), body });
      });
      response.on("error", reject);
    });
    // The server may answer (413) before the whole body is sent, and close: the answer is what counts.
    request.on("error", reject);
    request.end(body);
  });
}
