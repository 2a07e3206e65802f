// Types for the parts of citation-js paperboy uses (the packages ship none).
declare module "@citation-js/core" {
  export class Cite {
    constructor(data: unknown);
    format(format: string, options?: Record<string, unknown>): unknown;
  }
  export const plugins: {
    dict: { get(name: string): unknown };
  };
}
declare module "@citation-js/plugin-bibtex" {}
declare module "@citation-js/plugin-ris" {}
declare module "@citation-js/plugin-bibtex/lib/output/bibtex.js" {
  /** Serialises BibTeX entries whose values are already BibTeX-escaped, with the given dictionary. */
  export function format(entries: BibtexEntry[], dict: unknown): string;
  export interface BibtexEntry {
    type: string;
    label: string;
    properties: Record<string, string>;
  }
}
