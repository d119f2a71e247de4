/**
 * On a phone the views sit below the settings, a long scroll down: after Run, bring the part that
 * moves (the playback bar, status and team graph) into view. Wider windows show both side by side
 * and are left alone. The width matches App.svelte's one-column media query.
 */
export const PHONE_QUERY = '(max-width: 760px)';

export function revealOnPhone(selector = '.stage'): void {
  if (typeof matchMedia !== 'function' || !matchMedia(PHONE_QUERY).matches) return;
  const target = document.querySelector(selector);
  if (!target) return;
  const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
  target.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' });
}
