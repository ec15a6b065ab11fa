import type {
  XmlAttribute,
  XmlComment,
  XmlElement,
  XmlNamespaceDeclaration,
  XmlNode,
  XmlPosition,
  XmlProcessingInstruction,
  XmlText,
} from './dom.js';
import type { SourceLines } from './source-lines.js';

/*
 * The nodes parseXml makes: the dom.ts shapes, with `pos` worked out from the node's offset
 * when it is read (source-lines.ts says why). Each class sets every field in its constructor,
 * in one order, so all nodes of a kind share one hidden class.
 */

/** What a parsed node keeps to answer `pos`: its offset in the source, and the source's lines. */
abstract class Positioned {
  constructor(
    private readonly offset: number,
    private readonly lines: SourceLines,
  ) {}

  get pos(): XmlPosition {
    return this.lines.at(this.offset);
  }
}

/**
 * The children of an element without any, until the parser gives it its own array. Shared,
 * so not frozen: arrays of a frozen and of an ordinary kind, read by the same loop, made V8's
 * optimized for-of allocate a result object per step (the `readonly` types keep it unchanged).
 */
export const NO_CHILDREN: readonly XmlNode[] = [];

export class ParsedElement extends Positioned implements XmlElement {
  readonly kind = 'element';
  children: readonly XmlNode[] = NO_CHILDREN;

  constructor(
    public name: string,
    public prefix: string | null,
    public localName: string,
    public namespaceURI: string | null,
    public namespaces: readonly XmlNamespaceDeclaration[],
    public attributes: readonly XmlAttribute[],
    public parent: XmlElement | null,
    offset: number,
    lines: SourceLines,
  ) {
    super(offset, lines);
  }
}

export class ParsedAttribute extends Positioned implements XmlAttribute {
  constructor(
    public name: string,
    public prefix: string | null,
    public localName: string,
    public namespaceURI: string | null,
    public value: string,
    offset: number,
    lines: SourceLines,
  ) {
    super(offset, lines);
  }
}

export class ParsedText extends Positioned implements XmlText {
  readonly kind = 'text';

  constructor(
    public value: string,
    public cdata: boolean,
    public parent: XmlElement | null,
    offset: number,
    lines: SourceLines,
  ) {
    super(offset, lines);
  }
}

export class ParsedComment extends Positioned implements XmlComment {
  readonly kind = 'comment';

  constructor(
    public value: string,
    public parent: XmlElement | null,
    offset: number,
    lines: SourceLines,
  ) {
    super(offset, lines);
  }
}

export class ParsedProcessingInstruction extends Positioned implements XmlProcessingInstruction {
  readonly kind = 'pi';

  constructor(
    public target: string,
    public data: string,
    public parent: XmlElement | null,
    offset: number,
    lines: SourceLines,
  ) {
    super(offset, lines);
  }
}
