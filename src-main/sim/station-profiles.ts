import type { StationSpec } from '../shared/plant-schema';
import type { StationState } from '../shared/station-state';
import type { AlarmPriority } from '../shared/telemetry';
import type { Rng } from '../core/rng';

export interface MachineAlarm {
  id: string;
  text: string;
  priority: AlarmPriority;
}

/** What a station's process values are computed from at one instant. */
export interface ValueContext {
  spec: StationSpec;
  state: StationState;
  /** Seconds into the newest load still in process; undefined when nothing is in process. */
  elapsedS: number | undefined;
  /** Planned length of that load, seconds. */
  cycleS: number;
  positionsUsed: number;
  positions: number;
  /** Seconds since the station's last service stop (battery charge, coil change). */
  sinceServiceS: number;
  /** A utility (steam, cooling water) is failing: the alarm-flood scenario. */
  degraded: boolean;
  completed: number;
  noise: Rng;
}

export interface Inspection {
  values: Record<string, number>;
  reject: boolean;
}

/**
 * How a station type runs. The plant file's `idealCycleSeconds` is the PRU of ISO 22400: the
 * ideal time per unit the station counts. Every profile derives its process from it so that it
 * can never count faster than that: loads start at most once per takt, and a load's dwell is at
 * least its positions' share, `positions × counted units per load × PRU` (see `perUnit`).
 */
export interface StationProfile {
  /** Units loaded and released together: a mixer batch feeds many tires. */
  batch: number;
  /** Loads in process at once: carousel fixtures, test-bay positions, twin heads. */
  positions: number;
  /** Least seconds between two loads: a carousel indexes one fixture per takt. */
  taktS(spec: StationSpec): number;
  /** Mean-free base of one load's process time; the sampled time scatters above it. */
  dwellS(spec: StationSpec): number;
  /** Relative scatter of the process time above the dwell (right-skewed, as real cycle times are). */
  scatter: number;
  /** Stops for the shift calendar's breaks (manual stations). */
  staffed: boolean;
  mtbfH: number;
  mttrMin: number;
  faults: MachineAlarm[];
  /** A recurring planned stop: mould cleaning, battery charge, coil change. */
  service?: { everyH: number; minutes: number; reason: string; state: 'MAINTENANCE' | 'IDLE' };
  /** Alarms a failing utility raises at this kind of machine (alarm flood). */
  utilityLoss: MachineAlarm[];
  /** Capacity of the buffer in front of this bank when it is fed from the previous line. */
  inputBuffer: number;
  /** Gives each product leaving the station an id of its own (tire RFID, appliance serial). */
  assignsId?: (n: number, at: number) => string;
  /** Measures a finished unit (inspection and test stations): the measurement decides scrap. */
  inspect?: (rng: Rng, degraded: boolean) => Inspection;
  values(ctx: ValueContext): Record<string, number>;
}

const round = (v: number, digits = 1): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};
const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));
const busy = (ctx: ValueContext): boolean => ctx.elapsedS !== undefined && ctx.state === 'RUNNING';
const phaseOf = (ctx: ValueContext): number => clamp01((ctx.elapsedS ?? 0) / Math.max(1, ctx.cycleS));

const ideal = (spec: StationSpec): number => spec.idealCycleSeconds;
const noTakt = (): number => 0;
/**
 * Dwell of a load that holds one of `positions` places and is counted as `unitsPerLoad` units:
 * the station's full capacity is then exactly one unit per PRU.
 */
const perUnit =
  (positions: number, unitsPerLoad = 1) =>
  (spec: StationSpec): number =>
    spec.idealCycleSeconds * positions * unitsPerLoad;
/**
 * A station with many places (carousel fixtures, vacuum ports, test bays) is loaded at a takt a
 * little slower than its PRU, each load dwelling less than all places take at that takt: the
 * takt sets the pace, and units leave in the order they came, one a takt, not in bunches.
 */
const TAKT_MARGIN = 1.03;
const paced = (spec: StationSpec): number => spec.idealCycleSeconds * TAKT_MARGIN;

const GENERIC_UTILITY: MachineAlarm[] = [
  { id: 'AIR_PRESSURE_LOW', text: 'Compressed air pressure low', priority: 2 },
  { id: 'SAFETY_CIRCUIT', text: 'Safety circuit open after utility dip', priority: 3 },
];

const base = {
  batch: 1,
  positions: 1,
  taktS: noTakt,
  dwellS: ideal,
  scatter: 0.04,
  staffed: false,
  mtbfH: 40,
  mttrMin: 15,
  utilityLoss: GENERIC_UTILITY,
  inputBuffer: 20,
};

/** Press cure recipe: step, share of the cycle it ends at, bladder pressure (bar). */
const CURE_RECIPE: Array<{ step: number; until: number; bladderBar: number }> = [
  { step: 1, until: 0.03, bladderBar: 0.8 }, // close and shape the green tire
  { step: 2, until: 0.42, bladderBar: 15 }, // high-pressure steam into the bladder
  { step: 3, until: 0.88, bladderBar: 24 }, // nitrogen hold
  { step: 4, until: 0.95, bladderBar: 0 }, // vent
  { step: 5, until: 1, bladderBar: 0 }, // open and unload
];

const PROFILES: Record<string, StationProfile> = {
  'banbury-mixer': {
    ...base,
    // Twelve tires' compound per batch, counted as one batch: the PRU is the batch time.
    batch: 12,
    scatter: 0.05,
    mtbfH: 40,
    mttrMin: 40,
    faults: [
      { id: 'RAM_HYDRAULIC_LOW', text: 'Ram hydraulic pressure low', priority: 2 },
      { id: 'DUST_STOP_LEAK', text: 'Rotor dust-stop seal leaking', priority: 3 },
      { id: 'DROP_DOOR', text: 'Drop door not closed', priority: 2 },
    ],
    service: { everyH: 24, minutes: 30, reason: 'rotor and seal inspection', state: 'MAINTENANCE' },
    values(ctx) {
      const p = phaseOf(ctx);
      const mixing = busy(ctx) && p > 0.12;
      // Masterbatch dumps at ~150–155 °C: temperature climbs through the batch, power peaks early.
      const temp = busy(ctx) ? 95 + 58 * clamp01((p - 0.1) / 0.85) : 85;
      return {
        chamberTempC: round(temp + ctx.noise.normal(0, 0.6)),
        rotorRpm: mixing ? round(45 + ctx.noise.normal(0, 0.5)) : busy(ctx) ? 20 : 0,
        ramPressureBar: mixing ? round(6 + ctx.noise.normal(0, 0.1), 2) : 0,
        powerKw: round(mixing ? 650 + 1300 * Math.exp(-6 * (p - 0.12)) + ctx.noise.normal(0, 25) : 45 + ctx.noise.normal(0, 3)),
        dumpTempC: round(153 + ctx.noise.normal(0, 1)),
      };
    },
  },
  extruder: {
    ...base,
    scatter: 0.02,
    mtbfH: 30,
    mttrMin: 20,
    faults: [
      { id: 'SCREEN_PRESSURE_HIGH', text: 'Screen pack pressure high', priority: 2 },
      { id: 'BARREL_ZONE_TEMP', text: 'Barrel zone temperature deviation', priority: 3 },
      { id: 'DIE_CHANGE_FAULT', text: 'Die clamp not locked', priority: 2 },
    ],
    values(ctx) {
      const on = busy(ctx);
      return {
        screwRpm: on ? round(38 + ctx.noise.normal(0, 0.4)) : 0,
        zoneTempC: round(95 + ctx.noise.normal(0, 0.5)),
        headPressureBar: on ? round(175 + ctx.noise.normal(0, 3)) : round(8 + ctx.noise.normal(0, 0.5)),
        weightPerMeterKg: round(1.25 + ctx.noise.normal(0, 0.006), 3),
      };
    },
  },
  calender: {
    ...base,
    scatter: 0.02,
    mtbfH: 35,
    mttrMin: 20,
    faults: [
      { id: 'ROLL_GAP_DEVIATION', text: 'Roll gap deviation', priority: 3 },
      { id: 'CORD_BREAK', text: 'Cord break detected', priority: 2 },
    ],
    values(ctx) {
      const on = busy(ctx);
      return {
        lineSpeedMpm: on ? round(40 + ctx.noise.normal(0, 0.3)) : 0,
        rollTempC: round(92 + ctx.noise.normal(0, 0.4)),
        gaugeMm: round(1.05 + ctx.noise.normal(0, 0.005), 3),
      };
    },
  },
  'bead-winder': {
    ...base,
    staffed: true,
    mtbfH: 20,
    mttrMin: 10,
    faults: [
      { id: 'WIRE_BREAK', text: 'Bead wire break', priority: 3 },
      { id: 'FORMER_JAM', text: 'Bead former jammed', priority: 3 },
    ],
    values(ctx) {
      return {
        wireTurns: busy(ctx) ? Math.floor(phaseOf(ctx) * 20) : 0,
        diameterMm: round(406.4 + ctx.noise.normal(0, 0.08), 2),
      };
    },
  },
  cutter: {
    ...base,
    mtbfH: 25,
    mttrMin: 10,
    faults: [
      { id: 'KNIFE_WEAR', text: 'Cutting knife worn', priority: 4 },
      { id: 'SPLICE_FAULT', text: 'Splice overlap out of tolerance', priority: 3 },
    ],
    values(ctx) {
      return { cutAngleDeg: round(22 + ctx.noise.normal(0, 0.05), 2), widthMm: round(180 + ctx.noise.normal(0, 0.3)) };
    },
  },
  'tire-builder': {
    ...base,
    scatter: 0.08,
    staffed: true,
    mtbfH: 16,
    mttrMin: 15,
    faults: [
      { id: 'DRUM_EXPANSION', text: 'Building drum expansion fault', priority: 2 },
      { id: 'TRANSFER_RING', text: 'Transfer ring position error', priority: 3 },
      { id: 'SERVICER_EMPTY', text: 'Component servicer empty', priority: 4 },
    ],
    assignsId: (n) => `E28011${n.toString(16).toUpperCase().padStart(18, '0')}`,
    values(ctx) {
      const p = phaseOf(ctx);
      return {
        drumRpm: busy(ctx) ? round(p < 0.55 ? 60 : 180 + ctx.noise.normal(0, 2)) : 0,
        greenTireWeightKg: round(9.8 + ctx.noise.normal(0, 0.04), 2),
      };
    },
  },
  'curing-press': {
    ...base,
    scatter: 0.004,
    mtbfH: 60,
    mttrMin: 40,
    inputBuffer: 120,
    faults: [
      { id: 'BLADDER_LEAK', text: 'Bladder leak: nitrogen pressure decay', priority: 2 },
      { id: 'CLAMP_PRESSURE_LOW', text: 'Hydraulic clamp pressure low', priority: 2 },
      { id: 'LOADER_POSITION', text: 'Loader chuck position error', priority: 3 },
    ],
    service: { everyH: 48, minutes: 60, reason: 'mould cleaning (dry ice)', state: 'MAINTENANCE' },
    utilityLoss: [
      { id: 'STEAM_SUPPLY_LOW', text: 'Steam header pressure low', priority: 2 },
      { id: 'PLATEN_TEMP_LOW', text: 'Platen temperature below cure recipe', priority: 3 },
      { id: 'CURE_INTERRUPTED', text: 'Cure interrupted: tire on hold', priority: 1 },
    ],
    values(ctx) {
      const elapsed = ctx.elapsedS;
      const curing = elapsed !== undefined;
      const p = phaseOf(ctx);
      const step = curing ? (CURE_RECIPE.find((s) => p < s.until) ?? CURE_RECIPE[CURE_RECIPE.length - 1]) : undefined;
      const held = ctx.state === 'FAULT' || ctx.state === 'MAINTENANCE';
      let bladder = step?.bladderBar ?? 0;
      // The vent step bleeds the bladder down rather than dropping it at once.
      if (step?.step === 4) bladder = 24 * (1 - (p - 0.88) / 0.07);
      if (held && step) bladder *= 0.6;
      const steamBar = ctx.degraded ? 6 : 15;
      // Platens stay hot between cures; an open mould loses a few degrees that the next cure recovers.
      const dip = step?.step === 5 ? 3 : curing && p < 0.15 ? 3 * (1 - p / 0.15) : 0;
      const platen = (ctx.degraded ? 158 : 176) - dip;
      return {
        platenTempC: round(platen + ctx.noise.normal(0, 0.3)),
        bladderPressureBar: round(Math.max(0, bladder + (bladder > 0 ? ctx.noise.normal(0, 0.15) : 0)), 2),
        steamPressureBar: round(steamBar + ctx.noise.normal(0, 0.1), 2),
        recipeStep: step?.step ?? 0,
        elapsedS: Math.round(elapsed ?? 0),
      };
    },
  },
  uniformity: {
    ...base,
    scatter: 0.05,
    mtbfH: 30,
    mttrMin: 15,
    faults: [
      { id: 'LOAD_WHEEL_CAL', text: 'Load wheel calibration drift', priority: 3 },
      { id: 'RIM_CHUCK', text: 'Rim chuck did not seat', priority: 3 },
    ],
    inspect(rng) {
      const outlier = rng.chance(0.02);
      const rfv = Math.abs(rng.normal(outlier ? 115 : 55, outlier ? 20 : 14));
      const conicity = rng.normal(0, outlier ? 30 : 9);
      const grade = rfv > 100 ? 3 : rfv > 75 ? 2 : 1;
      return {
        values: { rfvN: round(rfv), lfvN: round(Math.abs(rng.normal(30, 8))), conicityN: round(conicity), runoutMm: round(Math.abs(rng.normal(0.5, 0.15)), 2), grade },
        reject: grade === 3,
      };
    },
    values() {
      return {};
    },
  },
  xray: {
    ...base,
    scatter: 0.03,
    mtbfH: 50,
    mttrMin: 30,
    faults: [
      { id: 'TUBE_OVERTEMP', text: 'X-ray tube over temperature', priority: 2 },
      { id: 'SHIELD_DOOR', text: 'Radiation shield door interlock', priority: 1 },
    ],
    inspect(rng) {
      const defects = rng.chance(0.006) ? 1 + Math.floor(rng.next() * 3) : 0;
      return { values: { defectCount: defects, cordSpacingMm: round(rng.normal(1.1, 0.02), 3) }, reject: defects > 0 };
    },
    values(ctx) {
      return { tubeKv: busy(ctx) ? round(160 + ctx.noise.normal(0, 0.5)) : 0 };
    },
  },
  agv: {
    ...base,
    batch: 4,
    dwellS: perUnit(1, 4),
    scatter: 0.15,
    mtbfH: 60,
    mttrMin: 10,
    faults: [
      { id: 'OBSTACLE', text: 'Obstacle in path: safety scanner stop', priority: 4 },
      { id: 'NAV_LOST', text: 'Navigation lost: reflector not found', priority: 3 },
    ],
    service: { everyH: 2.5, minutes: 15, reason: 'battery charging', state: 'IDLE' },
    values(ctx) {
      const drained = Math.min(75, (ctx.sinceServiceS / 9000) * 75);
      return { batteryPct: round(98 - drained), task: busy(ctx) ? 1 : 0, speedMps: busy(ctx) ? round(1.2 + ctx.noise.normal(0, 0.05), 2) : 0 };
    },
  },
  warehouse: {
    ...base,
    mtbfH: 80,
    mttrMin: 20,
    faults: [{ id: 'STACKER_CRANE', text: 'Stacker crane position fault', priority: 2 }],
    values(ctx) {
      // Shipping takes tires out as production puts them in: occupancy wanders around 70 %.
      const occupancy = 70 + 12 * Math.sin(ctx.completed / 400) + ctx.noise.normal(0, 0.3);
      return { occupancyPct: round(occupancy), craneBusy: busy(ctx) ? 1 : 0 };
    },
  },
  'sheet-metal': {
    ...base,
    mtbfH: 25,
    mttrMin: 15,
    faults: [
      { id: 'DIE_MISFEED', text: 'Punch die misfeed', priority: 3 },
      { id: 'ROLL_FORMER_JAM', text: 'Roll former jam', priority: 2 },
    ],
    service: { everyH: 3, minutes: 8, reason: 'coil change', state: 'IDLE' },
    assignsId: (n, at) => `BCD${new Date(at + 8 * 3_600_000).toISOString().slice(2, 10).replace(/-/g, '')}${String(n).padStart(6, '0')}`,
    values(ctx) {
      return {
        strokesPerMin: busy(ctx) ? round(30 + ctx.noise.normal(0, 0.5)) : 0,
        coilRemainingM: round(Math.max(0, 1200 - (ctx.sinceServiceS / (3 * 3600)) * 1150)),
      };
    },
  },
  thermoformer: {
    ...base,
    positions: 2,
    taktS: paced,
    dwellS: perUnit(1.8),
    mtbfH: 30,
    mttrMin: 20,
    faults: [
      { id: 'HEATER_ZONE', text: 'Heater zone failure', priority: 3 },
      { id: 'SHEET_TEAR', text: 'Sheet tear during forming', priority: 4 },
    ],
    values(ctx) {
      const p = phaseOf(ctx);
      return {
        sheetTempC: round((busy(ctx) && p < 0.5 ? 120 + 80 * p : 165) + ctx.noise.normal(0, 1.5)),
        vacuumKpa: busy(ctx) && p >= 0.5 ? round(-85 + ctx.noise.normal(0, 0.8)) : 0,
      };
    },
  },
  assembly: {
    ...base,
    scatter: 0.06,
    staffed: true,
    mtbfH: 40,
    mttrMin: 10,
    faults: [
      { id: 'SCREW_TORQUE', text: 'Screwdriver torque out of range', priority: 4 },
      { id: 'LIGHT_CURTAIN', text: 'Light curtain tripped', priority: 4 },
      { id: 'CHAIN_JAM', text: 'Conveyor chain jam', priority: 3 },
    ],
    values(ctx) {
      return { conveyorSpeed: busy(ctx) ? round(4.5 + ctx.noise.normal(0, 0.05), 2) : 0, stationOccupancy: ctx.positionsUsed };
    },
  },
  'foaming-line': {
    ...base,
    positions: 26,
    taktS: paced,
    dwellS: () => 510,
    scatter: 0.005,
    mtbfH: 30,
    mttrMin: 25,
    faults: [
      { id: 'MIXHEAD_PRESSURE', text: 'Mix head pressure deviation', priority: 2 },
      { id: 'POLYOL_TEMP', text: 'Polyol temperature out of range', priority: 3 },
      { id: 'FIXTURE_CLAMP', text: 'Fixture clamp not locked', priority: 3 },
    ],
    utilityLoss: [
      { id: 'CHILLER_FAULT', text: 'Component chiller fault', priority: 2 },
      { id: 'FIXTURE_TEMP_HIGH', text: 'Fixture temperature high', priority: 3 },
    ],
    values(ctx) {
      return {
        shotWeightG: round(1450 + ctx.noise.normal(0, 6)),
        mixRatio: round(1.05 + ctx.noise.normal(0, 0.004), 3),
        componentTempC: round((ctx.degraded ? 27 : 21) + ctx.noise.normal(0, 0.2)),
        fixtureTempC: round(42 + ctx.noise.normal(0, 0.5)),
        fixturesOccupied: ctx.positionsUsed,
      };
    },
  },
  'leak-test': {
    ...base,
    positions: 2,
    taktS: paced,
    dwellS: perUnit(1.8),
    scatter: 0.05,
    mtbfH: 40,
    mttrMin: 20,
    faults: [
      { id: 'HELIUM_LOW', text: 'Helium concentration low', priority: 3 },
      { id: 'SNIFFER_CAL', text: 'Sniffer calibration overdue', priority: 4 },
    ],
    inspect(rng) {
      // A tight system leaks well under 1 g/a; a bad braze shows up as a far outlier.
      const leak = rng.chance(0.015) ? rng.between(3, 15) : Math.exp(rng.normal(Math.log(0.35), 0.5));
      return { values: { leakRateGPerYear: round(leak, 2), result: leak <= 3 ? 1 : 0 }, reject: leak > 3 };
    },
    values() {
      return {};
    },
  },
  vacuum: {
    ...base,
    positions: 30,
    taktS: paced,
    dwellS: perUnit(29),
    scatter: 0.005,
    mtbfH: 50,
    mttrMin: 20,
    faults: [{ id: 'VACUUM_PUMP', text: 'Vacuum pump overload', priority: 2 }],
    values(ctx) {
      // Pump-down of the newest system: near-exponential from atmosphere towards ~0.5 mbar.
      const t = ctx.elapsedS ?? ctx.cycleS;
      return { pressureMbar: round(0.5 + 1013 * Math.exp(-t / 40) + Math.abs(ctx.noise.normal(0, 0.05)), 2), positionsUsed: ctx.positionsUsed };
    },
  },
  charging: {
    ...base,
    positions: 2,
    taktS: paced,
    dwellS: perUnit(1.8),
    scatter: 0.05,
    mtbfH: 40,
    mttrMin: 15,
    faults: [
      { id: 'R600A_GAS_ALARM', text: 'R600a gas detector alarm', priority: 1 },
      { id: 'CHARGE_VALVE', text: 'Charge valve fault', priority: 2 },
    ],
    inspect(rng) {
      const setpoint = 55;
      const charge = rng.chance(0.01) ? setpoint + rng.pick([-1, 1]) * rng.between(2, 5) : rng.normal(setpoint, 0.3);
      return { values: { chargeG: round(charge, 2), setpointG: setpoint }, reject: Math.abs(charge - setpoint) > 1.5 };
    },
    values() {
      return {};
    },
  },
  'performance-test': {
    ...base,
    positions: 18,
    taktS: paced,
    dwellS: perUnit(17),
    // Pull-down time varies little with the bay; more scatter would let bays finish out of turn.
    scatter: 0.002,
    mtbfH: 80,
    mttrMin: 30,
    inputBuffer: 100,
    faults: [
      { id: 'BAY_HVAC', text: 'Test bay ambient control fault', priority: 3 },
      { id: 'POWER_METER', text: 'Power meter communication lost', priority: 4 },
    ],
    utilityLoss: [
      { id: 'COOLING_WATER_LOW', text: 'Cooling water flow low', priority: 2 },
      { id: 'BAY_TEMP_HIGH', text: 'Test bay ambient temperature high', priority: 3 },
    ],
    inspect(rng) {
      const pulldown = rng.chance(0.01) ? rng.between(7, 12) : rng.normal(4, 0.4);
      return { values: { finalTempC: round(pulldown) }, reject: pulldown > 6 };
    },
    values(ctx) {
      // Pull-down of the newest fridge in the bay: from room temperature towards ~4 °C.
      const compartment = ctx.elapsedS !== undefined ? 4 + 21 * Math.exp(-5 * phaseOf(ctx)) : 25;
      return {
        compartmentTempC: round(compartment + (ctx.degraded ? 3 : 0) + ctx.noise.normal(0, 0.2)),
        powerW: round(ctx.positionsUsed * (95 + ctx.noise.normal(0, 2))),
        positionsUsed: ctx.positionsUsed,
      };
    },
  },
  'safety-test': {
    ...base,
    scatter: 0.05,
    mtbfH: 60,
    mttrMin: 10,
    faults: [{ id: 'HIPOT_CONTACT', text: 'Hipot probe contact fault', priority: 3 }],
    inspect(rng) {
      const leakage = rng.chance(0.003) ? rng.between(4, 8) : Math.abs(rng.normal(0.4, 0.12));
      return { values: { hipotKv: round(rng.normal(1.25, 0.005), 3), leakageMa: round(leakage, 2) }, reject: leakage > 3.5 };
    },
    values() {
      return {};
    },
  },
  packaging: {
    ...base,
    mtbfH: 40,
    mttrMin: 10,
    faults: [
      { id: 'CARTON_JAM', text: 'Carton erector jam', priority: 4 },
      { id: 'STRAPPER_FAULT', text: 'Strapping machine fault', priority: 4 },
    ],
    values(ctx) {
      return { wrapperRpm: busy(ctx) ? round(12 + ctx.noise.normal(0, 0.2)) : 0 };
    },
  },
};

/** A station type the simulator does not know still runs: a plain machine at its ideal cycle. */
const FALLBACK: StationProfile = {
  ...base,
  faults: [{ id: 'MACHINE_FAULT', text: 'Machine fault', priority: 3 }],
  values() {
    return {};
  },
};

export function profileFor(type: string): StationProfile {
  return PROFILES[type] ?? FALLBACK;
}

/** Mean sampled process time of one load (see `sampleProcessS`). */
export function expectedProcessS(profile: StationProfile, spec: StationSpec): number {
  return profile.dwellS(spec) * (1 + profile.scatter * (1 - Math.exp(-MAX_SCATTER_DRAW)));
}

export const MAX_SCATTER_DRAW = 4;

/** One load's process time: the dwell plus a capped exponential delay, like real cycle-time tails. */
export function sampleProcessS(profile: StationProfile, spec: StationSpec, rng: Rng, factor: number): number {
  return profile.dwellS(spec) * factor * (1 + profile.scatter * Math.min(MAX_SCATTER_DRAW, rng.exponential(1)));
}
