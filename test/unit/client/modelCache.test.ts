import assert from 'node:assert/strict';
import { ModelCache } from '../../../client/src/modelCache';

/** A fake server: answers each request with the version it was told, counting requests. */
function server() {
  const s = { version: 1, requests: 0, fail: false };
  const fetch = async (uri: string) => {
    s.requests++;
    if (s.fail) throw new Error('restarting');
    return { uri, version: s.version };
  };
  return { s, fetch };
}

describe('client model cache: one model per (uri, version)', () => {
  it('answers everyone asking for the same version with one request', async () => {
    const { s, fetch } = server();
    const cache = new ModelCache(fetch);
    const [a, b, c] = await Promise.all([cache.get('u', 1), cache.get('u', 1), cache.get('u', 1)]);
    assert.equal(s.requests, 1);
    assert.ok(a === b && b === c);
  });

  it('asks again for a new version, after forget (the server rebuilt the model), and for documents not open', async () => {
    const { s, fetch } = server();
    const cache = new ModelCache(fetch);
    await cache.get('u', 1);
    s.version = 2;
    assert.equal((await cache.get('u', 2))?.version, 2);
    cache.forget('u');
    await cache.get('u', 2);
    await cache.get('u', undefined);
    await cache.get('u', undefined);
    assert.equal(s.requests, 5);
  });

  it('does not keep a model of another version or a failed request', async () => {
    const { s, fetch } = server();
    const cache = new ModelCache(fetch);
    assert.equal((await cache.get('u', 2))?.version, 1, 'the server had not seen version 2 yet');
    s.version = 2;
    assert.equal((await cache.get('u', 2))?.version, 2);
    assert.equal(s.requests, 2);
    s.fail = true;
    cache.clear();
    await assert.rejects(cache.get('u', 3));
    s.fail = false;
    s.version = 3;
    assert.equal((await cache.get('u', 3))?.version, 3);
  });
});
