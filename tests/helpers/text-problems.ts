/**
 * What makes a rendered message read badly (issue 14, "one number format"): raw keys, leftover
 * placeholders, "-0", double signs, a signed number after "fell"/"rose", English ids in Chinese.
 */
import type { Locale } from '../../shared/index.js';

/** Problems of a rendered message (empty when it reads well). */
export function textProblems(text: string, locale: Locale): string[] {
  const out: string[] = [];
  if (/\{\w+(?::\w+)?\}/.test(text)) out.push('leftover placeholder');
  if (/(^|[^\w.])(ui|orders|event|era|chip|source|error|ticker|region|company|lesson|bot|replay|class)\.[a-z][\w.-]*/.test(text)) out.push('raw key');
  if (/NaN|undefined|Infinity|null/.test(text)) out.push('not a number');
  for (const m of text.matchAll(/(?<![\p{L}\d])[-−]\$?(\d[\d,]*(?:\.\d+)?)/gu)) if (Number(m[1]!.replace(/,/g, '')) === 0) out.push(`negative zero "${m[0]}"`);
  if (/[+\-−]\s*[+\-−]\s*\$?\d/.test(text)) out.push('double sign');
  if (/\b(fell|rose|dropped|gained|down|up)\s+[+\-−]/i.test(text) || /(下跌|上涨|下降|上升)\s*[+\-−]/.test(text)) out.push('signed number after a direction word');
  if (locale === 'zh-CN' && /\b(merchant|secondSource|custom|grid|gas|renewables|nuclear|usage|flat|air|liquid)\b/.test(text)) out.push('English id in Chinese text');
  return out;
}
