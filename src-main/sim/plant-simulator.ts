import type { PlantFile, StationSpec } from '../shared/plant-schema';
import type { StationState } from '../shared/station-state';
import type { TelemetryEvent } from '../shared/telemetry';
import { EventQueue } from './event-queue';
import { ItemGenealogy } from './item-genealogy';
import { buildFlowGraph, type Bank, type BufferSpec, type FlowGraph } from './flow-graph';
import { deriveSeed, Rng } from '../core/rng';
import { stopWindows, type StopWindow } from '../core/kpi/shift-stops';
import { sampleProcessS, type MachineAlarm, type StationProfile } from './station-profiles';

/** What the simulation reports: the pipeline's telemetry events, encoded by a `SimSink`. */
export type SimRecord = Exclude<TelemetryEvent, { kind: 'stale' }>;

export interface SimSink {
  emit(record: SimRecord): void;
}

export interface SimOptions {
  seed: number;
  /** Simulated start time, ms since the epoch. */
  start: number;
  /** Process values are published this often per station (staggered), simulated ms. */
  metricsPeriodMs?: number;
  /** Random machine faults (MTBF/MTTR); off for tests that need a clean flow. */
  randomFaults?: boolean;
  /** Recurring planned stops per station type (mould cleaning, battery charging). */
  service?: boolean;
  /** Breaks and unplanned hours from the plant's shift calendar. */
  calendar?: boolean;
  /** Keep what the genealogy did (routes, lots) in memory: the oracle for genealogy tests. */
  groundTruth?: boolean;
}

/** Units in, out and in between: items created = finished + scrapped + consumed + WIP. */
export interface Ledger {
  created: number;
  finished: number;
  scrapped: number;
  /** Parts built into another product at an assembly station (liners into cabinets). */
  consumed: number;
  wip: number;
}

/**
 * Where a simulation starts when it starts from a running plant rather than warm (the forecast):
 * every unknown already drawn, so the simulator only places what it is given.
 */
export interface SimStart {
  /** Units in each buffer, in the order of `graph.buffers`. */
  buffers: number[];
  /** Stations not listed start warm, as `begin()` starts them. */
  stations: Record<string, StationStart>;
}

export interface StationStart {
  /** Loads in process: how long each has run and how much of its process time is left. */
  loads: Array<{ elapsedMs: number; remainingMs: number }>;
  /** Loads finished but not yet unloaded (the station is blocked). */
  doneLoads: number;
  /** Down by a fault for this much longer; loads in process wait for the repair. */
  faultMs?: number;
  /** On a planned stop for this much longer. */
  maintenanceMs?: number;
}

/** What a station is doing now, as the forecast observes it from a simulator (tests, back-tests). */
export interface StationNow {
  id: string;
  state: StationState;
  reason: string | undefined;
  since: number;
  /** How long each load in process has run (held time during a fault not counted). */
  loadsElapsedMs: number[];
  doneLoads: number;
}

interface Unit {
  id: string | undefined;
}

interface Load {
  units: Unit[];
  startedAt: number;
  durationMs: number;
  doneAt: number;
  /** Set while a fault holds the load: what is left of its process time. */
  remainingMs: number | undefined;
  done: boolean;
}

interface Stop {
  state: StationState;
  reason: string;
  alarms: MachineAlarm[];
}

interface PendingStop {
  stop: Stop;
  durationMs: number;
  /** The station type's recurring service: when done, the next one is scheduled. */
  recurring: boolean;
}

interface SimStation {
  spec: StationSpec;
  bank: Bank;
  profile: StationProfile;
  rng: Rng;
  noise: Rng;
  loads: Load[];
  lastLoadAt: number;
  taktWakeAt: number | undefined;
  fault: Stop | undefined;
  maintenance: Stop | undefined;
  lastServiceAt: number;
  calendar: StopWindow[];
  state: StationState;
  reason: string | undefined;
  stateSince: number;
  good: number;
  reject: number;
  completed: number;
  /** Bumped when a fault holds the station: completion events scheduled before it are void. */
  epoch: number;
  measured: Record<string, number>;
  lastCycleS: number;
  cycleFactor: number;
  degraded: boolean;
  queued: boolean;
}

class SimBuffer {
  readonly units: Unit[] = [];
  constructor(readonly spec: BufferSpec) {}

  get room(): number {
    return this.spec.capacity - this.units.length;
  }
}

const CALENDAR_HORIZON_MS = 24 * 3_600_000;
/** Log-normal spread of repair times around the profile's MTTR (the forecast conditions on it). */
export const REPAIR_SPREAD = 0.6;

/**
 * A discrete-event simulation of a plant file: stations with cycle-time distributions per
 * station type, shared buffers between banks (so stations upstream of a stopped one block and
 * those downstream starve), faults, scrap at test stations, planned stops and the shift
 * calendar. Pure: it writes telemetry records to a sink and never touches the network or the
 * wall clock, so a seed and a start time give the same records every run.
 */
export class PlantSimulator {
  readonly graph: FlowGraph;
  private readonly queue = new EventQueue();
  private readonly stations: SimStation[] = [];
  private readonly byId = new Map<string, SimStation>();
  private readonly bankStations = new Map<Bank, SimStation[]>();
  private readonly buffers = new Map<BufferSpec, SimBuffer>();
  private readonly work: SimStation[] = [];
  private readonly ledger: Omit<Ledger, 'wip'> = { created: 0, finished: 0, scrapped: 0, consumed: 0 };
  private readonly idCounters = new Map<string, number>();
  /** Planned stops waiting for the station's current loads to finish, first come first served. */
  private readonly pendingStops = new Map<SimStation, PendingStop[]>();
  /** Lots, tests, scrap reasons and storage of the units this simulation moves. */
  readonly genealogy: ItemGenealogy;
  private nowMs: number;
  private started = false;
  /** How often process values are published; a prefill publishes them less often (from the next one on). */
  metricsPeriodMs: number;

  constructor(
    readonly plant: PlantFile,
    private readonly sink: SimSink,
    private readonly opts: SimOptions,
  ) {
    this.nowMs = opts.start;
    this.metricsPeriodMs = opts.metricsPeriodMs ?? 2000;
    this.graph = buildFlowGraph(plant);
    this.genealogy = new ItemGenealogy(sink, opts.seed, opts.groundTruth);
    for (const b of this.graph.buffers) this.buffers.set(b, new SimBuffer(b));
    for (const bank of this.graph.banks) {
      const members = bank.stations.map((spec): SimStation => {
        const s: SimStation = {
          spec,
          bank,
          profile: bank.profile,
          rng: new Rng(deriveSeed(opts.seed, spec.id)),
          noise: new Rng(deriveSeed(opts.seed, `${spec.id}/values`)),
          loads: [],
          lastLoadAt: -Infinity,
          taktWakeAt: undefined,
          fault: undefined,
          maintenance: undefined,
          lastServiceAt: opts.start,
          calendar: [],
          state: 'IDLE',
          reason: undefined,
          stateSince: opts.start,
          good: 0,
          reject: 0,
          completed: 0,
          epoch: 0,
          measured: {},
          lastCycleS: spec.idealCycleSeconds,
          cycleFactor: 1,
          degraded: false,
          queued: false,
        };
        this.stations.push(s);
        this.byId.set(spec.id, s);
        return s;
      });
      this.bankStations.set(bank, members);
    }
  }

  get now(): number {
    return this.nowMs;
  }

  get seed(): number {
    return this.opts.seed;
  }

  /** Runs `run` at simulated time `at`: what scenarios use for incidents that recur. */
  at(at: number, run: () => void): void {
    this.queue.schedule(at, run);
  }

  /**
   * Reports every station's state and count totals once more, as they are: what a sink that
   * joins a running simulation (the broker after a prefill) needs first. Totals go on from where
   * they are, so no consumer sees a counter reset.
   */
  announce(): void {
    for (const s of this.stations) {
      this.emitState(s, true);
      this.sink.emit({ kind: 'count', station: s.spec.id, ts: this.nowMs, good: s.good, reject: s.reject });
    }
  }

  /** When the next event is due: the runner sleeps until then at real-time speeds. */
  get nextEventAt(): number {
    return this.queue.peekTime();
  }

  /**
   * Starts the plant warm (buffers half full, machines mid-cycle at staggered phases, as a
   * running plant is when someone walks up to it), or from `from`, and reports its whole state once.
   */
  begin(from?: SimStart): void {
    if (this.started) return;
    this.started = true;
    const now = this.nowMs;
    [...this.buffers.values()].forEach((buffer, b) => {
      const n = from ? Math.min(buffer.spec.capacity, from.buffers[b] ?? 0) : Math.floor(buffer.spec.capacity / 2);
      for (let i = 0; i < n; i += 1) buffer.units.push(this.createUnit());
      this.genealogy.stock(buffer.spec.from, buffer.units, now);
    });
    for (const s of this.stations) {
      const given = from?.stations[s.spec.id];
      if (given) this.placeStart(s, given);
      else this.warmStart(s);
      this.emitState(s, true);
      this.sink.emit({ kind: 'count', station: s.spec.id, ts: now, good: 0, reject: 0 });
      // A station starting in a fault schedules its next failure when repaired.
      if (this.opts.randomFaults !== false && !s.fault) this.scheduleFailure(s);
      const service = s.profile.service;
      if (service && this.opts.service !== false) this.queue.schedule(now + s.rng.next() * service.everyH * 3_600_000, () => this.serviceDue(s));
      const period = this.metricsPeriodMs;
      this.scheduleMetrics(s, now + ((this.stations.indexOf(s) + 1) / this.stations.length) * period);
    }
    if (this.opts.calendar !== false) this.planCalendar(now, true);
    for (const s of this.stations) this.enqueue(s);
    this.flush();
  }

  /** Runs every event due up to `t` (simulated ms), reporting what happens on the way. */
  advanceTo(t: number): void {
    if (!this.started) this.begin();
    while (this.queue.peekTime() <= t) {
      const at = this.queue.peekTime();
      const run = this.queue.pop();
      this.nowMs = at;
      run?.();
      this.flush();
    }
    this.nowMs = Math.max(this.nowMs, t);
  }

  stationIds(): string[] {
    return this.stations.map((s) => s.spec.id);
  }

  stationState(id: string): StationState | undefined {
    return this.byId.get(id)?.state;
  }

  totals(id: string): { good: number; reject: number } | undefined {
    const s = this.byId.get(id);
    return s && { good: s.good, reject: s.reject };
  }

  ledgerNow(): Ledger {
    let wip = 0;
    for (const b of this.buffers.values()) wip += b.units.length;
    for (const s of this.stations) for (const l of s.loads) wip += l.units.length;
    return { ...this.ledger, wip };
  }

  /** Ids of the tracked products still in the plant. */
  wipIds(): string[] {
    const ids: string[] = [];
    const add = (u: Unit): void => {
      if (u.id !== undefined) ids.push(u.id);
    };
    for (const b of this.buffers.values()) b.units.forEach(add);
    for (const s of this.stations) for (const l of s.loads) l.units.forEach(add);
    return ids;
  }

  /** Every station's state and loads now: what the forecast observes of a simulated plant. */
  stationsNow(): StationNow[] {
    return this.stations.map((s) => ({
      id: s.spec.id,
      state: s.state,
      reason: s.reason,
      since: s.stateSince,
      loadsElapsedMs: s.loads.filter((l) => !l.done).map((l) => (l.remainingMs !== undefined ? l.durationMs - l.remainingMs : this.nowMs - l.startedAt)),
      doneLoads: s.loads.filter((l) => l.done).length,
    }));
  }

  /** Whether the station is stopped now (a fault, or planned work) and a new fault would wait its turn. */
  isDown(stationId: string): boolean {
    return this.station(stationId).fault !== undefined;
  }

  /** Units in each buffer, in the order of `graph.buffers`. */
  bufferCounts(): number[] {
    return [...this.buffers.values()].map((b) => b.units.length);
  }

  /** A machine fault from `at` for `durationMs`: what the fault-cascade scenario and tests inject. */
  injectFault(stationId: string, at: number, durationMs: number, alarm: MachineAlarm): void {
    const s = this.station(stationId);
    this.queue.schedule(at, () => this.startFault(s, [alarm], durationMs));
  }

  /** From `at`, the next lot made from raw material is bad: what the bad-lot scenario injects. */
  injectBadLot(at: number): void {
    this.queue.schedule(at, () => this.genealogy.markNextLotBad());
  }

  /** Takes a station out for planned work (a mould change) once its current load is done. */
  scheduleMaintenance(stationId: string, at: number, durationMs: number, reason: string): void {
    const s = this.station(stationId);
    this.queue.schedule(at, () => this.addPendingStop(s, { stop: { state: 'MAINTENANCE', reason, alarms: [] }, durationMs, recurring: false }));
  }

  /** A station's own failure and repair means, where they differ from its type's (a forecast calibrated on what was observed). */
  tuneStation(stationId: string, tuning: { mtbfH: number; mttrMin: number }): void {
    const s = this.station(stationId);
    s.profile = { ...s.profile, mtbfH: tuning.mtbfH, mttrMin: tuning.mttrMin };
  }

  /** Stretches a station's process times (a slower recipe) from now on. */
  setCycleFactor(stationId: string, factor: number): void {
    this.station(stationId).cycleFactor = factor;
  }

  /**
   * A failing utility at one station: process values drift, the machine raises its utility
   * alarms and holds until the supply is back.
   */
  utilityLoss(stationId: string, at: number, durationMs: number): void {
    const s = this.station(stationId);
    this.queue.schedule(at, () => {
      s.degraded = true;
      this.startFault(s, s.profile.utilityLoss, durationMs, () => {
        s.degraded = false;
      });
    });
  }

  private station(id: string): SimStation {
    const s = this.byId.get(id);
    if (!s) throw new Error(`no station ${id} in plant ${this.plant.id}`);
    return s;
  }

  private createUnit(): Unit {
    this.ledger.created += 1;
    return { id: undefined };
  }

  private nextId(s: SimStation): string | undefined {
    const assign = s.profile.assignsId;
    if (!assign) return undefined;
    const n = (this.idCounters.get(s.bank.key) ?? 0) + 1;
    this.idCounters.set(s.bank.key, n);
    return assign(n, this.nowMs);
  }

  /**
   * Loads already in process at the start: at random phases, or for a station paced by a takt,
   * one a takt apart, as its places are when it has been running a while.
   */
  private warmStart(s: SimStation): void {
    const { profile, spec } = s;
    const taktMs = profile.taktS(spec) * 1000 * s.cycleFactor;
    const phase = s.rng.next();
    for (let i = 0; i < profile.positions; i += 1) {
      const durationMs = sampleProcessS(profile, spec, s.rng, s.cycleFactor) * 1000;
      const startedAt = this.nowMs - (taktMs > 0 ? (phase + i) * taktMs : s.rng.next() * durationMs);
      if (startedAt + durationMs <= this.nowMs) break;
      const units: Unit[] = [];
      for (let k = 0; k < profile.batch; k += 1) {
        const u = this.createUnit();
        u.id = this.nextId(s);
        units.push(u);
      }
      const load: Load = { units, startedAt, durationMs, doneAt: startedAt + durationMs, remainingMs: undefined, done: false };
      s.loads.push(load);
      this.scheduleCompletion(s, load);
      for (const u of units) this.emitItem(s, u, 'enter');
      this.genealogy.loaded(s, units, [], this.nowMs);
    }
    s.loads.sort((a, b) => a.startedAt - b.startedAt);
    s.lastLoadAt = s.loads[s.loads.length - 1]?.startedAt ?? -Infinity;
  }

  /** Places a station as `from` says: its loads with their progress, and a fault or stop in course. */
  private placeStart(s: SimStation, from: StationStart): void {
    const newLoad = (startedAt: number, durationMs: number, done: boolean): Load => {
      const units: Unit[] = [];
      for (let k = 0; k < s.profile.batch; k += 1) {
        const u = this.createUnit();
        u.id = this.nextId(s);
        units.push(u);
      }
      return { units, startedAt, durationMs, doneAt: startedAt + durationMs, remainingMs: undefined, done };
    };
    for (let i = 0; i < from.doneLoads; i += 1) s.loads.push(newLoad(this.nowMs, 0, true));
    for (const l of from.loads) {
      const load = newLoad(this.nowMs - l.elapsedMs, l.elapsedMs + l.remainingMs, false);
      s.loads.push(load);
      this.scheduleCompletion(s, load);
    }
    s.lastLoadAt = Math.max(-Infinity, ...s.loads.filter((l) => !l.done).map((l) => l.startedAt));
    if (from.faultMs !== undefined) this.startFault(s, [s.profile.faults[0] as MachineAlarm], from.faultMs, () => this.scheduleFailure(s));
    if (from.maintenanceMs !== undefined) this.addPendingStop(s, { stop: { state: 'MAINTENANCE', reason: 'maintenance in course', alarms: [] }, durationMs: from.maintenanceMs, recurring: false });
  }

  private scheduleCompletion(s: SimStation, load: Load): void {
    const epoch = s.epoch;
    this.queue.schedule(load.doneAt, () => {
      if (s.epoch !== epoch || load.done) return;
      this.complete(s, load);
    });
  }

  private complete(s: SimStation, load: Load): void {
    load.done = true;
    s.completed += load.units.length;
    s.lastCycleS = Math.round(load.durationMs / 100) / 10;
    const kept: Unit[] = [];
    for (const u of load.units) {
      const verdict = this.genealogy.inspect(s, u, s.profile.inspect?.(s.rng, s.degraded), this.nowMs);
      if (verdict) s.measured = verdict.values;
      if (verdict?.reject) {
        s.reject += 1;
        this.ledger.scrapped += 1;
        this.emitItem(s, u, 'scrap');
      } else {
        kept.push(u);
      }
    }
    // A batch station reports batches (a mixer's produced quantity), the others units.
    const good = s.profile.batch > 1 && s.bank.inputs.length === 0 ? 1 : kept.length;
    s.good += good;
    load.units = kept;
    this.sink.emit({ kind: 'count', station: s.spec.id, ts: this.nowMs, good: s.good, reject: s.reject });
    this.enqueue(s);
  }

  private enqueue(s: SimStation): void {
    if (s.queued) return;
    s.queued = true;
    this.work.push(s);
  }

  /** Wakes a bank's stations, the longest-waiting first: that one gets the next unit. */
  private wakeBank(bank: Bank): void {
    const members = this.bankStations.get(bank) ?? [];
    for (const s of [...members].sort((a, b) => a.stateSince - b.stateSince)) this.enqueue(s);
  }

  private flush(): void {
    for (let s = this.work.shift(); s; s = this.work.shift()) {
      s.queued = false;
      this.step(s);
    }
  }

  private step(s: SimStation): void {
    if (!s.fault) {
      this.unload(s);
      if (!s.maintenance && !this.processing(s)) this.startPendingStop(s);
      if (this.mayLoad(s)) this.load(s);
    }
    this.emitState(s, false);
  }

  private processing(s: SimStation): boolean {
    return s.loads.some((l) => !l.done);
  }

  private mayLoad(s: SimStation): boolean {
    return !s.fault && !s.maintenance && !this.pendingStops.has(s) && s.calendar.length === 0;
  }

  private unload(s: SimStation): void {
    const outputs = s.bank.outputs.map((b) => this.buffers.get(b) as SimBuffer);
    for (const load of s.loads) {
      if (!load.done) continue;
      while (load.units.length > 0) {
        const target = outputs.reduce<SimBuffer | undefined>((best, b) => (b.room > (best?.room ?? 0) ? b : best), undefined);
        if (outputs.length > 0 && !target) break;
        const unit = load.units.shift() as Unit;
        this.emitItem(s, unit, 'leave');
        if (target) {
          target.units.push(unit);
          this.wakeBank(target.spec.to);
        } else {
          this.ledger.finished += 1;
        }
      }
    }
    s.loads = s.loads.filter((l) => !l.done || l.units.length > 0);
  }

  private load(s: SimStation): void {
    const { profile, spec } = s;
    const inputs = s.bank.inputs.map((b) => this.buffers.get(b) as SimBuffer);
    const taktMs = profile.taktS(spec) * 1000 * s.cycleFactor;
    while (s.loads.length < profile.positions) {
      if (inputs.some((b) => b.units.length < profile.batch)) return;
      if (this.nowMs < s.lastLoadAt + taktMs) {
        this.wakeAfterTakt(s, s.lastLoadAt + taktMs);
        return;
      }
      const units: Unit[] = [];
      const parts: Unit[] = [];
      inputs.forEach((buffer, i) => {
        const taken = buffer.units.splice(0, profile.batch);
        // The first input carries the product; the others are parts built into it.
        if (i === 0) units.push(...taken);
        else {
          this.ledger.consumed += taken.length;
          parts.push(...taken);
        }
        this.wakeBank(buffer.spec.from);
      });
      if (inputs.length === 0) for (let k = 0; k < profile.batch; k += 1) units.push(this.createUnit());
      for (const u of units) {
        u.id = this.nextId(s) ?? u.id;
        this.emitItem(s, u, 'enter');
      }
      this.genealogy.loaded(s, units, parts, this.nowMs);
      const durationMs = sampleProcessS(profile, spec, s.rng, s.cycleFactor) * 1000;
      const load: Load = { units, startedAt: this.nowMs, durationMs, doneAt: this.nowMs + durationMs, remainingMs: undefined, done: false };
      s.loads.push(load);
      s.lastLoadAt = this.nowMs;
      this.scheduleCompletion(s, load);
    }
  }

  private wakeAfterTakt(s: SimStation, at: number): void {
    if (s.taktWakeAt !== undefined && s.taktWakeAt <= at) return;
    s.taktWakeAt = at;
    this.queue.schedule(at, () => {
      if (s.taktWakeAt !== at) return;
      s.taktWakeAt = undefined;
      this.enqueue(s);
    });
  }

  private scheduleFailure(s: SimStation): void {
    const at = this.nowMs + s.rng.exponential(s.profile.mtbfH * 3_600_000);
    this.queue.schedule(at, () => {
      // A machine that is already down or on a planned stop does not fail on top of it.
      if (s.fault || s.maintenance || s.calendar.length > 0) {
        this.scheduleFailure(s);
        return;
      }
      const mean = s.profile.mttrMin * 60_000;
      const repairMs = mean * Math.exp(s.rng.normal(-(REPAIR_SPREAD ** 2) / 2, REPAIR_SPREAD));
      this.startFault(s, [s.rng.pick(s.profile.faults)], repairMs, () => this.scheduleFailure(s));
    });
  }

  /** Stops the station where it is: loads in process wait for the repair, then finish. */
  private startFault(s: SimStation, alarms: MachineAlarm[], durationMs: number, onRepair?: () => void): void {
    if (s.fault) {
      // Already down: the new cause waits its turn rather than erasing the first one's alarms.
      this.queue.schedule(this.nowMs + 60_000, () => this.startFault(s, alarms, durationMs, onRepair));
      return;
    }
    const stop: Stop = { state: 'FAULT', reason: alarms[0]?.text ?? 'fault', alarms };
    s.fault = stop;
    s.epoch += 1;
    const faultAt = this.nowMs;
    for (const l of s.loads) if (!l.done) l.remainingMs = l.doneAt - this.nowMs;
    for (const a of alarms) this.emitAlarm(s, a, true);
    this.emitState(s, false);
    this.queue.schedule(this.nowMs + durationMs, () => {
      if (s.fault !== stop) return;
      s.fault = undefined;
      // The takt stood still with the loads: the next load keeps its distance from the last one.
      s.lastLoadAt += this.nowMs - faultAt;
      for (const a of alarms) this.emitAlarm(s, a, false);
      for (const l of s.loads) {
        if (l.done || l.remainingMs === undefined) continue;
        l.doneAt = this.nowMs + l.remainingMs;
        l.remainingMs = undefined;
        this.scheduleCompletion(s, l);
      }
      onRepair?.();
      this.enqueue(s);
    });
  }

  private serviceDue(s: SimStation): void {
    const service = s.profile.service;
    if (service) this.addPendingStop(s, { stop: { state: service.state, reason: service.reason, alarms: [] }, durationMs: service.minutes * 60_000, recurring: true });
  }

  private addPendingStop(s: SimStation, pending: PendingStop): void {
    const list = this.pendingStops.get(s) ?? [];
    list.push(pending);
    this.pendingStops.set(s, list);
    this.enqueue(s);
  }

  private startPendingStop(s: SimStation): void {
    const list = this.pendingStops.get(s);
    const pending = list?.shift();
    if (!list || !pending) return;
    if (list.length === 0) this.pendingStops.delete(s);
    s.maintenance = pending.stop;
    this.queue.schedule(this.nowMs + pending.durationMs, () => {
      s.maintenance = undefined;
      s.lastServiceAt = this.nowMs;
      const service = s.profile.service;
      if (pending.recurring && service) this.queue.schedule(this.nowMs + service.everyH * 3_600_000, () => this.serviceDue(s));
      this.enqueue(s);
    });
  }

  /** Schedules the calendar's stops for the next day, then plans the day after. */
  private planCalendar(from: number, first: boolean): void {
    const to = from + CALENDAR_HORIZON_MS;
    for (const w of stopWindows(this.plant.shifts, from, to)) {
      const inside = w.start < from;
      // Each window is planned once: by the horizon its start falls in, or at start-up when already open.
      if (inside && !first) continue;
      const affected = this.stations.filter((s) => w.kind !== 'break' || s.profile.staffed);
      this.queue.schedule(Math.max(from, w.start), () => {
        for (const s of affected) {
          s.calendar.push(w);
          this.enqueue(s);
        }
      });
      this.queue.schedule(w.end, () => {
        for (const s of affected) {
          s.calendar = s.calendar.filter((c) => c !== w);
          this.enqueue(s);
        }
      });
    }
    this.queue.schedule(to, () => this.planCalendar(to, false));
  }

  private scheduleMetrics(s: SimStation, at: number): void {
    this.queue.schedule(at, () => {
      this.emitMetrics(s);
      this.scheduleMetrics(s, at + this.metricsPeriodMs);
    });
  }

  private emitMetrics(s: SimStation): void {
    const newest = s.loads.filter((l) => !l.done).at(-1);
    const elapsedMs = newest && (newest.remainingMs !== undefined ? newest.durationMs - newest.remainingMs : this.nowMs - newest.startedAt);
    const values = s.profile.values({
      spec: s.spec,
      state: s.state,
      elapsedS: elapsedMs === undefined ? undefined : elapsedMs / 1000,
      cycleS: (newest?.durationMs ?? s.lastCycleS * 1000) / 1000,
      positionsUsed: s.loads.length,
      positions: s.profile.positions,
      sinceServiceS: (this.nowMs - s.lastServiceAt) / 1000,
      degraded: s.degraded,
      completed: s.completed,
      noise: s.noise,
    });
    this.sink.emit({ kind: 'metrics', station: s.spec.id, ts: this.nowMs, values: { ...values, ...s.measured, cycleTimeS: s.lastCycleS } });
  }

  private emitItem(s: SimStation, unit: Unit, event: 'enter' | 'leave' | 'scrap'): void {
    this.genealogy.moved(s, unit, event, this.nowMs);
  }

  private emitAlarm(s: SimStation, alarm: MachineAlarm, active: boolean): void {
    this.sink.emit({ kind: 'alarm', station: s.spec.id, ts: this.nowMs, id: alarm.id, active, priority: alarm.priority, text: alarm.text });
  }

  private emitState(s: SimStation, force: boolean): void {
    const [state, reason] = this.stateOf(s);
    if (!force && state === s.state && reason === s.reason) return;
    if (state !== s.state) s.stateSince = this.nowMs;
    s.state = state;
    s.reason = reason;
    this.sink.emit({ kind: 'state', station: s.spec.id, ts: this.nowMs, state, ...(reason ? { reason } : {}) });
  }

  private stateOf(s: SimStation): [StationState, string | undefined] {
    if (s.fault) return ['FAULT', s.fault.reason];
    if (s.maintenance) return [s.maintenance.state, s.maintenance.reason];
    if (this.processing(s)) return ['RUNNING', undefined];
    if (s.loads.length > 0) return ['BLOCKED', `output full: ${s.bank.outputs.map((b) => b.to.type).join(', ')}`];
    const planned = s.calendar[0];
    if (planned) return planned.kind === 'maintenance' ? ['MAINTENANCE', 'planned maintenance window'] : ['IDLE', planned.kind === 'break' ? 'break' : 'no shift planned'];
    if (s.taktWakeAt !== undefined || s.bank.inputs.length === 0) return ['RUNNING', undefined];
    const empty = s.bank.inputs.filter((b) => (this.buffers.get(b)?.units.length ?? 0) < s.profile.batch);
    return ['STARVED', `waiting for ${empty.map((b) => b.from.type).join(', ')}`];
  }
}
