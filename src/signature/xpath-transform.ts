/**
 * The XMLDSig XPath transform (XMLDSig §6.6.3) and XPath Filter 2.0
 * (http://www.w3.org/2002/06/xmldsig-filter2, RFC 3653), evaluated by the `xpath` library (a
 * maintained XPath 1.0 engine) over a DOM view of the parsed tree (xml/xpath-dom.ts). Both
 * yield a node-set that C14N renders as a document subset (xml/c14n-subset.ts).
 *
 * Evaluation is bounded: every node visit of the engine spends one unit of a per-Reference
 * budget, so a hostile expression (quadratic in the document, evaluated once per node) stops
 * with a problem instead of hanging. The common `not(ancestor-or-self::dsig:Signature)`
 * filter never comes here (xpath-filter.ts, a subtree exclusion at no cost).
 */
import { createRequire } from 'node:module';
import type { XmlDocument, XmlElement, XmlNode } from '../xml/dom.js';
import { ListedNodeSet, type NodeSet } from '../xml/node-set.js';
import { inScopeNamespaces } from '../xml/query.js';
import {
  DAttr,
  DDocument,
  DElement,
  DNamespace,
  DomView,
  namespaceCompareDocumentPosition,
  XPathBudgetExceeded,
  type DNode,
} from '../xml/xpath-dom.js';
import { plainAttribute, valueText } from './dsig-elements.js';

export { XPathBudgetExceeded } from '../xml/xpath-dom.js';

/**
 * Node visits allowed to the XPath engine per Reference: a few visits per node of a large
 * document for the per-node XPath transform; an expression doing more is refused.
 */
export const XPATH_VISIT_BUDGET = 4_000_000;

/** What the library's `parse` returns and the little of its value objects corridor reads. */
interface XPathValue {
  booleanValue(): boolean;
  nodeset(): { toUnsortedArray(): unknown[] };
}
interface ParsedXPath {
  evaluate(options: {
    node: unknown;
    namespaces: { getNamespace(prefix: string): string };
    functions: { getFunction(name: string, namespace?: string): unknown };
  }): XPathValue;
}
interface XPathLibrary {
  parse(expression: string): ParsedXPath;
  XNodeSet: { prototype: Record<string, unknown> };
}

let loaded: XPathLibrary | undefined;

/** The `xpath` library, loaded on the first XPath transform (most runs never need it). */
function library(): XPathLibrary {
  return (loaded ??= createRequire(import.meta.url)('xpath') as XPathLibrary);
}

/**
 * The library's tokenizer refuses whitespace between a function name (or node type) and its
 * '(' — `not (x)`, valid XPath 1.0 and used by the W3C C14N vectors. Such whitespace is removed
 * outside string literals before parsing; the operator names, which may precede '(', are kept.
 */
function tightenCalls(expression: string): string {
  return expression
    .split(/("[^"]*"|'[^']*')/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part.replace(
            /(^|[^\w.:-])([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s+\(/g,
            (all, before: string, name: string) =>
              ['and', 'or', 'div', 'mod'].includes(name) ? all : `${before}${name}(`,
          ),
    )
    .join('');
}

function parseXPath(expression: string): ParsedXPath {
  return library().parse(tightenCalls(expression));
}

let namespacesOrdered = false;

interface NodeSetInstance {
  nodes: unknown[];
  size: number;
  tree: unknown;
}

/** The element and prefix of a namespace node, whichever object stands for it. */
function namespaceIdentity(node: unknown): [unknown, unknown] | undefined {
  if (node instanceof DNamespace) return [node.owner, node.name];
  const ns = node as { isXPathNamespace?: unknown; ownerElement?: unknown; localName?: unknown };
  if (ns && ns.isXPathNamespace === true && ns.ownerElement instanceof DElement) {
    return [ns.ownerElement.el, ns.localName];
  }
  return undefined;
}

const members = new WeakMap<
  NodeSetInstance,
  { objects: Set<unknown>; namespaces: Map<unknown, Set<unknown>> }
>();

/**
 * Makes the library's node-sets hold each node once as XPath 1.0 defines nodes, and in linear
 * time. Its namespace axis builds a new object per evaluation and its node-sets deduplicated by
 * object identity, so `namespace::* | self::node()` (the W3C C14N vectors' test for "is a
 * namespace node") counted one node twice; and that deduplication compared each added node with
 * every one before it, quadratic in the size of a node-set (`//node()` of a large document ran
 * for minutes, unseen by the visit budget). Node-sets now deduplicate by object, and namespace
 * nodes by element and prefix, through hash sets; the axis objects also get a document order.
 */
function orderNamespaceNodes(view: DomView): void {
  if (namespacesOrdered) return;
  const nodeSet = library().XNodeSet.prototype;
  nodeSet.add = function (this: NodeSetInstance, node: unknown): void {
    let seen = members.get(this);
    if (!seen) members.set(this, (seen = { objects: new Set(this.nodes), namespaces: new Map() }));
    if (seen.objects.has(node)) return;
    const id = namespaceIdentity(node);
    if (id) {
      let prefixes = seen.namespaces.get(id[0]);
      if (!prefixes) seen.namespaces.set(id[0], (prefixes = new Set()));
      if (prefixes.has(id[1])) return;
      prefixes.add(id[1]);
    }
    seen.objects.add(node);
    this.tree = null;
    this.nodes.push(node);
    this.size += 1;
  };
  const probe = library()
    .parse('namespace::xml')
    .evaluate({
      node: view.node(view.doc.root),
      namespaces: { getNamespace: () => '' },
      functions: { getFunction: () => undefined },
    })
    .nodeset()
    .toUnsortedArray()[0];
  if (probe && typeof probe === 'object') {
    const prototype = Object.getPrototypeOf(probe) as Record<string, unknown>;
    prototype.compareDocumentPosition ??= namespaceCompareDocumentPosition;
    namespacesOrdered = true;
  }
}

/** One XPath expression as a transform carries it: its text, prefixes and `here()`. */
export interface CompiledXPath {
  parsed: ParsedXPath;
  /** Prefix bindings in scope on the XPath element (the default namespace is not used). */
  namespaces: Map<string, string>;
  /** The XPath element: what `here()` returns. */
  here: XmlElement;
}

export type Filter2Operation = 'intersect' | 'subtract' | 'union';

export const FILTER2_OPERATIONS: readonly Filter2Operation[] = ['intersect', 'subtract', 'union'];

/** Parses the expression of an XPath element; a message when it is not XPath 1.0. */
export function compileXPath(xpathElement: XmlElement): CompiledXPath | string {
  const value = valueText(xpathElement);
  if (value.nonText) return 'the XPath element holds markup, not only an expression';
  try {
    const parsed = parseXPath(value.text);
    return { parsed, namespaces: inScopeNamespaces(xpathElement), here: xpathElement };
  } catch (error) {
    return `the XPath expression does not parse: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The Filter attribute of a Filter 2.0 XPath element, when it names an operation. */
export function filter2Operation(xpathElement: XmlElement): Filter2Operation | undefined {
  const filter = plainAttribute(xpathElement, 'Filter');
  return FILTER2_OPERATIONS.find((op) => op === filter);
}

/** The evaluation context both transforms share: prefixes of the XPath element and here(). */
function evaluationOptions(view: DomView, xpath: CompiledXPath, node: unknown) {
  const here = view.node(xpath.here);
  return {
    node,
    namespaces: {
      getNamespace(prefix: string): string {
        const uri = xpath.namespaces.get(prefix);
        // The engine would otherwise look the prefix up on the context node: never guess.
        if (uri === undefined || prefix === '') {
          throw new Error(`the prefix '${prefix}' is not declared where the expression is`);
        }
        return uri;
      },
    },
    functions: {
      getFunction(name: string, namespace?: string): unknown {
        return name === 'here' && !namespace ? () => [here] : undefined;
      },
    },
  };
}

/** The tree nodes of a node-set the engine returned. */
function listNodes(view: DomView, nodes: readonly unknown[]): ListedNodeSet {
  const set = new ListedNodeSet();
  for (const node of nodes) {
    view.tick();
    if (node instanceof DDocument) set.documentNode = true;
    else if (node instanceof DAttr) set.addAttribute(node.attr);
    else if (node instanceof DNamespace) set.addNamespace(node.owner, node.name);
    else if (node instanceof DElement) set.addNode(node.el);
    else if (node && typeof node === 'object' && 'tree' in node) set.addNode(node.tree as XmlNode);
    else {
      // The engine's own namespace-axis objects.
      const ns = node as { ownerElement?: unknown; localName?: unknown };
      if (ns.ownerElement instanceof DElement && typeof ns.localName === 'string') {
        set.addNamespace(ns.ownerElement.el, ns.localName);
      }
    }
  }
  return set;
}

/**
 * XPath Filter 2.0: each expression evaluated once, with the document's root node as context;
 * its result expanded to whole subtrees and combined with the filter so far (initially every
 * node of the document) by intersect, subtract or union, in order. The transform's output is
 * the input node-set restricted to the result (the caller intersects).
 */
export function filter2NodeSet(
  doc: XmlDocument,
  filters: ReadonlyArray<{ operation: Filter2Operation; xpath: CompiledXPath }>,
  budget: number = XPATH_VISIT_BUDGET,
): NodeSet {
  const view = new DomView(doc, budget);
  orderNamespaceNodes(view);
  const steps = filters.map(({ operation, xpath }) => {
    const value = xpath.parsed.evaluate(evaluationOptions(view, xpath, view.document));
    let nodes: unknown[];
    try {
      nodes = value.nodeset().toUnsortedArray();
    } catch {
      throw new Error('an XPath Filter 2.0 expression must select a node-set');
    }
    return { operation, set: listNodes(view, nodes).expanded() };
  });
  const fold = (test: (set: NodeSet) => boolean): boolean => {
    let inside = true;
    for (const { operation, set } of steps) {
      if (operation === 'intersect') inside = inside && test(set);
      else if (operation === 'subtract') inside = inside && !test(set);
      else inside = inside || test(set);
    }
    return inside;
  };
  return {
    element: (el) => fold((s) => s.element(el)),
    leaf: (node) => fold((s) => s.leaf(node)),
    attribute: (owner, attr) => fold((s) => s.attribute(owner, attr)),
    namespace: (owner, prefix) => fold((s) => s.namespace(owner, prefix)),
  };
}

/**
 * The XPath transform: the expression is evaluated once per node of the input node-set, that
 * node as context, and the nodes for which it is true form the output. `input` is what the
 * earlier transforms left; `start` the subtree it lies in (the document, or the element the
 * URI names); `skip` prunes subtrees the input holds nothing of (enveloped signature).
 */
export function xpathNodeSet(
  doc: XmlDocument,
  start: XmlDocument | XmlElement,
  input: NodeSet,
  xpath: CompiledXPath,
  skip: ((element: XmlElement) => boolean) | undefined,
  budget: number = XPATH_VISIT_BUDGET,
): NodeSet {
  const view = new DomView(doc, budget);
  orderNamespaceNodes(view);
  const output = new ListedNodeSet();
  const options = evaluationOptions(view, xpath, null);
  const holds = (node: unknown): boolean => {
    view.tick();
    return xpath.parsed.evaluate({ ...options, node }).booleanValue();
  };
  const stack: XmlNode[] =
    'kind' in start ? [start] : [...doc.prolog, doc.root, ...doc.epilog].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as XmlNode;
    if (node.kind !== 'element') {
      if (input.leaf(node) && holds(view.node(node))) output.addNode(node);
      continue;
    }
    if (skip?.(node)) continue;
    const el = node;
    if (input.element(el) && holds(view.node(el) as DNode)) output.addNode(el);
    for (const [prefix, uri] of inScopeNamespaces(el)) {
      // The xml namespace node is never rendered: not worth an evaluation.
      if (prefix === 'xml') continue;
      if (input.namespace(el, prefix) && holds(view.namespace(el, prefix, uri))) {
        output.addNamespace(el, prefix);
      }
    }
    for (const a of el.attributes) {
      if (input.attribute(el, a) && holds(view.attribute(el, a))) output.addAttribute(a);
    }
    for (let k = el.children.length - 1; k >= 0; k--) stack.push(el.children[k] as XmlNode);
  }
  return output;
}

/** True when `error` is the engine running out of its budget. */
export function isBudgetExceeded(error: unknown): error is XPathBudgetExceeded {
  return error instanceof XPathBudgetExceeded;
}
