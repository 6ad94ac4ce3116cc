/** A namespace-resolved XML element: what the validator walks. */
export interface XNode {
  ns: string;
  name: string;
  /** Prefix as written (kept to re-emit raw content such as the Signature). */
  prefix: string;
  attrs: Record<string, string>;
  children: XNode[];
  /** Concatenated character data directly inside the element. */
  text: string;
  /** 1-based position among siblings of the same name (for error paths). */
  index: number;
  /** Namespace prefixes in scope (shared between nodes; needed to resolve QName values in XSDs). */
  scope: ReadonlyMap<string, string>;
}
