/**
 * Reading the text of an import cell that names something: a class or a state by key or label,
 * a location, person or group by id, name or email.
 */
import { CI_CLASS_LABELS, CI_STATE_LABELS } from './labels';
import { CI_CLASSES, CI_STATES, type CiClass, type CiState } from './model';

/** Finds a referenced record by id, name or email; '' when blank. */
export interface Lookup {
  find: (text: string) => { id: string } | { error: string };
}

function normKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

const CLASS_BY_TEXT = new Map<string, CiClass>();
for (const c of CI_CLASSES) {
  CLASS_BY_TEXT.set(normKey(c), c);
  CLASS_BY_TEXT.set(normKey(CI_CLASS_LABELS[c]), c);
}
const STATE_BY_TEXT = new Map<string, CiState>();
for (const s of CI_STATES) {
  STATE_BY_TEXT.set(normKey(s), s);
  STATE_BY_TEXT.set(normKey(CI_STATE_LABELS[s]), s);
}

/** "Network device", "network_device" or "network" -> network; undefined when unknown. */
export function classFromText(text: string): CiClass | undefined {
  return CLASS_BY_TEXT.get(normKey(text));
}

export function stateFromText(text: string): CiState | undefined {
  return STATE_BY_TEXT.get(normKey(text));
}

/** Builds a Lookup over records matched by id, name or email (case-insensitive). */
export function buildLookup(
  records: readonly { id: string; name: string; email?: string }[],
  what: string,
): Lookup {
  const byId = new Map(records.map((r) => [r.id, r]));
  const byText = new Map<string, string[]>();
  const add = (text: string | undefined, id: string) => {
    const key = text?.trim().toLowerCase();
    if (!key) return;
    const list = byText.get(key);
    if (list) {
      if (!list.includes(id)) list.push(id);
    } else byText.set(key, [id]);
  };
  for (const r of records) {
    add(r.name, r.id);
    add(r.email, r.id);
  }
  return {
    find(text: string) {
      if (byId.has(text)) return { id: text };
      const ids = byText.get(text.trim().toLowerCase()) ?? [];
      if (ids.length === 1) return { id: ids[0]! };
      if (ids.length > 1) return { error: `Several ${what}s are called “${text}”; use the email or id.` };
      return { error: `No ${what} called “${text}”.` };
    },
  };
}
