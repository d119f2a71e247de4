/** "Check connection": the models an OpenAI-compatible endpoint serves (GET /models), or why not. */
import { EngineError } from '../../core/engine';
import { httpError, serverErrorText } from './httpErrors';
import type { FetchLike } from './endpointEngine';

export const MAX_LISTED_MODELS = 200;

export async function listModels(baseUrl: string, apiKey: string | undefined, fetchFn: FetchLike = (u, i) => fetch(u, i)): Promise<string[]> {
  const base = baseUrl.replace(/\/+$/, '');
  let res: Response;
  try {
    res = await fetchFn(`${base}/models`, { method: 'GET', headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} });
  } catch (err) {
    throw new EngineError(
      'unreachable',
      `Nothing answered at ${base} (${err instanceof Error ? err.message : String(err)}), or its CORS settings refuse this page. Is the server running, and does it allow this page's origin?`,
    );
  }
  if (!res.ok) throw httpError(res.status, serverErrorText(await res.text().catch(() => '')), '(any model)', base);
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new EngineError('bad_output', `${base}/models did not answer with JSON: is this an OpenAI-compatible API?`);
  }
  const data = body && typeof body === 'object' && Array.isArray((body as { data?: unknown }).data) ? ((body as { data: unknown[] }).data) : [];
  const ids = data.flatMap((m) => (m && typeof m === 'object' && typeof (m as { id?: unknown }).id === 'string' ? [(m as { id: string }).id.slice(0, 200)] : []));
  return ids.slice(0, MAX_LISTED_MODELS);
}
