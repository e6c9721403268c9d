import { FRIDGE_KITS } from './fridge-kits';
import { envelopeKit, type Kit } from './kit';
import { TIRE_KITS } from './tire-kits';

const FACTORIES = { ...TIRE_KITS, ...FRIDGE_KITS };
const built = new Map<string, Kit>();

/** The shared model of a station type, built on first use and kept for every plant after. */
export function kitFor(type: string): Kit {
  let kit = built.get(type);
  if (!kit) {
    kit = FACTORIES[type]?.() ?? envelopeKit(type);
    built.set(type, kit);
  }
  return kit;
}
