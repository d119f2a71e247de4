// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render } from '@testing-library/svelte';
import { tick } from 'svelte';
import UpdatePrompt from '../../src/ui/UpdatePrompt.svelte';
import type { RegisterHooks } from '../../src/ui/serviceWorker';

function setup() {
  let hooks: RegisterHooks | undefined;
  const update = vi.fn(async () => undefined);
  const r = render(UpdatePrompt, {
    props: {
      register: (h: RegisterHooks) => {
        hooks = h;
        return update;
      },
    },
  });
  if (!hooks) throw new Error('UpdatePrompt did not register the service worker on mount');
  return { ...r, hooks, update };
}

describe('UpdatePrompt', () => {
  it('shows nothing until the service worker has news', () => {
    const { container } = setup();
    expect(container.textContent?.trim()).toBe('');
  });

  it('says the page works offline once everything is cached, and lets clicks through', async () => {
    const { hooks, getByTestId } = setup();
    hooks.onOfflineReady();
    await tick();
    expect(getByTestId('offline-ready')).toHaveTextContent('Ready to work offline');
    expect(getByTestId('offline-ready')).toHaveAttribute('role', 'status');
    expect(document.documentElement.dataset.offlineReady).toBe('true');
  });

  it('offers a reload for a new version and activates it only when asked', async () => {
    const { hooks, getByRole, queryByTestId, update } = setup();
    hooks.onNeedRefresh();
    await tick();
    expect(getByRole('alertdialog')).toHaveTextContent('A new version is ready.');
    expect(update).not.toHaveBeenCalled();
    await fireEvent.click(getByRole('button', { name: 'Reload' }));
    expect(update).toHaveBeenCalledWith(true);

    hooks.onNeedRefresh();
    await tick();
    await fireEvent.click(getByRole('button', { name: 'Later' }));
    expect(queryByTestId('update-prompt')).toBeNull();
  });
});
