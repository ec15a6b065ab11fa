/**
 * A read-only DOM view of the parsed tree for the `xpath` library (a maintained XPath 1.0
 * engine over DOM-like nodes), so XMLDSig's XPath transforms run on the one parsed tree.
 *
 * Every navigation the engine makes (parent, child, sibling, attribute list, document-order
 * comparison) spends one unit of a budget; an exhausted budget throws XPathBudgetExceeded, so
 * an expression that is quadratic (or worse) over a large document stops with a clear problem
 * instead of hanging.
 *
 * XPath namespace nodes are given to the engine as attribute-typed nodes: its `node()` test
 * does not match its own namespace type, so `self::node()` on a namespace node (used by the
 * W3C C14N vectors) would otherwise be empty. Their name is the prefix and their
 * namespace-uri() is empty, as XPath 1.0 §5.4 says.
 */
import type { XmlAttribute, XmlDocument, XmlElement, XmlNode } from './dom.js';
import { inScopeNamespaces } from './query.js';

export class XPathBudgetExceeded extends Error {
  constructor(readonly budget: number) {
    super(`XPath evaluation exceeded its budget of ${budget} node visits`);
    this.name = 'XPathBudgetExceeded';
  }
}

type Indexed<T> = T[] & { item(index: number): T | null };

function indexed<T>(list: T[]): Indexed<T> {
  return Object.assign(list, { item: (index: number) => list[index] ?? null });
}

/** Pseudo-attributes carrying xmlns declarations, read only by the engine's namespace axis. */
interface Declaration {
  nodeType: 0;
  name: string;
  nodeName: string;
  value: string;
  nodeValue: string;
}

export class DomView {
  readonly document: DDocument;
  /** Document order of tree nodes and attributes (pre-order; attributes after their element). */
  private readonly order = new Map<object, number>();
  /** Index of each node in its parent's child list (the document's for prolog, root, epilog). */
  private readonly position = new Map<XmlNode, number>();
  private readonly wrapped = new Map<XmlNode, DNode>();
  private readonly wrappedAttributes = new Map<XmlAttribute, DAttr>();
  private readonly namespaceNodes = new Map<XmlElement, Map<string, DNamespace>>();
  readonly documentChildren: XmlNode[];
  private remaining: number;

  constructor(
    readonly doc: XmlDocument,
    readonly budget: number,
  ) {
    this.remaining = budget;
    this.document = new DDocument(this);
    this.documentChildren = [...doc.prolog, doc.root, ...doc.epilog];
    let counter = 1;
    this.documentChildren.forEach((node, index) => this.position.set(node, index));
    const stack: XmlNode[] = [...this.documentChildren].reverse();
    while (stack.length > 0) {
      const node = stack.pop() as XmlNode;
      this.order.set(node, (counter += 2));
      if (node.kind !== 'element') continue;
      for (const a of node.attributes) this.order.set(a, (counter += 2));
      node.children.forEach((child, index) => this.position.set(child, index));
      for (let k = node.children.length - 1; k >= 0; k--) stack.push(node.children[k] as XmlNode);
    }
  }

  /** Spends one unit; throws when the budget is gone. */
  tick(): void {
    if (--this.remaining < 0) throw new XPathBudgetExceeded(this.budget);
  }

  node(node: XmlNode): DNode {
    let view = this.wrapped.get(node);
    if (!view) {
      view =
        node.kind === 'element'
          ? new DElement(this, node)
          : node.kind === 'text'
            ? new DText(this, node)
            : node.kind === 'comment'
              ? new DComment(this, node)
              : new DProcessingInstruction(this, node);
      this.wrapped.set(node, view);
    }
    return view;
  }

  attribute(owner: XmlElement, attribute: XmlAttribute): DAttr {
    let view = this.wrappedAttributes.get(attribute);
    if (!view) {
      view = new DAttr(this, owner, attribute);
      this.wrappedAttributes.set(attribute, view);
    }
    return view;
  }

  /** The namespace node of `owner` for `prefix` (one object per pair, so identity holds). */
  namespace(owner: XmlElement, prefix: string, uri: string): DNamespace {
    let map = this.namespaceNodes.get(owner);
    if (!map) this.namespaceNodes.set(owner, (map = new Map()));
    let view = map.get(prefix);
    if (!view) map.set(prefix, (view = new DNamespace(this, owner, prefix, uri)));
    return view;
  }

  parentOf(node: XmlNode): DNode | DDocument {
    return node.parent ? this.node(node.parent) : this.document;
  }

  sibling(node: XmlNode, step: 1 | -1): DNode | null {
    const list = node.parent ? node.parent.children : this.documentChildren;
    const next = list[(this.position.get(node) ?? -2) + step];
    return next ? this.node(next) : null;
  }

  /**
   * Document order of two nodes the engine holds (-1, 0, 1); the engine's own namespace-axis
   * objects included, so the same namespace node reached twice is one node (0).
   */
  compare(a: unknown, b: unknown): number {
    this.tick();
    const x = this.orderKey(a);
    const y = this.orderKey(b);
    if (x.order !== y.order) return x.order < y.order ? -1 : 1;
    if (x.prefix === y.prefix) return 0;
    return (x.prefix ?? '') < (y.prefix ?? '') ? -1 : 1;
  }

  private orderKey(node: unknown): { order: number; prefix?: string } {
    if (node instanceof DDocument) return { order: 0 };
    if (node instanceof DNamespace) {
      return { order: (this.order.get(node.owner) ?? 0) + 1, prefix: node.name };
    }
    if (node instanceof DAttr) return { order: this.order.get(node.attr) ?? 0 };
    if (node instanceof DBase) return { order: this.order.get(node.tree) ?? 0 };
    // The engine's own namespace-axis nodes: after their element, before its attributes.
    const ns = node as { ownerElement?: unknown; localName?: unknown };
    if (ns.ownerElement instanceof DElement) {
      return {
        order: (this.order.get(ns.ownerElement.el) ?? 0) + 1,
        prefix: typeof ns.localName === 'string' ? ns.localName : '',
      };
    }
    return { order: 0 };
  }
}

/** DOM's compareDocumentPosition bits from an order: 2 = `other` precedes, 4 = follows. */
function positionBits(order: number): number {
  return order === 0 ? 0 : order > 0 ? 0x02 : 0x04;
}

/**
 * compareDocumentPosition for the engine's namespace-axis objects (installed on their
 * prototype by xpath-transform.ts): without it the engine orders them by a DOM walk that
 * cannot tell two objects for one namespace node apart, so `namespace::* | self::node()`
 * counted a namespace node twice.
 */
export function namespaceCompareDocumentPosition(
  this: { ownerElement?: unknown },
  other: unknown,
): number {
  const owner = this.ownerElement;
  return owner instanceof DElement ? positionBits(owner.viewOf().compare(this, other)) : 0x04;
}

abstract class DBase {
  abstract readonly nodeType: number;
  abstract readonly nodeName: string;
  abstract readonly tree: object;
  constructor(protected readonly view: DomView) {}
  get ownerDocument(): DDocument {
    return this.view.document;
  }
  compareDocumentPosition(other: unknown): number {
    return positionBits(this.view.compare(this, other));
  }
  viewOf(): DomView {
    return this.view;
  }
}

abstract class DTreeNode extends DBase {
  abstract override readonly tree: XmlNode;
  get parentNode(): DNode | DDocument {
    this.view.tick();
    return this.view.parentOf(this.tree);
  }
  get nextSibling(): DNode | null {
    this.view.tick();
    return this.view.sibling(this.tree, 1);
  }
  get previousSibling(): DNode | null {
    this.view.tick();
    return this.view.sibling(this.tree, -1);
  }
  get firstChild(): DNode | null {
    return null;
  }
  get lastChild(): DNode | null {
    return null;
  }
  get childNodes(): Indexed<DNode> {
    return indexed([]);
  }
}

export class DElement extends DTreeNode {
  readonly nodeType = 1;
  constructor(
    view: DomView,
    readonly el: XmlElement,
  ) {
    super(view);
  }
  get tree(): XmlElement {
    return this.el;
  }
  get nodeName(): string {
    return this.el.name;
  }
  get tagName(): string {
    return this.el.name;
  }
  get localName(): string {
    return this.el.localName;
  }
  get prefix(): string | null {
    return this.el.prefix;
  }
  get namespaceURI(): string | null {
    return this.el.namespaceURI;
  }
  override get firstChild(): DNode | null {
    this.view.tick();
    const child = this.el.children[0];
    return child ? this.view.node(child) : null;
  }
  override get lastChild(): DNode | null {
    this.view.tick();
    const child = this.el.children[this.el.children.length - 1];
    return child ? this.view.node(child) : null;
  }
  override get childNodes(): Indexed<DNode> {
    this.view.tick();
    return indexed(this.el.children.map((c) => this.view.node(c)));
  }
  /** Attributes, then the xmlns declarations as pseudo-nodes no node test matches. */
  get attributes(): Indexed<DAttr | Declaration> {
    this.view.tick();
    const list: Array<DAttr | Declaration> = this.el.attributes.map((a) =>
      this.view.attribute(this.el, a),
    );
    for (const d of this.el.namespaces) {
      const name = d.prefix === '' ? 'xmlns' : `xmlns:${d.prefix}`;
      list.push({ nodeType: 0, name, nodeName: name, value: d.uri, nodeValue: d.uri });
    }
    return indexed(list);
  }
  getAttribute(name: string): string | null {
    return this.el.attributes.find((a) => a.name === name)?.value ?? null;
  }
  getAttributeNS(namespace: string | null, localName: string): string | null {
    const want = namespace || null;
    return (
      this.el.attributes.find((a) => a.namespaceURI === want && a.localName === localName)?.value ??
      null
    );
  }
  /** The element's namespace nodes (XPath data model: every in-scope binding). */
  inScope(): Map<string, string> {
    return inScopeNamespaces(this.el);
  }
}

export class DText extends DTreeNode {
  readonly nodeType = 3;
  readonly nodeName = '#text';
  readonly attributes = null;
  constructor(
    view: DomView,
    readonly tree: Extract<XmlNode, { kind: 'text' }>,
  ) {
    super(view);
  }
  get nodeValue(): string {
    return this.tree.value;
  }
  get data(): string {
    return this.tree.value;
  }
}

export class DComment extends DTreeNode {
  readonly nodeType = 8;
  readonly nodeName = '#comment';
  readonly attributes = null;
  constructor(
    view: DomView,
    readonly tree: Extract<XmlNode, { kind: 'comment' }>,
  ) {
    super(view);
  }
  get nodeValue(): string {
    return this.tree.value;
  }
  get data(): string {
    return this.tree.value;
  }
}

export class DProcessingInstruction extends DTreeNode {
  readonly nodeType = 7;
  readonly attributes = null;
  constructor(
    view: DomView,
    readonly tree: Extract<XmlNode, { kind: 'pi' }>,
  ) {
    super(view);
  }
  get nodeName(): string {
    return this.tree.target;
  }
  get target(): string {
    return this.tree.target;
  }
  get nodeValue(): string {
    return this.tree.data;
  }
  get data(): string {
    return this.tree.data;
  }
}

export class DAttr extends DBase {
  readonly nodeType = 2;
  readonly parentNode = null;
  readonly specified = true;
  constructor(
    view: DomView,
    readonly owner: XmlElement,
    readonly attr: XmlAttribute,
  ) {
    super(view);
  }
  get tree(): XmlAttribute {
    return this.attr;
  }
  get ownerElement(): DNode {
    this.view.tick();
    return this.view.node(this.owner);
  }
  get nodeName(): string {
    return this.attr.name;
  }
  get name(): string {
    return this.attr.name;
  }
  get localName(): string {
    return this.attr.localName;
  }
  get prefix(): string | null {
    return this.attr.prefix;
  }
  get namespaceURI(): string | null {
    return this.attr.namespaceURI;
  }
  get value(): string {
    return this.attr.value;
  }
  get nodeValue(): string {
    return this.attr.value;
  }
}

/** An XPath namespace node (see the module comment for why it is attribute-typed). */
export class DNamespace extends DBase {
  readonly nodeType = 2;
  readonly parentNode = null;
  readonly namespaceURI = null;
  readonly prefix = null;
  constructor(
    view: DomView,
    readonly owner: XmlElement,
    readonly name: string,
    readonly value: string,
  ) {
    super(view);
  }
  get tree(): XmlElement {
    return this.owner;
  }
  get nodeName(): string {
    return this.name;
  }
  get localName(): string {
    return this.name;
  }
  get nodeValue(): string {
    return this.value;
  }
  get ownerElement(): DNode {
    this.view.tick();
    return this.view.node(this.owner);
  }
}

export class DDocument extends DBase {
  readonly nodeType = 9;
  readonly nodeName = '#document';
  readonly parentNode = null;
  readonly nextSibling = null;
  readonly previousSibling = null;
  readonly attributes = null;
  get tree(): object {
    return this;
  }
  override get ownerDocument(): DDocument {
    return this;
  }
  get documentElement(): DNode {
    return this.view.node(this.view.doc.root);
  }
  get firstChild(): DNode | null {
    this.view.tick();
    const child = this.view.documentChildren[0];
    return child ? this.view.node(child) : null;
  }
  get lastChild(): DNode | null {
    this.view.tick();
    const child = this.view.documentChildren[this.view.documentChildren.length - 1];
    return child ? this.view.node(child) : null;
  }
  get childNodes(): Indexed<DNode> {
    this.view.tick();
    return indexed(this.view.documentChildren.map((c) => this.view.node(c)));
  }
}

export type DNode = DElement | DText | DComment | DProcessingInstruction;
