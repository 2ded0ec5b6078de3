import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import {
  declaresPostmortem,
  frontmatterDeclaresPostmortem,
  frontmatterTypeOf,
  isPostmortemDocument,
  toPath,
  workspaceFolderOf,
  workspaceRelativePath,
} from '../../../common/detect';

const globs = DEFAULT_SETTINGS.files;
const ws = ['file:///home/u/repo'];

describe('detect: isPostmortemDocument', () => {
  it('matches the default globs against the workspace-relative path', () => {
    assert.equal(isPostmortemDocument('file:///home/u/repo/postmortems/2024-05-01-db.md', ws, undefined, globs), true);
    assert.equal(isPostmortemDocument('file:///home/u/repo/docs/incidents/2024/x.md', ws, undefined, globs), true);
    assert.equal(isPostmortemDocument('file:///home/u/repo/docs/2024-db-postmortem.md', ws, undefined, globs), true);
    assert.equal(isPostmortemDocument('file:///home/u/repo/notes/db-Post-Mortem.md', ws, undefined, globs), true);
    assert.equal(isPostmortemDocument('file:///home/u/repo/docs/q3-incident-review.md', ws, undefined, globs), true);
  });

  it('does not match ordinary Markdown', () => {
    assert.equal(isPostmortemDocument('file:///home/u/repo/docs/guide.md', ws, undefined, globs), false);
    assert.equal(isPostmortemDocument('file:///home/u/repo/CHANGELOG.md', ws, undefined, globs), false);
    assert.equal(isPostmortemDocument('file:///home/u/repo/postmortems/notes.txt', ws, undefined, globs), false);
  });

  it('never treats a README.md as a postmortem by path', () => {
    assert.equal(isPostmortemDocument('file:///home/u/repo/postmortems/README.md', ws, undefined, globs), false);
    assert.equal(isPostmortemDocument('file:///home/u/repo/incidents/readme.md', ws, undefined, globs), false);
  });

  it('a README.md whose frontmatter says so is one', () => {
    assert.equal(isPostmortemDocument('file:///home/u/repo/postmortems/README.md', ws, 'postmortem', globs), true);
  });

  it('frontmatter type: postmortem makes any file a postmortem', () => {
    assert.equal(isPostmortemDocument('file:///home/u/repo/docs/guide.md', ws, 'postmortem', globs), true);
    assert.equal(isPostmortemDocument('file:///home/u/repo/docs/guide.md', ws, 'Postmortem', globs), true);
    assert.equal(isPostmortemDocument('untitled:Untitled-1', [], 'postmortem', globs), true);
  });

  it('another frontmatter type neither makes nor unmakes one', () => {
    assert.equal(isPostmortemDocument('file:///home/u/repo/docs/guide.md', ws, 'runbook', globs), false);
    assert.equal(isPostmortemDocument('file:///home/u/repo/postmortems/a.md', ws, 'incident', globs), true);
  });

  it('matches workspace-relative globs only inside the workspace folder', () => {
    const custom = ['reviews/*.md'];
    assert.equal(isPostmortemDocument('file:///home/u/repo/reviews/a.md', ws, undefined, custom), true);
    assert.equal(isPostmortemDocument('file:///home/u/repo/reviews/deep/a.md', ws, undefined, custom), false);
    assert.equal(isPostmortemDocument('file:///elsewhere/x/reviews/a.md', ws, undefined, custom), false);
  });

  it('matches **/ globs against the absolute path of files outside any folder', () => {
    assert.equal(isPostmortemDocument('file:///tmp/postmortems/a.md', [], undefined, globs), true);
    assert.equal(isPostmortemDocument('file:///tmp/notes/a.md', [], undefined, globs), false);
  });

  it('uses the innermost workspace folder', () => {
    const folders = ['file:///home/u/repo', 'file:///home/u/repo/sub'];
    assert.equal(workspaceRelativePath('file:///home/u/repo/sub/reviews/a.md', folders), 'reviews/a.md');
    assert.equal(workspaceFolderOf('file:///home/u/repo/sub/reviews/a.md', folders), 'file:///home/u/repo/sub');
    assert.equal(isPostmortemDocument('file:///home/u/repo/sub/reviews/a.md', folders, undefined, ['reviews/*.md']), true);
  });

  it('accepts workspace folders as paths as well as URIs, and percent-encoded URIs', () => {
    assert.equal(workspaceRelativePath('file:///home/u/my%20repo/postmortems/a.md', ['/home/u/my repo']), 'postmortems/a.md');
    assert.equal(toPath('file:///c%3A/work/x.md'), 'c:/work/x.md');
    assert.equal(toPath('C:\\work\\x.md'), 'c:/work/x.md');
    assert.equal(workspaceRelativePath('file:///home/u/repository/a.md', ws), undefined, 'a prefix of a name is not a parent folder');
  });

  it('ignores empty and broken globs', () => {
    assert.equal(isPostmortemDocument('file:///home/u/repo/a.md', ws, undefined, ['', '   ']), false);
    assert.doesNotThrow(() => isPostmortemDocument('file:///home/u/repo/a.md', ws, undefined, ['[', '**/{']));
  });
});

describe('detect: frontmatterTypeOf', () => {
  it('reads type, postmortem: true and layout: postmortem', () => {
    assert.equal(frontmatterTypeOf({ type: 'postmortem' }), 'postmortem');
    assert.equal(frontmatterTypeOf({ postmortem: true }), 'postmortem');
    assert.equal(frontmatterTypeOf({ layout: 'postmortem' }), 'postmortem');
    assert.equal(frontmatterTypeOf({ layout: 'post' }), undefined);
    assert.equal(frontmatterTypeOf({ postmortem: false }), undefined);
    assert.equal(frontmatterTypeOf({ type: 'runbook' }), 'runbook');
    assert.equal(frontmatterTypeOf(null), undefined);
  });
});

describe('isPostmortemDocument: the workspace folder\'s own location does not count', () => {
  const globs = ['**/postmortems/**/*.md', '**/incidents/**/*.md', '**/*postmortem*.md'];
  it('a CHANGELOG in a workspace that lives under a postmortem(s)/incidents folder is not a postmortem', () => {
    assert.equal(isPostmortemDocument('file:///home/u/postmortems/CHANGELOG.md', ['file:///home/u/postmortems'], undefined, globs), false);
    assert.equal(isPostmortemDocument('file:///home/u/incidents/app/docs/setup.md', ['file:///home/u/incidents/app'], undefined, globs), false);
  });
  it('a postmortems/ folder inside that workspace still counts', () => {
    assert.equal(isPostmortemDocument('file:///home/u/postmortems/postmortems/2024-db.md', ['file:///home/u/postmortems'], undefined, globs), true);
  });
  it('a loose file outside every folder is matched by its absolute path', () => {
    assert.equal(isPostmortemDocument('file:///tmp/incidents/x.md', [], undefined, globs), true);
  });
});

describe('declaresPostmortem: the one cheap check, shared by the server and the client', () => {
  it('reads the declaration from the frontmatter text', () => {
    assert.equal(frontmatterDeclaresPostmortem('---\ntitle: X\ntype: postmortem\n---\n# X\n'), true);
    assert.equal(frontmatterDeclaresPostmortem('+++\ntype = "Post-Mortem"\n+++\n'), true);
    assert.equal(frontmatterDeclaresPostmortem('---\npostmortem: true # yes\n---\n'), true);
    assert.equal(frontmatterDeclaresPostmortem('---\ntitle: Our postmortem process\n---\n'), false);
    assert.equal(frontmatterDeclaresPostmortem('# X\n\ntype: postmortem\n'), false, 'not frontmatter');
    assert.equal(frontmatterDeclaresPostmortem('---\ntitle: X\n---\ntype: postmortem\n'), false, 'after the frontmatter');
  });
  it('or from the path', () => {
    assert.equal(declaresPostmortem('file:///w/postmortems/a.md', '# A\n', ['file:///w'], DEFAULT_SETTINGS.files), true);
    assert.equal(declaresPostmortem('file:///w/docs/a.md', '# A\n', ['file:///w'], DEFAULT_SETTINGS.files), false);
    assert.equal(declaresPostmortem('file:///w/docs/a.md', '---\ntype: postmortem\n---\n', ['file:///w'], DEFAULT_SETTINGS.files), true);
  });
});
