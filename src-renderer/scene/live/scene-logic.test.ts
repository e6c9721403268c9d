import { describe, expect, it } from 'vitest';
import { declutter, LABEL_PRIORITY, type Placeable } from './declutter';
import { ConveyorLane, FlowNetwork } from './flow';
import { searchStations } from './search';
import { Tour } from './tour';
import { TrendRing } from './trend-ring';

const box = (x: number, y: number, priority: number, depth = 10, extra: Partial<Placeable> = {}): Placeable => ({ x, y, w: 100, h: 20, priority, depth, candidate: true, visible: false, ...extra });
const opts = { width: 1000, height: 800, pad: 2, farPriority: 2, farDepth: 100 };

describe('declutter', () => {
  it('keeps the more important of two overlapping labels, then the nearer', () => {
    const a = box(0, 0, 2);
    const b = box(50, 5, 1);
    const c = box(300, 0, 2, 50);
    const d = box(320, 5, 2, 20);
    expect(declutter([a, b, c, d], opts)).toBe(2);
    expect([a.visible, b.visible, c.visible, d.visible]).toEqual([false, true, false, true]);
  });

  it('drops labels off screen, behind the camera, and low-priority ones far away', () => {
    const off = box(2000, 0, 0);
    const behind = box(0, 0, 0, 10, { candidate: false });
    const far = box(0, 100, 2, 150);
    const farButImportant = box(0, 200, 1, 150);
    declutter([off, behind, far, farButImportant], opts);
    expect([off.visible, behind.visible, far.visible, farButImportant.visible]).toEqual([false, false, false, true]);
  });

  it('stacks a label upwards when it may lift', () => {
    const first = box(0, 100, 0);
    const second = box(10, 100, 0, 20, { lift: 2 });
    declutter([first, second], opts);
    expect(second.visible).toBe(true);
    expect(second.y).toBe(100 - 22);
  });

  it('never leaves two visible labels overlapping', () => {
    const items = Array.from({ length: 200 }, (_, i) => box((i * 37) % 900, (i * 53) % 700, i % 3, i));
    declutter(items, opts);
    const shown = items.filter((i) => i.visible);
    for (const a of shown) for (const b of shown) if (a !== b) expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
  });
});

describe('trend ring buffer', () => {
  it('keeps the latest samples, oldest first, bounded', () => {
    const r = new TrendRing(3);
    expect(r.values()).toEqual([]);
    for (const v of [1, 2, 3, 4, 5]) r.push(v);
    expect(r.size).toBe(3);
    expect(r.values()).toEqual([3, 4, 5]);
  });
});

describe('station search', () => {
  const entries = [
    { id: 'CP-01', zh: '1号硫化机', en: 'Curing press 1' },
    { id: 'CP-10', zh: '10号硫化机', en: 'Curing press 10' },
    { id: 'MX-01', zh: '1号密炼机', en: 'Banbury mixer 1' },
    { id: 'XR-01', zh: 'X光检测', en: 'X-ray inspection' },
  ];
  const ids = (q: string) => searchStations(entries, q).map((e) => e.id);
  it('matches ids ignoring case and dashes, exact first', () => {
    expect(ids('cp01')).toEqual(['CP-01']);
    expect(ids('CP-1')).toEqual(['CP-10']);
    expect(ids('cp')).toEqual(['CP-01', 'CP-10']);
  });
  it('lists every match, however many', () => {
    const presses = Array.from({ length: 24 }, (_, i) => ({ id: `CP-${String(i + 1).padStart(2, '0')}`, zh: `${i + 1}号硫化机`, en: `Curing press ${i + 1}` }));
    expect(searchStations(presses, '硫化机')).toHaveLength(24);
    expect(searchStations(presses, 'curing', 5)).toHaveLength(5);
  });
  it('matches Chinese and English names, word prefixes included', () => {
    expect(ids('密炼')).toEqual(['MX-01']);
    expect(ids('硫化机')).toEqual(['CP-01', 'CP-10']);
    expect(ids('mixer')).toEqual(['MX-01']);
    expect(ids('x-ray')).toEqual(['XR-01']);
    expect(ids('  ')).toEqual([]);
    expect(ids('nothing')).toEqual([]);
  });
});

describe('flow of products on conveyors', () => {
  it('queues products at the end until the next station takes them, up to capacity', () => {
    const lane = new ConveyorLane('A', 'B', [[0, 0, 0], [10, 0, 0]], 3);
    const net = new FlowNetwork([lane]);
    net.produced('A', 5);
    expect(lane.items.length).toBe(3);
    for (let i = 0; i < 100; i++) net.advance(0.2);
    expect(lane.items[0]).toBeCloseTo(10);
    expect(lane.items[1]).toBeLessThan(10);
    expect(net.wipInto('B')).toBe(3);
    net.consumed('B', 1);
    expect(net.wipInto('B')).toBe(2);
  });
  it('spreads output over parallel conveyors', () => {
    const l1 = new ConveyorLane('A', 'B', [[0, 0, 0], [5, 0, 0]], 5);
    const l2 = new ConveyorLane('A', 'C', [[0, 0, 0], [0, 0, 5]], 5);
    new FlowNetwork([l1, l2]).produced('A', 4);
    expect([l1.items.length, l2.items.length]).toEqual([2, 2]);
  });
});

describe('exhibition tour', () => {
  it('visits each line, then the stations in trouble there, then the next line', () => {
    const tour = new Tour(['a', 'b']);
    const trouble = (line: string) => (line === 'a' ? ['A3', 'A1'] : []);
    expect(tour.next(trouble)).toEqual({ kind: 'line', lineId: 'a' });
    expect(tour.next(trouble)).toEqual({ kind: 'station', stationId: 'A3' });
    expect(tour.next(trouble)).toEqual({ kind: 'station', stationId: 'A1' });
    expect(tour.next(trouble)).toEqual({ kind: 'line', lineId: 'b' });
    expect(tour.next(trouble)).toEqual({ kind: 'line', lineId: 'a' });
  });
});

describe('declutter priorities of the scene', () => {
  it('keeps a line banner over the station indicators and labels it overlaps', () => {
    const banner = box(100, 100, LABEL_PRIORITY.banner, 80, { lift: 3 });
    const indicator = box(120, 100, LABEL_PRIORITY.indicator, 10, { w: 30, h: 30 });
    const label = box(90, 105, LABEL_PRIORITY.attention, 10);
    declutter([indicator, label, banner], opts);
    expect(banner.visible).toBe(true);
    expect(banner.y).toBe(100);
    expect(indicator.visible).toBe(false);
    expect(label.visible).toBe(false);
  });

  it('never lets a banner cover the HUD: it stacks clear of it or gives way', () => {
    const hud = box(600, 0, LABEL_PRIORITY.hud, 0, { w: 400, h: 60 });
    const banner = box(650, 50, LABEL_PRIORITY.banner, 80, { lift: 3 });
    const under = box(650, 5, LABEL_PRIORITY.banner, 80, { lift: 3 });
    declutter([banner, under, hud], opts);
    expect(hud.visible).toBe(true);
    for (const b of [banner, under]) if (b.visible) expect(b.y + b.h + opts.pad <= hud.y || hud.y + hud.h + opts.pad <= b.y || b.x + b.w <= hud.x || hud.x + hud.w <= b.x).toBe(true);
    expect(banner.visible).toBe(true);
  });
});
