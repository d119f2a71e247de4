import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatMs, formatPercent, formatSpeedup, formatTokens, plural, tail } from '../../src/ui/format';

describe('format', () => {
  it('writes durations in the largest sensible unit', () => {
    expect(formatMs(850)).toBe('850 ms');
    expect(formatMs(12_400)).toBe('12.4 s');
    expect(formatMs(185_000)).toBe('3 min 5 s');
    expect(formatMs(59_970)).toBe('1 min 0 s');
    expect(formatMs(3_720_000)).toBe('1 h 2 min');
    expect(formatMs(Number.NaN)).toBe('—');
  });

  it('writes tokens, percentages, speedups, counts and bytes with units', () => {
    expect(formatTokens(850)).toBe('850');
    expect(formatTokens(12_345)).toBe('12.3k');
    expect(formatTokens(2_500_000)).toBe('2.5M');
    expect(formatPercent(0.421)).toBe('42%');
    expect(formatPercent(0.004)).toBe('0.4%');
    expect(formatSpeedup(1.7249)).toBe('1.72×');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatBytes(4200)).toBe('4.2 kB');
    expect(plural(1, 'message')).toBe('1 message');
    expect(plural(3, 'message')).toBe('3 messages');
  });

  it('keeps the newest end of a long text', () => {
    expect(tail('abcdef', 10)).toBe('abcdef');
    expect(tail('abcdefghij', 5)).toBe('…ghij');
  });
});
