import { allocateInitiatives, type Allocation } from "./allocation.builder";
import { assignAttributes, type Attributes } from "./attributes.assigner";
import { assignAuthors, type Authors } from "./authors.assigner";
import { assignBenefits } from "./benefit.assigner";
import { CALIBRATION } from "./calibration";
import { buildHierarchy } from "./hierarchy.builder";
import type { Hierarchy } from "./hierarchy.types";
import { assignRedecisions, type Redecisions } from "./redecision.assigner";
import { assignReviews, type Reviews } from "./review.assigner";

/** The whole synthetic programme in memory, as typed arrays (no per-row objects). */
export interface DemoDataset {
  seed: number;
  scale: number;
  generatorVersion: string;
  hierarchy: Hierarchy;
  initiatives: Allocation;
  authors: Authors;
  reviews: Reviews;
  /** Decisions superseded later (a small share): the status history beyond each row's last decision. */
  redecisions: Redecisions;
  benefit: Float64Array;
  attributes: Attributes;
}

export type GenerationStage =
  "units" | "initiatives" | "authors" | "reviews" | "redecisions" | "benefits" | "attributes";

/** Builds the dataset in stages; the same seed and scale give the same rows, byte for byte. */
export function generateDemoDataset(
  seed: number,
  scale: number,
  onStage: (stage: GenerationStage) => void = () => {},
): DemoDataset {
  onStage("units");
  const hierarchy = buildHierarchy(seed, scale);
  onStage("initiatives");
  const initiatives = allocateInitiatives(hierarchy, seed, scale);
  onStage("authors");
  const authors = assignAuthors(hierarchy, initiatives, seed, scale);
  onStage("reviews");
  const reviews = assignReviews(hierarchy, initiatives, seed, scale);
  onStage("redecisions");
  const redecisions = assignRedecisions(initiatives, reviews, seed);
  onStage("benefits");
  const benefit = assignBenefits(hierarchy, initiatives, reviews, seed, scale);
  onStage("attributes");
  const attributes = assignAttributes(initiatives, seed);
  return {
    seed,
    scale,
    generatorVersion: CALIBRATION.generatorVersion,
    hierarchy,
    initiatives,
    authors,
    reviews,
    redecisions,
    benefit,
    attributes,
  };
}
