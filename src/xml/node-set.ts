/**
 * An XPath node-set over the parsed tree, as a membership test. XMLDSig's XPath and XPath
 * Filter 2.0 transforms produce arbitrary subsets of a document (an element without some of
 * its attributes, text or namespace nodes), which C14N then renders (c14n-subset.ts).
 * Namespace nodes are not objects of the tree: an element has one per in-scope prefix.
 */
import type { XmlAttribute, XmlElement, XmlNode } from './dom.js';

/** A non-element node of the tree: text, comment or processing instruction. */
export type XmlLeaf = Exclude<XmlNode, XmlElement>;

export interface NodeSet {
  element(el: XmlElement): boolean;
  leaf(node: XmlLeaf): boolean;
  attribute(owner: XmlElement, attribute: XmlAttribute): boolean;
  /** The namespace node of `owner` for `prefix` ('' = default). */
  namespace(owner: XmlElement, prefix: string): boolean;
}

/** Nodes both sets hold. */
export function intersectNodeSets(a: NodeSet, b: NodeSet): NodeSet {
  return {
    element: (el) => a.element(el) && b.element(el),
    leaf: (node) => a.leaf(node) && b.leaf(node),
    attribute: (owner, attr) => a.attribute(owner, attr) && b.attribute(owner, attr),
    namespace: (owner, prefix) => a.namespace(owner, prefix) && b.namespace(owner, prefix),
  };
}

/** A node-set listed node by node (the result of evaluating an XPath expression). */
export class ListedNodeSet implements NodeSet {
  private readonly nodes = new Set<XmlNode>();
  private readonly attributes = new Set<XmlAttribute>();
  private readonly namespaces = new Map<XmlElement, Set<string>>();
  /** The document (root) node: everything is below it. */
  documentNode = false;

  addNode(node: XmlNode): void {
    this.nodes.add(node);
  }
  addAttribute(attribute: XmlAttribute): void {
    this.attributes.add(attribute);
  }
  addNamespace(owner: XmlElement, prefix: string): void {
    let set = this.namespaces.get(owner);
    if (!set) this.namespaces.set(owner, (set = new Set()));
    set.add(prefix);
  }
  get size(): number {
    return this.nodes.size + this.attributes.size + this.namespaces.size;
  }

  element(el: XmlElement): boolean {
    return this.nodes.has(el);
  }
  leaf(node: XmlLeaf): boolean {
    return this.nodes.has(node);
  }
  attribute(_owner: XmlElement, attribute: XmlAttribute): boolean {
    return this.attributes.has(attribute);
  }
  namespace(owner: XmlElement, prefix: string): boolean {
    return this.namespaces.get(owner)?.has(prefix) ?? false;
  }

  /**
   * The subtree expansion XPath Filter 2.0 uses (§3.1): every node that has a node of this set
   * as ancestor-or-self (attributes and namespace nodes belong to their element's subtree).
   */
  expanded(): NodeSet {
    const within = (el: XmlElement | null): boolean => {
      if (this.documentNode) return true;
      for (let e = el; e !== null; e = e.parent) if (this.nodes.has(e)) return true;
      return false;
    };
    return {
      element: (el) => within(el),
      leaf: (node) => this.nodes.has(node) || within(node.parent),
      attribute: (owner, attr) => this.attributes.has(attr) || within(owner),
      namespace: (owner, prefix) => this.namespace(owner, prefix) || within(owner),
    };
  }
}
