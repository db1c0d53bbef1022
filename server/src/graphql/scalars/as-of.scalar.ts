import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { AsOf } from "../../semantic";

const DESCRIPTION =
  'An as-of moment: a Vietnam date "YYYY-MM-DD" means 24h of that day (before 00:00 of the next day, UTC+7); ' +
  'an instant with an offset ("2022-05-31T17:00:00+07:00") means itself. Dates from 2000-01-01 to 2099-12-31.';

/** Parses as-of dates once, at the edge: resolvers receive an AsOf, never a string. */
export const AsOfScalar = new GraphQLScalarType<AsOf, string>({
  name: "AsOf",
  description: DESCRIPTION,
  serialize: (value) => (value instanceof AsOf ? value.toString() : String(value)),
  parseValue: (value) => {
    if (typeof value !== "string") throw notText(value);
    return AsOf.parse(value);
  },
  parseLiteral: (node) => {
    if (node.kind !== Kind.STRING) throw notText(node.kind);
    return AsOf.parse(node.value);
  },
});

function notText(found: unknown): GraphQLError {
  return new GraphQLError(`asOf: a date "YYYY-MM-DD" or an instant with an offset as a string, not ${String(found)}`, {
    extensions: { code: "BAD_USER_INPUT", field: "asOf" },
  });
}
