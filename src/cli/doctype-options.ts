import type { ReadOptions } from '../documents/read.js';

/** `--doctypes <dir>`: more document type definitions beside the shipped ones. */
export const DOCTYPES_OPTION_HELP =
  'folder of document type definitions added to the shipped ones (doctypes/*.json)';

/**
 * The definitions and, when any definition ships an XSD, the libxml2 validator, loaded before
 * the (synchronous) data path starts: documents are then read once and validated once.
 */
export async function documentTypeReadOptions(options: {
  doctypes?: string;
}): Promise<Pick<ReadOptions, 'doctypes' | 'xsd'>> {
  const { loadDoctypes, shippedDoctypes } = await import('../doctypes/load.js');
  const doctypes = options.doctypes ? loadDoctypes(options.doctypes) : shippedDoctypes();
  if (!doctypes.doctypes.some((d) => d.xsd?.shipped)) return { doctypes };
  const { loadXsdEngine } = await import('../doctypes/xsd.js');
  return { doctypes, xsd: await loadXsdEngine() };
}
