import { z } from 'zod';

const localized = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
const vec3 = z.tuple([z.number(), z.number(), z.number()]);

/** Field paths into an arbitrary JSON payload, dot-separated (`data.machine.state`). */
const mappedJsonBinding = z
  .object({
    topic: z.string().min(1),
    fields: z
      .object({
        state: z.string().optional(),
        good: z.string().optional(),
        reject: z.string().optional(),
        ts: z.string().optional(),
        metrics: z.record(z.string(), z.string()).optional(),
      })
      .strict(),
    stateMap: z.record(z.string(), z.string()).optional(),
  })
  .strict();

/** Alarm limits; a rule needs at least one, and they must be ordered ll ≤ l < h ≤ hh. */
const alarmLimitsSchema = z
  .object({ hh: z.number().optional(), h: z.number().optional(), l: z.number().optional(), ll: z.number().optional() })
  .strict()
  .refine((lim) => Object.values(lim).some((v) => v !== undefined), 'an alarm rule needs at least one of hh, h, l, ll')
  .refine((lim) => {
    const ordered = [lim.ll, lim.l, lim.h, lim.hh].filter((v): v is number => v !== undefined);
    return ordered.every((v, i) => i === 0 || v >= (ordered[i - 1] ?? v));
  }, 'alarm limits must be ordered ll ≤ l ≤ h ≤ hh');

/**
 * A limit alarm on one metric (ISA-18.2 / IEC 62682). Each limit given is its own alarm. The
 * delays default to the common 15 s on / 60 s off; deadband is in the metric's own unit.
 */
export const alarmRuleSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'alarm rule id: letters, digits, _ and - only'),
    metric: z.string().min(1),
    limits: alarmLimitsSchema,
    deadband: z.number().nonnegative().default(0),
    onDelaySeconds: z.number().nonnegative().default(15),
    offDelaySeconds: z.number().nonnegative().default(60),
    priority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).default(3),
    text: localized,
  })
  .strict();

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time of day as HH:MM');

/** A shift calendar in the plant's local time; planned busy time excludes breaks and maintenance. */
export const shiftCalendarSchema = z
  .object({
    /** Local time offset from UTC; China has no daylight saving time. */
    utcOffsetMinutes: z.number().int().min(-720).max(840).default(480),
    shifts: z
      .array(
        z
          .object({
            id: z.string().min(1),
            start: clockTime,
            hours: z.number().positive().max(24),
            breaks: z.array(z.object({ start: clockTime, minutes: z.number().positive() }).strict()).default([]),
          })
          .strict(),
      )
      .min(1),
    /** Planned maintenance windows (ISO 8601 instants). */
    maintenance: z.array(z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }).strict()).default([]),
  })
  .strict();

/** Three 8 h shifts with a 30 min meal break each: the common pattern in Chinese tire and appliance plants. */
export const DEFAULT_SHIFTS: z.input<typeof shiftCalendarSchema> = {
  utcOffsetMinutes: 480,
  shifts: [
    { id: 'A', start: '06:00', hours: 8, breaks: [{ start: '10:00', minutes: 30 }] },
    { id: 'B', start: '14:00', hours: 8, breaks: [{ start: '18:00', minutes: 30 }] },
    { id: 'C', start: '22:00', hours: 8, breaks: [{ start: '02:00', minutes: 30 }] },
  ],
};

export const stationSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'station id: letters, digits, _ and - only (it is an MQTT topic level)'),
    type: z.string().min(1),
    name: localized,
    position: vec3,
    rotationDeg: z.number().default(0),
    /**
     * ISO 22400 PRU: the ideal time per unit the station counts, at full capacity. A station
     * with several places (test bays, carousel fixtures) or one that counts a load as several
     * units (an AGV trip) has a PRU of its process time divided by those.
     */
    idealCycleSeconds: z.number().positive(),
    staleAfterSeconds: z.number().positive().default(30),
    model: z.string().optional(),
    mapped: mappedJsonBinding.optional(),
    alarms: z.array(alarmRuleSchema).default([]),
  })
  .strict();

export const conveyorSchema = z
  .object({
    from: z.string().min(1),
    to: z.string().min(1),
    capacity: z.number().int().nonnegative(),
    path: z.array(vec3).default([]),
  })
  .strict();

export const lineSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'line id: letters, digits, _ and - only (it is an MQTT topic level)'),
    name: localized,
    stations: z.array(stationSchema).min(1),
    conveyors: z.array(conveyorSchema).default([]),
    shiftTargetUnits: z.number().int().positive().optional(),
    /** Stations whose output is the line's output; default: those with no outgoing conveyor. */
    outputStations: z.array(z.string().min(1)).min(1).optional(),
    /** Rules applied to every station of the line that publishes the metric. */
    alarms: z.array(alarmRuleSchema).default([]),
  })
  .strict();

/**
 * What the machines' own alarm ids mean, in both languages: a machine sends its alarm text in
 * one language (or, over Sparkplug, none), and the Chinese UI must not show it in English.
 * Keyed by the id the machine sends (`alarm` topic `id`, Sparkplug `alarm/{ID}`).
 */
export const machineAlarmTextsSchema = z.record(z.string().regex(/^[A-Za-z0-9_./-]+$/, 'machine alarm id: letters, digits, _ . / and - only'), localized).default({});

/** How a process value is named and in what unit it is shown; a metric not listed shows its raw key. */
export const metricLabelSchema = z.object({ zh: z.string().min(1), en: z.string().min(1), unit: z.string().optional() }).strict();

export const plantSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().min(1),
    name: localized,
    uns: z.object({ prefix: z.string().min(1) }).strict(),
    sparkplug: z.object({ groupId: z.string().min(1) }).strict().optional(),
    hall: z.object({ size: z.tuple([z.number().positive(), z.number().positive()]) }).strict().optional(),
    metrics: z.record(z.string().min(1), metricLabelSchema).optional(),
    lines: z.array(lineSchema).min(1),
    alarmTexts: machineAlarmTextsSchema,
    shifts: shiftCalendarSchema.default(() => shiftCalendarSchema.parse(DEFAULT_SHIFTS)),
  })
  .strict()
  .superRefine((plant, ctx) => {
    const seen = new Map<string, string>();
    plant.lines.forEach((line, li) => {
      const ids = new Set(line.stations.map((s) => s.id));
      line.stations.forEach((station, si) => {
        const other = seen.get(station.id);
        if (other !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['lines', li, 'stations', si, 'id'], message: `duplicate station id "${station.id}" (also in line ${other})` });
        }
        seen.set(station.id, line.id);
      });
      line.outputStations?.forEach((id, oi) => {
        if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['lines', li, 'outputStations', oi], message: `unknown station "${id}" in line ${line.id}` });
      });
      const lineRules = new Set(line.alarms.map((r) => r.id));
      line.stations.forEach((station, si) => {
        const own = new Set<string>();
        station.alarms.forEach((rule, ri) => {
          if (lineRules.has(rule.id) || own.has(rule.id)) {
            ctx.addIssue({ code: 'custom', path: ['lines', li, 'stations', si, 'alarms', ri, 'id'], message: `duplicate alarm rule id "${rule.id}" for station ${station.id}` });
          }
          own.add(rule.id);
        });
      });
      line.conveyors.forEach((c, ci) => {
        for (const end of ['from', 'to'] as const) {
          if (!ids.has(c[end])) {
            ctx.addIssue({ code: 'custom', path: ['lines', li, 'conveyors', ci, end], message: `unknown station "${c[end]}" in line ${line.id}` });
          }
        }
      });
    });
  });

export type PlantFile = z.infer<typeof plantSchema>;
export type LineSpec = z.infer<typeof lineSchema>;
export type StationSpec = z.infer<typeof stationSchema>;
export type ConveyorSpec = z.infer<typeof conveyorSchema>;
export type AlarmRuleSpec = z.infer<typeof alarmRuleSchema>;
export type ShiftCalendarSpec = z.infer<typeof shiftCalendarSchema>;
export type MetricLabel = z.infer<typeof metricLabelSchema>;
