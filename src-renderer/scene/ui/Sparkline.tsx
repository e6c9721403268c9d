const W = 90;
const H = 22;

/** A short trend of the values the renderer has seen, oldest left. */
export function Sparkline({ values }: { values: number[] }) {
  if (values.length < 2) return <svg className="sparkline" width={W} height={H} />;
  let min = Infinity;
  let max = -Infinity;
  for (const x of values) {
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  const span = max - min || 1;
  const points = values.map((x, i) => `${((i / (values.length - 1)) * W).toFixed(1)},${(H - 2 - ((x - min) / span) * (H - 4)).toFixed(1)}`).join(' ');
  return (
    <svg className="sparkline" width={W} height={H} viewBox={`0 0 ${W} ${H}`}>
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}
