import type { ReadOptions } from '../documents/read.js';

/** `--doctypes <dir>`: more document type definitions beside the shipped ones. */
export const DOCTYPES_OPTION_HELP =
  'folder of document type definitions added to the shipped ones (doctypes/*.json)';

/**
 * The definitions and, when any definition ships an XSD, the libxml2 validator: loaded before
 * the (synchronous) data path starts, or with `lazy` (check, a few documents) only when a
 * document of a type with a shipped schema comes up (util/lazy.ts withLazy).
 */
export async function documentTypeReadOptions(
  options: { doctypes?: string },
  { lazy = false }: { lazy?: boolean } = {},
): Promise<Pick<ReadOptions, 'doctypes' | 'xsd'>> {
  const { loadDoctypes, shippedDoctypes } = await import('../doctypes/load.js');
  const doctypes = options.doctypes ? loadDoctypes(options.doctypes) : shippedDoctypes();
  if (!doctypes.doctypes.some((d) => d.xsd?.shipped)) return { doctypes };
  const { XSD_ENGINE } = await import('../doctypes/xsd.js');
  if (!lazy) await XSD_ENGINE.load();
  return { doctypes, xsd: XSD_ENGINE };
}
