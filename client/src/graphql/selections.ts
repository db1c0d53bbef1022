/**
 * What the dashboard reads of each root field: one GraphQL fragment per answer, the only place a
 * selection set is written. scripts/codegen.ts reads the `/* GraphQL *\/` strings below and
 * generates each fragment's result type (`AnalyticsAnswerFragment`, …) in client/generated/graphql.ts.
 */
import type { ROOT_ARGUMENTS } from "../../generated/graphql/schema";

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

/** Where a unit stands against its phase target (issue 20): the rates, the projection and its 80 % interval. */
const PACE_ANSWER = /* GraphQL */ `
  fragment PaceAnswer on Pace {
    phase
    measure
    target
    current
    deadline
    daysLeft
    requiredDailyRate
    rate7
    rate28
    projected
    projectedLow
    projectedHigh
    status
  }
`;

const PROJECTION_ANSWER = /* GraphQL */ `
  fragment ProjectionAnswer on ProjectionPoint {
    date
    projected
    low
    high
  }
`;

const OVERVIEW_ANSWER = /* GraphQL */ `
  fragment OverviewAnswer on Overview {
    asOfDate
    dataVersion
    release {
      id
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

const RELEASE_ANSWER = /* GraphQL */ `
  fragment ReleaseAnswer on Release {
    id
    title
    note
    kind
    publishedAt
    dataVersion
    dataEnd
    revises
  }
`;

const REVISION_ANSWER = /* GraphQL */ `
  fragment RevisionAnswer on Revision {
    release
    previousRelease
    reason
    note
    scope
    key
    label
    measure
    previousValue
    value
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
