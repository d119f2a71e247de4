/** Loads simTools on first use (see simTools.ts for why it is not loaded with the page). */
let loading: Promise<typeof import('./simTools')> | undefined;

export function loadSimTools(): Promise<typeof import('./simTools')> {
  loading ??= import('./simTools');
  return loading;
}
