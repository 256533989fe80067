/**
 * The player's display name, remembered per browser (localStorage): typed once on the home or seat
 * screen, used for every game this browser creates, joins or resumes (issue 14, defect 4).
 */
const NAME_KEY = 'capex.name';
/** Longest name the server accepts (shared/protocol JoinOptionsSchema). */
export const NAME_MAX = 24;

/** The remembered name ('' when none). */
export function savedName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

/** Remembers a name (trimmed, at most NAME_MAX characters); returns what was kept. */
export function saveName(n: string): string {
  const name = n.trim().slice(0, NAME_MAX);
  try {
    if (name) localStorage.setItem(NAME_KEY, name);
  } catch {
    /* private mode: the name lives as long as the page */
  }
  return name;
}
