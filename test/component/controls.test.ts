// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render } from '@testing-library/svelte';
import Controls from '../../src/ui/Controls.svelte';
import { defaultState, parseHash, toHash, type PageState } from '../../src/ui/state/hashState';
import { simPreset } from '../../src/core/sim/presets';

function setup(value: PageState = defaultState(), extra: Partial<{ busy: boolean; sweeping: boolean }> = {}) {
  const changes: PageState[] = [];
  const onRun = vi.fn();
  const onStop = vi.fn();
  const onSweep = vi.fn();
  const r = render(Controls, { props: { value, onChange: (s: PageState) => changes.push(s), onRun, onStop, onSweep, ...extra } });
  const input = (name: string) => r.container.querySelector(`[name="${name}"]`) as HTMLInputElement;
  return { ...r, changes, onRun, onStop, onSweep, input };
}

describe('Controls', () => {
  it('labels every input', () => {
    const { container } = setup();
    const fields = [...container.querySelectorAll('input, select')] as HTMLElement[];
    expect(fields.length).toBeGreaterThan(10);
    for (const f of fields) expect(f.closest('label'), `${f.getAttribute('name')} has a label`).not.toBeNull();
  });

  it('changing the team size updates the state and the link', async () => {
    const { input, changes } = setup();
    const n = input('n');
    n.value = '6';
    await fireEvent.change(n);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toEqual({ ...defaultState(), n: 6 });
    expect(toHash(changes[0]!)).toContain('&n=6&');
    expect(parseHash(toHash(changes[0]!)).state.n).toBe(6);
  });

  it('clamps a team size outside 1-8 and shows the clamped value', async () => {
    const { input, changes } = setup();
    const n = input('n');
    expect(n.min).toBe('1');
    expect(n.max).toBe('8');
    n.value = '12';
    await fireEvent.change(n);
    expect(changes.at(-1)?.n).toBe(8);
    expect(n.value).toBe('8');
    n.value = '0';
    await fireEvent.change(n);
    expect(changes.at(-1)?.n).toBe(1);
    n.value = '';
    await fireEvent.change(n);
    // An empty entry changes nothing: the old value stays.
    expect(changes).toHaveLength(2);
  });

  it('selects, checkboxes and radios each change their own field', async () => {
    const { input, changes, container } = setup();
    const structure = input('structure') as unknown as HTMLSelectElement;
    structure.value = 'preassign';
    await fireEvent.change(structure);
    expect(changes.at(-1)?.structure).toBe('preassign');

    const p = input('p') as unknown as HTMLSelectElement;
    p.value = '0.2';
    await fireEvent.change(p);
    expect(changes.at(-1)?.p).toBe(0.2);

    const locks = input('locks');
    await fireEvent.click(locks);
    expect(changes.at(-1)?.locks).toBe(false);

    const workers = container.querySelector('input[name="engine"][value="workers"]') as HTMLInputElement;
    await fireEvent.click(workers);
    expect(changes.at(-1)?.engine).toBe('workers');
    expect(toHash(changes.at(-1)!)).toContain('engine=workers');
  });

  it('a preset brings its error rate, and only the laptop preset offers editable tokens/s', async () => {
    const { input, changes, rerender, container } = setup();
    expect(input('decodeTps')).not.toBeNull();
    const preset = input('preset') as unknown as HTMLSelectElement;
    preset.value = 'claude-sonnet-4-6';
    await fireEvent.change(preset);
    const next = changes.at(-1)!;
    expect(next.preset).toBe('claude-sonnet-4-6');
    expect(next.errorRate).toBe(simPreset('claude-sonnet-4-6').errorRate);
    await rerender({ value: next });
    expect(container.querySelector('[name="decodeTps"]')).toBeNull();
  });

  it('the error rate stays within 0-1', async () => {
    const { input, changes } = setup();
    const err = input('errorRate');
    expect(err.min).toBe('0');
    expect(err.max).toBe('1');
    err.value = '0.4';
    await fireEvent.input(err);
    expect(changes.at(-1)?.errorRate).toBeCloseTo(0.4);
  });

  it('WebLLM hides the simulated knobs and names the model', () => {
    const { container } = setup({ ...defaultState(), engine: 'webllm' });
    expect(container.querySelector('[name="preset"]')).toBeNull();
    expect(container.querySelector('[name="errorRate"]')).toBeNull();
    expect(container.textContent).toContain(defaultState().model);
  });

  it('Run, Stop and Sweep call their callbacks; Run is disabled while busy', async () => {
    const { getByRole, onRun, onStop, onSweep } = setup();
    await fireEvent.click(getByRole('button', { name: 'Run' }));
    expect(onRun).toHaveBeenCalledTimes(1);
    await fireEvent.click(getByRole('button', { name: 'Stop' }));
    expect(onStop).toHaveBeenCalledTimes(1);
    await fireEvent.click(getByRole('button', { name: /Sweep n = 1\.\.5/ }));
    expect(onSweep).toHaveBeenCalledTimes(1);

    const busy = setup(defaultState(), { busy: true });
    const runs = busy.getAllByRole('button', { name: 'Run' });
    const run = runs.at(-1) as HTMLButtonElement;
    expect(run.disabled).toBe(true);
    await fireEvent.click(run);
    expect(busy.onRun).not.toHaveBeenCalled();
  });

  it('pressing Enter in a field submits the form and runs', async () => {
    const { container, onRun } = setup();
    await fireEvent.submit(container.querySelector('form')!);
    expect(onRun).toHaveBeenCalledTimes(1);
  });
});
