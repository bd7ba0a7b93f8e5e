import type * as Y from 'yjs';

/**
 * Makes queries over a Y.Doc reactive: every change to the doc, local or remote, bumps
 * `version`, and a `$derived` that reads `version` recomputes. Queries stay plain functions of
 * the workspace layer, unaware of Svelte.
 *
 * @example
 *   const reader = new DocReader(doc);
 *   const goals = $derived.by(() => (reader.version, listGoals(doc)));
 */
export class DocReader {
  version = $state(0);
  #doc: Y.Doc;
  #onUpdate = () => {
    this.version += 1;
  };

  constructor(doc: Y.Doc) {
    this.#doc = doc;
    doc.on('update', this.#onUpdate);
  }

  /** Reads `query` and registers the doc as a dependency of the surrounding reactive scope. */
  read<T>(query: (doc: Y.Doc) => T): T {
    void this.version;
    return query(this.#doc);
  }

  dispose(): void {
    this.#doc.off('update', this.#onUpdate);
  }
}
