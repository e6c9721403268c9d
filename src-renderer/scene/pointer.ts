import { focusStation } from './focus';

/**
 * Pointer position for the hover tooltip, kept outside React: the tooltip element follows the
 * pointer by direct style writes, and React re-renders it only when the hovered station changes.
 */
export const pointer = {
  tooltip: undefined as HTMLElement | undefined,
  move(e: PointerEvent): void {
    const el = this.tooltip;
    if (!el?.parentElement) return;
    const box = el.parentElement.getBoundingClientRect();
    el.style.transform = `translate(${Math.round(e.clientX - box.left + 14)}px, ${Math.round(e.clientY - box.top + 14)}px)`;
  },
  pick(id: string): void {
    focusStation(id);
  },
};
