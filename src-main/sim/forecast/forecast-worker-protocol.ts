import type { ForecastView, StationCalibration, WhatIfChange } from '../../shared/forecast';
import type { PlantFile } from '../../shared/plant-schema';
import type { TwinObservation } from './observation';

/** One forecast to run on the worker: a baseline, or a what-if's changed plant. */
export interface ForecastJob {
  id: number;
  plant: PlantFile;
  obs: TwinObservation;
  replications: number;
  seed: number;
  changes?: WhatIfChange[];
  calibration: Record<string, StationCalibration>;
}

export type ForecastJobResult = { id: number; ok: true; view: ForecastView } | { id: number; ok: false; error: string; whatIf: boolean };
