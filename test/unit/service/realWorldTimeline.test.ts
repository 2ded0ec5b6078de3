/**
 * Timeline shapes from real teams' templates that the other suites do not cover (own short fixtures).
 */
import assert from 'node:assert/strict';
import { codes, pipeline } from './realWorldHelpers';

describe('real-world timelines', function () {
  it('SRE-book style: a "2015-10-21 (all times UTC)" line sets the date and zone, it is no entry', function () {
    const { model, findings } = pipeline(`---
title: Search down
severity: SEV2
status: draft
---
# Search down

## Timeline

2019-03-02 (all times PST)

- 09:51 Deploy of search v7 starts
- 09:54 OUTAGE BEGINS search backends crash
`);
    assert.deepEqual(model.timeline.map((e) => [e.rawTime, e.iso]), [
      ['09:51', '2019-03-02T17:51:00Z'],
      ['09:54', '2019-03-02T17:54:00Z'],
    ]);
    assert.ok(!codes(findings).includes('timestamp-unparseable'));
  });

  it('bold times on consecutive lines of one paragraph are one entry each', function () {
    const { model } = pipeline(`# Webhooks dropped

**Start time:** 2024-02-07 10:40 UTC

## Timeline

**10:40** Cert rotated
**11:15** Merchant reports missing webhooks
**12:05** Error rate zero, incident resolved
`);
    assert.deepEqual(model.timeline.map((e) => [e.rawTime, e.iso, e.text]), [
      ['10:40', '2024-02-07T10:40:00Z', 'Cert rotated'],
      ['11:15', '2024-02-07T11:15:00Z', 'Merchant reports missing webhooks'],
      ['12:05', '2024-02-07T12:05:00Z', 'Error rate zero, incident resolved'],
    ]);
    assert.equal(model.timeline[2]!.marks, 'resolved');
    assert.equal(model.timeline[1]!.range.start.line, model.timeline[1]!.range.end.line);
  });

  it('PagerDuty template: the "What Happened" time table is the timeline', function () {
    const { model, findings } = pipeline(`# Postmortem: SMS delayed

| | |
|---|---|
| **Date** | 2024-04-12 |
| **Severity** | SEV1 |
| **Status** | reviewed |

## Overview

SMS delayed.

## What Happened

| Time (UTC) | Event |
|---|---|
| 17:02 | Carrier starts rate limiting |
| 17:09 | Queue depth alert fired |
| 17:48 | Traffic shifted to secondary carrier, mitigated |
`);
    assert.equal(model.sections.find((s) => s.title === 'What Happened')?.kind, 'timeline');
    assert.deepEqual(model.timeline.map((e) => e.iso), ['2024-04-12T17:02:00Z', '2024-04-12T17:09:00Z', '2024-04-12T17:48:00Z']);
    assert.ok(!findings.some((f) => f.code === 'missing-section' && f.data?.kind === 'timeline'));
  });

  it('"What happened" told as prose stays the summary', function () {
    const { model } = pipeline(`# X\n\n## What happened\n\nAt 10:00 the deploy broke checkout.\n\n## Timeline\n\n- 10:00 deploy\n`);
    assert.equal(model.sections.find((s) => s.title === 'What happened')?.kind, 'summary');
  });

  it('a trailing ", resolved" marks the resolution; "News reports that" is not detection, a pager storm is', function () {
    const { model } = pipeline(`# X (2024-05-01)\n\n## Timeline\n\n- 14:51 News reports that a sonnet was found\n- 14:54 OUTAGE BEGINS backends melt\n- 14:55 on-call receives pager storm\n- 15:59 traffic normal — mitigated\n- 16:16 queue drained, resolved\n`);
    assert.deepEqual(model.timeline.map((e) => e.marks), [undefined, 'started', 'detected', 'mitigated', 'resolved']);
  });

  it('"not resolved" at the end of an entry is no resolution', function () {
    const { model } = pipeline(`# X (2024-05-01)\n\n## Timeline\n\n- 14:00 restart tried, still not resolved\n`);
    assert.equal(model.timeline[0]!.marks, undefined);
  });
});
