/**
 * What the dashboard reads of each root field: one GraphQL fragment per answer, the only place a
 * selection set is written (with fragments-releases-and-pace.ts, which holds the newer answers'
 * fragments). scripts/codegen.ts reads the `/* GraphQL *\/` strings of both and
 * generates each fragment's result type (`AnalyticsAnswerFragment`, …) in client/generated/graphql.ts.
 */
import type { ROOT_ARGUMENTS } from "../../generated/graphql/schema";
import { PACE_ANSWER, PROJECTION_ANSWER, RELEASE_ANSWER, REVISION_ANSWER } from "./fragments-releases-and-pace";

const ANALYTICS_ANSWER = /* GraphQL */ `
  fragment AnalyticsAnswer on AnalyticsResult {
    asOfDate
    dataVersion
    release {
      id
    }
    source
    synthetic
    totalsSuppressed
    totalsPerturbed
    suppressionThreshold
    rows {
      time
      suppressed
      perturbed
      dimensions {
        dimension
        code
        label
      }
      values {
        measure
        value
        share
      }
    }
    totals {
      measure
      value
      share
    }
  }
`;

/** `analytics` also says what its columns are: the Explorer labels and formats its table by them. */
const ANALYTICS_QUERY_ANSWER = /* GraphQL */ `
  fragment AnalyticsQueryAnswer on AnalyticsResult {
    ...AnalyticsAnswer
    columns {
      name
      kind
      label
      unit
      format
    }
    compared {
      asOfDate
      dateRange {
        from
        to
      }
    }
    rows {
      values {
        compared
        difference
        percentChange
      }
    }
    totals {
      compared
      difference
      percentChange
    }
  }
`;

const OVERVIEW_ANSWER = /* GraphQL */ `
  fragment OverviewAnswer on Overview {
    asOfDate
    dataVersion
    release {
      id
      kind
    }
    synthetic
    programmeTarget
    programmeProgress
    kpis {
      measure
      label
      unit
      value
      previous
      change
      percentChange
    }
    compared {
      asOfDate
    }
    phases {
      phase
      label
      target
      submissions
      valid
      progress
      pace {
        ...PaceAnswer
      }
    }
  }
`;

const RANKING_ANSWER = /* GraphQL */ `
  fragment RankingAnswer on Ranking {
    asOfDate
    release {
      id
    }
    count
    measure
    source
    rows {
      code
      label
      rank
      value
      share
    }
  }
`;

const MILESTONE_ANSWER = /* GraphQL */ `
  fragment MilestoneAnswer on Milestone {
    kind
    count
    label
    reachedAt
    reachedAtVietnam
  }
`;

const UNIT_DRILLDOWN_ANSWER = /* GraphQL */ `
  fragment UnitDrilldownAnswer on UnitDrilldown {
    unit {
      code
      name
      kind
      tier
    }
    ancestors {
      code
      name
      kind
      tier
    }
    children {
      ...AnalyticsAnswer
      compared {
        asOfDate
      }
      totals {
        compared
        difference
        percentChange
      }
    }
  }
`;

const TARGET_ROW_ANSWER = /* GraphQL */ `
  fragment TargetRowAnswer on TargetRow {
    code
    label
    kind
    cluster
    phase
    target
    valid
    attainment
    pace {
      ...PaceAnswer
    }
  }
`;

const META_ANSWER = /* GraphQL */ `
  fragment MetaAnswer on Meta {
    dataVersion
    firstDate
    lastDate
    synthetic
    measures {
      name
      unit
      labelVi
      labelEn
      descriptionVi
      descriptionEn
    }
    dimensions {
      name
      labelVi
      labelEn
      members {
        code
        labelVi
        labelEn
      }
    }
  }
`;

const UNIT_HIT_ANSWER = /* GraphQL */ `
  fragment UnitHitAnswer on UnitHit {
    code
    name
    kind
    tier
    topUnitName
  }
`;

/** A root field's selection: the fragment spread on it, and every fragment definition it needs. */
export interface Selection {
  fragment: string;
  definitions: string[];
}

const select = (fragment: string, ...definitions: string[]): Selection => ({ fragment, definitions });

/** The root fields the dashboard asks for, each with its one selection. */
export const SELECTIONS = {
  analytics: select("AnalyticsQueryAnswer", ANALYTICS_QUERY_ANSWER, ANALYTICS_ANSWER),
  meta: select("MetaAnswer", META_ANSWER),
  milestones: select("MilestoneAnswer", MILESTONE_ANSWER),
  overview: select("OverviewAnswer", OVERVIEW_ANSWER, PACE_ANSWER),
  pace: select("PaceAnswer", PACE_ANSWER),
  projection: select("ProjectionAnswer", PROJECTION_ANSWER),
  ranking: select("RankingAnswer", RANKING_ANSWER),
  releases: select("ReleaseAnswer", RELEASE_ANSWER),
  revisions: select("RevisionAnswer", REVISION_ANSWER),
  searchUnits: select("UnitHitAnswer", UNIT_HIT_ANSWER),
  shares: select("AnalyticsAnswer", ANALYTICS_ANSWER),
  targetAttainment: select("TargetRowAnswer", TARGET_ROW_ANSWER, PACE_ANSWER),
  timeSeries: select("AnalyticsAnswer", ANALYTICS_ANSWER),
  unitDrilldown: select("UnitDrilldownAnswer", UNIT_DRILLDOWN_ANSWER, ANALYTICS_ANSWER),
} satisfies Partial<Record<keyof typeof ROOT_ARGUMENTS, Selection>>;

export type SelectedField = keyof typeof SELECTIONS;
