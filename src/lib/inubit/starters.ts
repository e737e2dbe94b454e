import { attributesOf } from '../xml/authority';

/** One ad-hoc starter a user may run: the attributes of a `<Module>`, `xml:lang` as `lang`. */
export interface AdHocStarter {
  id?: string;
  label?: string;
  role?: string;
  lang?: string;
  [attribute: string]: string | undefined;
}

/**
 * The reader of inubit's starter list, `<Modules><Module id="…" label="…" role="…" xml:lang="…"/>…</Modules>`:
 * each `<Module>`'s attributes in their order; undefined when the text is no such list. A list
 * is short, and its data sits in attributes: the authority reads it.
 */
export function readStarterList(text: string): AdHocStarter[] | undefined {
  return attributesOf(text, 'Modules', 'Module')?.map(starterOf);
}

function starterOf(attributes: Record<string, string>): AdHocStarter {
  const starter: AdHocStarter = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'xml:lang') starter.lang = value;
    else if (name !== 'lang' || !('xml:lang' in attributes)) starter[name] = value;
  }
  return starter;
}
