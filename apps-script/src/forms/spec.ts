// A form described as data: the builders are side-effect free, and one applier makes a real form match the description.

export interface ChoiceSpec {
  value: string;
  /** Key of the page this answer jumps to (choice navigation); absent: continue. */
  goTo?: string;
}

interface Base {
  /** Stable name of the item: the API field it answers (`fullName`), `<code>.<field>` for a task's own item, `page.*`, `header.*`. */
  key: string;
  title: string;
  help: string;
}

export type ItemSpec =
  | (Base & { kind: 'header' })
  | (Base & {
      kind: 'page';
      /** Page reached after the section before this page break; null: the next one. */ goTo: string | null;
    })
  | (Base & { kind: 'text'; required: boolean; pattern?: { regex: string; message: string } })
  | (Base & { kind: 'paragraph'; required: boolean })
  | (Base & { kind: 'date'; required: boolean })
  | (Base & { kind: 'list' | 'choice'; required: boolean; choices: ChoiceSpec[] })
  | (Base & { kind: 'checkbox'; required: boolean; choices: string[]; minSelected: number; validationHelp: string });

export type ItemKind = ItemSpec['kind'];

export interface FormSpec {
  title: string;
  description: string;
  confirmation: string;
  items: ItemSpec[];
}

/** The API field an item key answers: `RL1.meetingKind` → `meetingKind`; null for pages and headers. */
export function fieldOfKey(key: string): string | null {
  if (key.startsWith('page.') || key.startsWith('header.')) return null;
  const dot = key.lastIndexOf('.');
  return dot < 0 ? key : key.slice(dot + 1);
}
