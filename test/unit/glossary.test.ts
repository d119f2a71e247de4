import { describe, expect, it } from 'vitest';
import { GLOSSARY, glossaryEntry, RECOVERY_TERMS } from '../../src/ui/explain/glossary';
import { RECOVERY_SWITCHES } from '../../src/core/faults/schedule';

describe('glossary', () => {
  it('has one entry per id', () => {
    const ids = GLOSSARY.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('explains every recovery protocol a learner can switch on', () => {
    for (const s of RECOVERY_SWITCHES) expect(glossaryEntry(RECOVERY_TERMS[s])?.text, s).toBeTruthy();
  });

  it('explains the faults a learner can inject by name', () => {
    for (const id of ['crash', 'partition', 'byzantine', 'price-of-safety']) expect(glossaryEntry(id)?.text, id).toBeTruthy();
  });
});
