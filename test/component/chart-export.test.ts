// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { mainSvg, svgMarkup, svgSize } from '../../src/io/chartExport';

const NS = 'http://www.w3.org/2000/svg';

function chart(): HTMLElement {
  const style = document.createElement('style');
  style.textContent = '.dot { fill: rgb(1, 2, 3); stroke: rgb(9, 8, 7); } text.axis { font-size: 17px; }';
  document.head.append(style);
  const figure = document.createElement('figure');
  const swatch = document.createElementNS(NS, 'svg');
  swatch.setAttribute('width', '10');
  swatch.setAttribute('height', '10');
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('width', '320');
  svg.setAttribute('height', '200');
  const dot = document.createElementNS(NS, 'circle');
  dot.setAttribute('class', 'dot');
  dot.setAttribute('style', 'opacity: 0.5');
  const label = document.createElementNS(NS, 'text');
  label.setAttribute('class', 'axis');
  label.textContent = 'speedup < 2 & n > 1';
  svg.append(dot, label);
  figure.append(swatch, svg);
  document.body.append(figure);
  return figure;
}

describe('chart export', () => {
  it('picks the chart, not the legend swatch, and serializes it standalone with computed styles inline', () => {
    const figure = chart();
    const svg = mainSvg(figure);
    expect(svg?.getAttribute('width')).toBe('320');
    expect(svgSize(svg as SVGSVGElement)).toEqual({ width: 320, height: 200 });
    const text = svgMarkup(svg as SVGSVGElement, 'Speedup against n');
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    const root = doc.documentElement;
    expect(root.getAttribute('xmlns')).toBe(NS);
    expect(root.getAttribute('viewBox')).toBe('0 0 320 200');
    expect(root.querySelector('title')?.textContent).toBe('Speedup against n');
    const dotStyle = root.querySelector('circle')?.getAttribute('style') ?? '';
    expect(dotStyle).toContain('fill:rgb(1, 2, 3)');
    expect(dotStyle).toContain('stroke:rgb(9, 8, 7)');
    // The chart's own inline style comes last, so it wins.
    expect(dotStyle.endsWith(';opacity: 0.5')).toBe(true);
    expect(root.querySelector('text')?.getAttribute('style')).toContain('font-size:17px');
    expect(root.querySelector('text')?.textContent).toBe('speedup < 2 & n > 1');
    // The page's element is untouched.
    expect(svg?.querySelector('circle')?.getAttribute('style')).toBe('opacity: 0.5');
  });
});
