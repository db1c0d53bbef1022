import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { buildAppSchema, printContract } from "../server/src/graphql/schema";

/** Writes schema/schema.graphql from the code: the contract clients and reviewers read. */
const target = path.resolve(import.meta.dirname, "../schema/schema.graphql");
fs.writeFileSync(target, printContract(await buildAppSchema()));
console.log(`wrote ${path.relative(process.cwd(), target)}`);
