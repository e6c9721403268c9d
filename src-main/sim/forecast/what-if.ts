import type { WhatIfChange } from '../../shared/forecast';
import type { PlantFile } from '../../shared/plant-schema';
import type { PlantSimulator } from '../plant-simulator';

const MINUTE = 60_000;

/** A what-if that does not fit the plant (an unknown station, no buffer between two banks). */
export class WhatIfError extends Error {}

function lineOf(plant: PlantFile, station: string): PlantFile['lines'][number] {
  const line = plant.lines.find((l) => l.stations.some((s) => s.id === station));
  if (!line) throw new WhatIfError(`no station ${station} in plant ${plant.id}`);
  return line;
}

/** A free id for one more machine like `id`. */
function freeId(plant: PlantFile, id: string): string {
  const taken = new Set(plant.lines.flatMap((l) => l.stations.map((s) => s.id)));
  for (let n = 1; ; n += 1) if (!taken.has(`${id}+${n}`)) return `${id}+${n}`;
}

/**
 * The plant as the what-if changes it before a simulator is built: machines added or removed,
 * breaks moved. The plant file itself is left as it is.
 */
export function changedPlant(plant: PlantFile, changes: WhatIfChange[]): PlantFile {
  const out = structuredClone(plant);
  for (const c of changes) {
    if (c.kind === 'machines') {
      const line = lineOf(out, c.station);
      const spec = line.stations.find((s) => s.id === c.station) as PlantFile['lines'][number]['stations'][number];
      if (c.delta === 1) {
        const id = freeId(out, c.station);
        line.stations.push({ ...structuredClone(spec), id });
        // It joins its bank's flow (banks share buffers) without adding buffer room, and counts where its twin counts.
        for (const conv of line.conveyors.filter((cv) => cv.from === c.station || cv.to === c.station)) {
          line.conveyors.push({ ...conv, from: conv.from === c.station ? id : conv.from, to: conv.to === c.station ? id : conv.to, capacity: 0 });
        }
        if (line.outputStations?.includes(c.station)) line.outputStations.push(id);
      } else {
        const sibling = line.stations.find((s) => s.type === spec.type && s.id !== c.station);
        if (!sibling) throw new WhatIfError(`${c.station} is the only ${spec.type} in line ${line.id}`);
        line.stations = line.stations.filter((s) => s.id !== c.station);
        // Its conveyors stay as buffer room of the bank, through a twin.
        for (const conv of line.conveyors) {
          if (conv.from === c.station) conv.from = sibling.id;
          if (conv.to === c.station) conv.to = sibling.id;
        }
        line.conveyors = line.conveyors.filter((cv) => cv.from !== cv.to);
        if (line.outputStations) {
          line.outputStations = line.outputStations.filter((id) => id !== c.station);
          if (line.outputStations.length === 0) line.outputStations = [sibling.id];
        }
      }
    } else if (c.kind === 'break') {
      const shift = out.shifts.shifts.find((s) => s.id === c.shift);
      const brk = shift?.breaks[c.index];
      if (!brk) throw new WhatIfError(`no break ${c.index} in shift ${c.shift}`);
      brk.start = c.start;
    }
  }
  return out;
}

/** Checks the changes that act on a built simulator against its plant, before any replication runs. */
export function checkSimChanges(plant: PlantFile, changes: WhatIfChange[]): void {
  for (const c of changes) {
    if (c.kind === 'down' || c.kind === 'cycle') lineOf(plant, c.station);
    if (c.kind === 'buffer') {
      lineOf(plant, c.from);
      lineOf(plant, c.to);
    }
  }
}

/**
 * The changes that act on a built simulator, before it begins: buffer sizes, cycle times (on top
 * of the station's own factor), stops.
 */
export function applySimChanges(sim: PlantSimulator, changes: WhatIfChange[], factorOf: (station: string) => number): void {
  for (const c of changes) {
    if (c.kind === 'buffer') {
      const buffer = sim.graph.buffers.find((b) => b.from.stations.some((s) => s.id === c.from) && b.to.stations.some((s) => s.id === c.to));
      if (!buffer) throw new WhatIfError(`no buffer from ${c.from} to ${c.to}`);
      buffer.capacity = c.capacity;
    } else if (c.kind === 'cycle') {
      sim.setCycleFactor(c.station, factorOf(c.station) * c.factor);
    } else if (c.kind === 'down') {
      sim.scheduleMaintenance(c.station, Math.max(sim.now, c.at ?? sim.now), c.minutes * MINUTE, 'what-if stop');
    }
  }
}
