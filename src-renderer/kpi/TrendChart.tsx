import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { KpiTrendView } from '../../src-main/shared/views';
import { type ChartLang, lastIndex, legendTime, legendValue, timeTickLabels } from './chart-format';
import { usePlantTimeZone } from '../i18n/plant-time';

const HEIGHT = 150;
const AXIS = { stroke: '#a0a6ad', grid: { stroke: '#3a4047' }, ticks: { stroke: '#3a4047' } };

/** Legend text of series `si`: the point under the pointer, else the newest one. */
function shown(u: uPlot, si: number, idx: number | null | undefined): number | null {
  const data = u.data[si] ?? [];
  const i = idx ?? lastIndex(data);
  return i === null ? null : ((data[i] as number | null | undefined) ?? null);
}

/** Line output per hour and OEE, a point a minute (uPlot: built for fast time series). */
export function TrendChart({ trend, labels, lang }: { trend: KpiTrendView | undefined; labels: { throughput: string; oee: string; time: string }; lang: ChartLang }) {
  const timeZone = usePlantTimeZone();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | undefined>(undefined);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const plot = new uPlot(
      {
        width: el.clientWidth || 380,
        height: HEIGHT,
        legend: { show: true, live: true },
        axes: [
          { ...AXIS, space: 70, size: 44, values: (_u, splits) => timeTickLabels(splits.map((s) => s * 1000), lang, timeZone) },
          { ...AXIS, scale: 'n', size: 44 },
          { ...AXIS, scale: '%', side: 1, grid: { show: false }, values: (_u, v) => v.map((x) => `${x}%`) },
        ],
        scales: { '%': { range: [0, 100] } },
        series: [
          {
            label: labels.time,
            value: (u, _v, si, idx) => {
              const sec = shown(u, si, idx);
              return legendTime(sec === null ? null : sec * 1000, lang, timeZone);
            },
          },
          { label: labels.throughput, scale: 'n', stroke: '#c8ccd0', width: 1.5, value: (u, _v, si, idx) => legendValue(shown(u, si, idx), '') },
          { label: labels.oee, scale: '%', stroke: '#3a7bd5', width: 1.5, value: (u, _v, si, idx) => legendValue(shown(u, si, idx), '%') },
        ],
      },
      [[], [], []],
      el,
    );
    chart.current = plot;
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
      chart.current = undefined;
    };
  }, [labels.throughput, labels.oee, labels.time, lang, timeZone]);

  useEffect(() => {
    if (!trend) return;
    const oee = trend.oee.map((v) => (v === null ? null : Math.round(v * 1000) / 10));
    chart.current?.setData([trend.t.map((t) => t / 1000), trend.throughputPerHour, oee] as uPlot.AlignedData);
  }, [trend]);

  return <div className="kpi-trend" ref={box} data-testid="kpi-trend" />;
}
