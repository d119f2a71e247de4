/**
 * Notices grouped for display: identical notices (same level, title, text and fix) become one
 * row with a count, in the order each first appeared. Linear in the number of notices.
 */
import type { RunNotice } from './run/runController.svelte';

/** Rows the notice list draws; the rest are counted in one more row. */
export const MAX_SHOWN_NOTICES = 6;

export interface NoticeGroup {
  notice: RunNotice;
  /** Where each copy sits in the list the groups were made from. */
  indices: number[];
}

export function groupNotices(notices: readonly RunNotice[]): NoticeGroup[] {
  const byKey = new Map<string, NoticeGroup>();
  notices.forEach((notice, i) => {
    const key = `${notice.level}\u0000${notice.title}\u0000${notice.text}\u0000${notice.fix ?? ''}`;
    const group = byKey.get(key);
    if (group) group.indices.push(i);
    else byKey.set(key, { notice, indices: [i] });
  });
  return [...byKey.values()];
}
