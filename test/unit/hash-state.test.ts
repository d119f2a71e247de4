import { describe, expect, it } from 'vitest';
import { defaultState, parseHash, toHash, type PageState } from '../../src/ui/state/hashState';

describe('parseHash', () => {
  it('an empty hash gives the defaults and no notices', () => {
    expect(parseHash('')).toEqual({ state: defaultState(), notices: [] });
    expect(parseHash('#')).toEqual({ state: defaultState(), notices: [] });
  });

  it('reads every field of a full hash', () => {
    const { state, notices } = parseHash(
      '#family=svg&p=0.2&n=7&structure=leader&mode=async&seed=42&engine=workers&preset=gpt-5.2&err=0.05&tps=55&prefill=1200&locks=0&straggler=1&shared=1&speed=instant&model=Qwen2.5-0.5B-Instruct-q4f16_1-MLC&sweep=6&seeds=2&paper=0&settings=0&chart=1&view=files&projector=1&hide=seed&lesson=stragglers&step=3',
    );
    expect(notices).toEqual([]);
    expect(state).toEqual<PageState>({
      family: 'svg',
      p: 0.2,
      n: 7,
      structure: 'leader',
      mode: 'async',
      seed: 42,
      engine: 'workers',
      preset: 'gpt-5.2',
      errorRate: 0.05,
      decodeTps: 55,
      prefillTps: 1200,
      locks: false,
      straggler: true,
      shared: true,
      speed: 'instant',
      model: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
      sweepMax: 6,
      sweepSeeds: 2,
      paper: false,
      settings: false,
      chart: true,
      view: 'files',
      projector: true,
      hide: ['seed'],
      lesson: 'stragglers',
      step: 3,
      faults: '',
      recovery: 'none',
      endpointUrl: '',
      endpointModel: '',
      endpointAgents: 0,
      endpointRest: 'sim',
    });
  });

  it('carries an endpoint (URL and model, never a key) and refuses secrets in the URL', () => {
    const good = parseHash(`#engine=endpoint&api=${encodeURIComponent('http://127.0.0.1:11434/v1/')}&apimodel=qwen2.5-coder:7b&apin=1&n=4`);
    expect(good.notices).toEqual([]);
    expect(good.state).toMatchObject({ engine: 'endpoint', endpointUrl: 'http://127.0.0.1:11434/v1', endpointModel: 'qwen2.5-coder:7b', endpointAgents: 1 });
    expect(toHash(good.state)).toContain('api=');
    expect(parseHash(toHash(good.state)).state).toEqual(good.state);
    for (const url of ['http://user:secret@host/v1', 'https://host/v1?key=sk-1', 'file:///etc/passwd', 'javascript:alert(1)']) {
      const bad = parseHash(`#api=${encodeURIComponent(url)}`);
      expect(bad.state.endpointUrl, url).toBe('');
      expect(bad.notices.join(' '), url).toMatch(/^api=/);
    }
    expect(parseHash('#apimodel=a%20b').state.endpointModel).toBe('');
    expect(parseHash('#apin=9').state.endpointAgents).toBe(0);
  });

  it('carries a fault schedule and recovery protocols, in normal form; a bad one falls back with the reason', () => {
    const hash = `#faults=${encodeURIComponent('crash:dev2@30s; partition:dev1+dev3@10s,for=1m,from=board')}&recovery=${encodeURIComponent('verify,heartbeats,timeout=15s')}`;
    const { state, notices } = parseHash(hash);
    expect(notices).toEqual([]);
    expect(state.faults).toBe('crash:dev2@30s;partition:dev1+dev3@10s,for=1m,from=board');
    expect(state.recovery).toBe('heartbeats,verify,timeout=15s');
    expect(parseHash(toHash(state)).state).toEqual(state);
    // Without faults the link does not mention them.
    expect(toHash(defaultState())).not.toMatch(/faults=|recovery=/);
    const bad = parseHash('#faults=crash:dev2&recovery=magic');
    expect(bad.state.faults).toBe('');
    expect(bad.state.recovery).toBe('none');
    expect(bad.notices.join(' ')).toMatch(/faults=crash:dev2 could not be read .*needs a moment/);
    expect(bad.notices.join(' ')).toMatch(/recovery=magic could not be read/);
  });

  it('a partial hash keeps the given fields and defaults the rest without notices', () => {
    const { state, notices } = parseHash('#n=2&structure=preassign');
    expect(notices).toEqual([]);
    expect(state).toEqual({ ...defaultState(), n: 2, structure: 'preassign' });
  });

  it('an out-of-range team size falls back with a notice naming the field and the range', () => {
    const { state, notices } = parseHash('#n=12&seed=5');
    expect(state.n).toBe(defaultState().n);
    expect(state.seed).toBe(5);
    expect(notices).toEqual([`n=12 is out of range 1-8; using ${defaultState().n}.`]);
  });

  it.each([
    ['n=0', 'n'],
    ['n=2.5', 'n'],
    ['n=abc', 'n'],
    ['p=0.3', 'p'],
    ['family=chem', 'family'],
    ['structure=mesh', 'structure'],
    ['mode=fast', 'mode'],
    ['seed=-1', 'seed'],
    ['seed=1e99', 'seed'],
    ['engine=gpu', 'engine'],
    ['preset=gpt-9', 'preset'],
    ['err=1.5', 'err'],
    ['err=-0.1', 'err'],
    ['tps=0', 'tps'],
    ['locks=maybe', 'locks'],
    ['shared=2', 'shared'],
    ['speed=100', 'speed'],
    ['speed=0.1', 'speed'],
    ['model=NotAModel', 'model'],
    ['sweep=9', 'sweep'],
    ['seeds=0', 'seeds'],
  ])('rejects %s and names %s', (part, key) => {
    const { state, notices } = parseHash(`#${part}`);
    expect(state).toEqual(defaultState());
    expect(notices).toHaveLength(1);
    expect(notices[0].startsWith(`${key}=`)).toBe(true);
  });

  it('reports empty values, unknown keys and garbage without throwing', () => {
    const { state, notices } = parseHash('#n=&colour=red&%E0%A4%A=1&seed=9');
    expect(state).toEqual({ ...defaultState(), seed: 9 });
    expect(notices).toHaveLength(3);
    expect(notices[0]).toContain('n has no value');
    expect(notices[1]).toContain('colour');
  });

  it('a corrupt hash as a whole falls back to defaults field by field', () => {
    const { state, notices } = parseHash('#n=99&p=2&family=x&structure=&seed=7');
    expect(state).toEqual({ ...defaultState(), seed: 7 });
    expect(notices.map((x) => x.split(/[= ]/)[0])).toEqual(['n', 'p', 'family', 'structure']);
  });
});

describe('toHash', () => {
  it('round-trips the defaults and a varied valid state', () => {
    const varied: PageState = {
      ...defaultState(),
      family: 'data',
      p: 0.5,
      n: 1,
      structure: 'single',
      mode: 'async',
      seed: 0,
      engine: 'webllm',
      preset: 'claude-sonnet-4-6',
      errorRate: 0,
      decodeTps: 12.5,
      prefillTps: 300,
      locks: false,
      straggler: true,
      shared: true,
      speed: 0.5,
      sweepMax: 1,
      sweepSeeds: 10,
      paper: false,
      settings: false,
      chart: true,
      view: 'timeline',
      projector: true,
      hide: ['n', 'structure', 'lab'],
      lesson: 'locks',
      step: 2,
    };
    for (const s of [defaultState(), varied]) {
      const round = parseHash(toHash(s));
      expect(round.notices).toEqual([]);
      expect(round.state).toEqual(s);
    }
  });

  it('writes the fields a learner reads in a link', () => {
    const h = toHash({ ...defaultState(), n: 5, structure: 'decentralized', locks: false });
    expect(h.startsWith('#')).toBe(true);
    expect(h).toContain('n=5');
    expect(h).toContain('structure=decentralized');
    expect(h).toContain('locks=0');
  });
});

describe('classroom fields', () => {
  it('single structure means one agent, whatever the link says', () => {
    const r = parseHash('#structure=single&n=5');
    expect(r.state.n).toBe(1);
    expect(r.notices.join(' ')).toMatch(/single means one agent/);
    expect(parseHash('#structure=single').notices).toEqual([]);
    expect(parseHash('#structure=single').state.n).toBe(1);
  });

  it('reads hide flags and refuses unknown control names', () => {
    expect(parseHash('#hide=n,structure,n').state.hide).toEqual(['n', 'structure']);
    const bad = parseHash('#hide=n,bogus');
    expect(bad.state.hide).toEqual([]);
    expect(bad.notices[0]).toMatch(/hide=n,bogus names "bogus"/);
  });

  it('opens a lesson at a step and checks both', () => {
    expect(parseHash('#lesson=locks&step=3').state).toMatchObject({ lesson: 'locks', step: 3 });
    const unknown = parseHash('#lesson=nope&step=2');
    expect(unknown.state).toMatchObject({ lesson: '', step: 1 });
    expect(unknown.notices.join(' ')).toMatch(/not a lesson/);
    const past = parseHash('#lesson=locks&step=9');
    expect(past.state.step).toBe(1);
    expect(past.notices.join(' ')).toMatch(/past the end/);
  });

  it('reads the view and projector mode, and leaves them out of links at their defaults', () => {
    expect(parseHash('#view=tasks&projector=1').state).toMatchObject({ view: 'tasks', projector: true });
    expect(parseHash('#view=sideways').notices[0]).toMatch(/view=sideways is not one of/);
    const h = toHash(defaultState());
    for (const k of ['view=', 'projector=', 'hide=', 'lesson=', 'step=']) expect(h).not.toContain(k);
    expect(toHash({ ...defaultState(), hide: ['seed', 'locks'] })).toContain('hide=seed,locks');
  });
});
