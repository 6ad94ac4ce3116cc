/**
 * A compiled view of the official CEB XSDs: just the subset of XML Schema they use (sequences of elements
 * with occurrence bounds, string / decimal / int restrictions with length, digit and whiteSpace facets,
 * fixed values, attributes, simple content, and `xs:any`).
 */
export interface Facets {
  length?: number;
  minLength?: number;
  maxLength?: number;
  totalDigits?: number;
  fractionDigits?: number;
  whiteSpace?: 'preserve' | 'replace' | 'collapse';
}

/** Built-in base type, local name in the XML Schema namespace (`string`, `decimal`, `int`, `dateTime` …). */
export interface SimpleType {
  base: string;
  facets: Facets;
}

export interface AttributeDecl {
  name: string;
  required: boolean;
  type: SimpleType;
  fixed?: string;
}

export type ContentModel =
  | { kind: 'simple'; type: SimpleType }
  | { kind: 'complex'; children: ElementDecl[]; attributes: AttributeDecl[] }
  | { kind: 'simpleContent'; type: SimpleType; attributes: AttributeDecl[] }
  /** `xs:any`, or an element of a schema not compiled here (the XML-DSig Signature): kept as raw XML. */
  | { kind: 'any' };

export interface ElementDecl {
  name: string;
  ns: string;
  min: number;
  /** Infinity for `unbounded`. */
  max: number;
  fixed?: string;
  doc?: string;
  /** Resolved lazily for `ref=` and named types, so recursive and forward references work. */
  content: () => ContentModel;
}

export const XS_NS = 'http://www.w3.org/2001/XMLSchema';
export const CEB_NS = 'http://www.chinaport.gov.cn/ceb';
export const DXP_NS = 'http://www.chinaport.gov.cn/dxp';
export const DS_NS = 'http://www.w3.org/2000/09/xmldsig#';
