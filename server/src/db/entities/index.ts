import { Author } from "./author.entity";
import { InitiativeField, InitiativeStatus, SolutionType, WorkerCategory } from "./catalogue.entities";
import { Dataset } from "./dataset.entity";
import { EmulationCluster } from "./emulation-cluster.entity";
import { Initiative } from "./initiative.entity";
import { InitiativeDetail } from "./initiative-detail.entity";
import { InitiativeStatusChange } from "./initiative-status-change.entity";
import { Phase } from "./phase.entity";
import { Province } from "./province.entity";
import { Province2025 } from "./province-2025.entity";
import { Region } from "./region.entity";
import { Target } from "./target.entity";
import { Unit } from "./unit.entity";

export const ENTITIES = [
  Region,
  Province2025,
  Province,
  EmulationCluster,
  WorkerCategory,
  SolutionType,
  InitiativeField,
  InitiativeStatus,
  Phase,
  Unit,
  Target,
  Author,
  Initiative,
  InitiativeDetail,
  InitiativeStatusChange,
  Dataset,
];
