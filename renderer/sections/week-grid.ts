/**
 * The 7-day preview as a week grid: one row per local day, each stretch a coloured block positioned by its
 * start and end. Drawn from `weekPreview()` of the unsaved draft (main computes it; the window only draws).
 * Colour is never the only cue: every block carries its text, visibly when wide enough and for screen
 * readers always.
 */
import type { PreviewDay, PreviewSegment, WeekPreview } from '../../app/schedule/types.ts';
import { h, replaceChildren, srOnly } from '../dom.ts';
import { presenceLabel, toneOf } from '../format.ts';

const TICKS = [0, 6, 12, 18, 24];

function minutes(hhmm: string): number {
  const [hh, mm] = hhmm.split(':').map(Number);
  return (hh ?? 0) * 60 + (mm ?? 0);
}

function segmentText(seg: PreviewSegment): string {
  if (!seg.ruleId) return seg.presence ? `${presenceLabel(seg.presence)} (outside the rules)` : 'Outside the rules: Teams decides';
  return `${seg.ruleName ?? seg.ruleId}: ${presenceLabel(seg.presence)}`;
}

function dayLabel(day: PreviewDay): string {
  // Noon avoids the date shifting across a zone boundary when parsed as local time.
  const date = new Date(`${day.date}T12:00:00`);
  return date.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
}

function dayRow(day: PreviewDay): HTMLElement {
  const label = dayLabel(day);
  const blocks = day.segments.map((seg) => {
    const start = minutes(seg.start);
    const end = minutes(seg.end);
    const width = ((end - start) / 1440) * 100;
    const text = segmentText(seg);
    const block = h(
      'li',
      {
        class: `seg ${seg.ruleId ? toneOf(seg.presence) : 'seg-outside'}`,
        title: `${seg.start}–${seg.end} ${text}`,
        'data-rule': seg.ruleId ?? '',
      },
      // Short visible name only where it fits; the full sentence is always there for screen readers.
      width >= 9 ? h('span', { class: 'seg-label', 'aria-hidden': 'true' }, seg.ruleName ?? (seg.ruleId ? seg.ruleId : '—')) : null,
      srOnly(`${seg.start} to ${seg.end}, ${text}`),
    );
    block.style.left = `${(start / 1440) * 100}%`;
    block.style.width = `${width}%`;
    return block;
  });
  return h(
    'div',
    { class: 'week-row', 'data-date': day.date },
    h('span', { class: 'week-day', id: `day-${day.date}` }, label),
    h('ul', { class: 'week-bar', 'aria-labelledby': `day-${day.date}` }, ...blocks),
  );
}

/** A week grid that can be redrawn with each new preview. */
export interface WeekGrid {
  root: HTMLElement;
  show(preview: WeekPreview | null, reason?: string): void;
}

/** Make an empty {@link WeekGrid}. */
export function weekGrid(): WeekGrid {
  const body = h('div', { class: 'week-body' });
  const zone = h('p', { class: 'hint' });
  const axis = h(
    'div',
    { class: 'week-axis', 'aria-hidden': 'true' },
    ...TICKS.map((t) => {
      const tick = h('span', {}, `${String(t).padStart(2, '0')}:00`);
      tick.style.left = `${(t / 24) * 100}%`;
      return tick;
    }),
  );
  const root = h('div', { class: 'week', 'data-testid': 'week-grid' }, axis, body, zone);
  return {
    root,
    show(preview, reason) {
      if (!preview) {
        replaceChildren(body, h('p', { class: 'muted' }, reason ?? 'No preview.'));
        zone.textContent = '';
        return;
      }
      replaceChildren(body, ...preview.days.map(dayRow));
      zone.textContent = `Times are in ${preview.timeZone}.`;
    },
  };
}
