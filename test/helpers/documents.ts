/** An unsigned customs declaration in corridor's XML form, for CLI and engine tests. */
export function unsignedDeclaration(
  commodityCode: string,
  options: { country?: string; padding?: string } = {},
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<CustomsDeclaration xmlns="urn:corridor:customs-declaration:1">${options.padding ?? ''}
  <DeclarationNumber>D-1</DeclarationNumber>
  <IssuingCountry>${options.country ?? 'AA'}</IssuingCountry>
  <Currency>EUR</Currency>
  <GoodsItem>
    <CommodityCode>${commodityCode}</CommodityCode>
  </GoodsItem>
</CustomsDeclaration>
`;
}

export const ACCEPTS_DECLARATIONS = { 'customs-declaration': { accepted: true } };

/** A jurisdiction profile accepting customs declarations, with `extra` merged in. */
export function jurisdiction(id: string, extra: object = {}): object {
  return {
    id,
    name: id,
    kind: 'jurisdiction',
    version: '1',
    documents: ACCEPTS_DECLARATIONS,
    ...extra,
  };
}

/**
 * AA sends; BB requires a signature (an error for unsigned documents); CC warns on commodity
 * codes that are not 8 digits.
 */
export const RECEIVER_PROFILES: Record<string, object> = {
  'AA.json': jurisdiction('AA'),
  'BB.json': jurisdiction('BB', { signature: { required: true } }),
  'CC.json': jurisdiction('CC', {
    documents: {
      'customs-declaration': {
        accepted: true,
        constraints: [
          {
            id: 'hs-8',
            description: 'Commodity codes have 8 digits',
            severity: 'warning',
            schema: {
              properties: {
                goodsItems: { items: { properties: { commodityCode: { pattern: '^[0-9]{8}$' } } } },
              },
            },
          },
        ],
      },
    },
  }),
};
