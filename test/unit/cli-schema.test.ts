import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/core/protocol/observation';
import { Agent } from '../../src/core/team/agent';
import { WebLLMAgentEngine, type MLCChatRequest, type MLCChunk, type MLCEngineLike } from '../../src/engines/webllm/webllmEngine';

const TSX = resolve('node_modules/tsx/dist/cli.mjs');
// Each case starts tsx (a second or more on a busy machine): a longer limit than vitest's 5 s.

function schemaCli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [TSX, 'src/cli/schema.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Records what a real agent step sends to WebLLM. */
class RecordingMLC implements MLCEngineLike {
  requests: MLCChatRequest[] = [];
  chat = {
    completions: {
      create: async (req: MLCChatRequest): Promise<AsyncIterable<MLCChunk>> => {
        this.requests.push(req);
        return (async function* () {
          yield { choices: [{ delta: { content: '{"actions":[{"type":"wait"}]}' }, finish_reason: 'stop' }] };
        })();
      },
    },
  };
  interruptGenerate(): void {}
  async unload(): Promise<void> {}
}

const obs: Observation = {
  agentId: 'dev1',
  role: 'worker',
  structure: 'decentralized',
  round: 1,
  step: 1,
  team: ['dev1'],
  board: [{ id: 't01', title: 'add', file: 'src/add.js', dependencies: [], status: 'ready' }],
  mine: [],
  inbox: [],
  feedback: [],
};

describe('npm run -s schema', () => {
  it('prints exactly the schema an agent step sends WebLLM in response_format, with its token bound', async () => {
    const mlc = new RecordingMLC();
    const agent = new Agent({ id: 'dev1', role: 'worker', engine: new WebLLMAgentEngine(mlc, { model: 'm' }) });
    await agent.prepare(obs);
    await agent.generate();
    const sent = mlc.requests[0];
    expect(sent?.response_format?.type).toBe('json_object');
    expect(sent?.max_tokens).toBeGreaterThan(0);

    const out = schemaCli();
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(`${sent?.response_format?.schema}\n`);
    const parsed = JSON.parse(out.stdout) as { properties: { actions: { items: { anyOf: unknown[] } } } };
    expect(parsed.properties.actions.items.anyOf).toHaveLength(7);
  }, 120_000);

  it('--pretty prints the same schema indented; an unknown flag exits 2 with the usage', () => {
    const plain = schemaCli().stdout;
    const pretty = schemaCli('--pretty');
    expect(pretty.code).toBe(0);
    expect(pretty.stdout.split('\n').length).toBeGreaterThan(20);
    expect(JSON.parse(pretty.stdout)).toEqual(JSON.parse(plain));
    const bad = schemaCli('--nope');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/usage: npm run -s schema/);
  }, 120_000);
});
