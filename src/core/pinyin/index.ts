import { FIRST_CODE, INITIALS, OTHER_INITIALS } from './table';

/**
 * Pinyin initials for search ("hwjs" finds 华为技术). Each character becomes the set of letters it
 * may start with: a polyphonic ideograph has several (重 → z or c), so "cqyh" finds 重庆银行.
 */
let others: Map<string, string> | null = null;
function otherInitials(): Map<string, string> {
  if (!others) {
    others = new Map();
    for (const entry of OTHER_INITIALS.split(' ')) if (entry) others.set(entry[0], entry.slice(1));
  }
  return others;
}

/** Letters each character of `text` can start with; letters and digits stand for themselves. */
export function initialSets(text: string): string[] {
  const out: string[] = [];
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    const code = ch.charCodeAt(0);
    const at = code - FIRST_CODE;
    if (at >= 0 && at < INITIALS.length && ch.length === 1) {
      const main = INITIALS[at];
      const more = otherInitials().get(ch) ?? '';
      const letters = (main === '_' ? '' : main) + more;
      if (letters) out.push(letters);
    } else if (/^[a-z0-9]$/.test(ch)) out.push(ch);
  }
  return out;
}

/** The initials people type for a text (one letter per character, the common reading). */
export function initialsOf(text: string): string {
  return initialSets(text)
    .map((s) => s[0])
    .join('');
}

/** Where `query` (lower-case letters) matches the initials of `sets`: at the start, inside, or not. */
export function matchInitials(sets: readonly string[], query: string): 'prefix' | 'inside' | null {
  if (!query || query.length > sets.length) return null;
  for (let start = 0; start + query.length <= sets.length; start++) {
    let ok = true;
    for (let i = 0; i < query.length && ok; i++) ok = sets[start + i].includes(query[i]);
    if (ok) return start === 0 ? 'prefix' : 'inside';
  }
  return null;
}

/** A query worth matching against initials: two or more ASCII letters, nothing else. */
export function isInitialsQuery(folded: string): boolean {
  return /^[a-z]{2,}$/.test(folded);
}
