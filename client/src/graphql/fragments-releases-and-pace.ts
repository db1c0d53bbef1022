/**
 * The fragments of the answers added by issues 19 and 20 (releases and their revisions, pace and
 * projection), beside the dashboard's others in selections.ts; scripts/codegen.ts reads both files.
 */
/** Where a unit stands against its phase target (issue 20): the rates, the projection and its 80 % interval. */
export const PACE_ANSWER = /* GraphQL */ `
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

export const PROJECTION_ANSWER = /* GraphQL */ `
  fragment ProjectionAnswer on ProjectionPoint {
    date
    projected
    low
    high
  }
`;

export const RELEASE_ANSWER = /* GraphQL */ `
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

export const REVISION_ANSWER = /* GraphQL */ `
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
