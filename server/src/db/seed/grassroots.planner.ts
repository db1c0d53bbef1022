import { apportion, apportionWithMinimum } from "./apportion";
import {
  CALIBRATION,
  GRASSROOTS_KINDS,
  exactAnchors,
  scaled,
  type GrassrootsKindCode,
  type ProfileName,
} from "./calibration";
import type { TopUnitModel } from "./hierarchy.types";
import type { Rng } from "./random";

// How many grassroots unions a top unit has, of which kinds and sizes, and which of them take part.
const model = CALIBRATION.model;

function meanMembers(kind: GrassrootsKindCode, profile: ProfileName): number {
  if (kind === "ENTERPRISE" && profile === "industrial") return model.industrialEnterpriseMeanMembers;
  return model.grassrootsMeanMembers[kind];
}

export interface GrassrootsPlan {
  kinds: number[];
  members: number[];
  participates: boolean[];
}

export function planGrassroots(
  top: TopUnitModel,
  rng: Rng,
  th: ReturnType<typeof exactAnchors>["thanhHoa"],
  scale: number,
): GrassrootsPlan {
  if (top.record.code === th.unit) {
    // Thanh Hóa's participating unions are published exactly (count and members by kind).
    const plan: GrassrootsPlan = { kinds: [], members: [], participates: [] };
    for (const group of th.participatingByKind) {
      appendGroup(plan, GRASSROOTS_KINDS.indexOf(group.kind), group.unions, group.members, true, top.profile, rng);
    }
    const rest = model.thanhHoaNonParticipating;
    appendProfile(plan, scaled(rest.unions, scale), scaled(rest.members, scale), false, top.profile, rng);
    return plan;
  }
  const shares = model.grassrootsProfiles[top.profile].shares as Partial<Record<GrassrootsKindCode, number>>;
  const mean = Object.entries(shares).reduce(
    (sum, [kind, share]) => sum + share! * meanMembers(kind as GrassrootsKindCode, top.profile),
    0,
  );
  const count = Math.max(2, Math.round(top.members / mean));
  const plan: GrassrootsPlan = { kinds: [], members: [], participates: [] };
  appendProfile(plan, count, top.members, true, top.profile, rng);
  for (let i = 0; i < plan.participates.length; i++) plan.participates[i] = rng.next() < model.participationShare;
  plan.participates[0] = true;
  return plan;
}

function appendProfile(
  plan: GrassrootsPlan,
  count: number,
  members: number,
  participates: boolean,
  profile: ProfileName,
  rng: Rng,
) {
  const shares = model.grassrootsProfiles[profile].shares as Partial<Record<GrassrootsKindCode, number>>;
  const kinds = GRASSROOTS_KINDS.filter((k) => (shares[k] ?? 0) > 0);
  const counts = apportion(
    count,
    kinds.map((k) => shares[k]!),
  );
  const memberWeights = kinds.map((k, i) => counts[i]! * meanMembers(k, profile));
  const membersByKind = apportion(members, memberWeights);
  kinds.forEach((kind, i) => {
    appendGroup(plan, GRASSROOTS_KINDS.indexOf(kind), counts[i]!, membersByKind[i]!, participates, profile, rng);
  });
}

function appendGroup(
  plan: GrassrootsPlan,
  kind: number,
  count: number,
  members: number,
  participates: boolean,
  _profile: ProfileName,
  rng: Rng,
) {
  if (count === 0) return;
  const sigma = model.grassrootsSizeSigma;
  const weights = Array.from({ length: count }, () => Math.exp(sigma * rng.normal()));
  const minimum = Math.min(3, Math.floor(members / count));
  const sizes = apportionWithMinimum(members, weights, minimum);
  for (const size of sizes) {
    plan.kinds.push(kind);
    plan.members.push(size);
    plan.participates.push(participates);
  }
}
