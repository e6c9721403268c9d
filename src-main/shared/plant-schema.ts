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

export const stationSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'station id: letters, digits, _ and - only (it is an MQTT topic level)'),
    type: z.string().min(1),
    name: localized,
    position: vec3,
    rotationDeg: z.number().default(0),
    idealCycleSeconds: z.number().positive(),
    staleAfterSeconds: z.number().positive().default(30),
    model: z.string().optional(),
    mapped: mappedJsonBinding.optional(),
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
  })
  .strict();

export const plantSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().min(1),
    name: localized,
    uns: z.object({ prefix: z.string().min(1) }).strict(),
    sparkplug: z.object({ groupId: z.string().min(1) }).strict().optional(),
    hall: z.object({ size: z.tuple([z.number().positive(), z.number().positive()]) }).strict().optional(),
    lines: z.array(lineSchema).min(1),
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
