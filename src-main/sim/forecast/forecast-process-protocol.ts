import type { ForecastView, MeasuredError, StationCalibration, WhatIfChange } from '../../shared/forecast';
import type { PlantFile } from '../../shared/plant-schema';
import type { TwinObservation } from './observation';

/** One forecast to run on the worker: a baseline, or a what-if's changed plant. */
export interface ForecastJob {
  kind: 'forecast';
  id: number;
  plant: PlantFile;
  obs: TwinObservation;
  replications: number;
  seed: number;
  changes?: WhatIfChange[];
  calibration: Record<string, StationCalibration>;
}

/** A back-test on a recording: the forecast's measured error. */
export interface BackTestJob {
  kind: 'back-test';
  id: number;
  path: string;
  hours: number[];
  replications: number;
}

/** The app's pipeline is saturated (the forecast slows down) or has headroom again. */
export interface PaceMessage {
  kind: 'pace';
  slow: boolean;
}

/** What the app sends a forecast process. */
export type ToForecastProcess = ForecastJob | BackTestJob | PaceMessage;

export type ForecastJobResult =
  | { id: number; ok: true; view: ForecastView }
  | { id: number; ok: true; measured: MeasuredError }
  | { id: number; ok: false; error: string; whatIf: boolean };
