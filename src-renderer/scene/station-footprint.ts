/** Rough machine envelope per station type, in metres (width, height, depth). */
const FOOTPRINTS: Record<string, [number, number, number]> = {
  'banbury-mixer': [5, 6, 5],
  extruder: [8, 2.5, 2],
  calender: [6, 3.5, 3],
  'bead-winder': [3, 2, 2],
  cutter: [5, 1.8, 3],
  'tire-builder': [4, 2.5, 3],
  'curing-press': [2.4, 2.8, 2.4],
  uniformity: [3, 2.2, 3],
  xray: [4, 3, 3],
  warehouse: [10, 8, 6],
  agv: [1.6, 0.5, 1],
  'sheet-metal': [8, 3, 4],
  thermoformer: [6, 3, 4],
  assembly: [10, 1.5, 3],
  'foaming-line': [9, 2.5, 9],
  'leak-test': [4, 2.5, 3],
  vacuum: [4, 2, 3],
  charging: [3, 2.5, 3],
  'performance-test': [4, 3, 6],
  'safety-test': [3, 2, 3],
  packaging: [6, 3, 4],
};

export function footprintOf(type: string): [number, number, number] {
  return FOOTPRINTS[type] ?? [3, 2, 3];
}
