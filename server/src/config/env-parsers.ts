import { ConfigError } from "./config-error";

type Env = Record<string, string | undefined>;

/** Unset and empty both mean "use the default": an empty value in a compose file is a common slip. */
function raw(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** `why` follows the range in the message when the bound comes from another setting. */
export function integer(env: Env, name: string, fallback: number, min: number, max: number, why = ""): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^-?\d+$/.test(value) || parsed < min || parsed > max) {
    throw new ConfigError(name, `a whole number from ${min} to ${max}${why}`, value);
  }
  return parsed;
}

/** 0 turns the feature off; anything else must lie in min–max. */
export function integerOrOff(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || (parsed !== 0 && (parsed < min || parsed > max))) {
    throw new ConfigError(name, `0 (off) or a whole number from ${min} to ${max}`, value);
  }
  return parsed;
}

export function decimal(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(name, `a number from ${min} to ${max}`, value);
  }
  return parsed;
}

export function boolean(env: Env, name: string, fallback: boolean): boolean {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(name, "true or false", value);
}

export function oneOf<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `one of ${allowed.join(", ")}`, value);
  }
  return value as T;
}

/** A day written yyyy-mm-dd (1900–2100), and when `notBefore` is given, not before that setting's day. */
export function isoDate(env: Env, name: string, fallback: string, notBefore?: { name: string; date: string }): string {
  const value = raw(env, name) ?? fallback;
  const [year, month, day] = value.split("-").map(Number) as [number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day));
  const isDay =
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    year >= 1900 &&
    year <= 2100 &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day;
  if (!isDay) throw new ConfigError(name, "a day written yyyy-mm-dd (1900–2100)", value);
  if (notBefore && value < notBefore.date)
    throw new ConfigError(name, `a day from ${notBefore.name}=${notBefore.date} on`, value);
  return value;
}

export function text(env: Env, name: string, fallback: string): string {
  return raw(env, name) ?? fallback;
}

export function postgresUrl(env: Env, name: string): URL | undefined {
  const url = parsedUrl(env, name, ["postgres:", "postgresql:"], "postgres://user:password@host:5432/database");
  if (url && url.pathname.length <= 1) {
    throw new ConfigError(name, "a URL that names a database (…/database)", redact(url.toString()));
  }
  return url;
}

/** A comma-separated list of PostgreSQL URLs (each checked as postgresUrl); empty when unset. */
export function postgresUrls(env: Env, name: string): URL[] {
  const value = raw(env, name);
  if (value === undefined) return [];
  return value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => postgresUrl({ [name]: part }, name)!);
}

export function redisUrl(env: Env, name: string): URL | undefined {
  const url = parsedUrl(env, name, ["redis:", "rediss:"], "redis://host:6379 or rediss://user:password@host:6380/0");
  if (url && !url.hostname)
    throw new ConfigError(name, "a URL that names a host (redis://host:6379)", redact(url.toString()));
  if (url && url.pathname.length > 1 && !/^\/\d{1,2}$/.test(url.pathname)) {
    throw new ConfigError(
      name,
      "a database number, if any, after the host (redis://host:6379/0)",
      redact(url.toString()),
    );
  }
  return url;
}

function parsedUrl(env: Env, name: string, protocols: string[], example: string): URL | undefined {
  const value = raw(env, name);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `a URL such as ${example}`, redact(value));
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `a ${protocols.map((p) => `${p}//`).join(" or ")} URL`, redact(value));
  }
  return url;
}

/** Never echo a password back into a terminal or a log. */
export function redact(value: string): string {
  return value.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@");
}
