import "reflect-metadata";
import { parseArgs } from "node:util";
import { loadConfig } from "../config/config";
import { runCli } from "../common/run-cli";
import { openDatabase } from "../db/database";
import { TOKEN_ROLES, type TokenRole } from "./roles";
import { createToken, listTokens, revokeToken, type TokenInfo } from "./token.service";

const USAGE = `usage:
  npm run token -- create --role leadership|admin --name "Văn phòng Tổng LĐLĐ"   (prints the token once)
  npm run token -- list
  npm run token -- revoke <id>`;

class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n${USAGE}`);
    this.name = "UsageError";
  }
}

const describe = (t: TokenInfo) =>
  `${t.id}\t${t.role}\t${t.prefix}…\t${t.name}\tcreated ${t.createdAt.toISOString()}` +
  `${t.lastUsedAt ? `\tlast used ${t.lastUsedAt.toISOString()}` : ""}${t.revokedAt ? `\tREVOKED ${t.revokedAt.toISOString()}` : ""}`;

runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { role: { type: "string" }, name: { type: "string" }, help: { type: "boolean", default: false } },
  });
  const [command, argument] = positionals;
  if (values.help || !command) return console.log(USAGE);
  if (!["create", "list", "revoke"].includes(command)) throw new UsageError(`unknown command "${command}"`);
  if (command === "create") {
    if (!TOKEN_ROLES.includes(values.role as TokenRole))
      throw new UsageError(`--role must be one of ${TOKEN_ROLES.join(", ")}`);
    if (!values.name?.trim()) throw new UsageError("--name is required: say who the token is for");
  }
  if (command === "revoke" && !/^\d+$/.test(argument ?? ""))
    throw new UsageError("revoke needs the token's id (see: npm run token -- list)");

  const database = await openDatabase({ ...loadConfig(), databasePoolSize: 1 });
  try {
    if (command === "create") {
      const { info, token } = await createToken(database.dataSource, values.role as TokenRole, values.name!.trim());
      console.error(`Token ${info.id} (${info.role}) for "${info.name}". It is shown only now; keep it secret.`);
      console.log(token);
    } else if (command === "list") {
      const tokens = await listTokens(database.dataSource);
      console.log(tokens.length ? tokens.map(describe).join("\n") : "no tokens");
    } else {
      const revoked = await revokeToken(database.dataSource, Number(argument));
      if (!revoked) throw new UsageError(`no token has the id ${argument}`);
      console.log(`revoked: ${describe(revoked)}`);
    }
  } finally {
    await database.close();
  }
});
