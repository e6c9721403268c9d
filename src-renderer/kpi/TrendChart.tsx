import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { KpiTrendView } from '../../src-main/shared/views';

/** Line output per hour and OEE, a point a minute (uPlot: built for fast time series). */
export function TrendChart({ trend, labels }: { trend: KpiTrendView | undefined; labels: { throughput: string; oee: string } }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | undefined>(undefined);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const plot = new uPlot(
      {
        width: el.clientWidth || 380,
        height: 140,
        legend: { show: true },
        axes: [
          { stroke: '#a0a6ad', grid: { stroke: '#3a4047' } },
          { scale: 'n', stroke: '#a0a6ad', grid: { stroke: '#3a4047' } },
          { scale: '%', side: 1, stroke: '#a0a6ad', grid: { show: false }, values: (_u, v) => v.map((x) => `${x}%`) },
        ],
        scales: { '%': { range: [0, 100] } },
        series: [{}, { label: labels.throughput, scale: 'n', stroke: '#c8ccd0', width: 1.5 }, { label: labels.oee, scale: '%', stroke: '#3a7bd5', width: 1.5 }],
      },
      [[], [], []],
      el,
    );
    chart.current = plot;
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: 140 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
      chart.current = undefined;
    };
  }, [labels.throughput, labels.oee]);

  useEffect(() => {
    if (!trend) return;
    chart.current?.setData([trend.t.map((t) => t / 1000), trend.throughputPerHour, trend.oee.map((v) => Math.round(v * 1000) / 10)]);
  }, [trend]);

  return <div className="kpi-trend" ref={box} data-testid="kpi-trend" />;
}
