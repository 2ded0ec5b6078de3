/**
 * Slack mrkdwn -> safe inline Markdown. Slack escapes `&`, `<` and `>` in message text and uses `<…>` for mentions
 * and links (`<@U123>`, `<#C123|name>`, `<https://…|label>`, `<!here>`, `<!subteam^S1|@team>`, `<!date^…|fallback>`);
 * `*bold*`, `_italic_`, `~strike~`, `` `code` `` and ``` fences ``` format it. Everything else is plain text.
 * See https://api.slack.com/reference/surfaces/formatting.
 */
import { codeSpan, escapeText, link } from '../markdown';

export interface MrkdwnNames {
  user(id: string): string | undefined;
  channel(id: string): string | undefined;
}

const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_m, e: string) => (e === 'amp' ? '&' : e === 'lt' ? '<' : '>'));
}

/** One `<…>` control sequence as Markdown. */
function control(inner: string, names: MrkdwnNames): string {
  const bar = inner.indexOf('|');
  const head = bar >= 0 ? inner.slice(0, bar) : inner;
  const label = bar >= 0 ? decodeEntities(inner.slice(bar + 1)) : '';
  if (head.startsWith('@')) {
    const id = head.slice(1);
    return escapeText(`@${names.user(id) ?? (label || id)}`);
  }
  if (head.startsWith('#')) {
    const id = head.slice(1);
    return escapeText(`#${names.channel(id) ?? (label || id)}`);
  }
  if (head.startsWith('!')) {
    const cmd = head.slice(1);
    if (cmd === 'here' || cmd === 'channel' || cmd === 'everyone') return escapeText(`@${cmd}`);
    if (cmd.startsWith('subteam^')) return escapeText(label ? (label.startsWith('@') ? label : `@${label}`) : '@group');
    if (cmd.startsWith('date^')) return escapeText(label || cmd.split('^')[1] || '');
    return escapeText(label || `@${cmd}`);
  }
  return link(label, decodeEntities(head));
}

const FORMAT = /(^|[^\p{L}\p{N}*_~])([*_~])(?=\S)([^\n]*?\S)\2(?=$|[^\p{L}\p{N}*_~])/gu;
const WRAP: Record<string, string> = { '*': '**', _: '*', '~': '~~' };

/** Plain text with Slack emphasis -> Markdown (escaped), nested emphasis to a small depth. */
function formatted(text: string, depth = 0): string {
  if (depth > 3) return escapeText(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(FORMAT)) {
    const start = m.index! + m[1]!.length;
    out += escapeText(text.slice(last, start));
    out += `${WRAP[m[2]!]}${formatted(m[3]!, depth + 1)}${WRAP[m[2]!]}`;
    last = m.index! + m[0].length;
  }
  return out + escapeText(text.slice(last));
}

/** Slack message text -> Markdown (lines kept; the merge flattens them). */
export function mrkdwnToMarkdown(source: string, names: MrkdwnNames): string {
  const held: string[] = [];
  const hold = (md: string) => `${OPEN}${held.push(md) - 1}${CLOSE}`;
  let text = source.replace(/[\uE000\uE001]/g, '');
  // Code first: nothing inside is formatting. Links inside code show as their URL.
  const codeText = (s: string) => decodeEntities(s.replace(/<([^<>|]*)(?:\|[^<>]*)?>/g, '$1'));
  text = text.replace(/```([\s\S]*?)```/g, (_m, code: string) => hold(codeSpan(codeText(code))));
  text = text.replace(/`([^`\n]+)`/g, (_m, code: string) => hold(codeSpan(codeText(code))));
  text = text.replace(/<([^<>\n]{1,2000})>/g, (_m, inner: string) => hold(control(inner, names)));
  const lines = decodeEntities(text).split('\n').map((line) => {
    const quote = /^>\s?(.*)$/.exec(line);
    return quote ? `“${formatted(quote[1]!)}”` : formatted(line);
  });
  // Placeholders went through escaping untouched (private-use characters are not special).
  return lines.join('\n').replace(PLACEHOLDER, (_m, i: string) => held[Number(i)] ?? '').trim();
}
