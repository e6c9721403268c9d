import type { PlantFile } from './plant-schema';

/** A machine's name without its number: "12号硫化机" → "硫化机", "Curing press 12" → "Curing press". */
const withoutNumber = (name: string): string => name.replace(/^\d+\s*号/, '').replace(/\s*\d+$/, '') || name;

/**
 * A bank (`line/type`: the machines of one type in one line, as loss analysis and the forecast
 * key them) as people name it: the machine's own name where the bank is one machine, else the
 * machines' common name and how many ("硫化机 ×24", "Curing press ×24"). An unknown key is
 * shown as it is.
 */
export function bankName(bank: string, plant: PlantFile, lang: 'zh' | 'en'): string {
  const cut = bank.indexOf('/');
  const line = cut > 0 ? plant.lines.find((l) => l.id === bank.slice(0, cut)) : undefined;
  const stations = line?.stations.filter((s) => s.type === bank.slice(cut + 1)) ?? [];
  const first = stations[0];
  if (!first) return bank;
  return stations.length === 1 ? first.name[lang] : `${withoutNumber(first.name[lang])} ×${stations.length}`;
}
