/** One query of schema/examples/, bundled at build time (the IDE loads nothing from elsewhere). */
export interface IdeExample {
  /** The file name without its number and extension: "phase1-by-worker-category". */
  id: string;
  /** The file's first comment line: what the query answers. */
  description: string;
  query: string;
}

const files = import.meta.glob<string>("../../../schema/examples/*.graphql", {
  query: "?raw",
  import: "default",
  eager: true,
});

/** Files in name order (they are numbered), each described by its leading `#` comment. */
export function toExamples(sources: Record<string, string>): IdeExample[] {
  return Object.keys(sources)
    .sort()
    .map((file) => {
      const query = sources[file]!;
      const comment = /^\s*#\s*(.+)$/m.exec(query);
      const id = file
        .replace(/^.*\//, "")
        .replace(/\.graphql$/, "")
        .replace(/^\d+-/, "");
      return { id, description: comment?.[1]?.trim() ?? id, query };
    });
}

export const EXAMPLES: IdeExample[] = toExamples(files);
