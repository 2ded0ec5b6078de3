import assert from 'node:assert/strict';
import { estimateTextWidth, labelsOverlap, layoutAxisLabels, type AxisLabelPlacement } from '../../../client/src/preview/axisLayout';
import { toPreviewData } from '../../../client/src/preview/data';
import { exportSvg } from '../../../client/src/preview/exportDoc';
import { renderAxis } from '../../../client/src/preview/render';
import { serialize, type VElement, type VNode } from '../../../client/src/preview/vnode';
import { entry, makeModel } from './modelFactory';

const T = (hm: string) => `2024-05-01T${hm}:00Z`;

function assertNoOverlap(ps: AxisLabelPlacement[], width: number): void {
  for (let i = 0; i < ps.length; i++) {
    assert.ok(ps[i]!.left >= -0.01 && ps[i]!.right <= width + 0.01, `label ${i} inside the axis: ${ps[i]!.left}..${ps[i]!.right}`);
    for (let j = i + 1; j < ps.length; j++) assert.ok(!labelsOverlap(ps[i]!, ps[j]!), `labels ${i} and ${j} overlap: ${JSON.stringify([ps[i], ps[j]])}`);
  }
}

/** The phase labels (<text> with data-row) of a rendered axis. */
function axisLabels(svg: VElement): { x: number; y: number; anchor: string; row: string; text: string }[] {
  const out: { x: number; y: number; anchor: string; row: string; text: string }[] = [];
  const walk = (n: VNode) => {
    if (typeof n === 'string') return;
    if (n.tag === 'text' && n.attrs['data-row']) {
      out.push({ x: Number(n.attrs.x), y: Number(n.attrs.y), anchor: n.attrs['text-anchor']!, row: n.attrs['data-row']!, text: n.children.join('') });
    }
    n.children.forEach(walk);
  };
  walk(svg);
  return out;
}

describe('preview axis: label layout', () => {
  it('estimates proportional widths: wide letters count more than narrow ones, and the estimate is generous', () => {
    assert.ok(estimateTextWidth('MMMM', 12) > estimateTextWidth('iiii', 12) * 2);
    // "Impact started 2024-05-01 14:03 UTC" is ~200 px in a 12 px system-ui; the estimate must not be smaller.
    const w = estimateTextWidth('Impact started 2024-05-01 14:03 UTC', 12);
    assert.ok(w >= 195 && w <= 260, `estimate ${w}`);
    assert.equal(estimateTextWidth('', 12), 0);
  });

  it('keeps labels that are far apart in the first row above the axis', () => {
    const ps = layoutAxisLabels([{ x: 100, text: 'Detected 10:30' }, { x: 700, text: 'Resolved 12:00' }], { width: 1000, fontPx: 12 });
    assert.deepEqual(ps.map((p) => [p.side, p.level, p.anchor]), [['above', 1, 'middle'], ['above', 1, 'middle']]);
  });

  it('moves the second of two close labels below the axis ("Impact started 2024-05-01 14:03 UTC" and "Mitigated 14:40")', () => {
    const ps = layoutAxisLabels([{ x: 400, text: 'Impact started 2024-05-01 14:03 UTC' }, { x: 460, text: 'Mitigated 14:40' }], { width: 1000, fontPx: 12 });
    assert.deepEqual(ps.map((p) => `${p.side}-${p.level}`), ['above-1', 'below-1']);
    assertNoOverlap(ps, 1000);
  });

  it('anchors labels at the ends so they stay inside the axis', () => {
    const ps = layoutAxisLabels([{ x: 5, text: 'Impact started 09:00' }, { x: 995, text: 'Resolved 12:00' }], { width: 1000, fontPx: 12 });
    assert.deepEqual(ps.map((p) => p.anchor), ['start', 'end']);
    assertNoOverlap(ps, 1000);
  });

  it('never overlaps, whatever the positions (all five phases, random and clustered, narrow axes)', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const texts = ['Impact started 2024-05-01 14:03 UTC', 'Detected 14:05', 'Acknowledged 14:06', 'Mitigated 14:40', 'Resolved 2024-05-01 15:10 UTC'];
    for (let run = 0; run < 300; run++) {
      const width = [320, 600, 960, 1100][run % 4]!;
      const cluster = rand() < 0.5;
      const labels = texts.map((text) => ({ x: (cluster ? 0.45 + rand() * 0.1 : rand()) * width, text }));
      const ps = layoutAxisLabels(labels, { width, fontPx: 12 });
      assert.equal(ps.length, labels.length);
      assertNoOverlap(ps, width);
      assert.deepEqual(ps.map((p) => p.index), [0, 1, 2, 3, 4], 'results in input order');
    }
  });

  it('is deterministic', () => {
    const labels = [{ x: 50, text: 'A 1' }, { x: 52, text: 'B 2' }, { x: 54, text: 'C 3' }];
    assert.deepEqual(layoutAxisLabels(labels, { width: 400, fontPx: 12 }), layoutAxisLabels(labels, { width: 400, fontPx: 12 }));
  });
});

describe('preview axis: rendered labels do not overlap (webview/HTML and SVG export)', () => {
  // Impact started 14:03, mitigated 14:40, resolved 18:00: started and mitigated are close on a 4-hour axis.
  const model = makeModel({ times: { started: T('14:03'), mitigated: T('14:40'), resolved: T('18:00') }, timeline: [entry(1, '14:03', T('14:03'), 'x')] });
  model.metadata.times.started!.raw = '2024-05-01 14:03 UTC';
  const data = toPreviewData(model);

  it('puts "Impact started 2024-05-01 14:03 UTC" and "Mitigated 14:40" in different rows, for any width', () => {
    for (const width of [360, 600, 1100]) {
      const labels = axisLabels(renderAxis(data, width)!);
      const started = labels.find((l) => l.text.startsWith('Impact started'))!;
      const mitigated = labels.find((l) => l.text.startsWith('Mitigated'))!;
      assert.equal(started.text, 'Impact started 2024-05-01 14:03 UTC');
      assert.notEqual(started.row, mitigated.row, `width ${width}`);
      assert.notEqual(started.y, mitigated.y, `width ${width}`);
    }
  });

  it('makes the SVG tall enough for every row and lays it out for the export width', () => {
    const svg = renderAxis(data, 960)!;
    assert.equal(svg.attrs.viewBox, `0 0 960 ${svg.attrs.height}`);
    const h = Number(svg.attrs.height);
    for (const l of axisLabels(svg)) assert.ok(l.y > 10 && l.y < h, `label row at y=${l.y} inside 0..${h}`);
    const out = exportSvg(data);
    assert.match(out, /viewBox="0 0 960 \d+"/);
    assert.match(out, /data-row="below-1"/, 'a label went below the axis in the export too');
    assert.match(serialize(svg), /text-anchor="start" data-row="above-1">Impact started 2024-05-01 14:03 UTC</);
  });
});
