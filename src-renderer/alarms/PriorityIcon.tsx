import { PRIORITY_STYLE, type Priority } from '../scene/state-style';

const SHAPES: Record<string, string> = {
  square: 'M2 2H18V18H2Z',
  triangle: 'M10 1L19.5 18.5H0.5Z',
  diamond: 'M10 0.5L19.5 10L10 19.5L0.5 10Z',
  circle: 'M10 1A9 9 0 1 1 9.99 1Z',
};

/** ISA-101: a priority is told by shape and number as well as colour. */
export function PriorityIcon({ priority, title }: { priority: Priority; title: string }) {
  const style = PRIORITY_STYLE[priority];
  return (
    <svg className="priority-icon" width="20" height="20" viewBox="0 0 20 20" role="img" aria-label={title} data-shape={style.shape} data-priority={priority}>
      <title>{title}</title>
      <path d={SHAPES[style.shape]} fill={style.color} stroke="#1e2226" strokeWidth="1" />
      <text x="10" y={style.shape === 'triangle' ? 15.5 : 14} textAnchor="middle" fontSize="11" fontWeight="bold" fill="#111">
        {priority}
      </text>
    </svg>
  );
}
