// How the page places an endpoint team in workers: which agent gets which engine, where the key
// goes (only into the worker's engine spec) and what the run's config records.
import { afterEach, describe, expect, it } from 'vitest';
import { workerPlan } from '../../src/ui/run/runOptions';
import { forgetEndpointKey, setEndpointKey } from '../../src/ui/state/endpointKeys';
import { defaultState, usesWebLLM, type PageState } from '../../src/ui/state/hashState';

const URL_ = 'http://127.0.0.1:11434/v1';
const base: PageState = { ...defaultState(), engine: 'endpoint', n: 4, structure: 'decentralized', endpointUrl: URL_, endpointModel: 'qwen2.5-coder:7b' };

afterEach(() => forgetEndpointKey(URL_));

describe('endpoint worker plans', () => {
  it('puts every agent on the endpoint by default, with the key in the spec and nowhere in the config', () => {
    setEndpointKey(URL_, 'sk-plan', false);
    const plan = workerPlan(base, null);
    expect(plan.timeScale).toBe(1);
    expect([0, 1, 2, 3].map((i) => plan.engineFor(`dev${i + 1}`, i))).toEqual(
      Array.from({ length: 4 }, () => ({ kind: 'endpoint', baseUrl: URL_, model: 'qwen2.5-coder:7b', apiKey: 'sk-plan' })),
    );
    expect(plan.config.engine).toBe('endpoint:qwen2.5-coder:7b');
    expect(JSON.stringify(plan.config)).not.toContain('sk-plan');
  });

  it('a mixed team: dev1 on the endpoint, the rest simulated or on a WebLLM model', () => {
    const sim = workerPlan({ ...base, endpointAgents: 1 }, null);
    expect(sim.engineFor('dev1', 0).kind).toBe('endpoint');
    expect([1, 2, 3].map((i) => sim.engineFor(`dev${i + 1}`, i).kind)).toEqual(['sim', 'sim', 'sim']);
    expect(sim.config.engine).toMatch(/^mixed:1xqwen2\.5-coder:7b\+sim:/);
    const mixed = { ...base, endpointAgents: 1, endpointRest: 'webllm' as const };
    expect(usesWebLLM(mixed)).toBe(true);
    expect(usesWebLLM({ ...mixed, endpointAgents: 0 })).toBe(false);
    const local = workerPlan(mixed, { model: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC' });
    expect(local.engineFor('dev2', 1)).toEqual({ kind: 'webllm', model: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC' });
    expect(local.config.engine).toBe('mixed:1xqwen2.5-coder:7b+webllm:Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
  });

  it('a leader is on the endpoint, and a missing URL or model is refused with a readable reason', () => {
    const plan = workerPlan({ ...base, structure: 'leader', endpointAgents: 2 }, null);
    expect(plan.engineFor('lead', 4).kind).toBe('endpoint');
    expect(() => workerPlan({ ...base, endpointModel: '' }, null)).toThrow(/base URL and model/);
  });
});
