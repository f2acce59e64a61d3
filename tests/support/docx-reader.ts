import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';

/**
 * Reads a .docx with libraries the portal did not write (JSZip, fast-xml-parser),
 * so a test checks the file Word would open, not our own idea of it.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside this element. */
  text: string;
}

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, parseTagValue: false, parseAttributeValue: false });

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

function toElements(nodes: Ordered[]): XmlElement[] {
  const elements: XmlElement[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((key) => key !== ':@');
    if (!name || name === '#text' || name.startsWith('?')) continue;
    const raw = (node[name] as Ordered[]) ?? [];
    const text = raw.filter((child) => '#text' in child).map((child) => String(child['#text'])).join('');
    elements.push({ name, attributes: node[':@'] ?? {}, children: toElements(raw), text });
  }
  return elements;
}

export function parseXml(xml: string): XmlElement[] {
  return toElements(parser.parse(xml) as Ordered[]);
}

/** Every element called `name` under `roots`, in document order. */
export function findAll(roots: XmlElement | XmlElement[], name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (element: XmlElement) => {
    if (element.name === name) found.push(element);
    element.children.forEach(walk);
  };
  (Array.isArray(roots) ? roots : [roots]).forEach(walk);
  return found;
}

/** Text of w:t and w:delText in document order. */
export function runText(element: XmlElement): string {
  let text = '';
  const walk = (node: XmlElement) => {
    if (node.name === 'w:t' || node.name === 'w:delText') text += node.text;
    node.children.forEach(walk);
  };
  walk(element);
  return text;
}

export interface DocxParts {
  zip: JSZip;
  files: string[];
  /** Parsed parts by path; undefined when the part is not in the file. */
  part: (path: string) => Promise<XmlElement[] | undefined>;
  raw: (path: string) => Promise<string | undefined>;
}

export async function openDocx(buffer: Buffer | Uint8Array | ArrayBuffer): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(buffer);
  const raw = async (path: string) => zip.file(path)?.async('string');
  return {
    zip,
    files: Object.keys(zip.files),
    raw,
    part: async (path) => {
      const xml = await raw(path);
      return xml === undefined ? undefined : parseXml(xml);
    },
  };
}

/** The paragraph style of a w:p (w:pStyle), or null. */
export function paragraphStyle(paragraph: XmlElement): string | null {
  return findAll(paragraph, 'w:pStyle')[0]?.attributes['w:val'] ?? null;
}
